import Domain
import Localization
import TerminalCore
import Testing

@testable import App

@Suite struct ShellStories {
  func shell(_ language: Language, _ size: Size) -> (Runtime, VirtualBackend) {
    let backend = VirtualBackend(size: size)
    let today = Day(year: 2026, month: 11, day: 26)!
    let state = AppState(language: language, size: size, actor: .staff("hexm", .clerk), today: today)
    return (Runtime(state: state, backend: backend), backend)
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theShellOpensOnTheOverview(language: Language, size: Size) {
    let (runtime, backend) = shell(language, size)
    runtime.run(untilIdle: true)
    GoldenFile.assertMatches(backend.screen, named: "shell-overview-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func helpListsEveryKeyOfTheKeymap(language: Language, size: Size) {
    let (runtime, backend) = shell(language, size)
    backend.type("?")
    runtime.run(untilIdle: true)
    #expect(runtime.state.showHelp)
    GoldenFile.assertMatches(backend.screen, named: "shell-help-\(language)-\(size)")
  }

  @Test func aClerkVisitsEverySectionByNumberAndByTab() {
    let (runtime, backend) = shell(.zh, Size(width: 120, height: 40))
    for section in Section.allCases {
      backend.type(String(section.digit))
      runtime.run(untilIdle: true)
      #expect(runtime.state.section == section)
      #expect(backend.screen.text.contains(section.title(.zh)))
    }
    backend.enqueue([.key(.tab)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.section == .overview)
    backend.enqueue([.key(.backTab), .key(.backTab)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.section == Section.overview.previous.previous)
  }

  @Test func everyEmptySectionSaysSoHonestly() {
    let (runtime, backend) = shell(.en, Size(width: 120, height: 40))
    for section in Section.allCases {
      backend.type(String(section.digit))
      runtime.run(untilIdle: true)
      let screen = backend.screen.text.replacingOccurrences(of: "\n", with: " ")
      #expect(screen.contains("yet") || screen.contains("empty"), "\(section) should say it is empty")
    }
  }

  @Test func aTooSmallTerminalSaysWhatItNeedsAndRecovers() {
    let (runtime, backend) = shell(.zh, Size(width: 120, height: 40))
    runtime.run(untilIdle: true)
    backend.resize(to: Size(width: 60, height: 15))
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains("80x24"))
    #expect(backend.screen.text.contains("60x15"))
    backend.resize(to: Size(width: 80, height: 24))
    runtime.run(untilIdle: true)
    #expect(!backend.screen.text.contains("60x15"))
    #expect(backend.screen.line(0).contains("总览"))
  }

  @Test func qQuitsAndCtrlCQuitsAndASignalQuits() {
    for events in [[Event.key(.character("q"))], [.key(.ctrl("c"))], [.signal(.hangup)], [.inputClosed]] {
      let (runtime, backend) = shell(.zh, Size(width: 80, height: 24))
      backend.enqueue(events)
      let final = runtime.run(untilIdle: true)
      #expect(final.quitting, "\(events) should quit")
    }
  }

  @Test func anUnknownKeyIsNamedOnTheMessageLine() {
    let (runtime, backend) = shell(.en, Size(width: 80, height: 24))
    backend.enqueue([.key(.function(9))])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains("No action for F9"))
  }

  @Test func aMessageStaysThroughTicksAndGoesWithTheNextKeyThatSaysNothing() {
    let (runtime, backend) = shell(.en, Size(width: 80, height: 24))
    backend.enqueue([.key(.function(9)), .tick, .tick])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains("No action for F9"), "time alone does not clear it")
    // A key that says something replaces it; a key that says nothing clears it.
    backend.enqueue([.key(.function(8))])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains("No action for F8"))
    backend.enqueue([.key(.character("2"))])
    runtime.run(untilIdle: true)
    #expect(runtime.state.message == nil)
  }

  @Test func aMoveInAListClearsTheWarningAboveIt() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 80, height: 24))
    world.press([.character("4"), .function(9)])
    #expect(world.screen.contains("No action for F9"))
    world.press([.character("j")])
    #expect(world.state.message == nil, "the list moved and said nothing: the old warning went")
  }

  @Test func theReadmeKeyTableIsTheKeymap() throws {
    let readme = GoldenFile.folder.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    #expect(text.contains(Keymap.markdownTable()), "README's key table is stale: run `shangliang keys`")
  }
}
