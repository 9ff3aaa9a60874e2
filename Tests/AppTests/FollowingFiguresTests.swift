import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// The figures the fieldwork sections show besides their rows — the visits' four action meters, the
/// patrols' and reports' summary lines, the river facet's options and every river's water trend —
/// follow each change's touched records (`SharedIndexes.following`): after every step of a seeded
/// run of changes, undos and redos, each followed figure must equal a recount from the data.
@Suite struct FollowingFiguresFollowChanges {
  /// The indexes as a running app carries them, and the data they were carried to.
  struct Carried {
    var indexes = SharedIndexes()
    var changes = ChangeLog()
    var version = 0
    var data: CommitteeState
    let today: Day

    init(_ data: CommitteeState, today: Day) {
      self.data = data
      self.today = today
      // Every figure made once, so that each later step follows it rather than making it anew.
      askForEveryFigure()
    }

    func context(_ indexes: SharedIndexes) -> ScreenContext {
      ScreenContext(
        data: data, dataVersion: version, language: .zh, today: today, actor: .staff("hexm", .admin),
        indexes: indexes, changes: changes)
    }

    func askForEveryFigure() {
      _ = indexes.visitCounts(data)
      _ = indexes.reportCounts(data)
      _ = indexes.waterSummariesWithSegments(data)
      _ = indexes.sectorDuties(year: today.year, data)
    }

