import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The registers, the problems board and the consultations answer keys through the keymap, like
/// every kit list: `h` shows the selected record's history there, and `P` raises a problem from a
/// consultation with the fieldwork sections' form.
@Suite struct KeymapSectionStories {
  @Test func hOnAProblemShowsItsReassignmentHistory() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("5")])
    // The first problem on the board that may still be (re)assigned; the selection goes there.
    let shown = world.state.problems.shownProblemIDs
    let index = try #require(
      shown.firstIndex { [.raised, .assigned].contains(world.state.data.problems[$0]?.status) })
    world.press(Array(repeating: .down, count: index))
    let id = shown[index]
    #expect(world.state.problems.selectedProblemID == id)
    let others = world.state.data.departments.keys.sorted().filter {
      $0 != world.state.data.problems[id]?.department
    }
    try #require(others.count >= 2)
    let due = Day(year: 2026, month: 12, day: 20) ?? TestWorld.today
    // Assigned to one department, then reassigned to another; the board keeps the problem selected.
    world.apply(.assignProblem(id, others[0], due: due, note: "交办"))
    world.apply(.assignProblem(id, others[1], due: due, note: "改派"))
    #expect(world.state.problems.selectedProblemID == id)
    world.press([.character("h")])
    let history = try #require(world.state.recordHistory)
    #expect(history.title.hasPrefix("History of problem"))
    // Both moves, newest first, each with the department before and after, by their names.
    let moves = history.rows.filter { $0.key == "Department" }
    #expect(moves.count >= 2)
    #expect(moves.count >= 2 && moves[0].description != moves[1].description)
    let names = others.prefix(2).compactMap { world.state.data.departments[$0]?.name }
    #expect(moves.first?.description == "\(names[0]) → \(names[1])")
    // The problem's own history list shows the step added, not the whole list twice.
    let steps = history.rows.filter { $0.key == "History" }
    #expect(steps.first?.description.hasPrefix("… → + ") == true, "\(steps.first?.description ?? "none")")
    #expect(world.screen.contains("hexm"))
    world.press([.escape])
    #expect(world.state.recordHistory == nil)
  }

  @Test func hOnAProblemsDetailShowsThatProblem() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 80, height: 24))
    world.press([.character("5")])
    let id = try #require(world.state.problems.selectedProblemID)
    world.press([.enter])
    #expect(world.state.problems.openProblemID == id)
    world.press([.character("h")])
    let history = try #require(world.state.recordHistory)
    let name = try #require(world.state.data.problems[id]?.displayName)
    #expect(history.title.contains(name))
    // Leaving the history leaves the detail as it was.
    world.press([.character("h")])
    #expect(world.state.recordHistory == nil)
    #expect(world.state.problems.openProblemID == id)
  }

  @Test func hOnAMemberShowsTheEditOfTheirPhoneBeforeAndAfter() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("6")])
    let ref = try #require(world.state.registers.selectedRef)
    guard case .member(var member)? = world.state.data.value(of: ref) else {
      Issue.record("the registers do not open on a member")
      return
    }
    let oldPhone = member.phone
    member.phone = "13900001111"
    world.apply(.putMember(member))
    world.press([.character("h")])
    let history = try #require(world.state.recordHistory)
    #expect(history.title.contains(member.name))
    let phone = try #require(history.rows.first { $0.key == "Phone" })
    #expect(phone.description == tr("history.field", .en, oldPhone, "13900001111"))
    // From a member's detail (Enter gives it the focus), h shows the same history.
    world.press([.escape, .enter])
    #expect(world.state.registers.list.openRecord == ref)
    world.press([.character("h")])
    #expect(world.state.recordHistory?.title == history.title)
  }

  @Test func theRegistersKeysGoThroughTheKeymap() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 80, height: 24))
    world.press([.character("6")])
    #expect(world.state.registers.kind == .members)
    // ] is a binding of the registers' context, resolved by the keymap, not read by the screen.
    #expect(Update.resolve(.character("]"), in: world.state)?.action == .nextRegister)
    world.press([.character("]")])
    #expect(world.state.registers.kind == RegisterKind.members.next)
    #expect(world.state.message == nil)
    // Enter opens the record's detail (on its own at 80 columns); j scrolls it; Esc goes back.
    let sector = try #require(world.state.registers.selectedRef)
    world.step(.enter) { $0.registers.lists.sectors.openRecord = sector }
    world.step(.character("j")) { $0.registers.lists.sectors.detailScroll = 1 }
    world.step(.escape) { $0.registers.lists.sectors.openRecord = nil }
    // Enter (or Backspace) goes back too, as it did before the keymap routed these keys.
    world.press([.enter])
    world.step(.enter) { $0.registers.lists.sectors.openRecord = nil }
  }

  @Test func hOnAConsultationShowsItsHistory() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2")])
    let selected = try #require(world.state.consultations.selectedID)
    let consultation = try #require(world.state.data.consultations[selected])
    world.press([.character("h")])
    let history = try #require(world.state.recordHistory)
    #expect(history.title.contains(consultation.details.title))
    #expect(history.rows.contains { $0.description == tr("history.created", .en) })
  }

  @Test func pOnAConsultationRaisesAProblemWhoseSourceIsThatConsultation() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("2")])
    let selected = try #require(world.state.consultations.selectedID)
    let consultation = try #require(world.state.data.consultations[selected])
    let before = Set(world.state.data.problems.keys)
    // From the consultation's timeline, as from the list.
    world.press([.enter])
    #expect(world.state.consultations.mode == .detail(consultation.id))
    world.press([.character("P")])
    let form = try #require(world.state.consultations.raiseForm)
    #expect(form.purpose == .raiseProblem(.consultation(consultation.id)))
    #expect(world.screen.contains(consultation.details.title))
    world.type("Street lamps out on the riverside path")
    world.press([.ctrl("s")])
    #expect(world.state.consultations.raiseForm == nil)
    let raised = world.state.data.problems.values.filter { !before.contains($0.id) }
    #expect(raised.count == 1)
    #expect(raised.first?.source == .consultation(consultation.id))
    #expect(raised.first?.title == "Street lamps out on the riverside path")
    #expect(world.state.message?.kind == .ok)
    // The timeline now lists it among the consultation's problems.
    #expect(world.screen.contains("Street lamps out"))
  }
}
