import TerminalCore

/// Which column a table is sorted by, and which way.
public struct TableSort: Sendable, Hashable {
  public var column: Int
  public var ascending: Bool

  public init(column: Int, ascending: Bool = true) {
    self.column = column
    self.ascending = ascending
  }
}

/// One step of an incremental filter: a query and the rows (in display order) that match it.
/// Each step's query contains the one before, so its rows were found among the previous rows.
struct FilterLevel: Sendable, Equatable {
  var query: [UInt8]
  var rows: [Int32]
}

/// A table's selection, scroll, sort and filter, kept apart from the table itself (as ratatui
/// does), so `update` changes it and `view` only reads it.
///
/// Row indices come in two kinds: a *position* counts the rows as shown (after sort and filter),
/// a *row* is the data source's index. `selection` is a position; `selectedRow` the row.
public struct TableState: Sendable, Equatable {
  /// The selected position among the rows shown.
  public var selection: Int = 0
  /// The first position shown.
  public var offset: Int = 0
  /// Rows the body shows at once; set it from `Table.bodyHeight(for:)` when laying out, so
  /// paging and centring use the real page.
  public var viewportHeight: Int = 20
  public internal(set) var sort: TableSort?
  /// The filter text as typed.
  public internal(set) var filter: String = ""
  /// Whether keys go to the filter line.
  public internal(set) var isEditingFilter = false
  /// How many rows the last filter change looked at (a narrowing query only looks at the
  /// previous matches; a step back re-uses a kept result and looks at none).
  public internal(set) var rowsExaminedByLastFilter = 0

  /// Sorted rows, or nil for the source's own order.
  var order: [Int32]?
  /// The steps of the filter being typed; empty when there is no filter.
  var levels: [FilterLevel] = []

  public init() {}

  /// The source rows matching the filter, in display order, or nil when there is no filter.
  public var matches: [Int32]? { levels.last?.rows }

  /// How many rows are shown, out of `source`.
  public func count(in source: some TableDataSource) -> Int {
    if let matches { return matches.count }
    return source.rowCount
  }

  /// The source row shown at a position (no bounds check against the source). A position past a
  /// sort order made before the source grew (a change not yet followed by a reload) reads as the
  /// source's own row rather than trapping; the next reload puts it in order.
  public func row(at position: Int) -> Int {
    if let matches { return matches.indices.contains(position) ? Int(matches[position]) : position }
    if let order { return order.indices.contains(position) ? Int(order[position]) : position }
    return position
  }

  /// The source row under the selection, if any row is shown.
  public func selectedRow(in source: some TableDataSource) -> Int? {
    let n = count(in: source)
    guard selection >= 0, selection < n else { return nil }
    let row = row(at: selection)
    return row < source.rowCount ? row : nil
  }

  /// The first position to draw in a body of `height` rows showing `count` rows: the stored
  /// offset when the selection is in view, else one that centres the selection.
  func firstVisible(height: Int, count: Int) -> Int {
    let h = max(1, height)
    let selected = min(max(0, selection), max(0, count - 1))
    var first = offset
    if selected < first || selected >= first + h { first = selected - h / 2 }
    return min(max(0, first), max(0, count - h))
  }

  /// Scrolls so the selection is in view: by the least amount after a small move, centred
  /// (like htop) after a jump.
  mutating func reveal(count: Int, centered: Bool) {
    let h = max(1, viewportHeight)
    selection = min(max(0, selection), max(0, count - 1))
    if selection < offset || selection >= offset + h {
      if centered {
        offset = selection - h / 2
      } else if selection < offset {
        offset = selection
      } else {
        offset = selection - h + 1
      }
    }
    offset = min(max(0, offset), max(0, count - h))
  }
}
