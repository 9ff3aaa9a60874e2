import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

/// The 名册 section: nine registers (members, sectors, special committees, stations as their
/// three-level tree, departments, rivers, partner regions, supervision teams, staff accounts),
/// each a filterable, sortable list with a detail pane, create/edit forms, archive/restore,
/// members import from CSV and export of the register shown to CSV.
public struct RegistersScreen: SectionScreen {
  enum PromptKind: Sendable, Equatable { case importMembers, export }

  enum Mode: Sendable, Equatable {
    case list
    /// The whole body shows one record's detail (Enter), scrolled by `scroll` lines.
    case detail(scroll: Int)
    case form(RegisterForm)
    case prompt(PromptKind, LineEditor)
    /// An import refused: every problem, one per line, scrolled by `scroll` lines.
    case report(lines: [String], scroll: Int)
  }

  var kind: RegisterKind = .members
  var showArchived = false
  var rows: RegisterRows?
  var builtVersion = -1
  var builtLanguage: Language?
  var table = TableState()
  var participation = Participation()
  var participationVersion = -1
  /// The data the participation index was built from.
  var participationSource: CommitteeState?
  var indexes: RegisterForm.Indexes = [:]
  var indexesVersion = -1
  var mode: Mode = .list
  /// Members in the last import sent to the store, for its message.
  var importedCount = 0

  /// Bodies at least this wide show the sub-list column and the detail pane beside the list.
  static let wideWidth = 100
  static let sidebarWidth = 20

  public init() {}

  static let archiveTag = EffectTag(.registers, "archive")
  static let saveTag = EffectTag(.registers, "save")
  static let importTag = EffectTag(.registers, "import")
  static let exportTag = EffectTag(.registers, "export")

