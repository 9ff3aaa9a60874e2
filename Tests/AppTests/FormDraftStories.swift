import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// A secretary's words in a form survive a closed terminal, a killed process and a crash: the
/// form's fields are kept as a draft, as the editors keep theirs, and put back when the same form
/// is opened again.
@Suite("A form's fields are kept as a draft")
struct FormDraftStories {
  static let title = "关于老旧小区加装电梯的建议"
  static let text = "老旧小区居民上下楼困难，建议加快加装电梯。"

  /// Opens a new report and types its title, its text and one submitter (picked from the matches).
  static func typeAReport(into world: TestWorld) {
    world.press([.character("9"), .character("n")])
    world.type(title)
    world.press([.tab])
    world.type(text)
    world.press([.tab])
    world.type("李靖")
    world.press([.enter])
  }

  /// The demo with a new report typed into its form, and the terminal closed (SIGHUP) at once, before
  /// any pause: the draft is written on the way out.
  static func reportTypedAndTerminalClosed() throws -> TestWorld {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 100, height: 30))
    typeAReport(into: world)
    world.backend.enqueue([.signal(.hangup)])
    world.runtime.run(untilIdle: true)
    return world
  }

  /// The form drafts in the store, by the form's key.
  static func formDrafts(_ store: CommitteeStore) -> [String: String] {
    Dictionary(
      store.drafts().compactMap { draft in
        draft.key.split(separator: "\u{1F}").last.map { (String($0), draft.text) }
      }.filter { $0.0.hasPrefix(FormDraftKeeper.prefix) }, uniquingKeysWith: { a, _ in a })
  }

  @Test("a closed terminal with a report form open: the next start says so, and n fills the form back")
  func aClosedTerminalLosesNoField() throws {
    // No pause yet: nothing written. The terminal closes (SIGHUP) with the form open.
    let world = try Self.reportTypedAndTerminalClosed()
    #expect(world.state.quitting)
    let kept = Self.formDrafts(world.store)
    #expect(kept.keys.sorted() == ["form.reports.newReport"])

    // The next start: the message names the section whose form waits, and no question is asked.
    let state = Startup.initialState(
      store: world.store, actor: world.state.actor, language: .zh, size: Size(width: 100, height: 30),
      today: TestWorld.today)
    #expect(state.dialog == nil)
    #expect(state.message?.text == "有未保存的表单草稿（社情民意）：再打开同一表单即可填回")
    let backend = VirtualBackend(size: Size(width: 100, height: 30))
    let again = Runtime(state: state, backend: backend, store: world.store, clock: world.clock)
    backend.enqueue([.key(.character("9")), .key(.character("n"))])
    again.run(untilIdle: true)
    let form = try #require(again.state.reports.form)
    #expect(form.session.form.values["title"] == .text(Self.title))
    #expect(form.session.form.values["text"] == .text(Self.text))
    guard case .references(let submitters)? = form.session.form.values["members"] else {
      Issue.record("the submitters are not back")
      return
    }
    #expect(submitters.map(\.label) == ["李靖"])
    #expect(backend.screen.text.contains("已填回此表单"))

    // Saved: the report is the one typed before the terminal closed, and the draft is gone.
    backend.enqueue([.key(.ctrl("s"))])
    again.run(untilIdle: true)
    #expect(
      again.state.data.opinionReports.values.contains { $0.title == Self.title && $0.text == Self.text })
    #expect(Self.formDrafts(world.store).isEmpty)
  }

  @Test("a draft that cannot be read is said so when its form opens, and is not announced at every start")
  func anUnreadableDraftIsSaidSo() throws {
    let world = try Self.reportTypedAndTerminalClosed()
    // The draft file damaged meanwhile (by hand, or a disk's fault).
    let stored = try #require(world.store.drafts().first { $0.key.hasSuffix("form.reports.newReport") })
    try world.store.saveDraft(key: stored.key, text: "{\"fields\": 损坏", now: world.clock.now())

    let state = Startup.initialState(
      store: world.store, actor: world.state.actor, language: .zh, size: Size(width: 100, height: 30),
      today: TestWorld.today)
    let backend = VirtualBackend(size: Size(width: 100, height: 30))
    let again = Runtime(state: state, backend: backend, store: world.store, clock: world.clock)
    backend.enqueue([.key(.character("9")), .key(.character("n"))])
    again.run(untilIdle: true)
    let form = try #require(again.state.reports.form)
    #expect(form.session.form.values["title"] == nil, "an empty form, nothing filled back")
    #expect(again.state.message?.kind == .error)
    #expect(backend.screen.text.contains("的草稿无法读取，未能填回"))
    // Closed without typing: the unreadable draft goes with the form, and the next start is quiet.
    backend.enqueue([.key(.escape)])
    again.run(untilIdle: true)
    #expect(again.state.reports.form == nil)
    #expect(Self.formDrafts(world.store).isEmpty)
    let next = Startup.initialState(
      store: world.store, actor: world.state.actor, language: .zh, size: Size(width: 100, height: 30),
      today: TestWorld.today)
    #expect(next.message == nil)
  }

  @Test(
    "typing writes the fields every few keys, a pause writes the rest (a killed process loses at most that); Esc and y throw them away"
  )
  func aPauseWritesAndDiscardingRemoves() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    Self.typeAReport(into: world)
    // A long burst without a pause is written every 24 keys: the title is on disk already, the
    // last keys (the submitter) only after the next pause.
    let burst = try #require(Self.formDrafts(world.store)["form.reports.newReport"])
    #expect(burst.contains(Self.title))
    #expect(!burst.contains("李靖"))
    world.backend.enqueue([.tick])
    world.runtime.run(untilIdle: true)
    let paused = try #require(Self.formDrafts(world.store)["form.reports.newReport"])
    #expect(paused.contains(Self.text))
    #expect(paused.contains("李靖"))
    // The changes discarded: nothing is left to offer back.
    world.press([.escape, .character("y")])
    #expect(world.state.reports.form == nil)
    #expect(Self.formDrafts(world.store).isEmpty)
  }

  @Test("a form's draft goes back into the same form only: another record's step form opens empty")
  func aDraftBelongsToItsForm() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    Self.typeAReport(into: world)
    world.backend.enqueue([.signal(.terminate)])
    world.runtime.run(untilIdle: true)
    let state = Startup.initialState(
      store: world.store, actor: world.state.actor, language: .en, size: Size(width: 120, height: 40),
      today: TestWorld.today)
    let backend = VirtualBackend(size: Size(width: 120, height: 40))
    let again = Runtime(state: state, backend: backend, store: world.store, clock: world.clock)
    // A new visit is another form: it opens as it always does.
    backend.enqueue([.key(.character("8")), .key(.character("n"))])
    again.run(untilIdle: true)
    let visit = try #require(again.state.visits.form)
    #expect(!visit.session.form.hasChanges)
    #expect(Self.formDrafts(world.store).keys.sorted() == ["form.reports.newReport"])
  }

  @Test("Ctrl-C twice in a new consultation's form quits and keeps the title typed, as the warning says")
  func ctrlCTwiceKeepsTheForm() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 80, height: 24))
    world.press([.character("2"), .character("n")])
    world.type("老旧小区停车难协商")
    world.press([.ctrl("c")])
    #expect(world.screen.contains("kept as a draft"))
    world.press([.ctrl("c")])
    #expect(world.state.quitting)
    #expect(Self.formDrafts(world.store)["form.consultations.open"]?.contains("老旧小区停车难协商") == true)
  }

  @Test(
    "the drafts folder is read once at the start: the editors' question and the forms' drafts come from one reading"
  )
  func theDraftsAreReadOnceAtTheStart() throws {
    let world = try Self.reportTypedAndTerminalClosed()
    let store = DraftsCountingStore(world.store)

    let state = Startup.initialState(
      store: store, actor: world.state.actor, language: .zh, size: Size(width: 100, height: 30),
      today: TestWorld.today)
    let backend = VirtualBackend(size: Size(width: 100, height: 30))
    let again = Runtime(state: state, backend: backend, store: store, clock: world.clock)
    #expect(store.draftReadings == 1)
    // And the form's draft read then is the one filled back.
    backend.enqueue([.key(.character("9")), .key(.character("n"))])
    again.run(untilIdle: true)
    #expect(again.state.reports.form?.session.form.values["title"] == .text(Self.title))
  }
}

