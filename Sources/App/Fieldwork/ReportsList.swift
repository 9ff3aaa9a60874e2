import Domain
import Localization
import TerminalCore
import Widgets

/// The 社情民意 section: every report with its status chain — submitted → adopted → leaders'
/// instruction (批示) → rectification (整改) → done — and the problems raised from it.
public typealias ReportsScreen = FieldworkScreen<ReportsList>

/// The spec of the reports list (see `RecordListSpec`).
public enum ReportsList: FieldworkSpec, FollowingRecordList {
  public static let section = Section.reports
  public static let keyContext = KeyContext.reports
  public static let emptyTextKey = "reports.empty"
  public static let noRowsKey = "reports.none"
  public static let detailHintActions: [Action] = [
    .fieldworkNextStep, .editLongText, .fieldworkRaiseProblem, .showRecordProblems,
  ]
  public static let longTextContext = KeyContext.reportsText

  /// The draft key of a report's text ("reports.text.<raw id>").
  static func draftKey(_ id: OpinionReportID) -> String { "reports.text.\(id.raw)" }

  public static func record(ofDraftKey key: String) -> RecordRef? {
    guard key.hasPrefix("reports.text."), let raw = UInt64(key.dropFirst("reports.text.".count)) else {
      return nil
    }
    return RecordRef(OpinionReportID(raw: raw))
  }

  public static func longText(for action: Action, on ref: RecordRef?, text: String?, context: ScreenContext)
    -> LongTextOpening?
  {
    guard action == .editLongText else { return nil }
    guard let ref, let report = context.data.opinionReports[ID(raw: ref.raw)] else {
      return .refused(Message(context.text("editors.text.noReport"), .warning))
    }
    return .editor(
      LongTextEditor(
        draftKey: draftKey(report.id), heading: context.text("editors.text.heading", report.title),
        text: text ?? report.text, isStored: text == nil, recordText: report.text))
  }

  public static func saveLongText(_ text: String, of ref: RecordRef, context: ScreenContext) -> Change? {
    guard var report = context.data.opinionReports[ID(raw: ref.raw)] else { return nil }
    report.text = text
    return .putOpinionReport(report)
  }

  public static func longTextNow(of ref: RecordRef, context: ScreenContext) -> String? {
    context.data.opinionReports[ID(raw: ref.raw)]?.text
  }

  public static func problem(from sentence: String, title: String, of ref: RecordRef, context: ScreenContext)
    -> Change?
  {
    guard let report = context.data.opinionReports[ID(raw: ref.raw)] else { return nil }
    return .raiseProblemByMember(
      context.data.newID(), .opinionReport(report.id), title: title,
      description: context.text("editors.text.problemDescription", report.title, sentence),
      member: report.submitter)
  }

  public static func columns(context: ScreenContext) -> [TableColumn] {
    func title(_ key: String) -> String { context.text("reports.column.\(key)") }
    return [
      TableColumn(title("title"), width: .flex(3, min: 10)),
      TableColumn(title("submitters"), width: .flex(1, min: 8), sortable: false),
      TableColumn(title("date"), width: .fixed(10)),
      TableColumn(title("chain"), width: .fixed(5), sortable: false),
      TableColumn(title("status"), width: .fixed(context.language == .zh ? 8 : 11)),
    ]
  }

  /// One mark per link of the chain: ● reached, ○ not yet.
  static func chain(_ report: OpinionReport) -> String {
    OpinionReportStatus.chain.dropFirst().map { report.status.rank >= $0.rank ? "●" : "○" }.joined()
      .padding(toLength: 4, withPad: "○", startingAt: 0)
  }

  // MARK: Following changes (`FollowingRecordList`)

  public static let listedKind = RecordKind.opinionReport
  public static let namedKinds: Set<RecordKind> = [.member]

  public static func table(in data: CommitteeState) -> RecordTable<OpinionReport> {
    data.opinionReports
  }

  public static func record(_ ref: RecordRef, in data: CommitteeState) -> OpinionReport? {
    data.opinionReports[OpinionReportID(raw: ref.raw)]
  }

