import Foundation
import Localization

/// Settings of a store: when to snapshot on its own, how much undo to keep, how often to flush.
public struct StoreOptions: Sendable {
  /// A snapshot starts by itself once the current journal passes this many bytes.
  public var snapshotThresholdBytes: Int
  public var undoDepth: Int
  /// Snapshots kept in `backups/` besides the current one.
  public var backupsKept: Int
  /// `syncIfDue` flushes the journal when this much time passed since the last flush.
  public var syncInterval: TimeInterval
  /// The largest journal record `apply` writes (body bytes). A bigger change is refused before
  /// anything is written: the reader refuses records over 256 MiB, so a change it could not read
  /// back is never acknowledged. Never above the reader's limit (tests lower it).
  public var maximumRecordBytes: Int
  /// Segment size and segments kept in the audit log.
  public var audit = AuditLog.Options()
  /// About how large each part of a snapshot is (snapshot format 2; tests make them small).
  public var snapshotPartBytes = StoreOptions.defaultSnapshotPartBytes
  /// Parts of a few MB: two threads share the reading evenly, and a part's overhead is nothing.
  public static let defaultSnapshotPartBytes = 4 << 20

  public init(
    snapshotThresholdBytes: Int = 64 << 20, undoDepth: Int = 100, backupsKept: Int = 3,
    syncInterval: TimeInterval = 1, maximumRecordBytes: Int = 256 << 20
  ) {
    self.snapshotThresholdBytes = snapshotThresholdBytes
    self.undoDepth = undoDepth
    self.backupsKept = backupsKept
    self.syncInterval = syncInterval
    self.maximumRecordBytes = maximumRecordBytes
  }
}

/// What opening a store found and did, for the message line and the log.
public struct OpenReport: Sendable {
  /// The folder had no store; an empty one was made.
  public var created = false
  public var snapshotSequence: UInt64 = 0
  public var lastSequence: UInt64 = 0
  /// Changes replayed from the journal on top of the snapshot.
  public var replayedChanges = 0
  /// The unfinished record cut off the end of a journal, and where its bytes were kept.
  public var torn: TornTail?
  public var tornKeptAs: String?
  /// Journals cut short inside their header (holding no change), renamed to `.torn` files.
  public var setAside: [String] = []
  public var removedTemporaryFiles: [String] = []
  public var removedStaleJournals: [String] = []
  /// Files kept from an earlier migration, removed now that the store opened again.
  public var removedOldFiles: [String] = []
  /// Set when this open migrated the store from an older format.
  public var migratedFromFormat: UInt32?
  public var migratedFromPayloadVersion: UInt32?

  /// Lines worth telling the user (empty when there is nothing to say).
  public func lines(in language: Language) -> [String] {
    var lines: [String] = []
    if let torn, let kept = tornKeptAs {
      lines.append(tr("store.open.torn", language, torn.file, String(torn.length), kept))
    }
    if let from = migratedFromFormat {
      lines.append(tr("store.open.migrated", language, String(from), String(StoreFiles.format)))
    }
    return lines
  }
}

/// One undo or redo step done: its sequence number in the journal and the line to show.
public struct HistoryStep: Sendable {
  public var sequence: UInt64
  public var zh: String
  public var en: String

  public init(sequence: UInt64, zh: String, en: String) {
    self.sequence = sequence
    self.zh = zh
    self.en = en
  }

  /// "已撤销：新增委员 张三" / "Undone: …".
  public func message(in language: Language) -> String { language == .zh ? zh : en }
}

/// Text being edited and not yet applied, kept on its own so that it is offered back after a crash.
public struct Draft: Sendable, Equatable {
  public var key: String
  public var text: String
  public var savedAt: Date
}

/// Times go to the journal (in microseconds) rounded to whole milliseconds, the precision the domain
/// encodes dates with; changes are applied with the rounded time too, so that replaying the journal or
/// reading a snapshot gives exactly the state the user saw.
public enum Stamp {
  public static func micros(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1000
  }

  public static func date(_ micros: Int64) -> Date {
    Date(timeIntervalSince1970: Double(micros / 1000) / 1000)
  }

  /// The time a change applied at `date` is applied and replayed with.
  public static func rounded(_ date: Date) -> Date { self.date(micros(date)) }
}
