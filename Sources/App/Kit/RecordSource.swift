import Domain
import Foundation
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

/// Rows of a record list: per row only what ordering, facets and marks need (the record, its
/// facet options, archived or not, its mark), the cells either held (`init(_:)`, for short lists)
/// or made when a row is drawn (`RowCells`, for the following lists of a hundred thousand records:
/// strings made per record per visit were most of a first visit's time and of the app's memory).
/// The search keys come with held cells; with made cells they are built on a thread of their own
/// from a large list's first visit (`RowKeysBuild`), or at once for a short one.
public struct RecordRows: RecordSource {
  /// The record of each row.
  public internal(set) var refs: [RecordRef]
  /// Each row's mark, as 1 + an index into `markTable` (0: none): a byte a row.
  var markCodes: [UInt8]
  /// The distinct marks the rows carry.
  var markTable: [RowMark]
  var archivedFlags: [Bool]
  /// Facet options of every row, `facetCount` a row (-1: none).
  var facetOptions: [Int32]
  var facetCount: Int
  /// Where the cells come from.
  var cells: Cells
  public internal(set) var searchKeys: SearchKeys?
  /// The keys being built on another thread; nil: none.
  var keysBuild: RowKeysBuild.Handle?
  /// The records whose rows were taken out or put in since `keysBuild` started: their keys are made
  /// again when the build's keys are taken in.
  var relistedSinceKeysBuild: Set<RecordRef> = []
  /// What the rows were made from, when made with `init(_:madeFrom:)` or `init(following:)`: what
  /// `follow` needs to carry them through later changes.
  var base: Base?

  /// From how many rows a list's search keys are built on another thread rather than with the rows.
  static let keysInBackgroundFrom = 5_000

  /// The cells of the rows: held, one array a row, or made from the record when asked for.
  enum Cells: Sendable {
    case held([[String]])
    case made(RowCells)
  }

  /// The data, language and day rows were made from.
  struct Base: Sendable {
    var data: CommitteeState
    var language: Language
    var today: Day
  }

  public init(_ rows: [RecordRow] = []) {
    refs = []
    markCodes = []
    markTable = []
    archivedFlags = []
    facetOptions = []
    facetCount = rows.map(\.facets.count).max() ?? 0
    cells = .held(rows.map(\.cells))
    reserve(rows.count)
    for row in rows { appendEntry(row) }
    searchKeys = SearchKeys(count: rows.count) { rows[$0].cells.joined(separator: " ") }
  }

  /// Rows made from the context's data, kept so that they can follow its changes (`follow`).
  public init(_ rows: [RecordRow], madeFrom context: ScreenContext) {
    self.init(rows)
    base = Base(data: context.data, language: context.language, today: context.today)
  }

  /// Rows of `entries` (their cells empty) whose cells `cells` makes when drawn; the search keys
  /// built now for a short list, on another thread from `keysInBackgroundFrom` rows.
  init(
    entries: [RecordRow], facetCount: Int, cells: RowCells, madeFrom context: ScreenContext,
    keysInBackgroundFrom: Int = RecordRows.keysInBackgroundFrom, gate: BackgroundGate = .app
  ) {
    refs = []
    markCodes = []
    markTable = []
    archivedFlags = []
    facetOptions = []
    self.facetCount = facetCount
    self.cells = .made(cells)
    reserve(entries.count)
    for entry in entries { appendEntry(entry) }
    base = Base(data: context.data, language: context.language, today: context.today)
    startKeys(from: keysInBackgroundFrom, gate: gate)
  }

  /// Makes the search keys now for fewer rows than `threshold`; for more, starts their build on
  /// another thread.
  mutating func startKeys(from threshold: Int, gate: BackgroundGate) {
    guard case .made(let maker) = cells, refs.count >= threshold else {
      buildKeysNow()
      return
    }
    searchKeys = nil
    relistedSinceKeysBuild = []
    keysBuild = RowKeysBuild.Handle(RowKeysBuild(refs: refs, cells: maker, gate: gate))
  }

