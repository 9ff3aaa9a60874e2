import Foundation
import Testing

@testable import Domain

/// Undoes what a change touched, as the store does: restore the versions from before it.
private func undo(_ touched: [RecordRef], to before: CommitteeState, in story: inout Story) throws {
  try story.run(.restore(touched.map { RecordVersion($0, before.value(of: $0)) }))
}

@Suite struct FieldworkTests {
  /// 奉节县: 长江 and 梅溪河 with their segments, two members, a department, today 2026-11-20.
  func fengjie() throws -> (
    Story, river: RiverID, other: RiverID, members: [MemberID], department: DepartmentID
  ) {
    var story = Story(today: day("2026-11-20"))
    let river = try story.addRiver("梅溪河", segments: ["永安段", "竹园段"])
    let other = try story.addRiver("长江", segments: ["白帝城段", "夔门段"])
    let first = try story.addMember("张建中")
    let second = try story.addMember("李靖")
    let department = try story.addDepartment("县生态环境局")
    return (story, river, other, [first, second], department)
  }

  @Test func aPatrolIsRecordedStepByStepOverTimeAndStaysOpenUntilPushImplementation() throws {
    var (story, river, _, members, _) = try fengjie()
    let id: PatrolID = story.newID()
    try story.run(
      .putPatrol(
        Patrol(
          id: id, river: river, segment: "永安段", date: day("2026-11-18"), members: members,
          waterQuality: .classII)),
      as: Story.clerk)
    #expect(story.state.patrols[id]?.nextStep == .inspectSite)
    #expect(
      story.refuse(.recordPatrolStep(id, .findProblems, notes: "排污口"), as: Story.clerk)
        == .patrolStepOutOfOrder(expected: .inspectSite, got: .findProblems))
    #expect(
      story.refuse(.recordPatrolStep(id, .inspectSite, notes: "  "), as: Story.clerk) == .required(.stepNotes)
    )
    for (step, notes) in zip(PatrolStep.allCases.dropLast(), ["河面漂浮物", "居民反映异味", "排污口两处", "建议截污纳管"]) {
      try story.run(.recordPatrolStep(id, step, notes: notes), as: Story.clerk)
      story.clock.advance(days: 1)
    }
    #expect(story.state.patrols[id]?.isOpen == true)
    #expect(story.state.patrols[id]?.nextStep == .pushImplementation)
    let before = story.state
    let touched = try story.run(
      .recordPatrolStep(id, .pushImplementation, notes: "联席会点对点交办"), as: Story.clerk)
    let closed = try #require(story.state.patrols[id])
    #expect(!closed.isOpen)
    #expect(closed.nextStep == nil)
    #expect(closed.notes(for: .findProblems) == "排污口两处")
    #expect(
      story.refuse(.recordPatrolStep(id, .inspectSite, notes: "再看"), as: Story.clerk) == .alreadyClosed)
    // Undo puts the open patrol back.
    try undo(touched, to: before, in: &story)
    #expect(story.state.patrols[id]?.isOpen == true)
    #expect(story.state == before)
  }

  @Test func aSegmentOfAnotherRiverIsRefusedNamingTheFieldInBothLanguages() throws {
    var (story, river, _, members, _) = try fengjie()
    let patrol = Patrol(
      id: story.newID(), river: river, segment: "夔门段", date: day("2026-11-01"), members: members)
    let error = story.refuse(.putPatrol(patrol), as: Story.clerk)
    #expect(error == .segmentOfAnotherRiver("夔门段", river: "长江"))
    #expect(error?.message(in: .zh).contains("河段") == true)
    #expect(error?.message(in: .zh).contains("长江") == true)
    #expect(error?.message(in: .en).contains("Segment") == true)
    #expect(story.state.patrols.isEmpty)
    // A segment added to the river first (the form's "add one") is then accepted.
    var withNew = try #require(story.state.rivers[river])
    withNew.segments.append("康乐段")
    var moved = patrol
    moved.segment = "康乐段"
    try story.run(.group([.putRiver(withNew), .putPatrol(moved)]), as: Story.clerk)
    #expect(story.state.patrols[patrol.id]?.segment == "康乐段")
  }

  @Test func aPatrolAlreadyHeldCannotBeDatedInTheFutureButAPlannedOneMay() throws {
    var (story, river, _, members, _) = try fengjie()
    let future = day("2026-12-05")
    let held = Patrol(
      id: story.newID(), river: river, segment: "竹园段", date: future, members: members,
      stepNotes: [.inspectSite: "水清"])
    let error = story.refuse(.putPatrol(held), as: Story.clerk)
    #expect(error == .futureDate(.date, day: future))
    #expect(error?.message(in: .zh).contains("日期") == true)
    #expect(error?.message(in: .en).contains("date") == true)
    let planned = Patrol(id: story.newID(), river: river, segment: "竹园段", date: future, members: members)
    try story.run(.putPatrol(planned), as: Story.clerk)
    #expect(
      story.refuse(.recordPatrolStep(planned.id, .inspectSite, notes: "水清"), as: Story.clerk)
        == .futureDate(.date, day: future))
    story.clock.advance(days: 15)
    try story.run(.recordPatrolStep(planned.id, .inspectSite, notes: "水清"), as: Story.clerk)
  }

  @Test func severalProblemsFromOnePatrolAreAssignedPointToPointAndRememberTheMember() throws {
    var (story, river, _, members, department) = try fengjie()
    let patrol = try story.addPatrol(river: river, members: members, date: day("2026-11-10"))
    let water = try story.addDepartment("县水利局")
    var raised: [ProblemID] = []
    for (title, to) in [("排污口污水直排", department), ("河岸垃圾堆放", water)] {
      let id: ProblemID = story.newID()
      try story.run(
        .group([
          .raiseProblemByMember(id, .patrol(patrol), title: title, description: "", member: members[0]),
          .assignProblem(id, to, due: day("2026-12-10"), note: "点对点交办"),
        ]), as: Story.clerk)
      raised.append(id)
    }
    let problems = story.state.problems(from: .patrol(patrol))
    #expect(problems.map(\.id) == raised)
    #expect(problems.map(\.raisedByMember) == [members[0], members[0]])
    #expect(problems.map(\.raisedBy) == [Story.clerk.userName, Story.clerk.userName])
    #expect(problems.map(\.department) == [department, water])
    #expect(problems.allSatisfy { $0.status == .assigned && $0.due == day("2026-12-10") })
    #expect(story.state.indexesAreConsistent)
    let ghost = MemberID(raw: 9_999)
    #expect(
      story.refuse(
        .raiseProblemByMember(story.newID(), .patrol(patrol), title: "x", description: "", member: ghost),
        as: Story.clerk) == .missingReference(RecordRef(ghost)))
  }

  @Test func aProblemIsEvaluatedOnThreeMeasuresAndARedoKeepsTheEarlierEvaluation() throws {
    var (story, river, _, members, department) = try fengjie()
    let patrol = try story.addPatrol(river: river, members: members, date: day("2026-11-10"))
    let id = try story.raise("排污口", from: .patrol(patrol))
    try story.run(.assignProblem(id, department, due: day("2026-12-01"), note: ""), as: Story.clerk)
    try story.run(.replyProblem(id, "已整改"), as: Story.clerk)
    try story.run(.feedBackProblem(id, "已反馈"), as: Story.clerk)
    try story.run(.followUpProblem(id, "回头看仍有异味"), as: Story.clerk)
    let weak = SupervisionEvaluation(
      rectification: .poor, cooperation: .good, satisfaction: .fair, note: "整改不到位")
    #expect(
      story.refuse(.evaluateProblemOnMeasures(id, weak), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .head))
    try story.run(.evaluateProblemOnMeasures(id, weak), as: Story.head)
    var problem = try #require(story.state.problems[id])
    #expect(problem.status == .evaluated)
    #expect(problem.measures?.rectification == .poor)
    #expect(problem.measures?.by == Story.head.userName)
    #expect(problem.evaluation == .poor, "the single rating is the weakest measure")
    try story.run(.redoProblem(id, due: day("2026-12-31"), note: "责成重新办理"), as: Story.head)
    problem = try #require(story.state.problems[id])
    #expect(problem.status == .assigned)
    #expect(problem.measures == nil)
    #expect(problem.pastEvaluations.map(\.note) == ["整改不到位"])
    #expect(problem.pastEvaluations.first?.rectification == .poor)
    // A problem rated the old way keeps that rating too when redone.
    try story.run(.replyProblem(id, "再次整改"), as: Story.clerk)
    try story.run(.feedBackProblem(id, "再次反馈"), as: Story.clerk)
    try story.run(.followUpProblem(id, "再次回头看"), as: Story.clerk)
    try story.run(.evaluateProblem(id, .fair, note: "一般"), as: Story.head)
    try story.run(.redoProblem(id, due: day("2027-01-31"), note: "再办"), as: Story.head)
    problem = try #require(story.state.problems[id])
    #expect(problem.pastEvaluations.map(\.satisfaction) == [.fair, .fair])
    #expect(problem.pastEvaluations.last?.note == "一般")
    #expect(problem.redoCount == 2)
  }

  @Test func aVisitOrAReportStepDatedAfterTodayIsRefusedButAnOldJournalHoldingOneStillOpens() throws {
    var (story, _, _, members, _) = try fengjie()
    let later = story.today.adding(days: 30)
    let visit = Visit(id: story.newID(), kind: .enterprise, date: later, members: [members[0]], place: "某企业")
    #expect(story.refuse(.putVisit(visit), as: Story.clerk) == .notYet(.date, day: later))
    #expect(DomainError.notYet(.date, day: later).message(in: .zh).contains("还没到"))
    // Written by a build before the rule: the journal's change is replayed, not judged again.
    let replayed = try replay(.putVisit(visit), to: story.state, actor: Story.clerk, now: Date())
    #expect(replayed.state.visits[visit.id]?.date == later)
    // Today itself is fine.
    var today = visit
    today.date = story.today
    try story.run(.putVisit(today), as: Story.clerk)
  }

  @Test func aReportsAdoptionDatedAfterTodayIsRefusedNamingTheAdoptionDate() throws {
    var (story, _, _, members, _) = try fengjie()
    let id: OpinionReportID = story.newID()
    try story.run(
      .putOpinionReport(
        OpinionReport(id: id, title: "关于井盖的建议", text: "井盖过多。", submitter: members[0], date: story.today)),
      as: Story.clerk)
    let later = story.today.adding(days: 3)
    let refusal = story.refuse(.advanceOpinionReport(id, .adopt(on: later)), as: Story.clerk)
    #expect(refusal == .notYet(.adoptedOn, day: later))
    // The message names the field as the form does, not a bare "日期".
    #expect(refusal?.message(in: .zh).contains("“采用日期”") == true)
    #expect(refusal?.message(in: .en).contains("adoption date") == true)
  }

  @Test func visitsCountTowardsTheFourActionsAgainstTargetsEditablePerYear() throws {
    var (story, river, _, members, _) = try fengjie()
    #expect(throws: DomainError.outOfRange(.visitKind, value: "7")) { try VisitKind.from(code: 7) }
    #expect(try VisitKind.from(code: 3) == .riverPatrol)
    let message = DomainError.outOfRange(.visitKind, value: "7").message(in: .zh)
    #expect(message.contains("走访类别"))
    #expect(DomainError.outOfRange(.visitKind, value: "7").message(in: .en).contains("visit kind"))
    try story.run(
      .putVisit(
        Visit(
          id: story.newID(), kind: .enterprise, date: day("2026-01-15"), members: [members[0]],
          place: "重庆博威新材科技有限公司", notes: "冬季停气", suggestions: "工业用气合理定价")), as: Story.clerk)
    try story.run(
      .putVisit(
        Visit(id: story.newID(), kind: .riverPatrol, date: day("2026-03-01"), members: members, place: "草堂河")),
      as: Story.clerk)
    _ = try story.addPatrol(river: river, members: members, date: day("2026-05-01"))
    #expect(story.state.actionProgress(.enterprise, year: 2026) == 1)
    #expect(story.state.actionProgress(.riverPatrol, year: 2026) == 2, "巡百河 counts patrols and its visits")
    #expect(story.state.actionProgress(.village, year: 2026) == 0)
    #expect(story.state.actionTargets(year: 2026).target(for: .household) == 100)
    let targets = ActionTargets(id: story.newID(), year: 2026, targets: [.enterprise: 120])
    #expect(
      story.refuse(.putActionTargets(targets), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .secretary))
    try story.run(.putActionTargets(targets), as: Story.secretary)
    #expect(story.state.actionTargets(year: 2026).target(for: .enterprise) == 120)
    #expect(story.state.actionTargets(year: 2026).target(for: .village) == 100)
    #expect(story.state.actionTargets(year: 2027).target(for: .enterprise) == 100)
    let again = ActionTargets(id: story.newID(), year: 2026)
    #expect(story.refuse(.putActionTargets(again), as: Story.secretary) == .duplicateYear(2026))
    var bad = targets
    bad.targets[0] = -1
    #expect(story.refuse(.putActionTargets(bad), as: Story.secretary) == .outOfRange(.target, value: "-1"))
  }

  @Test func aReportGoesFromSubmittedThroughInstructionToRectificationAndDone() throws {
    var (story, _, _, members, _) = try fengjie()
    let bureau = try story.addDepartment("县城市管理局")
    let id: OpinionReportID = story.newID()
    try story.run(
      .putOpinionReport(
        OpinionReport(
          id: id, title: "关于城区道路井盖设施过多的建议", text: "井盖众多，不美观、不安全。", submitter: members[1],
          date: day("2026-04-10"), coSubmitters: [members[0]])), as: Story.clerk)
    #expect(story.state.opinionReports[id]?.submitters == [members[1], members[0]])
    let early = story.refuse(
      .advanceOpinionReport(id, .instruct(by: "县委书记", on: day("2026-04-20"), text: "请城管局排查")), as: Story.clerk
    )
    #expect(early == .instructionBeforeAdoption)
    #expect(early?.message(in: .zh).contains("批示") == true)
    #expect(early?.message(in: .en).contains("Instructing leader") == true)
    #expect(
      story.refuse(.advanceOpinionReport(id, .adopt(on: day("2026-04-01"))), as: Story.clerk)
        == .dateBeforeSubmission(day("2026-04-10")))
    try story.run(.advanceOpinionReport(id, .adopt(on: day("2026-04-15"))), as: Story.clerk)
    #expect(
      story.refuse(
        .advanceOpinionReport(id, .instruct(by: "县委书记", on: day("2026-04-14"), text: "请排查")), as: Story.clerk)
        == .instructionBeforeAdoption)
    #expect(
      story.refuse(
        .advanceOpinionReport(id, .rectify(department: bureau, plan: "排查", due: day("2026-06-30"))),
        as: Story.clerk)
        == .reportStepOutOfOrder(expected: .instructed, got: .rectifying))
    try story.run(
      .advanceOpinionReport(id, .instruct(by: "县委书记", on: day("2026-04-20"), text: "请县城市管理局开展拉网式排查")),
      as: Story.clerk)
    let before = story.state
    let rectify = Change.advanceOpinionReport(
      id, .rectify(department: bureau, plan: "拉网式排查，制定提升整改方案", due: day("2026-06-30")))
    let touched = try story.run(rectify, as: Story.clerk)
    #expect(story.state.opinionReports[id]?.status == .rectifying)
    try undo(touched, to: before, in: &story)
    #expect(story.state.opinionReports[id]?.status == .instructed)
    try story.run(rectify, as: Story.clerk)
    try story.run(
      .advanceOpinionReport(id, .complete(on: day("2026-06-20"), note: "已整治 312 处")), as: Story.clerk)
    let report = try #require(story.state.opinionReports[id])
    #expect(report.status == .done)
    #expect(report.instructedBy == "县委书记")
    #expect(report.instructedOn == day("2026-04-20"))
    #expect(report.rectificationDepartment == bureau)
    #expect(report.doneOn == day("2026-06-20"))
    #expect(
      story.refuse(.advanceOpinionReport(id, .complete(on: day("2026-06-21"), note: "")), as: Story.clerk)
        == .alreadyClosed)
    // A put cannot smuggle an instruction in before the adoption either.
    var smuggled = OpinionReport(
      id: story.newID(), title: "t", text: "x", submitter: members[0], date: day("2026-05-01"))
    smuggled.instructedOn = day("2026-05-02")
    #expect(story.refuse(.putOpinionReport(smuggled), as: Story.clerk) == .instructionBeforeAdoption)
  }

  @Test func waterQualityIsATrendByMonthAgainstTheRiversTargetWithYearsRunning() throws {
    var (story, river, other, members, _) = try fengjie()
    var target = try #require(story.state.rivers[river])
    #expect(target.targetClass == .classIII, "the default target is class III")
    target.targetClass = .classII
    try story.run(.putRiver(target), as: Story.clerk)
    let readings: [(String, String, WaterQuality)] = [
      ("2022-06-01", "永安段", .classIV), ("2023-06-01", "永安段", .classII), ("2024-06-01", "竹园段", .classII),
      ("2025-03-01", "永安段", .classI), ("2025-03-20", "竹园段", .classIII), ("2025-09-01", "永安段", .classII),
      ("2026-10-01", "永安段", .classI),
    ]
    for (date, segment, quality) in readings {
      try story.run(
        .putPatrol(
          Patrol(
            id: story.newID(), river: river, segment: segment, date: day(date), members: members,
            waterQuality: quality)), as: Story.clerk)
    }
    try story.run(
      .putPatrol(
        Patrol(id: story.newID(), river: other, segment: "夔门段", date: day("2026-10-02"), members: members)),
      as: Story.clerk)
    let all = story.state.waterReadings(river: river)
    #expect(all.count == 7)
    #expect(all.filter { !$0.met }.map(\.quality) == [.classIV, .classIII], "by segment, then date")
    let summary = story.state.waterSummary(river: river)
    #expect(summary.target == .classII)
    #expect(summary.latest?.quality == .classI)
    #expect(summary.months.count == 6, "two readings of March 2025 make one month")
    let march = try #require(summary.months.first { $0.year == 2025 && $0.month == 3 })
    #expect(march.worst == .classIII)
    #expect(march.missed)
    #expect(march.readings == 2)
    // 2025's mean is (1+3+2)/3 = 2 → class II, met; 2023–2026 met; 2022 (IV) did not.
    #expect(summary.yearsMetRunning == 4)
    #expect(story.state.waterSummary(river: river, segment: "竹园段").yearsMetRunning == 0)
    #expect(story.state.waterSummary(river: other).latest == nil, "a patrol without a reading is no reading")
    #expect(CommitteeState.annualClass([.classII, .classIII]) == .classIII, "2.5 rounds up")
    #expect(CommitteeState.annualClass([]) == nil)
  }

  @Test func fieldsAddedInPayloadVersionTwoReadAsDefaultsFromVersionOneBytes() throws {
    // Version-1 bytes are version-2 bytes without the appended fields.
    let river = River(id: RiverID(raw: 7), name: "草堂河", segments: ["草堂段"], targetClass: .classII)
    var w = BinaryWriter()
    river.encode(into: &w)
    var r1 = BinaryReader(Array(w.bytes.dropLast()), payloadVersion: 1)
    let old = try River(from: &r1)
    #expect(old.targetClass == .classIII)
    #expect(r1.isAtEnd)
    var r2 = BinaryReader(w.bytes, payloadVersion: 2)
    #expect(try River(from: &r2) == river)

    let visit = Visit(
      id: VisitID(raw: 8), kind: .enterprise, date: day("2026-01-01"), members: [MemberID(raw: 1)],
      place: "企业",
      notes: "停气", suggestions: "定价")
    var vw = BinaryWriter()
    visit.encode(into: &vw)
    var suggestionBytes = BinaryWriter()
    suggestionBytes.write("定价")
    var v1 = BinaryReader(Array(vw.bytes.dropLast(suggestionBytes.bytes.count)), payloadVersion: 1)
    let oldVisit = try Visit(from: &v1)
    #expect(oldVisit.findings == "停气")
    #expect(oldVisit.suggestions == "")
    #expect(v1.isAtEnd)
  }
}
