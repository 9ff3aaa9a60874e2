import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The full-screen long-text editors (a report's text, a consultation's minutes, a supervision
/// topic's minutes) never silently write over a text another person saved while this user typed:
/// they ask, keep mine or take theirs, and what was typed is never lost.
@Suite struct TextClashStories {
  static func type(_ world: DemoWorld, _ text: String) {
    for character in text { world.press(.character(character)) }
  }

  @Test func aReportsTextSavedByAColleagueIsOfferedAndTakingTheirsKeepsMineBelowIt() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("9"), .character("e"))
    let ref = try #require(world.runtime.state.reports.editorRecord)
    let report = try #require(world.runtime.state.data.opinionReports[ID(raw: ref.raw)])
    Self.type(world, "MY ADDITION ")
    var theirs = report
    theirs.text = "Their rewritten text."
    try EditClashStories.byAnotherUser(world.world, "lixm", changes: .putOpinionReport(theirs), touching: ref)

    // Ctrl-S asks instead of writing over Li's text, and names him.
    world.press(.ctrl("s"))
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == "Their rewritten text.")
    #expect(world.runtime.state.reports.editor?.textClash?.theirs == "Their rewritten text.")
    #expect(world.backend.screen.text.contains("Text changed by lixm"), "\(world.backend.screen.text)")

    // Take theirs: the editor holds their text with hers below a marked line, kept as a draft.
    world.press(.character("n"))
    let editor = try #require(world.runtime.state.reports.editor)
    #expect(editor.textClash == nil)
    #expect(editor.area.text.hasPrefix("Their rewritten text.\n\n"))
    #expect(editor.area.text.contains("MY ADDITION " + report.text))
    let drafts = world.store.drafts().filter { $0.key.hasSuffix(ReportsList.draftKey(report.id)) }
    #expect(drafts.map(\.text) == [editor.area.text])
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == "Their rewritten text.")

    // Saving now writes the merged text: the editor stands on their text, so nothing is asked.
    world.press(.ctrl("s"))
    #expect(world.runtime.state.reports.editor?.textClash == nil)
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == editor.area.text)
  }

  @Test func aTopicsMinutesKeptOverAColleaguesSaveWhenShePressesY() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.world.apply(
      .putStaffAccount(
        StaffAccount(
          id: StaffAccountID(raw: world.store.state.nextRawID), userName: "lixm", displayName: "李晓明",
          role: .clerk)))
    world.press(.character("3"), .character("j"), .character("m"))
    let id = try #require(world.runtime.state.supervision.editorTopic)
    Self.type(world, "我的补充")
    let mine = try #require(world.runtime.state.supervision.editor?.area.text)
    try EditClashStories.byAnotherUser(
      world.world, "lixm", .secretary, changes: .recordSupervisionMinutes(id, "李晓明记的纪要。"),
      touching: RecordRef(id))

    world.press(.ctrl("s"))
    #expect(world.backend.screen.text.contains("文本已被李晓明修改"), "\(world.backend.screen.text)")
    #expect(world.runtime.state.data.supervisionItems[id]?.meeting?.minutes == "李晓明记的纪要。")
    // y: hers goes over his, once asked.
    world.press(.character("y"))
    #expect(world.runtime.state.supervision.editor?.textClash == nil)
    #expect(world.runtime.state.data.supervisionItems[id]?.meeting?.minutes == mine)
  }

  @Test func escFromTheQuestionGoesBackToHerMinutesWithNothingSaved() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("2"), .character("G"), .character("m"))
    let editing = try #require(world.runtime.state.consultations.editor)
    Self.type(world, "Mine. ")
    let mine = try #require(world.runtime.state.consultations.editor?.area.text)
    try EditClashStories.byAnotherUser(
      world.world, "wangf", .secretary, changes: .recordMinutes(editing.id, "Wang's minutes."),
      touching: RecordRef(editing.id))

    world.press(.ctrl("s"))
    #expect(world.backend.screen.text.contains("Text changed by wangf"), "\(world.backend.screen.text)")
    world.press(.escape)
    #expect(world.runtime.state.consultations.editor?.editor.textClash == nil)
    #expect(world.runtime.state.consultations.editor?.area.text == mine)
    #expect(world.runtime.state.data.consultations[editing.id]?.meeting?.minutes == "Wang's minutes.")
    // Asked again on the next save; y keeps hers.
    world.press(.ctrl("s"))
    #expect(world.runtime.state.consultations.editor?.editor.textClash != nil)
    world.press(.character("y"))
    #expect(world.runtime.state.data.consultations[editing.id]?.meeting?.minutes == mine)
  }

  @Test func herOwnRedoWhileEditingAReportsTextIsNoClash() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("9"))
    let ref = try #require(world.runtime.state.reports.list.selectedRef)
    let report = try #require(world.runtime.state.data.opinionReports[ID(raw: ref.raw)])
    var earlier = report
    earlier.text = "Her earlier text."
    world.world.apply(.putOpinionReport(earlier))
    world.press(.character("u"))
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == report.text)
    world.press(.character("e"))
    Self.type(world, "NEW ")
    // Ctrl-R in the editor redoes her typing now; her redo of the record (as the shell would carry
    // it out) still brings her own change back under the open editor.
    for event in world.runtime.perform(.redo) { world.runtime.send(event) }
    world.runtime.run(untilIdle: true)
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == "Her earlier text.")
    world.press(.ctrl("s"))
    #expect(world.runtime.state.reports.editor?.textClash == nil, "\(world.backend.screen.text)")
    #expect(world.runtime.state.data.opinionReports[report.id]?.text == "NEW " + report.text)
  }
}
