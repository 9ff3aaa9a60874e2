import TerminalCore

/// Which answer of a confirm dialog has the focus.
public enum ConfirmChoice: Sendable, Hashable {
  case yes
  case no
}

/// The focus of a confirm dialog.
public struct ConfirmState: Sendable, Hashable {
  public var focus: ConfirmChoice

  public init(focus: ConfirmChoice = .no) { self.focus = focus }
}

/// What a key did to a confirm dialog.
public enum ConfirmOutcome: Sendable, Hashable {
  case handled
  case ignored
  case confirmed
  case cancelled
}

/// A centred box asking a yes/no question; the labels come translated ("是(Y)", "否(N)") and
/// y/n answer directly, ←/→ (Tab, h/l) move the focus, Enter takes it, Esc cancels.
public struct ConfirmDialog: Sendable {
  public var title: String?
  public var question: String
  public var yesLabel: String
  public var noLabel: String

  public init(title: String? = nil, question: String, yesLabel: String, noLabel: String) {
    self.title = title
    self.question = question
    self.yesLabel = yesLabel
    self.noLabel = noLabel
  }

  public func handle(_ key: Key, state: inout ConfirmState) -> ConfirmOutcome {
    switch key {
    case .character("y"), .character("Y"): return .confirmed
    case .character("n"), .character("N"), .escape: return .cancelled
    case .enter: return state.focus == .yes ? .confirmed : .cancelled
    case .left, .right, .tab, .backTab, .character("h"), .character("l"):
      state.focus = state.focus == .yes ? .no : .yes
      return .handled
    default: return .ignored
    }
  }

  static let choiceGap = 3

  /// The box inside `area` and the question wrapped to its width.
  public func layout(in area: Rect) -> (box: Rect, lines: [String]) {
    let choices = yesLabel.displayWidth + noLabel.displayWidth + 4 + Self.choiceGap
    let natural = max(question.displayWidth, choices, (title?.displayWidth ?? 0) + 4)
    let innerWidth = max(1, min(natural, min(area.width - 8, 60)))
    let lines = Text.wrapForDisplay(question, to: innerWidth)
    let box = area.centered(width: innerWidth + 4, height: lines.count + 5)
    return (box, lines)
  }

  public func draw(into canvas: inout Canvas, area: Rect, state: ConfirmState) {
    let (box, lines) = layout(in: area)
    guard box.width >= 4, box.height >= 4 else { return }
    Box.draw(into: &canvas, rect: box, title: title, clear: true)
    let innerWidth = box.width - 4
    for (i, line) in lines.enumerated() where box.y + 2 + i < box.maxY - 2 {
      canvas.write(line, x: box.x + 2, y: box.y + 2 + i, style: Style(.normal), limit: innerWidth)
    }
    // The focused choice is bracketed and reversed, so it shows without colour.
    func label(_ text: String, _ choice: ConfirmChoice) -> (String, Style) {
      state.focus == choice
        ? ("[" + text + "]", Style(.selected, bold: true, reverse: true)) : (" " + text + " ", Style(.normal))
    }
    let yes = label(yesLabel, .yes)
    let no = label(noLabel, .no)
    let total = yes.0.displayWidth + Self.choiceGap + no.0.displayWidth
    let y = box.maxY - 2
    var x = box.x + max(1, (box.width - total) / 2)
    x = canvas.write(yes.0, x: x, y: y, style: yes.1, limit: box.maxX - 1 - x)
    x += Self.choiceGap
    canvas.write(no.0, x: x, y: y, style: no.1, limit: max(0, box.maxX - 1 - x))
  }
}
