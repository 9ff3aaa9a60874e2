import Domain
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// The problems list on the section kit: a head narrows it by its facets, sorts and searches it,
/// reads a problem's loop beside the list (or on its own on a narrow terminal), takes each step
/// of the loop by its key from the list or the detail, and recalls a view the board saved before
/// the list was the kit's.
@Suite struct ProblemsListStories {
  /// Three problems: one overdue at the ecology bureau, one due soon at city management, one just
  /// raised; and a fourth carried round the whole loop to closed.
  static func world(size: Size = Size(width: 120, height: 40)) throws -> (
    ProblemsWorld, late: ProblemID, soon: ProblemID, fresh: ProblemID, closed: ProblemID
  ) {
    let world = try ProblemsWorld(language: .en, size: size)
    let late = try world.raise("Street lamps out")
    let soon = try world.raise("Drain blocked")
    let fresh = try world.raise("Bench broken")
    let closed = try world.raise("Bus stop sign missing")
    for change in [
      Change.assignProblem(late, world.ecology, due: world.today.adding(days: -5), note: ""),
      .assignProblem(soon, world.cityManagement, due: world.today.adding(days: 3), note: ""),
      .assignProblem(closed, world.cityManagement, due: world.today.adding(days: 9), note: ""),
      .replyProblem(closed, "put back"), .feedBackProblem(closed, "told"), .followUpProblem(closed, "fine"),
      .evaluateProblem(closed, .good, note: ""), .closeProblem(closed, note: ""),
    ] {
      world.apply(change)
    }
    return (world, late, soon, fresh, closed)
  }

  /// The second line: the list's title, the facets chosen, the counts.
  static func header(_ world: ProblemsWorld) -> String {
    String(world.screen.split(separator: "\n", omittingEmptySubsequences: false)[1])
  }

  @Test func theFacetsNarrowByStatusOpenDepartmentSourceAndOverdueAndZClearsThem() throws {
    let (world, late, soon, fresh, closed) = try Self.world()
    #expect(Set(world.problems.shownProblemIDs) == [late, soon, fresh, closed])

    // t: each status in the loop's order, then every open one, then all again.
    world.type("t")
    #expect(world.problems.shownProblemIDs == [fresh])
    #expect(Self.header(world).contains("Status: raised"))
    world.type("t")
    #expect(Set(world.problems.shownProblemIDs) == [late, soon])
    world.type("ttttt")
    #expect(world.problems.shownProblemIDs == [closed])
    world.type("t")
    #expect(Set(world.problems.shownProblemIDs) == [late, soon, fresh])
    #expect(world.problems.filters.openOnly)
    #expect(Self.header(world).contains("Status: open"))
    world.type("t")
    #expect(world.problems.list.filter.facets.isEmpty)
    #expect(world.problems.shownProblemIDs.count == 4)

    // b: departments by name (区生态环境局 sorts before 城市管理局); c: the source's kind.
    world.type("b")
    #expect(world.problems.filters.department == world.ecology)
    #expect(world.problems.shownProblemIDs == [late])
    world.type("b")
    #expect(Set(world.problems.shownProblemIDs) == [soon, closed])
    world.type("c")
    #expect(Self.header(world).contains("Source: consultation"))
    #expect(Set(world.problems.shownProblemIDs) == [soon, closed])

    // z clears every facet; ! then shows the overdue one alone, and Esc clears it again.
    world.type("z")
    #expect(world.problems.filters.isEmpty)
    world.type("!")
    #expect(world.problems.shownProblemIDs == [late])
    #expect(Self.header(world).contains("Overdue only: yes"))
    world.press(.escape)
    #expect(world.problems.shownProblemIDs.count == 4)
  }

  @Test func theListSortsByDueDayFirstAndSearchesEveryWordShown() throws {
    let (world, late, soon, fresh, closed) = try Self.world()
    // By due day, nearest first; without one, last.
    #expect(world.problems.shownProblemIDs == [late, soon, closed, fresh])
    #expect(world.problems.table.sort == TableSort(column: ProblemRows.Column.due.rawValue))
    world.type("S")
    #expect(world.problems.shownProblemIDs == [closed, soon, late, fresh])
    // s: the next sortable column, days overdue (the late one first when reversed).
    world.type("s")
    #expect(world.problems.table.sort?.column == ProblemRows.Column.overdue.rawValue)
    world.type("S")
    #expect(world.problems.shownProblemIDs.first == late)

    // / narrows by any word of a row: a title, a department's name.
    world.type("/drain")
    #expect(world.problems.shownProblemIDs == [soon])
    world.press(.escape)
    world.type("/城市管理")
    #expect(Set(world.problems.shownProblemIDs) == [soon, closed])
  }

