import TerminalCore

/// One line of the help overlay: a key and what it does. A row with an empty key is a heading.
public struct HelpRow: Sendable, Hashable {
  public var key: String
  public var description: String

  public init(key: String, description: String) {
    self.key = key
    self.description = description
  }

  /// A heading line that groups the rows after it.
  public static func heading(_ text: String) -> HelpRow { HelpRow(key: "", description: text) }

  public var isHeading: Bool { key.isEmpty }
}

/// How far the help overlay is scrolled.
public struct HelpOverlayState: Sendable, Hashable {
  public var scroll: Int

  public init(scroll: Int = 0) { self.scroll = scroll }
}

/// What a key did to the help overlay.
public enum HelpOutcome: Sendable, Hashable {
  case handled
  case ignored
  /// The user asked to close it (Esc, Enter); the caller removes the overlay.
  case closed
}

/// A centred, bordered box listing keys and what they do in two aligned columns; it scrolls when
/// it is taller than the screen and blanks what is beneath it.
public struct HelpOverlay: Sendable {
  public var title: String
  public var rows: [HelpRow]

  public init(title: String, rows: [HelpRow]) {
    self.title = title
    self.rows = rows
  }

  static let gap = 2

  var keyWidth: Int { rows.filter { !$0.isHeading }.map(\.key.displayWidth).max() ?? 0 }

  /// The box inside `area` and the number of rows it shows at once.
  public func layout(in area: Rect) -> (box: Rect, visibleRows: Int) {
    let content =
      rows.map { row in
        row.isHeading ? row.description.displayWidth : keyWidth + Self.gap + row.description.displayWidth
      }.max() ?? 0
    let width = max(content + 4, title.displayWidth + 8, 20)
    let box = area.centered(width: width, height: rows.count + 2)
    return (box, max(0, box.height - 2))
  }

  /// The largest useful scroll offset in `area`.
  public func maxScroll(in area: Rect) -> Int { max(0, rows.count - layout(in: area).visibleRows) }

  /// Scrolls with ↑↓/j k, PgUp/PgDn, Home/End (g/G); Esc or Enter close.
  public func handle(_ key: Key, state: inout HelpOverlayState, in area: Rect) -> HelpOutcome {
    let page = max(1, layout(in: area).visibleRows)
    let maximum = maxScroll(in: area)
    var scroll = min(state.scroll, maximum)
    switch key {
    case .escape, .enter: return .closed
    case .down, .character("j"): scroll += 1
    case .up, .character("k"): scroll -= 1
    case .pageDown, .character(" "): scroll += page
    case .pageUp: scroll -= page
    case .home, .character("g"): scroll = 0
    case .end, .character("G"): scroll = maximum
    default: return .ignored
    }
    state.scroll = min(max(0, scroll), maximum)
    return .handled
  }

  public func draw(into canvas: inout Canvas, area: Rect, state: HelpOverlayState) {
    let (box, visible) = layout(in: area)
    guard box.width >= 4, box.height >= 2 else { return }
    let maximum = max(0, rows.count - visible)
    let scroll = min(max(0, state.scroll), maximum)
    Box.draw(into: &canvas, rect: box, title: title, clear: true)
    let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: visible)
    let keyColumn = min(keyWidth, max(0, inner.width - Self.gap - 1))
    for line in 0..<visible {
      let index = scroll + line
      guard index < rows.count else { break }
      let row = rows[index]
      let y = inner.y + line
      if row.isHeading {
        canvas.write(row.description, x: inner.x, y: y, style: Style(.accent, bold: true), limit: inner.width)
        continue
      }
      canvas.write(Text.pad(row.key, to: keyColumn), x: inner.x, y: y, style: Style(.key, bold: true))
      let descX = inner.x + keyColumn + Self.gap
      canvas.write(
        Text.truncate(row.description, to: inner.maxX - descX), x: descX, y: y, style: Style(.normal))
    }
    if maximum > 0 {
      // Where we are, in numbers only (no words of our own): "3-20/45".
      let position = " \(scroll + 1)-\(scroll + visible)/\(rows.count) "
      let x = box.maxX - 2 - position.displayWidth
      if x > box.x { canvas.write(position, x: x, y: box.maxY - 1, style: Style(.dim)) }
    }
  }
}
