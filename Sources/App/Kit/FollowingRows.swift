import Domain
import Localization
import Widgets

/// A record list of one row per record of one kind, in an order of the records themselves (newest
/// first, by number): its rows follow each change's touched records (`RecordRows.follow`) instead
/// of being made again, so that a change, or the first visit after one, costs the records it
/// touched and not the section's hundred thousand rows.
///
/// A spec makes its rows with `row(_:lookup:context:)` in `rows(context:)` and hands them over with
/// `RecordRows(_:madeFrom:)`; the kit's `update` then follows changes through the same function
/// (a source that wraps `RecordRows` with more by row calls `follow` itself and hears each splice).
public protocol FollowingRecordList: RecordListSpec {
  /// The records listed, one row each.
  associatedtype Record
  /// What a row needs besides its record, made once per build or follow (a facet's options).
  associatedtype RowLookup

  /// The kind of the records listed.
  static var listedKind: RecordKind { get }
  /// The kinds whose names the rows show (members, rivers): renaming one builds the rows anew.
  static var namedKinds: Set<RecordKind> { get }
  /// The record behind a reference of `listedKind`, if it is listed.
  static func record(_ ref: RecordRef, in data: CommitteeState) -> Record?
  /// What rows made at `before` need, made for `context`'s data; nil when rows made at `before`
  /// no longer fit it (a facet gained or lost an option, so every row's option moved). `touched`:
  /// the records changed since `before`, so that the check need not compare every record.
  static func lookup(context: ScreenContext, before: CommitteeState?, touched: Set<RecordRef>) -> RowLookup?
  /// A record's row.
  static func row(_ record: Record, lookup: RowLookup, context: ScreenContext) -> RecordRow
  /// Whether the row of `a` comes before the row of `b` (the order `rows(context:)` makes).
  static func precedes(_ a: Record, _ b: Record) -> Bool
  /// The listed records whose rows show a touched record of another kind (a visit counts the
  /// problems raised from it). Default: none.
  static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState) -> [RecordRef]
}

extension FollowingRecordList {
  public static func rowsShowing(_ ref: RecordRef, before: CommitteeState, after: CommitteeState)
    -> [RecordRef]
  {
    []
  }
}

extension FollowingRecordList where Source == RecordRows {
  public static func update(_ rows: inout RecordRows, builtAt version: Int, context: ScreenContext) {
    if !rows.follow(Self.self, builtAt: version, context: context) { rows = Self.rows(context: context) }
  }
}

/// One row taken out of or put into rows that follow a change, for what a source keeps beside them.
enum RowSplice {
  case removed(row: Int)
  case inserted(row: Int, ref: RecordRef)
}

extension RecordRows {
  /// More touched records of the list than this and the rows are made again: a splice moves the
  /// rows after it, so many splices cost more than one build.
  static let followLimit = 2_000

  /// Carries rows made by `Spec` at data version `version` to `context`'s data: the touched records
  /// of the list (and those whose rows show another touched record) are taken out and put back
  /// where the order puts them, their keys with them. False when the rows must be made anew: the
  /// changes are not known, the language or the day moved, a name the rows show was changed, a
  /// facet's options moved, or too many records were touched.
  mutating func follow<Spec: FollowingRecordList>(
    _ spec: Spec.Type, builtAt version: Int, context: ScreenContext, spliced: (RowSplice) -> Void = { _ in }
  ) -> Bool {
    guard let base, base.language == context.language, base.today == context.today,
      let touched = context.changes.touched(since: version)
    else { return false }
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
    guard !relisted.isEmpty else {
      self.base = Base(data: after, language: context.language, today: context.today)
      return true
    }
    guard relisted.count <= Self.followLimit, var keys = searchKeys, keys.count == rows.count,
      let lookup = Spec.lookup(context: context, before: before, touched: touched)
    else { return false }
    searchKeys = nil
    // Out first, from the last row up, so that the rows still to take out keep their numbers.
    var lowest = rows.count
    for row in relisted.compactMap({ rowsByRef[$0] }).sorted(by: >) {
      rowsByRef[rows[row].ref] = nil
      rows.remove(at: row)
      keys.remove(row: row)
      spliced(.removed(row: row))
      lowest = min(lowest, row)
    }
    // Then in, each where the order puts it among the rows left (their records did not change).
    for ref in relisted {
      guard let record = Spec.record(ref, in: after) else { continue }
      var low = 0
      var high = rows.count
      while low < high {
        let middle = (low + high) / 2
        if let other = Spec.record(rows[middle].ref, in: after), Spec.precedes(other, record) {
          low = middle + 1
        } else {
          high = middle
        }
      }
      let row = Spec.row(record, lookup: lookup, context: context)
      rows.insert(row, at: low)
      keys.insert(row.cells.joined(separator: " "), at: low)
      spliced(.inserted(row: low, ref: ref))
      lowest = min(lowest, low)
    }
    // Rows from the first one moved on have new numbers.
    for row in rows.indices.dropFirst(lowest) { rowsByRef[rows[row].ref] = row }
    searchKeys = keys
    self.base = Base(data: after, language: context.language, today: context.today)
    return true
  }
}
