import Foundation

/// What a board counts. Each record adds facts — "on this day, for this facet, this measure moved by
/// so much" — and a board sums the facts of its period.
public enum Measure: UInt8, CaseIterable, Hashable, Sendable {
  /// Problems raised, by the day they were raised.
  case raised
  /// Of the problems raised on a day, those closed by now (the cohort's closure).
  case raisedThenClosed
  /// Loops closed, by the day they were closed.
  case closed
  /// Loops closed on or before their due day, by the day they were closed.
  case closedOnTime
  /// Problems assigned to a department, by the day they were raised.
  case assigned
  /// Problems redone at least once, by the day they were raised.
  case redone
  /// +1 on the first day a problem is overdue, -1 on the day it is closed: their running sum is
  /// the number overdue on a day.
  case overdueChange
  /// Sum and count of evaluation scores (1–4), by the day the loop was closed.
  case evaluationScore
  case evaluations
  /// Consultations, by the day of their meeting.
  case consultationsHeld
  /// Patrols, by their day.
  case patrols
  /// Visits, by their day.
  case visits
  /// 社情民意 reports, by their day.
  case reports
  /// Sector activities, by their day; outreach talks and collective proposals also on their own.
  case sectorActivities
  case outreachTalks
  case collectiveProposals
  /// +1 on the day a problem is raised, -1 on the day it is closed: their running sum is the
  /// number open on a day.
  case openChange
  /// Supervision topics reaching a stage (proposed 提, discussed 议, reviewed 审, decided 定), by
  /// the day of the step that first reached it.
  case topicsProposed
  case topicsDiscussed
  case topicsReviewed
  case topicsDecided
  /// +1 on the day after a topic's follow-up inspection (回头看) fell due, -1 on the day it was
  /// made (when made late): their running sum is the number overdue on a day.
  case followUpOverdueChange
  /// Supervision topics evaluated (评), and of those commended, by the day of the evaluation.
  case topicEvaluations
  case topicsCommended
  /// Patrols that read the water's class, and of those the readings at or better than the
  /// river's target class, by the patrol's day.
  case readings
  case readingsMet
}

/// Which slice of the committee a fact belongs to.
public enum Facet: Hashable, Sendable {
  case all
  case department(DepartmentID)
  /// A station and every station above it, so a street counts its community rooms.
  case station(StationID)
  case sector(SectorID)
  case specialCommittee(SpecialCommitteeID)
  case river(RiverID)
  case member(MemberID)
  /// Problems by the kind of their source.
  case source(RecordKind)
  /// Problems raised, by their status now (for the Overview's status bars; not a breakdown).
  case status(ProblemStatus)
  /// Visits by their kind (the double-hundred actions; not a breakdown).
  case visitKind(VisitKind)
}

/// One fact a record contributes.
public struct BoardFact: Hashable, Sendable {
  public var measure: Measure
  public var facet: Facet
  public var day: Int
  public var amount: Int

  public init(_ measure: Measure, _ facet: Facet, day: Int, amount: Int = 1) {
    self.measure = measure
    self.facet = facet
    self.day = day
    self.amount = amount
  }
}

/// The boards' counts, kept per day, per facet and per measure, and followed change by change: when
/// a record changes, its old facts are taken out and its new ones put in, so no board recounts the
/// whole committee when the period or the data changes.
public struct BoardTally: Sendable, Equatable {
  struct Key: Hashable, Sendable {
    var measure: Measure
    var facet: Facet
  }

