import Domain

/// Which records each recent data version touched, so that a screen catching up on the data can
/// follow just those records (a tally, an index) instead of recounting every record.
///
/// Bounded: a screen further behind than the log reaches, or behind a change whose records are not
/// known (a demo load, a reload), is told to rebuild.
public struct ChangeLog: Sendable, Equatable {
  /// How many versions the log keeps.
  public static let capacity = 256

  /// The version each entry brought the data to, and the records it touched (nil: unknown).
  private(set) var entries: [(version: Int, touched: [RecordRef]?)] = []

  public init() {}

  public static func == (lhs: ChangeLog, rhs: ChangeLog) -> Bool {
    lhs.entries.map(\.version) == rhs.entries.map(\.version)
      && lhs.entries.map(\.touched) == rhs.entries.map(\.touched)
  }

  mutating func record(version: Int, touched: [RecordRef]?) {
    entries.append((version, touched))
    if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
  }

  /// Every record touched after `version` up to the newest; nil when that is not known (rebuild).
  public func touched(since version: Int) -> Set<RecordRef>? {
    guard let newest = entries.last?.version else { return version == 0 ? [] : nil }
    if version >= newest { return [] }
    guard let first = entries.first, first.version <= version + 1 else { return nil }
    var refs: Set<RecordRef> = []
    for entry in entries where entry.version > version {
      guard let touched = entry.touched else { return nil }
      refs.formUnion(touched)
    }
    return refs
  }
}
