import Domain
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// A clerk who learnt the keys in one section finds them doing the same in the next, and the
/// screens at 80 columns hide nothing that matters.
@Suite("Keys and layout a clerk can rely on")
struct ClerkConsistencyStories {
  @Test("G and End go to the last overdue problem on the Overview, as on every list")
  func theOverviewHasAnEnd() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character("1")])
    let count = world.state.overview.figures.mostOverdue.count
    #expect(count > 1)
    world.press([.character("G")])
    #expect(world.state.overview.selection == count - 1)
    world.press([.home, .end])
    #expect(world.state.overview.selection == count - 1)
    world.press([.character("g")])
    #expect(world.state.overview.selection == 0)
  }

  @Test("p on a consultation shows the problems raised from it, as p does on a topic, a patrol or a visit")
  func consultationsHaveP() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2")])
    let selected = try #require(world.state.consultations.selectedID)
    world.press([.character("p")])
    #expect(world.state.section == .problems)
    #expect(world.state.problems.fromRecord == RecordRef(selected))
  }

  @Test("x never closes a problem (x exports, as elsewhere); X does, with its form")
  func xIsNotCloseOnProblems() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("5"), .character("x")])
    #expect(world.state.problems.openForm == nil)
    #expect(world.state.problems.list.exporting != nil)
    #expect(
      Keymap.bindings(in: .problems).first { $0.keys.contains(.character("X")) }?.action == .problemsClose)
    #expect(
      Keymap.bindings(in: .problems).filter { $0.keys.contains(.character("x")) }.map(\.action) == [
        .listExport
      ])
  }

  @Test("← and → step the sector homes' quarter, as [ and ] do and as they step the boards' period")
  func sectorsTakeArrows() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character("7"), .left])
    let today = TestWorld.today
    let now = BoardQuarter(year: today.year, quarter: today.quarter)
    #expect(world.state.sectors.chosenQuarter == now.stepped(by: -1))
    world.press([.right])
    #expect(world.state.sectors.chosenQuarter == nil)
  }

  @Test("a pop-up form at 80 columns covers the list's ! markers in column 0", arguments: [Language.zh, .en])
  func popUpsCoverTheMarkers(language: Language) throws {
    let world = try TestWorld.demo(language: language, size: Size(width: 80, height: 24))
    world.press([.character("5")])
    let marked = world.backend.screen.lines.filter { $0.hasPrefix("!") }.count
    #expect(marked > 0, "the problems list shows ! on overdue problems")
    world.press([.character("n")])
    #expect(world.state.problems.raiseForm != nil)
    let lines = world.backend.screen.lines
    let boxRows = lines.indices.filter { lines[$0].contains("│") && lines[$0].hasPrefix(" ") }
    #expect(!boxRows.isEmpty)
    let top = try #require(lines.firstIndex { $0.contains("┌") })
    let bottom = try #require(lines.lastIndex { $0.contains("┘") })
    for row in top...bottom { #expect(!lines[row].hasPrefix("!"), "row \(row): \(lines[row])") }
  }

  @Test("the period form of the Overview says its own keys on the status bar, not q to quit")
  func thePeriodFormSaysItsKeys() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 80, height: 24))
    world.press([.character("1"), .character("r")])
    let status = try #require(world.backend.screen.lines.last)
    #expect(status.contains("Esc 取消"))
    #expect(!status.contains("q 退出"))
    world.type("q")
    #expect(!world.state.quitting)
  }

  @Test("the year's targets in English are labelled as every other field is, with a capital")
  func targetsHaveCapitals() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("8"), .character("y")])
    let form = try #require(world.state.visits.form)
    for field in form.session.form.fields {
      let first = try #require(field.label.first)
      #expect(first.isUppercase, "\(field.label)")
    }
  }
}
