import Foundation
import Testing

@testable import Domain

@Suite struct SupervisionTests {
  /// A Yangtze-shore topic proposed by a member and decided into the 2026 plan.
  func decidedItem() throws -> (Story, SupervisionItemID) {
    var story = Story()
    let committee = try story.addCommittee("人口资源环境委员会")
    let member = try story.addMember("张三")
    let id: SupervisionItemID = story.newID()
    try story.run(
      .proposeSupervisionItem(
        id, SupervisionProposal(title: "长江岸线整治", proposers: [member], specialCommittee: committee)),
      as: Story.secretary)
    try story.run(.advanceSupervisionStage(id), as: Story.secretary)
    try story.run(.advanceSupervisionStage(id), as: Story.secretary)
    try story.run(.decideSupervisionItem(id, planYear: 2026), as: Story.head)
    return (story, id)
  }

  @Test func aTopicIsProposedDiscussedReviewedAndDecidedInThatOrder() throws {
    var story = Story()
    let member = try story.addMember("张三")
    let id: SupervisionItemID = story.newID()
    #expect(
      story.refuse(
        .proposeSupervisionItem(id, SupervisionProposal(title: "营商环境", proposers: [])), as: Story.secretary)
        == .required(.proposers))
    try story.run(
      .proposeSupervisionItem(id, SupervisionProposal(title: "营商环境", proposers: [member])),
      as: Story.secretary)
    #expect(story.state.supervisionItems(stage: .proposed).map(\.id) == [id])
    // The special committee discusses it, so one must be named first.
    #expect(story.refuse(.advanceSupervisionStage(id), as: Story.secretary) == .required(.specialCommittee))
    let committee = try story.addCommittee("经济委员会")
    try story.run(
      .editSupervisionItem(
        id, SupervisionProposal(title: "营商环境", proposers: [member], specialCommittee: committee)),
      as: Story.secretary)
    #expect(
      story.refuse(.decideSupervisionItem(id, planYear: 2026), as: Story.head)
        == .supervisionStageOrder(current: .proposed))
    try story.run(.advanceSupervisionStage(id), as: Story.secretary)
    try story.run(.advanceSupervisionStage(id), as: Story.secretary)
    #expect(
      story.refuse(.advanceSupervisionStage(id), as: Story.secretary)
        == .supervisionStageOrder(current: .reviewed))
    #expect(
      story.refuse(.decideSupervisionItem(id, planYear: 2026), as: Story.secretary)
        == .notPermitted(role: .secretary, required: .head))
    #expect(story.refuse(.decideSupervisionItem(id, planYear: 26), as: Story.head) == .invalidYear(26))
    try story.run(.decideSupervisionItem(id, planYear: 2026), as: Story.head)
    #expect(story.state.supervisionItems[id]?.planYear == 2026)
    #expect(story.state.supervisionItems(stage: .decided).map(\.id) == [id])
    #expect(story.state.supervisionItems(stage: .reviewed).isEmpty)
    #expect(story.state.indexesAreConsistent)
  }

  @Test func workBeforeTheDecisionIsRefused() throws {
    var story = Story()
    let member = try story.addMember("张三")
    let id: SupervisionItemID = story.newID()
    try story.run(
      .proposeSupervisionItem(id, SupervisionProposal(title: "社保", proposers: [member])), as: Story.secretary)
    #expect(
      story.refuse(
        .holdSupervisionConsultation(id, date: day("2026-03-01"), consultation: nil), as: Story.secretary)
        == .notInPlan)
  }

  @Test func theFollowUpInspectionIsDueTheSameDayNextMonthClampedToTheMonthEnd() throws {
    var (story, id) = try decidedItem()
    #expect(
      story.refuse(
        .recordFollowUpInspection(id, FollowUpRecord(date: day("2026-02-01"), finding: "x")),
        as: Story.secretary)
        == .consultationNotHeld)
    try story.run(
      .addSupervisionResearch(
        id, ResearchVisit(date: day("2026-01-10"), place: "朝天门"), suggestions: ["加强巡查"]), as: Story.secretary)
    try story.run(
      .holdSupervisionConsultation(id, date: day("2026-01-31"), consultation: nil), as: Story.secretary)
    let item = try #require(story.state.supervisionItems[id])
    #expect(item.followUpDue == day("2026-02-28"))
    #expect(item.researchTrips.count == 1 && item.suggestions == ["加强巡查"])
    #expect(!item.isFollowUpOverdue(today: day("2026-02-28")))
    #expect(item.isFollowUpOverdue(today: day("2026-03-01")))
    #expect(story.state.followUpOverdueSupervisionItems(today: day("2026-03-01")).map(\.id) == [id])

    let late = Change.recordFollowUpInspection(id, FollowUpRecord(date: day("2026-03-01"), finding: "已整改"))
    #expect(story.refuse(late, as: Story.secretary) == .followUpDeadlinePassed(due: day("2026-02-28")))
    let early = Change.recordFollowUpInspection(id, FollowUpRecord(date: day("2026-01-30"), finding: "已整改"))
    #expect(story.refuse(early, as: Story.secretary) == .followUpBeforeConsultation(day("2026-01-31")))
    try story.run(
      .recordFollowUpInspection(id, FollowUpRecord(date: day("2026-02-28"), finding: "已整改")),
      as: Story.secretary)
    #expect(story.state.followUpOverdueSupervisionItems(today: day("2026-03-01")).isEmpty)
  }

  @Test func inALeapYearTheLastDayOfJanuaryIsDueOnTheTwentyNinth() throws {
    var (story, id) = try decidedItem()
    try story.run(
      .holdSupervisionConsultation(id, date: day("2028-01-31"), consultation: nil), as: Story.secretary)
    #expect(story.state.supervisionItems[id]?.followUpDue == day("2028-02-29"))
  }

  @Test func evaluationComesOnlyAfterTheFollowUpAndEitherCommendsOrOrdersARedo() throws {
    var (story, id) = try decidedItem()
    try story.run(
      .holdSupervisionConsultation(id, date: day("2026-05-10"), consultation: nil), as: Story.secretary)
    let poor = SupervisionEvaluation(
      rectification: .fair, cooperation: .good, satisfaction: .poor, note: "整改不到位")
    #expect(story.refuse(.evaluateSupervisionItem(id, poor), as: Story.head) == .followUpInspectionRequired)
    try story.run(
      .recordFollowUpInspection(id, FollowUpRecord(date: day("2026-06-01"), finding: "部分整改")),
      as: Story.secretary)
    #expect(
      story.refuse(.evaluateSupervisionItem(id, poor), as: Story.secretary)
        == .notPermitted(role: .secretary, required: .head))
    try story.run(.evaluateSupervisionItem(id, poor), as: Story.head)
    var item = try #require(story.state.supervisionItems[id])
    #expect(item.evaluation?.verdict == .orderedToRedo)
    #expect(item.evaluation?.by == Story.head.userName)
    #expect(item.redoCount == 1)
    #expect(!item.isClosed)
    // Back into the loop: a new consultation and follow-up are needed before the next evaluation.
    #expect(item.consultationDate == nil && item.followUpInspection == nil)
    let good = SupervisionEvaluation(rectification: .good, cooperation: .excellent, satisfaction: .good)
    #expect(story.refuse(.evaluateSupervisionItem(id, good), as: Story.head) == .followUpInspectionRequired)
    try story.run(
      .holdSupervisionConsultation(id, date: day("2026-07-01"), consultation: nil), as: Story.secretary)
    try story.run(
      .recordFollowUpInspection(id, FollowUpRecord(date: day("2026-07-20"), finding: "全部整改")),
      as: Story.secretary)
    try story.run(.evaluateSupervisionItem(id, good), as: Story.head)
    item = try #require(story.state.supervisionItems[id])
    #expect(item.isClosed)
    #expect(item.pastEvaluations.count == 1)
    #expect(item.redoCount == 1)
    #expect(story.refuse(.evaluateSupervisionItem(id, good), as: Story.head) == .alreadyClosed)
  }
}
