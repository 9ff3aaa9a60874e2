import Domain
import Foundation

/// What follows the data through each change's touched records, one record at a time: its entry
/// in the data before taken out, in the data after put in (`SharedIndexes.following`).
protocol FollowsChanges: Sendable {
  /// Corrected for one touched record: as it was out, as it is in.
  mutating func follow(_ ref: RecordRef, before: CommitteeState, after: CommitteeState)
}

/// Counts over one kind of record (a list's summary, a meter), made once in a walk over every such
/// record, each read in its box, then followed: a count after a change costs the records it
/// touched, and equals a recount.
protocol FollowedCounts: FollowsChanges, Equatable {
  associatedtype Counted: Record
  /// No record counted.
  init()
  /// The counted records of `data`.
  static func table(_ data: CommitteeState) -> RecordTable<Counted>
  /// One record counted in (`step` 1) or out (-1).
  mutating func add(_ record: Counted, _ step: Int)
}

extension FollowedCounts {
  /// Counted over every record.
  init(_ data: CommitteeState) {
    self.init()
    for box in Self.table(data).storage.values { add(box.value, 1) }
  }

  /// Counted over every record, calling `pause` every few hundred (a build on another thread
  /// waits there while the app answers a key).
  init(_ data: CommitteeState, pause: () -> Void) {
    self.init()
    for (read, box) in Self.table(data).storage.values.enumerated() {
      if read % RecordRows.pauseEvery == 0 { pause() }
      add(box.value, 1)
    }
  }

  mutating func follow(_ ref: RecordRef, before: CommitteeState, after: CommitteeState) {
    guard ref.kind == Counted.kind else { return }
    let id = ID<Counted>(raw: ref.raw)
    if let old = Self.table(before)[id] { add(old, -1) }
    if let new = Self.table(after)[id] { add(new, 1) }
  }
}

/// The visits' counts behind the four action meters: how many visits of each action in each year.
struct VisitCounts: FollowedCounts {
  var byKindAndYear: [VisitKind: [Int: Int]] = [:]

  static func table(_ data: CommitteeState) -> RecordTable<Visit> { data.visits }

  /// The visits of an action in a year.
  func count(_ kind: VisitKind, year: Int) -> Int { byKindAndYear[kind]?[year] ?? 0 }

  mutating func add(_ visit: Visit, _ step: Int) {
    byKindAndYear[visit.kind, default: [:]][visit.date.year, default: 0] += step
    // A year with none left is as if never counted, so that a followed count equals a recount.
    if byKindAndYear[visit.kind]?[visit.date.year] == 0 { byKindAndYear[visit.kind]?[visit.date.year] = nil }
    if byKindAndYear[visit.kind]?.isEmpty == true { byKindAndYear[visit.kind] = nil }
  }
}

/// The patrols by year (the section's summary, the 巡百河 meter) and by river (the river facet's
/// options, each river's water trend).
struct PatrolCounts: FollowedCounts {
  var byYear: [Int: Int] = [:]
  var byRiver: [RiverID: Set<PatrolID>] = [:]
  var total = 0

  static func table(_ data: CommitteeState) -> RecordTable<Patrol> { data.patrols }

  /// The patrols of a year.
  func count(year: Int) -> Int { byYear[year] ?? 0 }

  /// The rivers with at least one patrol.
  var rivers: Set<RiverID> { Set(byRiver.keys) }

  mutating func add(_ patrol: Patrol, _ step: Int) {
    total += step
    byYear[patrol.date.year, default: 0] += step
    if byYear[patrol.date.year] == 0 { byYear[patrol.date.year] = nil }
    if step > 0 {
      byRiver[patrol.river, default: []].insert(patrol.id)
    } else {
      byRiver[patrol.river]?.remove(patrol.id)
      if byRiver[patrol.river]?.isEmpty == true { byRiver[patrol.river] = nil }
    }
  }
}

/// The reports by how far along the chain they got (the section's summary).
struct ReportCounts: FollowedCounts {
  var byRank: [Int: Int] = [:]
  var total = 0

  static func table(_ data: CommitteeState) -> RecordTable<OpinionReport> { data.opinionReports }

  /// The reports that reached at least `status`.
  func reached(_ status: OpinionReportStatus) -> Int {
    byRank.reduce(0) { $0 + ($1.key >= status.rank ? $1.value : 0) }
  }

  mutating func add(_ report: OpinionReport, _ step: Int) {
    total += step
    byRank[report.status.rank, default: 0] += step
    if byRank[report.status.rank] == 0 { byRank[report.status.rank] = nil }
  }
}

/// The consultations and how many are finished: the consultations list's summary line, made once
/// and then corrected by each change's touched sessions (a walk over eighty thousand sessions was
/// most of the first visit after a change).
struct ConsultationCounts: FollowedCounts {
  var total = 0
  var finished = 0

  static func table(_ data: CommitteeState) -> RecordTable<Consultation> { data.consultations }

  mutating func add(_ consultation: Consultation, _ step: Int) {
    total += step
    if consultation.isFinished { finished += step }
  }
}

