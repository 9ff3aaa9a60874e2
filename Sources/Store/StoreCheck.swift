import Foundation
import Localization

/// What `check` found in a store folder: counts per kind, and the first problem with its file and offset.
public struct CheckReport: Sendable {
  public var folder: String
  /// The damage found, if any (file and byte offset are in it).
  public var problem: StoreError?
  public var counts: [(kind: String, count: Int)] = []
  public var snapshotSequence: UInt64 = 0
  public var lastSequence: UInt64 = 0
  /// An unfinished last record: not damage; the next open cuts it off and keeps it aside.
  public var torn: TornTail?
  /// Another process has the store open; the check read it without the lock.
  public var lockedBy: Int32?
  public var drafts = 0
  public var damagedDrafts: [String] = []
  public var needsMigration = false
  /// There is no store in the folder.
  public var isEmpty = false

  /// Sound: the store opens without refusing (a torn tail or a migration still count as sound).
  public var isSound: Bool { problem == nil }

  /// The report as lines of text for the terminal.
  public func lines(in language: Language) -> [String] {
    var lines: [String] = []
    if let lockedBy { lines.append(tr("store.check.lockedBy", language, String(lockedBy))) }
    if let problem {
      lines.append(tr("store.check.damaged", language, "1"))
      lines.append(problem.message(in: language))
      return lines
    }
    lines.append(
      tr("store.check.sound", language, String(snapshotSequence), String(lastSequence - snapshotSequence)))
    for (kind, count) in counts { lines.append(tr("store.check.count", language, kind, String(count))) }
    if let torn {
      lines.append(tr("store.check.tornTail", language, torn.file, String(torn.offset), String(torn.length)))
    }
    return lines
  }
}

extension DurableStore {
  /// Verifies a store folder without changing anything and without taking the lock, so that it also
  /// works while the program has the store open (it then sees the files as of that moment).
  /// `progress` hears how many bytes of the files are read (see `StoreProgress`).
  public static func check(
    folder: String, fileSystem fs: any FileSystem = POSIXFileSystem(), progress: StoreProgress? = nil
  ) -> CheckReport {
    var report = CheckReport(folder: folder)
    report.lockedBy = lockHolder(folder: folder, fileSystem: fs)
    let scan = StoreScanner<Model>.scan(folder: folder, fileSystem: fs, progress: progress)
    report.problem = scan.problem
    report.isEmpty = scan.isNew
    report.torn = scan.torn
    report.needsMigration = scan.needsMigration
    report.snapshotSequence = scan.snapshotSequence
    report.lastSequence = scan.lastSequence
    if scan.problem == nil { report.counts = Model.counts(in: scan.state) }
    let drafts = DraftFiles.readAll(folder: folder, fileSystem: fs)
    report.drafts = drafts.drafts.count
    report.damagedDrafts = drafts.damaged
    return report
  }

  /// The pid written in `lock` if some process holds the lock now, else nil. A lock taken here
  /// for a moment (when free) is let go at once.
  private static func lockHolder(folder: String, fileSystem fs: any FileSystem) -> Int32? {
    let path = folder + "/" + StoreFiles.lock
    guard fs.exists(path), let file = try? fs.open(path, .read) else { return nil }
    defer { fs.close(file) }
    guard let free = try? fs.tryLock(file), !free else { return nil }
    let text = (try? fs.readWholeFile(path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }
}
