import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// What a secretary's keys do in the full-screen editor, and that help says the same.
@Suite struct WritersKeysStories {
  @Test func ctrlZAndCtrlRTakeTheTypingBackAndForthAndLeaveTheRecordsAlone() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("9"))
    let shown = try #require(world.runtime.state.reports.selectedRef)
    let report = try #require(world.runtime.state.data.opinionReports[OpinionReportID(raw: shown.raw)])
    // Earlier she changed the report's title and took it back with u: a redo is pending.
    var retitled = report
    retitled.title = "A title taken back"
    world.world.apply(.putOpinionReport(retitled))
    world.press(.character("u"))
    #expect(world.runtime.state.data.opinionReports[report.id]?.title == report.title)
    world.press(.character("e"))
    // Pasted: one undo step.
    world.backend.enqueue([.paste("Manhole covers rattle at night. ")])
    world.runtime.run(untilIdle: true)
    let typed = try #require(world.runtime.state.reports.editor?.area.text)
    #expect(typed.hasPrefix("Manhole covers rattle at night. "))
    world.press(.ctrl("z"))
    #expect(world.runtime.state.reports.editor?.area.text == report.text)
    // Ctrl-R brings the typing back, as Ctrl-Y does; the title taken back stays taken back.
    world.press(.ctrl("r"))
    #expect(world.runtime.state.reports.editor?.area.text == typed)
    #expect(world.runtime.state.data.opinionReports[report.id]?.title == report.title)
    world.press(.ctrl("z"), .ctrl("y"))
    #expect(world.runtime.state.reports.editor?.area.text == typed)
    // Tab keeps her in the editor.
    world.press(.tab)
    #expect(world.runtime.state.section == .reports)
    #expect(world.runtime.state.reports.editor != nil)
  }

  @Test(arguments: [Language.zh, .en])
  func helpInTheMinutesEditorListsItsUndoAndNoSuspendOrSectionSwitch(language: Language) throws {
    let world = try DemoWorld(language: language, size: Size(width: 120, height: 40))
    world.press(.character("2"), .character("G"), .character("m"))
    #expect(world.runtime.state.consultations.editor != nil)
    let overlay = View.helpOverlay(world.runtime.state)
    let here = overlay.rows.prefix { $0 != .heading(tr("lead.help.elsewhere", language)) }
    let lines = here.filter { !$0.key.isEmpty }.map { $0.key + " " + $0.description }
    #expect(lines.contains("Ctrl-Z " + tr("ux5.editor.undo", language)), "\(lines)")
    #expect(lines.contains("Ctrl-Y / Ctrl-R " + tr("ux5.editor.redo", language)), "\(lines)")
    #expect(!lines.contains { $0.hasSuffix(tr("action.suspend", language)) }, "\(lines)")
    #expect(!lines.contains { $0.hasSuffix(tr("action.nextSection", language)) }, "\(lines)")
    // Every heading of the keys in force has a key under it.
    let rows = Array(here)
    for index in rows.indices.dropLast() where rows[index].key.isEmpty && rows[index + 1].key.isEmpty {
      Issue.record("an empty heading: \(rows[index].description)")
    }
  }
}
