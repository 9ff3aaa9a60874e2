import Domain
import Foundation
import Testing

@testable import Seed

@Suite struct DemoTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_000)

  @Test func theDemoIsTheSameOnEveryRun() throws {
    let first = Demo.steps(today: Self.today)
    let second = Demo.steps(today: Self.today)
    #expect(first.map(\.change) == second.map(\.change))
    #expect(first.map(\.at) == second.map(\.at))
    #expect(try Demo.state(today: Self.today) == Demo.state(today: Self.today))
  }

  @Test func everyChangePassesTheDomainRulesInOrderAndNothingHappensAfterToday() throws {
    var state = CommitteeState()
    let actor = ActingUser.staff("demo", .admin)
    for (index, step) in Demo.steps(today: Self.today).enumerated() {
      #expect(step.at <= Self.today.noonUTC, "step \(index) is in the future")
      do {
        state = try apply(step.change, to: state, actor: actor, now: step.at).state
      } catch {
        Issue.record("step \(index) refused: \(error.message(in: .en)) — \(step.change)")
        return
      }
    }
    #expect(state.indexesAreConsistent)
  }

  @Test func theDemoHasTheVolumeOfAWorkingYear() throws {
    let state = try Demo.state(today: Self.today)
    #expect(state.members.count == 240)
    #expect(state.sectors.count == 22)
    #expect(state.specialCommittees.count == 8)
    #expect(state.supervisionTeams.count == 9)
    #expect(state.consultations.count >= 150)
    #expect(state.problems.count >= 200)
    #expect(state.patrols.count >= 100)
    #expect(state.visits.count >= 100)
    #expect(state.opinionReports.count >= 30)
    #expect(state.staffAccounts.values.map(\.role).sorted() == [.clerk, .secretary, .head])
    let halls = state.stations.values.filter { $0.level == .districtHall }.map(\.name).sorted()
    #expect(halls.count == 5)
    for district in ["九龙坡区", "渝中区", "渝北区", "荣昌区", "奉节县"] {
      #expect(halls.contains { $0.hasPrefix(district) }, "no hall for \(district)")
    }
  }

  @Test func yuzhongHasElevenStreetsAndSeventyNineCommunitiesAllCoveredByMembers() throws {
    let state = try Demo.state(today: Self.today)
    let hall = try #require(state.stations.values.first { $0.name.hasPrefix("渝中区") })
    let streets = state.stations.values.filter { $0.parent == hall.id }
    let streetIDs = Set(streets.map(\.id))
    let communities = state.stations.values.filter { $0.parent.map(streetIDs.contains) ?? false }
    #expect(streets.count == 11)
    #expect(communities.count == 79)
    let assigned = Set(state.members.values.flatMap(\.stations))
    #expect(communities.allSatisfy { assigned.contains($0.id) })
  }

  @Test func problemsAreInEveryStateOfTheLoopAndSomeAreOverdue() throws {
    let state = try Demo.state(today: Self.today)
    for status in ProblemStatus.allCases {
      #expect(!state.problems(status: status).isEmpty, "no problem is \(status)")
    }
    #expect(state.overdueProblems(today: Self.today).count >= 5)
    #expect(state.problems.values.contains { $0.redoCount > 0 })
    let sources = Set(state.problems.values.map(\.source.ref.kind))
    #expect(sources == [.consultation, .supervisionItem, .patrol, .visit, .opinionReport])
  }

  @Test func theArticlesOwnCasesArePresent() throws {
    let state = try Demo.state(today: Self.today)
    let market = state.consultations.values.filter { $0.details.title.contains("小花市集") }
    #expect(market.count == 3, "3 consultations on 小花市集")
    let first = try #require(market.min { $0.id < $1.id })
    let thread = state.consultations(inSeries: "小花市集")
    #expect(thread.count == 3, "one topic series of 3 consultations")
    #expect(thread.flatMap(\.allResearchVisits).count == 7, "7 research visits over the series")
    #expect(first.isFinished)
    #expect(first.meeting?.host == "何晓敏")
    let shiping = try #require(state.stations.values.first { $0.name.hasPrefix("石坪桥街道") })
    #expect(shiping.head == "何晓敏")
    #expect(first.details.station == shiping.id)

    let yangtze = try #require(state.supervisionItems.values.first { $0.title.contains("长江") })
    #expect(yangtze.researchTrips.count == 13)
    #expect(yangtze.suggestions.count >= 60)
    #expect(yangtze.isClosed)

    let sanhe = try #require(state.consultations.values.first { $0.details.title.contains("三合村") })
    #expect(sanhe.details.kind == .crossRegional)
    #expect(sanhe.isFinished)
    let regions = sanhe.details.partnerRegions.compactMap { state.partnerRegions[$0]?.name }
    #expect(regions.contains("内江市"))
    let crossRegional = state.consultations.values.filter { $0.details.kind == .crossRegional }
    #expect(crossRegional.count == 6, "the article's six joint consultations")
    let jiulongpo = try #require(state.stations.values.first { $0.name.hasPrefix("九龙坡区") })
    #expect(state.stationAndDescendants(jiulongpo.id).count - 1 == 81, "81 work posts in 九龙坡区")
    let basin = try #require(state.consultations.values.first { $0.details.title.contains("濑溪河") })
    let basinRegions = basin.details.partnerRegions.compactMap { state.partnerRegions[$0]?.name }
    #expect(basinRegions.contains("内江市") && basinRegions.contains("泸州市"))

    let gas = try #require(state.problems.values.first { $0.title.contains("用气") })
    #expect(gas.status == .closed)
    #expect(gas.reply.contains("时段优惠"))
    let liJing = try #require(state.members.values.first { $0.name == "李靖" })
    let report = try #require(
      state.opinionReports.values.first { $0.submitter == liJing.id && $0.instruction.contains("拉网式排查") })
    let manhole = try #require(state.problems(from: .opinionReport(report.id)).first)
    #expect(report.title.contains(manhole.title))
    #expect(manhole.department.flatMap { state.departments[$0]?.name } == "县城市管理局")
    #expect(state.departments.values.contains { $0.name == "区生态环境局" })

    let riverNames = Set(state.rivers.values.map(\.name))
    #expect(riverNames.isSuperset(of: ["长江", "梅溪河", "草堂河", "朱衣河", "大溪河", "石笋河", "濑溪河"]))
    #expect(Set(state.patrols.values.compactMap(\.waterQuality)).count >= 4)
    let homes = state.sectors.values.filter { $0.missingHaves.isEmpty }
    #expect(homes.count >= 15, "most sector homes have all six haves")
    #expect(state.sectors.values.allSatisfy { $0.conveners.count == 3 })
  }

  @Test func aDemoLoadedIntoAStoreInUseTakesFreshIDsAndLeavesItsRecordsAlone() throws {
    let admin = ActingUser.staff("alice", .admin)
    let now = Self.today.noonUTC
    var base = try apply(
      .putStaffAccount(
        StaffAccount(id: StaffAccountID(raw: 1), userName: "alice", displayName: "A", role: .admin)),
      to: CommitteeState(), actor: admin, now: now
    ).state
    let existing = Member(id: base.newID(), name: "早已在册的委员")
    base = try apply(.putMember(existing), to: base, actor: admin, now: now).state
    let loaded = try Demo.state(today: Self.today, actor: admin, into: base)
    #expect(loaded.members.count == 241)
    #expect(loaded.members[existing.id] == existing)
    #expect(loaded.staffAccounts.count == 4)
  }
}

