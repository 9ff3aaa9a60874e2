import TerminalCore

/// Where a form's columns are: a marker column (`!` on a field in error, so that it shows
/// without colour), the label column as wide as the widest label, then the fields.
public struct FormLayout: Hashable, Sendable {
  public var labelX: Int
  public var labelWidth: Int
  public var fieldX: Int
  public var fieldWidth: Int
}

extension FormState {
  /// Matches shown at most below a reference field.
  static let candidateRows = 5

  /// The columns of the form when drawn `width` columns wide, relative to its left edge.
  public func layout(width: Int) -> FormLayout {
    let labelWidth = fields.map { $0.label.displayWidth }.max() ?? 0
    let fieldX = 2 + labelWidth + 2
    return FormLayout(
      labelX: 2, labelWidth: labelWidth, fieldX: fieldX,
      fieldWidth: max(1, min(maxFieldWidth, width - fieldX - 1)))
  }

  /// Rows a field takes: its editor, plus one for its message when it is in error.
  func rows(of field: FormField) -> Int {
    var rows = 1
    if case .multilineText(let n) = field.kind { rows = max(1, n) }
    return rows + (field.error == nil ? 0 : 1)
  }

  /// Draws the form into `rect`, scrolled so that the focused field (and its matches) are in
  /// view, and puts the hardware cursor on the focused field's caret.
  public func draw(into canvas: inout Canvas, in rect: Rect) {
    canvas.fill(rect)
    canvas.cursor = nil
    let layout = self.layout(width: rect.width)
    var tops: [Int] = []
    var row = 0
    for field in fields {
      tops.append(row)
      row += rows(of: field)
    }
    var scroll = 0
    if fields.indices.contains(focus) {
      let popup = fields[focus].offeredCandidates.map { min(Self.candidateRows, $0.options.count) } ?? 0
      let bottom = tops[focus] + max(rows(of: fields[focus]), 1 + popup)
      scroll = min(tops[focus], max(0, bottom - rect.height))
    }
    for (index, field) in fields.enumerated() {
      let y = rect.y + tops[index] - scroll
      guard y + rows(of: field) > rect.y, y < rect.maxY else { continue }
      drawField(field, focused: index == focus, y: y, x: rect.x, layout: layout, clip: rect, into: &canvas)
    }
    if fields.indices.contains(focus), let offered = fields[focus].offeredCandidates {
      let y = rect.y + tops[focus] - scroll + 1
      // The matches hide the rows under them, labels included: a match beside the next field's
      // label read as that field's value.
      let count = min(Self.candidateRows, offered.options.count)
      let top = max(y, rect.y)
      let bottom = min(y + count, rect.maxY)
      if bottom > top { canvas.fill(Rect(x: rect.x, y: top, width: layout.fieldX, height: bottom - top)) }
      drawCandidates(
        offered, x: rect.x + layout.fieldX, y: y, width: layout.fieldWidth, clip: rect, into: &canvas)
    }
  }

