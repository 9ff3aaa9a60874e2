import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// The long texts of supervision and 社情民意 in the consultations' full-screen editor, `P` from a
/// topic, and the year's targets of the four double-hundred actions.
@Suite struct EditorsStories {
  /// The runtime a restart gives the same user on the same store (the draft offered on start).
  static func restarted(_ world: ClerkWorld) -> Runtime {
    let state = Startup.initialState(
      store: world.store, actor: world.runtime.state.actor, language: .zh, size: Size(width: 120, height: 40),
      today: DemoWorld.today)
    return Runtime(
      state: state, backend: world.backend, store: world.store, clock: TestClock(DemoWorld.today))
  }

  @Test func aClerkWritesAReportsTextFullScreenRaisesAProblemFromItAndSavesIt() throws {
    let world = try ClerkWorld()
    world.press(.character("9"))
    let shown = try #require(world.runtime.state.reports.selectedRef)
    let before = try #require(world.data.opinionReports[ID(raw: shown.raw)])
    world.press(.character("e"))
    #expect(world.screen.contains("社情民意正文：" + before.title))
    world.type("井盖松动多处，夜间行人易受伤。")
    // A pause keeps the text as a draft under the clerk's name.
    world.backend.enqueue([.tick])
    world.runtime.run(untilIdle: true)
    let key = "reports.text.\(before.id.raw)"
    let draft = world.store.drafts().first { $0.key == DraftOwner.storedKey(key, owner: "liuxiaoli") }
    #expect(draft?.text.hasPrefix("井盖松动多处，夜间行人易受伤。") == true)
    // Ctrl-P: the sentence just finished becomes a problem raised from the report, by its submitter.
    world.press(.ctrl("p"))
    let problem = try #require(world.data.problems.values.first { $0.title == "井盖松动多处，夜间行人易受伤" })
    #expect(problem.source == .opinionReport(before.id))
    #expect(problem.raisedByMember == before.submitter)
    // Ctrl-S keeps the text on the report and the draft goes.
    world.press(.ctrl("s"))
    #expect(world.data.opinionReports[before.id]?.text == "井盖松动多处，夜间行人易受伤。" + before.text)
    #expect(world.store.drafts().isEmpty)
    #expect(world.screen.contains("正文已保存"))
    world.press(.escape)
    #expect(world.runtime.state.reports.editor == nil)
  }

  @Test func aReportsDraftSurvivesARestartAndIsSavedFromWhereItWasLeft() throws {
    let world = try ClerkWorld()
    world.press(.character("9"))
    let shown = try #require(world.runtime.state.reports.selectedRef)
    let id = OpinionReportID(raw: shown.raw)
    world.press(.character("e"))
    world.type("补充：")
    world.backend.enqueue([.tick])
    world.runtime.run(untilIdle: true)
    // kill -9: nothing more runs; the next start offers the draft, and Enter takes it.
    let next = Self.restarted(world)
    guard case .offerDraft(let offered)? = next.state.dialog else {
      Issue.record("the draft is not offered on start")
      return
    }
    #expect(offered.key == "reports.text.\(id.raw)")
    world.backend.enqueue([.key(.enter)])
    next.run(untilIdle: true)
    #expect(next.state.section == .reports)
    #expect(next.state.reports.editor?.area.text.hasPrefix("补充：") == true)
    world.backend.enqueue([.key(.ctrl("s"))])
    next.run(untilIdle: true)
    #expect(next.state.data.opinionReports[id]?.text.hasPrefix("补充：") == true)
    #expect(world.store.drafts().isEmpty)
  }

