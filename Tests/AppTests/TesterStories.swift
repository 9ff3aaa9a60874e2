import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// A clerk at the keyboard does what people do: presses Ctrl-C out of habit in the middle of a form.
@Suite("A user at the keyboard loses nothing by habit")
struct TesterStories {
  @Test("Ctrl-C in a form with a title typed says the form is not saved; a second Ctrl-C quits")
  func ctrlCInAFormAsksFirst() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2"), .character("n")])
    world.type("老旧小区停车难协商")
    world.press([.ctrl("c")])
    #expect(!world.state.quitting)
    #expect(world.screen.contains("Ctrl-C again quits"))
    #expect(world.screen.contains("老旧小区停车难协商"))
    world.press([.ctrl("c")])
    #expect(world.state.quitting)
  }

  @Test("after the warning, typing on and pressing Ctrl-C warns again instead of quitting")
  func theWarningHoldsForTheNextKeyOnly() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character("2"), .character("n")])
    world.type("停车")
    world.press([.ctrl("c")])
    world.type("难")
    world.press([.ctrl("c")])
    #expect(!world.state.quitting)
    #expect(world.screen.contains("再按一次 Ctrl-C"))
  }

  @Test("Ctrl-C on a list, with no form open, quits at once")
  func ctrlCOnAListQuits() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 80, height: 24))
    world.press([.character("2"), .ctrl("c")])
    #expect(world.state.quitting)
  }
}
