import Domain
import Foundation
import Store
import TerminalCore
import Testing

@testable import App
@testable import SharedStore

/// Two people's apps, each a real runtime on a virtual terminal, on one shared committee.
@Suite(.serialized)
struct SharedRuntimeTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_418)

  /// One person's app on the Registers screen.
  final class Desk {
    let store: SharedCommitteeStore
    let backend = VirtualBackend(size: Size(width: 120, height: 40))
    let runtime: Runtime

    init(_ cluster: PostgresCluster, _ user: String) throws {
      store = try SharedCommitteeStore.openOrFail(
        address: cluster.address(user: user), draftsFolder: cluster.folder + "/drafts-" + user)
      let actor = try Startup.actor(store: store, userName: "os-user", displayName: "x", now: Date())
      let state = Startup.initialState(
        store: store, actor: actor, language: .zh, size: backend.size, today: SharedRuntimeTests.today)
      runtime = Runtime(
        state: state, backend: backend, store: store, clock: TestClock(SharedRuntimeTests.today))
      // The committee is empty: no demonstration data, thanks.
      if runtime.state.dialog == .offerDemo { backend.type("n") }
      backend.type("6")
      runtime.run(untilIdle: true)
    }

    var screen: String { backend.screen.text }

    /// The record under the cursor on the Registers screen.
    var selected: RecordRef? {
      let registers = runtime.state.registers
      return registers.selectedRef
    }

    /// What the runtime does after each batch of events, then a frame.
    func keepUp() {
      runtime.syncIfDue()
      runtime.run(untilIdle: true)
    }
  }

  @Test func eachAppShowsTheOthersChangeWithinASecondKeepingItsPlace() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Desk(cluster, "zhang")
      let li = try Desk(cluster, "li")
      // The server, not the operating system, says who is working.
      #expect(li.runtime.state.actor == .staff("li", .clerk))
      for (raw, name) in [(1, "王委员"), (2, "赵委员")] {
        try zhang.store.apply(
          .putMember(Member(id: MemberID(raw: UInt64(raw)), name: name)), actor: zhang.store.identity,
          now: Date())
      }
      // The announcement takes a moment to arrive; Li's loop keeps up meanwhile.
      for _ in 0..<100 where !li.screen.contains("赵委员") {
        usleep(10_000)
        li.keepUp()
      }
      li.backend.enqueue([.key(.down)])
      li.runtime.run(untilIdle: true)
      let selected = li.selected
      #expect(selected != nil, "\(li.screen)")
      #expect(li.screen.contains("赵委员"))

      // Zhang adds a third member; Li's screen shows it, and who did it, within a second.
      let started = Date()
      try zhang.store.apply(
        .putMember(Member(id: MemberID(raw: 3), name: "钱委员")), actor: zhang.store.identity, now: Date())
      while !li.screen.contains("钱委员") && Date().timeIntervalSince(started) < 3 {
        usleep(10_000)
        li.keepUp()
      }
      let delay = Date().timeIntervalSince(started)
      #expect(li.screen.contains("钱委员"))
      #expect(delay < 1, "Li's screen showed Zhang's member after \(delay) s")
      #expect(li.screen.contains("zhang："), "the message line says who changed what")
      #expect(li.screen.contains("同时在线：zhang"), "the status bar shows who else is working")
      // Li's place in the list is where it was.
      #expect(li.selected == selected)

      // The server goes away: Li's status bar says so and the app stays read-only, then comes back.
      cluster.stop(immediately: true)
      for _ in 0..<20 where !li.screen.contains("离线") {
        usleep(50_000)
        li.keepUp()
      }
      #expect(li.screen.contains("离线"))
      try cluster.start()
      var back = false
      for _ in 0..<40 where !back {
        usleep(100_000)
        li.keepUp()
        back = !li.store.presence.isOffline
      }
      #expect(back, "the app reconnected by itself")
      li.keepUp()
      #expect(li.screen.contains("已重新连上共享数据库"), "and says so: \(li.screen)")
      #expect(!li.screen.contains("离线"))
    }
  }

  @Test func aMemberFormSavedAfterAnotherClerksChangeArrivedAsksInsteadOfOverwriting() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Desk(cluster, "zhang")
      let li = try Desk(cluster, "li")
      let member = Member(id: MemberID(raw: 1), name: "王委员", phone: "13800000111")
      try zhang.store.apply(.putMember(member), actor: zhang.store.identity, now: Date())
      for _ in 0..<100 where !li.screen.contains("王委员") {
        usleep(10_000)
        li.keepUp()
      }
      // Li opens the member and adds to the name.
      li.backend.type("e")
      li.runtime.run(untilIdle: true)
      #expect(li.screen.contains("编辑委员"), "\(li.screen)")
      li.backend.enqueue([.key(.end)])
      li.backend.type("（主任）")
      li.runtime.run(untilIdle: true)

      // Meanwhile Zhang changes the phone, and Li's app receives it while her form is open.
      try zhang.store.apply(
        .putMember(Member(id: member.id, name: "王委员", phone: "13800000222")), actor: zhang.store.identity,
        now: Date()
      )
      for _ in 0..<100 where li.runtime.state.data.members[member.id]?.phone != "13800000222" {
        usleep(10_000)
        li.keepUp()
      }
      #expect(li.runtime.state.data.members[member.id]?.phone == "13800000222")

      // Her save is held back and she is told what Zhang changed; the server keeps Zhang's phone.
      li.backend.enqueue([.key(.ctrl("s"))])
      li.keepUp()
      // The question names Zhang: the server recorded who made the change that came first.
      #expect(li.screen.contains("记录已被zhang修改"), "\(li.screen)")
      #expect(li.screen.contains("zhang修改了这条记录"))
      guard case .form(let form) = li.runtime.state.registers.mode else {
        Issue.record("the form closed: \(li.screen)")
        return
      }
      #expect(form.clash?.records.first?.fields.map(\.name) == ["电话"])
      #expect(form.form.values["name"] == .text("王委员（主任）"), "what she typed is kept")
      try zhang.store.catchUp()
      #expect(
        zhang.store.state.members[member.id] == Member(id: member.id, name: "王委员", phone: "13800000222"))

      // Having seen it, she saves hers over it: the server has her values, once.
      li.backend.type("y")
      li.keepUp()
      try zhang.store.catchUp()
      #expect(
        zhang.store.state.members[member.id] == Member(id: member.id, name: "王委员（主任）", phone: "13800000111"))
    }
  }

  @Test func herOwnRedoUnderTheMemberFormIsNoClashButAColleaguesChangeMeanwhileIs() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Desk(cluster, "zhang")
      let li = try Desk(cluster, "li")
      let member = Member(id: MemberID(raw: 1), name: "王委员", phone: "13800000111")
      try zhang.store.apply(.putMember(member), actor: zhang.store.identity, now: Date())
      for _ in 0..<100 where !li.screen.contains("王委员") {
        usleep(10_000)
        li.keepUp()
      }
      // Li set the member's notes earlier and took it back (u).
      try li.store.apply(
        .putMember(Member(id: member.id, name: "王委员", phone: "13800000111", notes: "二楼")),
        actor: li.store.identity,
        now: Date())
      li.runtime.send(.dataChanged(li.store.state, touched: [RecordRef(member.id)], by: .thisUser))
      li.backend.type("u")
      li.keepUp()
      #expect(li.runtime.state.data.members[member.id]?.notes == "")

      // With the member's form open she adds to the name, and redoes her notes (Ctrl-R reaches
      // the shell from the form, as from every form).
      li.backend.type("e")
      li.runtime.run(untilIdle: true)
      #expect(li.screen.contains("编辑委员"), "\(li.screen)")
      li.backend.enqueue([.key(.end)])
      li.backend.type("（主任）")
      li.backend.enqueue([.key(.ctrl("r"))])
      li.keepUp()
      #expect(li.runtime.state.data.members[member.id]?.notes == "二楼")
      guard case .form = li.runtime.state.registers.mode else {
        Issue.record("the redo closed the form: \(li.screen)")
        return
      }

      // Meanwhile Zhang, having seen her notes, changes the phone; Li's app receives it while her
      // form is still open.
      try zhang.store.catchUp()
      try zhang.store.apply(
        .putMember(Member(id: member.id, name: "王委员", phone: "13800000222", notes: "二楼")),
        actor: zhang.store.identity, now: Date())
      for _ in 0..<100 where li.runtime.state.data.members[member.id]?.phone != "13800000222" {
        usleep(10_000)
        li.keepUp()
      }

      // Saving asks about Zhang's phone only: her own redo is not a clash, his change is, by name.
      li.backend.enqueue([.key(.ctrl("s"))])
      li.keepUp()
      #expect(li.screen.contains("记录已被zhang修改"), "\(li.screen)")
      guard case .form(let form) = li.runtime.state.registers.mode else {
        Issue.record("the form closed: \(li.screen)")
        return
      }
      #expect(form.clash?.by == ["zhang"])
      #expect(form.clash?.records.first?.fields.map(\.name) == ["电话"])
      #expect(form.form.values["name"] == .text("王委员（主任）"), "what she typed is kept")
      try zhang.store.catchUp()
      #expect(zhang.store.state.members[member.id]?.phone == "13800000222")
    }
  }

  @Test func aReportsTextSavedByAnotherClerkIsNotOverwrittenAndTakingTheirsKeepsWhatWasTyped() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Desk(cluster, "zhang")
      let li = try Desk(cluster, "li")
      let member = Member(id: MemberID(raw: 1), name: "王委员")
      let report = OpinionReport(
        id: OpinionReportID(raw: 2), title: "停车难", text: "原稿。", submitter: member.id,
        date: SharedRuntimeTests.today)
      try zhang.store.apply(.putMember(member), actor: zhang.store.identity, now: Date())
      try zhang.store.apply(.putOpinionReport(report), actor: zhang.store.identity, now: Date())
      for _ in 0..<100 where li.runtime.state.data.opinionReports[report.id] == nil {
        usleep(10_000)
        li.keepUp()
      }
      // Li opens the report's text and types.
      li.backend.type("9e")
      li.keepUp()
      #expect(li.runtime.state.reports.editorRecord == RecordRef(report.id), "\(li.screen)")
      li.backend.type("李补充：")
      li.keepUp()

      // Zhang rewrites the text meanwhile; Li's app receives it with the editor open.
      var theirs = report
      theirs.text = "张改写的稿子。"
      try zhang.store.apply(.putOpinionReport(theirs), actor: zhang.store.identity, now: Date())
      for _ in 0..<100 where li.runtime.state.data.opinionReports[report.id]?.text != theirs.text {
        usleep(10_000)
        li.keepUp()
      }
      // Her Ctrl-S asks, naming Zhang; the server keeps Zhang's text.
      li.backend.enqueue([.key(.ctrl("s"))])
      li.keepUp()
      #expect(li.screen.contains("文本已被zhang修改"), "\(li.screen)")
      try zhang.store.catchUp()
      #expect(zhang.store.state.opinionReports[report.id]?.text == theirs.text)

      // She takes his: his text first, hers below it; saved, the server has both.
      li.backend.type("n")
      li.keepUp()
      let merged = try #require(li.runtime.state.reports.editor?.area.text)
      #expect(merged.hasPrefix(theirs.text) && merged.contains("李补充：原稿。"))
      li.backend.enqueue([.key(.ctrl("s"))])
      li.keepUp()
      try zhang.store.catchUp()
      #expect(zhang.store.state.opinionReports[report.id]?.text == merged)
    }
  }
}
