import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

@Suite struct SectorsGoldenScreens {
  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theSectorHomesBoardCooperationAndActivityForm(language: Language, size: Size) throws {
    let world = try DemoWorld(language: language, size: size)
    world.press(.character("7"))
    GoldenFile.assertMatches(world.backend.screen, named: "sectors-board-\(language)-\(size)")
    world.press(.enter)
    GoldenFile.assertMatches(world.backend.screen, named: "sectors-detail-\(language)-\(size)")
    world.press(.escape, .character("a"))
    GoldenFile.assertMatches(world.backend.screen, named: "sectors-activity-form-\(language)-\(size)")
    world.press(.escape, .character("c"))
    GoldenFile.assertMatches(world.backend.screen, named: "sectors-cooperation-\(language)-\(size)")
  }
}

@Suite struct SectorsStories {
  func selectHome(_ name: String, in world: DemoWorld) throws {
    world.press(.character("7"))
    let home = try #require(world.runtime.state.data.sectors.values.first { $0.name == name })
    var state = world.runtime.state
    Update.navigate(&state, to: Navigation(.sectors, home.ref))
    let position = try #require(world.runtime.state.sectors.list.shownRefs.firstIndex(of: home.ref))
    for _ in 0..<position { world.press(.down) }
    #expect(world.runtime.state.sectors.selectedSector == home.id)
  }

  @Test func aSecretaryRecordsTheQuartersStudyAndTheBoardCountsIt() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    try selectHome("医药卫生界别", in: world)
    let today = DemoWorld.today
    let before = world.runtime.state.data.dutyRollUp(year: today.year, quarter: today.quarter, today: today)
    world.press(.character("a"))
    #expect(world.backend.screen.text.contains("New activity of 医药卫生界别"))
    // Saved without a title: refused on the title field, nothing typed is lost.
    world.press(.tab, .tab, .tab)
    for character in "Online" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session != nil, "the form stays open")
    #expect(world.backend.screen.text.contains("Required"))
    #expect(world.runtime.state.sectors.session?.form.focusedField?.id == "title", "the title has the focus")
    for character in "Q4 study" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session == nil)
    let study = try #require(
      world.runtime.state.data.sectorActivities.values.first { $0.title == "Q4 study" })
    #expect(study.kind == .collectiveStudy && study.date == today && study.place.hasSuffix("Online"))
    let after = world.runtime.state.data.dutyRollUp(year: today.year, quarter: today.quarter, today: today)
    #expect(after.fullyCompliant == before.fullyCompliant + 1)
    #expect(world.backend.screen.text.contains("✓ 11/26"))
    world.press(.character("u"))
    #expect(world.runtime.state.data.sectorActivities[study.id] == nil, "undo takes it back")
  }

  @Test func aReportIsTrackedFromSentToReadToAdoptedWithFeedback() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    let data = world.runtime.state.data
    let report = try #require(data.sectorReports.values.sorted { $0.id < $1.id }.first { $0.status == .sent })
    let home = try #require(data.sectors[report.sector])
    try selectHome(home.name, in: world)
    world.press(.character("t"))
    #expect(world.backend.screen.text.contains("跟踪专报"))
    world.press(.ctrl("s"))
    #expect(world.runtime.state.data.sectorReports[report.id]?.status == .read)
    world.press(.character("t"))
    world.press(.ctrl("s"))
    #expect(world.backend.screen.text.contains("“反馈情况”不能为空"), "adopting needs the feedback")
    #expect(world.runtime.state.sectors.session?.form.focusedField?.id == "feedback")
    for character in "已纳入计划" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    let tracked = try #require(world.runtime.state.data.sectorReports[report.id])
    #expect(tracked.status == .adopted && tracked.feedback == "已纳入计划")
  }
}

