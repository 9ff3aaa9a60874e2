import Domain
import Foundation
import Seed
import TerminalCore
import Testing

@testable import App

/// How the list answers on a big archive. Runs only when SHANGLIANG_BENCH_RECORDS is set (e.g.
/// 1000000, in a release build: `swift test -c release --filter ConsultationBench`).
@Suite struct ConsultationBench {
  static let records = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_RECORDS"] ?? "")

  @Test(.enabled(if: records != nil)) func movesAndFilterKeystrokesStayFastOnABigArchive() throws {
    let records = try #require(Self.records)
    let data = try SyntheticArchive(records: records, seed: 1).state()
    var context = ScreenContext(
      data: data, dataVersion: 1, language: .zh, today: Day(year: 2026, month: 11, day: 26)!,
      actor: .staff("bench", .admin))
    var screen = ConsultationsScreen()
    let clock = ContinuousClock()
    var canvas = Canvas(size: Size(width: 120, height: 40))
    let body = Rect(x: 0, y: 1, width: 120, height: 37)
    context.body = body
    let rebuild = clock.measure { screen.dataDidChange(context: context) }
    var moves: [Duration] = []
    for _ in 0..<200 {
      moves.append(
        clock.measure {
          _ = screen.perform(.moveDown, key: .character("j"), context: context)
          screen.draw(into: &canvas, rect: body, context: context)
        })
    }
    _ = screen.perform(.filter, key: .character("/"), context: context)
    var filters: [Duration] = []
    for ch in "社区" {
      filters.append(
        clock.measure {
          _ = screen.handle(.key(.character(ch)), context: context)
          screen.draw(into: &canvas, rect: body, context: context)
        })
    }
    moves.sort()
    let ms = { (d: Duration) in Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000
    }
    print(
      "{\"records\": \(records), \"consultations\": \(data.consultations.count),"
        + " \"rebuild_ms\": \(ms(rebuild)), \"move_median_ms\": \(ms(moves[moves.count / 2])),"
        + " \"filter_max_ms\": \(ms(filters.max() ?? .zero)), \"shown\": \(screen.list.shownRefs.count)}"
    )
    #expect(screen.list.shownRefs.count <= data.consultations.count)
    #expect(ms(moves[moves.count / 2]) <= 2)
    #expect(ms(filters.max() ?? .zero) <= 50)
  }
}
