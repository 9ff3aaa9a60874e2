import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing
import Widgets

@testable import App

/// Costs of the members list on a large synthetic archive. Run on purpose with
/// `SHANGLIANG_BENCH=<records> swift test -c release --filter RegistersPerformance`; it prints
/// the figures and checks the keystroke budget (a filter keystroke within 50 ms).
@Suite struct RegistersPerformance {
  static let records = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] ?? "") ?? 0

  @Test(.enabled(if: records > 0)) func theMembersListStaysFastOnALargeArchive() throws {
    let clock = ContinuousClock()
    let data = try SyntheticArchive(records: Self.records, seed: 7).state()
    var rows: RegisterRows?
    let build = clock.measure {
      rows = RegisterRows(kind: .members, data: data, language: .zh, showArchived: false)
    }
    let source = try #require(rows)
    let participationCost = clock.measure { _ = Participation(data) }
    // A member saved: the participation index is kept, not rebuilt.
    let saved = try Domain.apply(
      .putMember(Member(id: data.newID(), name: "新委员")), to: data, actor: .staff("bench", .admin),
      now: Date()
    ).state
    var kept = false
    let keep = clock.measure { kept = Participation.sameSources(data, saved) }
    #expect(kept)
    let table = Table(columns: RegisterRows.columns(.members, language: .zh))
    var state = TableState()
    table.reload(state: &state, source: source)
    var worst = Duration.zero
    for (index, query) in ["张", "张伟", "李", "王"].enumerated() {
      let filter = clock.measure {
        table.setFilter(index == 1 ? query : query, state: &state, source: source)
      }
      worst = max(worst, filter)
    }
    var moves = Duration.zero
    for _ in 0..<100 {
      moves += clock.measure { _ = table.handle(.down, state: &state, source: source) }
    }
    let index = NameIndex(kind: .member, data: data)
    let search = clock.measure { _ = index.search("张") }
    print(
      "registers bench: \(data.members.count) members of \(data.totalCount) records; rows \(build), "
        + "participation \(participationCost) (kept after a member's save: \(keep)), worst filter keystroke \(worst), 100 moves \(moves), "
        + "form search \(search)")
    #expect(worst < .milliseconds(50))
  }
}
