import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// The demo in a store folder that outlives one run of the app: the admin 何晓敏 (hexm) and the
/// clerk 刘晓丽 (liuxiaoli) each open it in turn, and it can be closed and opened again.
final class ViewsWorld {
  let folder: URL
  let clock = TestClock(DemoWorld.today)
  var store: CommitteeStore
  var backend: VirtualBackend
  var runtime: Runtime

  init(language: Language = .en, size: Size = Size(width: 120, height: 40)) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("views-\(UUID().uuidString)")
    store = try CommitteeStore.open(folder: folder.path, now: clock.now())
    _ = try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    backend = VirtualBackend(size: size)
    let admin = AppState(
      language: language, size: size, actor: store.state.actor(userName: "hexm"), data: store.state,
      today: DemoWorld.today)
    runtime = Runtime(state: admin, backend: backend, store: store, clock: clock)
    for event in runtime.perform(.loadDemo) { runtime.send(event) }
  }

  deinit {
    try? store.close(now: clock.now())
    try? FileManager.default.removeItem(at: folder)
  }

  /// Starts the app again as `user`; with `reopen`, closes the store and opens it from its files first.
  func start(as user: String, reopen: Bool = false, language: Language = .en) throws {
    if reopen {
      try store.close(now: clock.now())
      store = try CommitteeStore.open(folder: folder.path, now: clock.now())
    }
    let size = backend.size
    backend = VirtualBackend(size: size)
    let state = AppState(
      language: language, size: size, actor: store.state.actor(userName: user), data: store.state,
      today: DemoWorld.today)
    runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
  }

  var state: AppState { runtime.state }
  var screen: String { backend.screen.text }

  func press(_ keys: Key...) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }

  func type(_ text: String) {
    backend.enqueue(text.map { .key(.character($0)) })
    runtime.run(untilIdle: true)
  }

  /// The views `user` keeps on a screen.
  func views(of user: String, on section: Section) -> [SavedView] {
    state.data.savedViews(owner: user, place: "\(section)")
  }
}

@Suite struct SavedViewStories {
  @Test func anAdminSavesTheEnterpriseVisitsSortedByDateAndRecallsThemWithAltOne() throws {
    let world = try ViewsWorld()
    world.press(.character("8"), .character("t"), .character("s"))
    let wanted = world.state.visits.list.filter
    let sorted = world.state.visits.table.sort
    #expect(!wanted.facets.isEmpty)
    #expect(sorted != nil)
    let shown = world.state.visits.shownRefs

    // V asks for a name and offers key 1, the first free one.
    world.press(.character("V"))
    #expect(world.state.views?.form != nil)
    #expect(world.screen.contains("Save view"))
    world.type("Enterprise visits")
    world.press(.ctrl("s"))
    #expect(world.state.views == nil)
    let saved = try #require(world.views(of: "hexm", on: .visits).first)
    #expect(saved.name == "Enterprise visits")
    #expect(saved.slot == 1)
    #expect(world.state.message?.text.contains("Saved view Enterprise visits (key 1)") == true)

    // Esc lets every visit show again, in the order of the list; Alt-1 brings the view back.
    world.press(.escape)
    #expect(world.state.visits.list.filter.facets.isEmpty)
    world.press(.character("S"))
    world.press(.alt("1"))
    #expect(world.state.visits.list.filter == wanted)
    #expect(world.state.visits.table.sort == sorted)
    #expect(world.state.visits.shownRefs == shown)
    #expect(world.state.message?.text == "Recalled view Enterprise visits (Alt-1)")

    // A key with no view says so and changes nothing.
    world.press(.alt("7"))
    #expect(world.state.message?.text == "No view under key 7 yet: press V to save the current one.")
    #expect(world.state.visits.shownRefs == shown)
  }

  @Test func theBoardsKeepAPeriodAndABreakdownAsAView() throws {
    let world = try ViewsWorld()
    world.press(.character("0"), .character("p"), .character("b"), .character("b"))
    let period = world.state.boards.period
    let breakdown = world.state.boards.breakdown
    #expect(period != nil)
    world.press(.character("V"))
    world.type("This quarter by sector")
    // Key 3, two steps to the right of the offered 1.
    world.press(.tab, .right, .right, .ctrl("s"))
    #expect(world.views(of: "hexm", on: .boards).map(\.slot) == [3])
    world.press(.character("y"), .character("b"))
    #expect(world.state.boards.period == nil)
    world.press(.alt("3"))
    #expect(world.state.boards.period == period)
    #expect(world.state.boards.breakdown == breakdown)
    #expect(world.screen.contains(try #require(period).title(in: .en)))
  }

