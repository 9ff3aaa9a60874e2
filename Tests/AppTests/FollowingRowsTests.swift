import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing
import Widgets

@testable import App

/// The patrols, visits, reports, supervision and consultations lists carry their rows through each change by the
/// records it touched (`FollowingRecordList`): after every step of a seeded run of changes, undos
/// and redos, the rows and their search keys must be exactly those a fresh build makes.
@Suite struct FollowingRowsFollowChanges {
  /// One list's rows as last carried, and the version they were carried to.
  struct Followed<Spec: FollowingRecordList> where Spec.Source == RecordRows {
    var rows: RecordRows
    var version: Int

    init(_ context: ScreenContext) {
      rows = Spec.rows(context: context)
      version = context.dataVersion
    }

    /// Carries the rows to the context; false when they had to be made anew. The rows carried,
    /// whose cells are made when drawn, must equal rows made whole as the lists made them before
    /// (every record's cells formatted, the records sorted): every cell, mark, facet, the order,
    /// the search keys and what a filter finds.
    mutating func follow(_ context: ScreenContext, sourceLocation: SourceLocation = #_sourceLocation) -> Bool
    {
      let carried = rows.follow(Spec.self, builtAt: version, context: context)
      if !carried { rows = Spec.rows(context: context) }
      version = context.dataVersion
      LazyRowsMatch.expect(rows, equals: Spec.rowsMadeWhole(context: context), Spec.self, sourceLocation)
      #expect(
        Spec.rows(context: context).rows == rows.rows, "\(Spec.self) rows differ from a fresh build",
        sourceLocation: sourceLocation)
      return carried
    }
  }

  /// The four lists and the change log they follow, over one store.
  struct Lists {
    var patrols: Followed<PatrolsList>
    var visits: Followed<VisitsList>
    var reports: Followed<ReportsList>
    var supervision: Followed<SupervisionList>
    /// The consultations' rows carry their sort keys beside them.
    var consultations: ConsultationRows
    var changes = ChangeLog()
    var version = 0
    var indexes = SharedIndexes()
    var data: CommitteeState
    let today: Day
    /// How many steps each list carried (not made anew).
    var carried = 0

    init(_ data: CommitteeState, today: Day) {
      self.data = data
      self.today = today
      let context = ScreenContext(
        data: data, dataVersion: 0, language: .zh, today: today, actor: .staff("hexm", .admin))
      patrols = Followed(context)
      visits = Followed(context)
      reports = Followed(context)
      supervision = Followed(context)
      consultations = ConsultationsList.rows(context: context)
    }

    /// The store moved to `data` by a step that touched `touched`: every list follows.
    mutating func step(to next: CommitteeState, touched: [RecordRef]?) {
      version += 1
      changes.record(version: version, touched: touched)
      indexes = indexes.following(from: data, to: next, touched: touched)
      data = next
      let context = ScreenContext(
        data: data, dataVersion: version, language: .zh, today: today, actor: .staff("hexm", .admin),
        indexes: indexes,
        changes: changes)
      let all = [
        patrols.follow(context), visits.follow(context), reports.follow(context), supervision.follow(context),
      ]
      carried += all.filter { $0 }.count
      ConsultationsList.update(&consultations, builtAt: version - 1, context: context)
      LazyRowsMatch.expect(
        consultations.rows, equals: ConsultationsList.rowsMadeWhole(context: context), ConsultationsList.self)
      // The numeric sorts, made when asked for, follow the counts.
      let problems =
        consultations.sortedRows(column: ConsultationsList.problemsColumn, ascending: false) ?? []
      let raised = problems.map { row in
        data.problems(from: .consultation(ConsultationID(raw: consultations.ref(row: Int(row)).raw))).count
      }
      #expect(raised == raised.sorted(by: >), "most problems first")
    }
  }

  @Test("a hundred seeded changes, undos and redos: each list equals a fresh build after every step")
  func seededChangesKeepEveryListEqualToAFreshBuild() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var lists = Lists(store.state, today: world.state.today)
    var random = SeedRandom(seed: 14)
    let rivers = store.state.rivers.keys.sorted()
    let members = store.state.members.values.filter { !$0.archived }.map(\.id).sorted()
    try #require(!rivers.isEmpty && members.count >= 3)
    func someDay() -> Day { world.state.today.adding(days: -random.below(400)) }
    func someMembers() -> [MemberID] {
      (0..<random.between(1, 3)).map { _ in members[random.below(members.count)] }
    }

