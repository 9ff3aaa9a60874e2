import Foundation
import Testing

@testable import Domain

/// A district with a record of every kind, built through the rules (so it is a state that can happen).
func richStory() throws -> Story {
  var story = Story(today: day("2026-03-01"))
  let committee = try story.addCommittee("人口资源环境委员会")
  let sector = try story.addSector("医药卫生界别")
  let member = try story.addMember("张三", sector: sector)
  let department = try story.addDepartment("区生态环境局")
  let hall = try story.addStation("区委员工作厅", .districtHall)
  let street = try story.addStation("石坪桥街道委员工作站", .streetStation, parent: hall)
  let region: PartnerRegionID = story.newID()
  try story.run(.putPartnerRegion(PartnerRegion(id: region, name: "泸州市")))
  let team: SupervisionTeamID = story.newID()
  try story.run(.putSupervisionTeam(SupervisionTeam(id: team, theme: "营商环境观察", members: [member])))
  let river = try story.addRiver("濑溪河", segments: ["荣昌段"])
  let account: StaffAccountID = story.newID()
  try story.run(
    .putStaffAccount(StaffAccount(id: account, userName: "wang.admin", displayName: "王", role: .admin)))
  let consultation: ConsultationID = story.newID()
  try story.run(
    .openConsultation(
      consultation,
      ConsultationDetails(
        title: "跨区域河长制", station: street, format: .other("联合巡河"), kind: .crossRegional,
        partnerRegions: [region], dispatchedMembers: [member])))
  try story.run(.completeStep(consultation, .collect, .topics(["水质", "垃圾"])))
  try story.run(.completeStep(consultation, .decide, .confirmedTopic("水质")))
  try story.run(
    .completeStep(
      consultation, .research,
      .research([ResearchVisit(date: day("2026-01-02"), place: "河口", people: "村民", findings: "🐟 少了")])))
  try story.run(
    .completeStep(
      consultation, .consult,
      .meeting(
        Meeting(
          date: day("2026-01-05"), place: "荣昌", host: "主席", members: [member], departments: [department],
          residents: "村民代表", minutes: "纪要\n第二行"))))
  let item: SupervisionItemID = story.newID()
  try story.run(
    .proposeSupervisionItem(
      item,
      SupervisionProposal(
        title: "长江岸线", description: "描述", proposers: [member], specialCommittee: committee, team: team)))
  try story.run(.advanceSupervisionStage(item))
  try story.run(.advanceSupervisionStage(item))
  try story.run(.decideSupervisionItem(item, planYear: 2026))
  try story.run(
    .addSupervisionResearch(item, ResearchVisit(date: day("2026-01-10"), place: "朝天门"), suggestions: ["建议一"]))
  try story.run(.holdSupervisionConsultation(item, date: day("2026-01-31"), consultation: consultation))
  try story.run(.recordFollowUpInspection(item, FollowUpRecord(date: day("2026-02-20"), finding: "整改中")))
  try story.run(
    .evaluateSupervisionItem(
      item, SupervisionEvaluation(rectification: .fair, cooperation: .good, satisfaction: .good)))
  // A second topic worked with the dated steps: every field of the supervision record is filled.
  let topic: SupervisionItemID = story.newID()
  try story.run(
    .proposeSupervisionItem(
      topic,
      SupervisionProposal(
        title: "营商环境", proposers: [member], specialCommittee: committee, team: team, localities: [street])))
  let people = SupervisionParticipants(
    members: [member], departments: [department], sectors: [sector], others: "专家")
  try story.run(
    .discussSupervisionItem(
      topic, SupervisionDiscussion(date: day("2026-03-02"), participants: people, summary: "同意")))
  try story.run(.reviewSupervisionItem(topic, date: day("2026-03-03"), outcome: .passed, reason: ""))
  try story.run(.decideSupervisionTopic(topic, date: day("2026-03-04"), planYear: 2026))
  try story.run(
    .recordSupervisionResearch(
      topic,
      SupervisionResearchTrip(
        date: day("2026-03-05"), place: "解放碑", members: [member], department: department, notes: "看"),
      suggestions: ["建议"]))
  try story.run(
    .holdSupervisionMeeting(
      topic, SupervisionMeeting(date: day("2026-03-10"), participants: people, minutes: "纪要"),
      consultation: consultation))
  try story.run(
    .inspectSupervisionFollowUp(
      topic,
      SupervisionFollowUp(
        date: day("2026-03-20"), members: [member], findings: "整改中", rectification: .inProgress)))
  try story.run(
    .assessSupervisionItem(
      topic,
      SupervisionAssessment(
        date: day("2026-03-25"), rectification: MeasureRating(.fair, note: "慢"),
        cooperation: MeasureRating(.good),
        satisfaction: MeasureRating(.good), evaluators: [member], redoDue: day("2026-04-25"),
        reportNote: "已报区委区政府")))
  let patrol = try story.addPatrol(river: river, members: [member], date: day("2026-02-02"))
  let visit: VisitID = story.newID()
  try story.run(
    .putVisit(Visit(id: visit, kind: .household, date: day("2026-02-03"), members: [member], place: "王家")))
  let report: OpinionReportID = story.newID()
  try story.run(
    .putOpinionReport(
      OpinionReport(id: report, title: "井盖", text: "太多", submitter: member, date: day("2026-02-04"))))
  let activity: SectorActivityID = story.newID()
  try story.run(
    .putSectorActivity(
      SectorActivity(
        id: activity, sector: sector, kind: .outreachTalk, date: day("2026-02-05"), title: "宣讲",
        members: [member])))
  let study: SectorActivityID = story.newID()
  try story.run(
    .putSectorActivity(
      SectorActivity(
        id: study, sector: sector, kind: .collectiveProposal, date: day("2026-02-06"), title: "集体提案",
        members: [member], notes: "纪要", place: "会议室", onSite: false, online: true, adopted: true)))
  let sectorReport: SectorReportID = story.newID()
  try story.run(
    .putSectorReport(
      SectorReport(
        id: sectorReport, sector: sector, title: "专报", text: "正文", leaders: "区长", departments: [department],
        activity: study, sentOn: day("2026-02-07"))))
  try story.run(
    .trackSectorReport(sectorReport, SectorReportEvent(status: .read, date: day("2026-02-09")), feedback: ""))
  let jointMeeting: JointMeetingID = story.newID()
  try story.run(
    .putJointMeeting(
      JointMeeting(
        id: jointMeeting, date: day("2026-01-20"), place: "荣昌", regions: [region], plan: "年度计划",
        jointTopics: ["文旅走廊"], jointSupervisionProjects: ["濑溪河治理"], notes: "备注")))
  let agreement: CooperationAgreementID = story.newID()
  try story.run(
    .putCooperationAgreement(
      CooperationAgreement(
        id: agreement, title: "濑溪河流域框架协议", parties: ["荣昌区", "泸州市"], signedOn: day("2026-01-21"),
        scope: "生态", rivers: [river], regions: [region], meeting: jointMeeting)))
  let result: CooperationResultID = story.newID()
  try story.run(
    .putCooperationResult(
      CooperationResult(
        id: result, kind: .jointInspection, date: day("2026-02-10"), title: "联合视察", regions: [region],
        members: [member], suggestions: ["建议"], notes: "n")))
  try story.run(.addResearchVisit(consultation, ResearchVisit(date: day("2026-02-11"), place: "后续走访")))
  let problem = try story.raise("排污", from: .patrol(patrol))
  try story.run(.assignProblem(problem, department, due: day("2026-02-28"), note: "交办"))
  try story.run(.replyProblem(problem, "答复"))
  _ = try story.raise("供气", from: .visit(visit))
  _ = try story.raise("井盖", from: .opinionReport(report))
  _ = try story.raise("水质", from: .consultation(consultation))
  _ = try story.raise("岸线", from: .supervisionItem(item))
  try story.run(.putActionTargets(ActionTargets(id: story.newID(), year: 2026, targets: [.enterprise: 120])))
  try story.run(.advanceOpinionReport(report, .adopt(on: day("2026-02-10"))))
  try story.run(.recordPatrolStep(patrol, .inspectSite, notes: "河面有漂浮物"))
  try story.run(
    .saveView(
      SavedView(
        id: story.newID(), owner: Story.admin.userName, place: "problems", slot: 1, name: "区水利局逾期",
        settings: [ViewSetting("filter", "水利"), ViewSetting("facet.0", "2")])))
  return story
}

