import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The demonstration data in a real store on a fixed day, shown at a given size and language.
final class DemoWorld {
  let folder: URL
  let store: CommitteeStore
  let backend: VirtualBackend
  let runtime: Runtime
  static let today = Day(year: 2026, month: 11, day: 26)!

  init(language: Language, size: Size) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
    let clock = TestClock(Self.today)
    store = try CommitteeStore.open(folder: folder.path, now: clock.now())
    let actor = try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    backend = VirtualBackend(size: size)
    let state = AppState(language: language, size: size, actor: actor, data: store.state, today: Self.today)
    runtime = Runtime(state: state, backend: backend, store: store, clock: clock)
    for event in runtime.perform(.loadDemo) { runtime.send(event) }
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func press(_ keys: Key...) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }
}

@Suite struct ProblemsGoldenScreens {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  @Test(arguments: [Language.zh, .en], sizes)
  func theProblemsBoardOfTheDemo(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("5"))
    #expect(world.backend.screen.text.contains("!"))
    GoldenFile.assertMatches(world.backend.screen, named: "problems-board-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func aProblemsTimelineAndNextSteps(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("5"), .character("!"), .character("j"), .enter)
    #expect(world.runtime.state.problems.mode == .detail)
    GoldenFile.assertMatches(world.backend.screen, named: "problems-detail-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theOverviewOfTheDemo(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("1"))
    GoldenFile.assertMatches(world.backend.screen, named: "overview-demo-\(language)-\(size)")
  }
}
