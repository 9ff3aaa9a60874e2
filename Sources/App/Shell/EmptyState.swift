import TerminalCore

/// The honest empty state of a section: its title and a sentence on what will appear there.
enum EmptyState {
  static func draw(title: String, text: String, into canvas: inout Canvas, rect: Rect) {
    let inner = rect.inset(dx: 2, dy: 1)
    guard !inner.isEmpty else { return }
    canvas.write(title, x: inner.x, y: inner.y, style: Style(.header, bold: true), limit: inner.width)
    let lines = Text.wrapForDisplay(text, to: inner.width)
    for (i, line) in lines.enumerated() where inner.y + 2 + i < inner.maxY {
      canvas.write(line, x: inner.x, y: inner.y + 2 + i, style: Style(.dim), limit: inner.width)
    }
  }
}
