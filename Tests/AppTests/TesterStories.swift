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

  @Test(
    "m on a topic whose consultation is not recorded says to record it first, not that no follow-up can be")
  func minutesBeforeTheMeetingSayWhatToDo() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let topics = world.state.data.supervisionItems.values.sorted { $0.id < $1.id }
    let row = try #require(topics.firstIndex { $0.meeting == nil && !$0.isClosed })
    world.press([.character("3"), .character("g")] + Array(repeating: .character("j"), count: row))
    world.press([.character("m")])
    #expect(world.state.supervision.editor == nil)
    #expect(
      world.screen.contains("No consultation recorded yet, so no minutes: press a to record it, then m"))
    #expect(!world.screen.contains("no follow-up"))
  }

  @Test("Enter on the discard question presses the highlighted No, and help says so instead of Confirm")
  func enterOnTheDiscardQuestionKeepsTheForm() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2"), .character("n")])
    world.type("老旧小区停车难协商")
    world.press([.escape, .enter])
    #expect(world.screen.contains("老旧小区停车难协商"))
    #expect(world.state.activeScreen.keyContexts(context: world.state.context).contains(.form))
    let enter = try #require(Keymap.bindings(in: .dialog).first { $0.keys.contains(.enter) })
    #expect(tr(enter.helpKey, .en) == "Press the button in brackets (← → switch)")
  }

  @Test(
    "help opened in a form lists only keys that work there: no q to quit, no digits, no Tab to the next section"
  )
  func helpInAFormListsWhatWorks() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2"), .character("n"), .function(1)])
    #expect(world.state.showHelp)
    let help = world.screen
    #expect(help.contains("Ctrl-S"))
    #expect(help.contains("F1"))
    #expect(!help.contains("? / F1"))
    #expect(!help.contains("Quit"))
    #expect(!help.contains("Next section"))
    #expect(!help.contains("Go to section N"))
  }
}
