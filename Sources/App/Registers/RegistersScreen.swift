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
    /// The register's list (the kit's), with the selected record's detail beside it or, after
    /// Enter, focused (on its own on narrow terminals).
    case list
    case form(RegisterForm)
    case prompt(PromptKind, LineEditor)
    /// An import refused: every problem, one per line, scrolled by `scroll` lines.
    case report(lines: [String], scroll: Int)
  }

  /// The register shown.
  var kind: RegisterKind = .members
  /// Each register's list, with its own selection, filter, sort and archived toggle.
  var lists = RegisterLists()
  var indexes: RegisterForm.Indexes = [:]
  var indexesVersion = -1
  var mode: Mode = .list
  /// Members in the last import sent to the store, for its message.
  var importedCount = 0

  /// Bodies at least this wide show the sub-list column beside the list, which then still has
  /// the kit's 100 columns for its detail pane. Narrower, the sub-lists are one line above the
  /// list: at 100–119 columns the list keeps its detail pane that way, which the column would
  /// have taken.
  static let wideWidth = RecordListLayout.sideBySideWidth + sidebarWidth + 1
  static let sidebarWidth = 19

  public init() {}

  static let archiveTag = EffectTag(.registers, "archive")
  static let saveTag = EffectTag(.registers, "save")
  static let importTag = EffectTag(.registers, "import")
  static let exportTag = EffectTag(.registers, "export")

  /// The list of the register shown.
  var list: any RegisterListing { lists[kind] }
  /// The record under the selection (or whose detail is open) in the register shown.
  var selectedRef: RecordRef? { list.openRecord ?? list.selectedRef }
  /// The list's table state (selection, sort, filter).
  var table: TableState { list.table }
  /// Whether archived records show in the register shown.
  var showArchived: Bool { list.filter.showArchived }

  /// Raw keys reach the screen only while it takes text: a form, a file name, the filter line.
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    switch mode {
    case .form(let form): return form.session.keyContexts
    // The file name line reads Enter and Esc itself, as text.
    case .prompt: return []
    case .report: return [.detail]
    case .list:
      let contexts = list.keyContexts(context: listContext(context))
      return list.openRecord == nil ? contexts : [.registersDetail] + contexts
    }
  }

  public var keptForm: FormSession? {
    get {
      if case .form(let form) = mode { return form.session }
      return nil
    }
    set {
      guard case .form(var form) = mode, let newValue else { return }
      form.session = newValue
      mode = .form(form)
    }
  }

  public var capturesText: Bool {
    switch mode {
    case .form, .prompt: return true
    case .list: return list.capturesText
    case .report: return false
    }
  }

  /// Where the list is drawn in the body (the same in `perform` and `draw`): beside the sub-lists
  /// at 120 columns and more, under the sub-list strip otherwise.
  static func listRect(_ rect: Rect) -> Rect {
    guard rect.width >= wideWidth else { return rect.splitTop(1).rest }
    return Rect(
      x: rect.x + sidebarWidth + 1, y: rect.y, width: rect.width - sidebarWidth - 1, height: rect.height)
  }

  /// The context the list sees: its body is the list's part of the screen.
  func listContext(_ context: ScreenContext) -> ScreenContext {
    var inner = context
    inner.body = Self.listRect(context.body)
    return inner
  }

  /// The name indexes the shown register's form searches: made when a form first needs them,
  /// then carried through the records each change touched (made again when those are unknown).
  mutating func nameIndexes(_ context: ScreenContext) -> RegisterForm.Indexes {
    if indexesVersion != context.dataVersion {
      if let touched = context.changes.touched(since: indexesVersion), indexesVersion >= 0 {
        for kind in indexes.keys { indexes[kind]?.follow(to: context.data, touched: touched) }
      } else {
        indexes = [:]
      }
      indexesVersion = context.dataVersion
    }
    for kind in RegisterForm.searchedKinds(kind) where indexes[kind] == nil {
      indexes[kind] = NameIndex(kind: kind, data: context.data)
    }
    return indexes
  }

  // MARK: Events

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    switch mode {
    case .list:
      let inner = listContext(context)
      return lists.update(kind) { $0.handle(event, context: inner) }
    case .report: return .ignored
    case .form(var form):
      let result = handleForm(event, form: &form, context: context)
      if case .form = mode { mode = .form(form) }
      return result
    case .prompt(let kind, var editor):
      return handlePrompt(event, kind: kind, editor: &editor, context: context)
    }
  }

  /// An action the keymap resolved in the list's, the detail's or the import report's contexts.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch mode {
    case .list: return performOnList(action, key: key, context: context)
    case .report(let lines, let scroll): return performOnReport(action, lines: lines, scroll: scroll)
    case .form, .prompt: return .ignored
    }
  }

  /// The register's own keys (switch, new, edit, archive, import, export); the rest — moving,
  /// the filter, sort, `A`, `h`, Enter and the detail's scrolling — are the kit list's.
  mutating func performOnList(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .nextRegister, .previousRegister:
      kind = action == .nextRegister ? kind.next : kind.previous
      let inner = listContext(context)
      lists.update(kind) { $0.prepare(context: inner) }
      return .handled
    case .registersNew:
      if let refusal = refusal(context) { return refusal }
      let form = RegisterForm(
        kind: kind, existing: nil, newRaw: context.data.nextRawID, indexes: nameIndexes(context),
        context: context)
      return open(form)
    case .registersEdit:
      return edit(context: context)
    case .registersArchive:
      return archive(context: context)
    case .importMembers:
      if let refusal = refusal(context, kind: .members) { return refusal }
      mode = .prompt(.importMembers, LineEditor())
      return ScreenResult(handled: true, clearsMessage: true)
    case .registersExport:
      mode = .prompt(.export, LineEditor("\(kind.exportKind.rawValue).csv"))
      return ScreenResult(handled: true, clearsMessage: true)
    default:
      let inner = listContext(context)
      return lists.update(kind) { $0.perform(action, key: key, context: inner) }
    }
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
    guard let ref = selectedRef, let value = context.data.value(of: ref) else {
      return ScreenResult(
        handled: true, message: Message(tr("registers.nothingSelected", context.language), .warning))
    }
    if let refusal = refusal(context) { return refusal }
    let form = RegisterForm(
      kind: kind, existing: value, newRaw: ref.raw, indexes: nameIndexes(context), context: context)
    return open(form)
  }

  /// Shows a form; the message of what came before (a save, an archive) no longer applies to it.
  mutating func open(_ form: RegisterForm) -> ScreenResult {
    mode = .form(form)
    return ScreenResult(handled: true, clearsMessage: true)
  }

  mutating func archive(context: ScreenContext) -> ScreenResult {
    guard let ref = selectedRef else {
      return ScreenResult(
        handled: true, message: Message(tr("registers.nothingSelected", context.language), .warning))
    }
    if let refusal = refusal(context) { return refusal }
    let change: Change = context.data.isArchived(ref) ? .unarchive(ref) : .archive(ref)
    return ScreenResult(handled: true, effects: [.apply(change, tag: Self.archiveTag)])
  }

  /// The form's keys, by the kit's one form lifecycle: typing; Ctrl-S checks the change with the
  /// Domain and sends it unless it would write over someone else's change (then it asks); Esc
  /// closes, or asks first when something was typed.
  mutating func handleForm(_ event: TerminalEvent, form: inout RegisterForm, context: ScreenContext)
    -> ScreenResult
  {
    let builder = form
    let step = form.session.handle(
      event, context: context,
      build: { values in
        if let refusal = builder.phoneRefusal(values, language: context.language) { return .failure(refusal) }
        return .success(builder.change(values, newRaw: context.data.nextRawID))
      }, fieldOf: { builder.field(for: $0) })
    switch step {
    case .open(let handled):
      if let refusal = form.session.refusal {
        return .say(refusal, form.clash != nil ? .warning : .error)
      }
      // The shell's Ctrl and F keys reach it from the form, as from every kit form (redo, help,
      // suspend, quit): a record changed under the form is caught by the form's clash check on
      // saving, whoever changed it, and this user's own redo is not taken for someone else's.
      return handled ? .handled : .ignored
    case .closed:
      mode = .list
      return form.form.hasChanges ? .say(tr("kit.form.discarded", context.language)) : .handled
    case .save(let effect):
      return ScreenResult(handled: true, effects: [effect])
    }
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
        // A new record took the next free number when it was saved: the highest there is now.
        let raw = form.isNew ? max(form.raw, context.data.nextRawID &- 1) : form.raw
        let inner = listContext(context)
        lists.update(kind) {
          $0.dataDidChange(context: inner)
          $0.focus(RecordRef(kind.recordKind, raw), context: inner)
        }
      }
      return ScreenResult(handled: true, message: Message(tr("message.saved", language, summary), .ok))
    case .applied(Self.saveTag, .failure(let error)):
      if case .form(var form) = mode {
        // The store's refusal (another app took the number, the disk) is about no field the user
        // could correct: it is said under the form and on the message line, and Ctrl-S tries again
        // (a mark on a field would hold the next save back until that field is edited).
        form.session.refusal = error.text(language)
        mode = .form(form)
      }
      return ScreenResult(handled: true, message: Message(error.text(language), .error))
    case .applied(Self.importTag, .success):
      kind = .members
      dataDidChange(context: context)
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

  /// The register shown rebuilds now; the others when they are next shown (the kit's lists
  /// rebuild whenever the data version they were built from is not the current one).
  ///
  /// A record the change brought back into the list shown (`u` after `d` restores an archived
  /// member) is selected: the user's eyes are on it, not on the first row.
  public mutating func dataDidChange(context: ScreenContext) {
    if case .form(var form) = mode {
      form.session.followOwnChanges(context: context)
      mode = .form(form)
    }
    let inner = listContext(context)
    let register = kind.recordKind
    lists.update(kind) { list in
      let touched = list.builtVersion.flatMap { context.changes.touched(since: $0) } ?? []
      // A few records at most (an import of hundreds selects none of them).
      let mine = touched.filter { $0.kind == register }
      let candidates = mine.count <= 8 ? mine.filter { !list.shows($0) } : []
      list.dataDidChange(context: inner)
      let back = candidates.filter { list.shows($0) }
      if back.count == 1, let ref = back.first { list.focus(ref, context: inner) }
    }
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    guard let register = RegisterKind(ref.kind) else { return }
    kind = register
    mode = .list
    let inner = listContext(context)
    lists.update(kind) { $0.focus(ref, context: inner) }
  }

  // MARK: Hints

  public func hints(context: ScreenContext) -> [KeyHint] {
    func hint(_ key: String, _ label: String) -> KeyHint {
      KeyHint(key: key, label: tr(label, context.language))
    }
    switch mode {
    case .form(let form) where form.session.keyContexts == [.dialog]:
      return [hint("y", "confirm.yes"), hint("n", "confirm.no")]
    case .form:
      return [hint("Ctrl-S", "action.save"), hint("Tab", "action.nextField"), hint("Esc", "action.cancel")]
    case .prompt:
      return [hint("Enter", "action.confirm"), hint("Esc", "action.cancel")]
    case .report:
      return [hint("↑↓", "registers.hint.scroll"), hint("Esc", "action.back")]
    case .list:
      if list.openRecord != nil { return list.hints(context: context) }
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
