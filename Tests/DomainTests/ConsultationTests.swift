import Foundation
import Testing

@testable import Domain

@Suite struct ConsultationTests {
  /// A courtyard meeting at a community room of 石坪桥 street station, opened by a secretary.
  func openedConsultation() throws -> (Story, ConsultationID, MemberID, DepartmentID) {
    var story = Story()
    let hall = try story.addStation("九龙坡区委员工作厅", .districtHall)
    let street = try story.addStation("石坪桥街道委员工作站", .streetStation, parent: hall)
    let room = try story.addStation("黄桷坪社区委员工作室", .communityRoom, parent: street)
    let member = try story.addMember("何晓敏")
    let department = try story.addDepartment("区城市管理局")
    let id: ConsultationID = story.newID()
    try story.run(
      .openConsultation(id, ConsultationDetails(title: "老旧小区加装电梯", station: room, format: .courtyardMeeting)),
      as: Story.secretary)
    return (story, id, member, department)
  }

  func meeting(_ member: MemberID, _ department: DepartmentID, minutes: String = "") -> StepRecord {
    .meeting(
      Meeting(
        date: day("2026-11-20"), place: "社区院坝", host: "何晓敏", members: [member], departments: [department],
        residents: "居民代表 5 人", minutes: minutes))
  }

