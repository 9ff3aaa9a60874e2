import TerminalCore

// Wrap layout, caret motion, scrolling and drawing of the text area.
extension TextArea {
  /// Makes a paragraph's cached lines fit the current width and reach as far as `enough` asks
  /// (or the paragraph's end); returns them.
  mutating func ensure(_ paragraph: Int, until enough: ([Range<Int>]) -> Bool) -> [Range<Int>] {
    if paragraphs[paragraph].layoutWidth != width {
      paragraphs[paragraph].lines = []
      paragraphs[paragraph].complete = false
      paragraphs[paragraph].layoutWidth = width
    }
    if !paragraphs[paragraph].complete && !enough(paragraphs[paragraph].lines) {
      var lines = paragraphs[paragraph].lines
      paragraphs[paragraph].lines = []
      let complete = TextArea.extend(&lines, chars: paragraphs[paragraph].chars, width: width, until: enough)
      paragraphs[paragraph].lines = lines
      paragraphs[paragraph].complete = complete
    }
    return paragraphs[paragraph].lines
  }

  /// At least `count` lines, or all there are.
  mutating func ensure(_ paragraph: Int, lines count: Int) -> [Range<Int>] {
    ensure(paragraph) { $0.count >= count }
  }

  /// Lines up to the one holding `offset` (a caret at a line's end belongs to the next line).
  mutating func ensure(_ paragraph: Int, through offset: Int) -> [Range<Int>] {
    ensure(paragraph) { ($0.last?.upperBound ?? -1) > offset }
  }

  /// Every line of a paragraph.
  @discardableResult
  mutating func layout(_ paragraph: Int) -> [Range<Int>] {
    ensure(paragraph) { _ in false }
  }

