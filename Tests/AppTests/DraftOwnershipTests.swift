import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// Drafts belong to the user who typed them; a reader is told that nothing typed is kept.
@Suite struct DraftOwnershipTests {
  @Test func aDraftIsOfferedBackToItsOwnerOnly() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try CommitteeStore.open(folder: folder.path, now: Date())
    defer { try? store.close(now: Date()) }
    let admin = try Startup.actor(store: store, userName: "root", displayName: "root", now: Date())
    try store.saveDraft(key: DraftOwner.storedKey("minutes.7", owner: "hexm"), text: "何的纪要", now: Date())
    try store.saveDraft(key: "minutes.8", text: "旧草稿", now: Date())
    func offered(to actor: ActingUser) -> [String] {
      let state = Startup.initialState(
        store: store, actor: actor, language: .zh, size: Size(width: 120, height: 40),
        today: Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_418))
      return
        (state.dialog.flatMap { dialog -> PendingDraft? in
          if case .offerDraft(let draft) = dialog { return draft }
          return nil
        }.map { [$0] } ?? []).map(\.text) + state.pendingDrafts.map(\.text)
    }
    // hexm's minutes go to hexm; the draft from before drafts had owners goes to staff only.
    #expect(Set(offered(to: .staff("hexm", .secretary))) == ["何的纪要", "旧草稿"])
    #expect(offered(to: admin) == ["旧草稿"])
    #expect(offered(to: .reader("hexm")) == ["何的纪要"])
    #expect(offered(to: .reader("guest")).isEmpty)
  }

  @Test func aReaderIsWarnedBeforeTypingMinutesAndNothingIsKept() throws {
    let w = try ConsultationWorld(language: .en)
    let id: ConsultationID = w.store.state.newID()
    try w.apply(.openConsultation(id, ConsultationDetails(title: "电梯", station: w.room)))
    try w.apply(.completeStep(id, .selectTopic, .topics(["电梯"])))
    try w.apply(.completeStep(id, .confirmTopic, .confirmedTopic("电梯")))
    try w.apply(.completeStep(id, .research, .research([ResearchVisit(date: w.today, place: "3栋")])))
    try w.apply(.completeStep(id, .meeting, .meeting(Meeting(date: w.today, place: "院坝"))))
    // The admin's account is archived by someone else: this session becomes a reader.
    let account = try #require(w.store.state.staffAccount(userName: "wangli"))
    let other = StaffAccount(id: w.store.state.newID(), userName: "zhang", displayName: "张", role: .admin)
    try w.apply(.putStaffAccount(other))
    try w.apply(.archive(RecordRef(account.id)), as: .staff("zhang", .admin))
    #expect(w.runtime.state.actor == .reader("wangli"))
    w.keys(.character("m"))
    #expect(w.screen.contains("nothing typed here will be saved"))
    w.type("这段话不会保存。")
    w.tick()
    w.tick()
    #expect(w.store.drafts().isEmpty)
  }
}
