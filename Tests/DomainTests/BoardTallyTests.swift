import Foundation
import Testing

@testable import Domain

/// Five problems, one consultation and three patrols whose figures were counted by hand for every
/// kind of period (see each expectation's comment).
private struct BoardFixture {
  var story = Story(today: day("2025-12-20"))
  var tally = BoardTally()
  var departmentA: DepartmentID = ID(raw: 0)
  var departmentB: DepartmentID = ID(raw: 0)
  var consultation: ConsultationID = ID(raw: 0)
  var hall: StationID = ID(raw: 0)

  /// Applies a change at noon of `on` and follows it in the tally incrementally.
  mutating func run(_ change: Change, on text: String) throws {
    story.clock.set(day(text).noonUTC)
    let touched = try story.run(change)
    tally.follow(touched, to: story.state)
  }

  mutating func raise(_ title: String, on text: String) throws -> ProblemID {
    let id: ProblemID = story.newID()
    try run(.raiseProblem(id, .consultation(consultation), title: title, description: ""), on: text)
    return id
  }

  /// Carries a problem from assigned to closed, closing on `closedOn`.
  mutating func close(_ id: ProblemID, on closedOn: String, rating: Rating) throws {
    try run(.replyProblem(id, "答复"), on: closedOn)
    try run(.feedBackProblem(id, "反馈"), on: closedOn)
    try run(.followUpProblem(id, "回访"), on: closedOn)
    try run(.evaluateProblem(id, rating, note: ""), on: closedOn)
    try run(.closeProblem(id, note: "办结"), on: closedOn)
  }

  static func make() throws -> BoardFixture {
    var fixture = BoardFixture()
    fixture.departmentA = try fixture.story.addDepartment("区水利局")
    fixture.departmentB = try fixture.story.addDepartment("区生态环境局")
    let hall = try fixture.story.addStation("区委员工作厅", .districtHall)
    fixture.hall = hall
    let street = try fixture.story.addStation("石坪桥街道委员工作站", .streetStation, parent: hall)
    let consultation: ConsultationID = fixture.story.newID()
    fixture.consultation = consultation
    try fixture.run(
      .openConsultation(consultation, ConsultationDetails(title: "小花市集", station: street)), on: "2025-12-20")
    try fixture.run(.completeStep(consultation, .selectTopic, .topics(["市集"])), on: "2026-01-02")
    try fixture.run(.completeStep(consultation, .confirmTopic, .confirmedTopic("市集")), on: "2026-01-03")
    try fixture.run(
      .completeStep(
        consultation, .research, .research([ResearchVisit(date: day("2026-01-04"), place: "市集")])),
      on: "2026-01-04")
    try fixture.run(
      .completeStep(
        consultation, .meeting,
        .meeting(Meeting(date: day("2026-02-14"), place: "工作站", host: "主席", members: [], departments: []))),
      on: "2026-02-14")

    // P5: raised 2025-12-20, department B, due 2026-01-05, closed 2026-01-03 (14 days, on time), excellent.
    let p5 = try fixture.raise("P5", on: "2025-12-20")
    try fixture.run(
      .assignProblem(p5, fixture.departmentB, due: day("2026-01-05"), note: ""), on: "2025-12-21")
    try fixture.close(p5, on: "2026-01-03", rating: .excellent)
    // P1: raised 2026-01-10, department A, due 2026-02-10, closed 2026-02-05 (26 days, on time), good.
    let p1 = try fixture.raise("P1", on: "2026-01-10")
    try fixture.run(
      .assignProblem(p1, fixture.departmentA, due: day("2026-02-10"), note: ""), on: "2026-01-11")
    try fixture.close(p1, on: "2026-02-05", rating: .good)
    // P2: raised 2026-02-20, department A, due 2026-03-15, closed 2026-04-10 (49 days, late), fair.
    let p2 = try fixture.raise("P2", on: "2026-02-20")
    try fixture.run(
      .assignProblem(p2, fixture.departmentA, due: day("2026-03-15"), note: ""), on: "2026-02-21")
    try fixture.close(p2, on: "2026-04-10", rating: .fair)
    // P3: raised 2026-03-30, department B, due 2026-04-05, still open (overdue from 2026-04-06).
    let p3 = try fixture.raise("P3", on: "2026-03-30")
    try fixture.run(
      .assignProblem(p3, fixture.departmentB, due: day("2026-04-05"), note: ""), on: "2026-03-31")
    // P4: raised 2026-05-02, not assigned.
    _ = try fixture.raise("P4", on: "2026-05-02")

    let river = try fixture.story.addRiver("濑溪河")
    let member = try fixture.story.addMember("张三")
    for date in ["2026-01-20", "2026-04-01", "2026-07-01"] {
      let patrol: PatrolID = fixture.story.newID()
      try fixture.run(
        .putPatrol(Patrol(id: patrol, river: river, date: day(date), members: [member])), on: date)
    }
    return fixture
  }
}

