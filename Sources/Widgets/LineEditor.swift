import TerminalCore

/// One line of editable text with a caret, safe for Chinese: the caret moves by character and
/// the view scrolls by display columns, so a wide character is never split.
public struct LineEditor: Hashable, Sendable {
  /// What a key did to the editor, so callers know whether to mark their state as changed.
  public enum Outcome: Hashable, Sendable {
    /// The key means nothing here; the caller may use it.
    case ignored
    /// Only the caret moved.
    case moved
    /// The text changed.
    case edited
  }

  public private(set) var characters: [Character]
  /// The caret as an index into `characters` (0…count).
  public private(set) var caret: Int

  public init(_ text: String = "") {
    characters = Array(text)
    caret = characters.count
  }

  /// The text being edited.
  public var text: String { String(characters) }

  public var isEmpty: Bool { characters.isEmpty }

  /// Replaces the whole text and puts the caret at its end.
  public mutating func setText(_ text: String) {
    characters = Array(text)
    caret = characters.count
  }

  /// Moves the caret to a character index, clamped to the text.
  public mutating func moveCaret(to index: Int) {
    caret = min(max(0, index), characters.count)
  }

  /// Display columns from the start of the text to the caret.
  public var caretColumn: Int {
    var columns = 0
    for ch in characters[0..<caret] { columns += DisplayWidth.of(ch) }
    return columns
  }

  /// Inserts text at the caret. Newlines and tabs become spaces; other control characters are
  /// dropped, because a single line cannot hold them and the terminal must never receive them.
  public mutating func insert(_ text: some StringProtocol) {
    var cleaned: [Character] = []
    cleaned.reserveCapacity(text.count)
    for ch in text {
      if ch == "\n" || ch == "\r\n" || ch == "\r" || ch == "\t" {
        cleaned.append(" ")
      } else if !DisplayWidth.isControl(ch) {
        cleaned.append(ch)
      }
    }
    characters.insert(contentsOf: cleaned, at: caret)
    caret += cleaned.count
  }

  /// Handles one editing key.
  @discardableResult
  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .character(let ch):
      guard !DisplayWidth.isControl(ch) else { return .ignored }
      characters.insert(ch, at: caret)
      caret += 1
      return .edited
    case .backspace, .ctrl("h"):
      guard caret > 0 else { return .moved }
      characters.remove(at: caret - 1)
      caret -= 1
      return .edited
    case .delete, .ctrl("d"):
      guard caret < characters.count else { return .moved }
      characters.remove(at: caret)
      return .edited
    case .left, .ctrl("b"):
      caret = max(0, caret - 1)
      return .moved
    case .right, .ctrl("f"):
      caret = min(characters.count, caret + 1)
      return .moved
    case .home, .ctrl("a"):
      caret = 0
      return .moved
    case .end, .ctrl("e"):
      caret = characters.count
      return .moved
    case .ctrl("u"):
      guard caret > 0 else { return .moved }
      characters.removeSubrange(0..<caret)
      caret = 0
      return .edited
    case .ctrl("k"):
      guard caret < characters.count else { return .moved }
      characters.removeSubrange(caret...)
      return .edited
    default:
      return .ignored
    }
  }

  /// Handles a bracketed paste: the text goes in at the caret in one step.
  public mutating func paste(_ text: String) {
    insert(text)
  }

  /// The first character shown when the editor is `width` columns wide.
  ///
  /// The view scrolls in steps of half its width (as nano does) and is a pure function of the
  /// text and the caret, so drawing needs no stored scroll state and the line does not shift on
  /// every keystroke. The caret's cell is always inside the view.
  public func visibleStart(width: Int) -> Int {
    guard width > 1 else { return caret }
    let caretColumn = self.caretColumn
    let caretCell = caret < characters.count ? max(1, DisplayWidth.of(characters[caret])) : 1
    if caretColumn + caretCell <= width { return 0 }
    let step = max(1, width / 2)
    let needed = caretColumn + caretCell - width
    let startColumn = min(caretColumn, ((needed + step - 1) / step) * step)
    // Snap forward to a character boundary so that no wide character is cut at the left edge.
    var column = 0
    var index = 0
    while index < caret && column < startColumn {
      column += DisplayWidth.of(characters[index])
      index += 1
    }
    return index
  }

  /// Draws the visible part of the text at (x, y) in `width` columns and returns where the caret
  /// is on screen. With `showCaret`, the canvas's hardware cursor is put there too, so that an
  /// input method opens its candidate window at the caret.
  @discardableResult
  public func draw(
    into canvas: inout Canvas, x: Int, y: Int, width: Int, style: Style = Style(.input),
    showCaret: Bool = true
  ) -> Point {
    canvas.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
    let start = visibleStart(width: width)
    canvas.write(String(characters[start...]), x: x, y: y, style: style, limit: width)
    var column = 0
    for ch in characters[start..<caret] { column += DisplayWidth.of(ch) }
    let point = Point(x: x + min(column, max(0, width - 1)), y: y)
    if showCaret { canvas.cursor = point }
    return point
  }
}