    for step in 0..<100 {
      let data = store.state
      var change: Change?
      switch random.below(11) {
      case 0:
        change = .putPatrol(
          Patrol(
            id: data.newID(), river: rivers[random.below(rivers.count)], date: someDay(),
            members: someMembers()))
      case 1:
        // An existing patrol moved to another day (and so to another place in the list).
        if var patrol = data.patrols.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random) {
          patrol.date = someDay()
          patrol.members = someMembers()
          change = .putPatrol(patrol)
        }
      case 2:
        change = .putVisit(
          Visit(
            id: data.newID(), kind: VisitKind.actions[random.below(VisitKind.actions.count)], date: someDay(),
            members: someMembers(), place: "走访点\(step)"))
      case 3:
        // A problem raised from a visit changes the visit's count of problems.
        if let visit = data.visits.keys.sorted().randomElement(using: &random) {
          change = .raiseProblem(data.newID(), .visit(visit), title: "走访问题\(step)", description: "")
        }
      case 4:
        change = .putOpinionReport(
          OpinionReport(
            id: data.newID(), title: "社情民意\(step)", text: "正文",
            submitter: members[random.below(members.count)],
            date: someDay()))
      case 5:
        change = .proposeSupervisionItem(
          data.newID(), SupervisionProposal(title: "监督议题\(step)", proposers: [members[0]]))
      case 8:
        change = .openConsultation(data.newID(), ConsultationDetails(title: "协商\(step)"))
      case 9:
        // A problem raised from a session changes the session's counts.
        if let consultation = data.consultations.keys.sorted().randomElement(using: &random) {
          change = .raiseProblem(
            data.newID(), .consultation(consultation), title: "协商问题\(step)", description: "")
        }
      case 6:
        // A new member: no row shows it yet.
        change = .putMember(Member(id: data.newID(), name: "新委员\(step)", phone: "13800000000"))
      case 7:
        // A member renamed: every row may show the name, so the lists are made anew.
        if var member = data.members[members[random.below(members.count)]] {
          member.name += "·"
          change = .putMember(member)
        }
      default:
        change = nil
      }
      if let change {
        try store.apply(change, actor: admin, now: world.clock.now())
      } else if random.chance(0.5) {
        _ = try? store.undo(actor: admin, now: world.clock.now())
      } else {
        _ = try? store.redo(actor: admin, now: world.clock.now())
      }
      lists.step(to: store.state, touched: store.lastTouched)
    }
    // Most steps were carried, not made anew (renames and unknown changes are the exceptions).
    #expect(lists.carried > 200)
  }

  @Test("a patrol saved on a new day moves to its place among the newest, with its search key")
  func aPatrolMovesToItsPlace() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var lists = Lists(store.state, today: world.state.today)
    var patrol = try #require(store.state.patrols.values.min { ($0.date, $0.id) < ($1.date, $1.id) })
    // The oldest patrol, dated today: it moves from the last row to the top.
    patrol.date = world.state.today
    let member = try #require(store.state.members.values.filter { !$0.archived }.map(\.id).max())
    patrol.members = [member]
    try store.apply(.putPatrol(patrol), actor: admin, now: world.clock.now())
    lists.step(to: store.state, touched: store.lastTouched)
    // Only today's patrols with a higher number come before it.
    let before = store.state.patrols.values.filter { ($0.date, $0.id) > (patrol.date, patrol.id) }.count
    #expect(before < 5)
    #expect(lists.patrols.rows.row(of: patrol.ref) == before)
    #expect(lists.patrols.rows.text(row: before, column: 3) == store.state.displayName(of: RecordRef(member)))
    #expect(lists.carried == 4)
  }
}

/// Rows whose cells are made when drawn against rows made whole: the same rows in every respect a
/// list uses.
enum LazyRowsMatch {
  /// Chinese, Latin and digits, as users type them into `/`.
  static let queries = ["巡", "河", "委员", "a", "20", "协商", "○", "x"]

  static func expect(
    _ lazy: RecordRows, equals whole: RecordRows, _ spec: Any.Type,
    _ sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(lazy.rowCount == whole.rowCount, "\(spec): row count", sourceLocation: sourceLocation)
    #expect(lazy.refs == whole.refs, "\(spec): order", sourceLocation: sourceLocation)
    var differing: [Int] = []
    for row in 0..<min(lazy.rowCount, whole.rowCount) {
      let facets = max(lazy.facetCount, whole.facetCount)
      if lazy.cells(row: row) != whole.cells(row: row) || lazy.mark(row: row) != whole.mark(row: row)
        || lazy.isArchived(row: row) != whole.isArchived(row: row)
        || (0..<facets).contains(where: {
          lazy.facetOption(row: row, facet: $0) != whole.facetOption(row: row, facet: $0)
        })
      {
        differing.append(row)
      }
    }
    #expect(differing.isEmpty, "\(spec): rows differ: \(differing.prefix(5))", sourceLocation: sourceLocation)
    var keyed = lazy
    keyed.prepareSearchKeys(all: true)
    #expect(keyed.searchKeys == whole.searchKeys, "\(spec): search keys", sourceLocation: sourceLocation)
    let table = Table(columns: (0..<8).map { TableColumn("c\($0)", width: .fixed(4)) })
    for query in queries {
      var lazyState = TableState()
      var wholeState = TableState()
      table.setFilter(query, state: &lazyState, source: keyed)
      table.setFilter(query, state: &wholeState, source: whole)
      #expect(
        lazyState.matches == wholeState.matches, "\(spec): what / \(query) finds",
        sourceLocation: sourceLocation)
    }
  }
}
