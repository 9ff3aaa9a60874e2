import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

@Suite struct SupervisionStories {
  /// The consultations' world (a temp-folder store with stations, members and departments) with a
  /// special committee and a supervision team added, shown at the supervision section.
  func world() throws -> ConsultationWorld {
    let w = try ConsultationWorld()
    try w.apply(.putSpecialCommittee(SpecialCommittee(id: w.data.newID(), name: "经济委员会")))
    try w.apply(.putSupervisionTeam(SupervisionTeam(id: w.data.newID(), theme: "营商环境观察")))
    w.keys(.character("3"))
    return w
  }

  var topic: (ConsultationWorld) -> SupervisionItem? {
    { $0.data.supervisionItems.count == 1 ? $0.data.supervisionItems.values.first : nil }
  }

  @Test func aTopicGoesFromProposalToCommendationThroughARedoAndASecondEvaluation() throws {
    let w = try world()
    #expect(w.screen.contains("还没有监督议题"))

    // 提: a topic with its proposer, committee, team and street.
    w.keys(.character("n"))
    w.type("解放碑步行街噪音扰民监督")
    w.keys(.tab, .tab)
    w.type("何晓敏")
    w.keys(.enter, .tab)
    w.type("经济")
    w.keys(.enter, .tab)
    w.type("营商")
    w.keys(.enter, .tab)
    w.type("石油路")
    w.keys(.enter, .ctrl("s"))
    var item = try #require(topic(w))
    #expect(item.title == "解放碑步行街噪音扰民监督")
    #expect(item.localities == [w.street])
    #expect(item.teams.count == 1 && item.specialCommittee != nil)
    #expect(w.screen.contains("已提出"))

    // 议, then 审 sends it back: without a reason the form says so on the field.
    w.keys(.character("a"), .tab, .tab, .tab, .tab, .tab)
    w.type("同意提交主席会议")
    w.keys(.ctrl("s"))
    #expect(topic(w)?.stage == .discussed)
    w.keys(.character("a"), .tab, .right, .ctrl("s"))
    #expect(w.screen.contains(DomainError.required(.sendBackReason).message(in: .zh)))
    #expect(topic(w)?.stage == .discussed)
    // The refusal put the caret on the reason.
    w.type("请聚焦夜间施工")
    w.keys(.ctrl("s"))
    item = try #require(topic(w))
    #expect(item.stage == .proposed)
    #expect(item.sentBack?.reason == "请聚焦夜间施工")
    #expect(w.screen.contains("退回再议"))

    // Discussed again, passed, decided into this year's plan.
    w.keys(.character("a"), .tab, .tab, .tab, .tab, .tab)
    w.type("聚焦夜间施工噪音")
    w.keys(.ctrl("s"))
    w.keys(.character("a"), .ctrl("s"))
    w.keys(.character("a"), .ctrl("s"))
    item = try #require(topic(w))
    #expect(item.stage == .decided)
    #expect(item.planYear == 2026)
    #expect(
      item.stageRecords.map(\.stage) == [.proposed, .discussed, .reviewed, .discussed, .reviewed, .decided])

    // Research: a trip and two suggestions.
    w.keys(.character("r"), .tab)
    w.type("解放碑步行街")
    w.keys(.tab, .tab, .tab, .tab)
    w.type("建议限定施工时段")
    w.keys(.enter)
    w.type("建议设噪音监测屏")
    w.keys(.ctrl("s"))
    #expect(topic(w)?.researchTrips.map(\.place) == ["解放碑步行街"])
    #expect(topic(w)?.suggestions.count == 2)

    // The consultation: nobody named is refused; then members and minutes, and Ctrl-P raises a problem.
    w.keys(.character("a"), .ctrl("s"))
    #expect(w.screen.contains(DomainError.required(.participants).message(in: .zh)))
    w.keys(.escape, .escape, .character("a"), .tab, .tab)
    w.type("李明")
    w.keys(.enter, .tab, .tab, .tab)
    w.type("周建国委员：夜间施工噪音扰民。")
    w.keys(.ctrl("p"))
    #expect(w.data.problems.values.contains { $0.source == .supervisionItem(item.id) })
    w.keys(.ctrl("s"))
    item = try #require(topic(w))
    #expect(item.consultationDate == w.today)
    #expect(item.meeting?.minutes.contains("夜间施工噪音扰民") == true)
    #expect(item.followUpDue == w.today.adding(months: 1))

    // 回头看, then an evaluation with a rating missing, then fair on rectification: a redo.
    w.keys(.character("a"), .tab, .tab)
    w.type("夜间施工仍有发生")
    w.keys(.ctrl("s"))
    #expect(topic(w)?.followUpInspection?.findings == "夜间施工仍有发生")
    w.keys(.character("a"), .ctrl("s"))
    #expect(w.screen.contains(DomainError.required(.rectificationRating).message(in: .zh)))
    // The refusal put the caret on the rectification rating.
    w.keys(.right, .right, .right, .tab, .tab, .right, .right, .tab, .tab, .right, .right, .tab, .tab)
    w.type("何晓敏")
    w.keys(.enter, .tab, .tab, .tab)
    w.type("2026-12-26")
    w.keys(.ctrl("s"))
    item = try #require(topic(w))
    #expect(item.evaluation?.verdict == .orderedToRedo)
    #expect(item.evaluation?.rectification == .fair)
    #expect(item.redoCount == 1)
    #expect(item.followUpDue == Day(year: 2026, month: 12, day: 26))
    #expect(item.evaluation?.reportNote == "已报告区委、区政府")