  private func drawField(
    _ field: FormField, focused: Bool, y: Int, x: Int, layout: FormLayout, clip: Rect,
    into canvas: inout Canvas
  ) {
    let input = Style(.input)
    let visible = y >= clip.y && y < clip.maxY
    if visible {
      if field.error != nil { canvas.write("!", x: x, y: y, style: Style(.error, bold: true)) }
      let label = Text.pad(field.label, to: layout.labelWidth, align: labelAlignment)
      canvas.write(
        label, x: x + layout.labelX, y: y, style: Style(focused ? .accent : .normal, bold: focused))
    }
    let fx = x + layout.fieldX
    let width = layout.fieldWidth
    switch field.kind {
    case .text, .number, .reference:
      if visible {
        field.editor.draw(into: &canvas, x: fx, y: y, width: width, style: input, showCaret: focused)
      }
    case .date:
      guard visible else { break }
      field.editor.draw(into: &canvas, x: fx, y: y, width: width, style: input, showCaret: focused)
      // While typing `今天` or `+30`, show the day it means.
      if focused, case .success(let date?) = FormDate.parse(field.editor.text, today: today),
        date.description != field.editor.text, field.editor.visibleStart(width: width) == 0
      {
        let hint = "→ " + date.description
        let at = field.editor.text.displayWidth + 1
        if at + hint.displayWidth <= width { canvas.write(hint, x: fx + at, y: y, style: Style(.hint)) }
      }
    case .choice(let options):
      guard visible else { break }
      canvas.fill(Rect(x: fx, y: y, width: width, height: 1), style: input)
      let label = field.choiceIndex.flatMap { options.indices.contains($0) ? options[$0].label : nil } ?? ""
      // A long option (a river with all its segments) ends in `…` and keeps its `>`, so it still
      // reads as a choice that → changes.
      canvas.write("< " + Text.truncate(label, to: width - 4) + " >", x: fx, y: y, style: input, limit: width)
      if focused { canvas.cursor = Point(x: fx + 2, y: y) }
    case .references:
      guard visible else { break }
      drawReferences(field, focused: focused, x: fx, y: y, width: width, into: &canvas)
    case .multilineText(let rows):
      guard var area = field.area else { break }
      if area.width != width || area.height != rows { area.resize(width: width, height: rows) }
      let top = max(y, clip.y)
      let bottom = min(y + rows, clip.maxY)
      guard bottom > top else { break }
      // Partly scrolled off: draw whole, then keep only the rows inside the form.
      var scratch = Canvas(width: width, height: rows)
      let caret = area.draw(into: &scratch, in: scratch.bounds, style: input, showCaret: false)
      for r in (top - y)..<(bottom - y) {
        canvas.write(scratch.line(r), x: fx, y: y + r, style: input, limit: width)
      }
      if focused, let caret, y + caret.y >= clip.y, y + caret.y < clip.maxY {
        canvas.cursor = Point(x: fx + caret.x, y: y + caret.y)
      }
    }
    if let error = field.error {
      let ey = y + rows(of: field) - 1
      if ey >= clip.y && ey < clip.maxY {
        // A message longer than the row ends in … rather than mid-sentence (the screens say it
        // whole on the message line).
        let fitted = Text.truncate(error, to: max(0, clip.maxX - fx))
        canvas.write(fitted, x: fx, y: ey, style: Style(.error), limit: clip.maxX - fx)
      }
    }
  }

  /// The picked records as `[name]` chips, then the query; when they do not fit, the oldest
  /// chips give way to `…` so that the query stays in view.
  private func drawReferences(
    _ field: FormField, focused: Bool, x: Int, y: Int, width: Int, into canvas: inout Canvas
  ) {
    let input = Style(.input)
    canvas.fill(Rect(x: x, y: y, width: width, height: 1), style: input)
    // Room for what is typed and the caret, no more: a fixed third of the field hid a member's
    // second station behind `…` while nothing was being typed.
    let typed = field.editor.text.displayWidth
    let queryRoom = min(width, focused ? max(8, typed + 1) : typed)
    var chips = field.chosen.map { "[" + $0.label + "]" }
    var text = chips.map { $0 + " " }.joined()
    var cut = false
    while !chips.isEmpty && text.displayWidth + (cut ? 1 : 0) > width - queryRoom {
      chips.removeFirst()
      cut = true
      text = chips.map { $0 + " " }.joined()
    }
    if cut { text = "…" + text }
    let used = canvas.write(text, x: x, y: y, style: input, limit: width) - x
    let rest = max(1, width - used)
    field.editor.draw(into: &canvas, x: x + used, y: y, width: rest, style: input, showCaret: focused)
  }

  private func drawCandidates(
    _ offered: (options: [FieldOption], selected: Int), x: Int, y: Int, width: Int, clip: Rect,
    into canvas: inout Canvas
  ) {
    let count = min(Self.candidateRows, offered.options.count)
    let first = min(max(0, offered.selected - count + 1), offered.options.count - count)
    for row in 0..<count {
      let yy = y + row
      guard yy >= clip.y && yy < clip.maxY else { continue }
      let index = first + row
      let isSelected = index == offered.selected
      let text = (isSelected ? "> " : "  ") + offered.options[index].label
      let style = isSelected ? Style(.selected, reverse: true) : Style(.border)
      canvas.fill(Rect(x: x, y: yy, width: width, height: 1), style: style)
      canvas.write(text, x: x, y: yy, style: style, limit: width)
    }
  }
}