  @Test func aTopicsMinutesDraftSurvivesARestartInTheFullScreenEditor() throws {
    let world = try ClerkWorld()
    // The demo's topics: the first with its consultation held and not yet closed.
    let item = try #require(
      world.data.supervisionItems.values.sorted { $0.id < $1.id }.first { $0.meeting != nil && !$0.isClosed })
    world.press(.character("3"))
    for _ in 0..<30 where world.runtime.state.supervision.selectedID != item.id {
      world.press(.character("j"))
    }
    world.press(.character("m"))
    #expect(world.screen.contains(item.title + " · 协商纪要"))
    world.type("委员建议：增设夜间巡查。")
    world.backend.enqueue([.tick])
    world.runtime.run(untilIdle: true)
    let next = Self.restarted(world)
    guard case .offerDraft(let offered)? = next.state.dialog else {
      Issue.record("the draft is not offered on start")
      return
    }
    #expect(offered.key == "supervision.minutes.\(item.id.raw)")
    world.backend.enqueue([.key(.enter)])
    next.run(untilIdle: true)
    #expect(next.state.section == .supervision)
    #expect(next.state.supervision.editor?.area.text.hasPrefix("委员建议：增设夜间巡查。") == true)
    // A clerk may not record minutes: the Domain says so and the text stays in the editor.
    world.backend.enqueue([.key(.ctrl("s"))])
    next.run(untilIdle: true)
    #expect(next.state.data.supervisionItems[item.id]?.meeting?.minutes == item.meeting?.minutes)
    #expect(next.state.supervision.editor?.area.text.hasPrefix("委员建议：增设夜间巡查。") == true)
    #expect(world.backend.screen.text.contains("您的角色"))
  }

  /// The demo's first open topic that has had its meeting, selected on the supervision list.
  static func onATopicWithItsMeeting() throws -> (TestWorld, SupervisionItem) {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let item = try #require(
      world.state.data.supervisionItems.values.sorted { $0.id < $1.id }.first {
        $0.meeting != nil && !$0.isClosed
      })
    world.press([.character("3")])
    for _ in 0..<30 where world.state.supervision.selectedID != item.id { world.press([.character("j")]) }
    return (world, item)
  }

  @Test func aSecretaryTypesATopicsMinutesInChineseAndSavesThem() throws {
    let (world, item) = try Self.onATopicWithItsMeeting()
    world.press([.character("m")])
    world.type("专家意见：岸线整治进度偏慢。")
    world.press([.ctrl("s")])
    #expect(world.state.data.supervisionItems[item.id]?.meeting?.minutes.hasPrefix("专家意见：岸线整治进度偏慢。") == true)
    #expect(world.screen.contains("会议纪要已保存"))
    world.press([.escape])
    #expect(world.state.supervision.editor == nil)
    #expect(world.screen.contains("专家意见：岸线整治进度偏慢。"))
  }

  /// Esc keeps what was typed, and says so: leaving silently let a secretary believe it was saved.
  @Test func leavingTheMinutesUnsavedSaysTheyAreKeptNotSaved() throws {
    let (world, _) = try Self.onATopicWithItsMeeting()
    world.press([.character("m")])
    world.press([.escape])
    #expect(!world.screen.contains("还没有保存"), "nothing typed, nothing to say")
    world.press([.character("m")])
    world.type("专家意见：")
    world.press([.escape])
    #expect(world.state.supervision.editor == nil)
    #expect(world.screen.contains("文字还没有保存：已留作草稿"))
    // Saved, then left: nothing to warn of.
    world.press([.character("m")])
    world.press([.ctrl("s")])
    world.press([.escape])
    #expect(!world.screen.contains("还没有保存"))
  }

  @Test func capitalPOnATopicRaisesAProblemWithTheTopicAsItsSource() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character("3")])
    let id = try #require(world.state.supervision.selectedID)
    world.press([.character("P")])
    #expect(world.screen.contains("提出问题"))
    world.type("岸线垃圾清运不及时")
    world.press([.ctrl("s")])
    let problem = try #require(world.state.data.problems.values.first { $0.title == "岸线垃圾清运不及时" })
    #expect(problem.source == .supervisionItem(id))
    #expect(world.state.supervision.raise == nil)
    // From the detail too.
    world.press([.enter, .character("P")])
    world.type("整改台账不全")
    world.press([.ctrl("s")])
    #expect(
      world.state.data.problems.values.contains { $0.title == "整改台账不全" && $0.source == .supervisionItem(id) })
  }

  @Test func aHeadSetsTheYearsTargetsAndTheMetersFollowAClerkIsRefused() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let year = world.state.today.year
    world.press([.character("8"), .character("y")])
    #expect(world.screen.contains("四个双百年度目标"))
    // The year, then 巡百河's target: cleared and typed again.
    world.press([.tab, .ctrl("u")])
    world.type("120")
    world.press([.ctrl("s")])
    #expect(world.state.data.actionTargets(year: year).target(for: .riverPatrol) == 120)
    let done = world.state.data.actionProgress(.riverPatrol, year: year)
    #expect(world.screen.contains("\(done)/120"))

    let clerk = try ClerkWorld()
    let before = clerk.data.actionTargets(year: year)
    clerk.press(.character("8"), .character("y"), .tab, .ctrl("u"))
    clerk.type("50")
    clerk.press(.ctrl("s"))
    #expect(clerk.data.actionTargets(year: year) == before)
    #expect(clerk.screen.contains("您的角色"))
  }
}