/// A year's sector activities and the active members, by sector home: each home's duties are made
/// from its own activities (`CommitteeState.compliance`) instead of a pass over every activity, and
/// a change corrects only the homes of the records it touched.
struct SectorDuties: FollowsChanges, Equatable {
  /// From how many sector activities this year's duties are made in the background after the open.
  static let backgroundFrom = 20_000

  let year: Int
  var activities: [SectorID: [SectorActivityID: SectorActivity]] = [:]
  var members: [SectorID: Set<MemberID>] = [:]
  /// Each home's duties as made so far, carried through the changes that left the home alone: after
  /// a change the board makes again only the homes whose activities or members it touched.
  private var made = MadeDuties()

  /// Equal groupings give equal duties, whatever either has made so far.
  static func == (lhs: SectorDuties, rhs: SectorDuties) -> Bool {
    lhs.year == rhs.year && lhs.activities == rhs.activities && lhs.members == rhs.members
  }

  /// Grouped from every activity of `year` and every active member.
  init(_ data: CommitteeState, year: Int, pause: () -> Void = {}) {
    self.year = year
    // Read in their boxes: only the year's activities are copied out, and of a member only its
    // sector and archived flag are read (copying every record out was most of a first visit).
    var read = 0
    for box in data.sectorActivities.storage.values {
      read &+= 1
      if read % RecordRows.pauseEvery == 0 { pause() }
      if box.value.date.year == year { add(box.value) }
    }
    for (id, box) in data.members.storage {
      read &+= 1
      if read % RecordRows.pauseEvery == 0 { pause() }
      guard !box.value.archived, let sector = box.value.sector else { continue }
      members[sector, default: []].insert(id)
    }
  }

  /// A home's duties in a quarter, as `CommitteeState.dutyCompliance` makes them.
  func compliance(sector: SectorID, quarter: Int, today: Day) -> DutyCompliance {
    let key = MadeDuties.Key(sector: sector, quarter: quarter, today: today)
    if let known = made.value(key) { return known }
    let compliance = CommitteeState.compliance(
      sector: sector, activities: Array((activities[sector] ?? [:]).values),
      members: Array(members[sector] ?? []),
      year: year, quarter: quarter, today: today)
    made.keep(compliance, key)
    return compliance
  }

  /// Corrected for one touched record: its activity or member as it was out, as it is in.
  mutating func follow(_ ref: RecordRef, before: CommitteeState, after: CommitteeState) {
    var homes: Set<SectorID> = []
    switch ref.kind {
    case .sectorActivity:
      let id = SectorActivityID(raw: ref.raw)
      if let old = before.sectorActivities[id] {
        remove(old)
        homes.insert(old.sector)
      }
      if let new = after.sectorActivities[id] {
        add(new)
        homes.insert(new.sector)
      }
    case .member:
      let id = MemberID(raw: ref.raw)
      if let old = before.members[id], let sector = old.sector {
        remove(id, from: sector)
        homes.insert(sector)
      }
      if let new = after.members[id] {
        add(new)
        if let sector = new.sector { homes.insert(sector) }
      }
    default: return
    }
    // A new store of made duties, without the homes touched: the one before stays the earlier
    // data's, which may still be read.
    made = made.without(homes)
  }

  private mutating func add(_ activity: SectorActivity) {
    guard activity.date.year == year else { return }
    activities[activity.sector, default: [:]][activity.id] = activity
  }

  private mutating func remove(_ activity: SectorActivity) {
    activities[activity.sector]?[activity.id] = nil
    // An emptied home is as if never grouped, so that a followed grouping equals a fresh one.
    if activities[activity.sector]?.isEmpty == true { activities[activity.sector] = nil }
  }

  private mutating func add(_ member: Member) {
    guard !member.archived, let sector = member.sector else { return }
    members[sector, default: []].insert(member.id)
  }

  private mutating func remove(_ member: MemberID, from sector: SectorID) {
    members[sector]?.remove(member)
    if members[sector]?.isEmpty == true { members[sector] = nil }
  }
}

/// The duties a `SectorDuties` has made, by home, quarter and day. Shared by its copies (a
/// grouping made once serves every frame), and never changed for a home once made: a change makes a
/// new store without the homes it touched.
final class MadeDuties: @unchecked Sendable {
  struct Key: Hashable {
    var sector: SectorID
    var quarter: Int
    var today: Day
  }

  /// Guards `duties` (read by the app's thread; a copy may be read elsewhere).
  private let lock = NSLock()
  private var duties: [Key: DutyCompliance] = [:]

  init(_ duties: [Key: DutyCompliance] = [:]) { self.duties = duties }

  func value(_ key: Key) -> DutyCompliance? { lock.withLock { duties[key] } }

  func keep(_ compliance: DutyCompliance, _ key: Key) { lock.withLock { duties[key] = compliance } }

  /// A new store with what this one made, but for the homes in `homes`.
  func without(_ homes: Set<SectorID>) -> MadeDuties {
    MadeDuties(lock.withLock { duties.filter { !homes.contains($0.key.sector) } })
  }
}
