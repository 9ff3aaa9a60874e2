import Foundation
import Localization

/// The durable store: the current state in memory, every change journaled before it is acknowledged,
/// snapshots written in the background, undo and redo, drafts. Used from one thread; only the
/// snapshot writer runs on another, from a frozen copy of the state.
public final class DurableStore<Model: StoreModel> {
  /// The inverse of the change last applied (an apply, an undo or a redo): it names every record
  /// that change touched, so that derived rows and tallies can follow it instead of recounting.
  public private(set) var lastInverse: Model.Change?
  /// The change last applied (for an undo, the inverse it took from the history).
  public private(set) var lastApplied: Model.Change?

  /// A change done, with what takes it back.
  private struct HistoryEntry {
    var inverse: Model.Change
    var wording: Wording
  }

  /// What a change did, for the undo message. Naming records needs the state before the change. For a
  /// small change that old state costs little to keep (it shares all but a few nodes with the current
  /// one), so wording waits until an undo asks for it; a large change (an import) would keep a large
  /// part of an old state alive, so it is worded at once.
  private enum Wording {
    case worded(zh: String, en: String)
    case later(change: Model.Change, before: Model.State)

    var words: (zh: String, en: String) {
      switch self {
      case .worded(let zh, let en):
        return (zh, en)
      case .later(let change, let before):
        return (
          Model.summary(of: change, before: before, in: .zh),
          Model.summary(of: change, before: before, in: .en)
        )
      }
    }
  }

  /// Journal payloads above this size are worded at once (see `Wording`).
  private static var wordNowAbove: Int { 4096 }

  public let folder: String
  public let report: OpenReport
  public let options: StoreOptions
  public private(set) var state: Model.State
  /// Sequence number of the last change applied (and journaled).
  public private(set) var lastSequence: UInt64
  /// Sequence number covered by the snapshot on disk.
  public private(set) var snapshotSequence: UInt64

  let fileSystem: any FileSystem
  private let storeID: UInt64
  private var lockFile: OpenFile?
  private var journal: OpenFile?
  private var journalEnd: Int
  /// Journal files holding changes after the snapshot, oldest first; the last is being written.
  private var liveJournals: [String]
  private var hasUnsynced = false
  private var lastSync: Date
  private var failure: StoreError?
  private var undoStack: [HistoryEntry] = []
  private var redoStack: [HistoryEntry] = []
  private var job: SnapshotJob?
  private var finishedSnapshots: [Result<UInt64, StoreError>] = []
  /// Payload size of the last snapshot, to size the next one's buffer.
  private var payloadSize = 0
  /// Journal bytes appended since the last snapshot started: roughly how much the state grew.
  private var journaledSinceSnapshot = 0
  /// Journal bytes appended in this run (for the benchmark's bytes per change).
  public private(set) var journalBytesWritten = 0
  /// Every change applied is appended here too, hash-chained, and kept across snapshots (`AuditLog`).
  public private(set) var audit: AuditLog?

  private init(
    folder: String, report: OpenReport, options: StoreOptions, state: Model.State, lastSequence: UInt64,
    snapshotSequence: UInt64, fileSystem: any FileSystem, storeID: UInt64, lockFile: OpenFile,
    journal: OpenFile, journalEnd: Int, liveJournals: [String], now: Date
  ) {
    self.folder = folder
    self.report = report
    self.options = options
    self.state = state
    self.lastSequence = lastSequence
    self.snapshotSequence = snapshotSequence
    self.fileSystem = fileSystem
    self.storeID = storeID
    self.lockFile = lockFile
    self.journal = journal
    self.journalEnd = journalEnd
    self.liveJournals = liveJournals
    self.lastSync = now
  }

  deinit {
    // Dropped without `close()`: like a crash, but the descriptors (and the lock) go back at once.
    if let job { _ = job.wait() }
    if let journal { fileSystem.close(journal) }
    if let lockFile { fileSystem.close(lockFile) }
  }

  public var canUndo: Bool { !undoStack.isEmpty }
  /// True while changes are written but not yet flushed to disk (the status bar says "saving").
  public var hasUnsyncedChanges: Bool { hasUnsynced }
  public var canRedo: Bool { !redoStack.isEmpty }
  /// True while a snapshot is being written in the background.
  public var isSnapshotting: Bool { job != nil }

