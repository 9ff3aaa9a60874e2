import Domain
import Localization
import TerminalCore
import Widgets

/// The supervision section: every democratic-supervision item with its stage of topic
/// generation, its plan year, the follow-up inspection's (回头看) deadline and the evaluation;
/// Enter shows the whole item, `p` its problems on the problems board.
public struct SupervisionScreen: SectionScreen {
  var list = ListAndDetail()

  public init() {}

  public var capturesText: Bool { list.capturesText }

  static func table(_ language: Language) -> Table {
    func title(_ key: String) -> String { tr("supervision.column.\(key)", language) }
    return Table(
      columns: [
        TableColumn(title("title"), width: .flex(3, min: 12)),
        TableColumn(title("stage"), width: .fixed(12)),
        TableColumn(title("year"), width: .fixed(6), alignment: .right),
        TableColumn(title("followUpDue"), width: .fixed(12)),
        TableColumn(title("evaluation"), width: .flex(1, min: 8)),
        TableColumn(title("redo"), width: .fixed(4), alignment: .right),
      ], showsMarkers: true, emptyText: tr("supervision.none", language))
  }

  /// Rebuilt when next shown (a key, a tick or a frame of this section), not on every change made elsewhere.
  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuild(context: ScreenContext) {
    let language = context.language
    let items = context.data.supervisionItems.values.sorted { $0.id < $1.id }
    var rows: [[String]] = []
    var marks: [Int: RowMark] = [:]
    rows.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      var due = item.followUpDue?.description ?? ""
      if item.followUpInspection != nil { due = tr("supervision.followUp.done", language) }
      if item.isFollowUpOverdue(today: context.today) { marks[i] = RowMark(marker: "!", role: .overdue) }
      rows.append([
        item.title, tr(item.stage.nameKey, language), item.planYear.map(String.init) ?? "", due,
        item.evaluation.map { tr($0.verdict.nameKey, language) } ?? "",
        item.redoCount > 0 ? String(item.redoCount) : "",
      ])
    }
    list.reload(
      rows: rows, marks: marks, refs: items.map(\.ref), table: Self.table(language), context: context)
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if list.isStale(context) { rebuild(context: context) }
    if !list.capturesText, case .key(.character("p")) = event,
      let ref = list.detail ?? list.selectedRef
    {
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
    if context.data.supervisionItems.isEmpty {
      EmptyState.draw(
        title: context.text("section.supervision"), text: context.text("empty.supervision"), into: &canvas,
        rect: rect)
      return
    }
    let overdue = context.data.supervisionItems.values.filter { $0.isFollowUpOverdue(today: context.today) }
      .count
    let summary = context.text(
      "supervision.summary", String(context.data.supervisionItems.count), String(overdue))
    screen.list.draw(
      into: &canvas, rect: rect, table: Self.table(context.language),
      title: context.text("section.supervision"),
      summary: summary
    ) { ref in Self.detail(ref, context: context) }
  }

  static func detail(_ ref: RecordRef, context: ScreenContext) -> (title: String, rows: [DetailRow]) {
    let data = context.data
    let language = context.language
    guard let item = data.supervisionItems[ID(raw: ref.raw)] else { return ("", []) }
    func label(_ key: String) -> String { tr("supervision.detail.\(key)", language) }
    var rows = [
      DetailRow(
        label: label("stage"), value: tr(item.stage.nameKey, language), style: Style(.accent, bold: true)),
      DetailRow(label: label("proposers"), value: memberNames(item.proposers, in: data)),
    ]
    if !item.description.isEmpty {
      rows.append(DetailRow(label: label("description"), value: item.description))
    }
    if let committee = item.specialCommittee {
      rows.append(DetailRow(label: label("committee"), value: data.displayName(of: RecordRef(committee))))
    }
    if let team = item.team {
      rows.append(DetailRow(label: label("team"), value: data.displayName(of: RecordRef(team))))
    }
    if let year = item.planYear { rows.append(DetailRow(label: label("year"), value: String(year))) }
    for trip in item.researchTrips {
      let text = [trip.date.description, trip.place, trip.notes].filter { !$0.isEmpty }
        .joined(separator: " · ")
      rows.append(DetailRow(label: label("research"), value: text))
    }
    for suggestion in item.suggestions {
      rows.append(DetailRow(label: label("suggestion"), value: suggestion))
    }
    if let date = item.consultationDate {
      rows.append(DetailRow(label: label("consultation"), value: date.description))
    }
    if let due = item.followUpDue {
      if let inspection = item.followUpInspection {
        rows.append(
          DetailRow(
            label: label("followUp"), value: inspection.date.description + " · " + inspection.findings)
        )
      } else {
        let late = item.isFollowUpOverdue(today: context.today)
        rows.append(
          DetailRow(
            label: label("followUpDue"),
            value: late ? tr("supervision.detail.late", language, due.description) : due.description,
            style: late ? Style(.overdue, bold: true) : .normal))
      }
    }
    for evaluation in item.pastEvaluations + (item.evaluation.map { [$0] } ?? []) {
      let measures = tr(
        "supervision.detail.measures", language, tr(evaluation.rectification.nameKey, language),
        tr(evaluation.cooperation.nameKey, language), tr(evaluation.satisfaction.nameKey, language),
        tr(evaluation.verdict.nameKey, language))
      rows.append(
        DetailRow(
          label: label("evaluation"),
          value: measures + (evaluation.note.isEmpty ? "" : " · " + evaluation.note)))
    }
    if item.redoCount > 0 { rows.append(DetailRow(label: label("redo"), value: String(item.redoCount))) }
    let problems = context.indexes.problemsBySource(data)[ref]?.count ?? 0
    rows.append(
      DetailRow(
        label: label("problems"), value: tr("supervision.detail.problemsValue", language, String(problems))))
    return (item.title, rows)
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
