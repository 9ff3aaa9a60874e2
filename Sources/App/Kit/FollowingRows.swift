import Domain
import Localization
import Widgets

/// A record list of one row per record of one kind, in an order of the records themselves (newest
/// first, by number): its rows hold per record only what ordering, facets and marks need, make
/// their cells when drawn, and follow each change's touched records (`RecordRows.follow`) instead
/// of being made again, so that a first visit costs a pass over the records without a string made,
/// and a change, or the first visit after one, the records it touched.
///
/// A spec gives a record's `entry` (its facet options, mark, archived flag) and its `cells`, and
/// the order by `orderKey`; `rows(context:)` is then made by the kit (`RecordRows(following:)`) and
/// the kit's `update` follows changes (a source that wraps `RecordRows` with more by row calls
/// `follow` itself and hears each splice).
public protocol FollowingRecordList: RecordListSpec {
  /// The records listed, one row each.
  associatedtype Record: Domain.Record
  /// What a row needs besides its record, made once per build or follow (a facet's options).
  associatedtype RowLookup
  /// What orders the rows: ascending, top first (a date and number, newest first).
  associatedtype OrderKey: Comparable

  /// The kind of the records listed.
  static var listedKind: RecordKind { get }
  /// The kinds whose names the rows show (members, rivers): renaming one builds the rows anew.
  static var namedKinds: Set<RecordKind> { get }
  /// The table of the records listed (every record of it is listed).
  static func table(in data: CommitteeState) -> RecordTable<Record>
  /// The record behind a reference of `listedKind`, if it is listed.
  static func record(_ ref: RecordRef, in data: CommitteeState) -> Record?
  /// What rows made at `before` need, made for `context`'s data; nil when rows made at `before`
  /// no longer fit it (a facet gained or lost an option, so every row's option moved). `touched`:
  /// the records changed since `before`, so that the check need not compare every record.
  static func lookup(context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>) -> RowLookup?
  /// A record's row without its cells: its reference, mark, archived flag and facet options.
  static func entry(_ record: Record, lookup: RowLookup, context: ScreenContext) -> RecordRow
  /// A record's cells, one per column, made when its row is drawn or its search key built.
  static func cells(_ record: Record, context: ScreenContext) -> [String]
  /// Where a record's row goes: rows are in ascending order of their keys.
  static func orderKey(_ record: Record) -> OrderKey
  /// The listed records whose rows show a touched record of another kind (a visit counts the
  /// problems raised from it). Default: none.
  static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState) -> [RecordRef]
}

extension FollowingRecordList {
  /// The changes since are known (the change log still holds them all), and not so many that a
  /// build costs less than following them (`RecordRows.followLimit`).
  public static func canFollow(builtAt version: Int, context: ScreenContext) -> Bool {
    guard let touched = context.changes.touched(since: version) else { return false }
    return touched.count <= RecordRows.followLimit
  }

  public static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState)
    -> [RecordRef]
  {
    []
  }

  public static func rowCount(in data: CommitteeState) -> Int? { table(in: data).count }

  /// Whether the row of `a` comes before the row of `b`.
  public static func precedes(_ a: Record, _ b: Record) -> Bool { orderKey(a) < orderKey(b) }

  /// A record's whole row, cells included (what the rows show; tests compare them).
  public static func row(_ record: Record, lookup: RowLookup, context: ScreenContext) -> RecordRow {
    var row = entry(record, lookup: lookup, context: context)
    row.cells = cells(record, context: context)
    return row
  }

  /// The cells of the rows, made from the records of `context` when asked for.
  static func cellMaker(_ context: ScreenContext) -> RowCells {
    RowCells { ref in record(ref, in: context.data).map { cells($0, context: context) } ?? [] }
  }

  /// Every row whole, made as lists made them before their cells were made when drawn: every
  /// record's cells formatted, the records sorted. What `RecordRows(following:)` must equal.
  static func rowsMadeWhole(context: ScreenContext) -> RecordRows {
    guard let lookup = lookup(context: context, before: nil, touched: []) else { return RecordRows() }
    let records = table(in: context.data).values.sorted(by: precedes)
    return RecordRows(records.map { row($0, lookup: lookup, context: context) }, madeFrom: context)
  }
}