  /// The size of the snapshot file on disk now (0 when there is none), for the store's benchmark.
  public var snapshotFileBytes: Int {
    ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + StoreFiles.snapshot))?[.size] as? Int)
      ?? 0
  }
  /// Set after a write or sync failure: the store accepts no more changes in this run.
  public var unusableReason: StoreError? { failure }

  // MARK: Opening

  /// Opens (or creates) the store in `folder`: takes the lock, loads the snapshot, replays the
  /// journal, cuts a torn tail, migrates an older format. Damage anywhere else is refused with
  /// the file and byte offset, and nothing is changed. `progress` hears how many bytes of the
  /// files are read (see `StoreProgress`).
  public static func open(
    folder: String, fileSystem fs: any FileSystem = POSIXFileSystem(), options: StoreOptions = StoreOptions(),
    now: Date = Date(), progress: StoreProgress? = nil
  ) throws(StoreError) -> DurableStore {
    do throws(FileSystemError) {
      try fs.makeFolder(folder)
    } catch {
      throw .fileSystem(error)
    }
    try StoreFolder.checkSafety(folder)
    let lockFile = try takeLock(folder: folder, fileSystem: fs)
    do throws(StoreError) {
      return try openLocked(
        folder: folder, fileSystem: fs, options: options, now: now, lockFile: lockFile, progress: progress)
    } catch {
      fs.close(lockFile)
      throw error
    }
  }

  private static func takeLock(folder: String, fileSystem fs: any FileSystem) throws(StoreError) -> OpenFile {
    let path = folder + "/" + StoreFiles.lock
    let file: OpenFile
    var taken: Bool
    do throws(FileSystemError) {
      file = try fs.open(path, .readWriteCreate)
      taken = try fs.tryLock(file)
    } catch {
      throw .fileSystem(error)
    }
    var attempts = 0
    while !taken {
      let holder = try? fs.readWholeFile(path)
      let text = holder.map { String(decoding: $0, as: UTF8.self) } ?? ""
      let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
      // Our own pid: either a second opener in this process, or a child process being spawned that
      // holds a copy of the lock's descriptor until it execs (close-on-exec). Wait out the latter.
      attempts += 1
      guard pid == ProcessInfo.processInfo.processIdentifier, attempts <= 40 else {
        fs.close(file)
        throw .locked(folder: folder, pid: pid)
      }
      usleep(5_000)
      taken = (try? fs.tryLock(file)) ?? false
    }
    do throws(FileSystemError) {
      try fs.truncate(file, to: 0)
      try fs.writeAll(file, Array("\(ProcessInfo.processInfo.processIdentifier)\n".utf8), at: 0)
    } catch {
      fs.close(file)
      throw .fileSystem(error)
    }
    return file
  }

  private static func openLocked(
    folder: String, fileSystem fs: any FileSystem, options: StoreOptions, now: Date, lockFile: OpenFile,
    progress: StoreProgress?
  ) throws(StoreError) -> DurableStore {
    var scan = StoreScanner<Model>.scan(folder: folder, fileSystem: fs, progress: progress)
    if let problem = scan.problem { throw problem }
    var report = OpenReport()
    do throws(FileSystemError) {
      try fs.makeFolder(folder + "/" + StoreFiles.backups)
      try fs.makeFolder(folder + "/" + StoreFiles.drafts)
      if scan.isNew {
        scan.storeID = UInt64.random(in: 1...UInt64.max)
        _ = try SnapshotWriter<Model>.write(
          state: scan.state, sequence: 0, storeID: scan.storeID, previousSequence: nil, folder: folder,
          backupsKept: options.backupsKept, now: now, partBytes: options.snapshotPartBytes, fileSystem: fs)
        report.created = true
      } else if scan.legacy != nil {
        scan.storeID = UInt64.random(in: 1...UInt64.max)
      }
      // Only now, with everything read and checked, is anything on disk changed.
      for name in scan.temporaryFiles {
        try fs.unlink(folder + "/" + name)
        report.removedTemporaryFiles.append(name)
      }
      for name in scan.oldFiles {
        try fs.unlink(folder + "/" + name)
        report.removedOldFiles.append(name)
      }
      if let torn = scan.torn {
        report.torn = torn
        report.tornKeptAs = try keepTornTail(scan: scan, torn: torn, folder: folder, now: now, fileSystem: fs)
      }
      for name in scan.headerTornJournals {
        let kept = name + "." + String(Stamp.micros(now)) + StoreFiles.tornSuffix
        try fs.rename(folder + "/" + name, to: folder + "/" + kept)
        report.setAside.append(kept)
      }
      for name in scan.staleJournals {
        try fs.unlink(folder + "/" + name)
        report.removedStaleJournals.append(name)
      }
      try fs.syncFolder(folder)
    } catch {
      throw .fileSystem(error)
    }
    report.snapshotSequence = scan.snapshotSequence
    report.lastSequence = scan.lastSequence
    report.replayedChanges = Int(scan.lastSequence - scan.snapshotSequence)

    if scan.needsMigration {
      try migrate(scan: &scan, report: &report, folder: folder, options: options, now: now, fileSystem: fs)
    }
    var live = scan.liveJournals.map(\.name)
    let journal: OpenFile
    let journalEnd: Int
    do throws(FileSystemError) {
      if let last = scan.liveJournals.last {
        journal = try fs.open(folder + "/" + last.name, .readWriteCreate)
        journalEnd = last.goodEnd
      } else {
        (journal, journalEnd) = try createJournal(
          folder: folder, storeID: scan.storeID, firstSequence: scan.lastSequence + 1, fileSystem: fs)
        live.append(StoreFiles.journalName(firstSequence: scan.lastSequence + 1))
        try fs.syncFolder(folder)
      }
    } catch {
      throw .fileSystem(error)
    }
    let store = DurableStore(
      folder: folder, report: report, options: options, state: scan.state, lastSequence: scan.lastSequence,
      snapshotSequence: scan.snapshotSequence, fileSystem: fs, storeID: scan.storeID, lockFile: lockFile,
      journal: journal, journalEnd: journalEnd, liveJournals: live, now: now)
    store.payloadSize = scan.payloadSize
    do throws(FileSystemError) {
      store.audit = try AuditLog.open(
        storeFolder: folder, fileSystem: fs, options: options.audit, payloadVersion: Model.payloadVersion,
        storeLastSequence: scan.lastSequence, now: now)
    } catch {
      throw .fileSystem(error)
    }
    return store
  }

  private static func keepTornTail(
    scan: FolderScan<Model>, torn: TornTail, folder: String, now: Date, fileSystem fs: any FileSystem
  ) throws(FileSystemError) -> String {
    let kept = torn.file + "." + String(Stamp.micros(now)) + StoreFiles.tornSuffix
    let keptFile = try fs.open(folder + "/" + kept, .createTruncate)
    do throws(FileSystemError) {
      try fs.writeAll(keptFile, scan.tornBytes, at: 0)
      try fs.fsync(keptFile)
    } catch {
      fs.close(keptFile)
      throw error
    }
    fs.close(keptFile)
    let journal = try fs.open(folder + "/" + torn.file, .readWriteCreate)
    defer { fs.close(journal) }
    try fs.truncate(journal, to: torn.offset)
    try fs.fsync(journal)
    return kept
  }

  static func createJournal(
    folder: String, storeID: UInt64, firstSequence: UInt64, fileSystem fs: any FileSystem
  )
    throws(FileSystemError) -> (OpenFile, Int)
  {
    let name = StoreFiles.journalName(firstSequence: firstSequence)
    let header = StoreFiles.journalHeader(
      payloadVersion: Model.payloadVersion, storeID: storeID, firstSequence: firstSequence)
    let file = try fs.open(folder + "/" + name, .createTruncate)
    do throws(FileSystemError) {
      try fs.writeAll(file, header, at: 0)
    } catch {
      fs.close(file)
      try? fs.unlink(folder + "/" + name)
      throw error
    }
    return (file, header.count)
  }

  /// Writes the migrated state as a snapshot at once; the old files are renamed aside and kept
  /// until the next successful open.
  private static func migrate(
    scan: inout FolderScan<Model>, report: inout OpenReport, folder: String, options: StoreOptions, now: Date,
    fileSystem fs: any FileSystem
  ) throws(StoreError) {
    var keep: [String] = []
    if let legacy = scan.legacy { keep = legacy.files }
    keep += scan.liveJournals.map(\.name)
    do throws(FileSystemError) {
      // The snapshot being replaced is kept whole in backups/ by the writer.
      scan.payloadSize = try SnapshotWriter<Model>.write(
        state: scan.state, sequence: scan.lastSequence, storeID: scan.storeID,
        previousSequence: scan.snapshotExists ? scan.snapshotSequence : nil, folder: folder,
        backupsKept: options.backupsKept, now: now, partBytes: options.snapshotPartBytes, fileSystem: fs)
      for name in keep {
        try fs.rename(folder + "/" + name, to: folder + "/" + name + StoreFiles.oldSuffix)
      }
      try fs.syncFolder(folder)
    } catch {
      throw .fileSystem(error)
    }
    report.migratedFromFormat = scan.legacy != nil ? 0 : StoreFiles.format
    report.migratedFromPayloadVersion = scan.oldestPayloadVersion
    scan.liveJournals = []
    scan.snapshotSequence = scan.lastSequence
  }
}

