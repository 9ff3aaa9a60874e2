import Foundation

/// One patrol's water-quality reading, with the river's target at the time of asking.
public struct WaterReading: Equatable, Sendable {
  public var patrol: PatrolID
  public var river: RiverID
  public var segment: String
  public var date: Day
  public var quality: WaterQuality
  public var target: WaterQuality

  /// No worse than the river's target class.
  public var met: Bool { quality.meets(target) }
}

/// A month of readings: the worst class read that month, and whether any reading missed the target.
public struct MonthlyWaterQuality: Equatable, Sendable {
  public var year: Int
  public var month: Int
  public var worst: WaterQuality
  public var readings: Int
  public var missed: Bool
}

/// A river's water-quality record: latest reading, trend by month, years running it met its target.
public struct RiverWaterSummary: Equatable, Sendable {
  public var river: RiverID
  public var target: WaterQuality
  public var latest: WaterReading?
  public var months: [MonthlyWaterQuality]
  /// Consecutive years, back from the latest year with readings, in which the year's class met the target.
  public var yearsMetRunning: Int
}

extension CommitteeState {
  /// Every patrol reading, by river, segment, date (oldest first), then patrol ID.
  public func waterReadings(river: RiverID? = nil, segment: String? = nil) -> [WaterReading] {
    var readings: [WaterReading] = []
    for patrol in patrols.values {
      guard let quality = patrol.waterQuality else { continue }
      if let river, patrol.river != river { continue }
      if let segment, patrol.segment != segment { continue }
      let target = rivers[patrol.river]?.targetClass ?? .classIII
      readings.append(
        WaterReading(
          patrol: patrol.id, river: patrol.river, segment: patrol.segment, date: patrol.date,
          quality: quality,
          target: target))
    }
    return readings.sorted {
      ($0.river.raw, $0.segment, $0.date, $0.patrol.raw) < ($1.river.raw, $1.segment, $1.date, $1.patrol.raw)
    }
  }

  /// A river's (or one segment's) trend and record against its target.
  public func waterSummary(river: RiverID, segment: String? = nil) -> RiverWaterSummary {
    let readings = waterReadings(river: river, segment: segment)
    let target = rivers[river]?.targetClass ?? .classIII
    return RiverWaterSummary(
      river: river, target: target,
      latest: readings.max { ($0.date, $0.patrol.raw) < ($1.date, $1.patrol.raw) },
      months: Self.monthly(readings), yearsMetRunning: Self.yearsMetRunning(readings, target: target))
  }

  /// Every river's summary and every segment's, in one pass over the patrols: a patrol's detail
  /// shows its river's and its segment's, and asking `waterSummary` for each reads every patrol.
  /// `pause` is called every few hundred patrols (a build on another thread waits there while the
  /// app answers a key).
  public func waterSummariesWithSegments(pause: () -> Void = {}) -> WaterSummaries {
    // Grouped by river and segment first, then each segment sorted by date and patrol: the order of a
    // sort by (segment, date, patrol), without comparing segments' text for every pair of readings
    // (the Overview waits for this when a large store opens).
    var byRiver: [RiverID: [String: [WaterReading]]] = [:]
    var read = 0
    for box in patrols.storage.values {
      read &+= 1
      if read % 256 == 0 { pause() }
      guard let quality = box.value.waterQuality else { continue }
      let river = box.value.river
      let segment = box.value.segment
      byRiver[river, default: [:]][segment, default: []].append(
        WaterReading(
          patrol: box.value.id, river: river, segment: segment, date: box.value.date, quality: quality,
          target: rivers[river]?.targetClass ?? .classIII))
    }
    var targets: [RiverID: WaterQuality] = [:]
    for (id, river) in rivers { targets[id] = river.targetClass }
    var result = WaterSummaries(targets: targets)
    for (river, segments) in byRiver {
      let target = rivers[river]?.targetClass ?? .classIII
      var readings: [WaterReading] = []
      var bySegment: [String: RiverWaterSummary] = [:]
      for (segment, unsorted) in segments.sorted(by: { $0.key < $1.key }) {
        pause()
        let sorted = unsorted.sorted { ($0.date, $0.patrol.raw) < ($1.date, $1.patrol.raw) }
        readings += sorted
        bySegment[segment] = Self.summary(river: river, target: target, readings: sorted)
      }
      result.rivers[river] = Self.summary(river: river, target: target, readings: readings)
      result.segments[river] = bySegment
    }
    return result
  }

  static func summary(river: RiverID, target: WaterQuality, readings: [WaterReading]) -> RiverWaterSummary {
    RiverWaterSummary(
      river: river, target: target,
      latest: readings.max { ($0.date, $0.patrol.raw) < ($1.date, $1.patrol.raw) },
      months: monthly(readings), yearsMetRunning: yearsMetRunning(readings, target: target))
  }

