import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// How each figure is counted is longer than a small terminal: the definitions scroll.
@Suite struct BoardDefinitionsStories {
  @Test(arguments: [Language.zh, .en], ["0", "1"])
  func aHeadReadsEveryDefinitionAt80x24ByScrolling(language: Language, section: Character) throws {
    let world = try TestWorld.demo(language: language, size: Size(width: 80, height: 24))
    let first = tr("boards.fig.raised", language) + (language == .zh ? "：" : ": ")
    let last = tr("boards.fig.period", language) + (language == .zh ? "：" : ": ")
    world.press([.character(section), .character("d")])
    #expect(world.screen.contains(first))
    #expect(!world.screen.contains(last), "the last definition is below the box at 80x24")
    #expect(world.screen.contains("▼"))
    // PgDn pages, j moves a line at a time, and the end stops at the last line.
    world.press([.pageDown, .pageDown, .pageDown, .pageDown])
    #expect(world.screen.contains(last))
    #expect(!world.screen.contains(first))
    #expect(world.screen.contains("▲") && !world.screen.contains("▼"))
    let bottom = world.screen
    world.press([.character("j")])
    #expect(world.screen == bottom, "j at the end stays at the end")
    world.press([.character("k"), .character("g")])
    #expect(world.screen.contains(first))
    world.press([.character("G")])
    #expect(world.screen == bottom)
    // d closes them; opened again, they start from the top.
    world.press([.character("d")])
    #expect(world.state.boards.showDefinitions == false && world.state.overview.showDefinitions == false)
    world.press([.character("d")])
    #expect(world.screen.contains(first))
    world.press([.escape])
    #expect(world.state.boards.showDefinitions == false && world.state.overview.showDefinitions == false)
  }
}
