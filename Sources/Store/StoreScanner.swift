import Foundation

/// A torn tail found on open: which journal, from which byte, how many bytes.
public struct TornTail: Sendable, Equatable {
  public var file: String
  public var offset: Int
  public var length: Int
}

/// What reading a store folder found, before anything is changed on disk.
struct FolderScan<Model: StoreModel> {
  var state: Model.State
  var storeID: UInt64 = 0
  var snapshotSequence: UInt64 = 0
  var lastSequence: UInt64 = 0
  var isNew = false
  var needsMigration = false
  var snapshotExists = false
  /// Journals still needed, in order, each with its good end.
  var liveJournals: [(name: String, firstSequence: UInt64, goodEnd: Int, size: Int, records: Int)] = []
  var staleJournals: [String] = []
  var temporaryFiles: [String] = []
  var oldFiles: [String] = []
  var torn: TornTail?
  /// The torn bytes themselves, to be kept aside.
  var tornBytes: [UInt8] = []
  /// Journals cut short inside their header: they hold no change, and are set aside on open.
  var headerTornJournals: [String] = []
  var problem: StoreError?
  var legacy: LegacyStore?
  var oldestPayloadVersion: UInt32?
  /// Size of the snapshot's payload, to size the next snapshot's buffer.
  var payloadSize = 0

  mutating func notePayloadVersion(_ version: UInt32) {
    guard version < Model.payloadVersion else { return }
    needsMigration = true
    oldestPayloadVersion = min(oldestPayloadVersion ?? version, version)
  }
}

/// How far reading a store has got, in bytes of its snapshot and journals, for a progress bar.
/// `done` and `total` are given to the closure; `total` counts the files present when reading began.
public typealias StoreProgress = (_ done: Int, _ total: Int) -> Void

/// Reports reading progress as bytes: the snapshot's, then each journal's, against their sum.
struct ScanProgress {
  let report: StoreProgress?
  var total = 0
  /// Bytes of the files finished before the one being read.
  var base = 0

  func at(_ offset: Int) { report?(min(total, base + offset), total) }
}

enum StoreScanner<Model: StoreModel> {
  /// Reads everything in `folder` without writing a byte: snapshot, journals, replay.
  ///
  /// Another process may be writing a snapshot meanwhile (`check` and `export` take no lock): it
  /// renames the new snapshot in and then deletes the journals it covers, so a journal listed a
  /// moment ago can be gone when it is read. That is not damage: the folder is read again, and
  /// the new snapshot covers what the journal held.
  static func scan(folder: String, fileSystem fs: any FileSystem, progress: StoreProgress? = nil)
    -> FolderScan<Model>
  {
    var attempt = 0
    while true {
      let scan = scanOnce(folder: folder, fileSystem: fs, progress: progress)
      attempt += 1
      guard attempt < 10, case .fileSystem(let error)? = scan.problem, error.code == FileSystemError.notFound
      else { return scan }
    }
  }

  private static func scanOnce(folder: String, fileSystem fs: any FileSystem, progress: StoreProgress?)
    -> FolderScan<Model>
  {
    var scan = FolderScan<Model>(state: Model.emptyState())
    let names: [String]
    do throws(FileSystemError) {
      names = try fs.list(folder)
    } catch {
      scan.problem = .fileSystem(error)
      return scan
    }
    scan.temporaryFiles = names.filter { $0.hasSuffix(StoreFiles.temporarySuffix) }
    scan.oldFiles = names.filter { $0.hasSuffix(StoreFiles.oldSuffix) }
    let journals = names.compactMap { name in StoreFiles.journalFirstSequence(name).map { (name, $0) } }
      .sorted { $0.1 < $1.1 }
    scan.snapshotExists = names.contains(StoreFiles.snapshot)

    if !scan.snapshotExists {
      if !journals.isEmpty {
        scan.problem = .missingSnapshot(file: StoreFiles.snapshot)
      } else if let legacy = LegacyStore.find(in: names) {
        scan.legacy = legacy
        scan.needsMigration = true
        LegacyStore.load(into: &scan, folder: folder, fileSystem: fs)
      } else {
        scan.isNew = true
      }
      return scan
    }
    var reading = ScanProgress(report: progress)
    if progress != nil {
      reading.total = ([StoreFiles.snapshot] + journals.map(\.0)).reduce(0) { sum, name in
        sum + size(of: folder + "/" + name, fileSystem: fs)
      }
      reading.at(0)
    }
    loadSnapshot(into: &scan, folder: folder, fileSystem: fs, progress: &reading)
    if scan.problem != nil { return scan }
    replayJournals(journals, into: &scan, folder: folder, fileSystem: fs, progress: &reading)
    reading.at(reading.total)
    return scan
  }