@Suite struct DemoFaultTests {
  static let state: CommitteeState? = try? Demo.state(today: DemoTests.today, actor: .staff("root", .admin))

  @Test func stepRecordsAndHistoriesNameTheDemosStaffNotTheUserWhoLoadedIt() throws {
    let state = try #require(Self.state)
    let staff = Set(state.staffAccounts.values.map(\.userName))
    let steps = state.consultations.values.flatMap(\.completed)
    #expect(!steps.isEmpty && steps.allSatisfy { staff.contains($0.by) })
    #expect(steps.contains { $0.by == "chenguoqiang" }, "a head confirms topics")
    let events = state.problems.values.flatMap(\.history)
    #expect(events.allSatisfy { staff.contains($0.actor) })
    #expect(!state.problems.values.contains { $0.raisedBy == "root" })
  }

  @Test func researchVisitsAreNeverDatedAfterTheStepThatHoldsThem() throws {
    let state = try #require(Self.state)
    for consultation in state.consultations.values {
      for step in consultation.completed {
        guard case .research(let visits) = step.record else { continue }
        let done = Day(step.at, TimeZone(identifier: "UTC") ?? .current)
        #expect(visits.allSatisfy { $0.date <= done }, "\(consultation.details.title)")
      }
    }
  }

  @Test func problemsRaisedFromVisitsAndPatrolsAreTitledWithTheirOwnPlace() throws {
    let state = try #require(Self.state)
    var checked = 0
    for problem in state.problems.values {
      switch problem.source {
      case .visit(let id):
        guard let visit = state.visits[id], visit.kind != .enterprise else { continue }
        #expect(problem.title.hasPrefix(visit.place), "\(problem.title) from a visit to \(visit.place)")
        #expect(visit.notes.contains(problem.title.dropFirst(visit.place.count)))
        checked += 1
      case .patrol(let id):
        guard let patrol = state.patrols[id], let river = state.rivers[patrol.river] else { continue }
        #expect(problem.title.hasPrefix(river.name + patrol.segment), "\(problem.title) on \(river.name)")
        checked += 1
      case .opinionReport(let id):
        guard let report = state.opinionReports[id] else { continue }
        #expect(report.title.contains(problem.title) || report.text.contains(problem.title))
        checked += 1
      default: continue
      }
    }
    #expect(checked > 50)
  }

