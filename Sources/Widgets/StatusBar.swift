import TerminalCore

/// A key and what it does, shown in the status bar ("q 退出").
public struct KeyHint: Sendable, Hashable {
  public var key: String
  public var label: String

  public init(key: String, label: String) {
    self.key = key
    self.label = label
  }

  /// Display width when drawn: key, a space, label.
  public var displayWidth: Int { key.displayWidth + 1 + label.displayWidth }
}

/// One piece of the status bar's left part, with its own style ("未保存" as a warning).
public struct StatusItem: Sendable, Hashable {
  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = Style(.statusBar)) {
    self.text = text
    self.style = style
  }
}

/// The bottom bar: where the user is (section, user, save state) on the left, key hints on the
/// right. Hints that do not fit are dropped from the end, never cut or overflowing.
public struct StatusBar: Sendable {
  public var items: [StatusItem]
  public var hints: [KeyHint]

  public init(items: [StatusItem], hints: [KeyHint]) {
    self.items = items.filter { !$0.text.isEmpty }
    self.hints = hints
  }

  /// A bar whose left pieces all use the bar's own style.
  public init(left: [String], hints: [KeyHint]) {
    self.init(items: left.map { StatusItem($0) }, hints: hints)
  }

  static let separator = " │ "
  static let hintGap = 2

  /// The hints that fit beside the left part in `columns`, in order.
  public func visibleHints(in columns: Int) -> [KeyHint] {
    let leftWidth = min(columns, leftText.displayWidth)
    var room = columns - leftWidth - 2
    var shown: [KeyHint] = []
    for hint in hints {
      let need = hint.displayWidth + (shown.isEmpty ? 0 : Self.hintGap)
      if need > room { break }
      room -= need
      shown.append(hint)
    }
    return shown
  }

  var leftText: String { " " + items.map(\.text).joined(separator: Self.separator) }

  public func draw(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0, rect.width > 0 else { return }
    let bar = Style(.statusBar)
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: bar)
    // The left part is cut as a whole (with …), then each piece gets its own style.
    canvas.write(Text.truncate(leftText, to: rect.width), x: rect.x, y: rect.y, style: bar)
    var x = rect.x + 1
    for item in items {
      let width = item.text.displayWidth
      if item.style != bar {
        canvas.restyle(x: x, y: rect.y, width: min(width, rect.maxX - x)) { $0 = item.style }
      }
      x += width + Self.separator.displayWidth
    }
    let shown = visibleHints(in: rect.width)
    guard !shown.isEmpty else { return }
    let total = shown.reduce(0) { $0 + $1.displayWidth } + Self.hintGap * (shown.count - 1)
    x = rect.maxX - 1 - total
    for (i, hint) in shown.enumerated() {
      if i > 0 { x += Self.hintGap }
      x = canvas.write(hint.key, x: x, y: rect.y, style: Style(.key, bold: true))
      x = canvas.write(" " + hint.label, x: x, y: rect.y, style: Style(.hint))
    }
  }
}
