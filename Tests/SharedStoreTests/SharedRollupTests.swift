import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App
@testable import SharedStore

/// A city committee's roll-up board: two district committees in one database, read together, each
/// with its own figures and the total, all counted by hand.
@Suite(.serialized)
struct SharedRollupTests {
  static let today = SharedRuntimeTests.today  // 2026-11-26

  static func day(_ text: String) throws -> Day { try #require(Day(text)) }

  /// One district's clerk-and-head at work, each change on its own day.
  struct District {
    let store: SharedCommitteeStore

    func run(_ change: Change, on text: String) throws {
      try store.apply(change, actor: store.identity, now: try SharedRollupTests.day(text).noonUTC)
    }

    func new<T>() -> ID<T> { store.state.newID() }

    /// A river with a member, and patrols on it on the given days.
    func patrols(_ days: [String]) throws -> [PatrolID] {
      let river: RiverID = new()
      try run(.putRiver(River(id: river, name: "濑溪河")), on: "2025-01-02")
      let member: MemberID = new()
      try run(.putMember(Member(id: member, name: "张三")), on: "2025-01-02")
      var ids: [PatrolID] = []
      for date in days {
        let patrol: PatrolID = new()
        try run(
          .putPatrol(
            Patrol(id: patrol, river: river, date: try SharedRollupTests.day(date), members: [member])),
          on: date)
        ids.append(patrol)
      }
      return ids
    }

    func raise(from patrol: PatrolID, on date: String) throws -> ProblemID {
      let id: ProblemID = new()
      try run(.raiseProblem(id, .patrol(patrol), title: "河岸垃圾", description: ""), on: date)
      return id
    }
  }

  /// Patrols, raised, closed, closed on time, overdue.
  static func counted(_ f: PeriodFigures) -> [Int] {
    [f.patrols, f.raised, f.closed, f.closedOnTime, f.overdue]
  }

  /// Two districts in one database: 西城 with three patrols in 2026 and two problems raised from
  /// them, one closed before its due day; 东城 with a patrol in 2025 and one in 2026, whose problem is
  /// past its due day.
  static func twoDistricts(_ cluster: PostgresCluster) throws -> (xicheng: District, dongcheng: District) {
    try cluster.setUpCommittee("xicheng", users: [("he", Int(Role.admin.rawValue))])
    try cluster.setUpCommittee("dongcheng", users: [("he", Int(Role.admin.rawValue))])
    func open(_ committee: String) throws -> SharedCommitteeStore {
      try SharedCommitteeStore.openOrFail(
        address: cluster.address(user: "he", committee: committee),
        draftsFolder: cluster.folder + "/drafts-" + committee)
    }
    // 西城: three patrols in 2026; two problems raised from them, one closed before its due day.
    let xicheng = District(store: try open("xicheng"))
    let west = try xicheng.patrols(["2026-01-20", "2026-04-01", "2026-07-01"])
    let department: DepartmentID = xicheng.new()
    try xicheng.run(.putDepartment(Department(id: department, name: "区水利局")), on: "2026-01-02")
    let closed = try xicheng.raise(from: west[0], on: "2026-01-20")
    try xicheng.run(
      .assignProblem(closed, department, due: try day("2026-03-01"), note: ""), on: "2026-01-21")
    for change: Change in [
      .replyProblem(closed, "答复"), .feedBackProblem(closed, "反馈"), .followUpProblem(closed, "回访"),
      .evaluateProblem(closed, .good, note: ""), .closeProblem(closed, note: "办结"),
    ] {
      try xicheng.run(change, on: "2026-02-10")
    }
    _ = try xicheng.raise(from: west[1], on: "2026-04-01")
    // 东城: one patrol in 2025 (not this year's) and one in 2026, whose problem is past its due day.
    let dongcheng = District(store: try open("dongcheng"))
    let east = try dongcheng.patrols(["2025-06-01", "2026-05-01"])
    let bureau: DepartmentID = dongcheng.new()
    try dongcheng.run(.putDepartment(Department(id: bureau, name: "区生态环境局")), on: "2026-01-02")
    let late = try dongcheng.raise(from: east[1], on: "2026-05-01")
    try dongcheng.run(
      .assignProblem(late, bureau, due: try day("2026-06-01"), note: ""), on: "2026-05-02")
    return (xicheng, dongcheng)
  }

  @Test func aCityHeadSeesTwoDistrictsBoardsSideBySideWithTheirTotal() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try inline {
      let (xicheng, dongcheng) = try Self.twoDistricts(cluster)
      // The city reads both (as `shangliang rollup --board` does) for 2026.
      let rollup = RollupBoard(
        committees: [("xicheng", xicheng.store.state), ("dongcheng", dongcheng.store.state)],
        period: .year(2026),
        today: Self.today)
      let west2026 = try #require(rollup.rows.first { $0.committee == "xicheng" }?.figures)
      let east2026 = try #require(rollup.rows.first { $0.committee == "dongcheng" }?.figures)
      #expect(
        Self.counted(west2026) == [
          3, 2, 1, 1, 0,
        ])
      #expect(
        Self.counted(east2026) == [
          1, 1, 0, 0, 1,
        ])
      let total = rollup.total
      #expect(
        Self.counted(total) == [
          4, 3, 1, 1, 1,
        ])
      // One of the three raised this year is closed.
      #expect(total.closureRate == 1.0 / 3.0)

      // The sheet: a committee column, one row each, then the total; the median is not added up.
      let markdown = rollup.markdown(language: .en, today: Self.today)
      #expect(markdown.contains("# Roll-up board of 2 committees · 2026"), "\(markdown)")
      #expect(
        markdown.contains("| Committee | Raised | Closed | Closure rate | On time | Overdue | Median time |"))
      #expect(markdown.contains("| xicheng | 2 | 1 | 50.0% | 1 | 0 |"), "\(markdown)")
      #expect(markdown.contains("| dongcheng | 1 | 0 | 0.0% | 0 | 1 | — |"), "\(markdown)")
      #expect(markdown.contains("| Total | 3 | 1 | 33.3% | 1 | 1 | — |"), "\(markdown)")
    }
  }

  /// One committee's app on a virtual terminal, on its boards.
  final class Desk {
    let store: SharedCommitteeStore
    let backend = VirtualBackend(size: Size(width: 120, height: 40))
    let runtime: Runtime

    init(_ store: SharedCommitteeStore, language: Language = .zh) throws {
      self.store = store
      let actor = try Startup.actor(store: store, userName: "os-user", displayName: "x", now: Date())
      let state = Startup.initialState(
        store: store, actor: actor, language: language, size: backend.size, today: SharedRollupTests.today)
      runtime = Runtime(
        state: state, backend: backend, store: store, clock: TestClock(SharedRollupTests.today))
      // As `shangliang` does: the roll-up is offered when the database holds several committees.
      if try store.committeeCount() > 1 {
        runtime.offerRollup { Desk.source(store.committeeReader()) }
      }
      press(.character("0"))
    }

    func press(_ keys: Key...) {
      backend.enqueue(keys.map { .key($0) })
      runtime.run(untilIdle: true)
    }

    /// `c` on the boards, then waits until the roll-up has read every committee.
    func openRollup() throws {
      press(.character("c"))
      let reading = try #require(boards.rollup?.reading)
      #expect(reading.wait(seconds: 120))
      press()
    }

    /// The roll-up's committees as `shangliang` reads them: over the reader's own connection.
    static func source(_ reader: CommitteeReader) -> RollupSource {
      @Sendable func message(_ error: SharedStoreError) -> UserMessage {
        UserMessage(zh: error.message(in: .zh), en: error.message(in: .en))
      }
      return RollupSource(
        own: reader.address.committee,
        names: { () -> Result<[String], UserMessage> in
          do throws(SharedStoreError) { return .success(try reader.committeeNames()) } catch {
            return .failure(message(error))
          }
        },
        read: { name -> Result<CommitteeState, UserMessage> in
          do throws(SharedStoreError) { return .success(try reader.read(name)) } catch {
            return .failure(message(error))
          }
        },
        close: { reader.close() })
    }

    var boards: BoardsScreen { runtime.state.boards }
  }

  @Test func theRollupScreenShowsEachDistrictWithTheFiguresOfItsOwnBoard() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try inline {
      let (xicheng, dongcheng) = try Self.twoDistricts(cluster)
      // The city head works in 西城's app; 东城's own board is another app on the same database.
      let city = try Desk(xicheng.store)
      let east = try Desk(dongcheng.store)
      #expect(city.runtime.state.rollupOffered)
      try city.openRollup()
      let screen = city.backend.screen.text
      #expect(screen.contains("2 个委员会汇总看板"), "\(screen)")
      #expect(screen.contains("xicheng") && screen.contains("dongcheng") && screen.contains("合计"))
      // This year, then the year before (东城's 2025 patrol), then a quarter: on every period each
      // district's row holds what that district's own boards show, and the total adds them up.
      for keys: [Key] in [[], [.character("[")], [.character("y"), .character("p")]] {
        for key in keys {
          city.press(key)
          east.press(key)
        }
        let period = city.boards.shownPeriod(city.runtime.state.context)
        let board = try #require(city.boards.rollup?.board(period, today: Self.today))
        // The city app's own boards (Esc) are 西城's, on the same period; 东城's are in 东城's app.
        city.press(.escape)
        #expect(city.boards.model?.period == period)
        let own = try #require(city.boards.model?.figures)
        try city.openRollup()
        #expect(east.boards.model?.period == period)
        let eastOwn = try #require(east.boards.model?.figures)
        #expect(board.rows.first { $0.committee == "xicheng" }?.figures == own, "\(period)")
        #expect(board.rows.first { $0.committee == "dongcheng" }?.figures == eastOwn, "\(period)")
        #expect(board.total.raised == own.raised + eastOwn.raised)
        #expect(board.total.patrols == own.patrols + eastOwn.patrols)
      }
      // Nothing the city head did there wrote to either committee.
      let before = (xicheng.store.lastSequence, dongcheng.store.lastSequence)
      try dongcheng.store.catchUp()
      try xicheng.store.catchUp()
      #expect((xicheng.store.lastSequence, dongcheng.store.lastSequence) == before)
    }
  }
}
