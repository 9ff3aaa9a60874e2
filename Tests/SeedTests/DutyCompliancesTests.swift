import Domain
import Seed
import Testing

/// The homes board reads every sector's duties of a quarter, made in one pass; each must be what
/// asking for that sector alone gives.
@Suite struct DutyCompliancesInOnePass {
  @Test("every sector's duties in every quarter of the demo year, made at once, are the ones asked for alone")
  func theSameAsOneByOne() throws {
    let today = DemoTests.today
    let state = try Demo.state(today: today)
    var checked = 0
    for quarter in 1...4 {
      let all = state.dutyCompliances(year: today.year, quarter: quarter, today: today)
      #expect(all.count == state.sectors.count)
      for sector in state.sectors.keys {
        let alone = state.dutyCompliance(sector: sector, year: today.year, quarter: quarter, today: today)
        #expect(all[sector] == alone, "sector \(sector.raw), quarter \(quarter)")
        if alone.study.fulfilledBy != nil { checked += 1 }
      }
    }
    #expect(checked > 0, "the demo's homes held studies, so the comparison covers fulfilled duties")
  }
}
