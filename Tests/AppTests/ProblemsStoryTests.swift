import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// A small committee in a real store in a temp folder: two departments, a consultation at a
/// community room, and the app driven through the virtual backend on a fixed clock.
/// The seed did not run (it always does; this keeps the unwrap honest).
struct SeedError: Error {}

final class ProblemsWorld {
  let world: TestWorld
  let today = TestWorld.today
  let ecology: DepartmentID
  let cityManagement: DepartmentID
  let consultation: ConsultationID

  var store: CommitteeStore { world.store }
  var clock: TestClock { world.clock }
  var backend: VirtualBackend { world.backend }
  var runtime: Runtime { world.runtime }

  init(
    language: Language = .zh, userName: String = "hexm", role: Domain.Role? = .head,
    size: Size = Size(width: 120, height: 40)
  ) throws {
    var ids: (DepartmentID, DepartmentID, ConsultationID)?
    world = try TestWorld(language: language, size: size) { store, clock in
      let admin = ActingUser.staff("admin", .admin)
      try store.apply(
        .putStaffAccount(
          StaffAccount(id: store.state.newID(), userName: "admin", displayName: "管理员", role: .admin)),
        actor: admin, now: clock.now())
      let ecology: DepartmentID = store.state.newID()
      try store.apply(.putDepartment(Department(id: ecology, name: "区生态环境局")), actor: admin, now: clock.now())
      let cityManagement: DepartmentID = store.state.newID()
      try store.apply(
        .putDepartment(Department(id: cityManagement, name: "城市管理局")), actor: admin, now: clock.now())
      let consultation: ConsultationID = store.state.newID()
      try store.apply(
        .openConsultation(consultation, ConsultationDetails(title: "小花市背街小巷改造")), actor: admin,
        now: clock.now())
      if let role {
        try store.apply(
          .putStaffAccount(
            StaffAccount(id: store.state.newID(), userName: userName, displayName: userName, role: role)),
          actor: admin, now: clock.now())
      }
      ids = (ecology, cityManagement, consultation)
      return store.state.actor(userName: userName)
    }
    guard let ids else { throw SeedError() }
    (ecology, cityManagement, consultation) = ids
  }

  /// Raises a problem from the consultation, as the minutes' key would (a Change through the runtime).
  @discardableResult
  func raise(_ title: String) throws -> ProblemID {
    let id: ProblemID = store.state.newID()
    try store.apply(
      .raiseProblem(id, .consultation(consultation), title: title, description: ""),
      actor: .staff("admin", .admin),
      now: clock.now())
    runtime.send(.dataChanged(store.state))
    if runtime.state.section != .problems { runtime.send(.terminal(.key(.character("5")))) }
    runtime.run(untilIdle: true)
    return id
  }

  /// Applies a change as the working user, through the runtime (as a screen's effect would).
  func apply(_ change: Change) { world.apply(change, tag: EffectTag(.problems, "test")) }

  func type(_ text: String) { world.type(text) }

  func press(_ keys: Key...) { world.press(keys) }

  func press(_ keys: [Key]) { world.press(keys) }

  var screen: String { backend.screen.text }
  var problems: ProblemsScreen { runtime.state.problems }
  func problem(_ id: ProblemID) -> Problem? { store.state.problems[id] }

  /// Puts the board's selection on a problem, by its row, with the keys a user would press.
  func selectOnBoard(_ id: ProblemID) {
    press(.home)
    var guardCount = 0
    while problems.selectedProblemID != id && guardCount < 200 {
      press(.down)
      guardCount += 1
    }
  }
}

@Suite struct ProblemsStories {
  @Test func aProblemGoesRoundTheWholeLoopAndAnotherIsSentToRedo() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    let second = try world.raise("菜市场排水沟堵塞")
    #expect(world.runtime.state.section == .problems)
    #expect(world.screen.contains("背街小巷路灯不亮"))
    #expect(world.screen.contains("已提出"))