  mutating func reserve(_ count: Int) {
    refs.reserveCapacity(count)
    markCodes.reserveCapacity(count)
    archivedFlags.reserveCapacity(count)
    facetOptions.reserveCapacity(count * facetCount)
  }

  mutating func appendEntry(_ row: RecordRow) {
    refs.append(row.ref)
    markCodes.append(code(of: row.mark))
    archivedFlags.append(row.archived)
    for facet in 0..<facetCount { facetOptions.append(Self.option(row.facets, facet)) }
  }

  /// Puts a row's entry at `index` (its cells, when held, too).
  mutating func insertEntry(_ row: RecordRow, at index: Int) {
    refs.insert(row.ref, at: index)
    markCodes.insert(code(of: row.mark), at: index)
    archivedFlags.insert(row.archived, at: index)
    let options = (0..<facetCount).map { Self.option(row.facets, $0) }
    facetOptions.insert(contentsOf: options, at: index * facetCount)
  }

  mutating func removeEntry(at index: Int) {
    refs.remove(at: index)
    markCodes.remove(at: index)
    archivedFlags.remove(at: index)
    facetOptions.removeSubrange((index * facetCount)..<((index + 1) * facetCount))
  }

  static func option(_ facets: [Int?], _ facet: Int) -> Int32 {
    facet < facets.count ? facets[facet].map { Int32($0) } ?? -1 : -1
  }

  mutating func code(of mark: RowMark?) -> UInt8 {
    guard let mark else { return 0 }
    if let index = markTable.firstIndex(of: mark) { return UInt8(index + 1) }
    // A list has a handful of marks; past 255 the rest go unmarked rather than wrong.
    guard markTable.count < 255 else { return 0 }
    markTable.append(mark)
    return UInt8(markTable.count)
  }

  /// Every row whole, cells included (tests compare them; a list draws only the rows it shows).
  public var rows: [RecordRow] {
    refs.indices.map { row in
      RecordRow(
        ref: refs[row], cells: cells(row: row), mark: mark(row: row), archived: archivedFlags[row],
        facets: (0..<facetCount).map { facetOption(row: row, facet: $0) })
    }
  }

  /// A row's cells, made now if they are not held.
  func cells(row: Int) -> [String] {
    switch cells {
    case .held(let all): return row < all.count ? all[row] : []
    case .made(let maker): return maker.cells(of: refs[row])
    }
  }

  /// Two sources are alike when they show the same rows with the same keys (whatever they were
  /// made from); cells made when drawn are alike when made by the same maker.
  public static func == (lhs: RecordRows, rhs: RecordRows) -> Bool {
    guard lhs.refs == rhs.refs, lhs.archivedFlags == rhs.archivedFlags, lhs.searchKeys == rhs.searchKeys,
      lhs.markCodes == rhs.markCodes, lhs.markTable == rhs.markTable,
      lhs.facetCount == rhs.facetCount, lhs.facetOptions == rhs.facetOptions
    else { return false }
    switch (lhs.cells, rhs.cells) {
    case (.held(let a), .held(let b)): return a == b
    case (.made(let a), .made(let b)): return a === b
    default: return false
    }
  }

  public var rowCount: Int { refs.count }
  public func text(row: Int, column: Int) -> String {
    guard row >= 0, row < refs.count, column >= 0 else { return "" }
    let cells = cells(row: row)
    return column < cells.count ? cells[column] : ""
  }
  public func mark(row: Int) -> RowMark? {
    let code = Int(markCodes[row])
    return code == 0 ? nil : markTable[code - 1]
  }
  public func ref(row: Int) -> RecordRef { refs[row] }
  /// A scan of the references: a selection is looked up once per rebuild, not per frame, and a
  /// table of a hundred thousand references costs more to make than a scan.
  public func row(of ref: RecordRef) -> Int? { refs.firstIndex(of: ref) }
  public func isArchived(row: Int) -> Bool { archivedFlags[row] }
  public func facetOption(row: Int, facet: Int) -> Int? {
    guard facet < facetCount else { return nil }
    let option = facetOptions[row * facetCount + facet]
    return option < 0 ? nil : Int(option)
  }

