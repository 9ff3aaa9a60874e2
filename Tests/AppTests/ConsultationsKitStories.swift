import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The consultations list on the section kit: the timeline beside it, its links, facets, sort and
/// saved views.
@Suite struct ConsultationsOnTheKit {
  /// The demo committee on the consultations list.
  static func world(_ language: Language = .zh, width: Int = 120, height: Int = 30) throws -> TestWorld {
    let world = try TestWorld.demo(language: language, size: Size(width: width, height: height))
    world.press([.character("2")])
    return world
  }

  /// How a timeline's second line begins ("站点：…").
  static let stationLabel = tr("consultations.detail.station", .zh) + "："

  @Test func fromAHundredColumnsTheSelectedSessionsTimelineIsBesideTheList() throws {
    for width in [100, 120] {
      let world = try Self.world(width: width, height: 60)
      let first = try #require(world.state.consultations.selectedID)
      let firstTitle = try #require(world.state.data.consultations[first]?.details.title)
      #expect(world.screen.split(separator: "\n")[2].contains(firstTitle.prefix(8)), "\(width) columns")
      #expect(world.screen.contains(Self.stationLabel), "\(width) columns: the timeline's lines show")
      // The pane follows the selection.
      world.press([.character("G")])
      let last = try #require(world.state.consultations.selectedID)
      #expect(last != first)
      let title = try #require(world.state.data.consultations[last]?.details.title)
      let paneTop = world.screen.split(separator: "\n")[2]
      #expect(paneTop.contains(title.prefix(8)), "\(width) columns: \(paneTop)")
      #expect(world.state.consultations.mode == .list, "the list keeps the keys")
    }
  }

  @Test func atEightyColumnsEnterShowsTheTimelineOnItsOwnAndEscGoesBack() throws {
    let world = try Self.world(width: 80, height: 24)
    world.press([.character("j"), .character("j")])
    let id = try #require(world.state.consultations.selectedID)
    #expect(!world.screen.contains(Self.stationLabel), "no room for the timeline beside")
    world.press([.enter])
    #expect(world.state.consultations.mode == .detail(id))
    #expect(world.screen.contains(Self.stationLabel))
    #expect(world.state.consultations.keyContexts(context: world.state.context).first == .consultationsDetail)
    world.press([.escape])
    #expect(world.state.consultations.mode == .list)
    #expect(world.state.consultations.selectedID == id, "the same session is still selected")
  }

