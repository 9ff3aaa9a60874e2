import Foundation
import Testing

@testable import Domain

@Suite struct SectorDutyTests {
  @Test func aSectorHomeSeesWhichQuarterlyAndYearlyDutiesAreStillMissing() throws {
    var story = Story()
    let sector = try story.addSector("医药卫生界别")
    let zhang = try story.addMember("张医生", sector: sector)
    let li = try story.addMember("李护士", sector: sector)
    let retired = try story.addMember("退休委员", sector: sector)
    try story.run(.archive(RecordRef(retired)), as: Story.clerk)
    _ = try story.addMember("别的界别委员")

    var expected: [MissingDuty] = [
      .collectiveStudy(year: 2026, quarter: 2), .inspectionOrFellowship(year: 2026, quarter: 2),
      .collectiveProposal(year: 2026), .outreachTalk(member: zhang, year: 2026),
      .outreachTalk(member: li, year: 2026),
    ]
    #expect(story.state.missingDuties(sector: sector, year: 2026, quarter: 2) == expected)

    func add(_ kind: SectorActivityKind, _ date: String, members: [MemberID] = []) throws {
      let id: SectorActivityID = story.newID()
      try story.run(
        .putSectorActivity(
          SectorActivity(id: id, sector: sector, kind: kind, date: day(date), title: "活动", members: members)),
        as: Story.clerk)
    }
    try add(.collectiveStudy, "2026-05-12")
    try add(.inspectionOrFellowship, "2026-03-30")  // the first quarter does not count for the second
    try add(.collectiveProposal, "2026-01-15")
    try add(.outreachTalk, "2026-11-01", members: [zhang])
    try add(.outreachTalk, "2025-12-01", members: [li])  // last year's talk does not count
    expected = [.inspectionOrFellowship(year: 2026, quarter: 2), .outreachTalk(member: li, year: 2026)]
    #expect(story.state.missingDuties(sector: sector, year: 2026, quarter: 2) == expected)
    #expect(expected[1].message(in: .zh, state: story.state) == "李护士在2026年尚未宣讲")
    #expect(
      expected[0].message(in: .en, state: story.state)
        == "No inspection or fellowship activity yet in Q2 2026")
    #expect(
      story.state.missingDuties(sector: sector, year: 2026, quarter: 1).contains(
        .collectiveStudy(year: 2026, quarter: 1)))
    #expect(
      !story.state.missingDuties(sector: sector, year: 2026, quarter: 1).contains(
        .inspectionOrFellowship(year: 2026, quarter: 1)))

    let talk: SectorActivityID = story.newID()
    #expect(
      story.refuse(
        .putSectorActivity(
          SectorActivity(id: talk, sector: sector, kind: .outreachTalk, date: day("2026-06-01"), title: "宣讲")),
        as: Story.clerk)
        == .required(.speakers))
  }

  @Test func theSixHavesChecklistShowsWhatAHomeLacks() {
    var sector = Sector(id: ID(raw: 1), name: "九三学社界别", haves: [.venue, .signage, .rules])
    #expect(sector.missingHaves == [.facilities, .materials, .archives])
    sector.set(.archives, true)
    #expect(sector.has(.archives))
    #expect(sector.missingHaves == [.facilities, .materials])
  }
}
