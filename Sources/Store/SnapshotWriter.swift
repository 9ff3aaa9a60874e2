import Foundation
import Glibc

/// Writes snapshot files: temp file in the same folder, fsync, keep the old one in `backups/`,
/// rename over, fsync the folder.
enum SnapshotWriter<Model: StoreModel> {
  static func write(
    state: Model.State, sequence: UInt64, storeID: UInt64, previousSequence: UInt64?, folder: String,
    backupsKept: Int, now: Date, partBytes: Int = StoreOptions.defaultSnapshotPartBytes,
    fileSystem fs: any FileSystem
  ) throws(FileSystemError) -> Int {
    // Format 2: a table of the parts, then the parts; each part is checksummed on a second thread
    // while the parts are written, and the header and table go in last, when the checksums are known.
    let parts = Model.encodeParts(state: state, partBytes: partBytes)
    let ranges = SnapshotPartTable.layout(
      lengths: parts.map(\.count), payloadStart: StoreFiles.snapshotHeaderSize)
    let payloadLength = SnapshotPartTable.size(parts: parts.count) + parts.reduce(0) { $0 + $1.count }
    let header = StoreFiles.snapshotHeader(
      payloadVersion: Model.payloadVersion, storeID: storeID, sequence: sequence,
      createdMicros: Stamp.micros(now),
      payloadLength: payloadLength)
    let checksums = SnapshotParser.checksumsInBackground(parts)
    let target = folder + "/" + StoreFiles.snapshot
    let temporary = target + StoreFiles.temporarySuffix
    // A stale temporary (or a link planted in its place) is removed, never written through.
    try? fs.unlink(temporary)
    let file = try fs.open(temporary, .createNew)
    do throws(FileSystemError) {
      var unflushed = 0
      for (part, range) in zip(parts, ranges) {
        try writeChunked(part, to: file, at: range.lowerBound, unflushed: &unflushed, fileSystem: fs)
      }
      let table = SnapshotPartTable.encode(
        zip(ranges, checksums()).map { SnapshotPart(range: $0.0, checksum: $0.1) })
      try fs.writeAll(file, header + table, at: 0)
      var trailer = ByteSink(capacity: 4)
      trailer.put(CRC32C.checksum(table))
      try fs.writeAll(file, trailer.bytes, at: header.count + payloadLength)
      try fs.fsync(file)
    } catch {
      _ = checksums()  // let the checksum thread finish: no work outlives a failed snapshot
      fs.close(file)
      try? fs.unlink(temporary)
      throw error
    }
    fs.close(file)
    if let previousSequence, fs.exists(target) {
      let backup = folder + "/" + StoreFiles.backups + "/" + StoreFiles.backupName(sequence: previousSequence)
      if fs.exists(backup) { try? fs.unlink(backup) }
      // A hard link keeps the old snapshot without a moment where no snapshot exists.
      do throws(FileSystemError) {
        try fs.link(target, to: backup)
      } catch {
        try? fs.unlink(temporary)
        throw error
      }
    }
    do throws(FileSystemError) {
      try fs.rename(temporary, to: target)
    } catch {
      try? fs.unlink(temporary)
      throw error
    }
    try fs.syncFolder(folder)
    pruneBackups(folder: folder, keep: backupsKept, fileSystem: fs)
    return payloadLength
  }

  /// Bounded writes, flushed every few megabytes as Redis does with its snapshots: a single flush of
  /// hundreds of dirty megabytes at the end would hold the file system's journal for long enough to
  /// stall the journal appends the user's thread keeps making meanwhile.
  private static func writeChunked(
    _ bytes: [UInt8], to file: OpenFile, at offset: Int, unflushed: inout Int, fileSystem fs: any FileSystem
  )
    throws(FileSystemError)
  {
    let chunk = 4 << 20
    let flushEvery = 16 << 20
    var pending = unflushed
    defer { unflushed = pending }
    let result: Result<Void, FileSystemError> = bytes.withUnsafeBytes { raw in
      var start = 0
      var unflushed = pending
      defer { pending = unflushed }
      while start < raw.count {
        let end = min(raw.count, start + chunk)
        do throws(FileSystemError) {
          try fs.writeAll(file, UnsafeRawBufferPointer(rebasing: raw[start..<end]), at: offset + start)
          unflushed += end - start
          if unflushed >= flushEvery {
            try fs.fdatasync(file)
            unflushed = 0
          }
        } catch {
          return .failure(error)
        }
        start = end
      }
      return .success(())
    }
    try result.get()
  }

