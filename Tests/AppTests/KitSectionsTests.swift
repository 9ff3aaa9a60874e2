import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// Supervision and the registers on the section kit: the kit's list, filters and keys, and the
/// parts each keeps of its own (the timeline, the sub-lists), told through pure `Update` steps.
@Suite struct KitSections {
  static func press(_ keys: [Key], on state: AppState) -> AppState { KeymapRouting.press(keys, on: state) }

  @Test func aClerkNarrowsTheTopicsByStandingAndFollowsATimelinesLink() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    let list = Self.press([.character("3")], on: world.runtime.state)
    let all = list.supervision.list.shownRefs
    // t: only the topics that stand at the first standing, named in the header.
    let proposed = Self.press([.character("t")], on: list)
    let shown = proposed.supervision.list.shownRefs
    #expect(!shown.isEmpty && shown.count < all.count)
    for ref in shown {
      #expect(proposed.data.supervisionItems[SupervisionItemID(raw: ref.raw)]?.standing == .proposed)
    }
    #expect(proposed.message == nil)
    // Esc gives every topic back.
    #expect(Self.press([.escape], on: proposed).supervision.list.shownRefs == all)

    // Enter opens the selected topic's timeline full-screen; Tab goes to its next linked record,
    // Enter opens that record in its own section.
    let topic = try #require(list.supervision.selectedID)
    let timeline = Self.press([.enter], on: list)
    #expect(timeline.supervision.mode == .detail(topic))
    let linked = Self.press([.tab], on: timeline)
    let lines = linked.supervision.lines(linked.context)
    let cursor = linked.supervision.cursor
    let ref = try #require(lines.indices.contains(cursor) ? lines[cursor].record : nil)
    let opened = Self.press([.enter], on: linked)
    #expect(opened.section == (ref.kind == .consultation ? .consultations : .problems))
  }

  @Test func aChineseHeaderNamesTheChosenStandingWithAFullWidthColon() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.press(.character("3"), .character("t"))
    let standing = tr("supervision2.column.standing", .zh)
    #expect(
      world.backend.screen.text.contains(standing + "：" + tr(SupervisionStanding.proposed.nameKey, .zh)))
    #expect(!world.backend.screen.text.contains(standing + ": "))
  }

  @Test func eachRegisterKeepsItsOwnPlaceAndItsOwnArchivedToggle() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    let members = Self.press([.character("6"), .character("j"), .character("j")], on: world.runtime.state)
    let third = try #require(members.registers.selectedRef)
    #expect(members.registers.table.selection == 2)
    // A shows the archived members; the sectors, one step right, still hide theirs.
    let archived = Self.press([.character("A")], on: members)
    #expect(archived.registers.showArchived)
    let sectors = Self.press([.character("]")], on: archived)
    #expect(sectors.registers.kind == .sectors)
    #expect(sectors.registers.table.selection == 0)
    #expect(!sectors.registers.showArchived)
    #expect(sectors.registers.selectedRef?.kind == .sector)
    // Back to the members: the same member under the cursor, archived ones still shown.
    let back = Self.press([.character("[")], on: sectors)
    #expect(back.registers.selectedRef == third)
    #expect(back.registers.showArchived)
  }
}
