import Domain
import Foundation
import Testing

@testable import Seed

/// Generation speed at archive scale; run with `SHANGLIANG_BENCH=1 swift test -c release --filter SeedBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
struct SeedBenchmark {
  @Test func aMillionRecordsAreGeneratedAndAppliedInSeconds() throws {
    let records = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_RECORDS"] ?? "") ?? 1_000_000
    let clock = ContinuousClock()
    var changes = 0
    let generateOnly = clock.measure {
      for _ in syntheticChanges(records: records, seed: 1) { changes += 1 }
    }
    var state = CommitteeState()
    let withApply = try clock.measure {
      state = try SyntheticArchive(records: records, seed: 1).state()
    }
    print(
      "{\"records\": \(records), \"changes\": \(changes), \"generate_s\": \(seconds(generateOnly)),"
        + " \"generate_and_apply_s\": \(seconds(withApply))}")
    #expect(state.totalCount == records)
    #expect(withApply < .seconds(60))
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