    // Assign the first: `a` opens the next step's form; the department is typed in Chinese.
    world.selectOnBoard(first)
    world.type("a")
    #expect(world.problems.openForm?.action == .assign)
    #expect(world.screen.contains("交办部门"))
    world.type("生态")
    #expect(world.screen.contains("区生态环境局"))
    world.press(.enter)  // pick the match
    world.press(.tab)
    world.type("+30")
    #expect(world.screen.contains("→ 2026-12-26"))
    world.press(.tab)
    world.type("请一个月内修复")
    world.press(.ctrl("s"))
    #expect(world.problems.openForm == nil)
    let assigned = try #require(world.problem(first))
    #expect(assigned.status == .assigned)
    #expect(assigned.department == world.ecology)
    #expect(assigned.due == Day(year: 2026, month: 12, day: 26))
    #expect(assigned.history.last?.note == "请一个月内修复")
    #expect(world.screen.contains("已保存"))

    // Reply, feedback and follow-up, each through its form.
    for (text, status) in [
      ("已更换路灯十二盏", ProblemStatus.replied), ("已向委员和居民反馈", .fedBack), ("回头看：路灯正常", .followedUp),
    ] {
      world.selectOnBoard(first)
      world.type("a")
      world.type(text)
      world.press(.ctrl("s"))
      #expect(world.problem(first)?.status == status, "\(text)")
    }