    // The second round: a new 回头看 and an evaluation all good or better: commended, closed.
    w.keys(.character("a"), .tab, .tab)
    w.type("夜间施工已禁止")
    w.keys(.ctrl("s"))
    w.keys(.character("a"), .tab, .right, .right, .tab, .tab, .right, .tab, .tab, .right, .right, .tab, .tab)
    w.type("何晓敏")
    w.keys(.enter, .tab, .tab)
    w.type("区政协简报通报表扬")
    w.keys(.ctrl("s"))
    item = try #require(topic(w))
    #expect(item.isClosed)
    #expect(item.evaluations.map(\.verdict) == [.orderedToRedo, .commended])
    #expect(item.followUps.map(\.findings) == ["夜间施工仍有发生", "夜间施工已禁止"])
    #expect(item.evaluation?.publicity == "区政协简报通报表扬")

    // Undo takes the commendation back; redo restores it.
    w.keys(.character("u"))
    #expect(topic(w)?.isClosed == false)
    #expect(topic(w)?.evaluation?.verdict == .orderedToRedo)
    w.keys(.ctrl("r"))
    #expect(topic(w)?.isClosed == true)

    // The detail: the whole chain, and the problem raised from the minutes; Enter opens it, and
    // `o` on the problem comes back to the topic.
    w.keys(.enter)
    let detail = w.screen
    #expect(detail.contains("请聚焦夜间施工"))
    w.keys(.character("G"))
    // Further down the chain: the commendation, and the problem raised from the minutes.
    #expect(w.screen.contains("通报表扬"))
    #expect(w.screen.contains("周建国委员：夜间施工噪音扰民。"))
    w.keys(.enter)
    #expect(w.runtime.state.section == .problems)
    w.keys(.character("o"))
    #expect(w.runtime.state.section == .supervision)
    #expect(w.runtime.state.supervision.mode == .detail(item.id))
    // All of it was journaled: a reopened store has the same topic.
    let reopened = try CommitteeStore.readState(folder: w.world.folder.path)
    #expect(reopened.supervisionItems[item.id] == topic(w))
  }
}

@Suite struct SupervisionMinutesStories {
  @Test func theConsultationMinutesAreKeptAsADraftAsTheyAreTypedAndSavedWithCtrlS() throws {
    let w = try ConsultationWorld()
    let committee: SpecialCommitteeID = w.data.newID()
    try w.apply(.putSpecialCommittee(SpecialCommittee(id: committee, name: "经济委员会")))
    let member = try #require(w.data.members.values.first { $0.name == "何晓敏" })
    let id: SupervisionItemID = w.data.newID()
    try w.apply(
      .proposeSupervisionItem(
        id, SupervisionProposal(title: "背街小巷整治监督", proposers: [member.id], specialCommittee: committee)))
    let people = SupervisionParticipants(members: [member.id])
    try w.apply(
      .discussSupervisionItem(id, SupervisionDiscussion(date: w.today, participants: people, summary: "同意")))
    try w.apply(.reviewSupervisionItem(id, date: w.today, outcome: .passed, reason: ""))
    try w.apply(.decideSupervisionTopic(id, date: w.today, planYear: 2026))
    try w.apply(
      .holdSupervisionMeeting(id, SupervisionMeeting(date: w.today, participants: people), consultation: nil))
    w.keys(.character("3"), .enter, .character("m"))
    #expect(w.screen.contains("协商纪要"))
    w.type("何晓敏委员：背街小巷夜间照明不足。")
    w.tick()
    let key = "supervision.minutes.\(id.raw)"
    // Drafts are stored under their author's name (`DraftOwner`).
    #expect(w.store.drafts().first { $0.key.hasSuffix("\u{1F}" + key) }?.text == "何晓敏委员：背街小巷夜间照明不足。")
    // Ctrl-P: the sentence becomes a problem raised from the topic.
    w.keys(.ctrl("p"))
    let problem = try #require(w.data.problems.values.first { $0.source == .supervisionItem(id) })
    #expect(problem.title == "何晓敏委员：背街小巷夜间照明不足")
    w.keys(.ctrl("s"))
    #expect(w.data.supervisionItems[id]?.meeting?.minutes == "何晓敏委员：背街小巷夜间照明不足。")
    #expect(w.store.drafts().isEmpty)
    // The full-screen editor stays open after a save, as the consultations' does; Esc leaves it.
    #expect(w.screen.contains("已存"))
    w.keys(.escape)
    // The detail shows the minutes and the problem with its state.
    #expect(w.screen.contains("纪要：何晓敏委员"))
    #expect(w.screen.contains("[已提出] 何晓敏委员：背街小巷夜间照明不足"))
  }
}
