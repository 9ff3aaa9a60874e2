import Domain
import Foundation
import Seed
import Testing

@testable import Exchange

/// Export speed at archive scale; run with `SHANGLIANG_BENCH=1 swift test -c release --filter ExportBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
struct ExportBenchmark {
  @Test func aMillionRecordsExportInSeconds() throws {
    let records = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_RECORDS"] ?? "") ?? 1_000_000
    let state = try SyntheticArchive(records: records, seed: 1).build()
    let clock = ContinuousClock()
    var jsonBytes = 0
    var csvBytes = 0
    let json = try clock.measure { jsonBytes = try export(state, kind: nil, format: .json).count }
    let csv = try clock.measure { csvBytes = try export(state, kind: .problems, format: .csv).count }
    print(
      "{\"records\": \(records), \"export_json_all_s\": \(json), \"json_mb\": \(jsonBytes / 1_000_000),"
        + " \"export_csv_problems_s\": \(csv), \"csv_mb\": \(csvBytes / 1_000_000)}")
    #expect(jsonBytes > records * 100)
  }
}