// MARK: - Changing

extension DurableStore {
  /// Applies a change and appends it to the journal before returning: when this returns, the change
  /// survives the program being killed (and, after the next `sync`, the machine losing power).
  @discardableResult
  public func apply(_ change: Model.Change, actor: Model.ActingUser, now: Date) throws(StoreError) -> UInt64 {
    let before = state
    let (inverse, payloadSize) = try applyJournaled(change, actor: actor, now: now)
    let wording = Wording.later(change: change, before: before)
    if payloadSize > Self.wordNowAbove {
      let words = wording.words
      undoStack.append(HistoryEntry(inverse: inverse, wording: .worded(zh: words.zh, en: words.en)))
    } else {
      undoStack.append(HistoryEntry(inverse: inverse, wording: wording))
    }
    if undoStack.count > options.undoDepth { undoStack.removeFirst(undoStack.count - options.undoDepth) }
    redoStack.removeAll()
    return lastSequence
  }

  /// Takes back the last change (as a new journaled change, so it survives restarts).
  @discardableResult
  public func undo(actor: Model.ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    guard let entry = undoStack.last else { throw .nothingToUndo }
    let (inverse, _) = try applyJournaled(entry.inverse, actor: actor, now: now)
    undoStack.removeLast()
    let words = entry.wording.words
    redoStack.append(HistoryEntry(inverse: inverse, wording: .worded(zh: words.zh, en: words.en)))
    return step("store.undo.done", words)
  }

