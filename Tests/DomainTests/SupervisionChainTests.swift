import Foundation
import Testing

@testable import Domain

/// The 渝中区 practice, step by dated step: 提 议 审 定, research, consultation, 回头看, evaluation,
/// commendation or redo.
@Suite struct SupervisionChainTests {
  /// The registers a topic needs, on 2026-03-01.
  struct District {
    var story = Story(today: day("2026-03-01"))
    var committee: SpecialCommitteeID
    var member: MemberID
    var second: MemberID
    var department: DepartmentID
    var sector: SectorID
    var team: SupervisionTeamID
    var otherTeam: SupervisionTeamID
    var street: StationID
    var community: StationID

    init() throws {
      committee = try story.addCommittee("人口资源环境委员会")
      sector = try story.addSector("农业界")
      member = try story.addMember("张三", sector: sector)
      second = try story.addMember("李四")
      department = try story.addDepartment("区生态环境局")
      team = story.newID()
      try story.run(.putSupervisionTeam(SupervisionTeam(id: team, theme: "营商环境观察")))
      otherTeam = story.newID()
      try story.run(.putSupervisionTeam(SupervisionTeam(id: otherTeam, theme: "法治督察")))
      let hall = try story.addStation("区委员工作厅", .districtHall)
      street = try story.addStation("解放碑街道", .streetStation, parent: hall)
      community = try story.addStation("較场口社区", .communityRoom, parent: street)
    }

    var people: SupervisionParticipants {
      SupervisionParticipants(members: [member], departments: [department], sectors: [sector], others: "")
    }

    /// A topic proposed by a clerk, with two teams and a street and a community.
    mutating func propose() throws -> SupervisionItemID {
      let id: SupervisionItemID = story.newID()
      try story.run(
        .proposeSupervisionItem(
          id,
          SupervisionProposal(
            title: "长江岸线整治", proposers: [member], specialCommittee: committee, teams: [team, otherTeam],
            localities: [street, community])),
        as: Story.clerk)
      return id
    }

    /// A topic decided into the 2026 plan on 03-10.
    mutating func decided() throws -> SupervisionItemID {
      let id = try propose()
      try story.run(
        .discussSupervisionItem(
          id, SupervisionDiscussion(date: day("2026-03-02"), participants: people, summary: "同意提交")),
        as: Story.secretary)
      try story.run(
        .reviewSupervisionItem(id, date: day("2026-03-05"), outcome: .passed, reason: ""), as: Story.secretary
      )
      try story.run(.decideSupervisionTopic(id, date: day("2026-03-10"), planYear: 2026), as: Story.head)
      return id
    }

    /// A decided topic whose consultation was held on 2026-03-31.
    mutating func consulted() throws -> SupervisionItemID {
      let id = try decided()
      try story.run(
        .holdSupervisionMeeting(
          id, SupervisionMeeting(date: day("2026-03-31"), participants: people, minutes: ""),
          consultation: nil),
        as: Story.secretary)
      return id
    }

    func item(_ id: SupervisionItemID) -> SupervisionItem? { story.state.supervisionItems[id] }
  }

  func rating(_ a: Rating?, _ b: Rating?, _ c: Rating?, on date: String, by evaluators: [MemberID])
    -> SupervisionAssessment
  {
    SupervisionAssessment(
      date: day(date), rectification: MeasureRating(a, note: "整改"), cooperation: MeasureRating(b, note: "配合"),
      satisfaction: MeasureRating(c, note: "满意"), evaluators: evaluators)
  }

