import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

@Suite struct BoardsScreens {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  @Test(arguments: [Language.zh, .en], sizes)
  func theBoardOfTheDemoYear(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("0"))
    #expect(world.runtime.state.section == .boards)
    #expect(world.backend.screen.text.contains(Period.year(2026).title(in: language)))
    GoldenFile.assertMatches(world.backend.screen, named: "boards-year-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theProblemsBehindADepartment(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("0"), .character("p"), .enter)
    #expect(world.runtime.state.boards.drill != nil)
    GoldenFile.assertMatches(world.backend.screen, named: "boards-drill-\(language)-\(size)")
  }

  @Test("a head drills from a department's overdue count into its problems, opens one, and comes back")
  func drillDownAndBack() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.press(.character("0"), .character("j"))
    let state = world.runtime.state
    guard let line = state.boards.model?.lines[1], case .department(let department) = line.facet else {
      Issue.record("the second line of the default breakdown is a department")
      return
    }
    world.press(.enter)
    guard let drill = world.runtime.state.boards.drill else {
      Issue.record("Enter opens the problems behind the line")
      return
    }
    // The drill lists exactly the department's overdue problems the line counted, overdue first.
    #expect(drill.rows.filter { $0.daysLate > 0 }.count == line.figures.overdue)
    #expect(drill.rows.allSatisfy { world.runtime.state.data.problems[$0.problem]?.department == department })
    #expect(drill.rows.map(\.daysLate) == drill.rows.map(\.daysLate).sorted(by: >))
    #expect(world.backend.screen.text.contains(line.name))
    // Enter opens the problem on the problems board.
    world.press(.character("j"), .enter)
    #expect(world.runtime.state.section == .problems)
    // Back on the board, the drill is still open; Esc returns to the board with its line selected.
    world.press(.character("0"))
    #expect(world.runtime.state.boards.drill?.selection == 1)
    world.press(.escape)
    #expect(world.runtime.state.boards.drill == nil)
    #expect(world.runtime.state.boards.selection == 1)
  }

  @Test("periods step back and forth, change kind and return to this year; every figure follows")
  func periods() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"))
    let year = world.runtime.state.boards.model?.figures
    world.press(.character("p"))
    #expect(world.runtime.state.boards.period == .quarter(year: 2026, quarter: 4))
    let quarter = world.runtime.state.boards.model?.figures
    #expect((quarter?.raised ?? 0) < (year?.raised ?? 0))
    world.press(.character("["))
    #expect(world.runtime.state.boards.period == .quarter(year: 2026, quarter: 3))
    #expect(world.backend.screen.text.contains("Q3 2026"))
    world.press(.character("p"), .character("p"))
    #expect(world.runtime.state.boards.period == .allTime)
    #expect(world.backend.screen.text.contains("All time"))
    world.press(.character("y"))
    #expect(world.runtime.state.boards.model?.figures == year)
    world.press(.character("d"))
    #expect(world.backend.screen.text.contains("How each figure is counted"))
  }

  @Test("a change made elsewhere reaches the board through the records it touched, equal to a fresh count")
  func followsChangesIncrementally() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"))
    let before = world.runtime.state.boards.model?.figures.overdue ?? 0
    let data = world.runtime.state.data
    guard
      let late = data.problems.values.first(where: {
        $0.isOverdue(today: DemoWorld.today) && $0.status == .assigned
      }),
      let department = late.department
    else {
      Issue.record("the demo has an overdue assigned problem")
      return
    }
    // A head gives the department more time: the problem is no longer overdue.
    let change = Change.assignProblem(late.id, department, due: DemoWorld.today.adding(days: 30), note: "延期")
    for event in world.runtime.perform(.apply(change, tag: EffectTag(.problems, "test"))) {
      world.runtime.send(event)
    }
    world.press(.character("0"))
    let boards = world.runtime.state.boards
    #expect(boards.model?.figures.overdue == before - 1)
    #expect(world.runtime.state.tally.tally == BoardTally(state: world.runtime.state.data))
    #expect(world.runtime.state.tally.version == world.runtime.state.dataVersion)
  }
}
