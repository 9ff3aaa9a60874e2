import Domain
import Localization
import TerminalCore
import Widgets

/// The visits section: the four double-hundred actions (巡百河, 进百村, 访百企, 入百户), newest
/// first, their progress against this year's targets, and the problems raised from a visit.
public typealias VisitsScreen = FieldworkScreen<VisitsList>

/// The spec of the visits list (see `RecordListSpec`).
public enum VisitsList: FieldworkSpec, FollowingRecordList {
  public static let section = Section.visits
  public static let keyContext = KeyContext.visits
  public static let emptyTextKey = "visits.empty"
  public static let noRowsKey = "visits.none"
  public static let detailHintActions: [Action] = [
    .fieldworkRaiseProblem, .showRecordProblems, .visitsTargets,
  ]

  public static func columns(context: ScreenContext) -> [TableColumn] {
    func title(_ key: String) -> String { context.text("visits.column.\(key)") }
    return [
      // The English kinds are words ("Enterprises"), the Chinese ones three characters (访百企).
      TableColumn(title("kind"), width: .fixed(context.language == .zh ? 8 : 11)),
      TableColumn(title("place"), width: .flex(2, min: 8)),
      TableColumn(title("date"), width: .fixed(10)),
      TableColumn(title("members"), width: .flex(1, min: 6), sortable: false),
      TableColumn(title("problems"), width: .fixed(4), alignment: .right),
    ]
  }

  // MARK: Following changes (`FollowingRecordList`)

  public static let listedKind = RecordKind.visit
  public static let namedKinds: Set<RecordKind> = [.member]
  static let kindIndex = Dictionary(uniqueKeysWithValues: VisitKind.actions.enumerated().map { ($1, $0) })

  public static func table(in data: CommitteeState) -> RecordTable<Visit> { data.visits }

  public static func record(_ ref: RecordRef, in data: CommitteeState) -> Visit? {
    data.visits[VisitID(raw: ref.raw)]
  }

  /// Newest first, then by number.
  public static func orderKey(_ visit: Visit) -> NewestFirst { NewestFirst(visit.date, visit.id.raw) }

  /// The problems by source, for each visit's count.
  public static func lookup(
    context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>
  ) -> Void? { () }

  /// A problem raised from a visit (or moved off one) changes the visit's count.
  public static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState)
    -> [RecordRef]
  {
    guard ref.kind == .problem else { return [] }
    let id = ProblemID(raw: ref.raw)
    return [before.problems[id]?.source.ref, after.problems[id]?.source.ref].compactMap { $0 }.filter {
      $0.kind == .visit
    }
  }

  public static func entry(_ visit: Visit, lookup: Void, context: ScreenContext) -> RecordRow {
    RecordRow(ref: visit.ref, cells: [], facets: [kindIndex[visit.kind]])
  }

  public static func cells(_ visit: Visit, context: ScreenContext) -> [String] {
    [
      context.text("visits.short.\(visit.kind)"), visit.place, visit.date.description,
      memberNames(visit.members, in: context.data, context.language),
      String(context.indexes.problemsBySource(context.data)[visit.ref].count),
    ]
  }

  public static func facets(context: ScreenContext) -> [RecordFacet] {
    [
      RecordFacet(
        action: .visitsFilterKind, title: context.text("visits.facet.kind"),
        options: VisitKind.actions.map { context.text("visits.short.\($0)") })
    ]
  }

  /// The four actions against this year's targets, as small meters.
  public static func summary(context: ScreenContext) -> String {
    let year = context.today.year
    let targets = context.data.actionTargets(year: year)
    // Meters where there is room; on a narrow terminal the figures alone.
    let barColumns = context.body.width >= 110 ? 5 : 0
    let meters = VisitKind.actions.map { kind in
      let done = context.indexes.actionProgress(kind, year: year, in: context.data)
      let target = targets.target(for: kind)
      let bar = barColumns > 0 ? " " + Meter.bar(done, of: target, columns: barColumns) : ""
      // The meters' names are shorter than the list's in English ("Firms", not "Enterprises"), so
      // that all four fit on one line of 80 columns.
      return context.text("visits.meter.\(kind)") + bar + " \(done)/\(target)"
    }
    return context.text("visits.summary", String(year)) + " " + meters.joined(separator: " · ")
  }

  public static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    guard action == .showRecordProblems, let ref else { return .ignored }
    return .go(.problems, ref)
  }

  public static func form(for action: Action, on ref: RecordRef?, context: ScreenContext) -> FormOpening? {
    switch action {
    case .fieldworkNew: return .form(.newVisit(context: context))
    case .visitsTargets: return .form(.actionTargets(context: context))
    case .fieldworkRaiseProblem:
      guard let ref, let visit = context.data.visits[ID(raw: ref.raw)] else { return nil }
      return .form(
        .raiseProblem(from: .visit(visit.id), member: visit.members.first, context: context, section: .visits)
      )
    default: return nil
    }
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    let data = context.data
    guard let visit = data.visits[ID(raw: ref.raw)] else { return nil }
    func label(_ key: String) -> String { context.text("visits.detail.\(key)") }
    var rows = [
      DetailRow(label: label("kind"), value: context.name(visit.kind.nameKey)),
      DetailRow(label: label("place"), value: visit.place),
      DetailRow(label: label("date"), value: visit.date.description),
      DetailRow(label: label("members"), value: memberNames(visit.members, in: data, context.language)),
      DetailRow(label: label("findings"), value: visit.findings.isEmpty ? "—" : visit.findings),
      DetailRow(label: label("suggestions"), value: visit.suggestions.isEmpty ? "—" : visit.suggestions),
    ]
    for problem in context.indexes.problems(from: .visit(visit.id), in: data) {
      rows.append(
        DetailRow(
          label: label("problem"), value: problem.title + " · " + context.name(problem.status.nameKey)))
    }
    return RecordDetail(title: visit.place + " " + visit.date.description, rows: rows)
  }
}
