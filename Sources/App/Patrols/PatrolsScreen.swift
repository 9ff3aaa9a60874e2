import Domain
import Localization
import TerminalCore
import Widgets

/// The patrols section: every river patrol with its river, segment, day, members, how far the
/// five steps got and the water-quality class; Enter shows the patrol, `p` its problems.
public struct PatrolsScreen: SectionScreen {
  var list = ListAndDetail()

  public init() {}

  public var capturesText: Bool { list.capturesText }

  static func table(_ language: Language) -> Table {
    func title(_ key: String) -> String { tr("patrols.column.\(key)", language) }
    return Table(
      columns: [
        TableColumn(title("river"), width: .flex(1, min: 6)),
        TableColumn(title("segment"), width: .flex(1, min: 6)),
        TableColumn(title("date"), width: .fixed(10)),
        TableColumn(title("members"), width: .flex(2, min: 8), sortable: false),
        TableColumn(title("steps"), width: .fixed(5), sortable: false),
        TableColumn(title("water"), width: .fixed(8)),
      ], showsMarkers: true, emptyText: tr("patrols.none", language))
  }

  /// Five marks, one per step: ● done (notes recorded), ○ not yet.
  static func progress(_ patrol: Patrol) -> String {
    PatrolStep.allCases.map { patrol.notes(for: $0).isEmpty ? "○" : "●" }.joined()
  }

  /// Rebuilt when next shown (a key, a tick or a frame of this section), not on every change made elsewhere.
  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuild(context: ScreenContext) {
    let language = context.language
    let data = context.data
    // Newest first: the latest patrols matter most.
    let patrols = data.patrols.values.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
    var rows: [[String]] = []
    var marks: [Int: RowMark] = [:]
    rows.reserveCapacity(patrols.count)
    for (i, patrol) in patrols.enumerated() {
      if let quality = patrol.waterQuality, quality >= .classIV {
        marks[i] = RowMark(marker: "!", role: .warning)
      }
      rows.append([
        data.displayName(of: RecordRef(patrol.river)), patrol.segment, patrol.date.description,
        memberNames(patrol.members, in: data), Self.progress(patrol),
        patrol.waterQuality.map { tr("patrols.water.\($0)", language) } ?? "",
      ])
    }
    list.reload(
      rows: rows, marks: marks, refs: patrols.map(\.ref), table: Self.table(language), context: context)
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if list.isStale(context) { rebuild(context: context) }
    if !list.capturesText, case .key(.character("p")) = event, let ref = list.detail ?? list.selectedRef {
      return ScreenResult(handled: true, effects: [.navigate(.problems, ref)])
    }
    return list.handle(event, table: Self.table(context.language)) == .handled ? .handled : .ignored
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    if list.isStale(context) { rebuild(context: context) }
    list.detail = nil
    list.select(ref, table: Self.table(context.language))
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    if screen.list.isStale(context) { screen.rebuild(context: context) }
    if context.data.patrols.isEmpty {
      EmptyState.draw(
        title: context.text("section.patrols"), text: context.text("empty.patrols"), into: &canvas, rect: rect
      )
      return
    }
    let thisYear = context.data.patrols.values.filter { $0.date.year == context.today.year }.count
    let summary = context.text("patrols.summary", String(context.data.patrols.count), String(thisYear))
    screen.list.draw(
      into: &canvas, rect: rect, table: Self.table(context.language), title: context.text("section.patrols"),
      summary: summary
    ) { ref in Self.detail(ref, context: context) }
  }

  static func detail(_ ref: RecordRef, context: ScreenContext) -> (title: String, rows: [DetailRow]) {
    let data = context.data
    let language = context.language
    guard let patrol = data.patrols[ID(raw: ref.raw)] else { return ("", []) }
    func label(_ key: String) -> String { tr("patrols.detail.\(key)", language) }
    let river = data.displayName(of: RecordRef(patrol.river))
    var rows = [
      DetailRow(label: label("river"), value: river + (patrol.segment.isEmpty ? "" : " · " + patrol.segment)),
      DetailRow(label: label("date"), value: patrol.date.description),
      DetailRow(label: label("members"), value: memberNames(patrol.members, in: data)),
    ]
    for step in PatrolStep.allCases {
      let notes = patrol.notes(for: step)
      rows.append(
        DetailRow(
          label: tr(step.nameKey, language),
          value: notes.isEmpty ? tr("patrols.detail.notYet", language) : notes,
          style: notes.isEmpty ? Style(.dim) : .normal))
    }
    if !patrol.observations.isEmpty {
      rows.append(DetailRow(label: label("observations"), value: patrol.observations))
    }
    rows.append(
      DetailRow(
        label: label("water"),
        value: patrol.waterQuality.map { tr($0.nameKey, language) }
          ?? tr("patrols.detail.unmeasured", language)))
    let problems = context.indexes.problemsBySource(data)[ref]?.count ?? 0
    rows.append(
      DetailRow(
        label: label("problems"), value: tr("patrols.detail.problemsValue", language, String(problems))))
    return (tr("patrols.detail.title", language, river, patrol.date.description), rows)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    let language = context.language
    if list.detail != nil {
      return [
        KeyHint(key: "↑↓", label: tr("supervision.hint.scroll", language)),
        KeyHint(key: "p", label: tr("action.records.showProblems", language)),
        KeyHint(key: "Esc", label: tr("action.back", language)),
      ]
    }
    return []
  }
}
