import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// The demo, worked on by its clerk 刘晓丽 (clerks may enter patrols, visits and reports).
final class ClerkWorld {
  let folder: URL
  let store: CommitteeStore
  let backend: VirtualBackend
  let runtime: Runtime

  init(language: Language = .zh, size: Size = Size(width: 120, height: 40)) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-\(UUID().uuidString)")
    let clock = TestClock(DemoWorld.today)
    store = try CommitteeStore.open(folder: folder.path, now: clock.now())
    _ = try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    backend = VirtualBackend(size: size)
    let admin = AppState(
      language: language, size: size, actor: store.state.actor(userName: "hexm"), data: store.state,
      today: DemoWorld.today)
    let loader = Runtime(state: admin, backend: backend, store: store, clock: clock)
    for event in loader.perform(.loadDemo) { loader.send(event) }
    let clerk = store.state.actor(userName: "liuxiaoli")
    let state = AppState(
      language: language, size: size, actor: clerk, data: store.state, today: DemoWorld.today)
    runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  var data: CommitteeState { runtime.state.data }

  func press(_ keys: Key...) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }

  /// Types text as keys, one character each.
  func type(_ text: String) {
    backend.enqueue(text.map { .key(.character($0)) })
    runtime.run(untilIdle: true)
  }

  var screen: String { backend.screen.text }
}

@Suite struct FieldworkStories {
  @Test func aClerkRecordsAPatrolOverTimeRaisesTwoProblemsAndTheLoopsAreCarriedToTheClose() throws {
    let world = try ClerkWorld()
    #expect(world.runtime.state.actor.role == .clerk)
    world.press(.character("4"), .character("n"))
    #expect(world.screen.contains("记录巡河"))
    // River: the first (长江); segment 夔门段; today's date; member 张建中; class IV.
    world.press(.right, .tab)
    world.type("夔门段")
    world.press(.tab, .tab)
    world.type("张建中")
    world.press(.enter, .tab, .tab, .right, .right, .right, .right, .right, .ctrl("s"))
    let patrol = try #require(world.data.patrols.values.max { $0.id < $1.id })
    #expect(patrol.segment == "夔门段")
    #expect(patrol.waterQuality == .classIV)
    #expect(patrol.members.map { world.data.members[$0]?.name } == ["张建中"])
    #expect(patrol.isOpen)
    #expect(world.runtime.state.patrols.selectedRef == patrol.ref, "the new patrol is selected")
    #expect(world.screen.contains("劣于目标"), "IV is worse than the river's target III")

    for notes in ["河面有漂浮物", "沿岸居民反映夜间异味", "排污口两处、垃圾堆放一处"] {
      world.press(.character("a"))
      world.type(notes)
      world.press(.ctrl("s"))
    }
    #expect(world.data.patrols[patrol.id]?.nextStep == .offerSolutions)
    // Two problems from the 找问题 step, each assigned point-to-point.
    for (title, department) in [("排污口污水直排", "区生态环境局"), ("河岸垃圾堆放", "县城市管理局")] {
      world.press(.character("P"))
      world.type(title)
      world.press(.tab, .tab, .tab)
      world.type(department)
      world.press(.enter, .tab)
      world.type("2026-12-20")
      world.press(.ctrl("s"))
    }
    let problems = world.data.problems(from: .patrol(patrol.id))
    #expect(problems.map(\.title) == ["排污口污水直排", "河岸垃圾堆放"])
    #expect(problems.allSatisfy { $0.status == .assigned && $0.raisedByMember == patrol.members.first })
    #expect(
      problems.map { $0.department.flatMap { world.data.departments[$0]?.name } } == ["区生态环境局", "县城市管理局"])