  // MARK: Search keys

  /// A row's search key: its cells, as the table would join them.
  func keyText(row: Int) -> String { cells(row: row).joined(separator: " ") }

  mutating func buildKeysNow() {
    keysBuild = nil
    relistedSinceKeysBuild = []
    switch cells {
    case .held(let all): searchKeys = SearchKeys(count: all.count) { all[$0].joined(separator: " ") }
    case .made(let maker):
      let refs = refs
      searchKeys = SearchKeys(count: refs.count) { maker.key(of: refs[$0]) }
    }
  }

  /// Takes in the keys of a finished background build, those of the rows relisted since made again.
  mutating func takeFinishedKeys() {
    guard searchKeys == nil, let handle = keysBuild, let (builtRefs, built) = handle.build.result else {
      return
    }
    keysBuild = nil
    let relisted = relistedSinceKeysBuild
    relistedSinceKeysBuild = []
    guard case .made(let maker) = cells else { return }
    if relisted.isEmpty && builtRefs == refs {
      searchKeys = built
      return
    }
    // Rows carried since the build keep its keys; the others are made now (a few).
    searchKeys = RowKeysBuild.carry(built, builtRows: builtRefs, to: refs, relisted: relisted) {
      maker.key(of: refs[$0])
    }
  }

  /// `/` waits for a background build that is over half done; one less far along is given up and
  /// the keys are built here at once. On an idle tick, a finished build is taken in.
  ///
  /// Rows made on another thread come without keys or a build of them: the first tick after the
  /// list takes them in starts it.
  public mutating func prepareSearchKeys(all: Bool) {
    guard searchKeys == nil else { return }
    takeFinishedKeys()
    guard searchKeys == nil else { return }
    guard all else {
      if keysBuild == nil { startKeys(from: Self.keysInBackgroundFrom, gate: .app) }
      return
    }
    if let handle = keysBuild, handle.build.fraction >= 0.5, handle.build.hurry(seconds: 60) {
      takeFinishedKeys()
      if searchKeys != nil { return }
    }
    buildKeysNow()
  }

  /// Whether the search keys are still being built on another thread.
  var keysPending: Bool { searchKeys == nil && keysBuild != nil }
}

/// The cells of a list's rows made from their records when asked for (a row drawn, a key built),
/// with the last rows made kept, so that a frame or a move does not make a row again.
public final class RowCells: @unchecked Sendable {
  /// Rows kept: several screens of rows, a few kilobytes.
  static let kept = 512

  private let make: @Sendable (RecordRef) -> [String]
  /// Guards `made` (the table draws on the main thread; the keys are built on another).
  private let lock = NSLock()
  private var made: [RecordRef: [String]] = [:]

  /// Cells made by `make` from a record's reference ([] when the record is gone).
  public init(_ make: @escaping @Sendable (RecordRef) -> [String]) {
    self.make = make
  }

  /// A row's cells, kept for the next frame.
  func cells(of ref: RecordRef) -> [String] {
    if let known = lock.withLock({ made[ref] }) { return known }
    let cells = make(ref)
    lock.withLock {
      if made.count >= Self.kept { made.removeAll(keepingCapacity: true) }
      made[ref] = cells
    }
    return cells
  }

  /// A row's search key, made without keeping its cells (every row's key is made once).
  func key(of ref: RecordRef) -> String { make(ref).joined(separator: " ") }
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
  /// The base's keys of the rows shown: a filter key under a facet stays a byte scan (and finds
  /// what it finds without the facet), not every shown row's cells made and joined.
  var searchKeys: SearchKeys? {
    guard let shown else { return base.searchKeys }
    guard let keys = base.searchKeys, keys.count == base.rowCount else { return nil }
    return keys.gather(shown)
  }
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
