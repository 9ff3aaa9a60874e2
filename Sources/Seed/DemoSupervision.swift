import Domain
import Foundation

extension DemoBuilder {
  /// Supervision topics that show every turn of the loop: one redone and re-evaluated, one redone
  /// and awaiting its second follow-up, one sent back by the chairs' meeting, one whose follow-up is
  /// due this week. Built last, so the records made before keep their IDs.
  mutating func buildSupervisionShowcase() {
    let committee = committeeByName["经济委员会"] ?? specialCommittees.first
    let business = teams.first
    let owner = department("区市场监管局")

    // Redone, then commended at the second evaluation.
    let redone = topic(
      "营商环境优化提升民主监督", "涉企审批“一件事一次办”落实情况。", committee: committee, team: business, begun: 60)
    decide(redone, begun: 60)
    add(
      .recordSupervisionResearch(
        redone,
        SupervisionResearchTrip(
          date: day(90), place: "解放碑商圈企业服务中心", members: proposers(of: redone), department: owner,
          notes: "走访企业 12 家，收集办事堵点"),
        suggestions: ["建议推行涉企证照联办", "建议设立企业诉求“直通车”"]), on: day(90))
    let meeting = SupervisionMeeting(
      date: day(110),
      participants: SupervisionParticipants(
        members: proposers(of: redone), departments: [owner], others: "律师、会计师专家 2 人；企业代表 8 人"),
      minutes: "一、区市场监管局通报涉企审批改革情况。\n二、企业代表反映证照办理仍需多次跑动。\n三、商定一个月内回头看。")
    add(
      .holdSupervisionMeeting(redone, meeting, consultation: consultations.first), on: day(110))
    add(
      .inspectSupervisionFollowUp(
        redone,
        SupervisionFollowUp(
          date: day(135), members: proposers(of: redone), findings: "证照联办仍未上线，部分企业反映未见改善。",
          rectification: .inProgress)),
      on: day(135))
    add(
      .assessSupervisionItem(
        redone,
        SupervisionAssessment(
          date: day(140), rectification: MeasureRating(.fair, note: "整改进度滞后"),
          cooperation: MeasureRating(.good, note: "部门态度积极"),
          satisfaction: MeasureRating(.fair, note: "企业获得感不强"),
          evaluators: proposers(of: redone), note: "未达到预期", redoDue: day(200),
          reportNote: "已将评议情况书面报告区委、区政府")),
      on: day(140))
    add(
      .inspectSupervisionFollowUp(
        redone,
        SupervisionFollowUp(
          date: day(195), members: proposers(of: redone), findings: "证照联办上线运行，企业平均跑动次数降至 1 次。",
          rectification: .rectified)),
      on: day(195))
    add(
      .assessSupervisionItem(
        redone,
        SupervisionAssessment(
          date: day(205), rectification: MeasureRating(.good, note: "整改到位"),
          cooperation: MeasureRating(.excellent, note: "主动对接"),
          satisfaction: MeasureRating(.good, note: "企业认可"),
          evaluators: proposers(of: redone), note: "重新办理后成效明显", publicity: "区政协工作简报通报表扬")),
      on: day(205))
    problem(
      from: .supervisionItem(redone), title: "涉企证照办理仍需多次跑动", description: "监督协商会上企业代表反映。",
      raised: day(110), department: owner, target: .followedUp)

    // Redone and waiting for its second follow-up.
    let elderly = topic(
      "社区养老服务设施监督", "社区养老服务站运营与服务质量。", committee: committeeByName["社会和法制委员会"] ?? committee,
      team: teams.count > 2 ? teams[2] : nil, begun: 150)
    decide(elderly, begun: 150)
    add(
      .holdSupervisionMeeting(
        elderly,
        SupervisionMeeting(
          date: day(200),
          participants: SupervisionParticipants(members: proposers(of: elderly), others: "区民政局、老年居民代表")),
        consultation: nil),
      on: day(200))
    add(
      .inspectSupervisionFollowUp(
        elderly,
        SupervisionFollowUp(
          date: day(225), members: proposers(of: elderly), findings: "助餐服务仍未覆盖 3 个社区。",
          rectification: .notRectified)),
      on: day(225))
    add(
      .assessSupervisionItem(
        elderly,
        SupervisionAssessment(
          date: day(232), rectification: MeasureRating(.poor, note: "未整改"), cooperation: MeasureRating(.fair),
          satisfaction: MeasureRating(.fair), evaluators: proposers(of: elderly),
          redoDue: today.adding(days: 20),
          reportNote: "已报告区委、区政府")),
      on: day(232))

    // Sent back by the chairs' meeting, to be discussed again.
    let lifts = topic(
      "老旧小区加装电梯民主监督", "加装电梯审批与资金补助落实情况。", committee: committee, team: teams.count > 8 ? teams[8] : nil,
      begun: 330)
    discuss(lifts, on: day(335))
    add(
      .reviewSupervisionItem(lifts, date: day(345), outcome: .sentBack, reason: "议题范围过宽，请聚焦审批时限和补助发放。"),
      on: day(345))

    // The consultation was held 24 days ago: the follow-up is due within the week.
    let alleys = topic(
      "背街小巷环境整治民主监督", "背街小巷环境卫生与停车秩序。", committee: committee, team: teams.count > 4 ? teams[4] : nil,
      begun: 280)
    decide(alleys, begun: 280)
    let held = today.adding(days: -24)
    add(
      .holdSupervisionMeeting(
        alleys,
        SupervisionMeeting(
          date: held,
          participants: SupervisionParticipants(members: proposers(of: alleys), others: "区城市管理局、街道、居民代表")),
        consultation: nil),
      on: held)
  }

  private mutating func topic(
    _ title: String, _ description: String, committee: SpecialCommitteeID?, team: SupervisionTeamID?,
    begun: Int
  ) -> SupervisionItemID {
    let id: SupervisionItemID = newID()
    let proposers = someMembers(2, 3)
    showcaseProposers[id] = proposers
    add(
      .proposeSupervisionItem(
        id,
        SupervisionProposal(
          title: title, description: description, proposers: proposers, specialCommittee: committee,
          team: team,
          localities: yuzhongCommunities.isEmpty
            ? [] : [yuzhongCommunities[begun % yuzhongCommunities.count].street])),
      on: day(begun))
    return id
  }

  private func proposers(of id: SupervisionItemID) -> [MemberID] { showcaseProposers[id] ?? [] }

  private mutating func discuss(_ id: SupervisionItemID, on date: Day) {
    add(
      .discussSupervisionItem(
        id,
        SupervisionDiscussion(
          date: date,
          participants: SupervisionParticipants(
            members: proposers(of: id), departments: departments.isEmpty ? [] : [departments[0]],
            sectors: sectors.isEmpty ? [] : [sectors[0]]),
          summary: "专委会研究，同意提交主席会议审议。")),
      on: date)
  }

  private mutating func decide(_ id: SupervisionItemID, begun: Int) {
    discuss(id, on: day(begun + 5))
    add(.reviewSupervisionItem(id, date: day(begun + 10), outcome: .passed, reason: ""), on: day(begun + 10))
    add(
      .decideSupervisionTopic(id, date: day(begun + 15), planYear: day(begun + 15).year), on: day(begun + 15))
  }
}
