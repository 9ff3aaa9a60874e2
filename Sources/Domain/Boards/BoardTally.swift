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

  /// Day number → amount, per measure and facet.
  private(set) var series: [Key: [Int: Int]] = [:]
  /// Days from raised to closed, per closing day: day number → (days → loops), per facet.
  private(set) var closingDays: [Facet: [Int: [Int: Int]]] = [:]
  /// The facts each record contributed, to take them out when it changes: kept small (12 bytes a
  /// fact, the facet by its number in `facetTable`) because a million records contribute tens of
  /// millions of facts; a fact too wide for that is kept whole in `wideContributions`.
  private var contributed: [RecordRef: ContiguousArray<KeptFact>] = [:]
  private var contributedDurations: [RecordRef: ContiguousArray<KeptDuration>] = [:]
  private var wideContributions: [RecordRef: Contribution] = [:]
  /// Every facet seen, numbered in the order first seen.
  private var facetTable: [Facet] = []
  private var facetNumbers: [Facet: UInt32] = [:]
  /// The patrols with a water reading, by river, and each one's river: whether a reading meets
  /// its river's target is a fact of the patrol, so a new target counts those patrols again.
  private var readingPatrols: [RiverID: Set<RecordRef>] = [:]
  private var readingRiver: [RecordRef: RiverID] = [:]
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
  }

  public init() {}

  /// Counts every record of the committee once; `progress` hears how many records are counted so
  /// far, now and then (a large committee is counted in the background with a progress line).
  public init(
    state: CommitteeState, progress: ((Int) -> Void)? = nil
  ) {
    self.init()
    var done = 0
    func count(_ ref: RecordRef) {
      update(ref, in: state)
      done += 1
      if done & 4095 == 0 { progress?(done) }
    }
    for id in state.problems.keys { count(RecordRef(id)) }
    for id in state.consultations.keys { count(RecordRef(id)) }
    for id in state.patrols.keys { count(RecordRef(id)) }
    for id in state.visits.keys { count(RecordRef(id)) }
    for id in state.opinionReports.keys { count(RecordRef(id)) }
    for id in state.sectorActivities.keys { count(RecordRef(id)) }
    for id in state.supervisionItems.keys { count(RecordRef(id)) }
    progress?(done)
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

  /// Takes out what `ref` contributed before and adds what it contributes in `state` (nothing if it
  /// is gone). Call it for every record a change touched.
  public mutating func update(_ ref: RecordRef, in state: CommitteeState) {
    if ref.kind == .river {
      // Only the river's own readings: the target decides which of them meet it.
      for patrol in readingPatrols[RiverID(raw: ref.raw)] ?? [] { update(patrol, in: state) }
      return
    }
    if let river = readingRiver.removeValue(forKey: ref) {
      readingPatrols[river]?.remove(ref)
      if readingPatrols[river]?.isEmpty == true { readingPatrols.removeValue(forKey: river) }
    }
    if let old = contributed.removeValue(forKey: ref) {
      for kept in old { add(fact(kept), sign: -1) }
    }
    if let old = contributedDurations.removeValue(forKey: ref) {
      for kept in old {
        addDuration(facetTable[Int(kept.facet)], day: Int(kept.day), days: Int(kept.days), sign: -1)
      }
    }
    if let old = wideContributions.removeValue(forKey: ref) {
      for fact in old.facts { add(fact, sign: -1) }
      for entry in old.durations { addDuration(entry.facet, day: entry.day, days: entry.days, sign: -1) }
    }
    guard BoardTally.countedKinds.contains(ref.kind), let value = state.value(of: ref) else { return }
    var facts: [BoardFact] = []
    var durations: [(facet: Facet, day: Int, days: Int)] = []
    BoardFacts.collect(value, in: state, facts: &facts, durations: &durations)
    for fact in facts { add(fact, sign: 1) }
    for entry in durations { addDuration(entry.facet, day: entry.day, days: entry.days, sign: 1) }
    keep(facts, durations, for: ref)
    if case .patrol(let patrol) = value, patrol.waterQuality != nil {
      readingRiver[ref] = patrol.river
      readingPatrols[patrol.river, default: []].insert(ref)
    }
  }

  /// Keeps what a record contributed, packed; whole when a number does not fit.
  private mutating func keep(
    _ facts: [BoardFact], _ durations: [(facet: Facet, day: Int, days: Int)], for ref: RecordRef
  ) {
    var packedFacts = ContiguousArray<KeptFact>()
    packedFacts.reserveCapacity(facts.count)
    var packedDurations = ContiguousArray<KeptDuration>()
    packedDurations.reserveCapacity(durations.count)
    for fact in facts {
      guard let day = Int32(exactly: fact.day), let amount = Int16(exactly: fact.amount) else {
        wideContributions[ref] = Contribution(facts: facts, durations: durations)
        return
      }
      packedFacts.append(KeptFact(facet: number(fact.facet), day: day, amount: amount, measure: fact.measure))
    }
    for entry in durations {
      guard let day = Int32(exactly: entry.day), let days = Int32(exactly: entry.days) else {
        wideContributions[ref] = Contribution(facts: facts, durations: durations)
        return
      }
      packedDurations.append(KeptDuration(facet: number(entry.facet), day: day, days: days))
    }
    if !packedFacts.isEmpty { contributed[ref] = packedFacts }
    if !packedDurations.isEmpty { contributedDurations[ref] = packedDurations }
  }

  /// A facet's number in `facetTable`, numbering it if new.
  private mutating func number(_ facet: Facet) -> UInt32 {
    if let known = facetNumbers[facet] { return known }
    let next = UInt32(facetTable.count)
    facetTable.append(facet)
    facetNumbers[facet] = next
    return next
  }

  private func fact(_ kept: KeptFact) -> BoardFact {
    BoardFact(kept.measure, facetTable[Int(kept.facet)], day: Int(kept.day), amount: Int(kept.amount))
  }

  private mutating func add(_ fact: BoardFact, sign: Int) {
    let key = Key(measure: fact.measure, facet: fact.facet)
    let next = series[key, default: [:]][fact.day, default: 0] + sign * fact.amount
    if next == 0 {
      series[key]?.removeValue(forKey: fact.day)
      if series[key]?.isEmpty == true {
        series.removeValue(forKey: key)
        noteSeries(key, by: -1)
      }
    } else {
      if series[key] == nil { noteSeries(key, by: 1) }
      series[key, default: [:]][fact.day] = next
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
    let next = closingDays[facet, default: [:]][day, default: [:]][days, default: 0] + sign
    if next == 0 {
      closingDays[facet]?[day]?.removeValue(forKey: days)
      if closingDays[facet]?[day]?.isEmpty == true { closingDays[facet]?.removeValue(forKey: day) }
      if closingDays[facet]?.isEmpty == true { closingDays.removeValue(forKey: facet) }
    } else {
      closingDays[facet, default: [:]][day, default: [:]][days] = next
    }
  }

  // MARK: Reading

  /// The sum of a measure over the days of a range.
  public func total(_ measure: Measure, _ facet: Facet = .all, days: ClosedRange<Int>) -> Int {
    guard let byDay = series[Key(measure: measure, facet: facet)] else { return 0 }
    // Walk whichever is shorter: the period's days or the days that hold facts.
    let (span, overflow) = days.upperBound.subtractingReportingOverflow(days.lowerBound)
    if !overflow, span < byDay.count {
      var sum = 0
      for day in days { sum += byDay[day] ?? 0 }
      return sum
    }
    var sum = 0
    for (day, amount) in byDay where days.contains(day) { sum += amount }
    return sum
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

  /// The median days from raised to closed of the loops closed in a range; nil if none closed.
  public func medianDaysToClose(_ facet: Facet = .all, days: ClosedRange<Int>) -> Int? {
    guard let byDay = closingDays[facet] else { return nil }
    var histogram: [Int: Int] = [:]
    var count = 0
    for (day, durations) in byDay where days.contains(day) {
      for (length, loops) in durations {
        histogram[length, default: 0] += loops
        count += loops
      }
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
      for day in byDay.keys {
        low = Swift.min(low, day)
        high = Swift.max(high, day)
      }
    }
    return low <= high ? low...high : nil
  }
}

/// A fact as the tally keeps it to take it out later.
struct KeptFact: Sendable {
  var facet: UInt32
  var day: Int32
  var amount: Int16
  var measure: Measure
}

/// A closed loop's days from raised to closed, as the tally keeps it.
struct KeptDuration: Sendable {
  var facet: UInt32
  var day: Int32
  var days: Int32
}

/// What a record contributed, whole (for numbers too wide to pack).
struct Contribution: Sendable {
  var facts: [BoardFact]
  var durations: [(facet: Facet, day: Int, days: Int)]
}
