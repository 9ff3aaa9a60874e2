import Domain
import Foundation
import Seed
import TerminalCore
import Testing

@testable import App

/// The Overview of a past period lists the problems overdue on its last day. It reads them from the
/// tally's problems ever overdue instead of every problem's history; the list must be exactly the
/// one read from the histories, for any day, while problems are assigned, closed, undone and redone.
@Suite struct OverviewOverdueOnAPastDay {
  /// The list as it was made before the tally kept it: every problem read up to `day`.
  static func walked(_ data: CommitteeState, on day: Day, keep: Int) -> [OverviewFigures.OverdueLine] {
    var lines: [OverviewFigures.OverdueLine] = []
    for problem in data.problems.values {
      guard let due = problem.due, due < day, Day(workingDayOf: problem.raisedAt) <= day else { continue }
      let closed =
        problem.status == .closed
        ? problem.history.last(where: { $0.status == .closed }).map { Day(workingDayOf: $0.at) } : nil
      if let closed, closed <= day { continue }
      lines.append(
        OverviewFigures.OverdueLine(
          problem: problem.id, title: problem.title,
          department: problem.department.map { data.displayName(of: RecordRef($0)) } ?? "",
          days: day.daysSinceEpoch - due.daysSinceEpoch))
    }
    lines.sort { ($0.days, $1.problem.raw) > ($1.days, $0.problem.raw) }
    return Array(lines.prefix(keep))
  }

  @Test("forty seeded assignments, closings, undos and redos: each past day's list equals the histories'")
  func seededChangesKeepTheListOfTheHistories() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    let today = world.state.today
    var tally = BoardTally(state: store.state)
    var random = SeedRandom(seed: 2_026)
    let departments = store.state.departments.keys.sorted()
    try #require(!departments.isEmpty)
    // The last days of this year's quarters and months before today, a year ago, and yesterday.
    let days =
      [today.adding(days: -1), today.adding(days: -365)]
      + (1...4).compactMap { Period.quarter(year: today.year, quarter: $0).days?.upperBound }
      + (1...12).compactMap { Period.month(year: today.year, month: $0).days?.upperBound }
    var checked = 0

    for step in 0..<40 {
      let data = store.state
      var changes: [Change] = []
      switch random.below(4) {
      case 0, 1:
        // An open problem given a due day up to two months back: overdue from the day after.
        if let problem = data.problems.values.filter({ $0.status == .raised }).map(\.id).sorted()
          .randomElement(using: &random)
        {
          changes = [
            .assignProblem(
              problem, departments[random.below(departments.count)],
              due: today.adding(days: -random.below(60)), note: "")
          ]
        }
      case 2:
        // An assigned problem carried to closed (today: late if its due day has passed).
        if let problem = data.problems.values.filter({ $0.status == .assigned }).map(\.id).sorted()
          .randomElement(using: &random)
        {
          changes = [
            .replyProblem(problem, "答复"), .feedBackProblem(problem, "反馈"), .followUpProblem(problem, "回访"),
            .evaluateProblem(problem, .good, note: ""), .closeProblem(problem, note: "办结"),
          ]
        }
      default:
        changes = []
      }
      if changes.isEmpty {
        if random.chance(0.6) {
          _ = try? store.undo(actor: admin, now: world.clock.now())
        } else {
          _ = try? store.redo(actor: admin, now: world.clock.now())
        }
        let touched = try #require(store.lastTouched, "the store says what each step touched")
        tally.follow(touched, to: store.state)
      }
      for change in changes {
        try store.apply(change, actor: admin, now: world.clock.now())
        let touched = try #require(store.lastTouched, "the store says what each step touched")
        tally.follow(touched, to: store.state)
      }
      #expect(tally == BoardTally(state: store.state), "after step \(step)")
      for day in days where day < today {
        let expected = Self.walked(store.state, on: day, keep: 30)
        let read = OverviewFigures.overdue(data: store.state, tally: tally, on: day, today: today, keep: 30)
        #expect(read == expected, "\(day) after step \(step)")
        checked += expected.count
      }
    }
    // The story must have made overdue problems to compare, or it proved nothing.
    #expect(checked > 0)
    // And the whole list, not only its head, for yesterday.
    let yesterday = today.adding(days: -1)
    #expect(
      OverviewFigures.overdue(data: store.state, tally: tally, on: yesterday, today: today, keep: .max)
        == Self.walked(store.state, on: yesterday, keep: .max))
  }
}