    /// The store moved to `next` by a step that touched `touched`: the indexes follow, and every
    /// figure read from them equals the one recounted from the data.
    mutating func step(to next: CommitteeState, touched: [RecordRef]?) {
      let before = data
      let builtAt = version
      version += 1
      changes.record(version: version, touched: touched)
      indexes = indexes.following(from: data, to: next, touched: touched)
      data = next
      #expect(indexes.visitCounts(data) == VisitCounts(data), "visit counts differ from a recount")
      #expect(indexes.patrolCounts(data) == PatrolCounts(data), "patrol counts differ from a recount")
      #expect(indexes.reportCounts(data) == ReportCounts(data), "report counts differ from a recount")
      #expect(
        indexes.waterSummariesWithSegments(data) == data.waterSummariesWithSegments(),
        "water summaries differ from a recount")
      for year in Set(data.visits.values.map(\.date.year)).union(data.patrols.values.map(\.date.year)) {
        for kind in VisitKind.actions {
          #expect(indexes.actionProgress(kind, year: year, in: data) == data.actionProgress(kind, year: year))
        }
      }
      // Each home's duties in each quarter, and the heads' roll-up, as the data makes them.
      #expect(indexes.sectorDuties(year: today.year, data) == SectorDuties(data, year: today.year))
      for sector in data.sectors.keys {
        for quarter in 1...4 {
          #expect(
            indexes.dutyCompliance(sector: sector, year: today.year, quarter: quarter, today: today, in: data)
              == data.dutyCompliance(sector: sector, year: today.year, quarter: quarter, today: today))
        }
      }
      #expect(
        indexes.dutyRollUp(year: today.year, quarter: today.quarter, today: today, in: data)
          == data.dutyRollUp(year: today.year, quarter: today.quarter, today: today))
      // The summary lines read from followed indexes say what fresh indexes say.
      let followed = context(indexes)
      let fresh = context(SharedIndexes())
      #expect(VisitsList.summary(context: followed) == VisitsList.summary(context: fresh))
      #expect(PatrolsList.summary(context: followed) == PatrolsList.summary(context: fresh))
      #expect(ReportsList.summary(context: followed) == ReportsList.summary(context: fresh))
      #expect(PatrolsList.rivers(context: followed) == PatrolsList.rivers(data))
      // The river facet's check: rows made before fit only if the rivers patrolled did not move.
      if let since = changes.touched(since: builtAt) {
        let fits = PatrolsList.lookup(context: followed, before: before, touched: since) != nil
        #expect(fits == (PatrolsList.rivers(before) == PatrolsList.rivers(data)), "river options check")
      }
    }
  }

  @Test("a hundred and fifty seeded changes, undos and redos: every followed figure equals a recount")
  func seededChangesKeepEveryFigureEqualToARecount() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var carried = Carried(store.state, today: world.state.today)
    var random = SeedRandom(seed: 15)
    let members = store.state.members.values.filter { !$0.archived }.map(\.id).sorted()
    try #require(!store.state.rivers.isEmpty && members.count >= 3)
    func someDay() -> Day { world.state.today.adding(days: -random.below(800)) }
    func someQuality() -> WaterQuality? {
      random.chance(0.2) ? nil : WaterQuality.allCases[random.below(WaterQuality.allCases.count)]
    }
    func someRiver(_ data: CommitteeState) -> River? {
      data.rivers.values.sorted { $0.id < $1.id }.randomElement(using: &random)
    }

    var applied = 0
    for step in 0..<150 {
      let data = store.state
      var change: Change?
      switch random.below(13) {
      case 0:
        if let river = someRiver(data) {
          change = .putPatrol(
            Patrol(
              id: data.newID(), river: river.id, segment: river.segments.randomElement(using: &random) ?? "",
              date: someDay(), members: [members[random.below(members.count)]], waterQuality: someQuality()))
        }
      case 1:
        // A patrol moved to another river, day or class: its old river's trend and its new one's move.
        if var patrol = data.patrols.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random),
          let river = someRiver(data)
        {
          if random.chance(0.5) {
            patrol.river = river.id
            patrol.segment = river.segments.randomElement(using: &random) ?? ""
          }
          patrol.date = someDay()
          patrol.waterQuality = someQuality()
          change = .putPatrol(patrol)
        }
      case 2:
        // A river's target class moved: every reading of it met or missed anew.
        if var river = someRiver(data) {
          river.targetClass = WaterQuality.allCases[random.below(4)]
          change = .putRiver(river)
        }
      case 3:
        // A new river, not yet patrolled: no option for it until its first patrol.
        change = .putRiver(River(id: data.newID(), name: "新河\(step)", segments: ["上游", "下游"]))
      case 4:
        change = .putVisit(
          Visit(
            id: data.newID(), kind: VisitKind.actions[random.below(VisitKind.actions.count)], date: someDay(),
            members: [members[random.below(members.count)]], place: "走访点\(step)"))
      case 5:
        if var visit = data.visits.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random) {
          visit.kind = VisitKind.actions[random.below(VisitKind.actions.count)]
          visit.date = someDay()
          change = .putVisit(visit)
        }
      case 6:
        change = .putOpinionReport(
          OpinionReport(
            id: data.newID(), title: "社情民意\(step)", text: "正文",
            submitter: members[random.below(members.count)],
            date: someDay()))
      case 7:
        // A report one link further along its chain.
        let open = data.opinionReports.values.filter { $0.status != .done }.sorted { $0.id < $1.id }
        if let report = open.randomElement(using: &random) {
          let next: OpinionReportStep
          switch report.status {
          case .submitted: next = .adopt(on: world.state.today)
          case .adopted: next = .instruct(by: "县长", on: world.state.today, text: "抓紧办理")
          case .instructed: next = .rectify(department: nil, plan: "整改方案", due: world.state.today)
          case .rectifying, .done: next = .complete(on: world.state.today, note: "办结")
          }
          change = .advanceOpinionReport(report.id, next)
        }
      case 8, 9:
        // A sector activity this year (a duty fulfilled), or one moved to another home or day.
        let sectors = data.sectors.keys.sorted()
        let kinds = SectorActivityKind.allCases
        if let sector = sectors.randomElement(using: &random) {
          if random.chance(0.5),
            var activity = data.sectorActivities.values.sorted(by: { $0.id < $1.id }).randomElement(
              using: &random)
          {
            activity.sector = sector
            activity.date = world.state.today.adding(days: -random.below(300))
            change = .putSectorActivity(activity)
          } else {
            change = .putSectorActivity(
              SectorActivity(
                id: data.newID(), sector: sector, kind: kinds[random.below(kinds.count)],
                date: world.state.today.adding(days: -random.below(300)), title: "活动\(step)",
                members: [members[random.below(members.count)]]))
          }
        }
      case 10:
        // A member moved to another home, or archived: the homes' outreach talks owed move.
        if var member = data.members[members[random.below(members.count)]] {
          if random.chance(0.3) {
            member.archived.toggle()
          } else {
            member.sector = data.sectors.keys.sorted().randomElement(using: &random)
          }
          change = .putMember(member)
        }
      default:
        change = nil
      }
      if let change {
        // A change the rules refuse (a step out of turn) is a step like any other: nothing moves.
        if (try? store.apply(change, actor: admin, now: world.clock.now())) != nil { applied += 1 }
      } else if random.chance(0.5) {
        _ = try? store.undo(actor: admin, now: world.clock.now())
      } else {
        _ = try? store.redo(actor: admin, now: world.clock.now())
      }
      carried.step(to: store.state, touched: store.lastTouched)
    }
    // Most steps changed something for the figures to follow.
    #expect(applied > 80)
  }

  @Test("a patrol moved to a river nobody patrolled adds that river's option; moving it back removes it")
  func aPatrolOnANewRiverMovesTheOptions() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var carried = Carried(store.state, today: world.state.today)
    let river = River(id: store.state.newID(), name: "新开河", segments: [])
    try store.apply(.putRiver(river), actor: admin, now: world.clock.now())
    carried.step(to: store.state, touched: store.lastTouched)
    #expect(!PatrolsList.rivers(context: carried.context(carried.indexes)).contains(river.id))
    var patrol = try #require(store.state.patrols.values.min { $0.id < $1.id })
    let (oldRiver, oldSegment) = (patrol.river, patrol.segment)
    patrol.river = river.id
    patrol.segment = ""
    patrol.waterQuality = .classV
    try store.apply(.putPatrol(patrol), actor: admin, now: world.clock.now())
    carried.step(to: store.state, touched: store.lastTouched)
    #expect(PatrolsList.rivers(context: carried.context(carried.indexes)).contains(river.id))
    // Its trend is the one reading, which misses the default target (III).
    let trend = carried.indexes.waterSummary(river: river.id, in: carried.data)
    #expect(trend.months.count == 1 && trend.months.first?.missed == true)
    patrol.river = oldRiver
    patrol.segment = oldSegment
    try store.apply(.putPatrol(patrol), actor: admin, now: world.clock.now())
    carried.step(to: store.state, touched: store.lastTouched)
    #expect(!PatrolsList.rivers(context: carried.context(carried.indexes)).contains(river.id))
    #expect(carried.indexes.waterSummary(river: river.id, in: carried.data).months.isEmpty)
  }
}