  /// Does again the change last undone.
  @discardableResult
  public func redo(actor: Model.ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    guard let entry = redoStack.last else { throw .nothingToRedo }
    let (inverse, _) = try applyJournaled(entry.inverse, actor: actor, now: now)
    redoStack.removeLast()
    undoStack.append(HistoryEntry(inverse: inverse, wording: entry.wording))
    return step("store.redo.done", entry.wording.words)
  }

  private func step(_ key: String, _ words: (zh: String, en: String)) -> HistoryStep {
    HistoryStep(sequence: lastSequence, zh: tr(key, .zh, words.zh), en: tr(key, .en, words.en))
  }

  /// Applies, journals, and returns the change that takes it back and the size of the journaled payload.
  private func applyJournaled(_ change: Model.Change, actor: Model.ActingUser, now: Date) throws(StoreError)
    -> (Model.Change, Int)
  {
    if let failure { throw .unusable(failure.message(in: .en)) }
    collectSnapshot()
    guard let journal else { throw .unusable("closed") }
    let micros = Stamp.micros(now)
    let applied: ModelApplied<Model.State, Model.Change>
    do throws(Model.Failure) {
      applied = try Model.apply(change, to: state, actor: actor, now: Stamp.date(micros))
    } catch {
      throw .rejected(
        RejectedChange(
          zh: Model.message(for: error, in: .zh), en: Model.message(for: error, in: .en),
          underlying: error))
    }
    let payload = Model.encode(change: change)
    let actorBytes = Model.encode(actor: actor)
    // Refused before a byte is written: a record the reader would refuse must never be acknowledged.
    let body = 18 + actorBytes.count + payload.count
    let limit = min(options.maximumRecordBytes, StoreFiles.maximumRecordBody)
    guard body <= limit, actorBytes.count <= Int(UInt16.max) else {
      throw .changeTooLarge(bytes: body, limit: limit)
    }
    let record = StoreFiles.record(
      sequence: lastSequence + 1, micros: micros, actor: actorBytes, payload: payload)
    // The audit entry first, then the journal record: a change that reaches the journal is always in
    // the audit log; one that does not is taken back out of it (or, after a crash, noted on open).
    let auditMark = audit?.mark
    do throws(FileSystemError) {
      try audit?.append(
        journalSequence: lastSequence + 1, micros: micros, kind: .change, actor: actorBytes,
        content: Model.auditContent(of: change, payload: payload, before: state, applied: applied))
    } catch {
      throw .writeFailed(error)
    }
    do throws(FileSystemError) {
      try fileSystem.writeAll(journal, record, at: journalEnd)
    } catch {
      if let auditMark { audit?.takeBack(to: auditMark) }
      // Cut what may have reached the file, so that the journal ends on a whole record again.
      do throws(FileSystemError) {
        try fileSystem.truncate(journal, to: journalEnd)
      } catch {
        failure = .writeFailed(error)
      }
      throw .writeFailed(error)
    }
    journalEnd += record.count
    journalBytesWritten += record.count
    journaledSinceSnapshot += record.count
    lastSequence += 1
    state = applied.state
    lastInverse = applied.inverse
    lastApplied = change
    hasUnsynced = true
    if journalEnd > options.snapshotThresholdBytes && job == nil {
      do throws(StoreError) {
        try startSnapshot(now: now)
      } catch {
        finishedSnapshots.append(.failure(error))
      }
    }
    return (applied.inverse, payload.count)
  }
}