  @Test func aClerkDraftsATopicWithItsTeamsStreetsAndCommunitiesAndTheProposalIsDated() throws {
    var district = try District()
    let id = try district.propose()
    let item = try #require(district.item(id))
    #expect(item.teams == [district.team, district.otherTeam])
    #expect(item.team == district.team)
    #expect(item.localities == [district.street, district.community])
    #expect(item.stageRecords.map(\.stage) == [.proposed])
    #expect(item.stageRecords.first?.by == "li.clerk")
    #expect(item.stageRecords.first?.date == day("2026-03-01"))
    // A reader may not propose; a missing team or street is no obstacle, a missing member is.
    let other: SupervisionItemID = district.story.newID()
    #expect(
      district.story.refuse(
        .proposeSupervisionItem(other, SupervisionProposal(title: "x", proposers: [district.member])),
        as: Story.reader) == .readOnly(userName: "visitor"))
    #expect(
      district.story.refuse(
        .proposeSupervisionItem(
          other,
          SupervisionProposal(title: "x", proposers: [district.member], localities: [StationID(raw: 9999)])),
        as: Story.clerk) == .missingReference(RecordRef(.station, 9999)))
  }

  @Test func eachStageIsADatedRecordInOrderAndASentBackTopicIsDiscussedAgainWithTheReasonKept() throws {
    var district = try District()
    let id = try district.propose()
    let secretary = Story.secretary
    // 审 before 议, 定 before 审: out of order, named by the stage it is at.
    #expect(
      district.story.refuse(
        .reviewSupervisionItem(id, date: day("2026-03-02"), outcome: .passed, reason: ""), as: secretary)
        == .supervisionStageOrder(current: .proposed))
    #expect(
      district.story.refuse(
        .decideSupervisionTopic(id, date: day("2026-03-02"), planYear: 2026), as: Story.head)
        == .supervisionStageOrder(current: .proposed))
    // 议 needs a date not before 提, participants, and a summary.
    let early = SupervisionDiscussion(date: day("2026-02-27"), participants: district.people, summary: "同意")
    #expect(
      district.story.refuse(.discussSupervisionItem(id, early), as: secretary)
        == .dateBeforePreviousStage(day("2026-03-01")))
    #expect(DomainError.dateBeforePreviousStage(day("2026-03-01")).field == .stageDate)
    let nobody = SupervisionDiscussion(
      date: day("2026-03-02"), participants: SupervisionParticipants(), summary: "同意")
    #expect(
      district.story.refuse(.discussSupervisionItem(id, nobody), as: secretary) == .required(.participants))
    let silent = SupervisionDiscussion(date: day("2026-03-02"), participants: district.people, summary: " ")
    #expect(
      district.story.refuse(.discussSupervisionItem(id, silent), as: secretary)
        == .required(.discussionSummary))
    try district.story.run(
      .discussSupervisionItem(
        id, SupervisionDiscussion(date: day("2026-03-02"), participants: district.people, summary: "同意")),
      as: secretary)
    // 审: sent back without a reason is refused; with one, the topic goes back to the committee.
    #expect(
      district.story.refuse(
        .reviewSupervisionItem(id, date: day("2026-03-04"), outcome: .sentBack, reason: ""), as: secretary)
        == .required(.sendBackReason))
    try district.story.run(
      .reviewSupervisionItem(id, date: day("2026-03-04"), outcome: .sentBack, reason: "范围过宽，请聚焦岸线"),
      as: secretary)
    var item = try #require(district.item(id))
    #expect(item.stage == .proposed)
    #expect(item.sentBack?.reason == "范围过宽，请聚焦岸线")
    // Discussed again, passed, decided, each no earlier than the step before.
    #expect(
      district.story.refuse(
        .discussSupervisionItem(
          id, SupervisionDiscussion(date: day("2026-03-03"), participants: district.people, summary: "再议")),
        as: secretary) == .dateBeforePreviousStage(day("2026-03-04")))
    try district.story.run(
      .discussSupervisionItem(
        id, SupervisionDiscussion(date: day("2026-03-06"), participants: district.people, summary: "聚焦岸线")),
      as: secretary)
    try district.story.run(
      .reviewSupervisionItem(id, date: day("2026-03-08"), outcome: .passed, reason: ""), as: secretary)
    // Only a head decides (the standing committee's decision).
    #expect(
      district.story.refuse(
        .decideSupervisionTopic(id, date: day("2026-03-09"), planYear: 2026), as: secretary)
        == .notPermitted(role: .secretary, required: .head))
    #expect(
      district.story.refuse(
        .decideSupervisionTopic(id, date: day("2026-03-09"), planYear: 26), as: Story.head)
        == .invalidYear(26))
    try district.story.run(
      .decideSupervisionTopic(id, date: day("2026-03-09"), planYear: 2026), as: Story.head)
    item = try #require(district.item(id))
    #expect(item.stage == .decided)
    #expect(item.planYear == 2026)
    #expect(item.sentBack == nil)
    #expect(
      item.stageRecords.map { "\($0.stage)/\($0.outcome)" } == [
        "proposed/passed", "discussed/passed", "reviewed/sentBack", "discussed/passed", "reviewed/passed",
        "decided/passed",
      ])
    #expect(item.stageRecords.last?.by == "chen.head")
    #expect(item.stageRecords[2].reason == "范围过宽，请聚焦岸线")
    #expect(district.story.state.indexesAreConsistent)
  }

  @Test func researchTripsAndSuggestionsAreAddedAnyTimeAndCounted() throws {
    var district = try District()
    let id = try district.decided()
    for trip in 0..<3 {
      try district.story.run(
        .recordSupervisionResearch(
          id,
          SupervisionResearchTrip(
            date: day("2026-03-1\(trip + 1)"), place: "朝天门", members: [district.member, district.second],
            department: district.department, notes: "第\(trip + 1)次"),
          suggestions: ["建议\(trip)a", "建议\(trip)b"]),
        as: Story.secretary)
    }
    try district.story.run(.recordSupervisionResearch(id, nil, suggestions: ["再一条"]), as: Story.secretary)
    #expect(
      district.story.refuse(.recordSupervisionResearch(id, nil, suggestions: [" "]), as: Story.secretary)
        == .required(.text))
    #expect(
      district.story.refuse(
        .recordSupervisionResearch(
          id, SupervisionResearchTrip(date: day("2026-03-20"), place: ""), suggestions: []),
        as: Story.secretary) == .required(.place))
    let item = try #require(district.item(id))
    #expect(item.researchTrips.count == 3)
    #expect(item.suggestions.count == 7)
    #expect(item.researchTrips[0].department == district.department)
  }

  @Test func theConsultationIsLinkedOrRecordedWithItsParticipantsAndMinutes() throws {
    var district = try District()
    let id = try district.decided()
    #expect(
      district.story.refuse(.recordSupervisionMinutes(id, "纪要"), as: Story.secretary) == .consultationNotHeld)
    // Recorded here, it needs someone present and a date after the decision.
    #expect(
      district.story.refuse(
        .holdSupervisionMeeting(id, SupervisionMeeting(date: day("2026-03-20")), consultation: nil),
        as: Story.secretary) == .required(.participants))
    #expect(
      district.story.refuse(
        .holdSupervisionMeeting(
          id, SupervisionMeeting(date: day("2026-03-09"), participants: district.people), consultation: nil),
        as: Story.secretary) == .dateBeforePreviousStage(day("2026-03-10")))
    let experts = SupervisionParticipants(departments: [district.department], others: "专家：王教授；群众代表 5 人")
    try district.story.run(
      .holdSupervisionMeeting(
        id, SupervisionMeeting(date: day("2026-03-20"), participants: experts), consultation: nil),
      as: Story.secretary)
    try district.story.run(.recordSupervisionMinutes(id, "一、岸线整治……"), as: Story.secretary)
    #expect(district.item(id)?.meeting?.minutes == "一、岸线整治……")
    #expect(district.item(id)?.followUpDue == day("2026-04-20"))
    // Or linked to a consultation record, which must exist.
    #expect(
      district.story.refuse(
        .holdSupervisionMeeting(
          id, SupervisionMeeting(date: day("2026-03-21")), consultation: ConsultationID(raw: 999)),
        as: Story.secretary) == .missingReference(RecordRef(.consultation, 999)))
  }

  @Test func theFollowUpIsDueAMonthAfterTheConsultationAndMayBeRecordedLate() throws {
    var district = try District()
    let decided = try district.decided()
    #expect(
      district.story.refuse(
        .inspectSupervisionFollowUp(decided, SupervisionFollowUp(date: day("2026-04-01"), findings: "x")),
        as: Story.secretary) == .consultationNotHeld)
    let id = try district.consulted()
    let item = try #require(district.item(id))
    #expect(item.followUpDue == day("2026-04-30"))
    #expect(!item.isFollowUpOverdue(today: day("2026-04-30")))
    #expect(item.isFollowUpOverdue(today: day("2026-05-03")))
    #expect(item.followUpDaysLate(today: day("2026-05-03")) == 3)
    #expect(
      district.story.refuse(
        .inspectSupervisionFollowUp(id, SupervisionFollowUp(date: day("2026-03-30"), findings: "x")),
        as: Story.secretary) == .followUpBeforeConsultation(day("2026-03-31")))
    #expect(
      district.story.refuse(
        .inspectSupervisionFollowUp(id, SupervisionFollowUp(date: day("2026-05-03"), findings: "")),
        as: Story.secretary) == .required(.finding))
    try district.story.run(
      .inspectSupervisionFollowUp(
        id,
        SupervisionFollowUp(
          date: day("2026-05-03"), members: [district.member], findings: "排污口已封堵", rectification: .rectified)),
      as: Story.secretary)
    let inspected = try #require(district.item(id))
    #expect(!inspected.awaitsFollowUp)
    #expect(!inspected.isFollowUpOverdue(today: day("2026-06-01")))
    #expect(inspected.followUpInspection?.by == "zhao.secretary")
  }

  @Test func aPoorRatingOrdersARedoKeepingTheHistoryAndOnlyACommendationClosesTheLoop() throws {
    var district = try District()
    let id = try district.consulted()
    let evaluators = [district.member, district.second]
    #expect(
      district.story.refuse(
        .assessSupervisionItem(id, rating(.good, .good, .good, on: "2026-04-20", by: evaluators)),
        as: Story.head)
        == .followUpInspectionRequired)
    try district.story.run(
      .inspectSupervisionFollowUp(
        id, SupervisionFollowUp(date: day("2026-04-15"), members: [district.member], findings: "整改一半")),
      as: Story.secretary)
    // A rating missing, no evaluators, a date before the follow-up, a role that may not evaluate.
    #expect(
      district.story.refuse(
        .assessSupervisionItem(id, rating(.good, nil, .good, on: "2026-04-20", by: evaluators)),
        as: Story.head)
        == .required(.cooperationRating))
    #expect(DomainError.required(.cooperationRating).message(in: .zh).contains("部门参与配合度"))
    #expect(
      district.story.refuse(
        .assessSupervisionItem(id, rating(.good, .good, .good, on: "2026-04-20", by: [])), as: Story.head)
        == .required(.evaluators))
    #expect(
      district.story.refuse(
        .assessSupervisionItem(id, rating(.good, .good, .good, on: "2026-04-10", by: evaluators)),
        as: Story.head)
        == .dateBeforePreviousStage(day("2026-04-15")))
    #expect(
      district.story.refuse(
        .assessSupervisionItem(id, rating(.good, .good, .good, on: "2026-04-20", by: evaluators)),
        as: Story.secretary) == .notPermitted(role: .secretary, required: .head))
    // Fair on one measure: a redo, which needs a new due day after the evaluation.
    var poor = rating(.good, .fair, .excellent, on: "2026-04-20", by: evaluators)
    #expect(district.story.refuse(.assessSupervisionItem(id, poor), as: Story.head) == .required(.redoDue))
    poor.redoDue = day("2026-04-20")
    #expect(
      district.story.refuse(.assessSupervisionItem(id, poor), as: Story.head)
        == .redoDueTooEarly(day("2026-04-20")))
    poor.redoDue = day("2026-06-30")
    poor.reportNote = "已书面报告区委、区政府"
    try district.story.run(.assessSupervisionItem(id, poor), as: Story.head)
    var item = try #require(district.item(id))
    #expect(item.evaluation?.verdict == .orderedToRedo)
    #expect(item.redoCount == 1)
    #expect(!item.isClosed)
    #expect(item.followUpInspection == nil)
    #expect(item.pastFollowUps.map(\.findings) == ["整改一半"])
    #expect(item.followUpDue == day("2026-06-30"))
    #expect(item.evaluation?.reportNote == "已书面报告区委、区政府")
    #expect(item.evaluation?.cooperationNote == "配合")
    // The second round: a follow-up no earlier than the redo order, then a good evaluation.
    #expect(
      district.story.refuse(
        .inspectSupervisionFollowUp(id, SupervisionFollowUp(date: day("2026-04-19"), findings: "x")),
        as: Story.secretary) == .dateBeforePreviousStage(day("2026-04-20")))
    try district.story.run(
      .inspectSupervisionFollowUp(
        id, SupervisionFollowUp(date: day("2026-06-20"), findings: "全部整改", rectification: .rectified)),
      as: Story.secretary)
    var good = rating(.excellent, .good, .good, on: "2026-06-25", by: evaluators)
    good.publicity = "区政协网站通报表扬"
    try district.story.run(.assessSupervisionItem(id, good), as: Story.head)
    item = try #require(district.item(id))
    #expect(item.isClosed)
    #expect(item.evaluations.map(\.verdict) == [.orderedToRedo, .commended])
    #expect(item.pastEvaluations.first?.redoDue == day("2026-06-30"))
    #expect(item.evaluation?.publicity == "区政协网站通报表扬")
    #expect(item.redoCount == 1)
    #expect(
      district.story.refuse(.recordSupervisionResearch(id, nil, suggestions: ["再议"]), as: Story.secretary)
        == .alreadyClosed)
  }

  @Test func everyStepIsUndoneByRestoringWhatItTouched() throws {
    var district = try District()
    let id: SupervisionItemID = district.story.newID()
    let people = district.people
    let steps: [(Change, ActingUser)] = [
      (
        .proposeSupervisionItem(
          id,
          SupervisionProposal(title: "t", proposers: [district.member], specialCommittee: district.committee)),
        Story.clerk
      ),
      (
        .discussSupervisionItem(
          id, SupervisionDiscussion(date: day("2026-03-02"), participants: people, summary: "s")),
        Story.secretary
      ),
      (.reviewSupervisionItem(id, date: day("2026-03-03"), outcome: .passed, reason: ""), Story.secretary),
      (.decideSupervisionTopic(id, date: day("2026-03-04"), planYear: 2026), Story.head),
      (
        .recordSupervisionResearch(
          id, SupervisionResearchTrip(date: day("2026-03-05"), place: "p"), suggestions: ["s"]),
        Story.secretary
      ),
      (
        .holdSupervisionMeeting(
          id, SupervisionMeeting(date: day("2026-03-06"), participants: people), consultation: nil),
        Story.secretary
      ),
      (.recordSupervisionMinutes(id, "m"), Story.secretary),
      (
        .inspectSupervisionFollowUp(id, SupervisionFollowUp(date: day("2026-03-07"), findings: "f")),
        Story.secretary
      ),
      (
        .assessSupervisionItem(id, rating(.good, .good, .good, on: "2026-03-08", by: [district.member])),
        Story.head
      ),
    ]
    for (change, actor) in steps {
      let before = district.story.state
      let at = district.story.clock.now()
      let touched = try district.story.run(change, as: actor)
      #expect(touched == [RecordRef(id)])
      let after = district.story.state
      // Undo is a revert of the change, under its rules and role (issue 16); redo puts it back as
      // the store does, with an admin's restore.
      let versions = touched.map { RecordVersion($0, before.value(of: $0)) }
      try district.story.run(.revert(change, to: versions, by: actor, at: at), as: actor)
      // IDs are never handed out twice, so only the records are compared, not the ID counter.
      #expect(district.item(id) == before.supervisionItems[id], "undo of \(change.summary(in: .en))")
      #expect(district.story.state.indexesAreConsistent)
      try district.story.run(.restore(touched.map { ($0, after.value(of: $0)) }), as: Story.admin)
      #expect(district.item(id) == after.supervisionItems[id], "redo of \(change.summary(in: .en))")
    }
    #expect(district.item(id)?.isClosed == true)
  }

  @Test func aTopicOfPayloadVersionOneReadsWithItsLeadTeamAsItsOnlyTeam() throws {
    var item = SupervisionItem(id: ID(raw: 5), title: "旧议题", team: ID(raw: 7))
    item.researchTrips = [SupervisionResearchTrip(date: day("2026-01-02"), place: "朝天门")]
    // A version-1 writer wrote the fields up to the redo count; read them as version 1.
    var writer = BinaryWriter()
    item.encode(into: &writer)
    let full = writer.bytes
    var legacy = BinaryWriter()
    legacy.write(item.id)
    legacy.write(item.title)
    legacy.write(item.description)
    legacy.write(item.proposers)
    legacy.write(item.specialCommittee)
    legacy.write(item.team)
    legacy.write(item.stage.rawValue)
    legacy.write(item.planYear)
    legacy.write([ResearchVisit(date: day("2026-01-02"), place: "朝天门", people: "委员", findings: "岸线")])
    legacy.write(["建议"])
    legacy.write(Day?.none)
    legacy.write(ConsultationID?.none)
    legacy.write(FollowUpRecord?.some(FollowUpRecord(date: day("2026-02-01"), finding: "已整改")))
    legacy.write(SupervisionEvaluation?.none)
    legacy.write([SupervisionEvaluation]())
    legacy.write(0)
    var reader = BinaryReader(legacy.bytes, payloadVersion: 1)
    let old = try SupervisionItem(from: &reader)
    #expect(reader.isAtEnd)
    #expect(old.teams == [SupervisionTeamID(raw: 7)])
    #expect(old.researchTrips.map(\.notes) == ["委员：岸线"])
    #expect(old.followUpInspection?.findings == "已整改")
    #expect(old.stageRecords.isEmpty)
    var current = BinaryReader(full)
    #expect(try SupervisionItem(from: &current) == item)
  }
}