/// A store that counts how often its drafts are read, and otherwise is the store it wraps.
final class DraftsCountingStore: CommitteeStorage {
  let store: CommitteeStore
  private(set) var draftReadings = 0

  init(_ store: CommitteeStore) { self.store = store }

  func drafts() -> [Draft] {
    draftReadings += 1
    return store.drafts()
  }

  var state: CommitteeState { store.state }
  var canUndo: Bool { store.canUndo }
  var canRedo: Bool { store.canRedo }
  var hasUnsyncedChanges: Bool { store.hasUnsyncedChanges }
  func apply(_ change: Domain.Change, actor: ActingUser, now: Date) throws(StoreError) -> UInt64 {
    try store.apply(change, actor: actor, now: now)
  }
  func undo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    try store.undo(actor: actor, now: now)
  }
  func redo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    try store.redo(actor: actor, now: now)
  }
  func sync() throws(StoreError) { try store.sync() }
  func syncIfDue(now: Date) throws(StoreError) { try store.syncIfDue(now: now) }
  func takeSnapshotResults() -> [Result<UInt64, StoreError>] { store.takeSnapshotResults() }
  func saveDraft(key: String, text: String, now: Date) throws(StoreError) {
    try store.saveDraft(key: key, text: text, now: now)
  }
  func discardDraft(key: String) throws(StoreError) { try store.discardDraft(key: key) }
  func close(now: Date) throws(StoreError) { try store.close(now: now) }
  func takeIncoming() -> [IncomingChange] { store.takeIncoming() }
  var presence: StorePresence { store.presence }
  var serverIdentity: ActingUser? { store.serverIdentity }
  var lastTouched: [RecordRef]? { store.lastTouched }
  var localFolder: String? { store.localFolder }
}
