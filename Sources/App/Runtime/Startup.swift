import Domain
import Foundation
import Localization
import Seed
import Store
import TerminalCore

/// What happens between opening the store and showing the first screen.
public enum Startup {
  /// Makes the first user of a new store its admin, and returns who is working now.
  /// A user without an account may read but not change anything.
  public static func actor(
    store: any CommitteeStorage, userName: String, displayName: String, now: Date
  ) throws(StoreError) -> ActingUser {
    // A shared store's server says who the user is and what role they hold.
    if let identity = store.serverIdentity { return identity }
    if store.state.staffAccounts.isEmpty {
      let account = StaffAccount(
        id: store.state.newID(), userName: userName, displayName: displayName, role: .admin)
      try store.apply(.putStaffAccount(account), actor: .staff(userName, .admin), now: now)
      try store.sync()
    }
    return store.state.actor(userName: userName)
  }

  /// Whether the store holds nothing but staff accounts (the demo may be loaded into it).
  public static func isEmpty(_ store: any CommitteeStorage) -> Bool {
    store.state.totalCount == store.state.count(of: .staffAccount)
  }

  /// Loads the demonstration year into the store, each change at its own moment, then flushes.
  /// Returns how many changes were applied; `progress` hears how many of how many are done.
  @discardableResult
  public static func loadDemo(
    into store: any CommitteeStorage, actor: ActingUser, today: Day,
    progress: ((_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(StoreError) -> Int {
    let steps = Demo.steps(today: today, firstID: store.state.nextRawID)
    for (index, step) in steps.enumerated() {
      try store.apply(step.change, actor: step.actor(loadedBy: actor), now: step.at)
      progress?(index + 1, steps.count)
    }
    try store.sync()
    return steps.count
  }

  /// The first state of the app for a store: the data, drafts to offer, and on an empty store
  /// the offer to load the demonstration data.
  public static func initialState(
    store: any CommitteeStorage, actor: ActingUser, language: Localization.Language, size: TerminalCore.Size,
    today: Day
  ) -> AppState {
    var state = AppState(language: language, size: size, actor: actor, data: store.state, today: today)
    // On a shared store the server says who the user is and what they may do; the committee's data
    // holds no accounts to read a role from, so rereading one would make every user a reader.
    state.rereadsRole = store.serverIdentity == nil
    state.pendingDrafts = store.drafts().compactMap { draft in
      DraftOwner.key(ofStored: draft.key, for: actor).map {
        PendingDraft(key: $0, text: draft.text, savedAt: draft.savedAt)
      }
    }
    if isEmpty(store) && actor.role != nil {
      state.dialog = .offerDemo
    } else {
      Update.offerNextDraft(&state)
    }
    return state
  }
}