  /// Amount by day number, per measure and facet.
  private(set) var series: [Key: SortedCounts<Int32>] = [:]
  /// Loops by closing day and days from raised to closed (`closingKey`), per facet.
  private(set) var closingDays: [Facet: SortedCounts<Int64>] = [:]
  /// The committee as last counted. A record's facts are a function of the record and of a few
  /// records it names (a consultation's stations, a problem's source, a patrol's river), so what a
  /// record contributed is counted again from this state to take it out, instead of keeping tens of
  /// millions of facts (most of a gigabyte at a million records) beside the committee. It shares
  /// its storage with the app's state: only the records changed since cost memory.
  private var counted = CommitteeState()
  /// How many problems name each consultation, supervision topic and patrol as their source, so
  /// that a source whose stations, committee or river changed counts its problems again, and one
  /// that no problem names costs nothing.
  private var problemsBySourceCount: [RecordRef: Int32] = [:]
  /// The problems that were ever overdue, by their first late day (the day after the due day), each
  /// with the day it was raised and the day it closed: the Overview's list of the most overdue on a
  /// past day reads them instead of every problem's history.
  private var overdueSpans: [Int32: ContiguousArray<OverdueSpan>] = [:]
  /// The facets of each breakdown that have a series of a measure breakdowns list them by, and how
  /// many such series each has: a breakdown reads its facets here instead of walking every series
  /// (hundreds of thousands at a million records) on each change of period.
  private var breakdownFacets: [BreakdownKind: Set<Facet>] = [:]
  private var breakdownSeriesCount: [Facet: Int] = [:]

  /// The measures whose series make a facet a line of its breakdown.
  public static let breakdownMeasures: Set<Measure> = [
    .raised, .consultationsHeld, .patrols, .visits, .reports, .sectorActivities, .topicsProposed,
    .topicEvaluations,
  ]

  public static func == (lhs: BoardTally, rhs: BoardTally) -> Bool {
    lhs.series == rhs.series && lhs.closingDays == rhs.closingDays
      && lhs.problemsBySourceCount == rhs.problemsBySourceCount
      && sameSpans(lhs.overdueSpans, rhs.overdueSpans)
  }