  @Test func theListOfViewsRecallsRenamesAndDeletesAndUndoBringsOneBack() throws {
    let world = try ViewsWorld()
    world.press(.character("9"), .character("t"), .character("V"))
    world.type("Submitted")
    world.press(.ctrl("s"))
    world.press(.character("t"), .character("V"))
    world.type("Adopted")
    world.press(.ctrl("s"))
    #expect(world.views(of: "hexm", on: .reports).map(\.name) == ["Submitted", "Adopted"])

    // ' lists them; the second is selected with j and renamed with r.
    world.press(.character("'"))
    #expect(world.screen.contains("My views · Reports"))
    #expect(world.screen.contains("Alt-1  Submitted"))
    world.press(.character("j"), .character("r"))
    #expect(world.screen.contains("Rename view"))
    // Its own key is offered plainly; only the other view's key says what it would replace.
    #expect(world.screen.contains("< 2 >"))
    #expect(!world.screen.contains("replaces Adopted"))
    world.type(" for instruction")
    world.press(.ctrl("s"))
    #expect(world.state.views?.form == nil, "the list stays open after a rename")
    #expect(world.views(of: "hexm", on: .reports).map(\.name) == ["Submitted", "Adopted for instruction"])
    #expect(world.state.message?.text.hasPrefix("Renamed view Adopted to Adopted for instruction") == true)

    // D deletes the selected one; u brings it back.
    world.press(.character("D"))
    #expect(world.views(of: "hexm", on: .reports).map(\.name) == ["Submitted"])
    #expect(world.state.message?.text == "Deleted view Adopted for instruction. Press u to undo.")
    world.press(.character("u"))
    #expect(world.views(of: "hexm", on: .reports).count == 2)

    // 1 in the list recalls the first and closes the list.
    world.press(.character("1"))
    #expect(world.state.views == nil)
    #expect(world.state.message?.text == "Recalled view Submitted (Alt-1)")
    #expect(world.state.reports.list.filter.facets == [0: 0])
  }

  @Test func aNameIsRequiredAndAKeyTakenByAnotherViewIsRefusedOnItsField() throws {
    let world = try ViewsWorld()
    world.press(.character("4"), .character("V"), .ctrl("s"))
    #expect(world.state.views?.form?.form.fields.first?.error == "Required: please fill this in")
    world.type("All patrols")
    world.press(.ctrl("s"))
    world.press(.character("V"))
    world.type("Second")
    world.press(.ctrl("s"))
    // Rename the second onto key 1, which the first holds: the Domain refuses, on the key's field.
    world.press(.character("'"), .character("j"), .character("r"), .tab, .left, .ctrl("s"))
    let form = try #require(world.state.views?.form)
    #expect(
      form.form.fields.last?.error
        == "Key 1 already holds the view All patrols; choose another key or delete that view first.")
    #expect(world.views(of: "hexm", on: .patrols).map(\.slot) == [1, 2])
  }

  @Test func eachUserSeesOnlyTheirOwnViewsAndTheyOutliveAReopenOfTheStore() throws {
    let world = try ViewsWorld()
    world.press(.character("8"), .character("t"), .character("V"))
    world.type("Mine")
    world.press(.ctrl("s"))
    #expect(world.views(of: "hexm", on: .visits).count == 1)

    // The clerk opens the same store: no views of hers, and hexm's key 1 is not hers to recall.
    try world.start(as: "liuxiaoli")
    world.press(.character("8"), .alt("1"))
    #expect(world.state.message?.text == "No view under key 1 yet: press V to save the current one.")
    world.press(.character("'"))
    #expect(world.screen.contains("No saved views here yet."))
    world.press(.escape, .character("t"), .character("t"), .character("V"))
    world.type("Hers")
    world.press(.ctrl("s"))
    #expect(world.views(of: "liuxiaoli", on: .visits).map(\.slot) == [1], "key 1 is free for her")

    // Closed and opened again from its files, the store still has both, each its owner's.
    try world.start(as: "hexm", reopen: true)
    #expect(world.views(of: "hexm", on: .visits).map(\.name) == ["Mine"])
    #expect(world.views(of: "liuxiaoli", on: .visits).map(\.name) == ["Hers"])
    world.press(.character("8"), .alt("1"))
    #expect(world.state.message?.text == "Recalled view Mine (Alt-1)")
    #expect(world.state.visits.list.filter.facets == [0: 0])
  }

  @Test func aHeadKeepsOneDepartmentsOverdueProblemsFoundByTextAsAView() throws {
    let world = try ViewsWorld()
    // One department (b), overdue only (!), sorted by the first column, and a text filter.
    world.press(.character("5"), .character("b"), .character("!"), .character("s"))
    world.press(.character("/"))
    world.type("监督")
    world.press(.enter)
    let filters = world.state.problems.filters
    let shown = world.state.problems.shownProblemIDs
    #expect(filters.department != nil && filters.overdueOnly)
    #expect(!shown.isEmpty, "the department has overdue problems whose text names 监督")
    world.press(.character("V"))
    world.type("Overdue of one department")
    world.press(.ctrl("s"))
    #expect(world.views(of: "hexm", on: .problems).map(\.slot) == [1])

    // z clears the key filters, Esc the text: every problem shows; Alt-1 brings the view back.
    world.press(.character("z"), .escape)
    #expect(world.state.problems.filters.isEmpty)
    #expect(world.state.problems.shownProblemIDs != shown)
    world.press(.alt("1"))
    #expect(world.state.problems.filters == filters)
    #expect(world.state.problems.shownProblemIDs == shown)
    #expect(world.state.message?.text == "Recalled view Overdue of one department (Alt-1)")
  }

  @Test func aReaderWithoutAnAccountIsToldViewsCannotBeSaved() throws {
    let world = try ViewsWorld()
    try world.start(as: "guest")
    #expect(world.state.actor.role == nil)
    world.press(.character("8"), .character("V"))
    #expect(world.state.views == nil)
    #expect(world.state.message?.text == "guest has no account and can only read; views cannot be saved.")
    #expect(world.state.data.savedViews.isEmpty)
  }
}

