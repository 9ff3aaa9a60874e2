import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

@Suite struct OverviewStories {
  /// Three problems: one closed after 10 days, one overdue by 5 days, one just raised.
  func world() throws -> (ProblemsWorld, closed: ProblemID, late: ProblemID, fresh: ProblemID) {
    let world = try ProblemsWorld(language: .en)
    let closed = try world.raise("Street lamps out")
    let late = try world.raise("Drain blocked")
    let fresh = try world.raise("Bench broken")
    world.clock.advance(days: 10)
    world.apply(.assignProblem(closed, world.ecology, due: world.today.adding(days: 30), note: ""))
    world.apply(.replyProblem(closed, "fixed"))
    world.apply(.feedBackProblem(closed, "told"))
    world.apply(.followUpProblem(closed, "still fine"))
    world.apply(.evaluateProblem(closed, .good, note: ""))
    world.apply(.redoProblem(closed, due: world.today.adding(days: 40), note: "one more lamp"))
    world.apply(.replyProblem(closed, "fixed again"))
    world.apply(.feedBackProblem(closed, "told"))
    world.apply(.followUpProblem(closed, "fine"))
    world.apply(.evaluateProblem(closed, .excellent, note: ""))
    world.apply(.closeProblem(closed, note: ""))
    world.apply(.assignProblem(late, world.cityManagement, due: world.today.adding(days: -5), note: ""))
    // The app's day follows the clock, ten days on: 12-06.
    world.runtime.housekeeping()
    return (world, closed, late, fresh)
  }

  /// The Overview of a period, read from the boards' tally as the screen does.
  func overview(_ world: ProblemsWorld, _ period: Period) -> OverviewFigures {
    let data = world.store.state
    return OverviewFigures(
      tally: BoardTally(state: data), data: data, period: period, today: world.runtime.state.today)
  }

  @Test("this year: three raised on 11-26, one closed ten days later, one overdue since 11-22")
  func theFiguresOfTheYear() throws {
    let (world, closed, late, _) = try world()
    #expect(world.runtime.state.today == Day(year: 2026, month: 12, day: 6))
    let figures = overview(world, .year(2026))
    #expect(figures.headline.raised == 3)
    #expect(figures.headline.open == 2)
    #expect(figures.headline.overdue == 1)
    #expect(figures.headline.closed == 1)
    #expect(figures.headline.medianDaysToClose == 10)
    #expect(figures.byStatus[Int(ProblemStatus.raised.rawValue)] == 1)
    #expect(figures.byStatus[Int(ProblemStatus.assigned.rawValue)] == 1)
    #expect(figures.byStatus[Int(ProblemStatus.closed.rawValue)] == 1)
    #expect(figures.mostOverdue.map(\.problem) == [late])
    #expect(figures.mostOverdue.first?.days == 15)  // due 11-21, read on 12-06
    let ecology = try #require(figures.departments.first { $0.department == world.ecology })
    let city = try #require(figures.departments.first { $0.department == world.cityManagement })
    #expect((ecology.figures.assigned, ecology.figures.overdue, ecology.figures.closed) == (1, 0, 1))
    #expect(ecology.figures.redone == 1)
    #expect(
      (city.figures.assigned, city.figures.overdue, city.figures.closed, city.figures.redone) == (1, 1, 0, 0))
    // The most overdue department comes first.
    #expect(figures.departments.first?.department == world.cityManagement)
    #expect(world.store.state.problems[closed]?.redoCount == 1)
  }

  @Test("a quarter: the fourth holds everything; the third, before any problem, holds nothing")
  func theFiguresOfAQuarter() throws {
    let (world, _, _, _) = try world()
    let fourth = overview(world, .quarter(year: 2026, quarter: 4))
    var year = overview(world, .year(2026)).headline
    year.period = fourth.period
    #expect(fourth.headline == year)
    let third = overview(world, .quarter(year: 2026, quarter: 3))
    // Standing figures are read on 09-30, before the three were raised.
    #expect(
      (third.headline.raised, third.headline.open, third.headline.overdue, third.headline.closed) == (
        0, 0, 0, 0
      ))
    #expect(third.mostOverdue.isEmpty)
    #expect(third.departments.isEmpty)
    #expect(third.byStatus.allSatisfy { $0 == 0 })
  }

  @Test("a range that ends before the loop closed: read on its last day, 12-03")
  func theFiguresOfARange() throws {
    let (world, _, late, _) = try world()
    let figures = overview(
      world, .range(Day(year: 2026, month: 11, day: 1)!, Day(year: 2026, month: 12, day: 3)!))
    #expect(figures.headline.raised == 3)  // all three, on 11-26
    #expect(figures.headline.closed == 0)  // the loop closed on 12-06, after the range
    #expect(figures.headline.open == 3)  // none closed by 12-03
    #expect(figures.headline.overdue == 1)  // "Drain blocked", due 11-21, late from 11-22
    #expect(figures.headline.medianDaysToClose == nil)
    #expect(figures.mostOverdue.map(\.problem) == [late])
    #expect(figures.mostOverdue.first?.days == 12)  // 12-03 less 11-21
    let ecology = try #require(figures.departments.first { $0.department == world.ecology })
    #expect((ecology.figures.assigned, ecology.figures.closed, ecology.figures.redone) == (1, 0, 1))
    // The loop closed after the range: the rest of December holds it, with its ten days.
    let after = overview(
      world, .range(Day(year: 2026, month: 12, day: 4)!, Day(year: 2026, month: 12, day: 31)!))
    #expect((after.headline.raised, after.headline.closed, after.headline.medianDaysToClose) == (0, 1, 10))
    #expect(after.headline.overdue == 1)
  }

  @Test func aHeadReadsTheBoardAndOpensTheMostOverdueProblem() throws {
    let (world, _, late, _) = try world()
    world.press(.character("1"))
    let screen = world.screen
    #expect(screen.contains("2 open · ! 1 overdue · 1 closed"))
    #expect(screen.contains("3 raised · 33% closed · median 10 days"))
    #expect(screen.contains("Overview · 2026"))
    #expect(screen.contains("Drain blocked"))
    // The status bars are as long as their share: one problem each, the same bar.
    let raisedBar = screen.split(separator: "\n").first { $0.contains(" raised ") && !$0.contains("·") }
    #expect(raisedBar?.contains("█") == true)
    world.press(.enter)
    #expect(world.runtime.state.section == .problems)
    #expect(world.problems.selectedProblemID == late)
  }

  @Test func theOverviewFollowsEachChange() throws {
    let (world, _, late, _) = try world()
    world.press(.character("1"))
    world.runtime.send(.terminal(.tick))
    #expect(world.runtime.state.overview.figures.headline.overdue == 1)
    world.apply(
      .assignProblem(late, world.cityManagement, due: world.today.adding(days: 15), note: "more time"))
    // The next frame already counts the new data; the next idle tick keeps the count.
    #expect(world.screen.contains("Nothing is overdue."))
    world.runtime.send(.terminal(.tick))
    #expect(world.runtime.state.overview.figures.headline.overdue == 0)
  }
}