  /// Newest first, then by number.
  public static func orderKey(_ report: OpinionReport) -> NewestFirst {
    NewestFirst(report.date, report.id.raw)
  }

  public static func lookup(
    context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>
  ) -> Void? { () }

  public static func entry(_ report: OpinionReport, lookup: Void, context: ScreenContext) -> RecordRow {
    RecordRow(ref: report.ref, cells: [], facets: [report.status.rank])
  }

  public static func cells(_ report: OpinionReport, context: ScreenContext) -> [String] {
    [
      report.title, memberNames(report.submitters, in: context.data, context.language),
      report.date.description, chain(report), context.name(report.status.nameKey),
    ]
  }

  public static func facets(context: ScreenContext) -> [RecordFacet] {
    [
      RecordFacet(
        action: .reportsFilterStatus, title: context.text("reports.facet.status"),
        options: OpinionReportStatus.chain.map { context.text($0.nameKey) })
    ]
  }

  public static func summary(context: ScreenContext) -> String {
    // Followed counts, not a pass over every report (`SharedIndexes.following`).
    let counts = context.indexes.reportCounts(context.data)
    return context.text(
      "reports.summary", String(counts.total), String(counts.reached(.instructed)),
      String(counts.reached(.done)))
  }

  public static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    guard action == .showRecordProblems, let ref else { return .ignored }
    return .go(.problems, ref)
  }

  public static func form(for action: Action, on ref: RecordRef?, context: ScreenContext) -> FormOpening? {
    switch action {
    case .fieldworkNew: return .form(.newReport(context: context))
    case .fieldworkNextStep:
      guard let ref, let report = context.data.opinionReports[ID(raw: ref.raw)] else { return nil }
      guard report.status != .done else {
        return .refused(Message(context.text("fieldwork.message.reportDone"), .info))
      }
      let next = OpinionReportStatus.chain[report.status.rank + 1]
      return .form(.reportStep(report, next, context: context))
    case .fieldworkRaiseProblem:
      guard let ref, let report = context.data.opinionReports[ID(raw: ref.raw)] else { return nil }
      return .form(
        .raiseProblem(
          from: .opinionReport(report.id), member: report.submitter, context: context, section: .reports))
    default: return nil
    }
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    let data = context.data
    guard let report = data.opinionReports[ID(raw: ref.raw)] else { return nil }
    func label(_ key: String) -> String { context.text("reports.detail.\(key)") }
    func day(_ d: Day?) -> String { d?.description ?? "" }
    var rows = [
      DetailRow(
        label: label("submitters"), value: memberNames(report.submitters, in: data, context.language)),
      DetailRow(label: label("date"), value: report.date.description),
      DetailRow(label: label("status"), value: context.name(report.status.nameKey)),
      DetailRow(label: label("text"), value: report.text),
    ]
    let reached = report.status.rank
    func link(_ status: OpinionReportStatus, _ value: String) {
      let done = reached >= status.rank
      rows.append(
        DetailRow(
          label: (done ? "● " : "○ ") + context.name(status.nameKey),
          value: done ? value : context.text("patrols.detail.notYet"), style: done ? .normal : Style(.dim)))
    }
    link(.adopted, day(report.adoptedOn))
    link(
      .instructed,
      [report.instructedBy, day(report.instructedOn), report.instruction].filter { !$0.isEmpty }.joined(
        separator: " · "))
    link(
      .rectifying,
      [
        report.rectificationDepartment.map { data.displayName(of: RecordRef($0)) } ?? "",
        report.rectificationPlan,
        report.rectificationDue.map { context.text("reports.detail.due", $0.description) } ?? "",
      ].filter { !$0.isEmpty }.joined(separator: " · "))
    link(.done, day(report.doneOn))
    for problem in context.indexes.problems(from: .opinionReport(report.id), in: data) {
      rows.append(
        DetailRow(
          label: label("problem"), value: problem.title + " · " + context.name(problem.status.nameKey)))
    }
    return RecordDetail(title: report.title, rows: rows)
  }
}
