import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// Who may change the store is decided by the uid's passwd entry, never by what `USER` says.
@Suite(.serialized) struct IdentityTests {
  /// A temp store, closed and removed at the end of the body.
  func withStore(_ body: (CommitteeStore) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "identity-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try CommitteeStore.open(folder: folder.path, now: Date())
    defer { try? store.close(now: Date()) }
    try body(store)
  }

  @Test func aUidWithoutPasswdEntryStaysAReaderEvenWithUSERRoot() throws {
    let savedUser = ProcessInfo.processInfo.environment["USER"]
    setenv("USER", "root", 1)
    setenv("LOGNAME", "root", 1)
    defer {
      if let savedUser { setenv("USER", savedUser, 1) } else { unsetenv("USER") }
    }
    let user = Identity.current(uid: 54_321, lookup: { _ in nil })
    #expect(user.name == nil)
    #expect(user.userName != "root")
    try withStore { store in
      // A new store: the first user would become admin, but not a user the system does not know.
      let (actor, notice) = try Startup.actor(store: store, user: user, now: Date())
      #expect(actor.role == nil)
      #expect(store.state.staffAccounts.isEmpty)
      let words = try #require(notice)
      #expect(words.en.contains("54321") && words.en.contains("useradd"))
      #expect(words.zh.contains("54321") && words.zh.contains("工作账户"))
      // Even with root's account in the store, the unknown uid gets nothing of it.
      let root = try Startup.actor(
        store: store, user: SystemUser(uid: 0, name: "root", displayName: "root"), now: Date())
      #expect(root.actor.role == .admin)
      let again = try Startup.actor(store: store, user: user, now: Date())
      #expect(again.actor.role == nil)
    }
  }

  @Test func theNameComesFromThePasswdEntryOfTheUid() {
    let user = Identity.current(
      uid: 1001, lookup: { uid in uid == 1001 ? Identity.PasswdEntry(name: "hexm", gecos: "何小明,,,") : nil })
    #expect(user == SystemUser(uid: 1001, name: "hexm", displayName: "何小明"))
  }

  @Test func aKnownUserWithoutAnAccountIsAReaderAndToldHowToGetOne() throws {
    try withStore { store in
      _ = try Startup.actor(
        store: store, user: SystemUser(uid: 1000, name: "admin", displayName: "A"), now: Date())
      let (actor, notice) = try Startup.actor(
        store: store, user: SystemUser(uid: 1002, name: "guest", displayName: "G"), now: Date())
      #expect(actor == .reader("guest"))
      #expect(notice?.en.contains("\"guest\"") == true)
    }
  }

  @Test func theRealProcessUserIsFoundInPasswd() {
    // This machine's own uid has an entry (tests run as a real user), and it is what the app uses.
    let user = Identity.current()
    #expect(user.uid == UInt32(getuid()))
    #expect(user.name != nil)
  }

  @Test func undoingTheFirstAdminRightAfterTheStoreIsCreatedIsRefused() throws {
    try withStore { store in
      let (actor, _) = try Startup.actor(
        store: store, user: SystemUser(uid: 1000, name: "root", displayName: "root"), now: Date())
      #expect(actor.role == .admin)
      #expect(store.canUndo)
      #expect(throws: StoreError.self) { try store.undo(actor: actor, now: Date()) }
      #expect(store.state.staffAccounts.values.map(\.userName) == ["root"])
      // The next user to come is still a reader, not a new admin.
      let next = try Startup.actor(
        store: store, user: SystemUser(uid: 1001, name: "mallory", displayName: "M"), now: Date())
      #expect(next.actor.role == nil)
    }
  }

  @Test func aRunningSessionLosesAdminWhenItsAccountIsDemoted() throws {
    try withStore { store in
      let first = try Startup.actor(
        store: store, user: SystemUser(uid: 1000, name: "root", displayName: "root"), now: Date())
      let other = StaffAccount(id: store.state.newID(), userName: "wang", displayName: "王", role: .admin)
      try store.apply(.putStaffAccount(other), actor: first.actor, now: Date())
      var state = AppState(
        language: .en, size: Size(width: 120, height: 40), actor: first.actor, data: store.state,
        today: Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_418))
      // Another admin demotes root to clerk; the session sees the new data and the new role with it.
      var root = try #require(store.state.staffAccount(userName: "root"))
      root.role = .clerk
      try store.apply(.putStaffAccount(root), actor: .staff("wang", .admin), now: Date())
      _ = Update.update(&state, .dataChanged(store.state))
      #expect(state.actor == .staff("root", .clerk))
      // And archived: a reader.
      try store.apply(.archive(RecordRef(root.id)), actor: .staff("wang", .admin), now: Date())
      _ = Update.update(&state, .dataChanged(store.state))
      #expect(state.actor == .reader("root"))
      #expect(state.saveState == .readOnly)
      // A uid without a passwd entry never takes a role, whatever accounts exist.
      var stranger = AppState(
        language: .en, size: Size(width: 120, height: 40), actor: .reader("root"), data: store.state,
        today: state.today)
      stranger.rereadsRole = false
      try store.apply(.unarchive(RecordRef(root.id)), actor: .staff("wang", .admin), now: Date())
      _ = Update.update(&stranger, .dataChanged(store.state))
      #expect(stranger.actor.role == nil)
    }
  }
}
