import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// The spec of the consultations list (协商, see `RecordListSpec`): each session with its station,
/// format, progress through its steps, meeting day and problems raised/solved, cross-regional ones
/// marked; the session's timeline beside it on wide terminals. Facets: where it stands (its next
/// step, or finished), its kind (six steps or seven links) and the street it belongs to (its
/// station's 镇街 station, rooms below included).
public enum ConsultationsList: FollowingRecordList {
  public typealias Source = ConsultationRows

  public static let section = Section.consultations
  public static let keyContext = KeyContext.consultations
  public static let emptyTextKey = "consultations.empty"
  public static let noRowsKey = "consultations2.noMatch"
  public static var detailHintActions: [Action] {
    [.consultationsAdvance, .consultationsMinutes, .consultationsExport]
  }

  /// The columns in the order of the cells. Beside the timeline (100 columns and more) only the
  /// first `besideDetail` show, so the title is read whole; the rest are in the timeline.
  static let columns: [(key: String, width: ColumnWidth, alignment: Text.Alignment)] = [
    ("consultations.column.title", .flex(3, min: 12), .left),
    ("consultations.column.progress", .fixed(8), .left),
    ("consultations.column.meetingDate", .fixed(10), .left),
    ("consultations.column.station", .flex(2, min: 8), .left),
    ("consultations.column.format", .fixed(11), .left),
    ("consultations.column.problems", .fixed(10), .right),
  ]
  static let besideDetail = 3
  /// The columns sorted by number, not by their text.
  static let progressColumn = 1
  static let problemsColumn = 5

  public static func columns(context: ScreenContext) -> [TableColumn] {
    let shown = RecordListLayout(body: context.body).detail == nil ? columns.count : besideDetail
    return columns.prefix(shown).map {
      TableColumn(context.text($0.key), width: $0.width, alignment: $0.alignment)
    }
  }

  /// Every session in ID order (the order they were opened); the cells made when drawn, the
  /// progress and problem counts sorted by number when a column is sorted by them.
  public static func rows(context: ScreenContext) -> ConsultationRows {
    ConsultationRows(rows: RecordRows(following: Self.self, context: context), indexes: context.indexes)
  }

  public static func rows(context: ScreenContext, progress: any BuildProgress) -> ConsultationRows {
    ConsultationRows(
      rows: RecordRows(following: Self.self, context: context, progress: progress), indexes: context.indexes)
  }

  /// The sort key of the progress column: steps done as a share of the kind's steps.
  static func progressKey(_ c: Consultation) -> Double {
    Double(c.completed.count) / Double(max(1, c.details.kind.steps.count))
  }

  /// The sort key of the problems column: raised, then solved.
  static func problemsKey(_ c: Consultation, data: CommitteeState, indexes: SharedIndexes) -> Double {
    let counts = ConsultationRow.problemCounts(c, data: data, indexes: indexes)
    return Double(counts.raised) * 100_000 + Double(counts.solved)
  }

  // MARK: Following changes (`FollowingRecordList`)

  public static let listedKind = RecordKind.consultation
  public static let namedKinds: Set<RecordKind> = [.station]

  public static func table(in data: CommitteeState) -> RecordTable<Consultation> {
    data.consultations
  }

  public static func record(_ ref: RecordRef, in data: CommitteeState) -> Consultation? {
    data.consultations[ConsultationID(raw: ref.raw)]
  }

  /// By number: the order sessions were opened in.
  public static func orderKey(_ c: Consultation) -> ConsultationID { c.id }

  /// The streets (the street facet's options); nil when the stations moved since `before`.
  public static func lookup(
    context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>
  ) -> Streets? {
    if let before, before.stations != context.data.stations { return nil }
    return Streets(context.data)
  }

