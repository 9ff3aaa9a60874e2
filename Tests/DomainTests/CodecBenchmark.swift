import Foundation
import Testing

@testable import Domain

/// Measures encoding and decoding a state of a million records. Run on demand, in release:
/// `DOMAIN_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter CodecBenchmark`.
/// It asserts only correctness; the figures are printed. `DOMAIN_BENCH_PROFILE=1` decodes four more
/// times so that `perf record` sees mostly decoding.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DOMAIN_BENCH"] != nil))
struct CodecBenchmark {
  @Test func aMillionRecordsEncodeAndDecode() throws {
    var state = CommitteeState()
    let department = Department(id: ID(raw: 1), name: "区生态环境局")
    state.put(department)
    let raisedAt = Date(timeIntervalSince1970: 1_764_000_000)
    var raw: UInt64 = 2
    for index in 0..<200_000 {
      state.put(Member(id: ID(raw: raw), name: "委员\(index)", phone: "1380000\(index)", notes: "医药卫生界别"))
      raw += 1
    }
    for index in 0..<300_000 {
      state.put(
        Patrol(
          id: ID(raw: raw), river: ID(raw: 1), segment: "城区段",
          date: Day(daysSinceEpoch: 20_000 + index % 900),
          members: [ID(raw: 2 + UInt64(index % 200_000))], stepNotes: [.inspectSite: "岸边整洁，水面无漂浮物"],
          observations: "水质良好", waterQuality: .classII))
      raw += 1
    }
    for index in 0..<500_000 {
      var problem = Problem(
        id: ID(raw: raw), source: .patrol(ID(raw: 200_002 + UInt64(index % 300_000))), title: "问题\(index)",
        description: "河岸有垃圾堆放，需要清理", raisedBy: "li.clerk", raisedAt: raisedAt)
      problem.status = .assigned
      problem.department = department.id
      problem.due = Day(daysSinceEpoch: 20_000 + index % 1000)
      problem.history.append(ProblemEvent(status: .assigned, actor: "li.clerk", at: raisedAt, note: "交办"))
      state.put(problem)
      raw += 1
    }
    #expect(state.totalCount == 1_000_001)

    let encodeStart = cpuSeconds()
    var writer = BinaryWriter(capacity: 128 << 20)
    state.encode(into: &writer)
    let encodeSeconds = cpuSeconds() - encodeStart

    let decodeStart = cpuSeconds()
    let decodeWall = Date()
    var reader = BinaryReader(writer.bytes)
    let decoded = try CommitteeState(from: &reader)
    let decodeSeconds = cpuSeconds() - decodeStart
    let decodeWallSeconds = Date().timeIntervalSince(decodeWall)

    print(
      "CodecBenchmark: \(state.totalCount) records, \(writer.bytes.count / 1_048_576) MiB, "
        + "CPU time: encode \(Int(encodeSeconds * 1000)) ms, decode \(Int(decodeSeconds * 1000)) ms "
        + "(decode wall clock \(Int(decodeWallSeconds * 1000)) ms on a shared machine)")
    if ProcessInfo.processInfo.environment["DOMAIN_BENCH_PROFILE"] != nil {
      for _ in 0..<4 {
        var again = BinaryReader(writer.bytes)
        _ = try CommitteeState(from: &again)
      }
    }
    #expect(decoded.totalCount == state.totalCount)
    #expect(decoded.overdueProblems(today: Day(daysSinceEpoch: 20_001)).count == 500)
  }
}

/// CPU time of this thread, so that the figure does not depend on what else the machine runs.
private func cpuSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