/// One change of every case, each with values in every field.
func everyChange(in state: CommitteeState) -> [Change] {
  let member = MemberID(raw: 3)
  let consultation = ConsultationID(raw: 40)
  let item = SupervisionItemID(raw: 41)
  let problem = ProblemID(raw: 42)
  let department = DepartmentID(raw: 4)
  let date = day("2026-04-01")
  var changes: [Change] = []
  for kind in RecordKind.allCases {
    let value: RecordValue? =
      switch kind {
      case .member: state.members.values.first.map(RecordValue.member)
      case .sector: state.sectors.values.first.map(RecordValue.sector)
      case .specialCommittee: state.specialCommittees.values.first.map(RecordValue.specialCommittee)
      case .department: state.departments.values.first.map(RecordValue.department)
      case .station: state.stations.values.first.map(RecordValue.station)
      case .partnerRegion: state.partnerRegions.values.first.map(RecordValue.partnerRegion)
      case .supervisionTeam: state.supervisionTeams.values.first.map(RecordValue.supervisionTeam)
      case .river: state.rivers.values.first.map(RecordValue.river)
      case .staffAccount: state.staffAccounts.values.first.map(RecordValue.staffAccount)
      case .patrol: state.patrols.values.first.map(RecordValue.patrol)
      case .visit: state.visits.values.first.map(RecordValue.visit)
      case .opinionReport: state.opinionReports.values.first.map(RecordValue.opinionReport)
      case .sectorActivity: state.sectorActivities.values.first.map(RecordValue.sectorActivity)
      case .sectorReport: state.sectorReports.values.first.map(RecordValue.sectorReport)
      case .jointMeeting: state.jointMeetings.values.first.map(RecordValue.jointMeeting)
      case .cooperationAgreement:
        state.cooperationAgreements.values.first.map(RecordValue.cooperationAgreement)
      case .cooperationResult: state.cooperationResults.values.first.map(RecordValue.cooperationResult)
      case .actionTargets: state.actionTargets.values.first.map(RecordValue.actionTargets)
      case .consultation, .supervisionItem, .problem, .savedView: nil
      }
    if let value, let put = Change.put(value) { changes.append(put) }
  }
  let proposal = SupervisionProposal(
    title: "题", description: "述", proposers: [member], specialCommittee: ID(raw: 1), team: ID(raw: 2))
  let details = ConsultationDetails(
    title: "议", station: ID(raw: 5), format: .roadsideConsultation, kind: .crossRegional,
    partnerRegions: [ID(raw: 6)], dispatchedMembers: [member], level: .townOrMicro, receivedMembers: ["隆昌委员"],
    series: "小花市集")
  changes += [
    .archive(RecordRef(member)), .unarchive(RecordRef(.river, 9)),
    .openConsultation(consultation, details), .editConsultation(consultation, details),
    .completeStep(consultation, .meeting, .meeting(Meeting(date: date, place: "院坝", minutes: "纪要"))),
    .completeStep(consultation, .selectTopic, .topics(["a", "b"])),
    .completeStep(consultation, .confirmTopic, .confirmedTopic("a")),
    .completeStep(
      consultation, .research, .research([ResearchVisit(date: date, place: "p", people: "q", findings: "r")])),
    .completeStep(
      consultation, .reportOutcome, .outcome(OutcomeReport(text: "t", departments: [department]))),
    .completeStep(consultation, .followUp, .followUp(FollowUpRecord(date: date, finding: "f"))),
    .completeStep(consultation, .evaluate, .evaluation("好")),
    .recordMinutes(consultation, "纪要"), .stepBack(consultation),
    .proposeSupervisionItem(item, proposal), .editSupervisionItem(item, proposal),
    .advanceSupervisionStage(item),
    .decideSupervisionItem(item, planYear: 2027), .addSupervisionResearch(item, nil, suggestions: ["s"]),
    .addSupervisionResearch(item, ResearchVisit(date: date, place: "x"), suggestions: []),
    .holdSupervisionConsultation(item, date: date, consultation: consultation),
    .holdSupervisionConsultation(item, date: date, consultation: nil),
    .recordFollowUpInspection(item, FollowUpRecord(date: date, finding: "ok")),
    .evaluateSupervisionItem(
      item,
      SupervisionEvaluation(
        rectification: .excellent, cooperation: .poor, satisfaction: .fair, note: "n",
        at: Date(timeIntervalSince1970: 1_780_000_000.123), by: "chen")),
    .discussSupervisionItem(
      item,
      SupervisionDiscussion(
        date: date,
        participants: SupervisionParticipants(
          members: [member], departments: [department], sectors: [ID(raw: 7)], others: "o"),
        summary: "s")),
    .reviewSupervisionItem(item, date: date, outcome: .sentBack, reason: "why"),
    .decideSupervisionTopic(item, date: date, planYear: 2027),
    .recordSupervisionResearch(
      item,
      SupervisionResearchTrip(date: date, place: "p", members: [member], department: department, notes: "n"),
      suggestions: ["s1", "s2"]),
    .recordSupervisionResearch(item, nil, suggestions: ["s"]),
    .holdSupervisionMeeting(
      item, SupervisionMeeting(date: date, participants: SupervisionParticipants(others: "专家"), minutes: "m"),
      consultation: consultation),
    .holdSupervisionMeeting(item, SupervisionMeeting(date: date), consultation: nil),
    .recordSupervisionMinutes(item, "纪要"),
    .inspectSupervisionFollowUp(
      item, SupervisionFollowUp(date: date, members: [member], findings: "f", rectification: .notRectified)),
    .assessSupervisionItem(
      item,
      SupervisionAssessment(
        date: date, rectification: MeasureRating(.poor, note: "a"), cooperation: MeasureRating(nil),
        satisfaction: MeasureRating(.excellent, note: "c"), evaluators: [member], note: "n", publicity: "p",
        redoDue: date.adding(days: 30), reportNote: "r")),
    .raiseProblem(problem, .supervisionItem(item), title: "t", description: "d"),
    .assignProblem(problem, department, due: date, note: "n"), .replyProblem(problem, "r"),
    .feedBackProblem(problem, "f"), .followUpProblem(problem, "u"),
    .evaluateProblem(problem, .good, note: "e"),
    .closeProblem(problem, note: "c"), .redoProblem(problem, due: date, note: "again"),
    .group([.archive(RecordRef(member)), .group([.stepBack(consultation)])]), .group([]),
    .addResearchVisit(consultation, ResearchVisit(date: date, place: "市集", people: "摊主", findings: "占道")),
    .trackSectorReport(
      ID(raw: 43), SectorReportEvent(status: .adopted, date: date, note: "批示"), feedback: "采纳"),
    .openConsultation(consultation, ConsultationDetails(title: "固定", format: .fixedAndMobile)),
    .recordPatrolStep(PatrolID(raw: 43), .findProblems, notes: "排污口"),
    .evaluateProblemOnMeasures(
      problem,
      SupervisionEvaluation(
        rectification: .good, cooperation: .excellent, satisfaction: .fair, note: "m",
        at: Date(timeIntervalSince1970: 1_780_000_000.5), by: "chen")),
    .raiseProblemByMember(problem, .visit(VisitID(raw: 44)), title: "t", description: "d", member: member),
    .raiseProblemByMember(problem, .patrol(PatrolID(raw: 43)), title: "t", description: "", member: nil),
    .advanceOpinionReport(OpinionReportID(raw: 45), .adopt(on: date)),
    .advanceOpinionReport(OpinionReportID(raw: 45), .instruct(by: "县长", on: date, text: "请办")),
    .advanceOpinionReport(OpinionReportID(raw: 45), .rectify(department: department, plan: "方案", due: date)),
    .advanceOpinionReport(OpinionReportID(raw: 45), .rectify(department: nil, plan: "方案", due: date)),
    .advanceOpinionReport(OpinionReportID(raw: 45), .complete(on: date, note: "完成")),
    .saveView(
      SavedView(
        id: SavedViewID(raw: 46), owner: "chen", place: "boards", slot: 9, name: "本季度",
        settings: [ViewSetting("period", "2026-Q2"), ViewSetting("breakdown", "river")])),
    .deleteView(SavedViewID(raw: 46)),
  ]
  var versions: [(RecordRef, RecordValue?)] = [(RecordRef(.member, 999), nil)]
  for kind in RecordKind.allCases {
    let sample: RecordRef? =
      switch kind {
      case .consultation: state.consultations.keys.first.map { RecordRef($0) }
      case .supervisionItem: state.supervisionItems.keys.first.map { RecordRef($0) }
      case .problem: state.problems.keys.first.map { RecordRef($0) }
      default: nil
      }
    if let sample { versions.append((sample, state.value(of: sample))) }
  }
  changes.append(.restore(versions))
  changes.append(
    .revert(
      .group([.putMember(Member(id: member, name: "甲")), .closeProblem(problem, note: "c")]),
      to: versions.map { RecordVersion($0.0, $0.1) }, by: .staff("chen", .head),
      at: Date(timeIntervalSince1970: 1_780_000_000.123)))
  changes.append(
    .revert(.stepBack(consultation), to: [], by: .reader("guest"), at: Date(timeIntervalSince1970: 0)))
  return changes
}