@Suite("Board figures follow the period, and are kept change by change")
struct BoardTallyTests {
  let today = day("2026-11-26")

  @Test("the year 2026, counted by hand")
  func year() throws {
    let fixture = try BoardFixture.make()
    let figures = fixture.tally.figures(.year(2026), today: today)
    #expect(figures.raised == 4)  // P1 P2 P3 P4 (P5 was raised in 2025)
    #expect(figures.assigned == 3)  // P1 P2 P3
    #expect(figures.closed == 3)  // P5 01-03, P1 02-05, P2 04-10
    #expect(figures.closedOnTime == 2)  // P5, P1
    #expect(figures.raisedThenClosed == 2)  // P1 P2
    #expect(figures.closureRate == 0.5)
    #expect(figures.medianDaysToClose == 26)  // 14, 26, 49
    #expect(figures.averageEvaluation == 3.0)  // (4 + 3 + 2) / 3
    #expect(figures.overdue == 1)  // P3, on 2026-11-26
    #expect(figures.consultationsHeld == 1)
    #expect(figures.patrols == 3)
    #expect(figures.standingDay == today)
  }

  @Test("the first quarter: standing figures are read on its last day")
  func quarter() throws {
    let fixture = try BoardFixture.make()
    let figures = fixture.tally.figures(.quarter(year: 2026, quarter: 1), today: today)
    #expect(figures.raised == 3)  // P1 P2 P3
    #expect(figures.closed == 2)  // P5, P1
    #expect(figures.raisedThenClosed == 2)  // P1 P2 (P2 closed later, in April)
    #expect(figures.medianDaysToClose == 14)  // lower median of 14, 26
    #expect(figures.overdue == 1)  // on 03-31: P2 (late since 03-16); P3 is due 04-05
    #expect(figures.patrols == 1)
    #expect(figures.consultationsHeld == 1)
    #expect(figures.standingDay == day("2026-03-31"))
  }

  @Test("one month")
  func month() throws {
    let fixture = try BoardFixture.make()
    let figures = fixture.tally.figures(.month(year: 2026, month: 4), today: today)
    #expect(figures.raised == 0)
    #expect(figures.closureRate == nil)
    #expect(figures.closed == 1)  // P2
    #expect(figures.closedOnTime == 0)
    #expect(figures.medianDaysToClose == 49)
    #expect(figures.overdue == 1)  // on 04-30: P3; P2 closed on 04-10
    #expect(figures.patrols == 1)
  }

  @Test("a range of days that cuts two quarters")
  func range() throws {
    let fixture = try BoardFixture.make()
    let figures = fixture.tally.figures(.range(day("2026-02-15"), day("2026-05-10")), today: today)
    #expect(figures.raised == 3)  // P2 02-20, P3 03-30, P4 05-02
    #expect(figures.assigned == 2)  // P2 P3
    #expect(figures.closed == 1)  // P2
    #expect(figures.raisedThenClosed == 1)
    #expect(figures.medianDaysToClose == 49)
    #expect(figures.overdue == 1)  // on 05-10: P3
    #expect(figures.consultationsHeld == 0)  // held 02-14, the day before the range
    #expect(figures.patrols == 1)  // 04-01
  }

