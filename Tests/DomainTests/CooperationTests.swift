import Foundation
import Localization
import Testing

@testable import Domain

@Suite struct CooperationTests {
  @Test func theYearsCrossRegionalFiguresAreCountedFromTheRecords() throws {
    var story = Story(today: day("2026-12-20"))
    let neijiang: PartnerRegionID = story.newID()
    try story.run(.putPartnerRegion(PartnerRegion(id: neijiang, name: "内江市")))
    let member = try story.addMember("陈委员")

    for date in ["2026-02-01", "2026-06-01", "2025-11-01"] {
      try story.runAndUndo(
        .putJointMeeting(
          JointMeeting(
            id: story.newID(), date: day(date), place: "荣昌", regions: [neijiang], plan: "年度协作计划",
            jointTopics: ["文旅走廊"], jointSupervisionProjects: ["濑溪河水质"])), as: Story.clerk)
    }
    try story.run(
      .putCooperationResult(
        CooperationResult(
          id: story.newID(), kind: .jointInspection, date: day("2026-03-05"), title: "联合视察濑溪河",
          regions: [neijiang], members: [member], suggestions: ["建一", "建二", "建三"])), as: Story.clerk)
    try story.runAndUndo(
      .putCooperationResult(
        CooperationResult(
          id: story.newID(), kind: .majorProject, date: day("2026-04-05"), title: "生猪大数据中心",
          regions: [neijiang])), as: Story.clerk)
    try story.run(
      .putCooperationResult(
        CooperationResult(
          id: story.newID(), kind: .problemSolved, date: day("2026-05-05"), title: "三合村灌溉缺水",
          regions: [neijiang])), as: Story.clerk)

    let consultation: ConsultationID = story.newID()
    try story.run(
      .openConsultation(
        consultation,
        ConsultationDetails(
          title: "灌溉用水", format: .roadsideConsultation, kind: .crossRegional, partnerRegions: [neijiang],
          dispatchedMembers: [member], level: .townOrMicro, receivedMembers: ["隆昌市石燕桥镇代表"])),
      as: Story.secretary)
    try story.run(.completeStep(consultation, .collect, .topics(["缺水"])), as: Story.secretary)
    try story.run(.completeStep(consultation, .decide, .confirmedTopic("缺水")), as: Story.head)
    try story.run(
      .completeStep(
        consultation, .research, .research([ResearchVisit(date: day("2026-07-01"), place: "三合村")])),
      as: Story.secretary)
    try story.run(
      .completeStep(consultation, .consult, .meeting(Meeting(date: day("2026-07-08"), place: "三合村院坝"))),
      as: Story.secretary)

    let totals = story.state.cooperationTotals(year: 2026)
    #expect(totals.jointMeetings == 2, "the 2025 meeting belongs to another year")
    #expect(totals.consultations == 1)
    #expect(totals.inspections == 1)
    #expect(totals.suggestions == 3)
    #expect(totals.majorProjects == 1)
    #expect(totals.problemsSolved == 1)
    #expect(story.state.cooperationTotals(year: 2025).jointMeetings == 1)
    #expect(story.state.consultations[consultation]?.details.level == .townOrMicro)
  }

  @Test func meetingsAgreementsAndResultsRefuseMissingFieldsNamingThem() throws {
    var story = Story()
    let river = try story.addRiver("濑溪河")
    let noRegions = story.refuse(
      .putJointMeeting(JointMeeting(id: story.newID(), date: day("2026-01-01"), regions: [], plan: "计划")),
      as: Story.clerk)
    #expect(noRegions == .required(.partnerRegions))
    #expect(noRegions?.message(in: .zh).contains("协作地区") == true)

    let region: PartnerRegionID = story.newID()
    try story.run(.putPartnerRegion(PartnerRegion(id: region, name: "泸州市")))
    let noPlan = story.refuse(
      .putJointMeeting(JointMeeting(id: story.newID(), date: day("2026-01-01"), regions: [region])),
      as: Story.clerk)
    #expect(noPlan == .required(.plan))
    #expect(noPlan?.message(in: .en).contains("plan") == true)

    let alone = CooperationAgreement(
      id: story.newID(), title: "濑溪河流域生态保护框架协议", parties: ["荣昌区", " "], signedOn: day("2025-05-20"),
      rivers: [river])
    #expect(story.refuse(.putCooperationAgreement(alone), as: Story.clerk) == .required(.parties))
    var agreement = alone
    agreement.parties = ["荣昌区", "泸州市", "内江市", "隆昌市", "泸县", "大足区", "永川区"]
    try story.runAndUndo(.putCooperationAgreement(agreement), as: Story.clerk)
    #expect(story.state.cooperationAgreements[agreement.id]?.rivers == [river])

    let untitled = CooperationResult(
      id: story.newID(), kind: .majorProject, date: day("2026-01-01"), title: "", regions: [region])
    #expect(story.refuse(.putCooperationResult(untitled), as: Story.clerk) == .required(.title))
    #expect(
      story.refuse(
        .putJointMeeting(
          JointMeeting(id: story.newID(), date: day("2026-01-01"), regions: [region], plan: "计划")),
        as: Story.reader) == .readOnly(userName: "visitor"))
  }
}

