import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The registers' form on the kit's form lifecycle, and what the tester found on the 名册 screen.
@Suite struct RegistersFormStories {
  @Test func undoingAnArchiveSelectsTheMemberItBroughtBack() throws {
    let world = try RegistersWorld(demo: true)
    world.press(.character("j"), .character("j"), .character("j"))
    let chosen = try #require(world.runtime.state.registers.selectedRef)
    let name = world.data.displayName(of: chosen)
    world.type("d")
    #expect(world.data.isArchived(chosen), "d archived \(name)")
    #expect(world.runtime.state.registers.selectedRef != chosen, "archived members are hidden")
    world.type("u")
    #expect(!world.data.isArchived(chosen), "u restored \(name)")
    #expect(world.runtime.state.registers.selectedRef == chosen, "the cursor is on \(name) again")
    #expect(world.runtime.state.registers.table.selection == 3, "on its own row, not the first")
  }

  @Test func openingAFormClearsTheMessageOfWhatCameBefore() throws {
    let world = try RegistersWorld(demo: true)
    world.type("d")
    let said = try #require(world.runtime.state.message, "the archive said what it did")
    #expect(world.screen.contains(said.text))
    world.type("e")
    #expect(world.runtime.state.message == nil)
    #expect(world.screen.contains("┌─ 编辑委员"))
    #expect(!world.screen.contains(said.text), "the archive's line is gone under the form")
    world.press(.escape)
    world.type("n")
    #expect(world.runtime.state.message == nil, "a new record's form opens on a clear line too")
    world.press(.escape)
    world.type("d")
    #expect(world.runtime.state.message != nil)
    world.type("x")
    #expect(world.runtime.state.message == nil, "and so does the export's file name")
  }

  @Test func aPhoneNumberWithLettersIsRefusedOnItsFieldInTheUsersLanguage() throws {
    for language in [Language.zh, .en] {
      let world = try RegistersWorld(language: language)
      world.type("n")
      world.type("Zhao")
      // name, sector, committee, stations, phone.
      world.press(.tab, .tab, .tab, .tab)
      world.type("call me")
      world.press(.ctrl("s"))
      let refusal = tr("registers2.form.phoneInvalid", language)
      #expect(world.runtime.state.message?.text == refusal)
      guard case .form(let form) = world.runtime.state.registers.mode else {
        Issue.record("the form stays open")
        continue
      }
      #expect(form.form.focusedField?.id == "phone", "the focus is on the phone")
      let label = tr("registers.column.phone", language)
      #expect(
        world.screen.split(separator: "\n").contains { $0.contains("!") && $0.contains(label) },
        "the field is marked")
      #expect(world.data.members.isEmpty, "nothing was saved")
      #expect(world.screen.contains("call me"), "what was typed is kept")
      // Corrected: digits with an extension are a phone number.
      world.press(.ctrl("u"))
      world.type("023-6388 1234 转 802")
      world.press(.ctrl("s"))
      #expect(world.member(named: "Zhao")?.phone == "023-6388 1234 转 802")
    }
  }

  @Test func whatAClerkMayTypeAsAPhoneNumber() {
    for number in [
      "13800138000", "023-63881234", "+86 (23) 6388-1234", "023-6388 1234 转 802", "6388 1234 ext. 802",
      "6388 1234 x802", "6388 1234#802", "（023）63881234", "１３８００１３８０００", "13800138000 / 023-63881234",
    ] {
      #expect(RegisterForm.isPhone(number), "\(number) is a phone number")
    }
    // Too few digits is a slip, not a phone: "12", a number cut short, an extension alone.
    for text in [
      "call me", "138-0013-800O", "一三八", "fax 6388", "-", "()", "138 0013 8000 (Li)", "12", "1", "638812",
      "转 802", "13800138000 / 12", "12345 转 67",
    ] {
      #expect(!RegisterForm.isPhone(text), "\(text) is not")
    }
  }

  /// A phone stored before the rule (three digits, say) does not stop an edit of anything else; a
  /// phone typed anew is checked.
  @Test func aShortPhoneAlreadyStoredDoesNotBlockOtherEdits() throws {
    let registers = try RegistersWorld()
    let old = Member(id: MemberID(raw: registers.world.store.state.nextRawID), name: "老委员", phone: "802")
    registers.world.apply(.putMember(old))
    // Another field edited: saved, the old phone kept as it was.
    registers.type("e")
    registers.press(.end)
    registers.type("甲")
    registers.press(.ctrl("s"))
    #expect(registers.data.members[old.id] == Member(id: old.id, name: "老委员甲", phone: "802"))
    // The phone itself typed anew, as short: refused.
    registers.type("e")
    // name, sector, committee, stations, phone.
    registers.press(.tab, .tab, .tab, .tab)
    registers.press(.ctrl("u"))
    registers.type("803")
    registers.press(.ctrl("s"))
    #expect(registers.runtime.state.message?.text == tr("registers2.form.phoneInvalid", .zh))
    #expect(registers.data.members[old.id]?.phone == "802")
  }

  @Test func theSectorsLiaisonPhoneIsCheckedToo() throws {
    let world = try RegistersWorld()
    world.type("]")  // sectors
    world.type("n")
    world.type("经济界")
    // name, lead unit, conveners, liaison, liaison's phone.
    world.press(.tab, .tab, .tab, .tab)
    world.type("王老师")
    world.press(.ctrl("s"))
    guard case .form(let form) = world.runtime.state.registers.mode else {
      Issue.record("the form stays open")
      return
    }
    #expect(form.form.focusedField?.id == "liaisonPhone")
    #expect(world.data.sectors.isEmpty)
  }

  @Test func escapeFollowsTheKitsOneRule() throws {
    let world = try RegistersWorld()
    world.type("n")
    #expect(world.runtime.state.registers.keyContexts(context: world.runtime.state.context) == [.form])
    world.type("赵六")
    world.press(.escape)
    #expect(world.runtime.state.registers.keyContexts(context: world.runtime.state.context) == [.dialog])
    world.type("y")
    #expect(world.runtime.state.registers.mode == .list)
    #expect(world.runtime.state.message?.text == tr("kit.form.discarded", .zh))
  }

  @Test func theSectionsNameShowsOnceOnTheTopRow() throws {
    for width in [80, 110, 120, 150] {
      let world = try RegistersWorld(size: Size(width: width, height: 30), demo: true)
      let lines = world.screen.split(separator: "\n", omittingEmptySubsequences: false)
      // Line 0 is the sections' bar; then the body's top rows (the registers' strip, narrower
      // than 120 columns, and the list's header).
      let top = lines[1...2].joined(separator: "\n")
      #expect(top.components(separatedBy: "名册").count == 2, "\(width) columns: \(top)")
    }
  }

  @Test func from100ColumnsOnTheSelectedMembersDetailIsBesideTheList() throws {
    for width in [100, 110, 119, 120, 140] {
      let world = try RegistersWorld(size: Size(width: width, height: 30), demo: true)
      let selected = try #require(world.runtime.state.registers.selectedRef)
      guard case .member(let member)? = world.data.value(of: selected) else {
        Issue.record("a member is selected")
        continue
      }
      #expect(world.screen.contains("备注"), "\(width) columns: the detail's labels show")
      #expect(world.screen.contains(member.phone), "\(width) columns")
    }
    let narrow = try RegistersWorld(size: Size(width: 99, height: 30), demo: true)
    #expect(!narrow.screen.contains("备注"), "below 100 columns the detail waits for Enter")
  }
}
