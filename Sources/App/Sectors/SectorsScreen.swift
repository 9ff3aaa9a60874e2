import Domain
import Localization
import TerminalCore
import Widgets

extension Action {
  /// Records an activity (study, inspection, fellowship, proposal, talk) of the selected home.
  public static let sectorsRecordActivity = Action("sectors.recordActivity")
  /// Shows the cross-regional cooperation of the year instead of the homes, or the homes again.
  public static let sectorsCooperation = Action("sectors.cooperation")
  /// Moves the selected home's newest open report (专报) one step along its track.
  public static let sectorsTrackReport = Action("sectors.trackReport")
  /// Marks the year's collective proposal of the selected home adopted (被采纳), or not adopted.
  public static let sectorsAdopted = Action("sectors.adopted")
  /// Writes a new report (专报) of the selected home.
  public static let sectorsNewReport = Action("sectors.newReport")
  /// Records a joint meeting with partner regions (cooperation view).
  public static let sectorsNewMeeting = Action("sectors.newMeeting")
  /// Records a cooperation result: a joint inspection, a major project, a problem solved.
  public static let sectorsNewResult = Action("sectors.newResult")
}

extension KeyContext {
  /// The sector homes' compliance board and a home's detail.
  public static let sectors = KeyContext("sectors")
  /// The cross-regional cooperation view.
  public static let cooperation = KeyContext("cooperation")
}

extension Keymap {
  /// The sector homes section's own keys.
  static let sectors: [Binding] = [
    Binding([.character("a")], .sectorsRecordActivity, .sectors),
    Binding([.character("t")], .sectorsTrackReport, .sectors),
    Binding([.character("p")], .sectorsAdopted, .sectors),
    Binding([.character("r")], .sectorsNewReport, .sectors),
    Binding([.character("c")], .sectorsCooperation, .sectors),
    Binding([.character("c"), .escape], .sectorsCooperation, .cooperation),
    Binding([.character("n")], .sectorsNewMeeting, .cooperation),
    Binding([.character("r")], .sectorsNewResult, .cooperation),
  ]
}

/// The spec of the sector homes' board: one row per home with this quarter's duties.
public enum SectorHomesList: RecordListSpec {
  public static let section = Section.sectors
  public static let keyContext = KeyContext.sectors
  public static let emptyTextKey = "sectors.empty"
  public static let noRowsKey = "sectors.none"
  public static let detailHintActions: [Action] = [
    .sectorsRecordActivity, .sectorsTrackReport, .sectorsAdopted,
  ]
  public static let hasArchivedRecords = true

  public static func columns(context: ScreenContext) -> [TableColumn] {
    func title(_ key: String) -> String { context.text("sectors.column.\(key)") }
    return [
      TableColumn(title("home"), width: .flex(3, min: 10)),
      TableColumn(title("study"), width: .fixed(10)),
      TableColumn(title("inspection"), width: .fixed(10)),
      TableColumn(title("proposal"), width: .fixed(10)),
      TableColumn(title("talks"), width: .fixed(9)),
      TableColumn(title("haves"), width: .fixed(4), alignment: .right),
    ]
  }

  public static func rows(context: ScreenContext) -> RecordRows {
    let today = context.today
    let homes = context.data.sectors.values.sorted { $0.id < $1.id }
    return RecordRows(
      homes.map { home in
        let row = SectorBoardRow(
          sector: home.id,
          compliance: context.data.dutyCompliance(
            sector: home.id, year: today.year, quarter: today.quarter, today: today), home: home)
        let late = !row.compliance.overdue.isEmpty
        return RecordRow(
          ref: home.ref, cells: row.cells(context.language, data: context.data),
          mark: late ? RowMark(marker: "!", role: .overdue) : nil, archived: home.archived)
      })
  }

