import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// Every key the help lists does something where it is listed: the keymap routes keys, so a
/// binding whose action nobody performs shows up here as "No action for …" or "not here".
@Suite struct KeymapRouting {
  /// A place in the app reached by keys from the demo's first screen.
  struct Scene {
    var name: String
    var keys: [Key]
  }

  static let scenes: [Scene] = [
    Scene(name: "overview", keys: [.character("1")]),
    Scene(name: "consultations", keys: [.character("2")]),
    Scene(name: "consultation detail", keys: [.character("2"), .enter]),
    Scene(name: "consultation form", keys: [.character("2"), .character("n")]),
    Scene(name: "problem from a consultation", keys: [.character("2"), .character("P")]),
    Scene(name: "minutes editor", keys: [.character("2"), .character("G"), .character("m")]),
    Scene(name: "supervision", keys: [.character("3")]),
    Scene(name: "supervision detail", keys: [.character("3"), .enter]),
    Scene(name: "supervision board", keys: [.character("3"), .character("b")]),
    Scene(name: "supervision form", keys: [.character("3"), .character("n")]),
    Scene(name: "supervision minutes", keys: [.character("3"), .character("j"), .character("m")]),
    Scene(name: "patrols", keys: [.character("4")]),
    Scene(name: "patrol detail", keys: [.character("4"), .enter]),
    Scene(name: "problems", keys: [.character("5")]),
    Scene(name: "problem detail", keys: [.character("5"), .enter]),
    // Only raised problems (t): the first is offered its assignment.
    Scene(name: "problem form", keys: [.character("5"), .character("t"), .character("a")]),
    Scene(
      name: "discard question",
      keys: [.character("5"), .character("t"), .character("a"), .tab, .character("x"), .escape]),
    Scene(name: "raise from any source", keys: [.character("5"), .character("n")]),
    Scene(name: "patrol form", keys: [.character("4"), .character("n")]),
    Scene(name: "visits", keys: [.character("8")]),
    Scene(name: "visit detail", keys: [.character("8"), .enter]),
    Scene(name: "reports", keys: [.character("9")]),
    Scene(name: "report detail", keys: [.character("9"), .enter]),
    Scene(name: "report text editor", keys: [.character("9"), .character("e")]),
    Scene(name: "raise from a topic", keys: [.character("3"), .character("P")]),
    Scene(name: "yearly targets", keys: [.character("8"), .character("y")]),
    Scene(name: "registers", keys: [.character("6")]),
    Scene(name: "register form", keys: [.character("6"), .character("n")]),
    Scene(name: "register detail", keys: [.character("6"), .enter]),
    Scene(name: "sector homes", keys: [.character("7")]),
    Scene(name: "cooperation", keys: [.character("7"), .character("c")]),
    Scene(name: "boards", keys: [.character("0")]),
    Scene(name: "boards drill", keys: [.character("0"), .enter]),
    Scene(name: "boards definitions", keys: [.character("0"), .character("d")]),
    Scene(name: "committees' roll-up", keys: [.character("0"), .character("c")]),
    Scene(name: "supervision topics of the boards", keys: [.character("0"), .character("S")]),
    Scene(name: "supervision topics of the overview", keys: [.character("1"), .character("S")]),
    Scene(name: "overview definitions", keys: [.character("1"), .character("d")]),
    Scene(name: "saved views of the visits", keys: [.character("8"), .character("'")]),
    Scene(name: "saving a view of the boards", keys: [.character("0"), .character("V")]),
  ]

  /// Sends keys to a copy of the state through `Update` (effects are not carried out).
  static func press(_ keys: [Key], on state: AppState) -> AppState {
    var state = state
    for key in keys { _ = Update.update(&state, .terminal(.key(key))) }
    return state
  }

  static func isUndefined(_ message: Message?, _ key: Key, _ language: Language) -> Bool {
    guard let text = message?.text else { return false }
    return text == tr("message.unknownKey", language, key.description)
      || text == tr("message.notHere", language, key.description)
  }