/// The form and the list of saved views, drawn at both sizes in both languages.
@Suite struct SavedViewGoldens {
  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theFormAndTheListOfViews(language: Language, size: Size) throws {
    let world = try ViewsWorld(language: language, size: size)
    try world.start(as: "hexm", language: language)
    // The second kind of visit (t twice): a list with rows under the form.
    world.press(.character("8"), .character("t"), .character("t"), .character("V"))
    world.type(language == .zh ? "进百村" : "Village visits")
    GoldenFile.assertMatches(world.backend.screen, named: "views-form-\(language)-\(size)")
    world.press(.ctrl("s"), .character("'"))
    GoldenFile.assertMatches(world.backend.screen, named: "views-list-\(language)-\(size)")
  }
}

/// Supervision and Registers joined the kit after views were built: they keep views like any list.
@Suite struct SavedViewsOnTheNewKitLists {
  @Test func aClerksViewOfTheRiversRegisterComesBackFromAnotherRegister() throws {
    let world = try ViewsWorld()
    world.press(.character("6"))
    while world.state.registers.kind != .rivers { world.press(.character("]")) }
    world.press(.character("/"))
    world.type("河")
    world.press(.enter)
    let shown = world.state.registers.table.filter
    #expect(shown == "河")
    world.press(.character("V"))
    world.type("Rivers")
    world.press(.ctrl("s"))
    #expect(world.views(of: "hexm", on: .registers).map(\.name) == ["Rivers"])
    // Off to the members, then Alt-1: the rivers register again, with its filter.
    world.press(.character("["), .character("["))
    #expect(world.state.registers.kind != .rivers)
    world.press(.alt("1"))
    #expect(world.state.registers.kind == .rivers)
    #expect(world.state.registers.table.filter == "河")
  }

  @Test func aViewOfTheSupervisionTopicsKeepsWhereTheyStand() throws {
    let world = try ViewsWorld()
    world.press(.character("3"), .character("t"))
    let facets = world.state.supervision.list.filter.facets
    #expect(!facets.isEmpty)
    world.press(.character("V"))
    world.type("Standing")
    world.press(.ctrl("s"))
    world.press(.escape)
    #expect(world.state.supervision.list.filter.facets.isEmpty)
    world.press(.alt("1"))
    #expect(world.state.supervision.list.filter.facets == facets)
  }
}