  static func pruneBackups(folder: String, keep: Int, fileSystem fs: any FileSystem) {
    let backups = folder + "/" + StoreFiles.backups
    guard let names = try? fs.list(backups) else { return }
    let ordered = names.compactMap { name in StoreFiles.backupSequence(name).map { (name, $0) } }
      .sorted { $0.1 > $1.1 }
    for (name, _) in ordered.dropFirst(keep) { try? fs.unlink(backups + "/" + name) }
  }
}

/// A snapshot being written on a background thread; the owner polls it or waits for it.
final class SnapshotJob: @unchecked Sendable {
  /// Where and what to write; everything the thread needs, frozen.
  struct Plan<Model: StoreModel>: Sendable {
    var state: Model.State
    var sequence: UInt64
    var storeID: UInt64
    var previousSequence: UInt64
    var oldJournal: OpenFile?
    var coveredJournals: [String]
    var folder: String
    var backupsKept: Int
    var now: Date
    var partBytes: Int
  }

  let sequence: UInt64
  /// Journals whose changes the snapshot covers; removed once it is in place.
  let coveredJournals: [String]
  private let guardLock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private var outcome: Result<UInt64, StoreError>?
  private var writtenPayload = 0

  init(sequence: UInt64, coveredJournals: [String]) {
    self.sequence = sequence
    self.coveredJournals = coveredJournals
  }

  var result: Result<UInt64, StoreError>? { guardLock.withLock { outcome } }
  /// Payload bytes of the snapshot written (0 until it succeeded).
  var payloadSize: Int { guardLock.withLock { writtenPayload } }

  func wait() -> Result<UInt64, StoreError> {
    finished.wait()
    finished.signal()
    return guardLock.withLock { outcome } ?? .failure(.unusable("snapshot"))
  }

  func finish(_ result: Result<Int, StoreError>) {
    guardLock.withLock {
      switch result {
      case .success(let size):
        writtenPayload = size
        outcome = .success(sequence)
      case .failure(let error):
        outcome = .failure(error)
      }
    }
    finished.signal()
  }

  /// Starts the work on its own thread: flush the old journal, write the snapshot, drop covered journals.
  static func start<Model: StoreModel>(_ plan: Plan<Model>, fileSystem fs: any FileSystem) -> SnapshotJob {
    let job = SnapshotJob(sequence: plan.sequence, coveredJournals: plan.coveredJournals)
    let thread = Thread {
      // On a small machine the user's thread must win the processor over the snapshot (Linux: per thread).
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
      job.finish(run(plan, fileSystem: fs))
    }
    thread.stackSize = 8 << 20
    thread.start()
    return job
  }

  static func run<Model: StoreModel>(_ plan: Plan<Model>, fileSystem fs: any FileSystem) -> Result<
    Int, StoreError
  > {
    if let oldJournal = plan.oldJournal {
      defer { fs.close(oldJournal) }
      do throws(FileSystemError) {
        try fs.fdatasync(oldJournal)
        // The new journal's name must be durable too, whatever happens to the snapshot.
        try fs.syncFolder(plan.folder)
      } catch {
        return .failure(.syncFailed(error))
      }
    }
    let size: Int
    do throws(FileSystemError) {
      size = try SnapshotWriter<Model>.write(
        state: plan.state, sequence: plan.sequence, storeID: plan.storeID,
        previousSequence: plan.previousSequence,
        folder: plan.folder, backupsKept: plan.backupsKept, now: plan.now, partBytes: plan.partBytes,
        fileSystem: fs)
    } catch {
      return .failure(.snapshotFailed(error))
    }
    for name in plan.coveredJournals { try? fs.unlink(plan.folder + "/" + name) }
    try? fs.syncFolder(plan.folder)
    return .success(size)
  }
}