extension FollowingRecordList where Source == RecordRows {
  public static func rows(context: ScreenContext) -> RecordRows {
    RecordRows(following: Self.self, context: context)
  }

  public static func rows(context: ScreenContext, progress: any BuildProgress) -> RecordRows {
    RecordRows(following: Self.self, context: context, progress: progress)
  }

  public static func update(_ rows: inout RecordRows, builtAt version: Int, context: ScreenContext) {
    if !rows.follow(Self.self, builtAt: version, context: context) { rows = Self.rows(context: context) }
  }
}

/// The order of records listed newest first, then by number (the larger first).
public struct NewestFirst: Comparable, Sendable {
  public var day: Day
  public var number: UInt64

  public init(_ day: Day, _ number: UInt64) {
    self.day = day
    self.number = number
  }

  public static func < (lhs: NewestFirst, rhs: NewestFirst) -> Bool {
    (lhs.day, lhs.number) > (rhs.day, rhs.number)
  }
}

/// One row taken out of or put into rows that follow a change, for what a source keeps beside them.
enum RowSplice {
  case removed(row: Int)
  case inserted(row: Int, ref: RecordRef)
}

extension RecordRows {
  /// The rows in another language: their cells made by `maker` from now on, their search keys built
  /// again (on another thread for a long list, as after a first visit).
  mutating func relabel(cells maker: RowCells, language: Language) {
    cells = .made(maker)
    base?.language = language
    keysBuild = nil
    searchKeys = nil
    startKeys(from: Self.keysInBackgroundFrom, gate: .app)
  }

  /// More touched records of the list than this and the rows are made again: a splice moves the
  /// rows after it, so many splices cost more than one build.
  static let followLimit = 2_000

  /// The rows of `Spec` for the context's data: one pass over the records for their entries and
  /// order keys, one sort of the keys; no cell made (they are made when drawn).
  ///
  /// With `progress` (rows made on another thread, `RowsBuild`), the pass steps aside between
  /// slices while the app answers an event, and stops when the rows are no longer wanted (rows of
  /// none); the search keys are then left to the list that takes the rows in.
  init<Spec: FollowingRecordList>(
    following spec: Spec.Type, context: ScreenContext,
    keysInBackgroundFrom: Int = RecordRows.keysInBackgroundFrom, gate: BackgroundGate = .app,
    progress: (any BuildProgress)? = nil
  ) {
    guard let lookup = Spec.lookup(context: context, before: nil, touched: []) else {
      self.init()
      return
    }
    var keys: [Spec.OrderKey] = []
    var entries: [RecordRow] = []
    let table = Spec.table(in: context.data)
    keys.reserveCapacity(table.count)
    entries.reserveCapacity(table.count)
    var facetCount = Spec.facets(context: context).count
    // The records are read in their boxes, not copied out one by one.
    for box in table.storage.values {
      // The pass and the sort each count for half of the build.
      if let progress, keys.count % Self.pauseEvery == 0,
        !(keys.count % Self.rowsSlice == 0
          ? progress.step(done: keys.count, total: 2 * table.count) : progress.pauseIfHeld())
      {
        self.init()
        return
      }
      keys.append(Spec.orderKey(box.value))
      let entry = Spec.entry(box.value, lookup: lookup, context: context)
      facetCount = max(facetCount, entry.facets.count)
      entries.append(entry)
    }
    if let progress, !progress.step(done: keys.count, total: 2 * table.count) {
      self.init()
      return
    }
    var order = Array(0..<Int32(keys.count))
    if let progress {
      // A million keys take hundreds of milliseconds to sort: the sort itself pauses for keys.
      guard progress.sort(&order, by: { keys[Int($0)] < keys[Int($1)] }) else {
        self.init()
        return
      }
    } else {
      order.sort { keys[Int($0)] < keys[Int($1)] }
    }
    if let progress, !progress.step(done: 3 * keys.count / 2, total: 2 * table.count) {
      self.init()
      return
    }
    self.init(
      entries: [], facetCount: facetCount, cells: Spec.cellMaker(context), madeFrom: context,
      keysInBackgroundFrom: .max, gate: gate)
    // `init(entries:)` made the keys of no entry; none are made for a build on another thread.
    searchKeys = nil
    reserve(order.count)
    for (done, index) in order.enumerated() {
      if let progress, done % Self.pauseEvery == 0, !progress.pauseIfHeld() {
        self.init()
        return
      }
      appendEntry(entries[Int(index)])
    }
    guard progress == nil else { return }
    startKeys(from: keysInBackgroundFrom, gate: gate)
  }

