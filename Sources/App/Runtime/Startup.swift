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
  ///
  /// Each new record takes its number when its change is saved, as a form's does: the demo's own
  /// numbering is kept where the number is still free, and a record whose number someone else took
  /// meanwhile (another app on a shared store) gets the next free one, with every later reference
  /// to it following.
  @discardableResult
  public static func loadDemo(
    into store: any CommitteeStorage, actor: ActingUser, today: Day,
    progress: ((_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(StoreError) -> Int {
    let steps = Demo.steps(today: today, firstID: store.state.nextRawID)
    // The local store has one writer (its lock): no number can be taken while the demo loads.
    if store.serverIdentity == nil {
      for (index, step) in steps.enumerated() {
        try store.apply(step.change, actor: step.actor(loadedBy: actor), now: step.at)
        progress?(index + 1, steps.count)
      }
      try store.sync()
      return steps.count
    }
    // The demo as it numbers itself, to know which records each step creates.
    var planned = store.state
    var numbers = DemoNumbers()
    for (index, step) in steps.enumerated() {
      let stepActor = step.actor(loadedBy: actor)
      let created: [RecordRef]
      do throws(DomainError) {
        let applied = try Domain.apply(step.change, to: planned, actor: stepActor, now: step.at)
        created = applied.touched.filter { planned.value(of: $0) == nil }
        planned = applied.state
      } catch {
        throw .rejected(
          RejectedChange(zh: error.message(in: .zh), en: error.message(in: .en), underlying: error))
      }
      // A lost race for a number shows in the store's state: take the next free one and try again.
      var attempt = 0
      while true {
        numbers.take(created, in: store.state)
        do throws(StoreError) {
          try store.apply(numbers.renumbered(step.change), actor: stepActor, now: step.at)
          break
        } catch {
          attempt += 1
          guard attempt < 5, numbers.anyTaken(created, in: store.state) else { throw error }
          numbers.forget(created)
        }
      }
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
    let drafts = DraftOwner.drafts(in: store, for: actor)
    // The runtime's form drafts come from this reading too: the folder is read once.
    state.draftsAtStart = drafts
    // A form's draft goes back into its form when that form is opened (`FormDraftKeeper`); the
    // question at the start is for the editors' texts. The user is told where the forms wait.
    state.pendingDrafts = drafts.filter { !$0.key.hasPrefix(FormDraftKeeper.prefix) }
    let forms = FormDraftKeeper.waiting(in: drafts)
    if !forms.isEmpty {
      state.message = Message(
        tr("ux3.formDraft.waiting", language, FormDraftKeeper.sectionNames(of: forms, language)), .info)
    }
    if isEmpty(store) && actor.role != nil {
      state.dialog = .offerDemo
    } else {
      Update.offerNextDraft(&state)
    }
    return state
  }
}

/// The numbers the demo's records took on saving: the demo's own where still free, the store's next
/// free number where another app took it first.
struct DemoNumbers {
  private(set) var taken: [UInt64: UInt64] = [:]
  /// The part of `taken` that differs from the demo's own numbers, and the numbers it gave.
  private var moved: [UInt64: UInt64] = [:]
  private var given: Set<UInt64> = []

  /// Gives each record about to be created a number free in `state` (its own when it is).
  mutating func take(_ created: [RecordRef], in state: CommitteeState) {
    var next = state.nextRawID
    for ref in created where taken[ref.raw] == nil {
      if !Self.inUse(ref.raw, state) && !given.contains(ref.raw) {
        taken[ref.raw] = ref.raw
        continue
      }
      while Self.inUse(next, state) || given.contains(next) { next += 1 }
      taken[ref.raw] = next
      moved[ref.raw] = next
      given.insert(next)
      next += 1
    }
  }

  /// Whether a number given to one of `created` is now another record's.
  func anyTaken(_ created: [RecordRef], in state: CommitteeState) -> Bool {
    created.contains { ref in taken[ref.raw].map { Self.inUse($0, state) } ?? false }
  }

  mutating func forget(_ created: [RecordRef]) {
    for ref in created {
      taken[ref.raw] = nil
      if let number = moved.removeValue(forKey: ref.raw) { given.remove(number) }
    }
  }

  /// The change with every record number the demo gave read as the number taken for it.
  func renumbered(_ change: Change) -> Change {
    guard !moved.isEmpty else { return change }
    var writer = BinaryWriter()
    change.encode(into: &writer)
    var reader = BinaryReader(writer.bytes)
    reader.renumbering = moved
    return (try? Change(from: &reader)) ?? change
  }

  /// Whether any record of any kind has this number.
  static func inUse(_ raw: UInt64, _ state: CommitteeState) -> Bool {
    RecordKind.allCases.contains { state.value(of: RecordRef($0, raw)) != nil }
  }
}
