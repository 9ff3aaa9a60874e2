import Domain
import Localization
import TerminalCore
import Widgets

/// Where a record list gets its rows. `RecordRows` (an array of `RecordRow`) suits most sections;
/// a section with a million records supplies its own source built from compact columns, keeping
/// `searchKeys` so that a filter key stays a byte scan.
public protocol RecordSource: TableDataSource, Equatable, Sendable {
  /// The record shown on a row.
  func ref(row: Int) -> RecordRef
  /// The row showing a record, if it is listed.
  func row(of ref: RecordRef) -> Int?
  /// Whether a row's record is archived (hidden unless the list shows archived records).
  func isArchived(row: Int) -> Bool
  /// A row's option for a facet (an index into `RecordFacet.options`), or nil for none.
  func facetOption(row: Int, facet: Int) -> Int?
  /// Narrows the rows to those a filter passes, inside the source, so that its search keys and
  /// sorted orders stay those of the rows shown (a million rows); false: the list narrows them
  /// row by row through `facetOption`. Default: false.
  mutating func narrow(to filter: RecordFilter) -> Bool
  /// Builds (more of) the search keys ahead of `/`: a slice on an idle tick, all of them when
  /// the filter line opens. Default: nothing (the keys are made with the rows).
  mutating func prepareSearchKeys(all: Bool)
  /// How many records there are before any narrowing (0: the list's empty state). Default:
  /// `rowCount`.
  var recordCount: Int { get }
  /// What narrows the rows besides the facets (the record a jump came from), shown first in the
  /// list's header. Default: nil.
  var narrowing: String? { get }
}

extension RecordSource {
  public mutating func narrow(to filter: RecordFilter) -> Bool { false }
  public mutating func prepareSearchKeys(all: Bool) {}
  public var narrowing: String? { nil }
  public var recordCount: Int { rowCount }
}

/// One row of a record list held in memory.
public struct RecordRow: Equatable, Sendable {
  public var ref: RecordRef
  /// The cells, already translated and formatted, one per column.
  public var cells: [String]
  public var mark: RowMark?
  public var archived: Bool
  /// The row's option for each facet, in the spec's facet order (nil: none).
  public var facets: [Int?]

  public init(
    ref: RecordRef, cells: [String], mark: RowMark? = nil, archived: Bool = false, facets: [Int?] = []
  ) {
    self.ref = ref
    self.cells = cells
    self.mark = mark
    self.archived = archived
    self.facets = facets
  }
}

/// Rows held in memory, with their search keys: for lists of up to a few hundred thousand records.
public struct RecordRows: RecordSource {
  public internal(set) var rows: [RecordRow]
  public internal(set) var searchKeys: SearchKeys?
  var rowsByRef: [RecordRef: Int]
  /// What the rows were made from, when made with `init(_:madeFrom:)`: what `follow` needs to
  /// carry them through later changes.
  var base: Base?

  /// The data, language and day rows were made from.
  struct Base: Sendable {
    var data: CommitteeState
    var language: Language
    var today: Day
  }

  public init(_ rows: [RecordRow] = []) {
    self.rows = rows
    searchKeys = SearchKeys(count: rows.count) { rows[$0].cells.joined(separator: " ") }
    rowsByRef = Dictionary(rows.enumerated().map { ($1.ref, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// Rows made from the context's data, kept so that they can follow its changes (`follow`).
  public init(_ rows: [RecordRow], madeFrom context: ScreenContext) {
    self.init(rows)
    base = Base(data: context.data, language: context.language, today: context.today)
  }

  /// Two sources are alike when they show the same rows with the same keys (whatever they were made from).
  public static func == (lhs: RecordRows, rhs: RecordRows) -> Bool {
    lhs.rows == rhs.rows && lhs.searchKeys == rhs.searchKeys
  }

  public var rowCount: Int { rows.count }
  public func text(row: Int, column: Int) -> String {
    guard row >= 0, row < rows.count, column >= 0, column < rows[row].cells.count else { return "" }
    return rows[row].cells[column]
  }
  public func mark(row: Int) -> RowMark? { rows[row].mark }
  public func ref(row: Int) -> RecordRef { rows[row].ref }
  public func row(of ref: RecordRef) -> Int? { rowsByRef[ref] }
  public func isArchived(row: Int) -> Bool { rows[row].archived }
  public func facetOption(row: Int, facet: Int) -> Int? {
    facet < rows[row].facets.count ? rows[row].facets[facet] : nil
  }
}

/// The rows of a source that pass the facets and the archived toggle, as the table sees them.
/// With nothing hidden it is the source itself (its search keys and sorted orders included).
struct FilteredSource<Base: RecordSource>: TableDataSource {
  var base: Base
  /// The base rows shown, in base order; nil: all of them.
  var shown: [Int32]?

  var rowCount: Int { shown?.count ?? base.rowCount }
  func baseRow(_ row: Int) -> Int { shown.map { Int($0[row]) } ?? row }
  func text(row: Int, column: Int) -> String { base.text(row: baseRow(row), column: column) }
  func mark(row: Int) -> RowMark? { base.mark(row: baseRow(row)) }
  var searchKeys: SearchKeys? { shown == nil ? base.searchKeys : nil }
  /// The base's own order (numeric where the base sorts by number) kept to the rows shown, so that
  /// a facet does not turn a numeric sort into a text one.
  func sortedRows(column: Int, ascending: Bool) -> [Int32]? {
    guard let order = base.sortedRows(column: column, ascending: ascending) else { return nil }
    guard let shown else { return order }
    var position = [Int32](repeating: -1, count: base.rowCount)
    for (index, row) in shown.enumerated() where Int(row) < position.count {
      position[Int(row)] = Int32(index)
    }
    var result: [Int32] = []
    result.reserveCapacity(shown.count)
    for row in order where Int(row) < position.count && position[Int(row)] >= 0 {
      result.append(position[Int(row)])
    }
    return result
  }
  /// The row showing a base row, if shown.
  func row(ofBase baseRow: Int) -> Int? {
    guard let shown else { return baseRow }
    return shown.firstIndex(of: Int32(baseRow))
  }
}

/// A facet of a list: a named choice of values (a stage, a river), cycled by one action.
public struct RecordFacet: Sendable {
  /// The action that moves to the next option (bound in the spec's key context).
  public var action: Action
  /// The facet's name, translated ("Stage").
  public var title: String
  /// The options' names, translated; a row's option is an index into them.
  public var options: [String]

  public init(action: Action, title: String, options: [String]) {
    self.action = action
    self.title = title
    self.options = options
  }
}

/// The one filter model of record lists: a choice per facet and whether archived records show;
/// the text search lives in the table (`TableState.filter`), applied to the rows these leave.
public struct RecordFilter: Equatable, Sendable {
  /// The chosen option of each facet, by facet index; absent: any.
  public var facets: [Int: Int] = [:]
  public var showArchived = false

  public init() {}

  /// Whether a row passes.
  func admits(row: Int, in source: some RecordSource) -> Bool {
    if !showArchived && source.isArchived(row: row) { return false }
    for (facet, option) in facets where source.facetOption(row: row, facet: facet) != option { return false }
    return true
  }

  /// Whether nothing is hidden by it.
  var hidesNothing: Bool { facets.isEmpty && showArchived }
}
