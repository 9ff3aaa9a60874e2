import Domain
import Store

/// Drafts belong to the user who typed them: the stored key carries the owner's user name, and a
/// draft is offered back to its owner only.
public enum DraftOwner {
  /// Separates the owner from the key (a control character, never in a user name or a screen's key).
  static let separator: Character = "\u{1F}"

  /// The key a draft is stored under: owner, separator, the screen's key.
  public static func storedKey(_ key: String, owner: String) -> String {
    owner + String(separator) + key
  }

  /// The screen's key of a stored draft if `actor` may have it back: their own drafts, and drafts
  /// written before drafts had owners (to staff only: a reader never gets text offered back).
  public static func key(ofStored stored: String, for actor: ActingUser) -> String? {
    guard let cut = stored.firstIndex(of: separator) else {
      return actor.role == nil ? nil : stored
    }
    guard stored[..<cut] == actor.userName else { return nil }
    return String(stored[stored.index(after: cut)...])
  }

  /// The drafts in `store` that `actor` may have back, each under its screen's key.
  public static func drafts(in store: any CommitteeStorage, for actor: ActingUser) -> [PendingDraft] {
    store.drafts().compactMap { draft in
      key(ofStored: draft.key, for: actor).map {
        PendingDraft(key: $0, text: draft.text, savedAt: draft.savedAt)
      }
    }
  }
}
