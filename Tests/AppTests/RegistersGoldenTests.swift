import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// The registers as a clerk sees them, with the demonstration data of 2026-11-26.
@Suite struct RegistersGoldenScreens {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  @Test(arguments: [Language.zh, .en], sizes)
  func theMembersRegisterWithTheDemoData(language: Language, size: Size) throws {
    let world = try RegistersWorld(language: language, size: size, demo: true)
    #expect(world.data.members.count > 10)
    GoldenFile.assertMatches(world.backend.screen, named: "registers-members-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theStationsAsTheirThreeLevelTree(language: Language, size: Size) throws {
    let world = try RegistersWorld(language: language, size: size, demo: true)
    world.type("]]]")
    GoldenFile.assertMatches(world.backend.screen, named: "registers-stations-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theMemberFormFilledFromTheRecord(language: Language, size: Size) throws {
    let world = try RegistersWorld(language: language, size: size, demo: true)
    world.type("e")
    GoldenFile.assertMatches(world.backend.screen, named: "registers-member-form-\(language)-\(size)")
  }
}
