import Domain
import Foundation
import Store
import Testing

/// A committee store with an admin and some registers, all made through the rules.
private func seededCommittee(_ folder: TempFolder, clock: TestClock) throws -> CommitteeStore {
  let store = try CommitteeStore.open(folder: folder.store, now: clock.next())
  let admin = ActingUser.staff("wang", .admin)
  try store.apply(
    .putStaffAccount(
      StaffAccount(id: store.state.newID(), userName: "wang", displayName: "王主任", role: .admin)),
    actor: admin, now: clock.next())
  for name in ["区生态环境局", "城市管理局", "区水利局"] {
    try store.apply(
      .putDepartment(Department(id: store.state.newID(), name: name)), actor: admin, now: clock.next())
  }
  for index in 0..<25 {
    let member = Member(
      id: store.state.newID(), name: "委员\(index)", phone: "1380000\(index)", notes: "石坪桥街道工作站，关注小花市集")
    try store.apply(.putMember(member), actor: admin, now: clock.next())
  }
  return store
}

@Suite("The committee's own store")
struct CommitteeStoreTests {
  @Test("committee state survives a snapshot round trip identical, and a journal replay identical")
  func committeeRoundTrips() throws {
    let folder = TempFolder("committee")
    defer { folder.remove() }
    let clock = TestClock()
    let store = try seededCommittee(folder, clock: clock)
    let afterJournal = store.state
    store.abandon()

    let replayed = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(replayed.report.replayedChanges == 29)
    #expect(replayed.state == afterJournal)
    try replayed.close(now: clock.next())

    let fromSnapshot = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(fromSnapshot.report.replayedChanges == 0)
    #expect(fromSnapshot.state == afterJournal)
    #expect(fromSnapshot.state.members.count == 25)
    try fromSnapshot.close(now: clock.next())
  }

  @Test("undo of adding a member says so in the user's language, and the member is gone after restart")
  func committeeUndo() throws {
    let folder = TempFolder("committee-undo")
    defer { folder.remove() }
    let clock = TestClock()
    let store = try seededCommittee(folder, clock: clock)
    let admin = ActingUser.staff("wang", .admin)
    let id: MemberID = store.state.newID()
    try store.apply(.putMember(Member(id: id, name: "张三")), actor: admin, now: clock.next())
    let step = try store.undo(actor: admin, now: clock.next())
    #expect(step.message(in: .zh) == "已撤销：新增委员“张三”")
    #expect(store.state.members[id] == nil)
    store.abandon()
    let reopened = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state.members[id] == nil)
    #expect(reopened.state.members.count == 25)
    try reopened.close(now: clock.next())
  }

  @Test("a reader's change is refused with the domain's message and nothing is journaled")
  func readerRefused() throws {
    let folder = TempFolder("committee-reader")
    defer { folder.remove() }
    let clock = TestClock()
    let store = try seededCommittee(folder, clock: clock)
    let before = store.lastSequence
    do {
      try store.apply(
        .putMember(Member(id: store.state.newID(), name: "李四")), actor: .reader("guest"), now: clock.next())
      Issue.record("a reader may not change anything")
    } catch {
      guard case .rejected(let rejected) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(rejected.underlying as? DomainError == .readOnly(userName: "guest"))
      #expect(error.message(in: .zh) == DomainError.readOnly(userName: "guest").message(in: .zh))
    }
    #expect(store.lastSequence == before)
    try store.close(now: clock.next())
  }

  @Test("check counts committee records by their plural English names")
  func committeeCheck() throws {
    let folder = TempFolder("committee-check")
    defer { folder.remove() }
    let clock = TestClock()
    let store = try seededCommittee(folder, clock: clock)
    try store.close(now: clock.next())
    let report = CommitteeStore.check(folder: folder.store)
    #expect(report.isSound)
    let counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.kind, $0.count) })
    #expect(counts["members"] == 25)
    #expect(counts["departments"] == 3)
    #expect(counts["staff"] == 1)
    #expect(counts["problems"] == 0)
  }
}
