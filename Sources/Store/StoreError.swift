import Localization

/// Byte counts for messages: "312 MB" reads better than a long number.
enum ByteCount {
  static func text(_ bytes: Int) -> String {
    if bytes >= 1 << 20 { return "\((bytes + (1 << 19)) >> 20) MiB" }
    if bytes >= 1 << 10 { return "\((bytes + 512) >> 10) KiB" }
    return "\(bytes) B"
  }
}

/// A change the model refused, with its reason already put in both languages.
public struct RejectedChange: Sendable {
  public var zh: String
  public var en: String
  /// The model's own error (e.g. a `DomainError`), for callers that want to look at it.
  public var underlying: any Error & Sendable

  public init(zh: String, en: String, underlying: any Error & Sendable) {
    self.zh = zh
    self.en = en
    self.underlying = underlying
  }
}

/// Everything that can go wrong in the store, each with a message saying what happened and what
/// the user should do.
public enum StoreError: Error, Sendable {
  /// Another process holds the store's lock.
  case locked(folder: String, pid: Int32?)
  /// The store folder belongs to another user, or other users may write in it: they could plant
  /// links or files there. Nothing was opened.
  case unsafeFolder(folder: String, owner: UInt32?, writableByOthers: Bool)
  /// A file operation failed while opening, reading or creating the store.
  case fileSystem(FileSystemError)
  /// A file was written by a newer program; it is left untouched.
  case newerFormat(file: String, found: UInt32, supported: UInt32)
  /// A file does not start as a store file should (wrong magic or header checksum).
  case notAStoreFile(file: String)
  /// The snapshot fails its checksum or cannot be decoded.
  case corruptSnapshot(file: String, offset: Int, reason: String)
  /// A damaged record with good records after it: data would be lost if it were cut.
  case corruptRecord(file: String, offset: Int)
  /// The journal's last record is whole but fails its checksum: damaged after it was written.
  case damagedRecord(file: String, offset: Int)
  /// Sequence numbers jump: changes are missing between two records or files.
  case sequenceGap(file: String, offset: Int, expected: UInt64, found: UInt64)
  /// A journal written for another store, or one that does not follow the snapshot.
  case foreignJournal(file: String)
  /// Journals exist but the snapshot they build on is missing.
  case missingSnapshot(file: String)
  /// A journaled change could not be decoded or applied again.
  case replayFailed(file: String, offset: Int, reason: String)
  /// The model refused the change; nothing was written.
  case rejected(RejectedChange)
  /// The change is too large for one journal record; nothing was written and nothing changed.
  case changeTooLarge(bytes: Int, limit: Int)
  /// Writing a change failed; it was not saved and the state is unchanged.
  case writeFailed(FileSystemError)
  /// Flushing to disk failed; the store stops accepting changes.
  case syncFailed(FileSystemError)
  /// A snapshot could not be written; the journal still holds every change.
  case snapshotFailed(FileSystemError)
  /// An earlier write or sync failure made the store read-only for this run.
  case unusable(String)
  case nothingToUndo
  case nothingToRedo
  /// A draft could not be saved or removed.
  case draftFailed(FileSystemError)
  /// The shared store's server could not be reached or refused; the words say which and what to do.
  case server(zh: String, en: String)

  /// What happened and what to do, in `language`.
  public func message(in language: Language) -> String {
    switch self {
    case .locked(let folder, let pid):
      if let pid { return tr("store.error.locked", language, folder, String(pid)) }
      return tr("store.error.lockedUnknown", language, folder)
    case .unsafeFolder(let folder, let owner, let writable):
      if let owner { return tr("robust.error.folderOwner", language, folder, String(owner)) }
      _ = writable
      return tr("robust.error.folderWritable", language, folder)
    case .fileSystem(let error):
      return tr("robust.error.fileSystem", language, error.reason(in: language))
    case .newerFormat(let file, let found, let supported):
      return tr("store.error.newerFormat", language, file, String(found), String(supported))
    case .notAStoreFile(let file):
      return tr("store.error.notAStoreFile", language, file)
    case .corruptSnapshot(let file, let offset, let reason):
      return tr("store.error.corruptSnapshot", language, file, String(offset), reason)
    case .corruptRecord(let file, let offset):
      return tr("store.error.corruptRecord", language, file, String(offset))
    case .damagedRecord(let file, let offset):
      return tr("robust.error.damagedRecord", language, file, String(offset))
    case .sequenceGap(let file, let offset, let expected, let found):
      return tr("store.error.sequenceGap", language, file, String(offset), String(expected), String(found))
    case .foreignJournal(let file):
      return tr("store.error.foreignJournal", language, file)
    case .missingSnapshot(let file):
      return tr("store.error.missingSnapshot", language, file)
    case .replayFailed(let file, let offset, let reason):
      return tr("store.error.replayFailed", language, file, String(offset), reason)
    case .rejected(let rejected):
      return language == .zh ? rejected.zh : rejected.en
    case .changeTooLarge(let bytes, let limit):
      return tr("robust.error.changeTooLarge", language, ByteCount.text(bytes), ByteCount.text(limit))
    case .writeFailed(let error):
      return tr("robust.error.writeFailed", language, error.reason(in: language))
    case .syncFailed(let error):
      return tr("robust.error.syncFailed", language, error.reason(in: language))
    case .snapshotFailed(let error):
      return tr("robust.error.snapshotFailed", language, error.reason(in: language))
    case .unusable(let reason):
      return tr("store.error.unusable", language, reason)
    case .nothingToUndo:
      return tr("store.error.nothingToUndo", language)
    case .nothingToRedo:
      return tr("store.error.nothingToRedo", language)
    case .draftFailed(let error):
      return tr("robust.error.draftFailed", language, error.reason(in: language))
    case .server(let zh, let en):
      return language == .zh ? zh : en
    }
  }

  /// The file operation behind this error, if one is.
  public var fileSystemError: FileSystemError? {
    switch self {
    case .fileSystem(let error), .writeFailed(let error), .syncFailed(let error), .snapshotFailed(let error),
      .draftFailed(let error):
      return error
    default:
      return nil
    }
  }

  /// True for errors found in the files on open: the store is damaged, not merely busy.
  public var isDamage: Bool {
    switch self {
    case .corruptSnapshot, .corruptRecord, .damagedRecord, .sequenceGap, .foreignJournal, .missingSnapshot,
      .replayFailed,
      .notAStoreFile:
      return true
    default:
      return false
    }
  }
}