  @Test func everyListedKeyDoesSomethingInItsContext() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    var start = world.runtime.state
    // As on a shared store whose database holds several committees: the boards offer the roll-up.
    start.rollupOffered = true
    var visited: Set<KeyContext> = [.global]
    for scene in Self.scenes {
      let state = Self.press(scene.keys, on: start)
      // The saved views' panel, when open, takes the keys before the screen.
      let contexts = state.views?.keyContexts ?? state.activeScreen.keyContexts(context: state.context)
      visited.formUnion(contexts)
      for context in contexts {
        for binding in Keymap.bindings(in: context) {
          for key in binding.keys {
            var after = state
            after.message = nil
            after = Self.press([key], on: after)
            // Esc at the top of a list has nothing to go back from; saying so is honest.
            if binding.action == .back && !state.activeScreen.capturesText { continue }
            #expect(
              !Self.isUndefined(after.message, key, .en),
              "\(scene.name): \(key) (\(binding.action.rawValue) in \(context.rawValue)) does nothing")
          }
        }
      }
    }
    // Every context of the table is reached by some scene, so none of its keys goes untested.
    let missing = Set(Keymap.contexts).subtracting(visited)
    #expect(missing.isEmpty, "contexts no scene reaches: \(missing.map(\.rawValue).sorted())")
  }

  @Test func ctrlFAndCtrlBPageTheListByTheDrawnHeight() throws {
    for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
      let world = try DemoWorld(language: .en, size: size)
      let state = Self.press([.character("4")], on: world.runtime.state)
      let page = RecordListLayout(body: ShellLayout.body(size)).page
      let down = Self.press([.ctrl("f")], on: state)
      #expect(down.patrols.table.selection == page, "\(size)")
      #expect(down.message == nil)
      let back = Self.press([.ctrl("b")], on: down)
      #expect(back.patrols.table.selection == 0)
      // The same keys page the problems board.
      let board = Self.press([.character("5"), .ctrl("f")], on: world.runtime.state)
      #expect(board.problems.table.selection > 0)
    }
  }

  @Test func anUnboundKeyIsNamedAndABoundOneIsNot() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    let state = Self.press([.character("3"), .function(9)], on: world.runtime.state)
    #expect(Self.isUndefined(state.message, .function(9), .en))
    let moved = Self.press([.character("3"), .character("j")], on: world.runtime.state)
    #expect(moved.message == nil)
    #expect(moved.supervision.table.selection == 1)
  }
}

/// The kit's form lifecycle and value state, told through pure `Update` steps.
@Suite struct FormLifecycleStories {
  @Test func escWithoutChangesClosesAndWithChangesAsksFirst() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    // Only raised problems (t): the first is offered its assignment, a form with text fields.
    let board = KeymapRouting.press([.character("5"), .character("t")], on: world.runtime.state)
    let opened = KeymapRouting.press([.character("a")], on: board)
    #expect(opened.problems.openForm != nil)
    // Nothing typed: Esc closes at once.
    #expect(KeymapRouting.press([.escape], on: opened).problems.openForm == nil)
    // Something typed: Esc asks; n (or Esc) goes back to the form with the text kept.
    let typed = KeymapRouting.press([.tab, .character("x")], on: opened)
    let asked = KeymapRouting.press([.escape], on: typed)
    #expect(asked.problems.openForm?.session.askingToDiscard == true)
    #expect(asked.activeScreen.keyContexts(context: asked.context) == [.dialog])
    let kept = KeymapRouting.press([.character("n")], on: asked)
    #expect(kept.problems.openForm?.session.askingToDiscard == false)
    #expect(kept.problems.openForm?.form == typed.problems.openForm?.form)
    // y discards and says so.
    let discarded = KeymapRouting.press([.escape, .character("y")], on: typed)
    #expect(discarded.problems.openForm == nil)
    #expect(discarded.message?.text == "Changes discarded.")
  }

  @Test func theStateIsAValueThatTestsCanCompareAfterEachStep() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    let start = KeymapRouting.press([.character("3")], on: world.runtime.state)
    // The same keys from the same state give the same state; a step and its inverse come back.
    #expect(KeymapRouting.press([.character("j")], on: start) == KeymapRouting.press([.down], on: start))
    #expect(KeymapRouting.press([.character("j"), .character("k")], on: start) == start)
    #expect(KeymapRouting.press([.character("j")], on: start) != start)
    // Enter opens the topic's timeline; Esc gives the focus back to the list.
    let detail = KeymapRouting.press([.enter], on: start)
    #expect(detail.supervision.mode == .detail(try #require(start.supervision.selectedID)))
    #expect(KeymapRouting.press([.escape], on: detail) == start)
  }
}

/// Stories told one event at a time, each naming the whole change of the state (`TestWorld.step`).
@Suite struct StepByStepStories {
  @Test func aClerkBrowsesThePatrolsWithTheDetailBesideTheList() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("4")])
    let first = try #require(world.state.patrols.selectedRef)
    world.step(.down) { $0.patrols.table.selection = 1 }
    let second = try #require(world.state.patrols.selectedRef)
    #expect(second != first)
    // Enter gives the detail beside the list the focus; ↓ then scrolls it, not the list.
    world.step(.enter) { $0.patrols.openRecord = second }
    world.step(.down) { $0.patrols.detailScroll = 1 }
    world.step(.escape) { $0.patrols.openRecord = nil }
    // A key no binding names changes nothing but the message line.
    world.step(.function(9)) { $0.message = Message(tr("message.unknownKey", .en, "F9"), .warning) }
  }
}
