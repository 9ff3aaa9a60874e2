import Domain
import Foundation
import Seed
import TerminalCore
import Testing

@testable import App

/// The boards' tally keeps each breakdown's lines as facts come and go, so that a change of period
/// reads them instead of walking every series: after seeded changes, undos and redos, the tally
/// followed change by change must list the lines a recount lists, and the Overview and the boards
/// made from it must equal those made from a recount.
@Suite struct TallyFollowsChanges {
  @Test("sixty seeded changes, undos and redos: breakdown lines and figures equal a recount's")
  func seededChangesKeepTheBreakdownLinesOfARecount() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    let today = world.state.today
    var tally = BoardTally(state: store.state)
    var random = SeedRandom(seed: 1_414)
    let rivers = store.state.rivers.keys.sorted()
    let members = store.state.members.values.filter { !$0.archived }.map(\.id).sorted()
    let departments = store.state.departments.keys.sorted()
    try #require(!rivers.isEmpty && !members.isEmpty && !departments.isEmpty)

    for step in 0..<60 {
      let data = store.state
      var change: Change?
      switch random.below(6) {
      case 0:
        if let consultation = data.consultations.keys.sorted().randomElement(using: &random) {
          change = .raiseProblem(
            data.newID(), .consultation(consultation), title: "问题\(step)", description: "")
        }
      case 1:
        // A problem assigned to a department: the department becomes a line of its breakdown.
        if let problem = data.problems.values.filter({ $0.status == .raised }).map(\.id).sorted()
          .randomElement(
            using: &random)
        {
          change = .assignProblem(
            problem, departments[random.below(departments.count)],
            due: today.adding(days: random.between(-40, 40)),
            note: "")
        }
      case 2:
        change = .putPatrol(
          Patrol(
            id: data.newID(), river: rivers[random.below(rivers.count)],
            date: today.adding(days: -random.below(300)),
            members: [members[random.below(members.count)]]))
      case 3:
        change = .putVisit(
          Visit(
            id: data.newID(), kind: VisitKind.actions[random.below(VisitKind.actions.count)],
            date: today.adding(days: -random.below(300)), members: [members[random.below(members.count)]],
            place: "走访\(step)"))
      default:
        change = nil
      }
      if let change {
        try store.apply(change, actor: admin, now: world.clock.now())
      } else if random.chance(0.6) {
        _ = try? store.undo(actor: admin, now: world.clock.now())
      } else {
        _ = try? store.redo(actor: admin, now: world.clock.now())
      }
      let touched = try #require(store.lastTouched, "the store says what each step touched")
      tally.follow(touched, to: store.state)
      let recount = BoardTally(state: store.state)
      #expect(tally == recount)
      for kind in BreakdownKind.allCases {
        // The lines are the facets with a series of any breakdown measure, as walking every series finds them.
        let walked = Set(
          BoardTally.breakdownMeasures.flatMap { recount.facets(with: $0) }.filter {
            $0.breakdownKind == kind
          })
        #expect(tally.facets(of: kind) == walked, "\(kind) after step \(step)")
        #expect(recount.facets(of: kind) == walked)
      }
    }
    for period in [Period.year(today.year), .quarter(year: today.year, quarter: 1), .allTime] {
      let recount = BoardTally(state: store.state)
      #expect(
        OverviewFigures(tally: tally, data: store.state, period: period, today: today)
          == OverviewFigures(tally: recount, data: store.state, period: period, today: today))
      for kind in BreakdownKind.allCases {
        #expect(
          BoardsModel(
            tally: tally, data: store.state, period: period, breakdown: kind, months: 12, today: today)
            == BoardsModel(
              tally: recount, data: store.state, period: period, breakdown: kind, months: 12, today: today))
      }
    }
  }
}
