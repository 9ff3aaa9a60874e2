import Domain
import Foundation
import Testing

@testable import Seed

/// Generation speed at archive scale; run with `SHANGLIANG_BENCH=1 swift test -c release --filter SeedBenchmark`
/// (`SHANGLIANG_BENCH_RECORDS=N` for another size, `SHANGLIANG_BENCH_APPLY=1` to also time `apply`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
struct SeedBenchmark {
  @Test func aMillionRecordsAreGeneratedAndBuiltInSeconds() throws {
    let environment = ProcessInfo.processInfo.environment
    let records = Int(environment["SHANGLIANG_BENCH_RECORDS"] ?? "") ?? 1_000_000
    let clock = ContinuousClock()
    var changes = 0
    let generate = clock.measure {
      for _ in syntheticChanges(records: records, seed: 1) { changes += 1 }
    }
    var state = CommitteeState()
    let build = try clock.measure { state = try SyntheticArchive(records: records, seed: 1).build() }
    #expect(state.totalCount == records)
    var line =
      "{\"records\": \(records), \"changes\": \(changes), \"generate_s\": \(seconds(generate)),"
      + " \"build_s\": \(seconds(build))"
    if environment["SHANGLIANG_BENCH_APPLY"] == "1" {
      for days in [1, 365] {
        let applied = try clock.measure {
          state = try SyntheticArchive(records: records, seed: 1).state(daysPerGroup: days)
        }
        line += ", \"apply_groups_of_\(days)_days_s\": \(seconds(applied))"
        #expect(state.totalCount == records)
      }
    }
    // Figures are printed, not asserted: a shared machine's load would make a time limit flaky.
    print(line + "}")
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
