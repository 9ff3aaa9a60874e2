import TerminalCore

/// One column of a table: its title, how wide it is, how its text sits, and whether it sorts.
public struct TableColumn: Sendable {
  public var title: String
  public var width: ColumnWidth
  public var alignment: Text.Alignment
  public var sortable: Bool

  public init(
    _ title: String, width: ColumnWidth, alignment: Text.Alignment = .left, sortable: Bool = true
  ) {
    self.title = title
    self.width = width
    self.alignment = alignment
    self.sortable = sortable
  }
}

/// What a key did to a table.
public enum TableOutcome: Sendable, Hashable {
  case handled
  case ignored
  /// Enter on a row: the source row to open.
  case activated(row: Int)
}

/// The list of every screen: a header, the rows in view, and a footer with the filter line and
/// "shown / total". It draws only the rows in view, so its cost does not grow with the data.
///
/// Layout: `[marker ]col│col│col`, each column padded to its display width so separators line
/// up on every row, CJK included; the sort column's title carries ▲ or ▼.
public struct Table: Sendable {
  public var columns: [TableColumn]
  /// Whether rows get a one-column marker (from `TableDataSource.mark(row:)`) before the first
  /// column, so marked rows show without colour.
  public var showsMarkers: Bool
  /// Shown in the body when no row is shown (translated by the caller), or empty.
  public var emptyText: String

  public init(columns: [TableColumn], showsMarkers: Bool = false, emptyText: String = "") {
    self.columns = columns
    self.showsMarkers = showsMarkers
    self.emptyText = emptyText
  }

  public static let separator: Character = "│"
  public static let ascendingIndicator: Character = "▲"
  public static let descendingIndicator: Character = "▼"

  /// Rows of data a table drawn in `rect` shows (the header and the footer take one each).
  public static func bodyHeight(for rect: Rect) -> Int { max(0, rect.height - 2) }

  var markerWidth: Int { showsMarkers ? 2 : 0 }

  /// The display width of each column in a table `width` columns wide.
  public func columnWidths(for width: Int) -> [Int] {
    Columns.widths(columns.map(\.width), total: width - markerWidth, gap: 1)
  }

  // MARK: Drawing

  public func draw(into canvas: inout Canvas, rect: Rect, state: TableState, source: some TableDataSource) {
    guard rect.height > 0, rect.width > 0 else { return }
    let widths = columnWidths(for: rect.width)
    let bodyHeight = Self.bodyHeight(for: rect)
    drawHeader(into: &canvas, rect: rect, widths: widths, sort: state.sort)
    let count = state.count(in: source)
    let first = state.firstVisible(height: bodyHeight, count: count)
    let selection = min(max(0, state.selection), count - 1)
    for line in 0..<bodyHeight {
      let y = rect.y + 1 + line
      let position = first + line
      let lineRect = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      guard position < count else {
        canvas.fill(lineRect)
        if line == 0 && count == 0 && !emptyText.isEmpty {
          canvas.write(
            Text.truncate(emptyText, to: rect.width - 1), x: rect.x + 1, y: y, style: Style(.dim))
        }
        continue
      }
      let row = state.row(at: position)
      guard row < source.rowCount else {
        canvas.fill(lineRect)
        continue
      }
      drawRow(
        into: &canvas, rect: lineRect, row: row, widths: widths, source: source,
        selected: position == selection)
    }
    if rect.height >= 2 {
      drawFooter(
        into: &canvas, rect: Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1),
        state: state, shown: count, total: source.rowCount)
    }
  }

  func drawHeader(into canvas: inout Canvas, rect: Rect, widths: [Int], sort: TableSort?) {
    let style = Style(.header, bold: true)
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: style)
    var x = rect.x + markerWidth
    for (i, column) in columns.enumerated() {
      let w = widths[i]
      var title = column.title
      if let sort, sort.column == i, w > 1 {
        let indicator = sort.ascending ? Self.ascendingIndicator : Self.descendingIndicator
        title = Text.truncate(title, to: w - 1) + String(indicator)
      }
      if w > 0 {
        canvas.write(Text.pad(title, to: w, align: column.alignment), x: x, y: rect.y, style: style)
      }
      x += w
      if i < columns.count - 1 {
        canvas.put(Self.separator, x: x, y: rect.y, style: style)
        x += 1
      }
    }
  }

  func drawRow(
    into canvas: inout Canvas, rect: Rect, row: Int, widths: [Int], source: some TableDataSource,
    selected: Bool
  ) {
    let mark = source.mark(row: row)
    let style: Style
    let separatorStyle: Style
    if selected {
      style = Style(.selected, bold: mark != nil, reverse: true)
      separatorStyle = style
    } else {
      style = Style(mark?.role ?? .normal)
      separatorStyle = Style(.border)
    }
    canvas.fill(rect, style: style)
    var x = rect.x
    if showsMarkers {
      if let mark {
        canvas.write(Text.pad(String(mark.marker), to: 1), x: x, y: rect.y, style: style, limit: 1)
      }
      x += markerWidth
    }
    for (i, column) in columns.enumerated() {
      let w = widths[i]
      if w > 0 {
        let text = Text.pad(source.text(row: row, column: i), to: w, align: column.alignment)
        canvas.write(text, x: x, y: rect.y, style: style, limit: w)
      }
      x += w
      if i < columns.count - 1 {
        canvas.put(Self.separator, x: x, y: rect.y, style: separatorStyle)
        x += 1
      }
    }
  }

  func drawFooter(into canvas: inout Canvas, rect: Rect, state: TableState, shown: Int, total: Int) {
    canvas.fill(rect, style: Style(.dim))
    let counter = " \(shown) / \(total) "
    let counterWidth = counter.displayWidth
    canvas.write(counter, x: rect.maxX - counterWidth, y: rect.y, style: Style(.dim))
    guard state.isEditingFilter || !state.filter.isEmpty else { return }
    let room = rect.width - counterWidth - 2
    guard room > 1 else { return }
    // The filter line shows the end of the text (where the caret is) when it is too long.
    var visible = Substring(state.filter)
    while visible.displayWidth > room - 1 && !visible.isEmpty { visible = visible.dropFirst() }
    let style = state.isEditingFilter ? Style(.input) : Style(.accent)
    let end = canvas.write("/" + visible, x: rect.x, y: rect.y, style: style, limit: room)
    if state.isEditingFilter { canvas.cursor = Point(x: end, y: rect.y) }
  }
}
