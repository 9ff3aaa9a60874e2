import Domain
import Foundation

/// Indexes several screens read, made once per data version on first use (the Domain keeps
/// only the indexes its rules need, so that loading a store stays fast).
///
/// It is a memo of `data`, not state: two states with equal data answer alike, so it compares
/// equal to any other (it is replaced, never mutated, when the data changes).
public final class SharedIndexes: @unchecked Sendable, Equatable {
  public static func == (lhs: SharedIndexes, rhs: SharedIndexes) -> Bool { true }

  private let lock = NSLock()
  private var bySource: [RecordRef: [ProblemID]]?
  /// The participation index and the data it was built from.
  private var participationIndex: (index: Participation, source: CommitteeState)?

  public init() {}

  /// Fresh indexes for changed data, keeping what can be checked cheaply to be still true (the
  /// participation index, when the records it is built from are unchanged).
  public init(after old: SharedIndexes) {
    old.lock.lock()
    participationIndex = old.participationIndex
    old.lock.unlock()
  }

  /// Problems by the record that raised them.
  public func problemsBySource(_ data: CommitteeState) -> [RecordRef: [ProblemID]] {
    lock.lock()
    defer { lock.unlock() }
    if let bySource { return bySource }
    var index: [RecordRef: [ProblemID]] = [:]
    for (id, problem) in data.problems { index[problem.source.ref, default: []].append(id) }
    bySource = index
    return index
  }

  /// What each member took part in (the registers' member detail). Most changes (a member saved,
  /// a sector archived) leave every record a member takes part in untouched; the persistent maps
  /// then compare equal at once and the index is kept.
  func participation(_ data: CommitteeState) -> Participation {
    lock.lock()
    defer { lock.unlock() }
    if let kept = participationIndex, Participation.sameSources(kept.source, data) {
      participationIndex = (kept.index, data)
      return kept.index
    }
    let index = Participation(data)
    participationIndex = (index, data)
    return index
  }
}