  /// The index of the screen line holding `offset`: a caret on a line boundary belongs to the
  /// line it starts.
  static func lineIndex(of offset: Int, in lines: [Range<Int>]) -> Int {
    var low = 0
    var high = lines.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lines[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  func columns(_ chars: ArraySlice<Character>) -> Int {
    var total = 0
    for ch in chars { total += DisplayWidth.of(ch) }
    return total
  }

  /// The offset in a screen line whose column is the largest not past `column`. On a line that is
  /// not the paragraph's last, the caret stays before the line's last character, since the
  /// position after it is the next line's start.
  func offset(atColumn column: Int, in range: Range<Int>, chars: [Character], isLast: Bool) -> Int {
    let end = isLast ? range.upperBound : max(range.lowerBound, range.upperBound - 1)
    var used = 0
    var offset = range.lowerBound
    while offset < end {
      let w = DisplayWidth.of(chars[offset])
      if used + w > column { break }
      used += w
      offset += 1
    }
    return offset
  }

  /// The first `count` lines of a paragraph for drawing, from the cache when it reaches that far
  /// (after any edit it reaches through the view), else wrapped here without being kept.
  func linesForDrawing(_ paragraph: Int, count: Int) -> [Range<Int>] {
    let cached = paragraphs[paragraph]
    var lines = cached.layoutWidth == width ? cached.lines : []
    if (cached.layoutWidth == width && cached.complete) || lines.count >= count { return lines }
    _ = TextArea.extend(&lines, chars: cached.chars, width: width) { $0.count >= count }
    return lines
  }

  /// Where the caret is in the view: its screen line and display column.
  mutating func caretLine() -> (line: VisualLine, column: Int) {
    let lines = ensure(caret.paragraph, through: caret.offset)
    let index = TextArea.lineIndex(of: caret.offset, in: lines)
    let start = lines[index].lowerBound
    return (
      VisualLine(paragraph: caret.paragraph, line: index),
      columns(paragraphs[caret.paragraph].chars[start..<caret.offset])
    )
  }

  /// The screen line `count` lines after (or, negative, before) `line`, stopping at the ends.
  mutating func step(_ line: VisualLine, by count: Int) -> VisualLine {
    var current = line
    var remaining = count
    while remaining > 0 {
      if current.line + 1 < ensure(current.paragraph, lines: current.line + 2).count {
        current.line += 1
      } else if current.paragraph + 1 < paragraphs.count {
        current = VisualLine(paragraph: current.paragraph + 1, line: 0)
      } else {
        break
      }
      remaining -= 1
    }
    while remaining < 0 {
      if current.line > 0 {
        current.line -= 1
      } else if current.paragraph > 0 {
        current = VisualLine(paragraph: current.paragraph - 1, line: layout(current.paragraph - 1).count - 1)
      } else {
        break
      }
      remaining += 1
    }
    return current
  }

  /// The caret position on a screen line nearest to a display column.
  mutating func position(on line: VisualLine, column: Int) -> Position {
    let lines = ensure(line.paragraph, lines: line.line + 2)
    let index = min(line.line, lines.count - 1)
    let offset = self.offset(
      atColumn: column, in: lines[index], chars: paragraphs[line.paragraph].chars,
      isLast: index == lines.count - 1)
    return Position(paragraph: line.paragraph, offset: offset)
  }

  /// Moves the caret `count` screen lines, keeping the goal column.
  mutating func verticalTarget(by count: Int) -> Position {
    let (line, column) = caretLine()
    let goal = goalColumn ?? column
    let target = step(line, by: count)
    if target == line {
      // Already on the first or last line: go to its start or end, as most editors do.
      return count < 0
        ? Position(paragraph: 0, offset: 0)
        : Position(paragraph: paragraphs.count - 1, offset: paragraphs[paragraphs.count - 1].chars.count)
    }
    let position = self.position(on: target, column: goal)
    goalColumn = goal
    return position
  }

  /// Where a movement key takes the caret, or nil when the key is not a movement.
  mutating func motionTarget(for key: Key) -> Position? {
    let keepsGoal: Bool
    let target: Position
    switch key {
    case .left, .ctrl("b"):
      target = before(caret)
      keepsGoal = false
    case .right, .ctrl("f"):
      target = after(caret)
      keepsGoal = false
    case .up, .ctrl("p"):
      target = verticalTarget(by: -1)
      keepsGoal = true
    case .down, .ctrl("n"):
      target = verticalTarget(by: 1)
      keepsGoal = true
    case .pageUp, .pageDown:
      let rows = max(1, height - 1)
      let delta = key == .pageUp ? -rows : rows
      let topBefore = top
      target = verticalTarget(by: delta)
      top = step(topBefore, by: delta)
      keepsGoal = true
    case .ctrlUp:
      target =
        caret.offset > 0 || caret.paragraph == 0
        ? Position(paragraph: caret.paragraph, offset: 0)
        : Position(paragraph: caret.paragraph - 1, offset: 0)
      keepsGoal = false
    case .ctrlDown:
      target =
        caret.paragraph + 1 < paragraphs.count
        ? Position(paragraph: caret.paragraph + 1, offset: 0)
        : Position(paragraph: caret.paragraph, offset: paragraphs[caret.paragraph].chars.count)
      keepsGoal = false
    case .home, .ctrl("a"):
      let lines = ensure(caret.paragraph, through: caret.offset)
      target = Position(
        paragraph: caret.paragraph,
        offset: lines[TextArea.lineIndex(of: caret.offset, in: lines)].lowerBound)
      keepsGoal = false
    case .end, .ctrl("e"):
      let index = TextArea.lineIndex(of: caret.offset, in: ensure(caret.paragraph, through: caret.offset))
      let lines = ensure(caret.paragraph, lines: index + 2)
      let range = lines[index]
      let isLast = index == lines.count - 1
      target = Position(
        paragraph: caret.paragraph,
        offset: isLast ? range.upperBound : max(range.lowerBound, range.upperBound - 1))
      keepsGoal = false
    case .ctrlHome:
      target = Position(paragraph: 0, offset: 0)
      keepsGoal = false
    case .ctrlEnd:
      target = Position(paragraph: paragraphs.count - 1, offset: paragraphs[paragraphs.count - 1].chars.count)
      keepsGoal = false
    default:
      return nil
    }
    if !keepsGoal { goalColumn = nil }
    return target
  }

  /// Scrolls as little as possible so that the caret's line is in view.
  mutating func keepCaretVisible() {
    if top.paragraph >= paragraphs.count { top = VisualLine(paragraph: paragraphs.count - 1, line: 0) }
    top.line = min(top.line, ensure(top.paragraph, lines: top.line + 1).count - 1)
    let (line, _) = caretLine()
    if line < top {
      top = line
      return
    }
    let earliestTop = step(line, by: -(height - 1))
    if earliestTop > top { top = earliestTop }
    // Lay out what is in view now, so that drawing finds fresh layouts.
    _ = step(top, by: height)
  }

  /// The caret's place in the view (column and row from the view's top left), or nil when it
  /// is scrolled out of view.
  public var caretInView: Point? {
    var copy = self
    let (line, column) = copy.caretLine()
    guard line >= top else { return nil }
    var row = 0
    var current = top
    while current < line {
      current = copy.step(current, by: 1)
      row += 1
      if row >= height { return nil }
    }
    return Point(x: min(column, width - 1), y: row)
  }

  /// The screen lines in view, as text, top to bottom (for tests and previews).
  public var visibleLines: [String] {
    var canvas = Canvas(width: width, height: height)
    draw(into: &canvas, in: canvas.bounds)
    return canvas.lines
  }

  /// Draws the visible lines into `rect` and, with `showCaret`, puts the hardware cursor on the
  /// caret. Returns the caret's screen position when it is in view.
  @discardableResult
  public func draw(
    into canvas: inout Canvas, in rect: Rect, style: Style = .normal, showCaret: Bool = true
  ) -> Point? {
    canvas.fill(rect, style: style)
    var current = top
    if current.paragraph >= paragraphs.count {
      current = VisualLine(paragraph: paragraphs.count - 1, line: 0)
    }
    var caretPoint: Point?
    var lines = linesForDrawing(current.paragraph, count: current.line + 1 + rect.height)
    current.line = min(current.line, lines.count - 1)
    for row in 0..<rect.height {
      let chars = paragraphs[current.paragraph].chars
      let range = lines[current.line]
      canvas.write(String(chars[range]), x: rect.x, y: rect.y + row, style: style, limit: rect.width)
      let holdsCaret =
        range.lowerBound <= caret.offset
        && (caret.offset < range.upperBound || caret.offset == chars.count)
      if current.paragraph == caret.paragraph && holdsCaret {
        let column = columns(chars[range.lowerBound..<caret.offset])
        caretPoint = Point(x: rect.x + min(column, max(0, rect.width - 1)), y: rect.y + row)
      }
      if current.line + 1 < lines.count {
        current.line += 1
      } else if current.paragraph + 1 < paragraphs.count {
        current = VisualLine(paragraph: current.paragraph + 1, line: 0)
        lines = linesForDrawing(current.paragraph, count: rect.height - row)
      } else {
        break
      }
    }
    if showCaret, let caretPoint { canvas.cursor = caretPoint }
    return caretPoint
  }
}
