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
  let problem = try story.raise("排污", from: .patrol(patrol))
  try story.run(.assignProblem(problem, department, due: day("2026-02-28"), note: "交办"))
  try story.run(.replyProblem(problem, "答复"))
  _ = try story.raise("供气", from: .visit(visit))
  _ = try story.raise("井盖", from: .opinionReport(report))
  _ = try story.raise("水质", from: .consultation(consultation))
  _ = try story.raise("岸线", from: .supervisionItem(item))
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
      case .consultation, .supervisionItem, .problem: nil
      }
    if let value, let put = Change.put(value) { changes.append(put) }
  }
  let proposal = SupervisionProposal(
    title: "题", description: "述", proposers: [member], specialCommittee: ID(raw: 1), team: ID(raw: 2))
  let details = ConsultationDetails(
    title: "议", station: ID(raw: 5), format: .roadsideConsultation, kind: .crossRegional,
    partnerRegions: [ID(raw: 6)], dispatchedMembers: [member])
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
    .raiseProblem(problem, .supervisionItem(item), title: "t", description: "d"),
    .assignProblem(problem, department, due: date, note: "n"), .replyProblem(problem, "r"),
    .feedBackProblem(problem, "f"), .followUpProblem(problem, "u"),
    .evaluateProblem(problem, .good, note: "e"),
    .closeProblem(problem, note: "c"), .redoProblem(problem, due: date, note: "again"),
    .group([.archive(RecordRef(member)), .group([.stepBack(consultation)])]), .group([]),
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