  /// Raw keys reach the screen only while it takes text: a form, a file name, the filter line.
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    switch mode {
    case .form(let form): return form.confirmingDiscard || form.clash != nil ? [.dialog] : [.form]
    // The file name line reads Enter and Esc itself, as text.
    case .prompt: return []
    case .report: return [.detail]
    case .detail: return [.registersDetail, .registers, .records, .detail]
    case .list: return [.registers, .records, .list, .archive]
    }
  }

  public var capturesText: Bool {
    switch mode {
    case .form, .prompt: return true
    case .list: return table.isEditingFilter
    case .detail, .report: return false
    }
  }

  /// Where the list's table is drawn in the body (the same in `perform` and `draw`): beside the
  /// sub-lists and before the detail at 100 columns and more, under the sub-list strip otherwise.
  func listRect(_ rect: Rect) -> Rect {
    guard rect.width >= Self.wideWidth else { return rect.splitTop(1).rest }
    let rest = rect.splitLeft(Self.sidebarWidth).rest
    let content = Rect(x: rest.x + 1, y: rest.y, width: rest.width - 1, height: rest.height)
    let detailWidth = max(34, content.width / 3 + 2)
    return Rect(x: content.x, y: content.y, width: content.width - detailWidth, height: content.height)
  }

  // MARK: Cached rows

  func tableWidget(_ language: Language) -> Table {
    Table(
      columns: RegisterRows.columns(kind, language: language), showsMarkers: false,
      emptyText: tr(showArchived ? "registers.empty" : "registers.emptyActive", language))
  }

  /// Builds the rows when the data, the language, the register or the archived switch changed,
  /// keeping the selected record selected.
  mutating func refresh(_ context: ScreenContext, force: Bool = false) {
    let stale =
      force || rows == nil || builtVersion != context.dataVersion || builtLanguage != context.language
      || rows?.kind != kind
    guard stale else { return }
    let selected = rows.flatMap { old in old.kind == kind ? selectedRef(in: old).map(\.raw) : nil }
    let fresh = RegisterRows(
      kind: kind, data: context.data, language: context.language, showArchived: showArchived)
    if rows?.kind != kind { table = TableState() }
    rows = fresh
    builtVersion = context.dataVersion
    builtLanguage = context.language
    tableWidget(context.language).reload(state: &table, source: fresh)
    if let selected { select(raw: selected) }
    if kind == .members && participationVersion != context.dataVersion {
      // Most changes (a member saved, a sector archived) leave every record a member takes part
      // in untouched; the persistent maps then compare equal at once and the index is kept.
      let data = context.data
      if let source = participationSource, Participation.sameSources(source, data) {
        participationSource = data
      } else {
        participation = Participation(data)
        participationSource = data
      }
      participationVersion = context.dataVersion
    }
  }

  /// The rows as they should be drawn now (built on the spot before the first event).
  func currentRows(_ context: ScreenContext) -> RegisterRows {
    if let rows, builtVersion == context.dataVersion, rows.kind == kind, builtLanguage == context.language {
      return rows
    }
    return RegisterRows(
      kind: kind, data: context.data, language: context.language, showArchived: showArchived)
  }

  func selectedRef(in rows: RegisterRows) -> RecordRef? {
    table.selectedRow(in: rows).flatMap { rows.ref(row: $0) }
  }

  /// Moves the selection onto a record, if it is shown.
  mutating func select(raw: UInt64) {
    guard let rows, let row = rows.row(of: raw) else { return }
    let count = table.count(in: rows)
    for position in 0..<count where table.row(at: position) == row {
      table.selection = position
      table.offset = max(0, position - table.viewportHeight / 2)
      return
    }
  }

  mutating func nameIndexes(_ context: ScreenContext) -> RegisterForm.Indexes {
    if indexesVersion != context.dataVersion {
      indexes = [:]
      for kind in [RecordKind.member, .sector, .specialCommittee, .station] {
        indexes[kind] = NameIndex(kind: kind, data: context.data)
      }
      indexesVersion = context.dataVersion
    }
    return indexes
  }

  // MARK: Events

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    refresh(context)
    switch mode {
    case .list, .detail, .report: return handleFilter(event, context: context)
    case .form(var form):
      let result = handleForm(event, form: &form, context: context)
      if case .form = mode { mode = .form(form) }
      return result
    case .prompt(let kind, var editor):
      return handlePrompt(event, kind: kind, editor: &editor, context: context)
    }
  }

  /// The list's filter line, the only raw input the list takes.
  mutating func handleFilter(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard mode == .list, table.isEditingFilter, let rows else { return .ignored }
    switch tableWidget(context.language).handle(event, state: &table, source: rows) {
    case .ignored: return .ignored
    case .handled: return .handled
    case .activated:
      mode = .detail(scroll: 0)
      return .handled
    }
  }

  /// An action the keymap resolved in the list's, the detail's or the import report's contexts.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    refresh(context)
    switch mode {
    case .list: return performOnList(action, context: context)
    case .detail(let scroll): return performOnDetail(action, scroll: scroll, context: context)
    case .report(let lines, let scroll): return performOnReport(action, lines: lines, scroll: scroll)
    case .form, .prompt: return .ignored
    }
  }

  mutating func performOnList(_ action: Action, context: ScreenContext) -> ScreenResult {
    guard let rows else { return .ignored }
    switch action {
    case .nextRegister:
      switchKind(to: kind.next, context: context)
      return .handled
    case .previousRegister:
      switchKind(to: kind.previous, context: context)
      return .handled
    case .showArchived:
      showArchived.toggle()
      refresh(context, force: true)
      let text = tr(showArchived ? "registers.showingArchived" : "registers.hidingArchived", context.language)
      return ScreenResult(handled: true, message: Message(text, .info))
    case .registersNew:
      if let refusal = refusal(context) { return refusal }
      var form = RegisterForm(
        kind: kind, existing: nil, newRaw: context.data.nextRawID, data: context.data,
        indexes: nameIndexes(context), language: context.language, today: context.today)
      form.base = EditBase(context)
      mode = .form(form)
      return .handled
    case .registersEdit:
      return edit(context: context)
    case .registersArchive:
      return archive(context: context)
    case .importMembers:
      if let refusal = refusal(context, kind: .members) { return refusal }
      mode = .prompt(.importMembers, LineEditor())
      return .handled
    case .registersExport:
      mode = .prompt(.export, LineEditor("\(kind.exportKind.rawValue).csv"))
      return .handled
    case .showHistory:
      guard let ref = selectedRef(in: rows) else {
        return .say(tr("registers.nothingSelected", context.language), .warning)
      }
      return ScreenResult(handled: true, effects: [.showHistory(ref)])
    default:
      break
    }
    guard let command = action == .back ? .clearFilter : action.listCommand else { return .ignored }
    table.viewportHeight = Table.bodyHeight(for: listRect(context.body))
    switch tableWidget(context.language).perform(command, state: &table, source: rows) {
    case .ignored: return .ignored
    case .handled: return .handled
    case .activated:
      mode = .detail(scroll: 0)
      return .handled
    }
  }

  /// A record's detail on its own: the moving keys scroll it; the register's keys act on the
  /// record shown (`e`, `d`, `h`) or go back to the list first (`]`, `n`, `i`, `x`).
  mutating func performOnDetail(_ action: Action, scroll: Int, context: ScreenContext) -> ScreenResult {
    let page = max(1, context.body.height - 2)
    switch action {
    case .back: mode = .list
    case .moveDown: mode = .detail(scroll: scroll + 1)
    case .moveUp: mode = .detail(scroll: max(0, scroll - 1))
    case .pageDown: mode = .detail(scroll: scroll + page)
    case .pageUp: mode = .detail(scroll: max(0, scroll - page))
    case .first: mode = .detail(scroll: 0)
    case .last:
      let width = max(1, context.body.width - 4)
      let lines =
        rows.flatMap { detailRows(rows: $0, context: context) }.map {
          DetailPane(rows: $0.rows).lines(width: width).count
        } ?? 0
      mode = .detail(scroll: max(0, lines - page))
    case .showHistory:
      return performOnList(action, context: context)
    default:
      mode = .list
      return performOnList(action, context: context)
    }
    return .handled
  }

  /// The import report: the moving keys scroll it, Esc closes it.
  mutating func performOnReport(_ action: Action, lines: [String], scroll: Int) -> ScreenResult {
    let last = max(0, lines.count - 1)
    switch action {
    case .back: mode = .list
    case .moveDown: mode = .report(lines: lines, scroll: min(scroll + 1, last))
    case .moveUp: mode = .report(lines: lines, scroll: max(0, scroll - 1))
    case .pageDown: mode = .report(lines: lines, scroll: min(scroll + 10, last))
    case .pageUp: mode = .report(lines: lines, scroll: max(0, scroll - 10))
    case .first: mode = .report(lines: lines, scroll: 0)
    case .last: mode = .report(lines: lines, scroll: last)
    default: return .ignored
    }
    return .handled
  }

  mutating func switchKind(to next: RegisterKind, context: ScreenContext) {
    kind = next
    refresh(context, force: true)
  }

  /// Why the user may not change this register, as the Domain words it; nil when they may.
  func refusal(_ context: ScreenContext, kind: RegisterKind? = nil) -> ScreenResult? {
    let error: DomainError
    if context.actor.role == nil {
      error = .readOnly(userName: context.actor.userName)
    } else if let role = context.actor.role, (kind ?? self.kind) == .staff, role < .admin {
      error = .notPermitted(role: role, required: .admin)
    } else {
      return nil
    }
    return ScreenResult(handled: true, message: Message(error.message(in: context.language), .warning))
  }

  mutating func edit(context: ScreenContext) -> ScreenResult {
    guard let rows, let ref = selectedRef(in: rows), let value = context.data.value(of: ref) else {
      return ScreenResult(
        handled: true, message: Message(tr("registers.nothingSelected", context.language), .warning))
    }
    if let refusal = refusal(context) { return refusal }
    var form = RegisterForm(
      kind: kind, existing: value, newRaw: ref.raw, data: context.data, indexes: nameIndexes(context),
      language: context.language, today: context.today)
    form.base = EditBase(context)
    mode = .form(form)
    return .handled
  }

  mutating func archive(context: ScreenContext) -> ScreenResult {
    guard let rows, let ref = selectedRef(in: rows) else {
      return ScreenResult(
        handled: true, message: Message(tr("registers.nothingSelected", context.language), .warning))
    }
    if let refusal = refusal(context) { return refusal }
    let change: Change = context.data.isArchived(ref) ? .unarchive(ref) : .archive(ref)
    return ScreenResult(handled: true, effects: [.apply(change, tag: Self.archiveTag)])
  }

  mutating func handleForm(_ event: TerminalEvent, form: inout RegisterForm, context: ScreenContext)
    -> ScreenResult
  {
    if var clash = form.clash {
      guard case .key(let key) = event else { return .handled }
      switch clash.handle(key, language: context.language) {
      case .confirmed:
        // The user has seen the other person's change: save over it (checked again).
        form.clash = nil
        return save(form.form.values, form: &form, context: context)
      case .cancelled: form.clash = nil
      case .handled, .ignored: form.clash = clash
      }
      return .handled
    }
    if form.confirmingDiscard {
      guard case .key(let key) = event else { return .handled }
      let dialog = Self.discardDialog(context.language)
      switch dialog.handle(key, state: &form.confirm) {
      case .confirmed: mode = .list
      case .cancelled: form.confirmingDiscard = false
      case .handled, .ignored: break
      }
      return .handled
    }
    switch form.form.handle(event) {
    case .handled, .refused:
      return .handled
    case .ignored:
      // Only quitting (Ctrl-C) and help reach the shell while a form is open: an undo or redo
      // would change the records under the form.
      if case .key(let key) = event, key == .ctrl("c") || key == .function(1) { return .ignored }
      return .handled
    case .cancelled:
      mode = .list
      return .handled
    case .confirmDiscard:
      form.confirmingDiscard = true
      form.confirm = ConfirmState(focus: .no)
      return .handled
    case .submitted(let values):
      return save(values, form: &form, context: context)
    }
  }

  /// Sends the form's change, unless the Domain refuses it or it would write over a change someone
  /// else made to the record since the form opened (then the user is shown that change and asked).
  mutating func save(_ values: [FieldID: FieldValue], form: inout RegisterForm, context: ScreenContext)
    -> ScreenResult
  {
    let change = form.change(values, newRaw: context.data.nextRawID)
    // Ask the Domain first (the real actor, the injected clock), so that a refusal lands on
    // its field before anything is sent.
    if let error = context.check(change) {
      form.show(error, language: context.language)
      return .handled
    }
    if let clash = form.base?.clash(change, context: context) {
      // From now on the form stands on the data it has just been shown against.
      form.base = EditBase(context)
      form.clash = clash
      form.message = clash.message(context.language)
      return ScreenResult(handled: true, message: Message(clash.message(context.language), .warning))
    }
    form.message = nil
    return ScreenResult(handled: true, effects: [.apply(change, tag: Self.saveTag)])
  }

  static func discardDialog(_ language: Language) -> ConfirmDialog {
    ConfirmDialog(
      title: tr("registers.form.discardTitle", language), question: tr("registers.form.discard", language),
      yesLabel: tr("confirm.yes", language), noLabel: tr("confirm.no", language))
  }

  mutating func handlePrompt(
    _ event: TerminalEvent, kind promptKind: PromptKind, editor: inout LineEditor, context: ScreenContext
  ) -> ScreenResult {
    switch event {
    case .paste(let text):
      editor.paste(text)
      mode = .prompt(promptKind, editor)
      return .handled
    case .key(.escape):
      mode = .list
      return .handled
    case .key(.enter):
      let path = editor.text.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty else { return .handled }
      mode = .list
      switch promptKind {
      case .importMembers:
        return ScreenResult(handled: true, effects: [.readFile(path: path, tag: Self.importTag)])
      case .export:
        do {
          let data = try Exchange.export(context.data, kind: kind.exportKind, format: .csv, excelBOM: true)
          return ScreenResult(
            handled: true, effects: [.writeFile(path: path, contents: data, tag: Self.exportTag)])
        } catch {
          return ScreenResult(handled: true, message: Message(error.message(in: context.language), .error))
        }
      }
    case .key(let key):
      if editor.handle(key) == .ignored, case .character = key { return .handled }
      mode = .prompt(promptKind, editor)
      if case .character = key { return .handled }
      return key == .ctrl("c") ? .ignored : .handled
    default:
      return .ignored
    }
  }

  // MARK: Answers

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    let language = context.language
    switch event {
    case .applied(Self.saveTag, .success(let summary)):
      if case .form(let form) = mode {
        mode = .list
        refresh(context)
        // A new record took the next free number when it was saved: the highest there is now.
        select(raw: form.isNew ? max(form.raw, context.data.nextRawID &- 1) : form.raw)
      }
      return ScreenResult(handled: true, message: Message(tr("message.saved", language, summary), .ok))
    case .applied(Self.saveTag, .failure(let error)):
      if case .form(var form) = mode {
        form.message = error.text(language)
        mode = .form(form)
      }
      return ScreenResult(handled: true, message: Message(error.text(language), .error))
    case .applied(Self.importTag, .success):
      kind = .members
      refresh(context, force: true)
      let text = tr("registers.import.done", language, String(importedCount))
      return ScreenResult(handled: true, message: Message(text, .ok))
    case .applied(Self.importTag, .failure(let error)):
      mode = .report(lines: [tr("registers.import.refused", language), error.text(language)], scroll: 0)
      return ScreenResult(handled: true, message: Message(error.text(language), .error))
    case .applied(_, .success(let summary)):
      return ScreenResult(handled: true, message: Message(tr("message.saved", language, summary), .ok))
    case .applied(_, .failure(let error)):
      return ScreenResult(handled: true, message: Message(error.text(language), .error))
    case .fileRead(_, let path, .success(let data)):
      switch importMembers(data: data, state: context.data) {
      case .success(let change):
        if case .group(let changes) = change { importedCount = changes.count }
        return ScreenResult(handled: true, effects: [.apply(change, tag: Self.importTag)])
      case .failure(let report):
        let lines =
          [tr("registers.import.file", language, path)]
          + report.message(in: language)
          .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        mode = .report(lines: lines, scroll: 0)
        let summary = tr("exchange.import.nothingImported", language, String(report.problems.count))
        return ScreenResult(handled: true, message: Message(summary, .error))
      }
    case .fileRead(_, _, .failure(let error)), .fileWritten(_, _, .failure(let error)):
      return ScreenResult(handled: true, message: Message(error.text(language), .error))
    case .fileWritten(_, let path, .success):
      let count = context.data.count(of: kind.recordKind)
      let text = tr("registers.export.done", language, String(count), tr(kind.titleKey, language), path)
      return ScreenResult(handled: true, message: Message(text, .ok))
    default:
      return .ignored
    }
  }

  public mutating func dataDidChange(context: ScreenContext) {
    refresh(context)
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    guard let register = RegisterKind(ref.kind) else { return }
    kind = register
    mode = .list
    if context.data.isArchived(ref) { showArchived = true }
    refresh(context, force: true)
    table = TableState()
    tableWidget(context.language).reload(state: &table, source: rows ?? currentRows(context))
    select(raw: ref.raw)
  }

  // MARK: Hints

  public func hints(context: ScreenContext) -> [KeyHint] {
    func hint(_ key: String, _ label: String) -> KeyHint {
      KeyHint(key: key, label: tr(label, context.language))
    }
    switch mode {
    case .form(let form) where form.confirmingDiscard || form.clash != nil:
      return [hint("y", "confirm.yes"), hint("n", "confirm.no")]
    case .form:
      return [hint("Ctrl-S", "action.save"), hint("Tab", "action.nextField"), hint("Esc", "action.cancel")]
    case .prompt:
      return [hint("Enter", "action.confirm"), hint("Esc", "action.cancel")]
    case .report, .detail:
      return [hint("↑↓", "registers.hint.scroll"), hint("Esc", "action.back")]
    case .list:
      if table.isEditingFilter {
        return [hint("Enter", "registers.hint.keepFilter"), hint("Esc", "registers.hint.clearFilter")]
      }
      return [
        hint("[ ]", "registers.hint.register"), hint("n", "action.new"), hint("e", "action.edit"),
        hint("d", "action.archive"), hint("/", "action.filter"), hint("?", "action.help"),
      ]
    }
  }
}
