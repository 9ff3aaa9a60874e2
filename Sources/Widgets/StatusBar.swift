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

/// The bottom bar: where the user is (section, user, save state) on the left, key hints on the
/// right. Hints that do not fit are dropped from the end, never cut or overflowing.
public struct StatusBar: Sendable {
  public var left: [String]
  public var hints: [KeyHint]

  public init(left: [String], hints: [KeyHint]) {
    self.left = left
    self.hints = hints
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

  var leftText: String { " " + left.filter { !$0.isEmpty }.joined(separator: Self.separator) }

  public func draw(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0, rect.width > 0 else { return }
    let bar = Style(.statusBar)
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: bar)
    canvas.write(Text.truncate(leftText, to: rect.width), x: rect.x, y: rect.y, style: bar)
    let shown = visibleHints(in: rect.width)
    guard !shown.isEmpty else { return }
    let total = shown.reduce(0) { $0 + $1.displayWidth } + Self.hintGap * (shown.count - 1)
    var x = rect.maxX - 1 - total
    for (i, hint) in shown.enumerated() {
      if i > 0 { x += Self.hintGap }
      x = canvas.write(hint.key, x: x, y: rect.y, style: Style(.key, bold: true))
      x = canvas.write(" " + hint.label, x: x, y: rect.y, style: Style(.hint))
    }
  }
}
