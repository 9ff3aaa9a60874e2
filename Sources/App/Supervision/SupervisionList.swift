import Domain
import Localization
import TerminalCore
import Widgets

/// The spec of the supervision list (民主监督, see `RecordListSpec`): each topic with where it
/// stands, its team, plan year, the follow-up's due day (overdue ones marked, with days late), the
/// verdict and the redo count; the topic's timeline beside it on wide terminals.
public enum SupervisionList: FollowingRecordList {
  public static let section = Section.supervision
  public static let keyContext = KeyContext.supervision
  public static let emptyTextKey = "supervision2.empty"
  public static let noRowsKey = "supervision.none"

  /// The columns in the order of the cells. Beside the timeline (100 columns and more) only the
  /// first `besideDetail` show, so the topic's title is read whole; the rest are in the timeline.
  static let columns: [(key: String, width: ColumnWidth, alignment: Text.Alignment)] = [
    ("title", .flex(3, min: 12), .left),
    ("standing", .fixed(14), .left),
    ("followUp", .fixed(11), .left),
    ("team", .flex(1, min: 8), .left),
    ("year", .fixed(5), .right),
    ("verdict", .fixed(12), .left),
    ("redo", .fixed(4), .right),
  ]
  static let besideDetail = 3

  public static func columns(context: ScreenContext) -> [TableColumn] {
    let shown = RecordListLayout(body: context.body).detail == nil ? columns.count : besideDetail
    return columns.prefix(shown).map {
      TableColumn(context.text("supervision2.column.\($0.key)"), width: $0.width, alignment: $0.alignment)
    }
  }

  // MARK: Following changes (`FollowingRecordList`)

  public static let listedKind = RecordKind.supervisionItem
  public static let namedKinds: Set<RecordKind> = [.supervisionTeam]

  public static func table(in data: CommitteeState) -> RecordTable<SupervisionItem> {
    data.supervisionItems
  }

  public static func record(_ ref: RecordRef, in data: CommitteeState) -> SupervisionItem? {
    data.supervisionItems[SupervisionItemID(raw: ref.raw)]
  }

  /// By number: the order topics were proposed in.
  public static func orderKey(_ item: SupervisionItem) -> SupervisionItemID { item.id }

  public static func lookup(
    context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>
  ) -> Void? { () }

  /// A topic's row: marked when its follow-up is late, its standing's option.
  public static func entry(_ item: SupervisionItem, lookup: Void, context: ScreenContext) -> RecordRow {
    var mark: RowMark?
    if item.awaitsFollowUp, item.followUpDue != nil, item.followUpDaysLate(today: context.today) > 0 {
      mark = RowMark(marker: "!", role: .overdue)
    }
    return RecordRow(
      ref: item.ref, cells: [], mark: mark,
      facets: [SupervisionStanding.allCases.firstIndex(of: item.standing)])
  }

  public static func cells(_ item: SupervisionItem, context: ScreenContext) -> [String] {
    var due = ""
    if item.awaitsFollowUp, let day = item.followUpDue {
      let late = item.followUpDaysLate(today: context.today)
      due = late > 0 ? context.text("supervision2.list.late", String(late)) : day.description
    }
    return [
      item.title, context.text(item.standing.nameKey), due,
      item.team.map { context.data.displayName(of: RecordRef($0)) } ?? "",
      item.planYear.map(String.init) ?? "",
      item.evaluation.map { context.text($0.verdict.nameKey) } ?? "",
      item.redoCount > 0 ? String(item.redoCount) : "",
    ]
  }

  public static func summary(context: ScreenContext) -> String {
    // Counted in one pass over the topics in their boxes (the Domain's lists copy and sort them):
    // the same counts as `followUpOverdueSupervisionItems` and `supervisionFollowUpsDue`.
    let today = context.today
    let last = today.adding(days: 7)
    var overdue = 0
    var due = 0
    for box in context.data.supervisionItems.storage.values {
      if box.value.isFollowUpOverdue(today: today) { overdue += 1 }
      if box.value.awaitsFollowUp, let day = box.value.followUpDue, day >= today, day <= last { due += 1 }
    }
    return context.text(
      "supervision2.summary", String(context.data.supervisionItems.count), String(due), String(overdue))
  }

  /// The topic's timeline (the same lines Enter shows full-screen), as the pane beside the list.
  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard ref.kind == .supervisionItem,
      let item = context.data.supervisionItems[SupervisionItemID(raw: ref.raw)]
    else { return nil }
    let lines = SupervisionTimeline.lines(
      item, data: context.data, language: context.language, today: context.today, indexes: context.indexes)
    return RecordDetail(
      title: item.title,
      rows: lines.dropFirst().map {
        DetailRow(label: "", value: String(repeating: " ", count: $0.indent) + $0.text, style: $0.style)
      })
  }

  /// Where a topic stands, cycled with `t` (as the problems board's status).
  public static func facets(context: ScreenContext) -> [RecordFacet] {
    [
      RecordFacet(
        action: .supervisionFilterStage, title: context.text("supervision2.column.standing"),
        options: SupervisionStanding.allCases.map { context.text($0.nameKey) })
    ]
  }
}