  @Test func aSecretaryCarriesALocalConsultationThroughTheSixStepsInOrder() throws {
    var (story, id, member, department) = try openedConsultation()
    try story.run(.completeStep(id, .selectTopic, .topics(["加装电梯", "停车难"])), as: Story.secretary)
    try story.run(.completeStep(id, .confirmTopic, .confirmedTopic("加装电梯")), as: Story.head)
    let visit = ResearchVisit(date: day("2026-11-10"), place: "3 号楼", people: "住户", findings: "老人多")
    try story.run(.completeStep(id, .research, .research([visit])), as: Story.secretary)
    try story.run(.completeStep(id, .meeting, meeting(member, department)), as: Story.secretary)
    try story.run(.recordMinutes(id, "同意分批加装，区城管局牵头。"), as: Story.secretary)
    try story.run(
      .completeStep(id, .reportOutcome, .outcome(OutcomeReport(text: "形成协商意见", departments: [department]))),
      as: Story.secretary)
    try story.run(
      .completeStep(id, .followUp, .followUp(FollowUpRecord(date: day("2026-11-25"), finding: "已开工"))),
      as: Story.secretary)

    let done = try #require(story.state.consultations[id])
    #expect(done.isFinished)
    #expect(done.completed.map(\.step) == ConsultationKind.local.steps)
    #expect(done.confirmedTopic == "加装电梯")
    #expect(done.candidateTopics == ["加装电梯", "停车难"])
    #expect(done.researchVisits == [visit])
    #expect(done.meeting?.minutes == "同意分批加装，区城管局牵头。")
    #expect(done.completed[1].by == Story.head.userName)
    #expect(done.completed[0].at == story.clock.now())
    #expect(
      story.refuse(
        .completeStep(id, .followUp, .followUp(FollowUpRecord(date: day("2026-11-26"), finding: "再查"))),
        as: Story.secretary) == .workflowFinished)
  }

  @Test func stepsCannotBeSkippedOrGivenTheWrongRecord() throws {
    var (story, id, member, department) = try openedConsultation()
    #expect(
      story.refuse(.completeStep(id, .meeting, meeting(member, department)), as: Story.secretary)
        == .stepOutOfOrder(expected: .selectTopic, got: .meeting))
    #expect(
      story.refuse(.completeStep(id, .selectTopic, .confirmedTopic("x")), as: Story.secretary)
        == .wrongStepRecord(.selectTopic))
    #expect(
      story.refuse(.completeStep(id, .selectTopic, .topics(["  "])), as: Story.secretary)
        == .required(.candidates))
    #expect(story.state.consultations[id]?.completed.isEmpty == true)
  }

  @Test func theOutcomeCannotBeReportedBeforeTheMeetingHasMinutes() throws {
    var (story, id, member, department) = try openedConsultation()
    #expect(story.refuse(.recordMinutes(id, "纪要"), as: Story.secretary) == .meetingNotHeld)
    try story.run(.completeStep(id, .selectTopic, .topics(["加装电梯"])), as: Story.secretary)
    try story.run(.completeStep(id, .confirmTopic, .confirmedTopic("加装电梯")), as: Story.head)
    try story.run(
      .completeStep(id, .research, .research([ResearchVisit(date: day("2026-11-10"), place: "3 号楼")])),
      as: Story.secretary)
    try story.run(.completeStep(id, .meeting, meeting(member, department)), as: Story.secretary)
    let report = Change.completeStep(id, .reportOutcome, .outcome(OutcomeReport(text: "意见")))
    #expect(story.refuse(report, as: Story.secretary) == .minutesRequired)
    #expect(story.refuse(.recordMinutes(id, "   "), as: Story.secretary) == .required(.minutes))
    try story.run(.recordMinutes(id, "纪要全文"), as: Story.secretary)
    try story.run(report, as: Story.secretary)
    #expect(story.state.consultations[id]?.nextStep == .followUp)
    let early = Change.completeStep(
      id, .followUp, .followUp(FollowUpRecord(date: day("2026-11-01"), finding: "x")))
    #expect(story.refuse(early, as: Story.secretary) == .dateBeforeMeeting(day("2026-11-20")))
  }

  @Test func rolesDecideWhoMayDoEachStep() throws {
    var (story, id, member, department) = try openedConsultation()
    let select = Change.completeStep(id, .selectTopic, .topics(["加装电梯"]))
    #expect(story.refuse(select, as: Story.clerk) == .notPermitted(role: .clerk, required: .secretary))
    #expect(story.refuse(select, as: Story.reader) == .readOnly(userName: "visitor"))
    try story.run(select, as: Story.secretary)
    let confirm = Change.completeStep(id, .confirmTopic, .confirmedTopic("加装电梯"))
    #expect(story.refuse(confirm, as: Story.secretary) == .notPermitted(role: .secretary, required: .head))
    try story.run(confirm, as: Story.head)
    #expect(
      story.refuse(.stepBack(id), as: Story.secretary) == .notPermitted(role: .secretary, required: .head))
    try story.run(.stepBack(id), as: Story.head)
    #expect(story.state.consultations[id]?.nextStep == .confirmTopic)
    try story.run(.stepBack(id), as: Story.head)
    #expect(story.refuse(.stepBack(id), as: Story.head) == .nothingToStepBack)
    _ = (member, department)
    // Minutes belong to secretaries: a clerk is refused even once a meeting was held.
    #expect(
      story.refuse(.recordMinutes(id, "纪要"), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .secretary))
  }

  @Test func aCrossRegionalConsultationFollowsTheSevenLinks() throws {
    var story = Story()
    let neijiang: PartnerRegionID = story.newID()
    try story.run(.putPartnerRegion(PartnerRegion(id: neijiang, name: "内江市")), as: Story.clerk)
    let member = try story.addMember("荣昌区委员")
    let id: ConsultationID = story.newID()
    var details = ConsultationDetails(title: "三合村灌溉缺水", format: .other("跨区域微协商"), kind: .crossRegional)
    #expect(story.refuse(.openConsultation(id, details), as: Story.secretary) == .required(.partnerRegions))
    details.partnerRegions = [neijiang]
    details.dispatchedMembers = [member]
    try story.run(.openConsultation(id, details), as: Story.secretary)
    #expect(
      story.refuse(.completeStep(id, .selectTopic, .topics(["灌溉"])), as: Story.secretary)
        == .stepOutOfOrder(expected: .collect, got: .selectTopic))
    try story.run(.completeStep(id, .collect, .topics(["灌溉用水"])), as: Story.secretary)
    try story.run(.completeStep(id, .decide, .confirmedTopic("灌溉用水")), as: Story.head)
    try story.run(
      .completeStep(id, .research, .research([ResearchVisit(date: day("2026-10-01"), place: "三合村")])),
      as: Story.secretary)
    try story.run(
      .completeStep(id, .consult, .meeting(Meeting(date: day("2026-10-08"), place: "石堰桥镇", minutes: "联合调水"))),
      as: Story.secretary)
    try story.run(.completeStep(id, .transfer, .outcome(OutcomeReport(text: "转两地水利部门"))), as: Story.secretary)
    try story.run(
      .completeStep(id, .supervise, .followUp(FollowUpRecord(date: day("2026-10-20"), finding: "已通水"))),
      as: Story.secretary)
    #expect(
      story.refuse(.completeStep(id, .evaluate, .evaluation("群众满意")), as: Story.secretary)
        == .notPermitted(role: .secretary, required: .head))
    try story.run(.completeStep(id, .evaluate, .evaluation("群众满意")), as: Story.head)
    #expect(story.state.consultations[id]?.completed.map(\.step) == ConsultationKind.crossRegional.steps)
    var local = details
    local.kind = .local
    #expect(story.refuse(.editConsultation(id, local), as: Story.secretary) == .kindFixedAfterStart)
  }

  @Test func consultationsAreFoundByStationIncludingTheStationsBelowIt() throws {
    var (story, id, _, _) = try openedConsultation()
    let stations = story.state.stations.values
    let hall = try #require(stations.first { $0.level == .districtHall }).id
    let street = try #require(stations.first { $0.level == .streetStation }).id
    let other = try story.addStation("杨家坪街道委员工作站", .streetStation, parent: hall)
    #expect(story.state.consultations(atOrBelow: hall).map(\.id) == [id])
    #expect(story.state.consultations(atOrBelow: street).map(\.id) == [id])
    #expect(story.state.consultations(atOrBelow: other).isEmpty)
    // Moving it to the other street moves it in the index too.
    var details = try #require(story.state.consultations[id]).details
    details.station = other
    try story.run(.editConsultation(id, details), as: Story.secretary)
    #expect(story.state.consultations(atOrBelow: street).isEmpty)
    #expect(story.state.consultations(atOrBelow: other).map(\.id) == [id])
    #expect(story.state.indexesAreConsistent)
  }
}
