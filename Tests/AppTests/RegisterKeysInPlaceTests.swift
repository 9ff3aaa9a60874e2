import Domain
import Foundation
import TerminalCore
import Testing
import Widgets

@testable import App

/// A change while a register is shown carries its rows and search keys in place: a copy of a large
/// register's keys (megabytes of fresh pages) made every save and every undo slow.
@Suite struct RegisterKeysChangedInPlace {
  /// Where the members register's search keys are in memory now (nil: none made).
  static func keysAddress(_ world: TestWorld) -> Int? {
    world.state.registers.lists.members.source?.searchKeys?.bytes.withUnsafeBufferPointer {
      $0.baseAddress.map { Int(bitPattern: $0) }
    }
  }

  @Test("a member added while the members register is shown goes into its keys where they are")
  func aNewMemberGoesIntoTheKeysWhereTheyAre() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    world.press([.character(Section.registers.digit), .character("/"), .escape])
    let before = try #require(Self.keysAddress(world), "the register's keys are made by its first /")
    let count = world.state.registers.lists.members.source?.searchKeys?.count ?? 0
    world.apply(
      .putMember(Member(id: world.store.state.newID(), name: "新来的委员", phone: "13800000000")),
      tag: EffectTag(.registers, "test"))
    #expect(
      world.state.registers.lists.members.source?.searchKeys?.count == count + 1, "the new member is keyed")
    #expect(Self.keysAddress(world) == before, "the keys were changed in place, not copied")
  }
}
