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
  /// Figures a detail pane reads on every frame (a river's water trend, the sector duty roll-up),
  /// each made once per data version by a pass over its records.
  private var figures: [String: any Sendable] = [:]
  /// The participation index and the data it was built from.
  private var participationIndex: (index: Participation, source: CommitteeState)?

  public init() {}

  /// The indexes for the data after a change. What was already made is handed over and corrected
  /// for the records the change touched (each one's entry in `before` out, in `after` in), so a
  /// change costs the records it touched, not a pass over every problem; with `touched` unknown,
  /// the indexes are made again on first use.
  public func following(from before: CommitteeState, to after: CommitteeState, touched: [RecordRef]?)
    -> SharedIndexes
  {
    let next = SharedIndexes()
    // Kept whatever the change: `participation` checks cheaply whether its records are unchanged.
    next.participationIndex = lock.withLock { participationIndex }
    guard let touched else { return next }
    lock.withLock {
      guard var index = bySource else { return }
      // This memo is done with: letting go of its index lets the next one change it in place.
      bySource = nil
      for ref in touched where ref.kind == .problem {
        let id = ProblemID(raw: ref.raw)
        if let old = before.problems[id] {
          let source = old.source.ref
          index[source]?.removeAll { $0 == id }
          if index[source]?.isEmpty == true { index[source] = nil }
        }
        if let new = after.problems[id] { index[new.source.ref, default: []].append(id) }
      }
      next.bySource = index
    }
    return next
  }

  /// The problems a record raised (a consultation, a patrol, …), oldest first: what
  /// `CommitteeState.problems(from:)` answers, from the index instead of a pass over every problem.
  public func problems(from source: ProblemSource, in data: CommitteeState) -> [Problem] {
    (problemsBySource(data)[source.ref] ?? []).sorted().compactMap { data.problems[$0] }
  }

  /// A river's (or one segment's) water-quality summary, as `CommitteeState.waterSummary` makes it.
  public func waterSummary(river: RiverID, segment: String? = nil, in data: CommitteeState)
    -> RiverWaterSummary
  {
    // Every river and segment at once: a patrol list's detail asks for another one on each move.
    memo("water") { data.waterSummariesWithSegments() }.summary(river: river, segment: segment)
  }

  /// Every river's water-quality summary, as `CommitteeState.waterSummaries` makes them (the same
  /// pass as `waterSummary`, made once per data version).
  public func waterSummaries(in data: CommitteeState) -> [RiverID: RiverWaterSummary] {
    memo("water") { data.waterSummariesWithSegments() }.rivers
  }

  /// A sector's duties in a quarter, as `CommitteeState.dutyCompliance` makes them: every sector's
  /// at once, so that moving through the homes reads the activities once, not on every move.
  public func dutyCompliance(sector: SectorID, year: Int, quarter: Int, today: Day, in data: CommitteeState)
    -> DutyCompliance
  {
    memo("compliance \(year) \(quarter) \(today)") {
      data.dutyCompliances(year: year, quarter: quarter, today: today)
    }[
      sector] ?? data.dutyCompliance(sector: sector, year: year, quarter: quarter, today: today)
  }

  /// The sector homes' duty roll-up of a quarter, as `CommitteeState.dutyRollUp` makes it.
  public func dutyRollUp(year: Int, quarter: Int, today: Day, in data: CommitteeState) -> DutyRollUp {
    memo("duty \(year) \(quarter) \(today)") { data.dutyRollUp(year: year, quarter: quarter, today: today) }
  }

  private func memo<T: Sendable>(_ key: String, _ make: () -> T) -> T {
    if let known = lock.withLock({ figures[key] }) as? T { return known }
    let made = make()
    lock.withLock { figures[key] = made }
    return made
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