  @Test func theSectorHomesHaveTheirLiaisonsConvenersReportsAndAQuarterStillToDo() throws {
    let state = try #require(Self.state)
    #expect(state.sectors.count == 22)
    for home in state.sectors.values {
      #expect(
        !home.liaisonName.isEmpty && home.liaison == nil, "\(home.name): the liaison is lead-unit staff")
      let head = try #require(home.conveners.first.flatMap { state.members[$0] })
      #expect(head.notes.hasPrefix(home.leadUnit))
    }
    let health = try #require(state.sectors.values.first { $0.name == "医药卫生界别" })
    let today = DemoTests.today
    let board = state.dutyCompliance(
      sector: health.id, year: today.year, quarter: today.quarter, today: today)
    #expect(!board.study.done, "the quarter's study is still to be recorded")
    #expect(state.sectorReports.values.map(\.status).contains(.adopted))
    #expect(state.sectorActivities.values.contains { $0.adopted })
    #expect(Set(state.sectorActivities.values.map(\.kind)).isSuperset(of: SectorActivityKind.offered))
  }

  @Test func theCrossRegionalYearAddsUpToTheArticlesFigures() throws {
    let state = try #require(Self.state)
    let totals = state.cooperationTotals(year: DemoTests.today.year)
    #expect(totals.jointMeetings == 4)
    #expect(totals.consultations == 6)
    #expect(totals.inspections == 12)
    #expect(totals.suggestions == 58)
    #expect(totals.majorProjects == 4)
    #expect(totals.problemsSolved == 26)
    let basin = try #require(state.cooperationAgreements.values.first { $0.title.contains("濑溪河") })
    #expect(basin.parties.count == 7)
    #expect(basin.rivers.count == 5)
    #expect(state.consultations.values.contains { $0.details.level == .townOrMicro })
  }
}

@Suite struct DemoCalendarTests {
  @Test(arguments: ["2026-01-01", "2028-02-29", "2027-07-01", "2026-11-26"])
  func theDemoAppliesWhateverDayItIsLoadedOn(_ text: String) throws {
    let today = try #require(Day(text))
    let state = try Demo.state(today: today)
    #expect(state.problems.count >= 200)
    #expect(state.patrols.values.allSatisfy { $0.date <= today })
    #expect(state.problems.values.allSatisfy { $0.due == nil || $0.history.count >= 2 })
  }