  /// The same problems ever overdue by first late day, in any order within a day.
  private static func sameSpans(
    _ lhs: [Int32: ContiguousArray<OverdueSpan>], _ rhs: [Int32: ContiguousArray<OverdueSpan>]
  ) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for (day, spans) in lhs {
      guard let other = rhs[day], other.count == spans.count else { return false }
      if spans != other && Set(spans) != Set(other) { return false }
    }
    return true
  }

  public init() {}

  /// Counts every record of the committee once; `progress` hears how many records are counted so
  /// far, every 256 records (a large committee is counted in the background with a progress line).
  public init(
    state: CommitteeState, progress: ((Int) -> Void)? = nil
  ) {
    self.init()
    counted = state
    var done = 0
    var facts: [BoardFact] = []
    var durations: [(facet: Facet, day: Int, days: Int)] = []
    func count(_ value: RecordValue) {
      add(value, in: state, sign: 1, facts: &facts, durations: &durations)
      done += 1
      // Often enough that a count on another thread pausing there for a key is never far from it.
      if done & 255 == 0 { progress?(done) }
    }
    for problem in state.problems.values { count(.problem(problem)) }
    for consultation in state.consultations.values { count(.consultation(consultation)) }
    for patrol in state.patrols.values { count(.patrol(patrol)) }
    for visit in state.visits.values { count(.visit(visit)) }
    for report in state.opinionReports.values { count(.opinionReport(report)) }
    for activity in state.sectorActivities.values { count(.sectorActivity(activity)) }
    for item in state.supervisionItems.values { count(.supervisionItem(item)) }
    fitSeries()
    progress?(done)
  }

  /// Lets every series give back the room it grew into while counting: at a million records the
  /// tally's hundreds of thousands of series would otherwise keep about a quarter of their memory
  /// unused.
  private mutating func fitSeries() {
    // Through the values in place: changing the dictionaries by key while walking their keys would
    // copy each whole table first.
    var index = series.startIndex
    while index != series.endIndex {
      series.values[index].fit()
      series.formIndex(after: &index)
    }
    var closing = closingDays.startIndex
    while closing != closingDays.endIndex {
      closingDays.values[closing].fit()
      closingDays.formIndex(after: &closing)
    }
    var day = overdueSpans.startIndex
    while day != overdueSpans.endIndex {
      let spans = overdueSpans.values[day]
      if spans.capacity > spans.count {
        var fitted = ContiguousArray<OverdueSpan>()
        fitted.reserveCapacity(spans.count)
        fitted.append(contentsOf: spans)
        overdueSpans.values[day] = fitted
      }
      overdueSpans.formIndex(after: &day)
    }
  }

  /// How many records `init(state:)` counts: the progress line's whole.
  public static func recordsToCount(in state: CommitteeState) -> Int {
    state.problems.count + state.consultations.count + state.patrols.count + state.visits.count
      + state.opinionReports.count + state.sectorActivities.count + state.supervisionItems.count
  }

  /// The kinds whose records add facts.
  public static let countedKinds: [RecordKind] = [
    .problem, .consultation, .patrol, .visit, .opinionReport, .sectorActivity, .supervisionItem,
  ]

  /// Brings the counts from the state last counted to `state`, given the records changed between
  /// them (every record a change touched, e.g. `ChangeLog.touched(since:)`): each one's facts in the
  /// old state are taken out and its facts in the new one put in. A record whose facts hang on a
  /// changed one is counted again too: the consultations under a station that moved, the problems
  /// of a consultation, topic or patrol whose stations, committee or river changed, the readings of
  /// a river whose target changed; so the result always equals a count of `state` afresh.
  public mutating func follow(_ touched: some Sequence<RecordRef>, to state: CommitteeState) {
    let old = counted
    var refs = Set(touched)
    refs.formUnion(dependents(of: refs, from: old, to: state))
    var facts: [BoardFact] = []
    var durations: [(facet: Facet, day: Int, days: Int)] = []
    for ref in refs where BoardTally.countedKinds.contains(ref.kind) {
      if let value = old.value(of: ref) {
        add(value, in: old, sign: -1, facts: &facts, durations: &durations)
      }
      if let value = state.value(of: ref) {
        add(value, in: state, sign: 1, facts: &facts, durations: &durations)
      }
    }
    counted = state
  }

  /// The records not in `refs` whose facts change with them (see `follow`).
  private func dependents(
    of refs: Set<RecordRef>, from old: CommitteeState, to new: CommitteeState
  ) -> Set<RecordRef> {
    var found: Set<RecordRef> = []
    // A station that came, went or moved: the consultations whose stations are not what they were.
    let movedStations = refs.contains { ref in
      guard ref.kind == .station else { return false }
      let id = StationID(raw: ref.raw)
      return old.stations[id]?.parent != new.stations[id]?.parent
        || (old.stations[id] == nil) != (new.stations[id] == nil)
    }
    if movedStations {
      for consultation in new.consultations.values {
        guard let station = consultation.details.station,
          BoardFacts.stationFacets(station, in: old) != BoardFacts.stationFacets(station, in: new)
        else { continue }
        found.insert(RecordRef(consultation.id))
      }
    }
    // A river whose target changed: its patrols' readings meet it or not anew.
    let retargeted = Set(
      refs.compactMap { ref -> RiverID? in
        guard ref.kind == .river else { return nil }
        let id = RiverID(raw: ref.raw)
        return old.rivers[id]?.targetClass != new.rivers[id]?.targetClass ? id : nil
      })
    if !retargeted.isEmpty {
      for patrol in new.patrols.values where patrol.waterQuality != nil && retargeted.contains(patrol.river) {
        found.insert(RecordRef(patrol.id))
      }
    }
    // A problem's facets come from its source: count again the problems of every source whose
    // facets changed and that some problem names.
    var changedSources: Set<RecordRef> = []
    for ref in refs.union(found) where problemsBySourceCount[ref, default: 0] > 0 {
      if BoardFacts.sourceFacets(of: ref, in: old) != BoardFacts.sourceFacets(of: ref, in: new) {
        changedSources.insert(ref)
      }
    }
    if !changedSources.isEmpty {
      for problem in new.problems.values where changedSources.contains(problem.source.ref) {
        found.insert(RecordRef(problem.id))
      }
    }
    found.subtract(refs)
    return found
  }

  /// Adds (`sign` 1) or takes out (-1) the facts of one record counted in `state`; `facts` and
  /// `durations` are scratch space, kept by the caller so that counting a million records does not
  /// allocate them a million times.
  private mutating func add(
    _ value: RecordValue, in state: CommitteeState, sign: Int, facts: inout [BoardFact],
    durations: inout [(facet: Facet, day: Int, days: Int)]
  ) {
    facts.removeAll(keepingCapacity: true)
    durations.removeAll(keepingCapacity: true)
    BoardFacts.collect(value, in: state, facts: &facts, durations: &durations)
    for fact in facts { add(fact, sign: sign) }
    for entry in durations { addDuration(entry.facet, day: entry.day, days: entry.days, sign: sign) }
    guard case .problem(let problem) = value else { return }
    let source = problem.source.ref
    if source.kind == .consultation || source.kind == .supervisionItem || source.kind == .patrol {
      let count = problemsBySourceCount[source, default: 0] + Int32(sign)
      problemsBySourceCount[source] = count > 0 ? count : nil
    }
    if let span = OverdueSpan(problem) {
      if sign > 0 {
        overdueSpans[span.firstLate, default: []].append(span)
      } else if let index = overdueSpans[span.firstLate]?.firstIndex(where: { $0.problem == span.problem }) {
        overdueSpans[span.firstLate]?.remove(at: index)
        if overdueSpans[span.firstLate]?.isEmpty == true { overdueSpans.removeValue(forKey: span.firstLate) }
      }
    }
  }

  private mutating func add(_ fact: BoardFact, sign: Int) {
    let delta = sign * fact.amount
    guard delta != 0 else { return }
    let key = Key(measure: fact.measure, facet: fact.facet)
    // One lookup of the series, changed in place.
    let (wasEmpty, isEmpty) = series[key, default: SortedCounts()].add(delta, at: dayKey(fact.day))
    if isEmpty {
      series.removeValue(forKey: key)
      if !wasEmpty { noteSeries(key, by: -1) }
    } else if wasEmpty {
      noteSeries(key, by: 1)
    }
  }

  /// A series came (+1) or went (-1): its facet joins or leaves its breakdown's lines.
  private mutating func noteSeries(_ key: Key, by step: Int) {
    guard let kind = key.facet.breakdownKind, Self.breakdownMeasures.contains(key.measure) else { return }
    let count = breakdownSeriesCount[key.facet, default: 0] + step
    if count > 0 {
      breakdownSeriesCount[key.facet] = count
      if step > 0 && count == 1 { breakdownFacets[kind, default: []].insert(key.facet) }
    } else {
      breakdownSeriesCount.removeValue(forKey: key.facet)
      breakdownFacets[kind]?.remove(key.facet)
      if breakdownFacets[kind]?.isEmpty == true { breakdownFacets.removeValue(forKey: kind) }
    }
  }

  /// The facets of a breakdown: those with any problem or activity (a series of a breakdown measure).
  public func facets(of kind: BreakdownKind) -> Set<Facet> { breakdownFacets[kind] ?? [] }

  private mutating func addDuration(_ facet: Facet, day: Int, days: Int, sign: Int) {
    let (_, isEmpty) = closingDays[facet, default: SortedCounts()].add(sign, at: Self.closingKey(day, days))
    if isEmpty { closingDays.removeValue(forKey: facet) }
  }

  /// A closing day and a number of days as one key that sorts by the day first.
  static func closingKey(_ day: Int, _ days: Int) -> Int64 {
    Int64(dayKey(day)) << 32 | Int64(UInt32(clamping: days))
  }

  // MARK: Reading

  /// The sum of a measure over the days of a range.
  public func total(_ measure: Measure, _ facet: Facet = .all, days: ClosedRange<Int>) -> Int {
    guard let byDay = series[Key(measure: measure, facet: facet)] else { return 0 }
    return byDay.sum(from: dayKey(days.lowerBound), through: dayKey(days.upperBound))
  }

  public func total(_ measure: Measure, _ facet: Facet = .all, in period: Period) -> Int {
    total(measure, facet, days: period.dayNumbers)
  }

  /// Problems overdue on a day (after that day's closings).
  public func overdue(_ facet: Facet = .all, on day: Day) -> Int {
    total(.overdueChange, facet, days: Int.min...day.daysSinceEpoch)
  }

  /// Problems open on a day: raised by then and not yet closed.
  public func open(_ facet: Facet = .all, on day: Day) -> Int {
    total(.openChange, facet, days: Int.min...day.daysSinceEpoch)
  }

  /// Supervision topics whose follow-up inspection was overdue on a day.
  public func followUpsOverdue(_ facet: Facet = .all, on day: Day) -> Int {
    total(.followUpOverdueChange, facet, days: Int.min...day.daysSinceEpoch)
  }

  /// The problems overdue on a day (past their due day, raised by then and not closed by then), the
  /// most overdue first and then by number, at most `keep`, each with its due day.
  public func overdueProblems(on day: Day, keep: Int) -> [(problem: ProblemID, due: Day)] {
    let number = day.daysSinceEpoch
    var found: [(problem: ProblemID, due: Day)] = []
    // By first late day: the earliest is the most overdue.
    for firstLate in overdueSpans.keys.filter({ Int($0) <= number }).sorted() {
      guard found.count < keep else { break }
      let due = Day(daysSinceEpoch: Int(firstLate) - 1)
      let ids = (overdueSpans[firstLate] ?? []).filter { $0.isOverdue(on: number) }.map(\.problem).sorted()
      for id in ids.prefix(keep - found.count) { found.append((ProblemID(raw: id), due)) }
    }
    return found
  }

  /// The median days from raised to closed of the loops closed in a range; nil if none closed.
  public func medianDaysToClose(_ facet: Facet = .all, days: ClosedRange<Int>) -> Int? {
    guard let byDay = closingDays[facet] else { return nil }
    var histogram: [Int: Int] = [:]
    var count = 0
    let low = Self.closingKey(days.lowerBound, 0)
    let high = Self.closingKey(days.upperBound, Int(UInt32.max))
    byDay.forEach(from: low, through: high) { key, loops in
      histogram[Int(UInt32(truncatingIfNeeded: key)), default: 0] += loops
      count += loops
    }
    guard count > 0 else { return nil }
    // The lower median: the middle loop when they are put in order of length.
    let middle = (count - 1) / 2
    var seen = 0
    for length in histogram.keys.sorted() {
      seen += histogram[length] ?? 0
      if seen > middle { return length }
    }
    return nil
  }

  /// Every facet that has a fact of a measure, for breakdowns.
  public func facets(with measure: Measure) -> [Facet] {
    series.keys.filter { $0.measure == measure && $0.facet != .all }.map(\.facet)
  }

  /// Whether no record adds any fact (cheaper than asking `dayBounds`, which reads every day).
  public var isEmpty: Bool { series.isEmpty }

  /// The first and last day that holds any fact, to bound "all time".
  public var dayBounds: ClosedRange<Int>? {
    var low = Int.max
    var high = Int.min
    for byDay in series.values {
      guard let first = byDay.firstKey, let last = byDay.lastKey else { continue }
      low = Swift.min(low, Int(first))
      high = Swift.max(high, Int(last))
    }
    return low <= high ? low...high : nil
  }
}

