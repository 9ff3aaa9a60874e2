import Localization

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
    case .fileSystem(let error):
      return tr("store.error.fileSystem", language, error.description)
    case .newerFormat(let file, let found, let supported):
      return tr("store.error.newerFormat", language, file, String(found), String(supported))
    case .notAStoreFile(let file):
      return tr("store.error.notAStoreFile", language, file)
    case .corruptSnapshot(let file, let offset, let reason):
      return tr("store.error.corruptSnapshot", language, file, String(offset), reason)
    case .corruptRecord(let file, let offset):
      return tr("store.error.corruptRecord", language, file, String(offset))
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
    case .writeFailed(let error):
      return tr("store.error.writeFailed", language, error.description)
    case .syncFailed(let error):
      return tr("store.error.syncFailed", language, error.description)
    case .snapshotFailed(let error):
      return tr("store.error.snapshotFailed", language, error.description)
    case .unusable(let reason):
      return tr("store.error.unusable", language, reason)
    case .nothingToUndo:
      return tr("store.error.nothingToUndo", language)
    case .nothingToRedo:
      return tr("store.error.nothingToRedo", language)
    case .draftFailed(let error):
      return tr("store.error.draftFailed", language, error.description)
    case .server(let zh, let en):
      return language == .zh ? zh : en
    }
  }

  /// True for errors found in the files on open: the store is damaged, not merely busy.
  public var isDamage: Bool {
    switch self {
    case .corruptSnapshot, .corruptRecord, .sequenceGap, .foreignJournal, .missingSnapshot, .replayFailed,
      .notAStoreFile:
      return true
    default:
      return false
    }
  }
}
