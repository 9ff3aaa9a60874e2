import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

extension Action {
  /// A range of days typed in a small form (from, to).
  public static let boardsRange = Action("boards.range")
  /// Writes what the board shows to a file (Markdown, or CSV for a `.csv` name).
  public static let boardsExport = Action("boards.export")
}

/// What the boards and the Overview share: the period shown, and the two small forms they open
/// (a range of days, the file to export to).
struct BoardControls: Equatable, Sendable {
  /// What an open form is for.
  enum Purpose: Equatable, Sendable { case range, export }

  /// The period shown; nil: this year (it follows the calendar when the year turns).
  var period: Period?
  var purpose: Purpose?
  var session: FormSession?
  let section: Section

  init(section: Section) { self.section = section }

  var exportTag: EffectTag { EffectTag(section, "export") }

  func shownPeriod(_ context: ScreenContext) -> Period { period ?? .year(context.today.year) }

  /// The period keys; nil when `action` is not one of them.
  mutating func perform(_ action: Action, context: ScreenContext) -> Bool {
    switch action {
    case .boardsPreviousPeriod, .boardsNextPeriod:
      period = shownPeriod(context).moved(by: action == .boardsNextPeriod ? 1 : -1)
    case .boardsPeriodKind:
      period = BoardsScreen.nextKind(after: shownPeriod(context), today: context.today)
    case .boardsThisYear:
      period = nil
    case .boardsRange:
      openRange(context)
    default:
      return false
    }
    return true
  }

  // MARK: The forms

  static func form(_ fields: [FormField], _ context: ScreenContext) -> FormState {
    let language = context.language
    return FormState(fields: fields, today: FormDate.of(context.today)) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
  }

  /// From and to, filled with the period shown (or this year's days so far, for all time).
  mutating func openRange(_ context: ScreenContext) {
    let january = Day(year: context.today.year, month: 1, day: 1) ?? context.today
    let days = shownPeriod(context).days ?? january...context.today
    let fields = [
      FormField(
        "from", label: context.text("boards.range.from"), kind: .date,
        value: .date(FormDate.of(days.lowerBound)), required: true),
      FormField(
        "to", label: context.text("boards.range.to"), kind: .date, value: .date(FormDate.of(days.upperBound)),
        required: true),
    ]
    purpose = .range
    session = FormSession(form: Self.form(fields, context), tag: EffectTag(section, "range"))
  }

  /// The file name, offered as `看板-2026.md` / `boards-2026.md`.
  mutating func openExport(_ context: ScreenContext) {
    let stem = context.text(section == .boards ? "boards.export.stem" : "overview.export.stem")
    let name = stem + "-" + shownPeriod(context).description.replacingOccurrences(of: "..", with: "_") + ".md"
    let fields = [
      FormField(
        "file", label: context.text("boards.export.file"), kind: .text, value: .text(name), required: true)
    ]
    purpose = .export
    session = FormSession(form: Self.form(fields, context), tag: EffectTag(section, "exportForm"))
  }

  /// The period a range form's values make, or the field at fault: both days are real days (the
  /// form says so for a malformed one), and the first is not after the second.
  static func range(_ values: [FieldID: FieldValue], language: Language) -> Result<Period, FieldRefusal> {
    guard case .date(let from?) = values["from"] else { return .failure(.required("from", language)) }
    guard case .date(let to?) = values["to"] else { return .failure(.required("to", language)) }
    guard let first = Day(year: from.year, month: from.month, day: from.day),
      let last = Day(year: to.year, month: to.month, day: to.day)
    else { return .failure(.required("from", language)) }
    guard first <= last else {
      return .failure(
        FieldRefusal(
          field: "to", message: tr("boards.range.reversed", language, from.description, to.description)))
    }
    return .success(.range(first, last))
  }