  /// A problem raised from a session (or closed) changes the session's counts.
  public static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState)
    -> [RecordRef]
  {
    guard ref.kind == .problem else { return [] }
    let id = ProblemID(raw: ref.raw)
    return [before.problems[id]?.source.ref, after.problems[id]?.source.ref].compactMap { $0 }.filter {
      $0.kind == .consultation
    }
  }

  /// A session's row: cross-regional ones marked X, its standing, kind and street options.
  public static func entry(_ c: Consultation, lookup streets: Streets, context: ScreenContext) -> RecordRow {
    RecordRow(
      ref: c.ref, cells: [],
      // The row's mark says "cross-regional" (X); the title does not say it a second time.
      mark: c.details.kind == .crossRegional ? RowMark(marker: "X", role: .accent) : nil,
      facets: [
        Self.standing(c), ConsultationKind.allCases.firstIndex(of: c.details.kind),
        c.details.station.flatMap { streets.option(of: $0) },
      ])
  }

  public static func cells(_ c: Consultation, context: ScreenContext) -> [String] {
    let counts = ConsultationRow.problemCounts(c, data: context.data, indexes: context.indexes)
    return [
      c.details.title, ConsultationRow.progress(c), c.meeting?.date.description ?? "",
      ConsultationRow.station(c, data: context.data, language: context.language),
      c.details.format.name(in: context.language), "\(counts.raised)/\(counts.solved)",
    ]
  }

  /// The rows of the last build carried through the changes since.
  public static func update(_ rows: inout ConsultationRows, builtAt version: Int, context: ScreenContext) {
    if rows.rows.follow(Self.self, builtAt: version, context: context) {
      rows.indexes = context.indexes
    } else {
      rows = Self.rows(context: context)
    }
  }

  /// A session's option of the "stands at" facet: its next step, or finished after the last.
  static func standing(_ c: Consultation) -> Int? {
    guard let next = c.nextStep else { return ConsultationStep.allCases.count }
    return ConsultationStep.allCases.firstIndex(of: next)
  }

  public static func summary(context: ScreenContext) -> String {
    // Counted once, then followed through each change's touched sessions.
    let counts = context.indexes.consultationCounts(context.data)
    return context.text(
      "consultations2.summary", String(counts.total), String(counts.total - counts.finished),
      String(counts.finished))
  }

  /// The session's timeline (the same lines Enter shows full-screen), as the pane beside the list.
  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard ref.kind == .consultation, let c = context.data.consultations[ConsultationID(raw: ref.raw)] else {
      return nil
    }
    let lines = ConsultationTimeline.lines(
      c, data: context.data, language: context.language, today: context.today, indexes: context.indexes)
    return RecordDetail(
      title: lines.first?.text ?? c.details.title,
      rows: lines.dropFirst().map {
        // Wrapped notes stay under their step, as on the full-screen timeline.
        DetailRow(label: "", value: $0.text, style: $0.style, indent: $0.indent)
      })
  }

  public static func facets(context: ScreenContext) -> [RecordFacet] {
    let language = context.language
    return [
      RecordFacet(
        action: .consultationsFilterStanding, title: context.text("consultations2.facet.standing"),
        options: ConsultationStep.allCases.map { tr($0.nameKey, language) }
          + [context.text("consultations.facet.finished")]),
      RecordFacet(
        action: .consultationsFilterKind, title: context.text("consultations2.facet.kind"),
        options: ConsultationKind.allCases.map { tr($0.nameKey, language) }),
      RecordFacet(
        action: .consultationsFilterStreet, title: context.text("consultations2.facet.street"),
        options: Streets.names(context.data)),
    ]
  }
}

/// The street (镇街) stations in name order, and which one each station is under: the options of
/// the list's street facet, so that a street holds the consultations of its rooms too.
public struct Streets {
  let names: [String]
  let optionByStation: [StationID: Int]

  /// The streets' names alone (the facet's options, asked for on every frame's header).
  static func names(_ data: CommitteeState) -> [String] { streets(data).map(\.name) }

  static func streets(_ data: CommitteeState) -> [Station] {
    data.stations.values.filter { $0.level == .streetStation }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
  }

