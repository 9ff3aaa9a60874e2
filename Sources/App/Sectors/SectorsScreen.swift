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
  /// Records a cooperation agreement (协作协议) with partner regions (cooperation view).
  public static let sectorsNewAgreement = Action("sectors.newAgreement")
  /// Edits the selected cooperation agreement (cooperation view).
  public static let sectorsEditAgreement = Action("sectors.editAgreement")
  /// Shows the board of the quarter before the one shown.
  public static let sectorsPreviousQuarter = Action("sectors.previousQuarter")
  /// Shows the board of the quarter after the one shown.
  public static let sectorsNextQuarter = Action("sectors.nextQuarter")
  /// Shows the same quarter of the year before or after (`<` back, `>` on).
  public static let sectorsYear = Action("sectors.year")
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
    Binding([.character("a")], .sectorsNewAgreement, .cooperation),
    Binding([.character("e"), .enter], .sectorsEditAgreement, .cooperation),
    Binding([.character("j"), .down], .moveDown, .cooperation, help: "action.sectors.nextAgreement"),
    Binding([.character("k"), .up], .moveUp, .cooperation, help: "action.sectors.previousAgreement"),
    // ← → step the quarter as they step the period on the Overview and the boards.
    Binding([.character("["), .left], .sectorsPreviousQuarter, .sectors),
    Binding([.character("]"), .right], .sectorsNextQuarter, .sectors),
    Binding([.character("<"), .character(">")], .sectorsYear, .sectors),
  ]
}

/// A quarter of a year on the duty compliance board.
public struct BoardQuarter: Equatable, Sendable {
  public var year: Int
  public var quarter: Int

  /// The quarter `delta` quarters away, crossing years.
  func stepped(by delta: Int) -> BoardQuarter {
    let next = SectorBoard.step(year: year, quarter: quarter, by: delta)
    return BoardQuarter(year: next.year, quarter: next.quarter)
  }
}

extension SectorHomesList {
  /// The quarter the screen chose, while the kit asks the spec for rows, summary and detail. The
  /// kit's spec is a stateless function of the context by design; the quarter is the screen's state,
  /// so the screen lends it for the length of each call into the list (nil: today's quarter).
  @TaskLocal static var chosenQuarter: BoardQuarter?

  /// The quarter shown: the one chosen with `[` `]` `<` `>`, else today's.
  static func quarter(_ context: ScreenContext) -> BoardQuarter {
    chosenQuarter ?? BoardQuarter(year: context.today.year, quarter: context.today.quarter)
  }
}

