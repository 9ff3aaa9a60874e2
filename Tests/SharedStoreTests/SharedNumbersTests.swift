import Domain
import Foundation
import Seed
import Store
import TerminalCore
import Testing
import Widgets

@testable import App
@testable import SharedStore

/// Two clerks add members at the same moment on one shared committee: a new record's number is taken
/// when it is saved, and the store never lets one "new" record land on another's.
@Suite(.serialized)
struct SharedNumbersTests {
  typealias Desk = SharedRuntimeTests.Desk

  /// What the desk's open member form holds in its name field (nil: no form open).
  static func typedName(_ desk: Desk) -> String? {
    guard case .form(let form) = desk.runtime.state.registers.mode,
      case .text(let name)? = form.form.values["name"]
    else { return nil }
    return name
  }

  /// Opens a new member form on the desk and types a name into it.
  static func startMember(_ desk: Desk, _ name: String) {
    desk.backend.type("n")
    desk.runtime.run(untilIdle: true)
    desk.backend.type(name)
    desk.runtime.run(untilIdle: true)
  }

  static func save(_ desk: Desk) {
    desk.backend.enqueue([.key(.ctrl("s"))])
    desk.runtime.run(untilIdle: true)
  }

  static func names(_ store: SharedCommitteeStore) -> [UInt64: String] {
    Dictionary(uniqueKeysWithValues: store.state.members.values.map { ($0.id.raw, $0.name) })
  }

  @Test func aNewRecordNeverLandsOnOneAnotherAppAddedAndTheSecondClerksTypingIsKept() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Desk(cluster, "zhang")
      let li = try Desk(cluster, "li")
      // Both open a new member form while the committee's next number is the same for both.
      Self.startMember(zhang, "张三")
      Self.startMember(li, "李四")
      #expect(Self.typedName(li) == "李四")
      let free = li.runtime.state.data.nextRawID
      #expect(zhang.runtime.state.data.nextRawID == free)

      // Zhang saves first and takes that number.
      Self.save(zhang)
      #expect(Self.typedName(zhang) == nil, "Zhang's form closed on saving: \(zhang.screen)")
      #expect(Self.names(zhang.store)[free] == "张三")

      // Li saves before her app has heard of it: the store refuses rather than write over Zhang's
      // member, says who took the number, and her form is still open with what she typed.
      Self.save(li)
      #expect(Self.typedName(li) == "李四", "Li's typing is kept: \(li.screen)")
      #expect(li.screen.contains("zhang"), "the message names who took the number: \(li.screen)")
      #expect(Self.names(li.store)[free] == "张三")

      // Her app catches up and she saves again: her member takes the next number.
      for _ in 0..<100 where li.runtime.state.data.members.isEmpty {
        usleep(10_000)
        li.keepUp()
      }
      Self.save(li)
      #expect(Self.typedName(li) == nil, "Li's form closed on saving: \(li.screen)")
      let afterLi = Self.names(li.store)
      #expect(afterLi[free] == "张三", "Zhang's member is untouched")
      #expect(afterLi.values.filter { $0 == "李四" }.count == 1)
      #expect(afterLi.count == 2)

      // Zhang opens another form; Li adds a member and Zhang's app hears of it before he saves:
      // his form takes the number after hers, whatever was free when it opened.
      // (Zhang's app first hears of Li's member: the announcement comes in its own time.)
      for _ in 0..<100 where zhang.runtime.state.data.members.count < 2 {
        usleep(10_000)
        zhang.keepUp()
      }
      #expect(zhang.runtime.state.data.members.count == 2)
      Self.startMember(zhang, "王五")
      let heldWhenOpened = zhang.runtime.state.data.nextRawID
      Self.startMember(li, "赵六")
      Self.save(li)
      #expect(Self.names(li.store)[heldWhenOpened] == "赵六")
      for _ in 0..<100 where zhang.runtime.state.data.members[MemberID(raw: heldWhenOpened)] == nil {
        usleep(10_000)
        zhang.keepUp()
      }
      #expect(zhang.runtime.state.data.members[MemberID(raw: heldWhenOpened)]?.name == "赵六")
      #expect(Self.typedName(zhang) == "王五", "his form stayed open while Li's member arrived")
      Self.save(zhang)
      #expect(Self.typedName(zhang) == nil, "\(zhang.screen)")
      try li.store.catchUp()
      let all = Self.names(li.store)
      #expect(all[heldWhenOpened] == "赵六", "Li's member is untouched")
      #expect(Set(all.values) == ["张三", "李四", "王五", "赵六"])
      try zhang.store.catchUp()
      #expect(zhang.store.state == li.store.state)
    }
  }

  /// A head loads the demonstration year while a clerk on another app adds a member: the clerk's
  /// member takes the next free number, which the demo had planned for one of its own records; the
  /// demo's record takes a free number when it is saved, and nothing is lost or overwritten.
  @Test func theDemoLoadedWhileAClerkAddsAMemberTakesItsNumbersOnSaving() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("he", Int(Role.admin.rawValue)), ("zhang", 0)])
    try inline {
      let he = try SharedCommitteeStore.openOrFail(
        address: cluster.address(user: "he"), draftsFolder: cluster.folder + "/drafts-he")
      let zhang = try SharedCommitteeStore.openOrFail(
        address: cluster.address(user: "zhang"), draftsFolder: cluster.folder + "/drafts-zhang")
      let today = SharedRuntimeTests.today
      // The demo as it numbers itself on this empty committee.
      let planned = try Demo.state(today: today, actor: he.identity, into: he.state)
      var theirs: Member?
      let loaded = try Startup.loadDemo(into: he, actor: he.identity, today: today) { done, _ in
        guard done == 40, theirs == nil else { return }
        do {
          try zhang.catchUp()
          let member = Member(id: MemberID(raw: zhang.state.nextRawID), name: "张委员（另一台）")
          try zhang.apply(.putMember(member), actor: zhang.identity, now: Date())
          theirs = member
        } catch {
          Issue.record("the clerk's member was not saved: \(error)")
        }
      }
      #expect(loaded == Demo.steps(today: today).count)
      let member = try #require(theirs)
      #expect(
        DemoNumbers.inUse(member.id.raw, planned),
        "the demo had planned number \(member.id.raw) for one of its records")
      try he.catchUp()
      try zhang.catchUp()
      #expect(he.state == zhang.state)
      #expect(he.state.members[member.id] == member, "the clerk's member is as she saved it")
      for kind in RecordKind.allCases {
        let extra = kind == .member ? 1 : 0
        #expect(he.state.count(of: kind) == planned.count(of: kind) + extra, "\(kind)")
      }
      #expect(he.state.totalCount == planned.totalCount + 1)
      // No number is given twice, whatever the kinds of the records.
      let twice = (1..<he.state.nextRawID).filter { raw in
        RecordKind.allCases.filter { he.state.contains(RecordRef($0, raw)) }.count > 1
      }
      #expect(twice.isEmpty, "numbers held by two records: \(twice)")
    }
  }
}
