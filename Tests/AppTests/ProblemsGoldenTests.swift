import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The demonstration data on a fixed day, shown at a given size and language (a `TestWorld`).
final class DemoWorld {
  let world: TestWorld
  static let today = TestWorld.today

  init(language: Language, size: Size) throws { world = try TestWorld.demo(language: language, size: size) }

  var store: CommitteeStore { world.store }
  var backend: VirtualBackend { world.backend }
  var runtime: Runtime { world.runtime }

  func press(_ keys: Key...) { world.press(keys) }
  func type(_ text: String) { world.type(text) }
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
    #expect(world.runtime.state.problems.openProblemID != nil)
    GoldenFile.assertMatches(world.backend.screen, named: "problems-detail-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theOverviewOfTheDemo(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("1"))
    GoldenFile.assertMatches(world.backend.screen, named: "overview-demo-\(language)-\(size)")
  }
}
