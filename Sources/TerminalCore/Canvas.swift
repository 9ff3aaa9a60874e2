/// A grid of cells that a frame is drawn into; the backend shows it, tests read it as text.
///
/// It keeps the wide-glyph invariant: a 2-column character owns its right neighbour;
/// overwriting either half blanks both; a wide character that would cross the right edge (of the
/// canvas or of the clip given to `write`) becomes a blank.
public struct Canvas: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the hardware cursor goes (the caret of the field being edited), or nil to hide it.
  public var cursor: Point?

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: .blank, count: self.width * self.height)
    self.cursor = nil
  }

  public init(size: Size) { self.init(width: size.width, height: size.height) }

  public var size: Size { Size(width: width, height: height) }
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, y >= 0, x < width, y < height else { return .blank }
    return cells[y * width + x]
  }

  /// Puts one character at (x, y) and returns the columns it took (0 when nothing was drawn).
  /// Control characters show as `�`; a lone zero-width character is dropped.
  @discardableResult
  public mutating func put(_ character: Character, x: Int, y: Int, style: Style = .normal) -> Int {
    guard y >= 0, y < height, x >= 0, x < width else { return 0 }
    var ch = character
    if DisplayWidth.isControl(ch) { ch = "\u{FFFD}" }
    let parts = DisplayWidth.cells(of: ch)
    if parts.count > 1 {
      // A cluster of several spacing code points (👍🏽, 🇨🇳): one cell each, as curses counts it.
      var col = x
      for part in parts where col < width { col += put(part, x: col, y: y, style: style) }
      return col - x
    }
    let w = DisplayWidth.of(ch)
    if w == 0 { return 0 }
    if w == 2 && x + 1 >= width {
      setNarrow(Cell(" ", width: 1, style: style), x: x, y: y)
      return 1
    }
    if w == 1 {
      setNarrow(Cell(ch, width: 1, style: style), x: x, y: y)
      return 1
    }
    releaseCell(x: x, y: y)
    releaseCell(x: x + 1, y: y)
    cells[y * width + x] = Cell(ch, width: 2, style: style)
    cells[y * width + x + 1] = .continuation(style)
    return 2
  }

  /// Writes text from (x, y), clipped at `limit` columns from x (default: the right edge).
  /// Returns the column after the last one written. A wide character that does not fit in the
  /// clip leaves a blank instead.
  @discardableResult
  public mutating func write(
    _ text: some StringProtocol, x: Int, y: Int, style: Style = .normal, limit: Int? = nil
  ) -> Int {
    guard y >= 0, y < height else { return x }
    let end = min(width, limit.map { x + max(0, $0) } ?? width)
    var col = x
    for ch in text {
      if col >= end { break }
      let w = DisplayWidth.isControl(ch) ? 1 : DisplayWidth.of(ch)
      if w == 0 { continue }
      if col + w > end {
        if col >= 0 { setNarrow(Cell(" ", width: 1, style: style), x: col, y: y) }
        col += 1
        break
      }
      if col >= 0 {
        put(ch, x: col, y: y, style: style)
      } else if col + w > 0 {
        // A wide character cut by the left edge: its visible half is a blank.
        setNarrow(Cell(" ", width: 1, style: style), x: 0, y: y)
      }
      col += w
    }
    return col
  }

  /// Fills a rectangle with a character (a space by default) in a style.
  public mutating func fill(_ rect: Rect, style: Style = .normal, with character: Character = " ") {
    let x0 = max(0, rect.x)
    let x1 = min(width, rect.maxX)
    let y0 = max(0, rect.y)
    let y1 = min(height, rect.maxY)
    guard x0 < x1, y0 < y1 else { return }
    let w = DisplayWidth.of(character)
    for y in y0..<y1 {
      if w == 1 && character == " " {
        releaseCell(x: x0, y: y)
        releaseCell(x: x1 - 1, y: y)
        for x in x0..<x1 { cells[y * width + x] = Cell(" ", width: 1, style: style) }
      } else {
        var x = x0
        while x < x1 { x += max(1, put(character, x: x, y: y, style: style)) }
      }
    }
  }

  /// Changes the style of the cells in a span without touching their characters.
  public mutating func restyle(x: Int, y: Int, width span: Int, _ transform: (inout Style) -> Void) {
    guard y >= 0, y < height else { return }
    let x0 = max(0, x)
    let x1 = min(width, x + span)
    guard x0 < x1 else { return }
    for i in (y * width + x0)..<(y * width + x1) { transform(&cells[i].style) }
  }

  /// Copies another canvas in at (x, y), keeping the wide-glyph invariant at the seams.
  public mutating func blit(_ other: Canvas, x: Int, y: Int) {
    for row in 0..<other.height {
      var col = 0
      while col < other.width {
        let cell = other[col, row]
        if cell.isContinuation {
          col += 1
          continue
        }
        put(cell.character, x: x + col, y: y + row, style: cell.style)
        col += Int(max(1, cell.width))
      }
    }
  }

  /// The text of one row; continuation cells add nothing, so its display width is `width`.
  public func line(_ y: Int) -> String {
    var s = ""
    s.reserveCapacity(width)
    for x in 0..<width {
      let cell = cells[y * width + x]
      if !cell.isContinuation { s.append(cell.character) }
    }
    return s
  }

  /// Every row as text, for golden tests and debugging.
  public var lines: [String] { (0..<height).map(line) }

  /// Every row as text, joined with newlines.
  public var text: String { lines.joined(separator: "\n") }

  /// Writes a narrow cell, blanking the other half of any wide character it overlaps.
  private mutating func setNarrow(_ cell: Cell, x: Int, y: Int) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    releaseCell(x: x, y: y)
    cells[y * width + x] = cell
  }

  /// If (x, y) is half of a wide character, blanks the other half (and this one).
  private mutating func releaseCell(x: Int, y: Int) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    let i = y * width + x
    let cell = cells[i]
    if cell.isContinuation {
      cells[i] = Cell(" ", width: 1, style: cell.style)
      if x > 0 { cells[i - 1] = Cell(" ", width: 1, style: cells[i - 1].style) }
    } else if cell.width == 2 {
      cells[i] = Cell(" ", width: 1, style: cell.style)
      if x + 1 < width { cells[i + 1] = Cell(" ", width: 1, style: cells[i + 1].style) }
    }
  }
}

extension Canvas {
  /// This canvas with rows `shift.top ..< shift.bottom` moved as the terminal moves them when
  /// scrolling that region: what the screen holds after the scroll, before the rest is drawn.
  public func scrolled(_ shift: Shift) -> Canvas {
    var result = self
    let top = max(0, shift.top)
    let bottom = min(height, shift.bottom)
    for y in top..<bottom {
      let source = y + shift.by
      for x in 0..<width {
        result.cells[y * width + x] = source >= top && source < bottom ? cells[source * width + x] : .blank
      }
    }
    return result
  }
}
