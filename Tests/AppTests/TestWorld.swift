import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The one test world every App story uses: a real store in a temp folder, a fixed clock, a
/// virtual terminal and the runtime between them. Section worlds (`DemoWorld`, `ProblemsWorld`,
/// `RegistersWorld`, `ConsultationWorld`) only seed data and keep names for their records.
final class TestWorld {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_418)

  let folder: URL
  let store: CommitteeStore
  let clock: TestClock
  let backend: VirtualBackend
  let runtime: Runtime

  /// Opens an empty store, lets `seed` fill it (returning who works in the app), then starts the
  /// app on it; `configure` adjusts the first state (the section shown, a dialog).
  init(
    language: Language, size: Size, today: Day = TestWorld.today,
    seed: (CommitteeStore, TestClock) throws -> ActingUser,
    configure: (inout AppState) -> Void = { _ in }
  ) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString)")
    clock = TestClock(today)
    store = try CommitteeStore.open(folder: folder.path, now: clock.now())
    let actor = try seed(store, clock)
    backend = VirtualBackend(size: size)
    var state = AppState(language: language, size: size, actor: actor, data: store.state, today: today)
    configure(&state)
    runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
  }

  deinit {
    try? store.close(now: clock.now())
    try? FileManager.default.removeItem(at: folder)
  }

  /// The demonstration data, worked on by `hexm` (the store's first user, an admin).
  static func demo(language: Language, size: Size) throws -> TestWorld {
    let world = try TestWorld(language: language, size: size) { store, clock in
      try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    }
    for event in world.runtime.perform(.loadDemo) { world.runtime.send(event) }
    return world
  }

  var screen: String { backend.screen.text }
  var state: AppState { runtime.state }

  /// Presses keys through the terminal, then lets the runtime work until nothing is left.
  func press(_ keys: [Key]) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }

  /// Types text (each character a key), then lets the runtime work.
  func type(_ text: String) {
    backend.type(text)
    runtime.run(untilIdle: true)
  }

  /// Applies a change as the working user through the runtime, as a screen's effect would.
  func apply(_ change: Change, tag: EffectTag = EffectTag(.overview, "test")) {
    for event in runtime.perform(.apply(change, tag: tag)) { runtime.send(event) }
    runtime.run(untilIdle: true)
  }

  /// TestStore-style: sends one event (its effects carried out) and checks the whole next state.
  /// `expected` turns a copy of the state before into what the state after must equal, so
  /// every change the event makes must be named.
  func step(
    _ event: AppEvent, sourceLocation: SourceLocation = #_sourceLocation, _ expected: (inout AppState) -> Void
  ) {
    var want = runtime.state
    expected(&want)
    runtime.send(event)
    #expect(
      runtime.state == want, "the state after \(event) is not the one expected",
      sourceLocation: sourceLocation)
  }

  /// `step` for a key.
  func step(
    _ key: Key, sourceLocation: SourceLocation = #_sourceLocation, _ expected: (inout AppState) -> Void
  ) {
    step(.terminal(.key(key)), sourceLocation: sourceLocation, expected)
  }
}
