import Domain
import Foundation
import Localization
import Store

/// What an import did to the store, said exactly: a rerun after "not made" is safe, a rerun after
/// "made" would add the members twice.
public enum ImportOutcome: Sendable {
  /// The members are in the store (journaled and flushed). `warning` is a later step that failed
  /// without losing them, such as the final snapshot on a full disk.
  case made(count: Int, warning: StoreError?)
  /// The members are in the journal but the flush to disk failed: they may not survive a power loss.
  case madeNotFlushed(count: Int, error: StoreError)
  /// Nothing was added: the store is as it was.
  case notMade(StoreError)

  /// Applies the import's change, flushes it, and closes the store.
  public static func apply(
    _ change: Change, count: Int, to store: any CommitteeStorage, actor: ActingUser, now: Date
  ) -> ImportOutcome {
    do throws(StoreError) {
      try store.apply(change, actor: actor, now: now)
    } catch {
      try? store.close(now: now)
      return .notMade(error)
    }
    do throws(StoreError) {
      try store.sync()
    } catch {
      try? store.close(now: now)
      return .madeNotFlushed(count: count, error: error)
    }
    do throws(StoreError) {
      try store.close(now: now)
    } catch {
      return .made(count: count, warning: error)
    }
    return .made(count: count, warning: nil)
  }

  /// True when the members were added (a rerun would add them again).
  public var membersAdded: Bool {
    if case .notMade = self { return false }
    return true
  }

  /// The lines to print: what happened first, then what to do.
  public func message(file: String, in language: Language) -> String {
    switch self {
    case .made(let count, nil):
      return tr("cli.import.done", language, String(count), file)
    case .made(let count, let warning?):
      return tr("cli.import.done", language, String(count), file) + "\n"
        + tr("robust.import.madeWarning", language, warning.message(in: language))
    case .madeNotFlushed(let count, let error):
      return tr("robust.import.madeNotFlushed", language, String(count), file, error.message(in: language))
    case .notMade(let error):
      return tr("robust.import.notMade", language, file, error.message(in: language))
    }
  }
}
