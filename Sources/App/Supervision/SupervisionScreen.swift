import Domain
import Localization
import TerminalCore
import Widgets

/// The supervision section: every democratic-supervision item with its stage of topic
/// generation, its plan year, the follow-up inspection's (回头看) deadline and the evaluation;
/// the selected item's detail beside the list (or on Enter), `t` filters by stage, `p` shows the
/// item's problems on the problems board.
public typealias SupervisionScreen = RecordListScreen<SupervisionList>

/// The spec of the supervision list (see `RecordListSpec`).
public enum SupervisionList: RecordListSpec {
  public static let section = Section.supervision
  public static let keyContext = KeyContext.supervision
  public static let emptyTextKey = "empty.supervision"
  public static let noRowsKey = "supervision.none"
  public static let detailHintActions: [Action] = [.showRecordProblems]

  public static func columns(context: ScreenContext) -> [TableColumn] {
    func title(_ key: String) -> String { context.text("supervision.column.\(key)") }
    return [
      TableColumn(title("title"), width: .flex(3, min: 12)),
      TableColumn(title("stage"), width: .fixed(12)),
      TableColumn(title("year"), width: .fixed(6), alignment: .right),
      TableColumn(title("followUpDue"), width: .fixed(12)),
      TableColumn(title("evaluation"), width: .flex(1, min: 8)),
      TableColumn(title("redo"), width: .fixed(4), alignment: .right),
    ]
  }

  public static func rows(context: ScreenContext) -> RecordRows {
    let language = context.language
    let items = context.data.supervisionItems.values.sorted { $0.id < $1.id }
    return RecordRows(
      items.map { item in
        var due = item.followUpDue?.description ?? ""
        if item.followUpInspection != nil { due = tr("supervision.followUp.done", language) }
        let late = item.isFollowUpOverdue(today: context.today)
        return RecordRow(
          ref: item.ref,
          cells: [
            item.title, tr(item.stage.nameKey, language), item.planYear.map(String.init) ?? "", due,
            item.evaluation.map { tr($0.verdict.nameKey, language) } ?? "",
            item.redoCount > 0 ? String(item.redoCount) : "",
          ], mark: late ? RowMark(marker: "!", role: .overdue) : nil,
          facets: [SupervisionStage.allCases.firstIndex(of: item.stage)])
      })
  }

  public static func facets(context: ScreenContext) -> [RecordFacet] {
    [
      RecordFacet(
        action: .supervisionFilterStage, title: context.text("supervision.facet.stage"),
        options: SupervisionStage.allCases.map { context.text($0.nameKey) })
    ]
  }

  public static func summary(context: ScreenContext) -> String {
    let overdue = context.data.supervisionItems.values.filter { $0.isFollowUpOverdue(today: context.today) }
      .count
    return context.text("supervision.summary", String(context.data.supervisionItems.count), String(overdue))
  }

  public static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    guard action == .showRecordProblems, let ref else { return .ignored }
    return .go(.problems, ref)
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    let data = context.data
    let language = context.language
    guard let item = data.supervisionItems[ID(raw: ref.raw)] else { return nil }
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
      let text = [trip.date.description, trip.place, trip.people, trip.findings].filter { !$0.isEmpty }
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
          DetailRow(label: label("followUp"), value: inspection.date.description + " · " + inspection.finding)
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
    return RecordDetail(title: item.title, rows: rows)
  }
}

/// Names of members, joined for a cell or a detail line.
func memberNames(_ ids: [MemberID], in data: CommitteeState) -> String {
  ids.map { data.displayName(of: RecordRef($0)) }.joined(separator: "、")
}
