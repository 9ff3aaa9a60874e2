import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// Prose typed into a form is shown whole as it is typed, wrapped by the Chinese rules, not as
/// the last screenful of one scrolled line.
@Suite struct LongFieldStories {
  static let observations =
    "河面漂浮垃圾较多，岸边有（疑似）排污口——需核实。群众反映：夜间有异味，沿岸居民希望尽快查明来源并整改。"

  @Test("a clerk types a patrol's long observations at 80x24 and reads all of them in the form")
  func patrolObservationsShowWhole() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 80, height: 24))
    world.press([.character("4"), .character("n")])
    // River, segment, date, members, partner region, water class, then the observations.
    world.press(Array(repeating: .tab, count: 6))
    world.type(Self.observations)
    let screen = world.backend.screen.text
    #expect(screen.contains("河面漂浮垃圾较多"), "the start of what was typed is in view")
    #expect(screen.contains("并整改。"), "and its end")
    // Closing marks stay with the text before them: no screen row of the form starts with one.
    for line in screen.split(separator: "\n") {
      let inside = line.drop { $0 == " " || $0 == "│" }.drop { $0 == " " }
      #expect(!["，", "。", "）", "："].contains(inside.first ?? " "), "[\(line)]")
    }
  }

  @Test("the research form's findings are a text area, as its suggestions are")
  func researchFindingsAreATextArea() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 80, height: 24))
    let item = try #require(world.state.data.supervisionItems.values.first)
    let form = SupervisionForm.research(item, context: world.state.context)
    let notes = try #require(form.session.form.fields.first { $0.id == "notes" })
    guard case .multilineText(let rows) = notes.kind else {
      Issue.record("the findings are a one-line field")
      return
    }
    #expect(rows >= 3)
  }
}