  @Test func theDetailIsBesideTheListAt120ColumnsAndTakesTheScreenAt80() throws {
    let (wide, late, _, _, _) = try Self.world()
    wide.selectOnBoard(late)
    // Beside the list without Enter: the facts, the loop so far, the steps with their keys.
    #expect(wide.screen.contains("The loop so far"))
    #expect(wide.screen.contains("(5 days overdue)"))
    #expect(wide.screen.contains("r           Record the reply"))
    #expect(wide.problems.openProblemID == nil)
    wide.press(.enter)
    #expect(wide.problems.openProblemID == late)
    #expect(wide.screen.contains("Status"), "the list stays beside the focused detail")
    wide.press(.escape)
    #expect(wide.problems.openProblemID == nil)

    let (narrow, narrowLate, _, _, _) = try Self.world(size: Size(width: 80, height: 24))
    narrow.selectOnBoard(narrowLate)
    #expect(!narrow.screen.contains("The loop so far"))
    narrow.press(.enter)
    #expect(narrow.problems.openProblemID == narrowLate)
    #expect(narrow.screen.contains("The loop so far"))
    #expect(!narrow.screen.contains("│Problem"), "the detail takes the screen")
    narrow.press(.escape)
    #expect(narrow.screen.contains("│Problem"))
  }

  @Test func eachStepHasItsKeyOnTheListAndOnTheDetail() throws {
    let (world, _, _, fresh, _) = try Self.world()
    // d on the list: the assignment's form for the selected problem.
    world.selectOnBoard(fresh)
    world.type("d")
    #expect(world.problems.openForm?.action == .assign)
    world.type("生态")
    world.press(.enter, .tab)
    world.type("+30")
    world.press(.ctrl("s"))
    #expect(world.problem(fresh)?.status == .assigned)
    #expect(world.problems.selectedProblemID == fresh, "the list keeps the problem selected")

    // r from the open detail: the reply; then a (the next step) offers the feedback.
    world.press(.enter)
    world.type("r")
    #expect(world.problems.openForm?.action == .reply)
    world.type("已更换")
    world.press(.ctrl("s"))
    #expect(world.problem(fresh)?.status == .replied)
    #expect(world.problems.openProblemID == fresh)
    world.type("a")
    #expect(world.problems.openForm?.action == .feedBack)
    world.press(.escape)

    // A step the loop is not at is refused with the rule, and no form opens.
    world.type("X")
    #expect(world.problems.openForm == nil)
    #expect(world.screen.contains("cannot become"))
  }

  @Test func aJumpFromAConsultationShowsItsProblemsUntilEsc() throws {
    let (world, _, _, _, _) = try Self.world()
    let other = try world.raise("Noise at night")
    var state = world.runtime.state
    let fromSupervision = RecordRef(SupervisionItemID(raw: 999_999))
    Update.navigate(&state, to: Navigation(.problems, RecordRef(world.consultation)))
    #expect(state.problems.fromRecord == RecordRef(world.consultation))
    #expect(state.problems.shownProblemIDs.count == 5)
    #expect(state.problems.shownProblemIDs.contains(other))
    // A record that raised nothing: an empty list that says why, not every problem.
    Update.navigate(&state, to: Navigation(.problems, fromSupervision))
    #expect(state.problems.shownProblemIDs.isEmpty)
    var canvas = Canvas(size: state.size)
    state.problems.draw(into: &canvas, rect: ShellLayout.body(state.size), context: state.context)
    #expect(canvas.text.contains("No problem matches the filters. Press z to clear them."))
    _ = Update.update(&state, .terminal(.key(.escape)))
    #expect(state.problems.fromRecord == nil)
    #expect(state.problems.shownProblemIDs.count == 5)
  }

