import Localization
import TerminalCore

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
    let (tabRow, rest) = bounds.splitTop(1)
    let (body, bottom) = rest.splitBottom(2)
    drawTabBar(state, into: &canvas, rect: tabRow)
    drawSection(state, into: &canvas, rect: body)
    drawMessage(state, into: &canvas, rect: Rect(x: 0, y: bottom.y, width: bottom.width, height: 1))
    drawStatusBar(state, into: &canvas, rect: Rect(x: 0, y: bottom.y + 1, width: bottom.width, height: 1))
    if state.showHelp { drawHelp(state, into: &canvas) }
    if let dialog = state.dialog { drawDialog(state, dialog, into: &canvas) }
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

  static func drawTabBar(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
    canvas.fill(rect, style: Style(.tabInactive))
    var x = canvas.write(
      " " + tr("app.name", state.language) + " ", x: rect.x, y: rect.y, style: Style(.title, bold: true))
    for section in Section.allCases {
      let active = section == state.section
      let label = " \(section.digit) \(section.title(state.language)) "
      x = canvas.write(
        label, x: x + 1, y: rect.y,
        style: active ? Style(.tabActive, bold: true, reverse: true) : Style(.tabInactive),
        limit: rect.maxX - x - 1)
    }
  }

  static func drawSection(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
    let key: String
    switch state.section {
    case .overview: key = "empty.overview"
    case .consultations: key = "empty.consultations"
    case .supervision: key = "empty.supervision"
    case .patrols: key = "empty.patrols"
    case .problems: key = "empty.problems"
    case .registers: key = "empty.registers"
    }
    let inner = rect.inset(dx: 2, dy: 1)
    canvas.write(
      state.section.title(state.language), x: inner.x, y: inner.y, style: Style(.header, bold: true))
    let lines = Text.wrapForDisplay(tr(key, state.language), to: inner.width)
    for (i, line) in lines.enumerated() where inner.y + 2 + i < inner.maxY {
      canvas.write(line, x: inner.x, y: inner.y + 2 + i, style: Style(.dim), limit: inner.width)
    }
  }

  static func drawMessage(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
    guard let message = state.message else { return }
    let role: Role =
      switch message.kind {
      case .info: .normal
      case .ok: .ok
      case .warning: .warning
      case .error: .error
      }
    canvas.write(
      Text.truncate(message.text, to: rect.width - 1), x: rect.x + 1, y: rect.y, style: Style(role))
  }

  static func drawStatusBar(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
    canvas.fill(rect, style: Style(.statusBar, reverse: true))
    let user =
      state.canWrite
      ? tr("status.user", state.language, state.userName)
      : tr("status.reader", state.language, state.userName)
    let save: String =
      switch state.saveState {
      case .saved: tr("status.saved", state.language)
      case .saving: tr("status.saving", state.language)
      case .unsaved: tr("status.unsaved", state.language)
      case .readOnly: tr("status.readOnly", state.language)
      }
    let left = " \(state.section.title(state.language)) │ \(user) │ \(save) "
    let end = canvas.write(
      left, x: rect.x, y: rect.y, style: Style(.statusBar, reverse: true), limit: rect.width)
    var hints: [String] = []
    for binding in Keymap.bindings where binding.hint {
      hints.append("\(binding.keys[0]) \(tr(binding.action.labelKey, state.language))")
    }
    var text = ""
    for hint in hints {
      let candidate = text.isEmpty ? hint : text + "  " + hint
      if candidate.displayWidth + 1 > rect.maxX - end { break }
      text = candidate
    }
    canvas.write(
      text, x: rect.maxX - text.displayWidth - 1, y: rect.y, style: Style(.statusBar, reverse: true))
  }

  static func drawHelp(_ state: AppState, into canvas: inout Canvas) {
    var rows: [(String, String)] = []
    for context in KeyContext.allCases {
      rows.append(("", "【\(tr(context.titleKey, state.language))】"))
      for binding in Keymap.bindings(in: context) {
        rows.append((binding.keysText, tr(binding.action.labelKey, state.language)))
      }
    }
    let keyWidth = rows.map { $0.0.displayWidth }.max() ?? 0
    let box = canvas.bounds.centered(
      width: min(canvas.width - 4, 72), height: min(canvas.height - 2, rows.count + 2))
    canvas.fill(box, style: Style(.normal))
    drawBorder(into: &canvas, rect: box, title: tr("help.title", state.language))
    let visible = box.height - 2
    let scroll = min(state.helpScroll, max(0, rows.count - visible))
    for (i, row) in rows.dropFirst(scroll).prefix(visible).enumerated() {
      let y = box.y + 1 + i
      canvas.write(Text.pad(row.0, to: keyWidth), x: box.x + 2, y: y, style: Style(.key, bold: true))
      canvas.write(row.1, x: box.x + 4 + keyWidth, y: y, limit: box.maxX - box.x - keyWidth - 6)
    }
  }

  static func drawDialog(_ state: AppState, _ dialog: Dialog, into canvas: inout Canvas) {
    let question: String =
      switch dialog {
      case .confirmQuit: tr("confirm.quit", state.language)
      }
    let choices = "\(tr("confirm.yes", state.language))   \(tr("confirm.no", state.language))"
    let width = max(question.displayWidth, choices.displayWidth) + 6
    let box = canvas.bounds.centered(width: width, height: 5)
    canvas.fill(box)
    drawBorder(into: &canvas, rect: box, title: nil)
    canvas.write(question, x: box.x + 3, y: box.y + 1)
    canvas.write(choices, x: box.x + 3, y: box.y + 3, style: Style(.key, bold: true))
  }

  static func drawBorder(into canvas: inout Canvas, rect: Rect, title: String?) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let style = Style(.border)
    for x in rect.x + 1..<rect.maxX - 1 {
      canvas.put("─", x: x, y: rect.y, style: style)
      canvas.put("─", x: x, y: rect.maxY - 1, style: style)
    }
    for y in rect.y + 1..<rect.maxY - 1 {
      canvas.put("│", x: rect.x, y: y, style: style)
      canvas.put("│", x: rect.maxX - 1, y: y, style: style)
    }
    canvas.put("┌", x: rect.x, y: rect.y, style: style)
    canvas.put("┐", x: rect.maxX - 1, y: rect.y, style: style)
    canvas.put("└", x: rect.x, y: rect.maxY - 1, style: style)
    canvas.put("┘", x: rect.maxX - 1, y: rect.maxY - 1, style: style)
    if let title {
      canvas.write(
        " \(title) ", x: rect.x + 2, y: rect.y, style: Style(.title, bold: true), limit: rect.width - 4)
    }
  }
}