  /// The size of a file, 0 when it cannot be read (the read itself reports the failure).
  private static func size(of path: String, fileSystem fs: any FileSystem) -> Int {
    guard let file = try? fs.open(path, .read) else { return 0 }
    defer { fs.close(file) }
    return (try? fs.size(file)) ?? 0
  }

  private static func loadSnapshot(
    into scan: inout FolderScan<Model>, folder: String, fileSystem fs: any FileSystem,
    progress: inout ScanProgress
  ) {
    let name = StoreFiles.snapshot
    let file: OpenFile
    do throws(FileSystemError) {
      file = try fs.open(folder + "/" + name, .read)
    } catch {
      scan.problem = .fileSystem(error)
      return
    }
    defer { fs.close(file) }
    // The header and the table of parts first; a format-2 snapshot's parts are then read one by one
    // by the threads that decode them, so the whole file is never in memory at once.
    let fileSize: Int
    let head: [UInt8]
    let trailer: [UInt8]
    do throws(FileSystemError) {
      fileSize = try fs.size(file)
      let first = try fs.readBytes(file, at: 0, count: min(fileSize, SnapshotParser.headerAndCount))
      let length = first.withUnsafeBytes { SnapshotParser.headLength(first: $0, fileSize: fileSize) }
      head = length > first.count ? try fs.readBytes(file, at: 0, count: length) : first
      trailer = fileSize >= 4 ? try fs.readBytes(file, at: fileSize - 4, count: 4) : []
    } catch {
      scan.problem = .fileSystem(error)
      return
    }
    let stored =
      trailer.count == 4
      ? trailer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } : 0
    let parsed = head.withUnsafeBytes { raw in
      SnapshotParser.parse(
        name: name, head: raw, fileSize: fileSize, trailer: stored, supportedPayload: Model.payloadVersion)
    }
    switch parsed {
    case .failure(let error):
      scan.problem = error
    case .success(let snapshot) where snapshot.format >= 2:
      let reading = progress
      let decoded = SnapshotPartsReader<Model>.read(
        file, fileSystem: fs, parts: snapshot.parts, version: snapshot.payloadVersion, name: name,
        progress: reading.report == nil ? nil : { reading.at($0) })
      switch decoded {
      case .success(let state):
        accept(state, snapshot, into: &scan, fileSize: fileSize, progress: &progress)
      case .failure(let error):
        scan.problem = error
      }
    case .success:
      loadWholeSnapshot(into: &scan, file: file, fileSize: fileSize, fileSystem: fs, progress: &progress)
    }
  }

  /// A format-1 snapshot: one payload, read whole; decoded on this thread while its checksum runs on
  /// another.
  private static func loadWholeSnapshot(
    into scan: inout FolderScan<Model>, file: OpenFile, fileSize: Int, fileSystem fs: any FileSystem,
    progress: inout ScanProgress
  ) {
    let name = StoreFiles.snapshot
    let bytes: [UInt8]
    do throws(FileSystemError) {
      bytes = try fs.readBytes(file, at: 0, count: fileSize)
    } catch {
      scan.problem = .fileSystem(error)
      return
    }
    let parsed = bytes.withUnsafeBytes { raw in
      SnapshotParser.parse(name: name, raw: raw, supportedPayload: Model.payloadVersion)
    }
    switch parsed {
    case .failure(let error):
      scan.problem = error
    case .success(let snapshot):
      let checksum = SnapshotParser.checksumInBackground(bytes, range: snapshot.payloadRange)
      let decoded: Result<Model.State, PayloadError>
      do throws(PayloadError) {
        let reading = progress
        decoded = .success(
          try Model.decodeState(
            bytes, range: snapshot.payloadRange, version: snapshot.payloadVersion,
            progress: reading.report == nil ? nil : { reading.at($0) }))
      } catch {
        decoded = .failure(error)
      }
      // A checksum failure is the better report: decoding garbage fails in arbitrary places.
      guard checksum() == snapshot.storedChecksum else {
        scan.problem = SnapshotParser.checksumFailure(name: name, range: snapshot.payloadRange)
        return
      }
      switch decoded {
      case .success(let state):
        accept(state, snapshot, into: &scan, fileSize: bytes.count, progress: &progress)
      case .failure(let error):
        scan.problem = .corruptSnapshot(
          file: name, offset: snapshot.payloadRange.lowerBound, reason: error.reason)
      }
    }
  }

  private static func accept(
    _ state: Model.State, _ snapshot: ParsedSnapshot, into scan: inout FolderScan<Model>, fileSize: Int,
    progress: inout ScanProgress
  ) {
    scan.state = state
    scan.storeID = snapshot.storeID
    scan.snapshotSequence = snapshot.sequence
    scan.lastSequence = snapshot.sequence
    scan.payloadSize = snapshot.payloadRange.count
    scan.notePayloadVersion(snapshot.payloadVersion)
    progress.base += fileSize
    progress.at(0)
  }

  private static func replayJournals(
    _ journals: [(String, UInt64)], into scan: inout FolderScan<Model>, folder: String,
    fileSystem fs: any FileSystem, progress: inout ScanProgress
  ) {
    for (index, (name, first)) in journals.enumerated() {
      let isLast = index == journals.count - 1
      // Every change in it is in the snapshot when the next journal starts at or before the snapshot's end.
      if !isLast, journals[index + 1].1 <= scan.snapshotSequence + 1 {
        scan.staleJournals.append(name)
        continue
      }
      let bytes: [UInt8]
      do throws(FileSystemError) {
        bytes = try fs.readWholeFile(folder + "/" + name)
      } catch {
        scan.problem = .fileSystem(error)
        return
      }
      let journal: ParsedJournal
      switch JournalParser.parse(
        name: name, bytes: bytes, storeID: scan.storeID, supportedPayload: Model.payloadVersion)
      {
      case .failure(let error):
        scan.problem = error
        return
      case .success(let parsed):
        journal = parsed
      }
      let expected = scan.lastSequence + 1
      if journal.headerTorn {
        // Being created when the program stopped: no change can be in it.
        scan.headerTornJournals.append(name)
        continue
      }
      if first > expected {
        scan.problem = .sequenceGap(file: name, offset: 0, expected: expected, found: first)
        return
      }
      if journal.tornLength > 0 {
        if !isLast {
          // A cut-short journal followed by another: only harmless if the next one carries on exactly.
          let next = journals[index + 1].1
          if next != journal.lastSequence + 1 {
            scan.problem = .corruptRecord(file: name, offset: journal.goodEnd)
            return
          }
        }
        scan.torn = TornTail(file: name, offset: journal.goodEnd, length: journal.tornLength)
        scan.tornBytes = Array(bytes[journal.goodEnd...])
      }
      scan.notePayloadVersion(journal.payloadVersion)
      if !replay(journal, from: expected, into: &scan, progress: progress) { return }
      progress.base += bytes.count
      scan.liveJournals.append(
        (
          name: name, firstSequence: first, goodEnd: journal.goodEnd, size: bytes.count,
          records: journal.records.count
        ))
    }
  }

  private static func replay(
    _ journal: ParsedJournal, from expected: UInt64, into scan: inout FolderScan<Model>,
    progress: ScanProgress
  ) -> Bool {
    var state = scan.state
    for (index, record) in journal.records.enumerated() where record.sequence >= expected {
      if index & 255 == 255 { progress.at(record.offset) }
      do throws(PayloadError) {
        let actor = try Model.decodeActor(journal.bytes, range: record.actor, version: journal.payloadVersion)
        let change = try Model.decodeChange(
          journal.bytes, range: record.payload, version: journal.payloadVersion)
        do throws(Model.Failure) {
          state = try Model.replay(change, to: state, actor: actor, now: Stamp.date(record.micros)).state
        } catch {
          scan.problem = .replayFailed(
            file: journal.name, offset: record.offset, reason: Model.message(for: error, in: .en))
          return false
        }
      } catch {
        scan.problem = .replayFailed(file: journal.name, offset: record.offset, reason: error.reason)
        return false
      }
      scan.lastSequence = record.sequence
    }
    scan.state = state
    return true
  }
}
