import Domain
import Localization
import TerminalCore
import Widgets

/// The user's saved views of the shown screen, over it: the list (recall, rename, delete) or the
/// small form that names a view and gives it a number key. Saving, renaming and deleting are
/// `Change`s (undone with `u`); recalling only changes the screen. Keys reach the panel before the
/// screen while it is open.
public struct SavedViewsPanel: Equatable, Sendable {
  /// The section whose views these are.
  public var section: Section
  /// The selected line of the list.
  public internal(set) var selection = 0
  /// The form, while a view is named (a new one, or one renamed).
  public internal(set) var form: FormSession?
  /// The view the form renames; nil: the form saves the screen's view now.
  var renaming: SavedView?
  /// What a new view keeps: the screen's settings when `V` was pressed.
  var settings: [ViewSetting] = []
  /// Whether the panel closes once the form is saved (opened by `V`, not from the list).
  var formOnly = false

  init(section: Section) { self.section = section }

  static func saveTag(_ section: Section) -> EffectTag { EffectTag(section, "views.save") }
  static func deleteTag(_ section: Section) -> EffectTag { EffectTag(section, "views.delete") }
  /// Whether an answer is for the views of some screen.
  static func isViewsTag(_ tag: EffectTag) -> Bool { tag.request.hasPrefix("views.") }

  /// The section's stable name, the `place` of its views.
  static func place(_ section: Section) -> String { "\(section)" }

  /// The user's views of this screen, by number key.
  func views(_ state: AppState) -> [SavedView] {
    state.data.savedViews(owner: state.actor.userName, place: Self.place(section))
  }

  public var keyContexts: [KeyContext] { form?.keyContexts ?? [.viewsList] }

  // MARK: Opening

  /// `V`: the form for the screen's view now, offering the first free number key.
  static func openSave(_ state: inout AppState) {
    guard let settings = state.viewSettings() else { return }
    var panel = state.views ?? SavedViewsPanel(section: state.section)
    if state.views == nil { panel.formOnly = true }
    panel.settings = settings
    panel.renaming = nil
    let taken = Set(panel.views(state).map(\.slot))
    let free = SavedView.slots.first { !taken.contains($0) } ?? SavedView.slots.lowerBound
    panel.form = panel.makeForm(name: "", slot: free, state: state)
    state.views = panel
  }

  /// `r` in the list: the same form for the selected view, with its name and key.
  mutating func openRename(_ state: AppState) -> Bool {
    let all = views(state)
    guard let view = all[safe: selection] else { return false }
    renaming = view
    form = makeForm(name: view.name, slot: view.slot, state: state)
    return true
  }

  func makeForm(name: String, slot: Int, state: AppState) -> FormSession {
    let language = state.language
    // The view being renamed does not "replace" itself on its own key.
    let others = views(state).filter { $0.id != renaming?.id }
    let byKey = Dictionary(others.map { ($0.slot, $0.name) }, uniquingKeysWith: { first, _ in first })
    let options = SavedView.slots.map { key in
      FieldOption(
        id: String(key),
        label: byKey[key].map { tr("views.form.slotTaken", language, String(key), $0) } ?? String(key))
    }
    let fields = [
      FormField(
        "name", label: tr("views.form.name", language), kind: .text, value: .text(name), required: true),
      FormField(
        "slot", label: tr("views.form.slot", language), kind: .choice(options), value: .choice(String(slot)),
        required: true),
    ]
    let form = FormState(fields: fields, today: FormDate.of(state.today)) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
    return FormSession(form: form, tag: Self.saveTag(section))
  }

  /// The change the form's values make: a new view, or the renamed one. A new view saved under a
  /// key that holds one already takes that view's place (its ID), so one `u` brings it back.
  func change(_ values: [FieldID: FieldValue], state: AppState) -> Result<Change, FieldRefusal> {
    let language = state.language
    guard case .text(let typed) = values["name"] else { return .failure(.required("name", language)) }
    let name = typed.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { return .failure(.required("name", language)) }
    guard case .choice(let chosen?) = values["slot"], let slot = Int(chosen) else {
      return .failure(.required("slot", language))
    }
    if var view = renaming {
      view.name = name
      view.slot = slot
      return .success(.saveView(view))
    }
    let place = Self.place(section)
    let owner = state.actor.userName
    let id = state.data.savedView(owner: owner, place: place, slot: slot)?.id ?? state.data.newID()
    return .success(
      .saveView(SavedView(id: id, owner: owner, place: place, slot: slot, name: name, settings: settings)))
  }

  // MARK: Keys

  /// A key or a paste while the panel is open.
  static func handle(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    guard var panel = state.views else { return [] }
    if var session = panel.form {
      let context = state.context
      let snapshot = state
      let step = session.handle(
        event, context: context, build: { panel.change($0, state: snapshot) },
        fieldOf: { $0.field == .viewSlot ? "slot" : "name" })
      switch step {
      case .open:
        panel.form = session
        state.views = panel
        if let refusal = session.refusal { state.message = Message(refusal, .error) }
        return []
      case .closed:
        panel.form = nil
        state.views = panel.formOnly ? nil : panel
        return []
      case .save(let effect):
        panel.form = session
        state.views = panel
        return [effect]
      }
    }
    guard case .key(let key) = event else { return [] }
    guard let binding = Keymap.bindings(in: .viewsList).first(where: { $0.keys.contains(key) }) else {
      // The shell's own keys (help, quit, undo) still work over the list.
      if let action = Keymap.action(for: key, in: .global), [.help, .quit, .undo, .redo].contains(action) {
        return Update.perform(&state, action, key)
      }
      state.message = Message(tr("message.unknownKey", state.language, key.description), .warning)
      return []
    }
    return panel.perform(binding.action, key: key, state: &state)
  }