@Suite struct ConsultationGapStories {
  @Test func aSecretaryEditsAConsultationIntoTheSeriesAndAddsAVisitAfterTheMeeting() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("2"))
    let target = try #require(
      world.runtime.state.data.consultations.values.filter { $0.details.series.isEmpty && $0.isFinished }
        .min { $0.id < $1.id })
    var state = world.runtime.state
    Update.navigate(&state, to: Navigation(.consultations, target.ref))
    world.press(.character("/"))
    for character in target.details.title { world.press(.character(character)) }
    world.press(.enter, .enter)
    world.press(.character("e"))
    #expect(world.backend.screen.text.contains("Edit consultation: \(target.details.title)"))
    // Down to the series field (the last one) and name the series.
    for _ in 0..<9 { world.press(.tab) }
    for character in "小花市集" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.data.consultations[target.id]?.details.series == "小花市集")
    let visitsBefore = 7 + target.allResearchVisits.count
    #expect(world.backend.screen.text.contains("Series \"小花市集\": \(visitsBefore) visits, 4 consultations"))

    world.press(.character("v"))
    world.press(.tab)
    for character in "夜市摊位" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    let visits = try #require(world.runtime.state.data.consultations[target.id]).addedVisits
    #expect(visits.map(\.place) == ["夜市摊位"])
    #expect(world.backend.screen.text.contains("Research visits added later (1)"))
    world.press(.character("u"))
    #expect(world.runtime.state.data.consultations[target.id]?.addedVisits.isEmpty == true)
  }
}

@Suite struct ProposalAdoptionStories {
  @Test func theYearsCollectiveProposalIsMarkedAdoptedAndBackWithUndo() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    let data = world.runtime.state.data
    let year = DemoWorld.today.year
    let proposal = try #require(
      data.sectorActivities.values.sorted { $0.id < $1.id }.first {
        $0.kind == .collectiveProposal && !$0.adopted && $0.date.year == year
          && data.dutyCompliance(sector: $0.sector, year: year, quarter: 4, today: DemoWorld.today)
            .collectiveProposal.fulfilledBy?.id == $0.id
      })
    let home = try #require(data.sectors[proposal.sector])
    world.press(.character("7"))
    let position = try #require(world.runtime.state.sectors.list.shownRefs.firstIndex(of: home.ref))
    for _ in 0..<position { world.press(.down) }
    world.press(.character("p"))
    #expect(world.runtime.state.data.sectorActivities[proposal.id]?.adopted == true)
    #expect(world.backend.screen.text.contains("（被采纳）"))
    // The message says which way it went, as p turns it either way without asking.
    #expect(world.runtime.state.message?.text == "集体提案“\(proposal.title)”已标为被采纳。u 可撤销。")
    world.press(.character("u"))
    #expect(world.runtime.state.data.sectorActivities[proposal.id]?.adopted == false)
  }
}

@Suite struct CooperationStories {
  @Test func aJointMeetingAndAJointInspectionAreRecordedAndCountedInTheYear() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    let year = DemoWorld.today.year
    world.press(.character("7"), .character("c"))
    #expect(world.backend.screen.text.contains("Cross-regional \(year): 4 joint meetings"))
    world.press(.character("n"))
    // Without regions: refused on the regions field, and nothing typed is lost.
    world.press(.tab, .tab, .tab)
    for character in "Plan 2027" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session?.form.focusedField?.id == "regions")
    for character in "内江" { world.press(.character(character)) }
    world.press(.enter)
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session == nil)
    #expect(world.backend.screen.text.contains("Cross-regional \(year): 5 joint meetings"))
    #expect(world.runtime.state.data.jointMeetings.values.contains { $0.plan == "Plan 2027" })

    world.press(.character("r"), .tab, .tab)
    for character in "Joint look at the river" { world.press(.character(character)) }
    world.press(.tab)
    for character in "泸州" { world.press(.character(character)) }
    world.press(.enter, .tab)
    for character in "one" { world.press(.character(character)) }
    world.press(.enter)
    for character in "two" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.backend.screen.text.contains("13 inspections · 60 suggestions"))
    world.press(.character("u"))
    #expect(world.backend.screen.text.contains("12 inspections · 58 suggestions"))
  }

  @Test func aHomeWritesAReportWithTheYearsProposal() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.press(.character("7"), .character("r"))
    #expect(world.backend.screen.text.contains("新建专报：中共界别"))
    for character in "关于委员之家建设的专报" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.backend.screen.text.contains("“报送对象（领导或部门）”不能为空"))
    #expect(world.runtime.state.sectors.session?.form.focusedField?.id == "leaders")
    for character in "区长" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    let report = try #require(
      world.runtime.state.data.sectorReports.values.first { $0.title == "关于委员之家建设的专报" })
    #expect(report.status == .sent && report.leaders == "区长" && report.activity != nil)
  }
}
