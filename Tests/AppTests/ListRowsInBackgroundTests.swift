import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing
import Widgets

@testable import App

/// The long kit lists make their rows on another thread (`RowsPreparation`) from the app's first
/// tick or their first visit: the rows taken in, carried through the changes made while they were
/// being made, must equal rows made on the spot; a list visited before they are in says how far
/// they are and fills in when they are.
@Suite struct ListRowsInTheBackground {
  /// Every kit list's build for `context`, made by `preparation`.
  struct Builds {
    var patrols: BackgroundBuild<BuiltRows<RecordRows>>
    var visits: BackgroundBuild<BuiltRows<RecordRows>>
    var reports: BackgroundBuild<BuiltRows<RecordRows>>
    var supervision: BackgroundBuild<BuiltRows<RecordRows>>
    var consultations: BackgroundBuild<BuiltRows<ConsultationRows>>

    init(_ preparation: RowsPreparation, _ context: ScreenContext) throws {
      patrols = try #require(preparation.build(PatrolsList.self, context: context))
      visits = try #require(preparation.build(VisitsList.self, context: context))
      reports = try #require(preparation.build(ReportsList.self, context: context))
      supervision = try #require(preparation.build(SupervisionList.self, context: context))
      consultations = try #require(preparation.build(ConsultationsList.self, context: context))
    }

    func waitForAll() -> Bool {
      [
        patrols.wait(seconds: 60), visits.wait(seconds: 60), reports.wait(seconds: 60),
        supervision.wait(seconds: 60), consultations.wait(seconds: 60),
      ].allSatisfy { $0 }
    }
  }

