import Domain
import Seed
import Testing

/// A patrol's detail reads its river's and its segment's water summaries; they are made for every
/// river and segment in one pass, and must be exactly the ones asked for one by one.
@Suite struct WaterSummariesInOnePass {
  @Test("every river's and every segment's summary of the demo, made at once, is the one asked for alone")
  func theSameAsOneByOne() throws {
    let state = try Demo.state(today: DemoTests.today)
    let all = state.waterSummariesWithSegments()
    var segments = 0
    for river in state.rivers.keys {
      #expect(all.summary(river: river) == state.waterSummary(river: river))
      for segment in Set(state.patrols.values.filter { $0.river == river }.map(\.segment)) {
        #expect(
          all.summary(river: river, segment: segment) == state.waterSummary(river: river, segment: segment))
        segments += 1
      }
    }
    #expect(segments > state.rivers.count, "the demo's patrols name segments")
    // A river without readings, and a segment nobody patrolled, as `waterSummary` answers them.
    let quiet = try #require(state.rivers.keys.first { all.rivers[$0] == nil } ?? state.rivers.keys.first)
    #expect(all.summary(river: quiet, segment: "无人巡查段") == state.waterSummary(river: quiet, segment: "无人巡查段"))
  }
}
