import Domain
import Exchange
import Foundation
import Localization
import Store
import StoreFaults
import TerminalCore
import Testing

@testable import App

/// The demo committee in a temp folder, on a file system that can run out of space, with the
/// minutes editor one key away.
final class SecretaryAtWork {
  let folder: String
  let disk = FaultInjectingFileSystem()
  let store: CommitteeStore
  let backend = VirtualBackend(size: Size(width: 100, height: 30))
  let runtime: Runtime
  let clock: TestClock
  let log: LogFile
  let consultation: Consultation

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)").path
    let today = Day(year: 2026, month: 11, day: 26)!
    clock = TestClock(today)
    store = try CommitteeStore.open(folder: folder, fileSystem: disk, now: clock.now())
    let actor = try Startup.actor(store: store, userName: "wangli", displayName: "王丽", now: clock.now())
    try Startup.loadDemo(into: store, actor: actor, today: today)
    consultation = try #require(
      store.state.consultations.values.sorted { $0.id < $1.id }.first { $0.meeting != nil })
    log = LogFile(path: folder + "/shangliang.log", fileSystem: disk)
    var state = AppState(
      language: .zh, size: backend.size, actor: actor, data: store.state, today: today)
    Update.navigate(&state, to: Navigation(.consultations, RecordRef(consultation.id)))
    runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
    runtime.logFile = log
    runtime.log = { [log] in log.write($0) }
    runtime.run(untilIdle: true)
    keys(.character("m"))
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  func keys(_ keys: Key...) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }

  func type(_ text: String) {
    backend.type(text)
    runtime.run(untilIdle: true)
  }

  func tick() {
    backend.enqueue([.tick])
    runtime.run(untilIdle: true)
  }

  var screen: String { backend.screen.text }
  /// The draft of the consultation's minutes (stored under its author's name).
  var draft: String? {
    store.drafts().first { $0.key.hasSuffix("\u{1F}minutes.\(consultation.id.raw)") }?.text
  }
  var editing: Bool { runtime.state.consultations.editor != nil }
}

@Suite struct WordsKept {
  static let sentences = (1...10).map { "第\($0)位委员发言：建议增设停车位，缓解停车难。" }

  @Test func aFullDiskNeverStopsTheAppAndTheTextIsSavedWhenSpaceReturns() throws {
    let w = try SecretaryAtWork()
    #expect(w.editing)
    w.disk.inject(.full)
    for sentence in Self.sentences.prefix(5) { w.type(sentence) }
    w.tick()
    w.tick()
    // Alive, the text on screen, the disk named on the status bar, and no "saved" in the header.
    #expect(w.screen.contains("磁盘已满"))
    #expect(w.screen.contains("第5位委员发言"))
    #expect(w.screen.contains("未存"))
    #expect(!w.screen.contains("已存"))
    #expect(w.draft == nil)
    #expect(w.log.lastFailure?.isDiskFull == true)

    w.disk.heal()
    w.tick()
    #expect(w.draft?.contains("第5位委员发言") == true)
    #expect(!w.screen.contains("磁盘已满"))
    #expect(w.screen.contains("磁盘空间已恢复"))
  }

  @Test func typingBackToTheSavedMinutesLeavesNoDraftToBeOfferedAtTheNextStart() throws {
    let w = try SecretaryAtWork()
    try #require(w.consultation.meeting?.minutes.isEmpty == false, "the demo meeting has minutes")
    w.type("补充")
    w.tick()
    #expect(w.draft?.contains("补充") == true)
    // Both characters taken back: the text is the record's again, and the draft goes with them.
    w.keys(.backspace, .backspace)
    w.tick()
    #expect(w.draft == nil)
    w.type("再")
    w.keys(.backspace, .escape)
    #expect(!w.editing)
    #expect(w.draft == nil)
  }

