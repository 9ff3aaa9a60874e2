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

  /// The demo as 西城区政协 (this app's own committee), a smaller synthetic district, and a county
  /// with a long name.
  static func offered(_ world: DemoWorld, _ language: Language) throws -> [(
    name: String, data: CommitteeState
  )] {
    let east = try SyntheticArchive(records: 1500, seed: 7, today: DemoWorld.today).state()
    let county = try Demo.state(today: DemoWorld.today.adding(days: -200))
    let committees = [
      (name: "西城区政协", data: world.store.state),
      (name: "东城区政协", data: east),
      (name: "某某土家族苗族自治县政协委员会", data: county),
    ]
    let source = CommitteesAtHand(committees, own: "西城区政协")
    world.runtime.offerRollup { source.source }
    return committees
  }

  /// Presses `c` on the boards and waits until every committee is read, as a user waits for the
  /// progress line to go.
  static func openRollup(_ world: DemoWorld) throws {
    world.press(.character("0"), .character("c"))
    let reading = try #require(world.runtime.state.boards.rollup?.reading)
    #expect(reading.wait(seconds: 60))
    world.press()
  }

  @Test(arguments: [Language.zh, .en], sizes)
  func theRollupOfThreeCommittees(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    _ = try Self.offered(world, language)
    try Self.openRollup(world)
    let text = world.backend.screen.text
    #expect(text.contains("东城区政协"), "\(text)")
    #expect(text.contains(tr("shared3.rollup.total", language)))
    GoldenFile.assertMatches(world.backend.screen, named: "boards-rollup-\(language)-\(size)")
  }

  @Test("each committee's row holds its own board's figures, for every period the keys step to")
  func eachRowIsThatCommitteesOwnBoard() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    let committees = try Self.offered(world, .zh)
    try Self.openRollup(world)
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
    try Self.openRollup(world)
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

  /// Waits (a few seconds at most) until the reading is at `name`.
  static func waitUntilReading(_ name: String, _ reading: RollupReading) -> Bool {
    for _ in 0..<600 {
      if reading.progress.current?.name == name { return true }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return false
  }

  @Test(
    "while a slow committee is read the screen says which, the committees already in show their figures, and Esc leaves at once",
    arguments: [Language.zh, .en], sizes)
  func aSlowCommitteeIsReadBehindAProgressLine(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    let committees = try Self.offered(world, language)
    let server = CommitteesAtHand(committees, own: "西城区政协", slow: ["东城区政协"])
    world.runtime.offerRollup { server.source }
    defer { server.release() }
    world.press(.character("0"), .character("c"))
    let reading = try #require(world.runtime.state.boards.rollup?.reading)
    #expect(Self.waitUntilReading("东城区政协", reading))
    world.press()
    let text = world.backend.screen.text
    // Where the reading is, that Esc leaves, and this app's own committee already counted.
    #expect(
      text.contains(language == .zh ? "正在读取东城区政协（第 2/3 个，已读 1 个）" : "Reading 东城区政协 (2 of 3, 1 in)"), "\(text)"
    )
    #expect(text.contains(language == .zh ? "等待读取" : "waiting"))
    #expect(text.contains(tr("shared5.rollup.totalSoFar", language, "1", "3")))
    GoldenFile.assertMatches(world.backend.screen, named: "boards-rollup-reading-\(language)-\(size)")
    // The period keys work meanwhile, and export waits for the whole.
    world.press(.character("p"))
    #expect(world.runtime.state.boards.rollup != nil)
    world.press(.character("x"))
    #expect(world.backend.screen.text.contains(tr("shared5.rollup.notYet", language)))

    // Esc goes back to the boards while the read still hangs on the server.
    world.press(.escape)
    #expect(world.runtime.state.boards.rollup == nil)
    #expect(!world.backend.screen.text.contains(tr("shared3.rollup.committee", language) + " "))
    // Once the server answers, the reading stops there: the county is never read, and the
    // connection is let go.
    server.release()
    #expect(reading.wait(seconds: 60))
    #expect(server.readsAsked == ["东城区政协"])
    #expect(server.wasClosed)
  }

  @Test("once the roll-up is closed, nothing keeps its committees' tallies in memory")
  func aClosedRollupKeepsNothing() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    _ = try Self.offered(world, .en)
    try Self.openRollup(world)
    weak let reading = world.runtime.state.boards.rollup?.reading
    #expect(reading != nil)
    world.press(.escape)
    world.press(.character("j"))
    // The reading's thread lets go of it a moment after it says it is done.
    for _ in 0..<200 where reading != nil { usleep(10_000) }
    #expect(reading == nil)
  }

  @Test("Esc, then c again while a committee is still read, takes the reading up where it was")
  func leavingAndComingBackDoesNotReadAnythingTwice() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    let committees = try Self.offered(world, .en)
    let server = CommitteesAtHand(committees, own: "西城区政协", slow: ["东城区政协"])
    world.runtime.offerRollup { server.source }
    defer { server.release() }
    world.press(.character("0"), .character("c"))
    let reading = try #require(world.runtime.state.boards.rollup?.reading)
    #expect(Self.waitUntilReading("东城区政协", reading))
    world.press(.escape)
    #expect(world.runtime.state.boards.rollup == nil)
    world.press(.character("c"))
    #expect(world.runtime.state.boards.rollup?.reading === reading, "the same reading, not a second one")
    server.release()
    #expect(reading.wait(seconds: 60))
    world.press()
    #expect(server.readsAsked == ["东城区政协", "某某土家族苗族自治县政协委员会"])
    #expect(world.backend.screen.text.contains(tr("shared3.rollup.total", .en)))
    #expect(world.runtime.state.boards.rollup?.isFinished == true)
  }

  @Test(
    "a committee that cannot be read says why in its row, and the total is of the others",
    arguments: [Language.zh, .en], sizes)
  func aCommitteeThatCannotBeReadSaysWhyInItsRow(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    let committees = try Self.offered(world, language)
    let why = UserMessage(zh: "快照无法读取", en: "the snapshot cannot be read")
    let server = CommitteesAtHand(committees, own: "西城区政协", refused: ["东城区政协": why])
    world.runtime.offerRollup { server.source }
    try Self.openRollup(world)
    let text = world.backend.screen.text
    #expect(text.contains(tr("shared5.rollup.unreadable", language, why.text(language))), "\(text)")
    GoldenFile.assertMatches(world.backend.screen, named: "boards-rollup-unreadable-\(language)-\(size)")
    let period = world.runtime.state.boards.shownPeriod(world.runtime.state.context)
    let board = try #require(world.runtime.state.boards.rollup?.board(period, today: DemoWorld.today))
    #expect(board.rows.map(\.committee) == ["西城区政协", "某某土家族苗族自治县政协委员会"])
    let read = committees.filter { $0.name != "东城区政协" }
    #expect(
      board.total.raised
        == read.map { BoardTally(state: $0.data).figures(period, today: DemoWorld.today).raised }.reduce(0, +)
    )
    // The export names it too, with why, so a partial total is never taken for the whole.
    let sheet = try #require(
      world.runtime.state.boards.rollup?.sheet(period, language: language, today: DemoWorld.today))
    #expect(
      sheet.rows.contains {
        $0.first == "东城区政协" && $0.dropFirst().first?.contains(why.text(language)) == true
      })
  }

  @Test("a database that cannot be read closes the roll-up and says why")
  func aFailedReadSaysWhy() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.runtime.offerRollup {
      RollupSource(
        own: "西城区政协", names: { .failure(UserMessage(zh: "服务器不可达", en: "server unreachable")) },
        read: { _ in .success(CommitteeState()) })
    }
    world.press(.character("0"), .character("c"))
    let reading = try #require(world.runtime.state.boards.rollup?.reading)
    #expect(reading.wait(seconds: 60))
    // The next tick closes the roll-up with the reason.
    world.world.backend.enqueue([.tick])
    world.press()
    #expect(world.runtime.state.boards.rollup == nil)
    #expect(world.backend.screen.text.contains("服务器不可达"))
  }
}