  @Test func workIsUnderWayAsWellAsDone() throws {
    let today = DemoTests.today
    let state = try Demo.state(today: today)
    let open = state.consultations.values.filter { !$0.isFinished }
    #expect(open.count >= 10, "consultations still in progress")
    #expect(Set(open.compactMap(\.nextStep)).count >= 3)
    for stage in SupervisionStage.allCases {
      #expect(!state.supervisionItems(stage: stage).isEmpty, "no supervision item \(stage)")
    }
    #expect(!state.followUpOverdueSupervisionItems(today: today).isEmpty)
    #expect(state.supervisionItems.values.contains { $0.redoCount > 0 })
    let behind = state.sectors.values.filter {
      !state.missingDuties(sector: $0.id, year: today.year, quarter: today.quarter).isEmpty
    }
    #expect(!behind.isEmpty && behind.count < state.sectors.count, "some sectors fall behind on duties")
  }
}

@Suite struct FengjieDemoTests {
  static let today = DemoTests.today

  @Test func yiJiangWuHeHasFiveYearsOfReadingsAndHasMetItsTargetFiveYearsRunning() throws {
    let state = try Demo.state(today: Self.today)
    let names = ["长江", "梅溪河", "草堂河", "朱衣河", "大溪河", "石笋河"]
    for name in names {
      let river = try #require(state.rivers.values.first { $0.name == name })
      let readings = state.waterReadings(river: river.id)
      let years = Set(readings.map(\.date.year))
      #expect(years.isSuperset(of: Set(2021...2026)), "\(name) has readings from 2021 to 2026")
      let summary = state.waterSummary(river: river.id)
      #expect(summary.target == .classIII)
      #expect(summary.yearsMetRunning == 5, "\(name) met its target five years running")
      #expect(summary.latest != nil)
    }
  }

  @Test func theGasSupplyVisitBecamePolicyAndTheManholeReportWasInstructedAndRectified() throws {
    let state = try Demo.state(today: Self.today)
    let visit = try #require(
      state.visits.values.first { $0.place == "重庆博威新材科技有限公司" && $0.notes.contains("天然气") })
    #expect(visit.kind == .enterprise)
    #expect(visit.suggestions.contains("合理定价"))
    let gas = try #require(state.problems(from: .visit(visit.id)).first)
    #expect(gas.status == .closed)
    #expect(gas.reply.contains("工业用气价格优惠方案"))
    #expect(gas.raisedByMember.flatMap { state.members[$0]?.name } == "张建中")
    #expect(gas.measures != nil, "evaluated on the three measures")

    // 李靖's report is the source of the problem the article tells (other reports share its topic).
    let manhole = try #require(state.problems.values.first { $0.title == "城区道路井盖设施众多，不美观、不安全" })
    guard case .opinionReport(let reportID) = manhole.source else {
      Issue.record("the manhole-cover problem comes from \(manhole.source)")
      return
    }
    let report = try #require(state.opinionReports[reportID])
    #expect(state.members[report.submitter]?.name == "李靖")
    #expect(report.status == .done)
    #expect(report.instructedBy == "县委、县政府领导")
    #expect(report.instruction.contains("拉网式排查"))
    let bureau = try #require(report.rectificationDepartment.flatMap { state.departments[$0] })
    #expect(bureau.name == "县城市管理局")
    #expect((report.adoptedOn ?? Self.today) < (report.instructedOn ?? Self.today))
    for status in OpinionReportStatus.allCases {
      #expect(state.opinionReports.values.contains { $0.status == status }, "a report is \(status)")
    }
  }

  @Test func patrolsIncludeJointCrossBorderOnesAndSomeStillUnderWay() throws {
    let state = try Demo.state(today: Self.today)
    let joint = state.patrols.values.filter { $0.partnerRegion != nil }
    #expect(
      Set(joint.compactMap { $0.partnerRegion.flatMap { state.partnerRegions[$0]?.name } }) == ["内江市", "泸州市"])
    #expect(state.patrols.values.contains { $0.isOpen })
    #expect(state.patrols.values.contains { !$0.isOpen })
    #expect(state.problems.values.contains { $0.raisedByMember != nil && $0.source.ref.kind == .patrol })
    #expect(state.visits.values.contains { !$0.suggestions.isEmpty })
    #expect(state.actionTargets(year: 2026).target(for: .enterprise) == 100)
  }
}