  @Test func aDraftRefusedByAFullDiskIsKeptEvenAfterTheEditorCloses() throws {
    let w = try SecretaryAtWork()
    w.disk.inject(.full)
    w.type(Self.sentences[0])
    w.keys(.escape)
    #expect(!w.editing)
    #expect(w.draft == nil)
    w.disk.heal()
    w.tick()
    #expect(w.draft?.contains(Self.sentences[0]) == true)
  }

  @Test func theLogCountsARepeatedLineInsteadOfWritingItEachTime() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let log = LogFile(path: folder.appendingPathComponent("shangliang.log").path)
    for _ in 0..<40 { log.write("draft failed: the disk is full") }
    log.write("disk space is back")
    let text = try String(contentsOf: folder.appendingPathComponent("shangliang.log"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].hasSuffix("(the line above repeated 39 more times)"))
  }

  @Test(arguments: [
    TerminalEvent.signal(.terminate), .signal(.hangup), .signal(.interrupt), .key(.ctrl("c")), .inputClosed,
  ])
  func everyWayOutSavesTheEditorsLastWordsFirst(exit: TerminalEvent) throws {
    let w = try SecretaryAtWork()
    for sentence in Self.sentences { w.backend.type(sentence) }
    w.backend.enqueue([exit])
    w.runtime.run(untilIdle: true)
    #expect(w.runtime.state.quitting)
    #expect(w.draft?.contains(Self.sentences[9]) == true)
  }
}

@Suite struct FullDiskInEveryWriter {
  @Test func storeDraftsLogSnapshotAndExportEachSayTheDiskIsFullAndLoseNothing() throws {
    let w = try SecretaryAtWork()
    w.keys(.escape)
    let before = w.store.state
    w.disk.inject(.full)

    // The store: the change is refused whole, the data as it was, the disk named.
    let station: StationID = w.store.state.newID()
    let events = w.runtime.perform(
      .apply(
        .putStation(Station(id: station, name: "新工作站", level: .districtHall)),
        tag: EffectTag(.registers, "none")))
    guard case .applied(_, .failure(let refusal))? = events.first else {
      Issue.record("the change should have been refused, got \(events)")
      return
    }
    #expect(refusal.zh.contains("磁盘已满"))
    let unchanged = w.store.state == before
    #expect(unchanged)
    let diskFullShown = w.runtime.state.diskFull
    #expect(diskFullShown)

    // A draft: kept in memory.
    _ = w.runtime.perform(.saveDraft(key: "minutes.999", text: "满盘时写下的话"))
    #expect(w.runtime.unsavedDrafts["minutes.999"] == "满盘时写下的话")

    // The log: the line is dropped, the program goes on.
    w.log.write("a line on a full disk")
    #expect(w.log.lastFailure?.isDiskFull == true)

    // A snapshot: reported, the journal keeps everything.
    #expect(throws: StoreError.self) {
      try w.store.snapshot(now: w.clock.now())
      _ = try w.store.waitForSnapshot()?.get()
    }

    // An export: said in words, nothing half-written.
    w.runtime.writeExport = { _, path throws(ExportFileError) in
      throw ExportFileError(path: path, code: FileSystemError.noSpace)
    }
    let exported = w.runtime.perform(
      .writeFile(path: "members.csv", contents: Data("x".utf8), tag: EffectTag(.registers, "none")))
    guard case .fileWritten(_, _, .failure(let exportRefusal))? = exported.first else {
      Issue.record("the export should have failed, got \(exported)")
      return
    }
    #expect(exportRefusal.en.contains("the disk is full"))

    // Space comes back: the draft is written, the status bar clears, changes are taken again.
    w.disk.heal()
    w.tick()
    let cleared = !w.runtime.state.diskFull
    #expect(cleared)
    #expect(w.store.drafts().contains { $0.text == "满盘时写下的话" })
    try w.store.apply(
      .putStation(Station(id: station, name: "新工作站", level: .districtHall)), actor: w.runtime.state.actor,
      now: w.clock.now())
    #expect(w.store.state.stations[station] != nil)
  }
}