  @Test("all time, and one department's appraisal")
  func allTimeAndDepartment() throws {
    let fixture = try BoardFixture.make()
    let all = fixture.tally.figures(.allTime, today: today)
    #expect(all.raised == 5)
    #expect(all.raisedThenClosed == 3)
    #expect(all.medianDaysToClose == 26)
    #expect(all.overdue == 1)
    let a = fixture.tally.figures(.year(2026), .department(fixture.departmentA), today: today)
    #expect(a.raised == 2)
    #expect(a.closed == 2)
    #expect(a.closedOnTime == 1)
    #expect(a.medianDaysToClose == 26)  // lower median of 26, 49
    #expect(a.averageEvaluation == 2.5)
    #expect(a.overdue == 0)
    let b = fixture.tally.figures(.year(2026), .department(fixture.departmentB), today: today)
    #expect(b.raised == 1)  // P3
    #expect(b.closed == 1)  // P5, raised in 2025, closed in 2026
    #expect(b.closureRate == 0)
    #expect(b.overdue == 1)
    // The street's problems count for the hall above it too.
    #expect(fixture.tally.figures(.year(2026), .station(fixture.hall), today: today).raised == 4)
    let lines = fixture.tally.breakdown(.department, .year(2026), today: today)
    #expect(Set(lines.map(\.facet)) == [.department(fixture.departmentA), .department(fixture.departmentB)])
  }

  @Test("a twelve-month trend counts each month on its own, overdue at each month's end")
  func trend() throws {
    let fixture = try BoardFixture.make()
    let points = fixture.tally.trend(months: 12, today: today)
    #expect(points.count == 12)
    #expect(points.first?.month == YearMonth(year: 2025, month: 12))
    #expect(points.last?.month == YearMonth(year: 2026, month: 11))
    #expect(points.map(\.raised) == [1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    #expect(points.map(\.closed) == [0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    #expect(points.map(\.overdueAtEnd) == [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    #expect(points.map(\.patrols) == [0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0])
  }

  @Test("problems open on each period's standing day, counted by hand")
  func openOnTheStandingDay() throws {
    let fixture = try BoardFixture.make()
    // On 11-26: P3 and P4 (P5, P1, P2 closed).
    #expect(fixture.tally.figures(.year(2026), today: today).open == 2)
    // On 03-31: P2 and P3 (P5 closed 01-03, P1 02-05; P2 only on 04-10).
    #expect(fixture.tally.figures(.quarter(year: 2026, quarter: 1), today: today).open == 2)
    // On 05-10: P3 and P4.
    #expect(fixture.tally.figures(.range(day("2026-02-15"), day("2026-05-10")), today: today).open == 2)
    // On 2025-12-31: P5 only.
    #expect(fixture.tally.figures(.year(2025), today: today).open == 1)
    // By status now, as the Overview's bars: of the four raised in 2026, P1 and P2 are closed.
    #expect(fixture.tally.total(.raised, .status(.closed), in: .year(2026)) == 2)
    #expect(fixture.tally.total(.raised, .status(.assigned), in: .year(2026)) == 1)  // P3
  }

  @Test("water readings meet the river's target when their class is the target's or better")
  func waterReadings() throws {
    var fixture = try BoardFixture.make()
    let river = try fixture.story.addRiver("大溪河")  // target class III
    let member = try fixture.story.addMember("李四")
    for (date, quality) in [
      ("2026-03-01", WaterQuality.classII), ("2026-03-15", .classIV), ("2026-08-01", .classIII),
    ] {
      let patrol: PatrolID = fixture.story.newID()
      try fixture.run(
        .putPatrol(
          Patrol(id: patrol, river: river, date: day(date), members: [member], waterQuality: quality)),
        on: date)
    }
    let year = fixture.tally.figures(.year(2026), .river(river), today: today)
    #expect((year.readings, year.readingsMet) == (3, 2))  // II and III meet III; IV does not
    let quarter = fixture.tally.figures(.quarter(year: 2026, quarter: 1), today: today)
    #expect((quarter.readings, quarter.readingsMet) == (2, 1))  // the three earlier patrols read nothing
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
  }