  public static func summary(context: ScreenContext) -> String {
    let today = context.today
    return SectorBoard.rollUpLine(
      context.data.dutyRollUp(year: today.year, quarter: today.quarter, today: today), context.language)
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard let home = context.data.sectors[ID(raw: ref.raw)] else { return nil }
    let today = context.today
    let data = context.data
    let row = SectorBoardRow(
      sector: home.id,
      compliance: data.dutyCompliance(
        sector: home.id, year: today.year, quarter: today.quarter, today: today),
      home: home)
    var rows = SectorBoard.detail(row, data: data, language: context.language).map {
      DetailRow(label: $0.0, value: $0.1)
    }
    // The year quarter by quarter: study and inspection or fellowship, overdue ones marked.
    for quarter in 1...4 {
      let q = data.dutyCompliance(sector: home.id, year: today.year, quarter: quarter, today: today)
      let cells = [q.study, q.inspectionOrFellowship].map { status in
        status.fulfilledBy.map { $0.date.description }
          ?? context.text(status.overdue ? "sectors.board.overdue" : "sectors.board.notYet")
      }
      let late = q.study.overdue || q.inspectionOrFellowship.overdue
      rows.append(
        DetailRow(
          label: context.text("sectors.duties.quarter", String(quarter)),
          value: context.text("sectors.detail.quarterLine", cells[0], cells[1]),
          style: late ? Style(.warning) : .normal))
    }
    rows.append(
      DetailRow(
        label: context.text("sectors.detail.havesSummary"),
        value: SectorBoard.havesLine(
          data.dutyRollUp(year: today.year, quarter: today.quarter, today: today), context.language)))
    return RecordDetail(title: home.name, rows: rows)
  }
}

/// The sector homes section (委员之家): the duty compliance board of this quarter with the heads'
/// roll-up, each home's people, six haves, year of duties and reports; `a` records an activity,
/// `t` moves a report along its track, `c` shows the year's cross-regional cooperation.
public struct SectorsScreen: SectionScreen {
  var list = RecordListScreen<SectorHomesList>()
  var session: FormSession?
  var formTitle = ""
  var showsCooperation = false

  static let activityTag = EffectTag(.sectors, "activity")
  static let trackTag = EffectTag(.sectors, "track")
  static let adoptedTag = EffectTag(.sectors, "adopted")
  static let reportTag = EffectTag(.sectors, "report")
  static let meetingTag = EffectTag(.sectors, "meeting")
  static let resultTag = EffectTag(.sectors, "result")

  public init() {}