@Suite struct SupervisionAndPatrolsStories {
  @Test func supervisionItemsShowTheirStageFollowUpDeadlineAndProblems() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.press(.character("3"))
    let screen = world.backend.screen.text
    #expect(screen.contains("回头看期限"))
    #expect(screen.contains("表扬闭环"))
    let overdue = world.runtime.state.data.supervisionItems.values.filter {
      $0.isFollowUpOverdue(today: DemoWorld.today)
    }
    #expect(!overdue.isEmpty)
    // Each overdue follow-up is marked without colour too, with its days late.
    for item in overdue {
      let late = "逾期\(item.followUpDaysLate(today: DemoWorld.today))天"
      let line = screen.split(separator: "\n").first { $0.contains(late) }
      #expect(line?.hasPrefix("!") == true, "\(item.title)")
    }
    world.press(.enter)
    #expect(world.backend.screen.text.contains("提出委员"))
    world.press(.character("p"))
    #expect(world.runtime.state.section == .problems)
    #expect(world.runtime.state.problems.fromRecord?.kind == .supervisionItem)
  }

  @Test func patrolsShowTheFiveStepsAndWaterQualityAndTheirProblems() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("4"))
    let screen = world.backend.screen.text
    #expect(screen.contains("●●●●●") || screen.contains("○"))
    #expect(screen.contains("│II"))
    let withProblems = try #require(
      world.runtime.state.data.patrols.values.first {
        !world.runtime.state.indexes.problemsBySource(world.runtime.state.data)[$0.ref].isEmpty
      })
    // A jump to a patrol (as from a problem's `o`) selects it in the list.
    var state = world.runtime.state
    Update.navigate(&state, to: Navigation(.patrols, withProblems.ref))
    #expect(state.section == .patrols)
    #expect(state.patrols.selectedRef == withProblems.ref)
    // The same by keys: down to the patrol, then Enter.
    let position = try #require(world.runtime.state.patrols.shownRefs.firstIndex(of: withProblems.ref))
    for _ in 0..<position { world.runtime.send(.terminal(.key(.down))) }
    #expect(world.runtime.state.patrols.selectedRef == withProblems.ref)
    world.press(.enter)
    #expect(world.backend.screen.text.contains("Inspect the site"))
    world.press(.character("p"))
    let shown = world.runtime.state.problems.shownProblemIDs
    #expect(!shown.isEmpty)
    #expect(shown.allSatisfy { world.runtime.state.data.problems[$0]?.source.ref == withProblems.ref })
  }
}

@Suite struct SupervisionAndPatrolsGoldenScreens {
  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theSupervisionAndPatrolListsOfTheDemo(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("3"))
    GoldenFile.assertMatches(world.backend.screen, named: "supervision-list-\(language)-\(size)")
    world.press(.character("4"))
    GoldenFile.assertMatches(world.backend.screen, named: "patrols-list-\(language)-\(size)")
    world.press(.enter)
    GoldenFile.assertMatches(world.backend.screen, named: "patrols-detail-\(language)-\(size)")
  }
}