  /// Records read per slice of a build on another thread: a few milliseconds.
  static let rowsSlice = 4_096
  /// Records between two looks at the gate inside a step that has no slices of its own.
  static let pauseEvery = 256

  /// Carries rows made by `Spec` at data version `version` to `context`'s data: the touched records
  /// of the list (and those whose rows show another touched record) are taken out and put back
  /// where the order puts them, their keys with them. False when the rows must be made anew: the
  /// changes are not known, the language or the day moved, a name the rows show was changed, a
  /// facet's options moved, or too many records were touched.
  mutating func follow<Spec: FollowingRecordList>(
    _ spec: Spec.Type, builtAt version: Int, context: ScreenContext, spliced: (RowSplice) -> Void = { _ in }
  ) -> Bool {
    guard case .made = cells, base?.today == context.today,
      let touched = context.changes.touched(since: version)
    else { return false }
    // Another language: the rows, their order, marks and facets stay (none hangs on the language);
    // the cells are made in it when drawn, and the search keys, which hold the cells' text, are
    // built again on another thread. At a million records a second on the app's thread otherwise.
    if base?.language != context.language {
      relabel(cells: Spec.cellMaker(context), language: context.language)
    }
    guard let base else { return false }
    let before = base.data
    let after = context.data
    var relisted: Set<RecordRef> = []
    for ref in touched {
      if ref.kind == Spec.listedKind {
        relisted.insert(ref)
      } else if Spec.namedKinds.contains(ref.kind) {
        // A record new to the data is in no row yet; one renamed or gone is in rows unknown.
        if before.value(of: ref) != nil, before.displayName(of: ref) != after.displayName(of: ref) {
          return false
        }
      }
      if ref.kind != Spec.listedKind {
        relisted.formUnion(Spec.rowsShowing(ref, before: before, after: after))
      }
    }
    // The cells of rows not relisted are the same made from the new data; made from it, a row's
    // cells never come from two versions.
    let maker = Spec.cellMaker(context)
    guard !relisted.isEmpty else {
      cells = .made(maker)
      self.base = Base(data: after, language: context.language, today: context.today)
      return true
    }
    guard relisted.count <= Self.followLimit,
      let lookup = Spec.lookup(context: context, before: before, touched: touched)
    else { return false }
    var keys = searchKeys
    searchKeys = nil
    if let count = keys?.count, count != refs.count { keys = nil }
    // Out first, from the last row up, so that the rows still to take out keep their numbers.
    var out: [Int] = []
    for (row, ref) in refs.enumerated() where relisted.contains(ref) { out.append(row) }
    for row in out.reversed() {
      removeEntry(at: row)
      keys?.remove(row: row)
      spliced(.removed(row: row))
    }
    // Then in, each where the order puts it among the rows left (their records did not change).
    for ref in relisted {
      guard let record = Spec.record(ref, in: after) else { continue }
      let key = Spec.orderKey(record)
      var low = 0
      var high = refs.count
      while low < high {
        let middle = (low + high) / 2
        if let other = Spec.record(refs[middle], in: after), Spec.orderKey(other) < key {
          low = middle + 1
        } else {
          high = middle
        }
      }
      let entry = Spec.entry(record, lookup: lookup, context: context)
      // A row with more facets than the rows were made with (the list was empty): made anew.
      guard entry.facets.count <= facetCount else { return false }
      insertEntry(entry, at: low)
      keys?.insert(maker.key(of: ref), at: low)
      spliced(.inserted(row: low, ref: ref))
    }
    if keysBuild != nil { relistedSinceKeysBuild.formUnion(relisted) }
    searchKeys = keys
    cells = .made(maker)
    self.base = Base(data: after, language: context.language, today: context.today)
    return true
  }
}
