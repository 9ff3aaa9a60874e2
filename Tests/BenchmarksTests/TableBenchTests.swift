import Benchmarks
import Foundation
import Testing

/// Figures for the closing note, never asserted: timings depend on the machine.
/// Run: `SHANGLIANG_BENCH=1 swift test -c release --filter BenchmarksTests.TableBench`
@Suite struct TableBench {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
  func aMillionRowsStayFast() {
    let rows = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_ROWS"] ?? "") ?? 1_000_000
    let r = TableBenchmark.run(rows: rows)
    print(
      """
      {"rows": \(r.rows), "frame_median_ms": \(r.frameMedianMs), "frame_p99_ms": \(r.frameP99Ms), \
      "filter_key_median_ms": \(r.filterKeyMedianMs), "filter_key_max_ms": \(r.filterKeyMaxMs), \
      "matches": \(r.matches), "setup_ms": \(r.setupMs)}
      """)
    #expect(r.rows == rows)
  }
}