  /// Each station's street: itself, or the nearest street above it (a walk up its few parents).
  init(_ data: CommitteeState) {
    let streets = Self.streets(data)
    names = streets.map(\.name)
    let index = Dictionary(streets.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    var options: [StationID: Int] = [:]
    for station in data.stations.values {
      var current: Station? = station
      // The tree has three levels; the bound keeps a cycle in bad data from looping.
      for _ in 0..<8 {
        guard let at = current else { break }
        if let option = index[at.id] {
          options[station.id] = option
          break
        }
        current = at.parent.flatMap { data.stations[$0] }
      }
    }
    optionByStation = options
  }

  func option(of station: StationID) -> Int? { optionByStation[station] }
}

/// The consultations' rows; the progress and problem counts sort by number, made when sorted.
public struct ConsultationRows: RecordSource {
  var rows: RecordRows
  /// The indexes of the rows' data (the problems raised from each session).
  var indexes: SharedIndexes

  init(rows: RecordRows = RecordRows(), indexes: SharedIndexes = SharedIndexes()) {
    self.rows = rows
    self.indexes = indexes
  }

  public static func == (lhs: ConsultationRows, rhs: ConsultationRows) -> Bool { lhs.rows == rhs.rows }

  public var rowCount: Int { rows.rowCount }
  public var searchKeys: SearchKeys? { rows.searchKeys }
  public func text(row: Int, column: Int) -> String { rows.text(row: row, column: column) }
  public func mark(row: Int) -> RowMark? { rows.mark(row: row) }
  public func ref(row: Int) -> RecordRef { rows.ref(row: row) }
  public func row(of ref: RecordRef) -> Int? { rows.row(of: ref) }
  public func isArchived(row: Int) -> Bool { false }
  public func facetOption(row: Int, facet: Int) -> Int? { rows.facetOption(row: row, facet: facet) }
  public mutating func prepareSearchKeys(all: Bool) { rows.prepareSearchKeys(all: all) }

  /// A row's sort key of a column sorted by number; nil for the others.
  func numericKey(row: Int, column: Int, data: CommitteeState) -> Double? {
    guard let c = ConsultationsList.record(rows.ref(row: row), in: data) else { return 0 }
    switch column {
    case ConsultationsList.progressColumn: return ConsultationsList.progressKey(c)
    case ConsultationsList.problemsColumn:
      return ConsultationsList.problemsKey(c, data: data, indexes: indexes)
    default: return nil
    }
  }

  /// Progress and problem counts sort by number, not by their text ("10/2" after "9/9").
  public func sortedRows(column: Int, ascending: Bool) -> [Int32]? {
    guard column == ConsultationsList.progressColumn || column == ConsultationsList.problemsColumn,
      let data = rows.base?.data
    else { return nil }
    let keys = (0..<rows.rowCount).map { numericKey(row: $0, column: column, data: data) ?? 0 }
    var order = (0..<keys.count).map { Int32($0) }
    order.sort { a, b in
      let ka = keys[Int(a)]
      let kb = keys[Int(b)]
      if ka == kb { return a < b }
      return (ka < kb) == ascending
    }
    return order
  }
}

/// One row's cells, shared by the list and the timeline.
enum ConsultationRow {
  static func title(_ c: Consultation, _ language: Language) -> String {
    c.details.kind == .crossRegional
      ? tr("consultations.crossTitle", language, c.details.title) : c.details.title
  }

  static func station(_ c: Consultation, data: CommitteeState, language: Language) -> String {
    if let station = c.details.station { return data.displayName(of: RecordRef(station)) }
    if let meeting = c.meeting, !meeting.place.isEmpty { return meeting.place }
    return tr("consultations.noStation", language)
  }

  /// ●●●○○○: the steps done, then those to do.
  static func progress(_ c: Consultation) -> String {
    let total = c.details.kind.steps.count
    let done = min(c.completed.count, total)
    return String(repeating: "●", count: done) + String(repeating: "○", count: total - done)
  }

  static func problemCounts(_ c: Consultation, data: CommitteeState, indexes: SharedIndexes) -> (
    raised: Int, solved: Int
  ) {
    // Counted from the index without copying the problems: a list draws this for every row shown.
    var raised = 0
    var solved = 0
    for id in indexes.problemsBySource(data)[RecordRef(c.id)] {
      guard let problem = data.problems[id] else { continue }
      raised += 1
      if problem.status == .closed { solved += 1 }
    }
    return (raised, solved)
  }
}