  mutating func perform(_ action: Action, key: Key, state: inout AppState) -> [Effect] {
    let all = views(state)
    state.message = nil
    switch action {
    case .moveDown: selection = min(max(0, all.count - 1), selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .back:
      state.views = nil
      return []
    case .open, .recallView:
      let slot: Int?
      if case .character(let digit) = key, let number = Int(String(digit)) {
        slot = number
      } else {
        slot = all[safe: selection]?.slot
      }
      state.views = nil
      guard let slot else {
        state.message = Message(tr("views.message.none", state.language), .warning)
        return []
      }
      Self.recall(slot: slot, state: &state)
      return []
    case .renameView:
      if !openRename(state) {
        state.message = Message(tr("views.message.none", state.language), .warning)
      }
    case .deleteView:
      guard let view = all[safe: selection] else {
        state.message = Message(tr("views.message.none", state.language), .warning)
        return []
      }
      state.views = self
      return [.apply(.deleteView(view.id), tag: Self.deleteTag(section))]
    default:
      break
    }
    state.views = self
    return []
  }

  /// Shows the shown screen as the view under a number key.
  static func recall(slot: Int, state: inout AppState) {
    let place = Self.place(state.section)
    guard let view = state.data.savedView(owner: state.actor.userName, place: place, slot: slot) else {
      state.message = Message(tr("views.message.emptySlot", state.language, String(slot)), .warning)
      return
    }
    if state.recall(view.settings) {
      state.message = Message(tr("views.message.recalled", state.language, view.name, String(slot)), .ok)
    } else {
      state.message = Message(tr("views.message.notKept", state.language), .warning)
    }
  }

  /// The store's answer to a save or a delete.
  static func receive(_ state: inout AppState, _ event: AppEvent) {
    guard case .applied(let tag, let result) = event else { return }
    if var panel = state.views, var session = panel.form,
      let saved = session.receive(event, language: state.language, fieldOf: { _ in nil })
    {
      if saved {
        panel.form = nil
        state.views = panel.formOnly ? nil : panel
      } else {
        panel.form = session
        state.views = panel
      }
    }
    switch result {
    case .success(let summary):
      let key = tag.request == "views.delete" ? "views.message.deleted" : "views.message.saved"
      state.message = Message(tr(key, state.language, summary), .ok)
    case .failure(let error):
      state.message = Message(error.text(state.language), .error)
    }
    if var panel = state.views {
      panel.selection = min(panel.selection, max(0, panel.views(state).count - 1))
      state.views = panel
    }
  }

  /// The status bar's hints while the panel is open (the form's own keys are on its last line).
  func hints(_ language: Language) -> [KeyHint] {
    if form != nil { return Keymap.hints([.save, .cancel], in: .form, language) }
    // Short labels: the help's sentences would not fit beside the status items.
    return [
      KeyHint(key: "Enter", label: tr("views.hint.recall", language)),
      KeyHint(key: "r", label: tr("views.hint.rename", language)),
      KeyHint(key: "D", label: tr("views.hint.delete", language)),
      KeyHint(key: "Esc", label: tr("views.hint.close", language)),
    ]
  }

  // MARK: Drawing

  func draw(into canvas: inout Canvas, area: Rect, state: AppState) {
    let language = state.language
    let title = tr("views.title", language, section.title(language))
    if let form {
      let rows = form.form.fields.count + form.form.fields.filter { $0.error != nil }.count
      let box = area.centered(width: min(area.width - 2, 64), height: min(area.height, rows + 5))
      Box.draw(
        into: &canvas, rect: box,
        title: tr(renaming == nil ? "views.form.title" : "views.form.renameTitle", language), clear: true)
      let inner = Box.inner(box)
      form.form.draw(
        into: &canvas,
        in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 2)))
      canvas.write(
        Text.truncate(tr("views.form.hint", language), to: inner.width - 2), x: inner.x + 1,
        y: inner.maxY - 1,
        style: Style(.hint))
      form.drawOverlay(into: &canvas, area: area, language: language)
      return
    }
    canvas.cursor = nil
    let all = views(state)
    let height = min(area.height, max(all.count, 2) + 5)
    let box = area.centered(width: min(area.width - 2, 64), height: height)
    Box.draw(into: &canvas, rect: box, title: title, clear: true)
    let inner = Box.inner(box)
    if all.isEmpty {
      for (offset, line) in Text.wrap(tr("views.empty", language), to: inner.width - 2).prefix(
        max(0, inner.height - 2)
      )
      .enumerated() {
        canvas.write(line, x: inner.x + 1, y: inner.y + offset, style: Style(.dim))
      }
    }
    let visible = max(0, inner.height - 2)
    let top = max(0, selection - visible + 1)
    for (offset, view) in all.dropFirst(top).prefix(visible).enumerated() {
      let y = inner.y + offset
      let selected = top + offset == selection
      let style = selected ? Style(.selected, reverse: true) : Style()
      canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
      let key = "Alt-\(view.slot)"
      let x = canvas.write(
        Text.pad(key, to: 7), x: inner.x + 1, y: y, style: selected ? style : Style(.header, bold: true))
      canvas.write(Text.truncate(view.name, to: max(1, inner.maxX - x - 1)), x: x, y: y, style: style)
    }
    canvas.write(
      Text.truncate(tr("views.hint", language), to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1,
      style: Style(.hint))
  }
}