  /// A list's rows made on another thread, carried to `context`, against a build made there.
  static func expectTakenIn<Spec: FollowingRecordList>(
    _ build: BackgroundBuild<BuiltRows<RecordRows>>, _ spec: Spec.Type, at context: ScreenContext,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws where Spec.Source == RecordRows {
    var made = try #require(build.result, sourceLocation: sourceLocation)
    Spec.update(&made.rows, builtAt: made.version, context: context)
    LazyRowsMatch.expect(made.rows, equals: Spec.rowsMadeWhole(context: context), spec, sourceLocation)
  }

  @Test(
    "rows made on another thread, carried through forty seeded changes made meanwhile, equal rows made on the spot"
  )
  func rowsMadeMeanwhileEqualRowsMadeOnTheSpot() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    let first = world.state.context
    let start = ScreenContext(
      data: store.state, dataVersion: 0, language: .zh, today: first.today, actor: admin, body: first.body)
    // Every list's build waits at the gate while the changes come in.
    let gate = BackgroundGate()
    gate.hold()
    let preparation = RowsPreparation(from: 0, gate: gate)
    let builds = try Builds(preparation, start)
    #expect(builds.consultations.isFinished == false)

    var random = SeedRandom(seed: 3)
    var changes = ChangeLog()
    var indexes = SharedIndexes()
    var data = store.state
    // The consultations' summary counts, made now, are followed through the changes too.
    _ = indexes.consultationCounts(data)
    let rivers = store.state.rivers.keys.sorted()
    let members = store.state.members.values.filter { !$0.archived }.map(\.id).sorted()
    try #require(!rivers.isEmpty && members.count >= 3)
    for step in 1...40 {
      let now = store.state
      let change: Change
      switch random.below(6) {
      case 0:
        change = .putPatrol(
          Patrol(
            id: now.newID(), river: rivers[random.below(rivers.count)], date: first.today,
            members: [members[0]]))
      case 1:
        var patrol = try #require(
          now.patrols.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random))
        patrol.date = first.today.adding(days: -random.below(300))
        change = .putPatrol(patrol)
      case 2:
        let visit = try #require(now.visits.keys.sorted().randomElement(using: &random))
        change = .raiseProblem(now.newID(), .visit(visit), title: "走访问题\(step)", description: "")
      case 3:
        let consultation = try #require(now.consultations.keys.sorted().randomElement(using: &random))
        change = .raiseProblem(
          now.newID(), .consultation(consultation), title: "协商问题\(step)", description: "")
      case 4:
        change = .openConsultation(now.newID(), ConsultationDetails(title: "背景中新开的协商\(step)"))
      default:
        change = .putOpinionReport(
          OpinionReport(
            id: now.newID(), title: "社情民意\(step)", text: "正文", submitter: members[1], date: first.today))
      }
      try store.apply(change, actor: admin, now: world.clock.now())
      changes.record(version: step, touched: store.lastTouched)
      indexes = indexes.following(from: data, to: store.state, touched: store.lastTouched)
      data = store.state
    }
    let context = ScreenContext(
      data: data, dataVersion: 40, language: .zh, today: first.today, actor: admin, body: first.body,
      indexes: indexes, changes: changes)
    gate.release()
    #expect(builds.waitForAll())
    try Self.expectTakenIn(builds.patrols, PatrolsList.self, at: context)
    try Self.expectTakenIn(builds.visits, VisitsList.self, at: context)
    try Self.expectTakenIn(builds.reports, ReportsList.self, at: context)
    try Self.expectTakenIn(builds.supervision, SupervisionList.self, at: context)
    var consultations = try #require(builds.consultations.result)
    ConsultationsList.update(&consultations.rows, builtAt: consultations.version, context: context)
    LazyRowsMatch.expect(
      consultations.rows.rows, equals: ConsultationsList.rowsMadeWhole(context: context),
      ConsultationsList.self)
    #expect(indexes.consultationCounts(data) == ConsultationCounts(data))
    #expect(
      consultations.rows.rows.refs.contains {
        store.state.consultations[ConsultationID(raw: $0.raw)]?.details.title.hasPrefix("背景中新开的协商") == true
      })
  }

  @Test("a build nobody waits for any more stops, and makes nothing")
  func aForgottenBuildStops() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let gate = BackgroundGate()
    gate.hold()
    let preparation = RowsPreparation(from: 0, gate: gate)
    let build = try #require(preparation.build(PatrolsList.self, context: world.state.context))
    preparation.forget(PatrolsList.self)
    gate.release()
    #expect(build.wait(seconds: 30) == false)
    #expect(build.result == nil)
  }

  @Test("problems by source made on another thread are caught up with the problems raised meanwhile")
  func problemsBySourceMadeMeanwhile() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    let gate = BackgroundGate()
    gate.hold()
    var indexes = SharedIndexes(rowsFrom: .max, gate: gate)
    var data = store.state
    indexes.prepareInBackground(data, problemsFrom: 0, participationFrom: .max)
    let consultation = try #require(data.consultations.keys.min())
    for step in 1...5 {
      try store.apply(
        .raiseProblem(store.state.newID(), .consultation(consultation), title: "问题\(step)", description: ""),
        actor: admin, now: world.clock.now())
      indexes = indexes.following(from: data, to: store.state, touched: store.lastTouched)
      data = store.state
    }
    // One of them taken back.
    _ = try store.undo(actor: admin, now: world.clock.now())
    indexes = indexes.following(from: data, to: store.state, touched: store.lastTouched)
    data = store.state
    gate.release()
    let prepared = indexes.problemsBySource(data)
    let fresh = SharedIndexes().problemsBySource(data)
    #expect(prepared == fresh)
    #expect(prepared[RecordRef(consultation)].count >= 4)
  }

  @Test(
    "this year's sector duties made on another thread are caught up with the activities and members changed meanwhile"
  )
  func sectorDutiesMadeMeanwhile() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    let today = world.state.today
    let gate = BackgroundGate()
    gate.hold()
    var indexes = SharedIndexes(rowsFrom: .max, gate: gate)
    var data = store.state
    let start = data
    indexes.prepareInBackground(
      data, problemsFrom: .max, participationFrom: .max, dutiesYear: today.year, dutiesFrom: 0)
    let sectors = data.sectors.keys.sorted()
    let member = try #require(data.members.values.filter { !$0.archived }.min { $0.id < $1.id })
    let activity = try #require(
      data.sectorActivities.values.filter { $0.date.year == today.year }.min { $0.id < $1.id })
    var moved = activity
    moved.sector = try #require(sectors.first { $0 != activity.sector })
    var memberMoved = member
    memberMoved.sector = sectors.last
    let changes: [Change] = [
      .putSectorActivity(
        SectorActivity(
          id: data.newID(), sector: sectors[0], kind: .collectiveStudy, date: today, title: "新活动",
          members: [member.id])),
      .putSectorActivity(moved),
      .putMember(memberMoved),
    ]
    for change in changes {
      try store.apply(change, actor: admin, now: world.clock.now())
      indexes = indexes.following(from: data, to: store.state, touched: store.lastTouched)
      data = store.state
    }
    gate.release()
    let prepared = indexes.sectorDuties(year: today.year, data)
    let fresh = SectorDuties(data, year: today.year)
    #expect(prepared == fresh)
    #expect(prepared.activities[moved.sector]?[moved.id] != nil)
    #expect(prepared.members[memberMoved.sector ?? sectors[0]]?.contains(member.id) == true)
    // The build was made from the data before the changes: without them carried it would differ.
    #expect(SectorDuties(start, year: today.year) != fresh)
  }

  /// The demonstration world whose lists make their rows on another thread from one record,
  /// pausing at `gate`.
  static func world(gate: BackgroundGate, language: Language = .zh) throws -> TestWorld {
    let world = try TestWorld(
      language: language, size: Size(width: 120, height: 40),
      seed: { store, clock in
        try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
      },
      configure: { $0.indexes = SharedIndexes(rowsFrom: 1, gate: gate) })
    for event in world.runtime.perform(.loadDemo) { world.runtime.send(event) }
    // The first tick: every list's rows start, and wait at the gate.
    world.runtime.housekeeping()
    return world
  }

  @Test(
    "a list visited before its rows are in says how far they are, lets the user go elsewhere, and fills in with a session opened meanwhile"
  )
  func aVisitBeforeTheRowsAreIn() throws {
    let gate = BackgroundGate()
    gate.hold()
    let world = try Self.world(gate: gate)
    world.press([.character("2")])
    #expect(world.state.isLoadingRows)
    #expect(world.screen.contains("协商") && world.screen.contains("载入中 0%"))
    let build = try #require(world.state.consultations.list.pending)
    // Moving in rows not yet there does nothing; the other lists say the same; help opens.
    world.press([.character("j"), .character("4")])
    #expect(world.screen.contains("载入中"))
    world.press([.character("?")])
    #expect(world.state.showHelp)
    world.press([.escape, .character("2")])
    // A session opened while the rows are made is in them when they come.
    let id: ConsultationID = world.store.state.newID()
    world.apply(.openConsultation(id, ConsultationDetails(title: "载入时新开的协商")))
    #expect(world.state.isLoadingRows)
    gate.release()
    #expect(build.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([])
    #expect(!world.state.isLoadingRows)
    #expect(!world.screen.contains("载入中"))
    let shown = try #require(world.state.consultations.list.source)
    let fresh = ConsultationsList.rows(context: world.state.context)
    #expect(shown.rows.refs == fresh.rows.refs)
    #expect(shown.rows.refs.contains(RecordRef(id)))
    // The filter works on the rows taken in.
    world.press([.character("/")])
    world.type("载入时新开")
    #expect(world.state.consultations.list.shownRefs == [RecordRef(id)])
  }

  @Test("an English list says Loading while its rows are made")
  func loadingInEnglish() throws {
    let gate = BackgroundGate()
    gate.hold()
    defer { gate.release() }
    let world = try Self.world(gate: gate, language: .en)
    world.press([.character("9")])
    #expect(world.screen.contains("Loading 0%"))
  }

  /// `count` new members, one change each, through the runtime (its change log keeps the last 256).
  static func addMembers(_ count: Int, to world: TestWorld) {
    for number in 0..<count {
      world.apply(
        .putMember(Member(id: world.store.state.newID(), name: "新委员\(number)", phone: "13800000000")))
    }
  }

  @Test(
    "rows made more changes ago than the change log keeps are made again on the other thread, with 载入中, and a list revisited after as many keeps its sort and selection"
  )
  func rowsTooFarBehindAreMadeAgainInTheBackground() throws {
    let gate = BackgroundGate()
    let world = try Self.world(gate: gate)
    let first = try #require(
      world.state.indexes.rowsPreparation.build(VisitsList.self, context: world.state.context))
    #expect(first.wait(seconds: 60))
    // The rows are made; more changes come than the log keeps before she visits them.
    Self.addMembers(ChangeLog.capacity + 10, to: world)
    world.press([.character("8")])
    #expect(world.state.isLoadingRows, "the rows are not made again here, on the app's thread")
    #expect(world.screen.contains("载入中"))
    let again = try #require(world.state.visits.list.pending)
    #expect(again !== first)
    #expect(again.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([])
    #expect(!world.state.isLoadingRows)
    let shown = try #require(world.state.visits.list.source)
    LazyRowsMatch.expect(
      shown, equals: VisitsList.rowsMadeWhole(context: world.state.context), VisitsList.self)

    // She sorts them, picks the third, and leaves; as many changes again come meanwhile.
    world.press([.character("s"), .character("j"), .character("j")])
    let sort = world.state.visits.table.sort
    let selected = world.state.visits.list.selectedRef
    #expect(sort != nil)
    world.press([.character("1")])
    Self.addMembers(ChangeLog.capacity + 10, to: world)
    world.press([.character("8")])
    #expect(world.state.isLoadingRows)
    let third = try #require(world.state.visits.list.pending)
    #expect(third.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([])
    #expect(!world.state.isLoadingRows)
    #expect(world.state.visits.table.sort == sort)
    #expect(world.state.visits.list.selectedRef == selected)
    let back = try #require(world.state.visits.list.source)
    LazyRowsMatch.expect(
      back, equals: VisitsList.rowsMadeWhole(context: world.state.context), VisitsList.self)
  }
}