/// A problem that was ever overdue, as the tally keeps it for the list of the most overdue.
struct OverdueSpan: Hashable, Sendable {
  var problem: UInt64
  /// The day after the due day.
  var firstLate: Int32
  var raised: Int32
  /// The day it closed; `Int32.max` while open.
  var closed: Int32

  /// Nil for a problem never overdue (no due day, or closed by its first late day), or whose days
  /// do not fit (no real day is that far from 1970).
  init?(_ problem: Problem) {
    guard let due = problem.due, let firstLate = Int32(exactly: due.daysSinceEpoch + 1),
      let raised = Int32(exactly: Day.workingDayNumber(of: problem.raisedAt))
    else { return nil }
    var closed = Int32.max
    if let closedDay = BoardFacts.closedDay(of: problem) {
      guard closedDay > Int(firstLate), let day = Int32(exactly: closedDay) else { return nil }
      closed = day
    }
    self.problem = problem.id.raw
    self.firstLate = firstLate
    self.raised = raised
    self.closed = closed
  }

  /// Overdue on `day`: past its due day, raised by then and not closed by then.
  func isOverdue(on day: Int) -> Bool {
    Int(firstLate) <= day && Int(raised) <= day && Int(closed) > day
  }
}

/// A day number as the tally keeps it (no day a record can name lies outside; a stray one is kept
/// at the edge, the same way when it comes and when it goes).
func dayKey(_ number: Int) -> Int32 { Int32(clamping: number) }

