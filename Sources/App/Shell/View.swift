import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Widgets

/// The application's view function: draws the whole screen from state into a Canvas.
public enum View {
  public static func render(_ state: AppState) -> Canvas {
    var canvas = Canvas(size: state.size)
    draw(state, into: &canvas)
    return canvas
  }

  public static func draw(_ state: AppState, into canvas: inout Canvas) {
    if state.isTooSmall {
      drawTooSmall(state, into: &canvas)
      return
    }
    let bounds = canvas.bounds
    let tabRow = ShellLayout.tabRow(state.size)
    let body = ShellLayout.body(state.size)
    let titles = Section.allCases.map { "\($0.digit) \($0.title(state.language))" }
    TabBar(titles: titles, active: state.section.rawValue).draw(into: &canvas, rect: tabRow)
    let context = state.context
    state.activeScreen.draw(into: &canvas, rect: body, context: context)
    let messageRow = ShellLayout.messageRow(state.size)
    if let message = state.message {
      // A message wider than the screen takes the body's last row too, until the next key.
      let line = MessageLine(message.text, kind: message.kind.widgetKind)
      let rows = messageRow.y > body.y ? line.rows(width: messageRow.width) : 1
      line.draw(
        into: &canvas,
        rect: Rect(x: messageRow.x, y: messageRow.y - (rows - 1), width: messageRow.width, height: rows))
    }
    statusBar(state).draw(into: &canvas, rect: ShellLayout.statusRow(state.size))
    state.views?.draw(into: &canvas, area: body, state: state)
    if state.showHelp {
      // The overlay owns the screen: no caret shows through it.
      canvas.cursor = nil
      helpOverlay(state).draw(into: &canvas, area: bounds, state: state.help)
    }
    if let history = state.recordHistory {
      canvas.cursor = nil
      history.overlay.draw(into: &canvas, area: bounds, state: history.scroll)
    }
    if let dialog = state.dialog {
      canvas.cursor = nil
      confirmDialog(state, dialog).draw(into: &canvas, area: bounds, state: state.confirm)
    }
  }

  static func drawTooSmall(_ state: AppState, into canvas: inout Canvas) {
    let need = AppState.minimumSize.description
    let text = tr("screen.tooSmall", state.language, need, state.size.description)
    let lines = Text.wrapForDisplay(text, to: max(1, canvas.width - 2))
    let top = max(0, (canvas.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let x = max(0, (canvas.width - line.displayWidth) / 2)
      canvas.write(line, x: x, y: top + i, style: Style(.warning, bold: true))
    }
  }

  static func statusBar(_ state: AppState) -> StatusBar {
    let language = state.language
    let user =
      state.canWrite
      ? tr("status.user", language, state.actor.userName)
      : tr("status.reader", language, state.actor.userName)
    let save: StatusItem =
      switch state.saveState {
      case .saved: StatusItem(tr("status.saved", language))
      case .saving: StatusItem(tr("status.saving", language))
      case .unsaved: StatusItem(tr("status.unsaved", language), style: Style(.warning, bold: true))
      case .readOnly: StatusItem(tr("status.readOnly", language), style: Style(.warning))
      }
    var hints = state.activeScreen.hints(context: state.context)
    if let views = state.views { hints = views.hints(language) }
    if hints.isEmpty {
      hints = Keymap.bindings.filter(\.hint).map {
        KeyHint(key: $0.keys[0].description, label: tr($0.helpKey, language))
      }
    }
    var items = [StatusItem(state.section.title(language)), StatusItem(user), save]
    if state.diskFull {
      items.append(StatusItem(tr("robust.status.diskFull", language), style: Style(.error, bold: true)))
    }
    if let shared = sharedItem(state.presence, language) { items.append(shared) }
    return StatusBar(items: items, hints: hints)
  }

  /// On a shared store: offline, or who else is working now.
  static func sharedItem(_ presence: StorePresence, _ language: Language) -> StatusItem? {
    guard case .shared(_, let others, let online) = presence else { return nil }
    if !online { return StatusItem(tr("status.offline", language), style: Style(.warning, bold: true)) }
    if others.isEmpty { return StatusItem(tr("status.alone", language)) }
    return StatusItem(
      tr("status.others", language, others.joined(separator: tr("status.othersSeparator", language))))
  }

  static func helpOverlay(_ state: AppState) -> HelpOverlay {
    var rows: [HelpRow] = []
    // The keys in force on this screen first (most specific first, the shell's last), then the
    // other screens' keys under their own headings, so help opens on what works here.
    let here = state.activeScreen.keyContexts(context: state.context) + [.global]
    let elsewhere = Keymap.contexts.filter { !here.contains($0) }
    // While text is typed (a form, a filter, the editor) a letter or digit is text and a key a
    // nearer context binds never reaches a later one: help lists here only the keys that still work
    // (a form's help said q quits and Tab goes to the next section).
    let typing = state.activeScreen.capturesText
    var taken: Set<Key> = []
    for context in here + elsewhere {
      if context == elsewhere.first { rows.append(.heading(tr("lead.help.elsewhere", state.language))) }
      rows.append(.heading(tr(context.titleKey, state.language)))
      for binding in Keymap.bindings(in: context) {
        var shown = binding
        if typing, here.contains(context) {
          shown.keys = binding.keys.filter { key in
            if case .character = key { return false }
            return !taken.contains(key)
          }
          taken.formUnion(binding.keys)
          guard !shown.keys.isEmpty else { continue }
          if shown.keys != binding.keys { shown.shownAs = nil }
        }
        rows.append(HelpRow(key: shown.keysText, description: tr(shown.helpKey, state.language)))
      }
    }
    return HelpOverlay(title: tr("help.title", state.language), rows: rows)
  }

  static func confirmDialog(_ state: AppState, _ dialog: Dialog) -> ConfirmDialog {
    let language = state.language
    let question: String
    switch dialog {
    case .confirmQuit:
      question = tr("confirm.quit", language)
    case .offerDemo:
      question = tr("confirm.demo", language)
    case .confirmOverwrite(let path, _, _):
      question = tr("robust.confirm.overwrite", language, ControlCharacters.escaped(path))
    case .offerDraft(let draft):
      let firstLine =
        draft.text.split(separator: "\n").first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        .map(String.init) ?? ""
      let formatter = DateFormatter()
      formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
      formatter.timeZone = .working
      question = tr(
        "confirm.draft", language, formatter.string(from: draft.savedAt), Text.truncate(firstLine, to: 40),
        String(draft.text.count))
    }
    return ConfirmDialog(
      title: tr("app.name", language), question: question, yesLabel: tr("confirm.yes", language),
      noLabel: tr("confirm.no", language))
  }
}

extension Message.Kind {
  var widgetKind: MessageKind {
    switch self {
    case .info: .info
    case .ok: .ok
    case .warning: .warning
    case .error: .error
    }
  }
}
