import Foundation
import Localization
import Testing

@testable import Domain

extension Story {
  /// Applies a change, then its undo (the Store's recipe), and checks every touched record is back.
  mutating func runAndUndo(_ change: Change, as actor: ActingUser = Story.admin) throws {
    let before = state
    let at = clock.now()
    let touched = try run(change, as: actor)
    #expect(!touched.isEmpty, "a change touches at least one record")
    // Undo is a revert of the change, under its rules and role (issue 16).
    let versions = touched.map { RecordVersion($0, before.value(of: $0)) }
    try run(.revert(change, to: versions, by: actor, at: at), as: actor)
    for ref in touched { #expect(state.value(of: ref) == before.value(of: ref), "\(ref) is back") }
    try run(change, as: actor)
  }

  /// A sector activity recorded by a clerk.
  @discardableResult
  mutating func addActivity(
    _ sector: SectorID, _ kind: SectorActivityKind, _ date: String, members: [MemberID] = [],
    adopted: Bool = false
  ) throws -> SectorActivityID {
    let id: SectorActivityID = newID()
    try run(
      .putSectorActivity(
        SectorActivity(
          id: id, sector: sector, kind: kind, date: day(date), title: "活动", members: members, place: "之家",
          adopted: adopted)), as: Story.clerk)
    return id
  }
}

@Suite struct SectorHomeTests {
  @Test func theComplianceBoardShowsEachDutyWithTheActivityThatFulfilledItAndMarksOverdueOnes() throws {
    var story = Story(today: day("2026-07-10"))
    let sector = try story.addSector("医药卫生界别")
    let zhang = try story.addMember("张医生", sector: sector)
    let li = try story.addMember("李护士", sector: sector)

    var board = story.state.dutyCompliance(sector: sector, year: 2026, quarter: 2, today: story.today)
    #expect(!board.study.done && board.study.overdue, "the second quarter ended before 10 July")
    #expect(!board.collectiveProposal.overdue, "the year's proposal is due by the end of the year")
    #expect(board.membersWithoutTalk == [zhang, li])
    #expect(!board.isFullyCompliant)

    let study = try story.addActivity(sector, .collectiveStudy, "2026-05-12")
    try story.addActivity(sector, .fellowship, "2026-06-20")
    try story.addActivity(sector, .outreachTalk, "2026-04-02", members: [zhang])
    board = story.state.dutyCompliance(sector: sector, year: 2026, quarter: 2, today: story.today)
    #expect(board.study.fulfilledBy?.id == study)
    #expect(board.inspectionOrFellowship.fulfilledBy?.kind == .fellowship, "a fellowship counts")
    #expect(board.membersWithoutTalk == [li])
    #expect(board.overdue.isEmpty)
    #expect(board.isFullyCompliant)

    // The third quarter is still running: nothing of it is overdue yet.
    let third = story.state.dutyCompliance(sector: sector, year: 2026, quarter: 3, today: story.today)
    #expect(!third.study.done && !third.study.overdue)

    // After the year, the missing proposal and talk are overdue.
    let late = story.state.dutyCompliance(sector: sector, year: 2026, quarter: 2, today: day("2027-01-05"))
    #expect(late.overdue.map(\.duty) == [.collectiveProposal, .outreachTalk(li)])
    #expect(story.state.missingDuties(sector: sector, year: 2026, quarter: 2).count == 2)
  }

  @Test func headsSeeHowManyHomesAreFullyCompliantAndTheSixHavesSummary() throws {
    var story = Story(today: day("2026-04-15"))
    let medicine = try story.addSector("医药卫生界别")
    let business = try story.addSector("经济界别")
    var home = try #require(story.state.sectors[medicine])
    for item in SixHaves.allCases { home.set(item, true) }
    try story.run(.putSector(home), as: Story.clerk)
    try story.addActivity(medicine, .collectiveStudy, "2026-02-01")
    try story.addActivity(medicine, .inspection, "2026-03-01")
    try story.addActivity(business, .collectiveStudy, "2026-02-01")

    let rollUp = story.state.dutyRollUp(year: 2026, quarter: 1, today: story.today)
    #expect(rollUp.homes == 2)
    #expect(rollUp.fullyCompliant == 1)
    #expect(rollUp.withOverdueDuties == 1, "经济界别 missed the first quarter's inspection")
    #expect(rollUp.homesWithAllSix == 1)
    #expect(rollUp.havesCounts == [1, 1, 1, 1, 1, 1])
  }