  @Test func aViewTheBoardSavedBeforeTheMoveRecallsItsFiltersAndSort() throws {
    let (world, late, soon, _, _) = try Self.world()
    // As the board saved it (record kind 50): its filters by name, its sort by the board's
    // columns (4 was the due day), overdue only and one department.
    let old = SavedView(
      id: world.store.state.newID(), owner: "hexm", place: "problems", slot: 1, name: "Board's view",
      settings: [
        ViewSetting("filter", ""), ViewSetting("status", String(ProblemStatus.assigned.rawValue)),
        ViewSetting("openOnly", "0"), ViewSetting("department", String(world.ecology.raw)),
        ViewSetting("sourceKind", String(RecordKind.consultation.rawValue)), ViewSetting("overdueOnly", "1"),
        ViewSetting("sort", "4-"),
      ])
    world.apply(.saveView(old))
    world.press(.alt("1"))
    #expect(world.problems.filters.status == .assigned)
    #expect(world.problems.filters.department == world.ecology)
    #expect(world.problems.filters.sourceKind == .consultation)
    #expect(world.problems.filters.overdueOnly)
    #expect(world.problems.table.sort == TableSort(column: ProblemRows.Column.due.rawValue, ascending: false))
    #expect(world.problems.shownProblemIDs == [late])

    // Open only, no department, and the board's text filter: the same problems as typed now.
    let open = SavedView(
      id: world.store.state.newID(), owner: "hexm", place: "problems", slot: 2, name: "Open drains",
      settings: [
        ViewSetting("filter", "drain"), ViewSetting("status", ""), ViewSetting("openOnly", "1"),
        ViewSetting("department", ""), ViewSetting("sourceKind", ""), ViewSetting("overdueOnly", "0"),
        ViewSetting("sort", "0+"),
      ])
    world.apply(.saveView(open))
    world.press(.alt("2"))
    #expect(world.problems.filters == ChosenFacets(openOnly: true))
    #expect(world.problems.table.filter == "drain")
    #expect(world.problems.shownProblemIDs == [soon])

    // Saved again now, it is in the kit's shape, and recalls the same.
    let settings = try #require(world.runtime.state.viewSettings())
    #expect(settings.value("openOnly") == nil)
    #expect(ProblemsScreen.kitShape(settings, context: world.runtime.state.context) == settings)
  }
}

/// The problems list's index follows each change's touched records from one data version to
/// the next (rather than being built again from every problem), and stays what a fresh build
/// makes.
@Suite struct ProblemIndexFollowsChanges {
  @Test("raised, assigned and undone: the carried index equals one built from scratch")
  func theCarriedIndexEqualsAFreshOne() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    try world.raise("菜市场排水沟堵塞")
    func expectFresh(sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(
        world.problems.rows.index == ProblemIndex(data: world.store.state), sourceLocation: sourceLocation)
    }
    expectFresh()

    let third: ProblemID = world.store.state.newID()
    world.apply(.raiseProblem(third, .consultation(world.consultation), title: "公园厕所无人保洁", description: ""))
    #expect(world.problems.rows.index.ids.contains(third))
    expectFresh()
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 30), note: ""))
    expectFresh()
    world.apply(.assignProblem(third, world.cityManagement, due: world.today.adding(days: -2), note: ""))
    expectFresh()
    world.press(.character("u"))
    #expect(world.problem(third)?.department == nil)
    expectFresh()
    world.press(.character("u"))
    world.press(.character("u"))
    #expect(world.problem(third) == nil)
    expectFresh()
  }

  @Test("following a change by its touched records builds the same index as scratch")
  func followingEqualsBuildingFromScratch() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    let second = try world.raise("菜市场排水沟堵塞")
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 3), note: ""))
    var before = world.store.state
    var index = ProblemIndex(data: before)
    // Each step touches only the problem it names; one brings in a department not used before.
    let third: ProblemID = before.newID()
    for change in [
      Change.raiseProblem(third, .consultation(world.consultation), title: "新问题", description: ""),
      .assignProblem(second, world.ecology, due: world.today.adding(days: -4), note: ""),
      .assignProblem(third, world.cityManagement, due: world.today.adding(days: 1), note: ""),
    ] {
      world.apply(change)
      let after = world.store.state
      let touched = Set(
        after.problems.keys.filter { before.problems[$0] != after.problems[$0] }.map(RecordRef.init)
      )
      .union(before.problems.keys.filter { after.problems[$0] == nil }.map(RecordRef.init))
      index.follow(to: after, touched: touched)
      #expect(index == ProblemIndex(data: after))
      before = after
    }
  }
}