  /// A key or paste while a form is open. `sheet` makes what the screen shows, for the export.
  mutating func handle(_ event: TerminalEvent, context: ScreenContext, sheet: () -> BoardSheet)
    -> ScreenResult
  {
    guard var open = session, let purpose else { return .ignored }
    var chosen: Period?
    var effects: [Effect] = []
    let step = open.handle(event, context: context) { values -> FormSession.Submission in
      switch purpose {
      case .range:
        switch Self.range(values, language: context.language) {
        case .failure(let refusal): return .refuse(refusal)
        case .success(let period):
          chosen = period
          return .close
        }
      case .export:
        guard case .text(let typed) = values["file"] else {
          return .refuse(.required("file", context.language))
        }
        let path = typed.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else { return .refuse(.required("file", context.language)) }
        let csv = path.lowercased().hasSuffix(".csv")
        let contents = csv ? sheet().csv() : Data(sheet().markdown().utf8)
        effects = [.writeFile(path: path, contents: contents, tag: exportTag)]
        return .close
      }
    }
    switch step {
    case .open(let handled):
      session = open
      if let refusal = open.refusal { return ScreenResult(handled: true, message: Message(refusal, .error)) }
      return handled ? .handled : .ignored
    case .closed, .save:
      session = nil
      self.purpose = nil
      if let chosen { period = chosen }
      return ScreenResult(handled: true, effects: effects)
    }
  }

  /// The answer to an export: the file named, or why it was not written.
  func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    switch event {
    case .fileWritten(exportTag, let path, .success):
      return ScreenResult(handled: true, message: Message(context.text("boards.export.done", path), .ok))
    case .fileWritten(exportTag, _, .failure(let error)):
      return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
    default:
      return .ignored
    }
  }

  /// The status bar while the period or export form is open: its own keys, not the board's (the
  /// board's `q` would be typed into the form, not quit).
  static func formHints(_ context: ScreenContext) -> [KeyHint] {
    [
      KeyHint(key: "Enter", label: context.text("action.confirm")),
      KeyHint(key: "Tab", label: context.text("ux3.hint.nextField")),
      KeyHint(key: "Esc", label: context.text("action.cancel")),
    ]
  }

  /// The open form in a box over the board.
  func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    guard let session, let purpose else { return }
    let rows = session.form.fields.count + session.form.fields.filter { $0.error != nil }.count
    let box = rect.centered(width: min(rect.width - 2, 78), height: min(rect.height, rows + 5))
    let title = context.text(purpose == .range ? "boards.range.title" : "boards.export.title")
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: title)
    let inner = Box.inner(box)
    session.form.draw(
      into: &canvas,
      in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 2)))
    let hint = context.text(purpose == .range ? "boards.range.hint" : "boards.export.hint")
    canvas.write(
      Text.truncate(hint, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: Style(.hint))
    session.drawOverlay(into: &canvas, area: rect, language: context.language)
  }
}

/// What a board shows, as a file: its title, its figures (label and value) and a table.
struct BoardSheet: Equatable, Sendable {
  var title: String
  var figures: [(label: String, value: String)]
  var tableTitle: String
  var header: [String]
  var rows: [[String]]

  static func == (lhs: BoardSheet, rhs: BoardSheet) -> Bool {
    lhs.title == rhs.title && lhs.figures.map(\.label) == rhs.figures.map(\.label)
      && lhs.figures.map(\.value) == rhs.figures.map(\.value) && lhs.header == rhs.header
      && lhs.rows == rhs.rows
  }

  /// A heading, a two-column table of the figures, then the breakdown's table.
  func markdown() -> String {
    func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    var out = "# \(cell(title))\n\n| | |\n|---|---:|\n"
    for figure in figures { out += "| \(cell(figure.label)) | \(cell(figure.value)) |\n" }
    guard !header.isEmpty else { return out }
    out += "\n## \(cell(tableTitle))\n\n"
    out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
    out += "|" + header.indices.map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|\n"
    for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
    return out
  }

  /// The same as CSV (fields neutralised against formulas, with a BOM for spreadsheets): the
  /// title, the figures as label,value, a blank line, then the table.
  func csv() -> Data {
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    CSV.append(row: [title], to: &out)
    for figure in figures { CSV.append(row: [figure.label, figure.value], to: &out) }
    if !header.isEmpty {
      CSV.append(row: [], to: &out)
      CSV.append(row: [tableTitle], to: &out)
      CSV.append(row: header, to: &out)
      for row in rows { CSV.append(row: row, to: &out) }
    }
    return Data(out)
  }
}
