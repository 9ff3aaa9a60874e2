import Domain
import Exchange
import Foundation
import Localization
import Seed
import Store
import TerminalCore
import Testing

@testable import App

/// Random keys from a seed: every section (digits, Tab), lists, forms (n, a, e, Enter, Ctrl-S),
/// the minutes editor (m, Ctrl-P), filters (/), undo and redo, pastes with line breaks and control
/// characters, and resizes. Never q or Ctrl-C: the run ends with SIGTERM.
struct Monkey {
  var random: SeedRandom
  static let actions: [Character] = Array("nabmedsS/urcfgGjkhlyptvwzAN")
  static let text: [Character] = Array("王芳李强张伟协商监督巡河问题纪要，。、1234567890 abc-=+@#")
  static let navigation: [Key] = [
    .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .backspace, .delete,
  ]
  static let controls: [Key] = [
    .ctrl("s"), .ctrl("p"), .ctrl("u"), .ctrl("r"), .ctrl("y"), .ctrl("z"), .ctrl("a"),
  ]
  static let pastes = [
    "王芳,13800000000\n李强,=HYPERLINK(\"x\")", "\u{1B}[2J\u{07}清屏", String(repeating: "长文本", count: 400),
    "第一行\r\n第二行\t第三行", "## 形成意见\n1. 建议",
  ]

  init(seed: UInt64) { random = SeedRandom(seed: seed) }

  mutating func next() -> Event {
    let roll = random.below(1000)
    switch roll {
    case 0..<280: return .key(.character(random.pick(Self.actions)))
    case 280..<450: return .key(random.pick(Self.navigation))
    case 450..<520: return .key(.character(Character(String(random.between(0, 9)))))
    case 520..<700: return .key(.character(random.pick(Self.text)))
    case 700..<780: return .key(.enter)
    case 780..<850: return .key(.escape)
    case 850..<910: return .key(random.chance(0.5) ? .tab : .backTab)
    case 910..<960: return .key(random.pick(Self.controls))
    case 960..<985: return .paste(random.pick(Self.pastes))
    case 985..<995: return .tick
    default:
      return .resize(Size(width: random.between(20, 160), height: random.between(5, 60)))
    }
  }
}

@Suite(.serialized) struct MonkeyRuns {
  /// The default seed is one whose run reaches every section and the minutes editor (with ten
  /// sections, some seeds never open the editor; the run checks that this one does).
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["SHANGLIANG_MONKEY_SEED"].flatMap(UInt64.init) ?? 3
  }

  @Test func twentyThousandRandomKeysLeaveASoundStoreAndEndCleanly() throws {
    let seed = Self.seed
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monkey-\(UUID().uuidString)")
      .path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let today = Day(year: 2026, month: 11, day: 26)!
    let clock = TestClock(today)
    let store = try CommitteeStore.open(folder: folder, now: clock.now())
    let actor = try Startup.actor(store: store, userName: "wangli", displayName: "王丽", now: clock.now())
    try Startup.loadDemo(into: store, actor: actor, today: today)
    let backend = VirtualBackend(size: Size(width: 100, height: 30))
    let state = Startup.initialState(
      store: store, actor: actor, language: .zh, size: backend.size, today: today)
    let runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
    // Exports go nowhere: the monkey must not leave files in the working folder.
    runtime.writeExport = { _, _ throws(ExportFileError) in }
    var monkey = Monkey(seed: seed)
    let demoChanges = store.lastSequence
    var sectionsSeen: Set<Section> = []
    var editorOpened = false
    var sent = 0
    var keys = 0
    while sent < 24_000 {
      var burst: [Event] = []
      for _ in 0..<40 {
        var event = monkey.next()
        // A resize also changes the backend's size, as a terminal would.
        if case .resize(let size) = event {
          backend.resize(to: size)
          event = .tick
        }
        if case .key = event { keys += 1 }
        burst.append(event)
      }
      sent += burst.count
      backend.enqueueBurst(burst)
      runtime.run(untilIdle: true)
      sectionsSeen.insert(runtime.state.section)
      if runtime.state.consultations.editor != nil { editorOpened = true }
      #expect(!runtime.state.quitting, "seed \(seed): quit after \(sent) events")
      if runtime.state.quitting { break }
      clock.set(clock.now().addingTimeInterval(1))
    }
    #expect(keys >= 20_000, "seed \(seed)")
    // It went everywhere and changed things, or it proved little.
    #expect(sectionsSeen == Set(Section.allCases), "seed \(seed)")
    #expect(editorOpened, "seed \(seed)")
    #expect(
      store.lastSequence > demoChanges + 10, "seed \(seed): \(store.lastSequence - demoChanges) changes")
    backend.enqueue([.signal(.terminate)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.quitting)
    let data = runtime.state.data
    try store.close(now: clock.now())

    let report = CommitteeStore.check(folder: folder)
    #expect(report.isSound, "seed \(seed): \(report.problem.map { $0.message(in: .en) } ?? "")")
    let reopened = try CommitteeStore.open(folder: folder, now: clock.now())
    #expect(reopened.state == data, "seed \(seed): what the screen showed is what the store kept")
    try reopened.close(now: clock.now())
  }

  @Test func aResizeStormLeavesEveryFrameTheTerminalsSizeAndTheLayoutWhole() throws {
    let today = Day(year: 2026, month: 11, day: 26)!
    let data = try Demo.state(today: today)
    let backend = VirtualBackend(size: Size(width: 100, height: 30))
    let state = AppState(
      language: .zh, size: backend.size, actor: .staff("demo", .admin), data: data, today: today)
    let runtime = Runtime(state: state, backend: backend)
    runtime.run(untilIdle: true)
    let first = backend.screen
    var random = SeedRandom(seed: Self.seed)
    for round in 0..<200 {
      let size = Size(width: random.between(1, 200), height: random.between(1, 70))
      backend.resize(to: size)
      if round % 7 == 0 { backend.enqueue([.key(.character(Character(String(random.between(1, 6)))))]) }
      runtime.run(untilIdle: true)
      #expect(backend.screen.size == size, "seed \(Self.seed), round \(round)")
    }
    backend.enqueue([.key(.character("1"))])
    backend.resize(to: Size(width: 100, height: 30))
    runtime.run(untilIdle: true)
    #expect(backend.screen == first, "back at the first size and section, the first frame again")
  }
}