  /// Every river's summary that has readings, in one pass over the patrols (for the Overview).
  public func waterSummaries() -> [RiverID: RiverWaterSummary] {
    var byRiver: [RiverID: [WaterReading]] = [:]
    for patrol in patrols.values {
      guard let quality = patrol.waterQuality else { continue }
      let target = rivers[patrol.river]?.targetClass ?? .classIII
      byRiver[patrol.river, default: []].append(
        WaterReading(
          patrol: patrol.id, river: patrol.river, segment: patrol.segment, date: patrol.date,
          quality: quality,
          target: target))
    }
    var summaries: [RiverID: RiverWaterSummary] = [:]
    for (river, readings) in byRiver {
      let target = rivers[river]?.targetClass ?? .classIII
      summaries[river] = RiverWaterSummary(
        river: river, target: target,
        latest: readings.max { ($0.date, $0.patrol.raw) < ($1.date, $1.patrol.raw) },
        months: Self.monthly(readings), yearsMetRunning: Self.yearsMetRunning(readings, target: target))
    }
    return summaries
  }

  /// The readings grouped by month, oldest first.
  static func monthly(_ readings: [WaterReading]) -> [MonthlyWaterQuality] {
    var byMonth: [Int: MonthlyWaterQuality] = [:]
    for reading in readings {
      let key = reading.date.year * 12 + reading.date.month - 1
      if var month = byMonth[key] {
        month.worst = max(month.worst, reading.quality)
        month.readings += 1
        month.missed = month.missed || !reading.met
        byMonth[key] = month
      } else {
        byMonth[key] = MonthlyWaterQuality(
          year: reading.date.year, month: reading.date.month, worst: reading.quality, readings: 1,
          missed: !reading.met)
      }
    }
    return byMonth.keys.sorted().compactMap { byMonth[$0] }
  }

  /// The class of a year, as assessments do it from the year's mean: the mean of the readings' classes
  /// (I = 1 … worse than V = 6), rounded half up.
  public static func annualClass(_ readings: [WaterQuality]) -> WaterQuality? {
    guard !readings.isEmpty else { return nil }
    let sum = readings.reduce(0) { $0 + Int($1.rawValue) + 1 }
    // Rounded half up in whole numbers: (2·sum + n) / (2n).
    let mean = (2 * sum + readings.count) / (2 * readings.count)
    return WaterQuality(rawValue: UInt8(clamping: max(1, min(6, mean)) - 1))
  }

  static func yearsMetRunning(_ readings: [WaterReading], target: WaterQuality) -> Int {
    var byYear: [Int: [WaterQuality]] = [:]
    for reading in readings { byYear[reading.date.year, default: []].append(reading.quality) }
    guard let last = byYear.keys.max() else { return 0 }
    var running = 0
    var year = last
    while let classes = byYear[year], let annual = Self.annualClass(classes), annual.meets(target) {
      running += 1
      year -= 1
    }
    return running
  }

  /// The targets of a year's double-hundred actions (100 each when none are set).
  public func actionTargets(year: Int) -> ActionTargets {
    actionTargets.values.first { $0.year == year }
      ?? ActionTargets(id: ID(raw: 0), year: year)
  }

  /// How many of an action were done in a year: visits of that kind; for 巡百河 also every patrol.
  public func actionProgress(_ kind: VisitKind, year: Int) -> Int {
    var count = visits.values.reduce(0) { $0 + ($1.kind == kind && $1.date.year == year ? 1 : 0) }
    if kind == .riverPatrol {
      count += patrols.values.reduce(0) { $0 + ($1.date.year == year ? 1 : 0) }
    }
    return count
  }

}

/// The water summaries of every river and river segment, made in one pass (see
/// `CommitteeState.waterSummariesWithSegments`).
public struct WaterSummaries: Equatable, Sendable {
  public internal(set) var rivers: [RiverID: RiverWaterSummary] = [:]
  public internal(set) var segments: [RiverID: [String: RiverWaterSummary]] = [:]
  var targets: [RiverID: WaterQuality]

  /// The summaries with one river's, and its segments', made again from `patrols` (every patrol of
  /// that river in `data`), as `waterSummariesWithSegments` makes them: a change to a few patrols
  /// costs their rivers' patrols, not every patrol.
  public mutating func resummarize(river: RiverID, patrols: some Sequence<Patrol>, in data: CommitteeState) {
    let target = data.rivers[river]?.targetClass ?? .classIII
    targets[river] = data.rivers[river]?.targetClass
    var readings: [WaterReading] = []
    for patrol in patrols where patrol.river == river {
      guard let quality = patrol.waterQuality else { continue }
      readings.append(
        WaterReading(
          patrol: patrol.id, river: river, segment: patrol.segment, date: patrol.date, quality: quality,
          target: target))
    }
    guard !readings.isEmpty else {
      rivers[river] = nil
      segments[river] = nil
      return
    }
    readings.sort { ($0.segment, $0.date, $0.patrol.raw) < ($1.segment, $1.date, $1.patrol.raw) }
    rivers[river] = CommitteeState.summary(river: river, target: target, readings: readings)
    var bySegment: [String: [WaterReading]] = [:]
    for reading in readings { bySegment[reading.segment, default: []].append(reading) }
    segments[river] = bySegment.mapValues {
      CommitteeState.summary(river: river, target: target, readings: $0)
    }
  }

  /// What `CommitteeState.waterSummary(river:segment:)` answers, from the summaries made.
  public func summary(river: RiverID, segment: String? = nil) -> RiverWaterSummary {
    let found: RiverWaterSummary?
    if let segment { found = segments[river]?[segment] } else { found = rivers[river] }
    return found ?? CommitteeState.summary(river: river, target: targets[river] ?? .classIII, readings: [])
  }
}
