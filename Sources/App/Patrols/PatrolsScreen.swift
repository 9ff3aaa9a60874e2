import Domain
import Localization
import TerminalCore
import Widgets

/// The patrols section: every river patrol with its river, segment, day, members, how far the
/// five steps got and the water-quality class; the selected patrol's detail beside the list (or on
/// Enter), `r` filters by river, `p` shows the patrol's problems.
public typealias PatrolsScreen = FieldworkScreen<PatrolsList>

/// The spec of the patrols list (see `RecordListSpec`).
public enum PatrolsList: FieldworkSpec, FollowingRecordList {
  public static let section = Section.patrols
  public static let keyContext = KeyContext.patrols
  public static let emptyTextKey = "empty.patrols"
  public static let noRowsKey = "patrols.none"
  public static let detailHintActions: [Action] = [
    .fieldworkNextStep, .fieldworkRaiseProblem, .showRecordProblems,
  ]

  /// `n` a new patrol; `a` the next step's notes (看现场 … 促落实); `P` a problem raised from it.
  public static func form(for action: Action, on ref: RecordRef?, context: ScreenContext) -> FormOpening? {
    switch action {
    case .fieldworkNew: return .form(.newPatrol(context: context))
    case .fieldworkNextStep:
      guard let ref, let patrol = context.data.patrols[ID(raw: ref.raw)] else { return nil }
      guard let step = patrol.nextStep else {
        return .refused(Message(context.text("fieldwork.message.patrolClosed"), .info))
      }
      return .form(.patrolStep(patrol, step, context: context))
    case .fieldworkRaiseProblem:
      guard let ref, let patrol = context.data.patrols[ID(raw: ref.raw)] else { return nil }
      return .form(
        .raiseProblem(
          from: .patrol(patrol.id), member: patrol.members.first, context: context, section: .patrols))
    default: return nil
    }
  }

  public static func columns(context: ScreenContext) -> [TableColumn] {
    func title(_ key: String) -> String { context.text("patrols.column.\(key)") }
    return [
      TableColumn(title("river"), width: .flex(1, min: 6)),
      TableColumn(title("segment"), width: .flex(1, min: 6)),
      TableColumn(title("date"), width: .fixed(10)),
      TableColumn(title("members"), width: .flex(2, min: 8), sortable: false),
      TableColumn(title("steps"), width: .fixed(5), sortable: false),
      TableColumn(title("water"), width: .fixed(8)),
    ]
  }

  /// Five marks, one per step: ● done (notes recorded), ○ not yet.
  static func progress(_ patrol: Patrol) -> String {
    PatrolStep.allCases.map { patrol.hasNotes(for: $0) ? "●" : "○" }.joined()
  }

  /// The rivers patrolled, by name: the options of the river facet.
  static func rivers(_ data: CommitteeState) -> [RiverID] {
    sortedByName(Set(data.patrols.values.map(\.river)), data)
  }

  /// The rivers patrolled, by name, from the followed patrol counts (no pass over the patrols).
  static func rivers(context: ScreenContext) -> [RiverID] {
    sortedByName(context.indexes.patrolCounts(context.data).rivers, context.data)
  }

  static func sortedByName(_ rivers: Set<RiverID>, _ data: CommitteeState) -> [RiverID] {
    rivers.sorted {
      (data.displayName(of: RecordRef($0)), $0) < (data.displayName(of: RecordRef($1)), $1)
    }
  }

  // MARK: Following changes (`FollowingRecordList`)

  public static let listedKind = RecordKind.patrol
  public static let namedKinds: Set<RecordKind> = [.member, .river]

  public static func table(in data: CommitteeState) -> RecordTable<Patrol> { data.patrols }

  public static func record(_ ref: RecordRef, in data: CommitteeState) -> Patrol? {
    data.patrols[PatrolID(raw: ref.raw)]
  }

  /// Newest first (the latest patrols matter most), then by number.
  public static func orderKey(_ patrol: Patrol) -> NewestFirst { NewestFirst(patrol.date, patrol.id.raw) }

  static func riverIndex(_ rivers: [RiverID]) -> [RiverID: Int] {
    Dictionary(uniqueKeysWithValues: rivers.enumerated().map { ($1, $0) })
  }