// MARK: - Flushing, snapshots, closing

extension DurableStore {
  /// Flushes the journal to disk (`fdatasync`). Call before telling the user "saved".
  public func sync() throws(StoreError) {
    if let failure { throw failure }
    guard let journal, hasUnsynced else { return }
    do throws(FileSystemError) {
      try fileSystem.fdatasync(journal)
      try audit?.sync()
    } catch {
      // After a failed flush the kernel may have dropped the dirty pages: trust nothing more.
      failure = .syncFailed(error)
      throw .syncFailed(error)
    }
    hasUnsynced = false
  }

  /// Called on every tick of the runtime: flushes when the last flush is `syncInterval` old, and
  /// collects a finished background snapshot.
  public func syncIfDue(now: Date) throws(StoreError) {
    collectSnapshot()
    guard hasUnsynced, now.timeIntervalSince(lastSync) >= options.syncInterval else { return }
    try sync()
    lastSync = now
  }

  /// Starts writing a snapshot in the background (no-op if one is running or nothing changed).
  /// The journal moves to a new file at once, so changes applied meanwhile are never lost.
  public func snapshot(now: Date) throws(StoreError) {
    if let failure { throw failure }
    collectSnapshot()
    guard job == nil, lastSequence > snapshotSequence else { return }
    try startSnapshot(now: now)
  }

  /// Waits for a running snapshot and returns its outcome (nil if none was running).
  @discardableResult
  public func waitForSnapshot() -> Result<UInt64, StoreError>? {
    guard let job else { return nil }
    _ = job.wait()
    collectSnapshot()
    return finishedSnapshots.last
  }

  /// Outcomes of background snapshots finished since the last call (the runtime shows failures).
  public func takeSnapshotResults() -> [Result<UInt64, StoreError>] {
    collectSnapshot()
    defer { finishedSnapshots.removeAll() }
    return finishedSnapshots
  }

  private func startSnapshot(now: Date) throws(StoreError) {
    let sequence = lastSequence
    let next: (OpenFile, Int)
    do throws(FileSystemError) {
      next = try Self.createJournal(
        folder: folder, storeID: storeID, firstSequence: sequence + 1, fileSystem: fileSystem)
    } catch {
      throw .snapshotFailed(error)
    }
    let old = journal
    let covered = liveJournals
    journal = next.0
    journalEnd = next.1
    liveJournals.append(StoreFiles.journalName(firstSequence: sequence + 1))
    // The old journal is flushed by the snapshot thread; the new one starts clean.
    hasUnsynced = true
    job = SnapshotJob.start(
      SnapshotJob.Plan<Model>(
        state: state, sequence: sequence, storeID: storeID, previousSequence: snapshotSequence,
        oldJournal: old,
        coveredJournals: covered, folder: folder, backupsKept: options.backupsKept, now: now,
        partBytes: options.snapshotPartBytes),
      fileSystem: fileSystem)
    journaledSinceSnapshot = 0
  }

  private func collectSnapshot() {
    guard let job, let result = job.result else { return }
    self.job = nil
    switch result {
    case .success(let sequence):
      snapshotSequence = sequence
      payloadSize = job.payloadSize
      liveJournals.removeAll { job.coveredJournals.contains($0) }
    case .failure(let error):
      if case .syncFailed = error { failure = error }
    }
    finishedSnapshots.append(result)
  }

  /// Ends the run cleanly: waits for a running snapshot, writes a final one if anything changed,
  /// flushes, and lets go of the lock. If the final snapshot fails, the journal still has every change.
  public func close(now: Date) throws(StoreError) {
    guard lockFile != nil else { return }
    defer { releaseFiles() }
    waitForSnapshot()
    if failure == nil && lastSequence > snapshotSequence {
      try sync()
      try startSnapshot(now: now)
      if case .failure(let error) = waitForSnapshot() { throw error }
    }
    try sync()
  }

  /// Lets go of the files without a final snapshot or flush, as if the program had been killed
  /// (for tests and crash drills). The store accepts nothing afterwards.
  public func abandon() {
    releaseFiles()
  }

  private func releaseFiles() {
    if let job { _ = job.wait() }
    job = nil
    audit?.close(flush: false)
    if let journal { fileSystem.close(journal) }
    journal = nil
    if let lockFile { fileSystem.close(lockFile) }
    lockFile = nil
  }
}
