import Domain
import Foundation
import Localization

/// A committee's store as screens and commands see it, whether a local folder or a shared database.
///
/// Everything here is called from the one thread that owns the app; a shared store does its network
/// work behind these calls. Changes made by other people arrive through `takeIncoming()`, already
/// applied to `state`.
public protocol CommitteeStorage: AnyObject {
  /// The committee as it stands now (this user's changes and everyone else's received so far).
  var state: CommitteeState { get }
  var canUndo: Bool { get }
  var canRedo: Bool { get }
  /// True while changes are written but not yet safe (the status bar says "saving").
  var hasUnsyncedChanges: Bool { get }

  /// Checks the change against the latest state and makes it durable before returning its sequence.
  @discardableResult
  func apply(_ change: Domain.Change, actor: ActingUser, now: Date) throws(StoreError) -> UInt64
  @discardableResult
  func undo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep
  @discardableResult
  func redo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep

  /// Makes every acknowledged change durable now.
  func sync() throws(StoreError)
  /// Called after every batch of events: flushes when due, and a shared store fetches others' changes.
  func syncIfDue(now: Date) throws(StoreError)
  /// Outcomes of background snapshots finished since the last call.
  func takeSnapshotResults() -> [Result<UInt64, StoreError>]

  func saveDraft(key: String, text: String, now: Date) throws(StoreError)
  func drafts() -> [Draft]
  func discardDraft(key: String) throws(StoreError)

  /// Ends the run cleanly; nothing acknowledged is lost if this fails.
  func close(now: Date) throws(StoreError)

  /// Changes other people made since the last call, oldest first, already in `state`.
  func takeIncoming() -> [IncomingChange]
  /// Where the data lives and who else is working on it, for the status bar.
  var presence: StorePresence { get }
  /// The user as the server knows them; nil when the store takes the operating system's word.
  var serverIdentity: ActingUser? { get }
  /// The records the last apply, undo or redo touched (nil: not known), so that derived rows and
  /// tallies can follow that change instead of recounting.
  var lastTouched: [RecordRef]? { get }
  /// The local store's folder, where its audit log lives (nil for a shared store).
  var localFolder: String? { get }
}

/// A change someone else made, as this app received it.
public struct IncomingChange: Sendable, Equatable {
  public var sequence: UInt64
  /// Who made it, as recorded by the server.
  public var userName: String
  /// What it did, in both languages ("新增委员 张三").
  public var zh: String
  public var en: String
  /// The records it touched (an open form on one of them names who changed it).
  public var touched: [RecordRef]

  public init(sequence: UInt64, userName: String, zh: String, en: String, touched: [RecordRef] = []) {
    self.sequence = sequence
    self.userName = userName
    self.zh = zh
    self.en = en
    self.touched = touched
  }

  /// "张三：新增委员 李四" / "zhang: Add member Li Si".
  public func message(in language: Language) -> String {
    tr("shared.incoming", language, userName, language == .zh ? zh : en)
  }
}

/// Where the data lives, for the status bar.
public enum StorePresence: Sendable, Equatable {
  /// A folder on this machine, one user at a time.
  case local
  /// A shared database: the committee's name, the other users working on it now, and whether the
  /// server can be reached (when not, the app is read-only until it reconnects by itself).
  case shared(committee: String, others: [String], online: Bool)

  /// True when changes cannot be saved because the server is out of reach.
  public var isOffline: Bool {
    if case .shared(_, _, let online) = self { return !online }
    return false
  }
}

extension DurableStore: CommitteeStorage where Model == CommitteeModel {
  /// A local store hears from nobody else: the lock keeps other programs out.
  public func takeIncoming() -> [IncomingChange] { [] }
  public var presence: StorePresence { .local }
  public var serverIdentity: ActingUser? { nil }
  public var lastTouched: [RecordRef]? {
    // A change's undo is a `revert` that carries each touched record as it was (an undo's own
    // inverse, the change again, does not say): screens follow those records instead of
    // rebuilding from every record.
    switch lastInverse {
    case .restore(let versions)?: return versions.map(\.ref)
    case .revert(_, let versions, _, _)?: return versions.map(\.ref)
    default: break
    }
    // An undo applies that `revert` itself: the records it puts back are the ones it touched.
    switch lastApplied {
    case .restore(let versions)?: return versions.map(\.ref)
    case .revert(_, let versions, _, _)?: return versions.map(\.ref)
    default: return nil
    }
  }
  public var localFolder: String? { folder }
}