/// Committees already in memory, handed to the roll-up as a shared database would hand them:
/// each read is counted, and a committee may be held back (a slow read) or refused.
final class CommitteesAtHand: @unchecked Sendable {
  let committees: [(name: String, data: CommitteeState)]
  let own: String
  /// Reads of these committees wait until `release` (a slow server).
  let slow: Set<String>
  /// These committees cannot be read, with why.
  let refused: [String: UserMessage]
  private let lock = NSCondition()
  private var released = false
  private(set) var asked: [String] = []
  private(set) var closed = false

  init(
    _ committees: [(name: String, data: CommitteeState)], own: String, slow: Set<String> = [],
    refused: [String: UserMessage] = [:]
  ) {
    self.committees = committees
    self.own = own
    self.slow = slow
    self.refused = refused
  }

  var source: RollupSource {
    RollupSource(
      own: own, names: { .success(self.committees.map(\.name)) },
      read: { name in
        self.lock.withLock {
          self.asked.append(name)
          while self.slow.contains(name) && !self.released { self.lock.wait() }
        }
        if let why = self.refused[name] { return .failure(why) }
        guard let found = self.committees.first(where: { $0.name == name }) else {
          return .failure(UserMessage(zh: "没有这个委员会", en: "no such committee"))
        }
        return .success(found.data)
      },
      close: { self.lock.withLock { self.closed = true } })
  }

  /// Lets the slow reads finish.
  func release() {
    lock.withLock {
      released = true
      lock.broadcast()
    }
  }

  var readsAsked: [String] { lock.withLock { asked } }
  var wasClosed: Bool { lock.withLock { closed } }
}