  /// The river facet's options by river; nil when the rivers patrolled are not those of `before`.
  public static func lookup(
    context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>
  ) -> [RiverID: Int]? {
    let counts = context.indexes.patrolCounts(context.data)
    if let before {
      // The rivers patrolled differ from those of `before` only where a touched patrol was or is:
      // such a river was patrolled before if a patrol not touched, or a touched one as it was,
      // is on it.
      var moved: Set<RiverID> = []
      var touchedPatrols: [PatrolID] = []
      for ref in touched where ref.kind == .patrol {
        let id = PatrolID(raw: ref.raw)
        touchedPatrols.append(id)
        if let old = before.patrols[id] { moved.insert(old.river) }
        if let new = context.data.patrols[id] { moved.insert(new.river) }
      }
      for river in moved {
        let now = counts.byRiver[river] ?? []
        let untouched = now.subtracting(touchedPatrols)
        let then = !untouched.isEmpty || touchedPatrols.contains { before.patrols[$0]?.river == river }
        if then != !now.isEmpty { return nil }
      }
    }
    return riverIndex(sortedByName(counts.rivers, context.data))
  }

  /// A patrol's row: water of class IV or worse marked, its river's option.
  public static func entry(_ patrol: Patrol, lookup riverIndex: [RiverID: Int], context: ScreenContext)
    -> RecordRow
  {
    var mark: RowMark?
    if let quality = patrol.waterQuality, quality >= .classIV {
      mark = RowMark(marker: "!", role: .warning)
    }
    return RecordRow(ref: patrol.ref, cells: [], mark: mark, facets: [riverIndex[patrol.river]])
  }

  public static func cells(_ patrol: Patrol, context: ScreenContext) -> [String] {
    let data = context.data
    return [
      data.displayName(of: RecordRef(patrol.river)), patrol.segment, patrol.date.description,
      memberNames(patrol.members, in: data, context.language), progress(patrol),
      patrol.waterQuality.map { tr("patrols.water.\($0)", context.language) } ?? "",
    ]
  }

  public static func facets(context: ScreenContext) -> [RecordFacet] {
    [
      RecordFacet(
        action: .patrolsFilterRiver, title: context.text("patrols.facet.river"),
        options: rivers(context: context).map { context.data.displayName(of: RecordRef($0)) })
    ]
  }

  public static func summary(context: ScreenContext) -> String {
    // Followed counts, not a pass over every patrol (`SharedIndexes.following`).
    let counts = context.indexes.patrolCounts(context.data)
    return context.text(
      "patrols.summary", String(counts.total), String(counts.count(year: context.today.year)))
  }

  public static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    guard action == .showRecordProblems, let ref else { return .ignored }
    return .go(.problems, ref)
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    let data = context.data
    let language = context.language
    guard let patrol = data.patrols[ID(raw: ref.raw)] else { return nil }
    func label(_ key: String) -> String { tr("patrols.detail.\(key)", language) }
    let river = data.displayName(of: RecordRef(patrol.river))
    var rows = [
      DetailRow(label: label("river"), value: river + (patrol.segment.isEmpty ? "" : " · " + patrol.segment)),
      DetailRow(label: label("date"), value: patrol.date.description),
      DetailRow(label: label("members"), value: memberNames(patrol.members, in: data, context.language)),
    ]
    for step in PatrolStep.allCases {
      let notes = patrol.notes(for: step)
      rows.append(
        DetailRow(
          label: FieldworkForm.asLabel(tr(step.nameKey, language)),
          value: notes.isEmpty ? tr("patrols.detail.notYet", language) : notes,
          style: notes.isEmpty ? Style(.dim) : .normal))
    }
    if !patrol.observations.isEmpty {
      rows.append(DetailRow(label: label("observations"), value: patrol.observations))
    }
    if let region = patrol.partnerRegion {
      rows.append(
        DetailRow(
          label: tr("fieldwork.field.partner", language), value: data.displayName(of: RecordRef(region))))
    }
    let target = data.rivers[patrol.river]?.targetClass ?? .classIII
    rows.append(
      DetailRow(
        label: label("water"),
        value: patrol.waterQuality.map {
          tr($0.nameKey, language) + " · "
            + tr("fieldwork.detail.target", language, tr(target.nameKey, language))
            + ($0.meets(target) ? "" : " " + tr("fieldwork.detail.missed", language))
        } ?? tr("patrols.detail.unmeasured", language),
        style: patrol.waterQuality.map { $0.meets(target) } == false ? Style(.warning, bold: true) : .normal))
    rows += WaterTrendRows.rows(river: patrol.river, segment: patrol.segment, context: context)
    let problems = context.indexes.problemsBySource(data)[ref].count
    rows.append(
      DetailRow(
        label: label("problems"), value: tr("patrols.detail.problemsValue", language, String(problems))))
    return RecordDetail(
      title: tr("patrols.detail.title", language, river, patrol.date.description), rows: rows)
  }
}