  @Test func onTheTimelineTabFindsTheNextProblemAndOOpensIt() throws {
    let world = try Self.world()
    let shown = world.state.consultations.list.shownRefs
    let row = try #require(
      shown.firstIndex {
        !world.state.data.problems(from: .consultation(ConsultationID(raw: $0.raw))).isEmpty
      })
    let id = ConsultationID(raw: shown[row].raw)
    world.press(Array(repeating: .character("j"), count: row) + [.enter, .tab])
    let problem = try #require(world.state.data.problems(from: .consultation(id)).first)
    #expect(world.screen.contains(problem.title))
    world.press([.character("o")])
    #expect(world.state.section == .problems, "o opened the problem on the board")
    #expect(world.screen.contains(problem.title))
  }

  @Test func onATimelineWithNothingLinkedTabAndOSayWhyTheyDoNothing() throws {
    let world = try Self.world(.en)
    // A new session: nothing is linked to it yet.
    let id: ConsultationID = world.state.data.newID()
    world.apply(.openConsultation(id, ConsultationDetails(title: "Quiet session")))
    let row = try #require(world.state.consultations.list.shownRefs.firstIndex { $0.raw == id.raw })
    world.press(Array(repeating: .character("j"), count: row) + [.enter])
    #expect(world.state.consultations.mode != .list, "the timeline is open")
    world.press([.tab])
    #expect(world.screen.contains("no linked problems"), "Tab says there is nothing to go to")
    world.press([.character("o")])
    #expect(world.state.section == .consultations)
    #expect(world.screen.contains("no linked problems"), "o says so too")
  }

  @Test func escOnTheProblemOpenedFromATimelineGoesBackToTheTimeline() throws {
    let world = try Self.world(.en)
    let shown = world.state.consultations.list.shownRefs
    let row = try #require(
      shown.firstIndex {
        !world.state.data.problems(from: .consultation(ConsultationID(raw: $0.raw))).isEmpty
      })
    world.press(Array(repeating: .character("j"), count: row) + [.enter, .tab, .character("o")])
    #expect(world.state.section == .problems)
    world.press([.escape])
    #expect(world.state.section == .consultations, "Esc went back along the jump")
    #expect(world.state.consultations.mode != .list, "to the timeline it came from")
    #expect(world.screen.contains("Back to"))
    // With no jump to go back along, Esc on a list says it does nothing, as before.
    world.press([.character("5"), .escape])
    #expect(world.state.section == .problems)
    #expect(world.screen.contains("does nothing here"))
  }

  @Test func theProblemsColumnSortsByNumberNotByText() throws {
    let world = try Self.world(width: 80, height: 24)
    let rows = ConsultationsList.rows(context: world.state.context)
    let order = try #require(rows.sortedRows(column: ConsultationsList.problemsColumn, ascending: false))
    let raised = order.map { row in
      world.state.data.problems(from: .consultation(ConsultationID(raw: rows.ref(row: Int(row)).raw))).count
    }
    #expect(raised == raised.sorted(by: >), "most problems first")
    // "10/0" would come before "9/0" as text.
    let (ten, _, nine, context) = try Self.sessionsWithTenTwoAndNineProblems()
    let sessions = ConsultationsList.rows(context: context)
    let tenRow = try #require(sessions.row(of: RecordRef(ten)))
    let nineRow = try #require(sessions.row(of: RecordRef(nine)))
    let ascending = try #require(
      sessions.sortedRows(column: ConsultationsList.problemsColumn, ascending: true))
    let tenAt = try #require(ascending.firstIndex(of: Int32(tenRow)))
    let nineAt = try #require(ascending.firstIndex(of: Int32(nineRow)))
    #expect(sessions.text(row: tenRow, column: ConsultationsList.problemsColumn) == "10/0")
    #expect(nineAt < tenAt, "9 before 10")
  }

  /// Three new sessions, opened in this order, with 10, 2 and 9 problems raised from them.
  static func sessionsWithTenTwoAndNineProblems() throws -> (
    ConsultationID, ConsultationID, ConsultationID, ScreenContext
  ) {
    let world = try Self.world(width: 80, height: 24)
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var sessions: [ConsultationID] = []
    for (index, count) in [10, 2, 9].enumerated() {
      let id: ConsultationID = store.state.newID()
      try store.apply(
        .openConsultation(id, ConsultationDetails(title: "数字排序\(index)")), actor: admin,
        now: world.clock.now())
      for problem in 0..<count {
        try store.apply(
          .raiseProblem(
            store.state.newID(), .consultation(id), title: "问题\(index)-\(problem)", description: ""),
          actor: admin, now: world.clock.now())
      }
      sessions.append(id)
    }
    var context = world.state.context
    context.data = store.state
    context.dataVersion += 1
    context.indexes = SharedIndexes()
    return (sessions[0], sessions[1], sessions[2], context)
  }

  @Test func underAFacetTheProblemsColumnStillSortsByNumber() throws {
    let (ten, two, nine, context) = try Self.sessionsWithTenTwoAndNineProblems()
    let rows = ConsultationsList.rows(context: context)
    let shownRows = try [ten, nine].map { try #require(rows.row(of: RecordRef($0))) }
    #expect(rows.row(of: RecordRef(two)).map { $0 > shownRows[0] && $0 < shownRows[1] } == true)
    // A facet hides the middle session: the two shown sort 9 before 10, not "10" before "9".
    let shown = FilteredSource(base: rows, shown: shownRows.map { Int32($0) })
    #expect(shown.sortedRows(column: ConsultationsList.problemsColumn, ascending: true) == [1, 0])
    #expect(shown.sortedRows(column: ConsultationsList.problemsColumn, ascending: false) == [0, 1])
  }

  @Test func aSavedViewOfTheConsultationsKeepsItsFacetAndFilter() throws {
    let world = try Self.world(.en)
    world.press([.character("t"), .character("t"), .character("t"), .character("t")])
    world.press([.character("/")])
    world.type("协商")
    world.press([.enter])
    let facets = world.state.consultations.list.filter.facets
    let narrowed = world.state.consultations.list.shownRefs
    #expect(!facets.isEmpty)
    world.press([.character("V")])
    world.type("Meetings")
    world.press([.ctrl("s")])
    #expect(world.state.data.savedViews(owner: "hexm", place: "consultations").map(\.name) == ["Meetings"])
    world.press([.escape, .escape])
    #expect(world.state.consultations.list.filter.facets.isEmpty)
    #expect(world.state.consultations.table.filter.isEmpty)
    world.press([.alt("1")])
    #expect(world.state.consultations.list.filter.facets == facets)
    #expect(world.state.consultations.table.filter == "协商")
    #expect(world.state.consultations.list.shownRefs == narrowed)
  }

  @Test func aStepsTimeReadsAsTheFormatterWroteItInBeijingTime() {
    #expect(ConsultationTimeline.stamp(Date(timeIntervalSince1970: 0)) == "1970-01-01 08:00")
    #expect(ConsultationTimeline.stamp(Date(timeIntervalSince1970: -60)) == "1970-01-01 07:59")
    // 2026-02-25 12:00:59 UTC: seconds are dropped, not rounded.
    #expect(ConsultationTimeline.stamp(Date(timeIntervalSince1970: 1_772_020_859)) == "2026-02-25 20:00")
    // 20:30 UTC is half past four the next morning in Beijing: the step is on that day.
    #expect(
      ConsultationTimeline.stamp(Date(timeIntervalSince1970: 1_772_020_859 + 30_600)) == "2026-02-26 04:30")
    let formatter = DateFormatter()
    formatter.timeZone = .working
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    #expect(ConsultationTimeline.stamp(now) == formatter.string(from: now))
  }
}
