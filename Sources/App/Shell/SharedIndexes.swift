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
  private var participationIndex: Participation?

  public init() {}

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

  /// What each member took part in (the registers' member detail).
  func participation(_ data: CommitteeState) -> Participation {
    lock.lock()
    defer { lock.unlock() }
    if let participationIndex { return participationIndex }
    let index = Participation(data)
    participationIndex = index
    return index
  }
}
