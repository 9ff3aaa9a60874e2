import Localization
import Store

/// What can go wrong with a shared store, each worded for the user in `message(in:)`.
public enum SharedStoreError: Error, Sendable, Equatable {
  /// `--store` looked like a database address but could not be read.
  case badAddress(String)
  /// The address names no committee (`?committee=NAME`).
  case noCommittee(String)
  /// The server could not be reached (or went away); the detail is the library's words.
  case unreachable(address: String, detail: String)
  /// The database has no shangliang tables yet.
  case notSetUp(address: String)
  /// The committee is not in the database.
  case noSuchCommittee(String)
  /// The server refused (a role too low, no account): its SQLSTATE and words.
  case refused(sqlState: String, detail: String)
  /// A stored change or snapshot could not be read.
  case unreadable(what: String, detail: String)
  /// Other people kept committing first; the change was not saved.
  case busy
  /// A migration would overwrite a committee that already holds data.
  case notEmpty(String)
  /// The database was set up by a newer program (its schema version), so this one leaves it alone.
  case newerSchema(found: Int, supported: Int)

  /// What happened and what to do, in `language`.
  public func message(in language: Language) -> String {
    switch self {
    case .badAddress(let text): return tr("shared.error.badAddress", language, text)
    case .noCommittee(let text): return tr("shared.error.noCommittee", language, text)
    case .unreachable(let address, let detail):
      return tr("shared.error.unreachable", language, address, detail)
    case .notSetUp(let address): return tr("shared.error.notSetUp", language, address)
    case .noSuchCommittee(let name): return tr("shared.error.noSuchCommittee", language, name)
    case .refused(let state, let detail):
      switch state {
      case "SLR01": return tr("shared.error.noAccount", language, detail)
      case "SLR02": return tr("shared.error.roleTooLow", language, detail)
      default: return tr("shared.error.refused", language, detail, state)
      }
    case .unreadable(let what, let detail): return tr("shared.error.unreadable", language, what, detail)
    case .busy: return tr("shared.error.busy", language)
    case .notEmpty(let name): return tr("shared.error.notEmpty", language, name)
    case .newerSchema(let found, let supported):
      return tr("parts.error.newerSchema", language, String(found), String(supported))
    }
  }

  /// The same words as a store error, for the app and the commands.
  public var storeError: StoreError {
    .server(zh: message(in: .zh), en: message(in: .en))
  }
}