  @Test func theLiaisonIsAStaffMemberOfTheLeadUnitNamedByTextAndOldFilesStillRead() throws {
    var story = Story()
    let id: SectorID = story.newID()
    let sector = Sector(
      id: id, name: "医药卫生界别", leadUnit: "区卫生健康委", liaisonName: "周干事", liaisonPhone: "023-6781")
    try story.runAndUndo(.putSector(sector), as: Story.clerk)
    #expect(story.state.sectors[id]?.liaisonName == "周干事")

    // A sector written before payload version 2 ends before the liaison's name and phone.
    var writer = BinaryWriter()
    Sector(id: id, name: "医药卫生界别").encode(into: &writer)
    var old = BinaryReader(Array(writer.bytes.dropLast(2)), payloadVersion: 1)
    let decoded = try Sector(from: &old)
    #expect(old.isAtEnd)
    #expect(decoded.liaisonName.isEmpty && decoded.name == "医药卫生界别")
  }

  @Test func activitiesKeepPlaceModeAndSummaryAndOnlyACollectiveProposalCanBeAdopted() throws {
    var story = Story()
    let sector = try story.addSector("医药卫生界别")
    let proposal = try story.addActivity(sector, .collectiveProposal, "2026-03-01")
    var adopted = try #require(story.state.sectorActivities[proposal])
    adopted.adopted = true
    adopted.online = true
    adopted.onSite = false
    try story.runAndUndo(.putSectorActivity(adopted), as: Story.clerk)
    #expect(story.state.sectorActivities[proposal]?.adopted == true)

    let study = try story.addActivity(sector, .collectiveStudy, "2026-03-02")
    var wrong = try #require(story.state.sectorActivities[study])
    wrong.adopted = true
    let error = story.refuse(.putSectorActivity(wrong), as: Story.clerk)
    #expect(error == .onlyProposalsAdopted)
    #expect(error?.message(in: .zh).contains("集体提案") == true)
    #expect(error?.message(in: .en).contains("collective proposal") == true)
    #expect(story.state.sectorActivities[study]?.adopted == false, "nothing was saved")

    // An activity written before payload version 2 has no place or mode: defaults apply.
    var writer = BinaryWriter()
    SectorActivity(id: study, sector: sector, kind: .collectiveStudy, date: day("2026-03-02"), title: "学")
      .encode(into: &writer)
    var old = BinaryReader(Array(writer.bytes.dropLast(4)), payloadVersion: 1)
    let decoded = try SectorActivity(from: &old)
    #expect(old.isAtEnd && decoded.onSite && !decoded.online && !decoded.adopted)
  }

  @Test func aReportGoesFromSentToReadToAdoptedWithFeedbackAndNeverSkipsAStep() throws {
    var story = Story()
    let sector = try story.addSector("医药卫生界别")
    let department = try story.addDepartment("区卫生健康委")
    let proposal = try story.addActivity(sector, .collectiveProposal, "2026-03-01")
    let id: SectorReportID = story.newID()
    var report = SectorReport(
      id: id, sector: sector, title: "关于基层医疗的专报", leaders: "", departments: [], activity: proposal,
      sentOn: day("2026-03-10"))
    let noRecipients = story.refuse(.putSectorReport(report), as: Story.clerk)
    #expect(noRecipients == .required(.recipients))
    #expect(noRecipients?.message(in: .en).contains("recipients") == true)
    report.departments = [department]
    try story.runAndUndo(.putSectorReport(report), as: Story.clerk)

    let adoptNow = SectorReportEvent(status: .adopted, date: day("2026-03-12"))
    let skipped = story.refuse(.trackSectorReport(id, adoptNow, feedback: "同意"), as: Story.clerk)
    #expect(skipped == .reportTrackOrder(from: .sent, to: .adopted))
    #expect(skipped?.message(in: .zh).contains("已报送") == true)

    let early = SectorReportEvent(status: .read, date: day("2026-03-01"))
    let tooEarly = story.refuse(.trackSectorReport(id, early, feedback: ""), as: Story.clerk)
    #expect(tooEarly == .dateBefore(.date, day("2026-03-10")))
    #expect(tooEarly?.message(in: .en).contains("2026-03-10") == true)

    try story.runAndUndo(
      .trackSectorReport(id, SectorReportEvent(status: .read, date: day("2026-03-11")), feedback: ""),
      as: Story.clerk)
    #expect(
      story.refuse(.trackSectorReport(id, adoptNow, feedback: ""), as: Story.clerk) == .required(.feedback))
    try story.runAndUndo(.trackSectorReport(id, adoptNow, feedback: "纳入年度计划"), as: Story.clerk)
    let done = try #require(story.state.sectorReports[id])
    #expect(done.status == .adopted)
    #expect(done.feedback == "纳入年度计划")
    #expect(done.date(of: .read) == day("2026-03-11"))

    // The track is not edited by hand.
    var edited = done
    edited.history.removeLast()
    #expect(story.refuse(.putSectorReport(edited), as: Story.clerk) == .reportTrackFixed)
    #expect(story.state.sectorReports(sector: sector).map(\.id) == [id])
  }
}