/// Amounts by key in one sorted array of (key, amount) pairs, none zero: about a third of the memory
/// of a dictionary for the tally's millions of day counts, and a range of days is one binary search
/// and a walk. One array, not a pair of them: the tally holds hundreds of thousands of short series
/// (a member's days, a station's), and each array costs a header and an allocation of its own.
/// Amounts wrap rather than trap, so that adding and taking out always cancel.
struct SortedCounts<Key: FixedWidthInteger & Sendable>: Equatable, Sendable {
  struct Entry: Equatable, Sendable {
    var key: Key
    var amount: Int32
  }

  private(set) var entries = ContiguousArray<Entry>()

  var firstKey: Key? { entries.first?.key }
  var lastKey: Key? { entries.last?.key }

  /// The first index whose key is not below `key`.
  func index(notBelow key: Key) -> Int {
    var low = 0
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if entries[middle].key < key { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Adds `delta` at `key` (an amount that comes to zero goes); says whether the counts were empty
  /// before and are after.
  mutating func add(_ delta: Int, at key: Key) -> (wasEmpty: Bool, isEmpty: Bool) {
    let wasEmpty = entries.isEmpty
    let change = Int32(truncatingIfNeeded: delta)
    let index = index(notBelow: key)
    if index < entries.count, entries[index].key == key {
      let next = entries[index].amount &+ change
      if next == 0 {
        entries.remove(at: index)
      } else {
        entries[index].amount = next
      }
    } else if change != 0 {
      entries.insert(Entry(key: key, amount: change), at: index)
    }
    return (wasEmpty, entries.isEmpty)
  }

  /// Gives back the room the array grew into beyond its entries (after a whole count, when most
  /// series are done growing).
  mutating func fit() {
    guard entries.capacity > entries.count else { return }
    var fitted = ContiguousArray<Entry>()
    fitted.reserveCapacity(entries.count)
    fitted.append(contentsOf: entries)
    entries = fitted
  }

  /// The sum of the amounts of the keys from `low` through `high`.
  func sum(from low: Key, through high: Key) -> Int {
    var total = 0
    forEach(from: low, through: high) { _, amount in total += amount }
    return total
  }

  /// Calls `body` with each key from `low` through `high` and its amount, in order.
  func forEach(from low: Key, through high: Key, _ body: (Key, Int) -> Void) {
    guard low <= high else { return }
    var index = index(notBelow: low)
    while index < entries.count, entries[index].key <= high {
      body(entries[index].key, Int(entries[index].amount))
      index += 1
    }
  }
}