    // The department answers; the loops go round (the head's evaluation is checked in the Domain's
    // tests; here the clerk's part is done through the board).
    world.press(.character("p"))
    #expect(Set(world.runtime.state.problems.shownProblemIDs) == Set(problems.map(\.id)))
    for _ in problems {
      world.press(.character("a"))
      world.type("已整改")
      world.press(.ctrl("s"))
      world.press(.character("j"))
    }
    #expect(world.data.problems(from: .patrol(patrol.id)).allSatisfy { $0.status == .replied })
    // Back to the patrol by `o`, and its last two steps close it.
    world.press(.character("o"))
    #expect(world.runtime.state.section == .patrols)
    #expect(world.runtime.state.patrols.selectedRef == patrol.ref)
    for notes in ["建议截污纳管", "联席会点对点交办，限期整改"] {
      world.press(.character("a"))
      world.type(notes)
      world.press(.ctrl("s"))
    }
    #expect(world.data.patrols[patrol.id]?.isOpen == false)
    world.press(.character("a"))
    #expect(world.runtime.state.message?.text == tr("fieldwork.message.patrolClosed", .zh))
  }

  @Test func aStoreRefusalAboutNoFieldDoesNotHoldTheNextSaveBack() throws {
    let world = try ClerkWorld()
    world.press(.character("4"), .character("n"), .right, .tab)
    world.type("夔门段")
    world.press(.tab, .tab)
    world.type("张建中")
    world.press(.enter, .ctrl("s"))
    guard
      let patrol = world.runtime.state.patrols.selectedRef.flatMap({ world.data.patrols[ID(raw: $0.raw)] })
    else {
      Issue.record("the new patrol should be selected")
      return
    }
    world.press(.character("a"))
    world.type("河面有漂浮物")
    guard let tag = world.runtime.state.patrols.form?.session.tag else {
      Issue.record("the step form should be open")
      return
    }
    // The store refuses the save for a reason no field can correct (the disk was full).
    world.runtime.send(.applied(tag, .failure(UserMessage(zh: "磁盘已满，未保存。", en: "The disk is full."))))
    world.runtime.run(untilIdle: true)
    #expect(world.screen.contains("磁盘已满"), "the refusal is shown on the form")
    #expect(world.runtime.state.patrols.form != nil, "the form stays open with what was typed")
    // The disk has room again: Ctrl-S saves, although no field was edited.
    world.press(.ctrl("s"))
    #expect(world.runtime.state.patrols.form == nil)
    #expect(world.data.patrols[patrol.id]?.nextStep != patrol.nextStep, "the step was saved")
  }

  @Test func aSegmentOfAnotherRiverIsRefusedOnTheFieldAndNothingTypedIsLost() throws {
    let world = try ClerkWorld(language: .en)
    let before = world.data.patrols.count
    world.press(.character("4"), .character("n"), .right, .tab)
    world.type("清流段")  // a segment of 大清流河, not of 长江
    world.press(.tab, .tab)
    world.type("张建中")
    world.press(.enter, .ctrl("s"))
    #expect(world.data.patrols.count == before)
    #expect(world.screen.contains("is a segment of 大清流河"))
    let form = try #require(world.runtime.state.patrols.form)
    #expect(form.session.form.values["segment"] == .text("清流段"))
  }

  @Test func aReportGoesToInstructionAndRectificationThroughTheKeys() throws {
    let world = try ClerkWorld()
    world.press(.character("9"), .character("n"))
    world.type("关于老旧小区加装电梯的建议")
    world.press(.tab)
    world.type("老旧小区居民上下楼困难，建议加快加装电梯。")
    world.press(.tab)
    world.type("李靖")
    world.press(.enter, .ctrl("s"))
    let report = try #require(world.data.opinionReports.values.max { $0.id < $1.id })
    #expect(report.title == "关于老旧小区加装电梯的建议")
    #expect(world.runtime.state.reports.selectedRef == report.ref)
    world.press(.character("a"), .ctrl("s"))  // adopted today
    #expect(world.data.opinionReports[report.id]?.status == .adopted)
    world.press(.character("a"))
    world.type("县委书记")
    world.press(.tab, .tab)
    world.type("请县住房城乡建委研究推进。")
    world.press(.ctrl("s"))
    #expect(world.data.opinionReports[report.id]?.status == .instructed)
    #expect(world.data.opinionReports[report.id]?.instructedBy == "县委书记")
    world.press(.character("a"))
    world.type("城市管理局")
    world.press(.enter, .tab)
    world.type("逐小区摸排，分批加装。")
    world.press(.tab)
    world.type("2027-03-31")
    world.press(.ctrl("s"))
    let rectifying = try #require(world.data.opinionReports[report.id])
    #expect(rectifying.status == .rectifying)
    #expect(rectifying.rectificationDue == Day(year: 2027, month: 3, day: 31))
    #expect(world.screen.contains("整改中"))
  }

  @Test func nOnTheBoardRaisesAProblemFromASourceSearchedAsYouTypeAndOJumpsThereAndBack() throws {
    let world = try ClerkWorld()
    world.press(.character("5"), .character("n"))
    world.type("井盖设施过多")
    world.press(.enter, .tab)
    world.type("检查井盖破损")
    world.press(.ctrl("s"))
    let problem = try #require(world.data.problems.values.max { $0.id < $1.id })
    #expect(problem.title == "检查井盖破损")
    guard case .opinionReport(let id) = problem.source else {
      Issue.record("the source is \(problem.source)")
      return
    }
    #expect(world.data.opinionReports[id]?.title.contains("井盖设施过多") == true)
    // From a visit's problem, `o` opens the visit in the visits section, `p` comes back.
    let visitProblem = try #require(
      world.data.problems.values.first { if case .visit = $0.source { true } else { false } })
    var state = world.runtime.state
    Update.navigate(&state, to: Navigation(.problems, visitProblem.ref))
    _ = Update.update(&state, .terminal(.key(.character("o"))))
    #expect(state.section == .visits)
    #expect(state.visits.selectedRef == visitProblem.source.ref)
    _ = Update.update(&state, .terminal(.key(.character("p"))))
    #expect(state.section == .problems)
    #expect(state.problems.shownProblemIDs.contains(visitProblem.id))
  }
}

@Suite struct FieldworkGoldenScreens {
  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func visitsReportsAndThePatrolForm(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("8"))
    GoldenFile.assertMatches(world.backend.screen, named: "visits-list-\(language)-\(size)")
    world.press(.character("9"))
    GoldenFile.assertMatches(world.backend.screen, named: "reports-list-\(language)-\(size)")
    world.press(.enter)
    GoldenFile.assertMatches(world.backend.screen, named: "reports-detail-\(language)-\(size)")
    world.press(.character("4"), .character("n"))
    GoldenFile.assertMatches(world.backend.screen, named: "patrols-form-\(language)-\(size)")
  }
}
