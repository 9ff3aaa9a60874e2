import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// What a user saw going through the problems, consultations and registers screens once they were
/// on the section kit: each story is one thing that looked wrong, told as the user met it.
@Suite struct ScreensUnderAUsersEyeStories {
  /// The status bar: the last line of the screen.
  static func statusBar(_ world: ProblemsWorld) -> String {
    world.screen.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
  }

  @Test func raisingAProblemWithNShowsTheFormsKeysInTheStatusBarNotTheLists() throws {
    let world = try ProblemsWorld(language: .en)
    try world.raise("Street lamps out")
    #expect(Self.statusBar(world).contains("a Next step"), "the list's keys while the list has them")

    world.type("n")
    #expect(world.problems.raiseForm != nil)
    let bar = Self.statusBar(world)
    #expect(bar.contains("Ctrl-S Save"))
    #expect(bar.contains("Esc Cancel"))
    #expect(!bar.contains("a Next step"), "the list's keys do nothing while the form is open")

    world.press(.escape)
    #expect(world.problems.raiseForm == nil)
    #expect(Self.statusBar(world).contains("a Next step"))
  }

  @Test func onAnEightyColumnTerminalInEnglishTheProblemsStatusBarStillNamesItsKeys() throws {
    let world = try ProblemsWorld(language: .en, size: Size(width: 80, height: 24))
    try world.raise("Street lamps out")
    // The help's full line for n (any source, searched as you type) was wider than the room and
    // the bar then showed no key at all; the bar says it shorter, help keeps it whole.
    let bar = Self.statusBar(world)
    #expect(bar.contains("n Raise a problem (any source)"))
    #expect(bar.contains("a Next step"))
    let raise = Keymap.bindings(in: .problems).first { $0.keys.contains(.character("n")) }
    #expect(raise.map { tr($0.helpKey, .en) } == "Raise a problem (any source, searched as you type)")
  }

  @Test func aMembersFormShowsEveryStationTheMemberIsAtWhileThereIsRoom() throws {
    let world = try RegistersWorld(demo: true)
    let members = world.data.members.values
    // A member at two stations whose names are unique, so the filter finds them alone.
    let member = try #require(
      members.first { m in
        m.stations.count == 2 && members.filter { $0.name == m.name }.count == 1
      })
    let names = member.stations.map { world.data.displayName(of: RecordRef($0)) }
    world.type("/" + member.name)
    world.press(.enter)
    world.type("e")
    let line = try #require(
      world.screen.split(separator: "\n").first { $0.contains(tr("registers.column.stations", .zh)) })
    // Two names of ten characters each fit a 60-column field, with the caret still after them.
    #expect(line.contains("[" + names[0] + "]"), "\(line)")
    #expect(line.contains("[" + names[1] + "]"), "\(line)")
    #expect(!line.contains("…"))
  }

  @Test func besideTheConsultationsListAStepsWrappedNotesStayIndentedUnderTheStep() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 100, height: 60))
    world.press([.character("2")])
    // The pane is right of the list's last column line; its lines as drawn.
    let pane = world.screen.split(separator: "\n").map { line in
      line.split(separator: "│", omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }
    let candidates = tr("consultations.detail.candidates", .zh, "")
    let at = try #require(pane.firstIndex { $0.contains(candidates) }, "the first step's topics show")
    let indent = pane[at].prefix { $0 == " " }.count
    // The demo's topics are longer than the pane: the line after them goes on under them.
    let next = pane[at + 1]
    #expect(!next.contains("●"), "the topics wrapped: \(next)")
    #expect(next.prefix { $0 == " " }.count == indent, "\(pane[at])\n\(next)")
  }

  @Test func aStepTakenEarlyInTheMorningInBeijingIsDatedThatDayInTheProblemsLoop() throws {
    let world = try ProblemsWorld(language: .en)
    let problem = try world.raise("Street lamps out")
    // 20:30 UTC on the 26th is 04:30 on the 27th in Beijing, where the committee works.
    let early = TestWorld.today.noonUTC.addingTimeInterval(8.5 * 3600)
    world.clock.set(early)
    world.apply(.assignProblem(problem, world.ecology, due: world.today.adding(days: 9), note: "by phone"))
    let beijing = Day(workingDayOf: early)
    #expect(beijing == world.today.adding(days: 1))
    world.selectOnBoard(problem)
    let line = try #require(world.screen.split(separator: "\n").first { $0.contains("by phone") })
    #expect(line.contains(beijing.description), "\(line)")
    #expect(!line.contains(world.today.description), "\(line)")
  }

  @Test func aSeriesLineCountsOneVisitAsOneVisitInEnglish() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let data = world.state.data
    // A series in the demo with a session visited once.
    let session = try #require(
      data.consultations.values.first { !$0.details.series.isEmpty && $0.allResearchVisits.count == 1 })
    let lines = SeriesThread.lines(session.details.series, data: data, language: .en)
    #expect(lines.contains { $0.contains("(1 visit, met") }, "\(lines)")
    #expect(!lines.contains { $0.contains("1 visits") }, "\(lines)")
    let zh = SeriesThread.lines(session.details.series, data: data, language: .zh)
    #expect(zh.contains { $0.contains("（走访 1 次，协商") }, "\(zh)")
  }

  @Test func clearingFacetsThatShowedNothingPutsTheSelectionOnTheFirstProblem() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character("5")])
    let problems = { world.state.problems }
    let first = try #require(problems().shownProblemIDs.first)
    // The status facet's first option (raised), then the next department: nothing is left.
    world.type("t")
    #expect(!problems().shownProblemIDs.isEmpty)
    world.type("b")
    #expect(problems().shownProblemIDs.isEmpty, "no raised problem is assigned to a department")
    world.type("z")
    #expect(problems().shownProblemIDs.first == first)
    #expect(problems().selectedProblemID == first, "the first row, not one left from before")
  }
}
