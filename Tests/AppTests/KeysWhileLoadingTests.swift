import Localization
import TerminalCore
import Testing

@testable import App

/// A list's keys pressed before its rows are in say that it is still loading, not that the key
/// does nothing here: the status bar offers them all the while.
@Suite struct KeysWhileTheListLoads {
  @Test(arguments: [Language.zh, .en])
  func slashAndTheListsKeysSayTheListIsStillLoading(language: Language) throws {
    let gate = BackgroundGate()
    gate.hold()
    defer { gate.release() }
    let world = try ListRowsInTheBackground.world(gate: gate, language: language)
    world.press([.character("2")])
    #expect(world.state.isLoadingRows)
    for key: Key in [.character("/"), .character("s"), .character("t"), .enter] {
      world.press([key])
      #expect(
        world.state.message?.text == tr("ux5.list.loading", language, "0", key.description),
        "\(key): \(world.state.message?.text ?? "no message")")
    }
    // Esc is not about the rows: it says nothing of the loading.
    world.press([.escape])
    #expect(world.state.message?.text != tr("ux5.list.loading", language, "0", Key.escape.description))
    // Once the rows are in, / opens the filter.
    gate.release()
    let build = try #require(world.state.consultations.list.pending)
    #expect(build.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([.character("/")])
    #expect(world.state.consultations.list.table.isEditingFilter)
  }
}
