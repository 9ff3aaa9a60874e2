import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

extension Action {
  /// Writes the rows a record list shows (its facets, text filter and sort) to a CSV file.
  public static let listExport = Action("list.export")
}

/// The `x` of a kit list: the file name asked in a small form over the list, then the rows the
/// list shows written as CSV through the runtime's file writing (the same safety as every other
/// export: a question before replacing a file, a symbolic link written through and never replaced,
/// owner-only new files).
struct ListExport: Equatable, Sendable {
  var session: FormSession

  static func tag(_ section: Section) -> EffectTag { EffectTag(section, "listExport") }

  /// The form, its file name offered as the section's title and today (`巡河-2026-12-01.csv`).
  init(section: Section, context: ScreenContext) {
    let stem = context.text(section.titleKey).lowercased().replacingOccurrences(of: " ", with: "-")
    let name = stem + "-" + context.today.description + ".csv"
    let fields = [
      FormField(
        "file", label: context.text("boards.export.file"), kind: .text, value: .text(name), required: true)
    ]
    let language = context.language
    let form = FormState(fields: fields, today: FormDate.of(context.today)) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
    session = FormSession(form: form, tag: EffectTag(section, "listExportForm"))
  }

  /// What a key did to the form: still open, or closed with the effects to carry out.
  enum Step {
    case open(ScreenResult)
    case closed(ScreenResult)
  }

  /// A key or paste while the form is open. `making` makes the file's contents on another thread
  /// (`Effect.writeFileMade`): at a million records the CSV takes seconds, which the app spends
  /// answering keys.
  mutating func handle(
    _ event: TerminalEvent, section: Section, context: ScreenContext, making: () -> FileMaking
  ) -> Step {
    var effects: [Effect] = []
    let step = session.handle(event, context: context) { values -> FormSession.Submission in
      guard case .text(let typed) = values["file"] else {
        return .refuse(.required("file", context.language))
      }
      let path = typed.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty else { return .refuse(.required("file", context.language)) }
      effects = [.writeFileMade(path: path, making: making(), tag: Self.tag(section))]
      return .close
    }
    switch step {
    case .open(let handled):
      if let refusal = session.refusal {
        return .open(ScreenResult(handled: true, message: Message(refusal, .error)))
      }
      return .open(handled ? .handled : .ignored)
    case .closed, .save:
      return .closed(ScreenResult(handled: true, effects: effects))
    }
  }

  /// The answers to an export: it started (`running` is to be shown and may be cancelled), or it
  /// ended — how many rows went where, or why nothing was written.
  static func receive(
    _ event: AppEvent, section: Section, running: inout BackgroundExport?, context: ScreenContext
  ) -> ScreenResult? {
    switch event {
    case .fileExporting(tag(section), let export):
      running = export
      return ScreenResult(handled: true, clearsMessage: true)
    case .fileWritten(tag(section), let path, .success):
      let rows = running.map(\.rows) ?? 0
      running = nil
      let text = context.text("ux4.export.done", String(rows), ControlCharacters.escaped(path))
      return ScreenResult(handled: true, message: Message(text, .ok))
    case .fileWritten(tag(section), _, .failure(let error)):
      running = nil
      return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
    default:
      return nil
    }
  }

  /// The status bar's first hint while a file is made: how far, and that Esc stops it.
  static func progressHint(_ export: BackgroundExport, context: ScreenContext) -> KeyHint {
    KeyHint(
      key: "Esc", label: context.text("left5.export.running", String(min(99, Int(export.fraction * 100)))))
  }

  /// The status bar while the form is open: its own keys (the list's `q` would be typed).
  static func hints(_ context: ScreenContext) -> [KeyHint] {
    [
      KeyHint(key: "Enter", label: context.text("action.confirm")),
      KeyHint(key: "Esc", label: context.text("action.cancel")),
    ]
  }

  /// The form in a box over the list.
  func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let rows = session.form.fields.count + session.form.fields.filter { $0.error != nil }.count
    let box = rect.centered(width: min(rect.width - 2, 78), height: min(rect.height, rows + 5))
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: context.text("ux4.export.title"))
    let inner = Box.inner(box)
    session.form.draw(
      into: &canvas,
      in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 2)))
    canvas.write(
      Text.truncate(context.text("ux4.export.hint"), to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1,
      style: Style(.hint))
    session.drawOverlay(into: &canvas, area: rect, language: context.language)
  }
}

extension RecordListScreen {
  /// The rows shown, top to bottom (the facets, the text filter and the sort in force), with
  /// every column the list has at its widest and the record's number first, as CSV for a
  /// spreadsheet (a BOM; cells that would run as formulas neutralised by `CSV`). The rows are those
  /// of this moment: the state is a value, so later keys and changes do not reach them.
  func shownRowsMaking(context: ScreenContext) -> FileMaking {
    let view = self.view
    let table = self.table
    return FileMaking { progress in Self.csv(view: view, table: table, context: context, progress: progress) }
  }

  /// The CSV of `shownRowsMaking`, a slice of rows between two reports of `progress` (nil when it
  /// says to stop).
  static func csv(
    view: FilteredSource<Spec.Source>?, table: TableState, context: ScreenContext, progress: any BuildProgress
  ) -> (data: Data, rows: Int)? {
    guard let view else { return (Data(), 0) }
    // Beside a detail pane a list shows fewer columns; the file has them all.
    var wide = context
    wide.body.width = min(context.body.width, RecordListLayout.sideBySideWidth - 1)
    let columns = Spec.columns(context: wide)
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    CSV.append(row: [context.text("ux4.export.number")] + columns.map(\.title), to: &out)
    let count = table.count(in: view)
    var fields: [String] = []
    for position in 0..<count {
      if position % 4_096 == 0, !progress.step(done: position, total: count) { return nil }
      let row = table.row(at: position)
      fields.removeAll(keepingCapacity: true)
      fields.append(String(view.base.ref(row: view.baseRow(row)).raw))
      for column in columns.indices { fields.append(view.text(row: row, column: column)) }
      CSV.append(row: fields, to: &out)
    }
    return (Data(out), count)
  }
}
