import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The committees work in China Standard Time: a problem raised at 20:00 UTC on 31 March was
/// raised on 1 April where it was raised, so every count puts it in April, in the second quarter,
/// whatever the machine's own time zone.
@Suite struct WorkingDayCounts {
  /// 2026-03-31T20:00:00Z, which is 2026-04-01 04:00 in China.
  static let lateOnTheLastDay = Date(
    timeIntervalSince1970: Double(Day(year: 2026, month: 3, day: 31)?.daysSinceEpoch ?? 0) * 86_400 + 20
      * 3600)

  /// A store with one consultation and one problem raised from it at `lateOnTheLastDay`, the app
  /// opened at that same instant.
  func world(language: Language = .en) throws -> (TestWorld, ProblemID) {
    var raised: ProblemID?
    let world = try TestWorld(
      language: language, size: Size(width: 120, height: 40),
      today: Day(workingDayOf: Self.lateOnTheLastDay)
    ) { store, clock in
      clock.set(Self.lateOnTheLastDay)
      let admin = ActingUser.staff("admin", .admin)
      try store.apply(
        .putStaffAccount(
          StaffAccount(id: store.state.newID(), userName: "admin", displayName: "管理员", role: .admin)),
        actor: admin, now: clock.now())
      let consultation: ConsultationID = store.state.newID()
      try store.apply(
        .openConsultation(consultation, ConsultationDetails(title: "背街小巷改造")), actor: admin, now: clock.now())
      let problem: ProblemID = store.state.newID()
      try store.apply(
        .raiseProblem(problem, .consultation(consultation), title: "路灯不亮", description: ""), actor: admin,
        now: clock.now())
      raised = problem
      return admin
    }
    world.runtime.housekeeping()
    return (world, try #require(raised))
  }

  @Test("20:00 UTC on 31 March is 1 April where the committees work: the app's today says so")
  func theDayOfTheInstant() throws {
    #expect(Day(workingDayOf: Self.lateOnTheLastDay) == Day(year: 2026, month: 4, day: 1))
    #expect(
      Day.workingDayNumber(of: Self.lateOnTheLastDay) == Day(year: 2026, month: 4, day: 1)?.daysSinceEpoch)
    // Four hours earlier it is still 31 March in China too.
    let noon = Self.lateOnTheLastDay.addingTimeInterval(-8 * 3600)
    #expect(Day(workingDayOf: noon) == Day(year: 2026, month: 3, day: 31))
    let (world, _) = try world()
    #expect(world.runtime.state.today == Day(year: 2026, month: 4, day: 1))
  }

  @Test("the boards count the problem in the second quarter and in April, not in the first quarter or March")
  func theBoardsPutItInTheNextPeriod() throws {
    let (world, _) = try world()
    world.press([.character("0")])
    #expect(world.runtime.state.tally.waitForCount(seconds: 10))
    world.runtime.housekeeping()
    world.press([.character("p")])
    #expect(world.runtime.state.boards.period == .quarter(year: 2026, quarter: 2))
    #expect(world.runtime.state.boards.model?.figures.raised == 1)
    world.press([.character("[")])
    #expect(world.runtime.state.boards.period == .quarter(year: 2026, quarter: 1))
    #expect(world.runtime.state.boards.model?.figures.raised == 0)
    // The same from the tally the boards read, by month.
    let tally = try #require(world.runtime.state.tally.tally)
    let today = world.runtime.state.today
    #expect(tally.figures(.month(year: 2026, month: 4), today: today).raised == 1)
    #expect(tally.figures(.month(year: 2026, month: 3), today: today).raised == 0)
    #expect(tally.open(on: Day(year: 2026, month: 3, day: 31) ?? today) == 0)
    #expect(tally.open(on: today) == 1)
  }

  @Test("the Overview of the second quarter counts it; the first quarter's does not")
  func theOverviewPutsItInTheNextPeriod() throws {
    let (world, problem) = try world()
    world.press([.character("1")])
    #expect(world.runtime.state.tally.waitForCount(seconds: 10))
    world.runtime.housekeeping()
    world.press([.character("p")])
    #expect(world.runtime.state.overview.period == .quarter(year: 2026, quarter: 2))
    #expect(world.runtime.state.overview.figures.headline.raised == 1)
    world.press([.character("[")])
    #expect(world.runtime.state.overview.period == .quarter(year: 2026, quarter: 1))
    #expect(world.runtime.state.overview.figures.headline.raised == 0)
    // A problem due on 31 March, read on 1 April: one day overdue, raised on the day it is read.
    world.apply(
      .assignProblem(
        problem, try department(world), due: Day(year: 2026, month: 3, day: 31) ?? .init(daysSinceEpoch: 0),
        note: ""))
    let lines = OverviewFigures.overdue(
      data: world.runtime.state.data, tally: BoardTally(state: world.runtime.state.data),
      on: world.runtime.state.today.adding(days: 1),
      today: world.runtime.state.today, keep: 5)
    #expect(lines.map(\.problem) == [problem])
  }

  /// A department to assign to, made through the runtime.
  func department(_ world: TestWorld) throws -> DepartmentID {
    let id: DepartmentID = world.runtime.state.data.newID()
    world.apply(.putDepartment(Department(id: id, name: "区城管局")))
    #expect(world.runtime.state.data.departments[id] != nil)
    return id
  }

  @Test("the annual report counts a problem raised at 20:00 UTC on 31 December in the next year")
  func theReportPutsItInTheNextYear() throws {
    let newYearsEve = Date(
      timeIntervalSince1970: Double(Day(year: 2025, month: 12, day: 31)?.daysSinceEpoch ?? 0) * 86_400 + 20
        * 3600)
    let world = try TestWorld(language: .en, size: Size(width: 80, height: 24)) { store, clock in
      clock.set(newYearsEve)
      let admin = ActingUser.staff("admin", .admin)
      try store.apply(
        .putStaffAccount(
          StaffAccount(id: store.state.newID(), userName: "admin", displayName: "管理员", role: .admin)),
        actor: admin, now: clock.now())
      let region: PartnerRegionID = store.state.newID()
      try store.apply(
        .putPartnerRegion(PartnerRegion(id: region, name: "邻区")), actor: admin, now: clock.now())
      let consultation: ConsultationID = store.state.newID()
      try store.apply(
        .openConsultation(
          consultation, ConsultationDetails(title: "跨区域协作", kind: .crossRegional, partnerRegions: [region])),
        actor: admin, now: clock.now())
      try store.apply(
        .raiseProblem(store.state.newID(), .consultation(consultation), title: "界河垃圾", description: ""),
        actor: admin, now: clock.now())
      return admin
    }
    let data = world.store.state
    let today = Day(year: 2026, month: 6, day: 1) ?? Day(daysSinceEpoch: 0)
    func figure(_ report: AnnualReport, _ section: String, _ key: String) -> String? {
      report.figures.first { $0.key == section + "." + key }?.value
    }
    let thisYear = AnnualReport(state: data, year: 2026, today: today)
    let lastYear = AnnualReport(state: data, year: 2025, today: today)
    #expect(figure(thisYear, "problems", "raised") == "1")
    #expect(figure(lastYear, "problems", "raised") == "0")
    #expect(figure(thisYear, "cooperation", "problems") == "1")
    #expect(figure(lastYear, "cooperation", "problems") == "0")
  }
}
