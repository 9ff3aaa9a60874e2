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
    // Format 2: a table of the parts, then the parts. The parts' lengths come first, from an encoding
    // pass that keeps only each part's length, so that the table's size and every part's offset are
    // known; then each part is encoded again, checksummed, written at its offset and let go. Only one
    // part's bytes are in memory at a time, not the whole snapshot's (at a million records that was
    // some 230 MB more at the store's peak). The header and table go in last, with the checksums.
    var lengths: [Int] = []
    Model.forEachPart(state: state, partBytes: partBytes) { lengths.append($0.count) }
    let ranges = SnapshotPartTable.layout(lengths: lengths, payloadStart: StoreFiles.snapshotHeaderSize)
    let payloadLength = SnapshotPartTable.size(parts: lengths.count) + lengths.reduce(0, +)
    let header = StoreFiles.snapshotHeader(
      payloadVersion: Model.payloadVersion, storeID: storeID, sequence: sequence,
      createdMicros: Stamp.micros(now),
      payloadLength: payloadLength)
    let target = folder + "/" + StoreFiles.snapshot
    let temporary = target + StoreFiles.temporarySuffix
    // A stale temporary (or a link planted in its place) is removed, never written through.
    try? fs.unlink(temporary)
    let file = try fs.open(temporary, .createNew)
    do throws(FileSystemError) {
      var unflushed = 0
      var checksums: [UInt32] = []
      var failure: FileSystemError?
      Model.forEachPart(state: state, partBytes: partBytes) { part in
        guard failure == nil else { return }
        let index = checksums.count
        // The same state encodes to the same parts; anything else must not be written as them.
        guard index < ranges.count, part.count == ranges[index].count else {
          failure = FileSystemError(operation: "encode", path: temporary, code: FileSystemError.ioError)
          return
        }
        checksums.append(CRC32C.checksum(part))
        do throws(FileSystemError) {
          try writeChunked(
            part, to: file, at: ranges[index].lowerBound, unflushed: &unflushed, fileSystem: fs)
        } catch {
          failure = error
        }
      }
      if let failure { throw failure }
      guard checksums.count == ranges.count else {
        throw FileSystemError(operation: "encode", path: temporary, code: FileSystemError.ioError)
      }
      let table = SnapshotPartTable.encode(
        zip(ranges, checksums).map { SnapshotPart(range: $0.0, checksum: $0.1) })
      try fs.writeAll(file, header + table, at: 0)
      var trailer = ByteSink(capacity: 4)
      trailer.put(CRC32C.checksum(table))
      try fs.writeAll(file, trailer.bytes, at: header.count + payloadLength)
      try fs.fsync(file)
    } catch {
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