    // Evaluate: good, then close.
    world.selectOnBoard(first)
    world.type("a")
    #expect(world.problems.openForm?.action == .evaluate)
    // The three measures: rectification good, cooperation excellent, satisfaction good.
    world.press(.right, .right)  // excellent, then good
    world.press(.tab, .right)
    world.press(.tab, .right, .right)
    world.press(.tab, .right)  // outcome: close
    world.press(.ctrl("s"))
    let closed = try #require(world.problem(first))
    #expect(closed.status == .closed)
    #expect(closed.evaluation == .good, "the single rating is the weakest measure")
    #expect(closed.measures?.cooperation == .excellent)
    #expect(
      closed.history.map(\.status) == [
        .raised, .assigned, .replied, .fedBack, .followedUp, .evaluated, .closed,
      ])

    // The detail shows the loop as a timeline, newest step last.
    world.selectOnBoard(first)
    world.press(.enter)
    #expect(world.screen.contains("闭环经过"))
    #expect(world.screen.contains("回头看：路灯正常"))
    #expect(world.screen.contains("已办结"))
    world.press(.escape)

    // The second goes round to evaluation and is sent to redo: the count shows on the board.
    world.runtime.send(.terminal(.key(.character("z"))))
    for change in [
      Change.assignProblem(second, world.cityManagement, due: world.today.adding(days: 10), note: ""),
      .replyProblem(second, "已疏通"), .feedBackProblem(second, "已告知居民"), .followUpProblem(second, "仍有积水"),
    ] {
      world.apply(change)
    }
    world.selectOnBoard(second)
    world.type("a")
    world.press(.end)  // rectification poor
    world.press(.tab, .right, .tab, .right)  // cooperation and satisfaction excellent
    world.press(.tab, .right, .right)  // outcome: redo
    world.press(.tab)
    world.type("+15")
    world.press(.ctrl("s"))
    let redone = try #require(world.problem(second))
    #expect(redone.status == .assigned)
    #expect(redone.redoCount == 1)
    #expect(
      redone.pastEvaluations.map(\.rectification) == [.poor], "the redo keeps the evaluation that led to it")
    #expect(redone.due == world.today.adding(days: 15))
    world.selectOnBoard(second)
    world.press(.enter)
    #expect(world.screen.contains("重新办理次数"))

    // `o` jumps from the problem to the consultation it came from.
    world.type("o")
    #expect(world.runtime.state.section == .consultations)
  }

  @Test func theBoardFiltersByStatusDepartmentAndOverdueAndSortsByDue() throws {
    let world = try ProblemsWorld(language: .en)
    let late = try world.raise("Street lamps out")
    let soon = try world.raise("Drain blocked")
    let fresh = try world.raise("Bench broken")
    for change in [
      Change.assignProblem(late, world.ecology, due: world.today.adding(days: -5), note: ""),
      .assignProblem(soon, world.cityManagement, due: world.today.adding(days: 3), note: ""),
    ] {
      world.apply(change)
    }
    // Sorted by due day: the overdue one first, the unassigned one last; overdue rows are marked.
    #expect(world.problems.shownProblemIDs == [late, soon, fresh])
    // (The row, not the detail beside the list, which is headed by the selected title.)
    let lateLine = try #require(
      world.screen.split(separator: "\n").first {
        $0.contains("Street lamps out") && !$0.contains("│Problem")
      })
    #expect(lateLine.hasPrefix("!"))
    #expect(lateLine.contains(" 5"))
    let soonLine = try #require(
      world.screen.split(separator: "\n").first { $0.contains("Drain blocked") && !$0.contains("│Problem") })
    #expect(!soonLine.hasPrefix("!"))

    world.type("!")
    #expect(world.problems.shownProblemIDs == [late])
    #expect(world.screen.contains("Overdue only: yes"))
    world.type("!")

    world.type("t")  // raised
    #expect(world.problems.shownProblemIDs == [fresh])
    world.type("t")  // assigned
    #expect(Set(world.problems.shownProblemIDs) == [late, soon])
    world.type("z")

    world.type("b")  // the first department by name
    let firstDepartment = try #require(world.problems.filters.department)
    #expect(world.problems.shownProblemIDs == (firstDepartment == world.ecology ? [late] : [soon]))
    world.type("z")

    // Idle ticks build the text filter's keys ahead; typing then narrows by any word shown.
    world.runtime.send(.terminal(.tick))
    #expect(world.problems.rows.keys?.count == 3)
    world.type("/drain")
    #expect(world.problems.shownProblemIDs == [soon])
    world.press(.escape)
    #expect(world.problems.shownProblemIDs.count == 3)

    // Reverse the sort: latest due first.
    world.type("S")
    #expect(world.problems.shownProblemIDs.prefix(2) == [soon, late])
  }

  @Test func filtersChangedFromAnywhereInTheListKeepTheBoardConsistent() throws {
    let world = try ProblemsWorld(language: .en, size: Size(width: 80, height: 24))
    var ids: [ProblemID] = []
    for n in 0..<40 { ids.append(try world.raise("Problem \(n) 路灯")) }
    for (n, id) in ids.enumerated() where n % 3 != 0 {
      world.apply(
        .assignProblem(
          id, n % 2 == 0 ? world.ecology : world.cityManagement, due: world.today.adding(days: n - 20),
          note: ""))
    }
    let keys: [[Key]] = [
      [.end, .character("!")], [.character("z")], [.end, .character("t"), .character("t")],
      [.character("/"), .character("1"), .enter, .end, .character("b")], [.escape, .end, .character("S")],
      [.character("c"), .character("c")], [.character("z"), .end],
    ]
    for sequence in keys {
      world.press(sequence)
      let shown = world.problems.shownProblemIDs
      let filters = world.problems.filters
      for id in shown {
        let problem = try #require(world.problem(id))
        if let status = filters.status { #expect(problem.status == status) }
        if let department = filters.department { #expect(problem.department == department) }
        if filters.overdueOnly { #expect(problem.isOverdue(today: world.today)) }
        if filters.sourceKind != nil { #expect(problem.source.ref.kind == filters.sourceKind) }
      }
      if let selected = world.problems.selectedProblemID { #expect(shown.contains(selected)) }
    }
    #expect(world.problems.shownProblemIDs.count == 40)
  }

  @Test func illegalStepsAreRefusedWithTheRulesMessageAndChangeNothing() throws {
    let world = try ProblemsWorld(language: .en, role: .head)
    let id = try world.raise("Street lamps out")
    let before = world.store.state
    // A head may close problems, but not this one yet: the detail dims the step, and its key
    // (X) says the loop's rule.
    world.selectOnBoard(id)
    world.press(.enter)
    #expect(world.screen.contains("Dimmed steps"))
    world.type("X")
    #expect(world.problems.openForm == nil)
    #expect(world.screen.contains("cannot become"))
    // Sent anyway (as a stale form would), Domain refuses it and the message line says so.
    for event in world.runtime.perform(
      .apply(.closeProblem(id, note: ""), tag: EffectTag(.problems, "close")))
    {
      world.runtime.send(event)
    }
    world.runtime.run(untilIdle: true)
    #expect(world.screen.contains("cannot become"))
    #expect(world.store.state == before)
  }

  @Test func aRefusalFromTheRulesShowsOnTheFormWhichStaysOpen() throws {
    let world = try ProblemsWorld(language: .en)
    let id = try world.raise("Drain blocked")
    world.selectOnBoard(id)
    world.type("a")
    world.type("生态")
    world.press(.enter, .tab)
    world.type("+30")
    // Meanwhile an admin archives the department: the rules refuse the assignment.
    try world.store.apply(
      .archive(RecordRef(world.ecology)), actor: .staff("admin", .admin), now: world.clock.now())
    world.runtime.send(.dataChanged(world.store.state))
    let before = world.store.state
    world.press(.ctrl("s"))
    let form = try #require(world.problems.openForm)
    #expect(form.form.errors["department"]?.contains("archived") == true)
    #expect(world.screen.contains("archived"))
    #expect(world.store.state == before)
    #expect(world.problem(id)?.status == .raised)
  }

  @Test func aClerkMayAssignButNotEvaluate() throws {
    let world = try ProblemsWorld(language: .en, role: .clerk)
    let id = try world.raise("Drain blocked")
    for change in [
      Change.assignProblem(id, world.ecology, due: world.today, note: ""), .replyProblem(id, "done"),
      .feedBackProblem(id, "told"), .followUpProblem(id, "fine"),
    ] {
      world.apply(change)
    }
    world.selectOnBoard(id)
    world.type("a")
    #expect(world.problems.openForm == nil)
    #expect(world.screen.contains("needs \"head\""))
    #expect(world.store.state.problems[id]?.status == .followedUp)
  }

  @Test func aReaderWithoutAnAccountCannotChangeAnythingAndIsToldSo() throws {
    let world = try ProblemsWorld(language: .en, userName: "visitor", role: nil)
    let id = try world.raise("Street lamps out")  // raised by the admin behind the scenes
    let before = world.store.state
    world.selectOnBoard(id)
    world.type("a")
    #expect(world.problems.openForm == nil)
    #expect(world.screen.contains("has no staff account and may only read"))
    // The detail says beside each step why it is refused; the step's own key is refused too.
    world.press(.enter)
    #expect(world.screen.contains("Assign to a department · read-only: no"))
    world.type("d")
    #expect(world.problems.openForm == nil)
    #expect(world.screen.contains("has no staff account and may only read"))
    #expect(world.store.state == before)
  }
}

@Suite struct ProblemIndexOrders {
  @Test func theLinearOrdersAgreeWithSorting() {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let n = Int.random(in: 0..<300, using: &random)
      let due: [Int32] = (0..<n).map { _ in
        Bool.random(using: &random) ? ProblemIndex.noDue : Int32.random(in: 20_000..<20_060, using: &random)
      }
      let expected = (0..<Int32(n)).sorted { a, b in
        let da = due[Int(a)] == ProblemIndex.noDue ? Int32.max : due[Int(a)]
        let db = due[Int(b)] == ProblemIndex.noDue ? Int32.max : due[Int(b)]
        return da == db ? a < b : da < db
      }
      #expect(ProblemIndex.dueOrder(due) == expected)
      let dense: [ProblemID] = (0..<n).map { _ in
        ID(raw: UInt64.random(in: 1..<UInt64(4 * n + 2), using: &random))
      }
      let unique = Array(Set(dense))
      #expect(ProblemIndex.idOrder(unique).map { unique[$0] } == unique.sorted())
      let sparse = unique.map { ID<Problem>(raw: $0.raw * 1_000_000) }
      #expect(ProblemIndex.idOrder(sparse).map { sparse[$0] } == sparse.sorted())
    }
  }
}