  public var capturesText: Bool { session != nil || list.capturesText }
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let session { return session.keyContexts }
    if showsCooperation { return [.cooperation] }
    return list.keyContexts(context: context)
  }

  public mutating func dataDidChange(context: ScreenContext) { list.dataDidChange(context: context) }
  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    showsCooperation = false
    list.focus(ref, context: context)
  }

  var selectedSector: SectorID? {
    (list.openRecord ?? list.selectedRef).flatMap { $0.kind == .sector ? SectorID(raw: $0.raw) : nil }
  }

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .sectorsCooperation:
      showsCooperation.toggle()
      return .handled
    case .sectorsRecordActivity:
      guard let sector = selectedSector else { return .ignored }
      openActivityForm(sector, context: context)
      return .handled
    case .sectorsNewMeeting, .sectorsNewResult:
      guard showsCooperation else { return .ignored }
      let meeting = action == .sectorsNewMeeting
      let fields =
        meeting
        ? SectorsForms.meetingFields(data: context.data, today: context.today, language: context.language)
        : SectorsForms.resultFields(data: context.data, today: context.today, language: context.language)
      session = FormSession(form: Self.form(fields, context), tag: meeting ? Self.meetingTag : Self.resultTag)
      formTitle = context.text(meeting ? "sectors.meeting.formTitle" : "sectors.result.formTitle")
      return .handled
    case .sectorsNewReport:
      guard let sector = selectedSector else { return .ignored }
      session = FormSession(
        form: Self.form(
          SectorsForms.reportFields(data: context.data, today: context.today, language: context.language),
          context),
        tag: Self.reportTag)
      formTitle = context.text("sectors.report.formTitle", context.data.displayName(of: RecordRef(sector)))
      return .handled
    case .sectorsAdopted:
      guard let sector = selectedSector else { return .ignored }
      let today = context.today
      let compliance = context.data.dutyCompliance(
        sector: sector, year: today.year, quarter: today.quarter, today: today)
      guard var proposal = compliance.collectiveProposal.fulfilledBy else {
        return .say(context.text("sectors.adopted.none", String(today.year)))
      }
      proposal.adopted.toggle()
      return ScreenResult(
        handled: true, effects: [.apply(.putSectorActivity(proposal), tag: Self.adoptedTag)])
    case .sectorsTrackReport:
      guard let sector = selectedSector else { return .ignored }
      guard let report = context.data.sectorReports(sector: sector).last(where: { !$0.status.next.isEmpty })
      else {
        return .say(context.text("sectors.track.none"))
      }
      openTrackForm(report, context: context)
      return .handled
    default:
      if showsCooperation { return .ignored }
      return list.perform(action, key: key, context: context)
    }
  }

  mutating func openActivityForm(_ sector: SectorID, context: ScreenContext) {
    let data = context.data
    let own = data.members.values.filter { $0.sector == sector && !$0.archived }.sorted { $0.id < $1.id }
      .map { ($0.id, $0.name, false) }
    let fields = SectorActivityForm.fields(
      sector: sector, data: data, search: ConsultationDetailsForm.search(own), today: context.today,
      language: context.language)
    session = FormSession(form: Self.form(fields, context), tag: Self.activityTag)
    formTitle = context.text("sectors.form.newTitle", data.displayName(of: RecordRef(sector)))
  }

  mutating func openTrackForm(_ report: SectorReport, context: ScreenContext) {
    let options = report.status.next.map { FieldOption(id: "\($0)", label: context.text($0.nameKey)) }
    let fields = [
      FormField(
        "status", label: context.text("sectors.track.status"), kind: .choice(options),
        value: .choice(options.first?.id), required: true),
      FormField(
        "date", label: context.text("sectors.track.date"), kind: .date,
        value: .date(FormDate(year: context.today.year, month: context.today.month, day: context.today.day)),
        required: true),
      FormField(
        "feedback", label: context.text("sectors.track.feedback"), kind: .multilineText(rows: 3),
        value: .text(report.feedback)),
    ]
    session = FormSession(form: Self.form(fields, context), tag: Self.trackTag)
    formTitle = context.text("sectors.track.title", report.title)
    trackedReport = report.id
  }

  var trackedReport: SectorReportID?

  static func form(_ fields: [FormField], _ context: ScreenContext) -> FormState {
    let language = context.language
    return FormState(
      fields: fields,
      today: FormDate(year: context.today.year, month: context.today.month, day: context.today.day)
        ?? FormDate(year: 2000, month: 1, day: 1)!,
      describe: { Strings.shared.text($0.key, language, $0.arguments) })
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var open = session else { return list.handle(event, context: context) }
    let sector = selectedSector
    let report = trackedReport
    let tracking = open.tag == Self.trackTag
    let tag = open.tag
    let today = context.today
    let step = open.handle(
      event, context: context,
      build: { values in
        let missingDate = FieldRefusal.required("date", context.language)
        if tag == Self.meetingTag {
          guard let change = SectorsForms.meeting(values, id: context.data.newID()) else {
            return .failure(missingDate)
          }
          return .success(change)
        }
        if tag == Self.resultTag {
          guard let change = SectorsForms.result(values, id: context.data.newID()) else {
            return .failure(missingDate)
          }
          return .success(change)
        }
        if tag == Self.reportTag {
          guard let sector else { return .failure(missingDate) }
          // A report goes with the year's collective proposal, when there is one.
          let proposal = context.data.dutyCompliance(
            sector: sector, year: today.year, quarter: today.quarter, today: today
          ).collectiveProposal.fulfilledBy?.id
          guard
            let change = SectorsForms.report(
              values, id: context.data.newID(), sector: sector, proposal: proposal)
          else { return .failure(FieldRefusal.required("sentOn", context.language)) }
          return .success(change)
        }
        if tracking {
          guard let report, case .choice(let name?)? = values["status"],
            let status = SectorReportStatus.allCases.first(where: { "\($0)" == name }),
            case .date(let date?)? = values["date"],
            let day = Day(year: date.year, month: date.month, day: date.day)
          else { return .failure(.required("status", context.language)) }
          var feedback = ""
          if case .text(let text)? = values["feedback"] { feedback = text }
          return .success(
            .trackSectorReport(report, SectorReportEvent(status: status, date: day), feedback: feedback))
        }
        guard let sector,
          let change = SectorActivityForm.change(id: context.data.newID(), sector: sector, values: values)
        else { return .failure(.required("date", context.language)) }
        return .success(change)
      },
      fieldOf: SectorsForms.field(for:))
    session = open
    switch step {
    case .open(let handled): return handled ? .handled : .ignored
    case .closed:
      session = nil
      return .handled
    case .save(let effect): return ScreenResult(handled: true, effects: [effect])
    }
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .applied(let tag, let result) = event, tag == Self.adoptedTag {
      list.dataDidChange(context: context)
      switch result {
      case .success: return .say(context.text("sectors.saved"), .ok)
      case .failure(let message): return .say(message.text(context.language), .error)
      }
    }
    guard var open = session, let saved = open.receive(event, language: context.language) else {
      return .ignored
    }
    session = saved ? nil : open
    guard saved else { return .handled }
    list.dataDidChange(context: context)
    return .say(context.text("sectors.saved"), .ok)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if session != nil { return Keymap.hints([.save, .cancel, .nextField], in: .form, context.language) }
    if showsCooperation {
      return Keymap.hints(
        [.sectorsNewMeeting, .sectorsNewResult, .sectorsCooperation], in: .cooperation, context.language)
    }
    return Keymap.hints(
      [.sectorsRecordActivity, .sectorsTrackReport, .sectorsCooperation], in: .sectors, context.language)
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    if showsCooperation {
      drawCooperation(into: &canvas, rect: rect, context: context)
    } else {
      list.draw(into: &canvas, rect: rect, context: context)
    }
    guard let session else { return }
    // The form in a box over the board, as wide as fits.
    let width = min(rect.width, 76)
    let textRows = session.form.fields.reduce(0) { rows, field in
      if case .multilineText(let lines) = field.kind { return rows + lines }
      return rows + 1
    }
    let height = min(rect.height, textRows + 6)
    let box = Rect(
      x: rect.x + (rect.width - width) / 2, y: rect.y + (rect.height - height) / 2, width: width,
      height: height)
    for y in box.y..<box.maxY { canvas.write(String(repeating: " ", count: box.width), x: box.x, y: y) }
    Box.draw(into: &canvas, rect: box, title: formTitle)
    let inner = Box.inner(box)
    var form = session.form
    let formRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - 1))
    form.resize(width: formRect.width)
    form.draw(into: &canvas, in: formRect)
    canvas.write(
      Text.truncate(" " + context.text("sectors.form.keys"), to: inner.width), x: inner.x, y: inner.maxY - 1,
      style: Style(.hint))
    session.drawOverlay(into: &canvas, area: box, language: context.language)
  }

  func drawCooperation(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let year = context.today.year
    canvas.write(
      context.text("sectors.cooperation.title"), x: rect.x + 1, y: rect.y, style: Style(.title, bold: true))
    let width = max(1, rect.width - 2)
    var y = rect.y + 1
    let totals = CooperationView.totalsLine(context.data.cooperationTotals(year: year), context.language)
    for part in Text.wrap(totals, to: width) where y < rect.maxY {
      canvas.write(part, x: rect.x + 1, y: y, style: Style(.title))
      y += 1
    }
    y += 1
    for line in CooperationView.lines(context.data, year: year, language: context.language) {
      for part in Text.wrap(line, to: width) {
        guard y < rect.maxY else { return }
        canvas.write(part, x: rect.x + 1, y: y)
        y += 1
      }
    }
  }
}