  @Test("a river's new target counts its readings again at once, from the tally, without a recount")
  func riverTargetChange() throws {
    var fixture = try BoardFixture.make()
    let river = try fixture.story.addRiver("大溪河")  // target class III
    let other = try fixture.story.addRiver("梅溪河")
    let member = try fixture.story.addMember("李四")
    for (date, quality, on) in [
      ("2026-03-01", WaterQuality.classII, river), ("2026-03-15", .classIV, river),
      ("2026-08-01", .classIII, river),
      ("2026-08-02", .classIII, other),
    ] {
      let patrol: PatrolID = fixture.story.newID()
      try fixture.run(
        .putPatrol(Patrol(id: patrol, river: on, date: day(date), members: [member], waterQuality: quality)),
        on: date)
    }
    #expect(fixture.tally.figures(.year(2026), .river(river), today: today).readingsMet == 2)
    // The target is raised to class II: only the class II reading still meets it. The change
    // touches the river alone; the tally counts that river's three patrols again.
    var stricter = try #require(fixture.story.state.rivers[river])
    stricter.targetClass = .classII
    try fixture.run(.putRiver(stricter), on: "2026-09-01")
    let year = fixture.tally.figures(.year(2026), .river(river), today: today)
    #expect((year.readings, year.readingsMet) == (3, 1))
    #expect(fixture.tally.figures(.year(2026), .river(other), today: today).readingsMet == 1)
    #expect(fixture.tally.figures(.year(2026), today: today).readingsMet == 2)
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
    // And back to class IV: all three meet it.
    stricter.targetClass = .classIV
    try fixture.run(.putRiver(stricter), on: "2026-09-02")
    #expect(fixture.tally.figures(.year(2026), .river(river), today: today).readingsMet == 3)
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
  }

  @Test("the tally kept change by change equals one counted afresh, after every change and an undo")
  func incrementalEqualsFresh() throws {
    var fixture = try BoardFixture.make()
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
    // Reassign, redo and undo (a restore) are followed too.
    let p3 = fixture.story.state.problems.values.first { $0.title == "P3" }?.id ?? ID(raw: 0)
    let before = fixture.story.state
    try fixture.run(
      .assignProblem(p3, fixture.departmentA, due: day("2026-12-31"), note: "改派"), on: "2026-06-01")
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
    #expect(fixture.tally.figures(.year(2026), today: today).overdue == 0)
    let undo = Change.restore([RecordVersion(RecordRef(p3), before.value(of: RecordRef(p3)))])
    try fixture.run(undo, on: "2026-06-02")
    #expect(fixture.tally == BoardTally(state: fixture.story.state))
    #expect(fixture.tally.figures(.year(2026), today: today).overdue == 1)
  }

  @Test("periods read back what they write, step to their neighbours and name themselves")
  func periods() {
    for period in [
      Period.year(2026), .quarter(year: 2026, quarter: 4), .month(year: 2026, month: 1),
      .range(day("2026-02-15"), day("2026-05-10")), .allTime,
    ] {
      #expect(Period(parsing: period.description) == period)
    }
    #expect(Period(parsing: "2026-q3") == .quarter(year: 2026, quarter: 3))
    #expect(Period(parsing: "2026-13") == nil)
    #expect(Period(parsing: "2026Q5") == nil)
    #expect(Period(parsing: "明年") == nil)
    #expect(Period.quarter(year: 2026, quarter: 1).moved(by: -1) == .quarter(year: 2025, quarter: 4))
    #expect(Period.month(year: 2026, month: 12).moved(by: 1) == .month(year: 2027, month: 1))
    #expect(
      Period.range(day("2026-01-01"), day("2026-01-10")).moved(by: 1)
        == .range(day("2026-01-11"), day("2026-01-20")))
    #expect(Period.quarter(year: 2026, quarter: 3).title(in: .zh) == "2026年第3季度")
    #expect(Period.quarter(year: 2026, quarter: 3).title(in: .en) == "Q3 2026")
    #expect(Period.allTime.title(in: .zh) == "全部时间")
  }
}