@Suite struct ConsultationGapTests {
  func market(_ story: inout Story, series: String = "小花市集") throws -> ConsultationID {
    let id: ConsultationID = story.newID()
    try story.run(
      .openConsultation(id, ConsultationDetails(title: "小花市集 摊位", format: .fixedAndMobile, series: series)),
      as: Story.secretary)
    return id
  }

  @Test func researchVisitsCanBeAddedAtAnyStepAndAreShownInDateOrder() throws {
    var story = Story()
    let id = try market(&story)
    try story.runAndUndo(
      .addResearchVisit(id, ResearchVisit(date: day("2026-03-02"), place: "小花市集东口")), as: Story.secretary)
    try story.run(.completeStep(id, .selectTopic, .topics(["占道"])), as: Story.secretary)
    try story.run(.completeStep(id, .confirmTopic, .confirmedTopic("占道")), as: Story.head)
    // Visits added before the research step count for it.
    try story.run(.completeStep(id, .research, .research([])), as: Story.secretary)
    try story.run(
      .addResearchVisit(id, ResearchVisit(date: day("2026-03-01"), place: "社区居委会")), as: Story.secretary)
    let places = story.state.consultations[id]?.allResearchVisits.map(\.place)
    #expect(places == ["社区居委会", "小花市集东口"])

    let blank = story.refuse(.addResearchVisit(id, ResearchVisit(date: day("2026-03-03"), place: " ")))
    #expect(blank == .required(.place))
    #expect(blank?.message(in: .en).contains("place") == true)
    #expect(
      story.refuse(.addResearchVisit(id, ResearchVisit(date: day("2026-03-03"), place: "x")), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .secretary))
  }

  @Test func aConsultationCanBeEditedAfterItOpenedAndJoinsATopicSeries() throws {
    var story = Story()
    let first = try market(&story)
    let second = try market(&story)
    let other = try market(&story, series: "")
    #expect(story.state.consultations(inSeries: "小花市集").map(\.id) == [first, second])
    #expect(story.state.seriesNames == ["小花市集"])

    var details = try #require(story.state.consultations[other]).details
    details.series = "小花市集"
    details.format = .other("坝坝会")
    try story.runAndUndo(.editConsultation(other, details), as: Story.secretary)
    #expect(story.state.consultations(inSeries: "小花市集").count == 3)
    #expect(story.state.consultations[other]?.details.format.name(in: .zh) == "坝坝会")
    #expect(ConsultationFormat.fixedAndMobile.name(in: .zh) == "固定+移动")
    #expect(ConsultationFormat.offered.contains(.fixedAndMobile))

    details.title = ""
    #expect(story.refuse(.editConsultation(other, details), as: Story.secretary) == .required(.title))
  }

  @Test func detailsWrittenBeforePayloadVersionTwoReadWithoutLevelOrSeries() throws {
    var writer = BinaryWriter()
    ConsultationDetails(title: "旧").encode(into: &writer)
    // level (1 byte), no received members (1), empty series (1).
    var old = BinaryReader(Array(writer.bytes.dropLast(3)), payloadVersion: 1)
    let decoded = try ConsultationDetails(from: &old)
    #expect(old.isAtEnd && decoded.level == .region && decoded.series.isEmpty)
  }
}
