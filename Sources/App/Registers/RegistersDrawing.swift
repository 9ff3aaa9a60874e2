import Domain
import Localization
import TerminalCore
import Widgets

extension RegistersScreen {
  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    canvas.fill(rect)
    switch mode {
    case .form(let form):
      drawForm(form, into: &canvas, rect: rect, context: context)
    case .report(let lines, let scroll):
      drawList(into: &canvas, rect: rect, context: context)
      drawReport(lines, scroll: scroll, into: &canvas, rect: rect, context: context)
    case .prompt(let kind, let editor):
      drawList(into: &canvas, rect: rect, context: context)
      drawPrompt(kind, editor: editor, into: &canvas, rect: rect, context: context)
    case .list:
      drawList(into: &canvas, rect: rect, context: context)
    }
  }

  func kindLabel(_ kind: RegisterKind, _ context: ScreenContext) -> (name: String, count: String) {
    (tr(kind.titleKey, context.language), String(context.data.count(of: kind.recordKind)))
  }

  /// The sub-lists (a column on wide terminals, a strip on narrow ones), then the kit's list of
  /// the register shown, with its detail.
  func drawList(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    if rect.width >= Self.wideWidth {
      let side = rect.splitLeft(Self.sidebarWidth).left
      drawSidebar(into: &canvas, rect: side, context: context)
      for y in rect.y..<rect.maxY { canvas.put("│", x: side.maxX, y: y, style: Style(.border)) }
    } else {
      drawStrip(into: &canvas, rect: rect.splitTop(1).top, context: context)
    }
    list.draw(into: &canvas, rect: Self.listRect(rect), context: listContext(context))
  }

  /// The sub-lists with their counts, one a line, the current one reversed. The section's name
  /// heads the list beside them (the kit's header), so the column starts with the registers, level
  /// with the list's first line.
  func drawSidebar(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    for (index, register) in RegisterKind.allCases.enumerated() {
      let y = rect.y + index
      guard y < rect.maxY else { break }
      let (name, count) = kindLabel(register, context)
      let current = register == kind
      let style = current ? Style(.selected, bold: true, reverse: true) : Style(.normal)
      let inner = rect.width - 2
      let left = Text.truncate(name, to: max(1, inner - count.displayWidth - 1))
      let gap = max(1, inner - left.displayWidth - count.displayWidth)
      let line = (current ? "▸" : " ") + left + String(repeating: " ", count: gap) + count + " "
      canvas.write(line, x: rect.x, y: y, style: style, limit: rect.width)
    }
    let footerY = rect.y + 1 + RegisterKind.allCases.count
    if footerY < rect.maxY {
      let key = showArchived ? "registers.archivedShown" : "registers.archivedHidden"
      canvas.write(
        Text.truncate(" " + tr(key, context.language), to: rect.width), x: rect.x, y: footerY,
        style: Style(.dim))
    }
    if footerY + 1 < rect.maxY {
      canvas.write(
        Text.truncate(" " + tr("registers.switchHint", context.language), to: rect.width), x: rect.x,
        y: footerY + 1, style: Style(.hint))
    }
  }

  /// On a narrow screen: the sub-lists as one line, scrolled so that the current one shows.
  func drawStrip(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    canvas.fill(rect, style: Style(.header))
    let items = RegisterKind.allCases.map { register -> String in
      let (name, count) = kindLabel(register, context)
      return " \(name) \(count) "
    }
    let suffix = showArchived ? " " + tr("registers.archivedShownShort", context.language) : ""
    let room = rect.width - 2 - suffix.displayWidth
    var start = 0
    while start < kind.rawValue
      && items[start...kind.rawValue].reduce(0, { $0 + $1.displayWidth + 1 }) > room
    {
      start += 1
    }
    var x = rect.x
    canvas.write(start > 0 ? "‹" : " ", x: x, y: rect.y, style: Style(.header))
    x += 1
    for index in start..<items.count {
      let item = items[index]
      if x + item.displayWidth > rect.x + 1 + room {
        canvas.write("›", x: rect.x + 1 + room, y: rect.y, style: Style(.header))
        break
      }
      let current = index == kind.rawValue
      let style = current ? Style(.selected, bold: true, reverse: true) : Style(.header)
      x = canvas.write(item, x: x, y: rect.y, style: style)
      x += 1
    }
    if !suffix.isEmpty {
      canvas.write(suffix, x: rect.maxX - suffix.displayWidth, y: rect.y, style: Style(.warning))
    }
  }

  func drawForm(_ form: RegisterForm, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    Box.draw(into: &canvas, rect: rect, title: form.title(context.language))
    let inner = Box.inner(rect)
    let messageRows = form.message == nil ? 1 : 2
    let formRect = Rect(
      x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 1 - messageRows))
    var state = form.form
    state.resize(width: formRect.width)
    state.draw(into: &canvas, in: formRect)
    var y = inner.maxY - messageRows
    if let message = form.message {
      canvas.write(
        Text.truncate(" ! " + message, to: inner.width), x: inner.x, y: y, style: Style(.error, bold: true))
      y += 1
    }
    canvas.write(
      Text.truncate(" " + tr("registers.form.keys", context.language), to: inner.width), x: inner.x, y: y,
      style: Style(.hint))
    form.session.drawOverlay(into: &canvas, area: rect, language: context.language)
  }

  func drawPrompt(
    _ kind: PromptKind, editor: LineEditor, into canvas: inout Canvas, rect: Rect, context: ScreenContext
  ) {
    let titleKey = kind == .importMembers ? "registers.import.prompt" : "registers.export.prompt"
    let width = min(rect.width - 4, 76)
    let box = Rect(
      x: rect.x + (rect.width - width) / 2, y: rect.y + rect.height / 2 - 2, width: width, height: 5)
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: tr(titleKey, context.language))
    let label = tr("registers.path", context.language)
    let x = canvas.write(label, x: box.x + 2, y: box.y + 2, style: Style(.accent, bold: true)) + 1
    editor.draw(into: &canvas, x: x, y: box.y + 2, width: max(1, box.maxX - 2 - x))
  }

  func drawReport(
    _ lines: [String], scroll: Int, into canvas: inout Canvas, rect: Rect, context: ScreenContext
  ) {
    // The report owns the body: nothing of the list shows around it.
    canvas.fill(rect)
    let box = rect.inset(dx: 2, dy: 1)
    Box.draw(
      into: &canvas, rect: box, title: tr("registers.import.reportTitle", context.language), clear: true)
    let inner = Box.inner(box).inset(dx: 1, dy: 0)
    guard inner.width > 0, inner.height > 1 else { return }
    var wrapped: [String] = []
    for line in lines { wrapped += Text.wrapForDisplay(line, to: inner.width) }
    let height = inner.height - 1
    let start = min(scroll, max(0, wrapped.count - height))
    for i in 0..<height where start + i < wrapped.count {
      canvas.write(wrapped[start + i], x: inner.x, y: inner.y + i)
    }
    let footer = tr("registers.import.reportKeys", context.language, String(start + 1), String(wrapped.count))
    canvas.write(Text.truncate(footer, to: inner.width), x: inner.x, y: inner.maxY - 1, style: Style(.hint))
  }
}