/// The spec of the sector homes' board: one row per home with the chosen quarter's duties.
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
    let shown = quarter(context)
    let homes = context.data.sectors.values.sorted { $0.id < $1.id }
    return RecordRows(
      homes.map { home in
        let row = SectorBoardRow(
          sector: home.id,
          compliance: context.indexes.dutyCompliance(
            sector: home.id, year: shown.year, quarter: shown.quarter, today: today, in: context.data),
          home: home)
        let late = !row.compliance.overdue.isEmpty
        return RecordRow(
          ref: home.ref, cells: row.cells(context.language, data: context.data),
          mark: late ? RowMark(marker: "!", role: .overdue) : nil, archived: home.archived)
      })
  }

  public static func summary(context: ScreenContext) -> String {
    let shown = quarter(context)
    return SectorBoard.rollUpLine(
      context.indexes.dutyRollUp(
        year: shown.year, quarter: shown.quarter, today: context.today, in: context.data),
      context.language)
  }

  public static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard let home = context.data.sectors[ID(raw: ref.raw)] else { return nil }
    let shown = quarter(context)
    // Drawn on every frame: made once per home, quarter, day and language in each data version
    // (a memo of a value, never of an optional: a missing entry would read as a memoized nil).
    let key = "sectors.detail \(ref.raw) \(shown.year) \(shown.quarter) \(context.today) \(context.language)"
    return context.indexes.memo(key) { makeDetail(home, shown: shown, context: context) }
  }

  static func makeDetail(_ home: Sector, shown: BoardQuarter, context: ScreenContext) -> RecordDetail {
    let today = context.today
    let data = context.data
    let row = SectorBoardRow(
      sector: home.id,
      compliance: context.indexes.dutyCompliance(
        sector: home.id, year: shown.year, quarter: shown.quarter, today: today, in: data),
      home: home)
    var rows = SectorBoard.detail(row, data: data, language: context.language).map {
      DetailRow(label: $0.0, value: $0.1)
    }
    // The year quarter by quarter: study and inspection or fellowship, overdue ones marked. Those
    // two read only the home's activities, not its members' talks (a thousand members at a large
    // committee), so the members are left out here.
    // Sorted once here: each quarter's `compliance` below sorts them again, which costs a pass on
    // an array already in order (a home's first move made four sorts of its year's activities).
    let activities = (context.indexes.sectorDuties(year: shown.year, data).activities[home.id] ?? [:]).values
      .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    for quarter in 1...4 {
      let q = CommitteeState.compliance(
        sector: home.id, activities: activities, members: [], year: shown.year, quarter: quarter, today: today
      )
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
          context.indexes.dutyRollUp(year: shown.year, quarter: shown.quarter, today: today, in: data),
          context.language)))
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
  /// The quarter the board shows; nil follows today's.
  var chosenQuarter: BoardQuarter?
  /// The selected agreement in the cooperation view (an index into `agreements`, kept in range).
  var agreementIndex = 0
  /// The agreement the open form edits; nil while it records a new one.
  var editedAgreement: CooperationAgreementID?

  static let activityTag = EffectTag(.sectors, "activity")
  static let trackTag = EffectTag(.sectors, "track")
  static let adoptedTag = EffectTag(.sectors, "adopted")
  static let reportTag = EffectTag(.sectors, "report")
  static let meetingTag = EffectTag(.sectors, "meeting")
  static let resultTag = EffectTag(.sectors, "result")
  static let agreementTag = EffectTag(.sectors, "agreement")

  public init() {}

  public var keptForm: FormSession? {
    get { session }
    set { if session != nil, let newValue { session = newValue } }
  }

  public var capturesText: Bool { session != nil || list.capturesText }
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let session { return session.keyContexts }
    if showsCooperation { return [.cooperation] }
    return list.keyContexts(context: context)
  }

  public mutating func dataDidChange(context: ScreenContext) {
    session?.followOwnChanges(context: context)
    SectorHomesList.$chosenQuarter.withValue(chosenQuarter) { list.dataDidChange(context: context) }
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    showsCooperation = false
    SectorHomesList.$chosenQuarter.withValue(chosenQuarter) { list.focus(ref, context: context) }
  }

  /// Every agreement, newest signed first: the order the cooperation view lists them in.
  static func agreements(_ data: CommitteeState) -> [CooperationAgreement] {
    data.cooperationAgreements.values.sorted { ($0.signedOn, $0.id) > ($1.signedOn, $1.id) }
  }

  /// The agreement under the selection in the cooperation view.
  func selectedAgreement(_ data: CommitteeState) -> CooperationAgreement? {
    let all = Self.agreements(data)
    return all.isEmpty ? nil : all[min(max(agreementIndex, 0), all.count - 1)]
  }

  /// Shows another quarter, and the board, roll-up and detail follow it.
  mutating func showQuarter(_ quarter: BoardQuarter, context: ScreenContext) -> ScreenResult {
    let today = BoardQuarter(year: context.today.year, quarter: context.today.quarter)
    chosenQuarter = quarter == today ? nil : quarter
    dataDidChange(context: context)
    return .handled
  }

  mutating func openAgreementForm(_ agreement: CooperationAgreement?, context: ScreenContext) {
    let fields = AgreementForm.fields(
      editing: agreement, data: context.data, today: context.today, language: context.language)
    session = FormSession(
      form: Self.form(fields, context), tag: Self.agreementTag, opened: context,
      draft: "agreement." + (agreement.map { String($0.id.raw) } ?? "new"))
    editedAgreement = agreement?.id
    formTitle =
      agreement.map { context.text("sectors.agreement.editTitle", $0.title) }
      ?? context.text("sectors.agreement.newTitle")
  }

  var selectedSector: SectorID? {
    (list.openRecord ?? list.selectedRef).flatMap { $0.kind == .sector ? SectorID(raw: $0.raw) : nil }
  }

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .sectorsCooperation:
      showsCooperation.toggle()
      return .handled
    case .sectorsPreviousQuarter, .sectorsNextQuarter, .sectorsYear:
      guard !showsCooperation else { return .ignored }
      let shown = chosenQuarter ?? BoardQuarter(year: context.today.year, quarter: context.today.quarter)
      let delta: Int
      switch action {
      case .sectorsPreviousQuarter: delta = -1
      case .sectorsNextQuarter: delta = 1
      default: delta = key == .character("<") ? -4 : 4
      }
      return showQuarter(shown.stepped(by: delta), context: context)
    case .moveUp, .moveDown:
      guard showsCooperation else { break }
      let count = Self.agreements(context.data).count
      agreementIndex = min(max(0, agreementIndex + (action == .moveUp ? -1 : 1)), max(0, count - 1))
      return .handled
    case .sectorsNewAgreement:
      guard showsCooperation else { return .ignored }
      openAgreementForm(nil, context: context)
      return .handled
    case .sectorsEditAgreement:
      guard showsCooperation else { return .ignored }
      guard let agreement = selectedAgreement(context.data) else {
        return .say(context.text("sectors.agreement.none"))
      }
      openAgreementForm(agreement, context: context)
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
      session = FormSession(
        form: Self.form(fields, context), tag: meeting ? Self.meetingTag : Self.resultTag, opened: context,
        draft: meeting ? "meeting" : "result")
      formTitle = context.text(meeting ? "sectors.meeting.formTitle" : "sectors.result.formTitle")
      return .handled
    case .sectorsNewReport:
      guard let sector = selectedSector else { return .ignored }
      session = FormSession(
        form: Self.form(
          SectorsForms.reportFields(data: context.data, today: context.today, language: context.language),
          context),
        tag: Self.reportTag, opened: context, draft: "report.\(sector.raw)")
      formTitle = context.text("sectors.report.formTitle", context.data.displayName(of: RecordRef(sector)))
      return .handled
    case .sectorsAdopted:
      guard let sector = selectedSector else { return .ignored }
      let shown = chosenQuarter ?? BoardQuarter(year: context.today.year, quarter: context.today.quarter)
      let compliance = context.indexes.dutyCompliance(
        sector: sector, year: shown.year, quarter: shown.quarter, today: context.today,
        in: context.data)
      guard var proposal = compliance.collectiveProposal.fulfilledBy else {
        return .say(context.text("sectors.adopted.none", String(shown.year)))
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
      break
    }
    if showsCooperation { return .ignored }
    return SectorHomesList.$chosenQuarter.withValue(chosenQuarter) {
      list.perform(action, key: key, context: context)
    }
  }

  mutating func openActivityForm(_ sector: SectorID, context: ScreenContext) {
    let data = context.data
    let own = data.members.values.filter { $0.sector == sector && !$0.archived }.sorted { $0.id < $1.id }
      .map { ($0.id, $0.name, false) }
    let fields = SectorActivityForm.fields(
      sector: sector, data: data, search: ConsultationDetailsForm.search(own), today: context.today,
      language: context.language)
    session = FormSession(
      form: Self.form(fields, context), tag: Self.activityTag, opened: context,
      draft: "activity.\(sector.raw)")
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
    session = FormSession(
      form: Self.form(fields, context), tag: Self.trackTag, opened: context, draft: "track.\(report.id.raw)")
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
    guard var open = session else {
      return SectorHomesList.$chosenQuarter.withValue(chosenQuarter) { list.handle(event, context: context) }
    }
    let edited = editedAgreement
    let sector = selectedSector
    let report = trackedReport
    let tracking = open.tag == Self.trackTag
    let tag = open.tag
    let today = context.today
    let step = open.handle(
      event, context: context,
      build: { values in
        let missingDate = FieldRefusal.required("date", context.language)
        if tag == Self.agreementTag {
          // A new agreement takes its number now, on saving, from the latest state the app has.
          guard let change = AgreementForm.change(values, id: edited ?? context.data.newID()) else {
            return .failure(missingDate)
          }
          return .success(change)
        }
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
          let proposal = context.indexes.dutyCompliance(
            sector: sector, year: today.year, quarter: today.quarter, today: today, in: context.data
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
      fieldOf: tag == Self.agreementTag ? AgreementForm.field(for:) : SectorsForms.field(for:))
    session = open
    switch step {
    case .open(let handled): return handled ? .handled : .ignored
    case .closed:
      session = nil
      editedAgreement = nil
      return .handled
    case .save(let effect): return ScreenResult(handled: true, effects: [effect])
    }
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .applied(let tag, let result) = event, tag == Self.adoptedTag {
      list.dataDidChange(context: context)
      switch result {
      case .success:
        // Which way it went, since `p` turns it either way without asking.
        let shown = chosenQuarter ?? BoardQuarter(year: context.today.year, quarter: context.today.quarter)
        guard let sector = selectedSector,
          let proposal = context.indexes.dutyCompliance(
            sector: sector, year: shown.year, quarter: shown.quarter, today: context.today, in: context.data
          ).collectiveProposal.fulfilledBy
        else { return .say(context.text("sectors.saved"), .ok) }
        let key = proposal.adopted ? "sectors.adopted.now" : "sectors.adopted.not"
        return .say(context.text(key, proposal.title), .ok)
      case .failure(let message): return .say(message.text(context.language), .error)
      }
    }
    guard var open = session, let saved = open.receive(event, language: context.language) else {
      return .ignored
    }
    session = saved ? nil : open
    guard saved else { return .handled }
    if open.tag == Self.agreementTag {
      // The saved agreement stays selected: the edited one, or the newest number (the new one).
      let target = editedAgreement ?? context.data.cooperationAgreements.values.map(\.id).max()
      agreementIndex = Self.agreements(context.data).firstIndex { $0.id == target } ?? agreementIndex
      editedAgreement = nil
    }
    dataDidChange(context: context)
    return .say(context.text("sectors.saved"), .ok)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if session != nil { return Keymap.hints([.save, .cancel, .nextField], in: .form, context.language) }
    if showsCooperation {
      return Keymap.hints(
        [
          .sectorsNewMeeting, .sectorsNewResult, .sectorsNewAgreement, .sectorsEditAgreement,
          .sectorsCooperation,
        ],
        in: .cooperation, context.language)
    }
    return Keymap.hints(
      [
        .sectorsRecordActivity, .sectorsTrackReport, .sectorsCooperation, .sectorsPreviousQuarter,
        .sectorsNextQuarter,
      ],
      in: .sectors, context.language)
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    if showsCooperation {
      drawCooperation(into: &canvas, rect: rect, context: context)
    } else {
      SectorHomesList.$chosenQuarter.withValue(chosenQuarter) {
        list.draw(into: &canvas, rect: rect, context: context)
      }
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
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: formTitle)
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
    func write(_ line: String, style: Style = .normal, indent: Int = 0) {
      for part in Text.wrap(line, to: max(1, width - indent)) where y < rect.maxY {
        canvas.write(part, x: rect.x + 1 + indent, y: y, style: style)
        y += 1
      }
    }
    write(
      CooperationView.totalsLine(context.data.cooperationTotals(year: year), context.language),
      style: Style(.title))
    // The agreements first, as they are what j/k select and e edits; the selected one with its terms.
    let agreements = Self.agreements(context.data)
    y += 1
    write(context.text("sectors.agreement.heading", String(agreements.count)), style: Style(.title))
    if agreements.isEmpty { write(context.text("sectors.agreement.empty"), style: Style(.hint), indent: 2) }
    let selected = selectedAgreement(context.data)?.id
    for agreement in agreements {
      let isSelected = agreement.id == selected
      let line = AgreementView.line(agreement, data: context.data, language: context.language)
      write((isSelected ? "› " : "  ") + line, style: isSelected ? Style(.selected) : .normal)
      if isSelected {
        for detail in AgreementView.details(agreement, data: context.data, language: context.language) {
          write(detail, style: Style(.hint), indent: 4)
        }
      }
    }
    y += 1
    for line in CooperationView.lines(context.data, year: year, language: context.language, agreements: false)
    {
      write(line)
    }
  }
}
