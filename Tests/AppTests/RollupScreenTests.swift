import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// A city committee's roll-up in the app (`c` on the boards): the committees of a shared database
/// side by side, read-only. Here the runtime is handed the committees as a shared store would read
/// them (the shared-store suite reads them from a real database).
@Suite struct RollupScreenTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  /// The demo as 西城区政协, a smaller synthetic district, and a county with a long name.
  static func offered(_ world: DemoWorld, _ language: Language) throws -> [CommitteeData] {
    let east = try SyntheticArchive(records: 1500, seed: 7, today: DemoWorld.today).state()
    let county = try Demo.state(today: DemoWorld.today.adding(days: -200))
    let committees = [
      CommitteeData(name: "西城区政协", data: world.store.state),
      CommitteeData(name: "东城区政协", data: east),
      CommitteeData(name: "某某土家族苗族自治县政协委员会", data: county),
    ]
    world.runtime.offerRollup { .success(committees) }
    return committees
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theRollupOfThreeCommittees(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    _ = try Self.offered(world, language)
    world.press(.character("0"), .character("c"))
    let text = world.backend.screen.text
    #expect(text.contains("东城区政协"), "\(text)")
    #expect(text.contains(tr("shared3.rollup.total", language)))
    GoldenFile.assertMatches(world.backend.screen, named: "boards-rollup-\(language)-\(size)")
  }

  @Test("each committee's row holds its own board's figures, for every period the keys step to")
  func eachRowIsThatCommitteesOwnBoard() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    let committees = try Self.offered(world, .zh)
    world.press(.character("0"), .character("c"))
    for keys: [Key] in [[], [.character("p")], [.character("[")], [.character("y"), .character("[")]] {
      world.world.press(keys)
      let period = world.runtime.state.boards.shownPeriod(world.runtime.state.context)
      let board = try #require(world.runtime.state.boards.rollup?.board(period, today: DemoWorld.today))
      for committee in committees {
        // The committee's own boards, counted apart from the roll-up.
        let own = BoardsModel(
          tally: BoardTally(state: committee.data), data: committee.data, period: period,
          breakdown: .department,
          months: 12, today: DemoWorld.today)
        #expect(board.rows.first { $0.committee == committee.name }?.figures == own.figures, "\(period)")
      }
      #expect(
        board.total.raised
          == committees.map { BoardTally(state: $0.data).figures(period, today: DemoWorld.today).raised }
          .reduce(0, +))
    }
    // Back on the boards, the period chosen in the roll-up is the boards' period too.
    let period = world.runtime.state.boards.shownPeriod(world.runtime.state.context)
    world.press(.escape)
    #expect(world.runtime.state.boards.rollup == nil)
    #expect(world.runtime.state.boards.model?.period == period)
  }

  @Test("the roll-up changes nothing: every key it lists leaves the data as it was")
  func noKeyOfTheRollupChangesData() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    _ = try Self.offered(world, .en)
    let (before, version) = (world.store.state, world.runtime.state.dataVersion)
    world.press(.character("0"), .character("c"))
    for binding in Keymap.bindings(in: .boardsRollup) where ![.back, .boardsExport].contains(binding.action) {
      for key in binding.keys {
        world.press(key)
        #expect(world.runtime.state.boards.rollup != nil, "\(key) left the roll-up")
      }
    }
    #expect(world.store.state == before)
    #expect(world.runtime.state.dataVersion == version)
  }

  @Test("on a local store, c says the roll-up needs a shared database with several committees")
  func aLocalStoreSaysWhatTheRollupNeeds() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"), .character("c"))
    #expect(world.runtime.state.boards.rollup == nil)
    #expect(world.backend.screen.text.contains("The roll-up needs a shared database"))
  }

  @Test("a database that cannot be read closes the roll-up and says why")
  func aFailedReadSaysWhy() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.runtime.offerRollup { .failure(UserMessage(zh: "服务器不可达", en: "server unreachable")) }
    world.press(.character("0"), .character("c"))
    #expect(world.runtime.state.boards.rollup == nil)
    #expect(world.backend.screen.text.contains("服务器不可达"))
  }
}
