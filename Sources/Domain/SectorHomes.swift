import Foundation

/// How far a sector report (专报) has got: sent → read → adopted or acted on.
public enum SectorReportStatus: UInt8, CaseIterable, Sendable {
  case sent, read, adopted, actedOn

  /// The statuses that may follow this one; adopted and acted on are the ends of the track.
  public var next: [SectorReportStatus] {
    switch self {
    case .sent: return [.read]
    case .read: return [.adopted, .actedOn]
    case .adopted, .actedOn: return []
    }
  }
}

/// One step of a report's tracking: the status reached, when, and what was said.
public struct SectorReportEvent: Equatable, Sendable, BinaryCodable {
  public var status: SectorReportStatus
  public var date: Day
  public var note: String

  public init(status: SectorReportStatus, date: Day, note: String = "") {
    self.status = status
    self.date = date
    self.note = note
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(status.rawValue)
    w.write(date)
    w.write(note)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    status = try r.readEnum()
    date = try r.readDay()
    note = try r.readString()
  }
}

/// A sector's report (专报) of its results to leaders and departments, tracked until adopted or acted on.
public struct SectorReport: Record {
  public var id: SectorReportID
  public var sector: SectorID
  public var title: String
  public var text: String
  /// The leaders it went to, by name (they are not records of the app).
  public var leaders: String
  public var departments: [DepartmentID]
  /// The activity whose results it reports (often a collective proposal), if any.
  public var activity: SectorActivityID?
  /// The tracking, oldest first; the first event is the sending.
  public var history: [SectorReportEvent]
  /// What the leaders or departments answered (反馈).
  public var feedback: String

  public init(
    id: SectorReportID, sector: SectorID, title: String, text: String = "", leaders: String = "",
    departments: [DepartmentID] = [], activity: SectorActivityID? = nil, sentOn: Day, feedback: String = ""
  ) {
    self.id = id
    self.sector = sector
    self.title = title
    self.text = text
    self.leaders = leaders
    self.departments = departments
    self.activity = activity
    self.history = [SectorReportEvent(status: .sent, date: sentOn)]
    self.feedback = feedback
  }

  public static let kind = RecordKind.sectorReport
  public var displayName: String { title }

  public var status: SectorReportStatus { history.last?.status ?? .sent }
  public var sentOn: Day? { history.first?.date }
  /// The day the report reached a status, if it has.
  public func date(of status: SectorReportStatus) -> Day? { history.last { $0.status == status }?.date }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(sector)
    w.write(title)
    w.write(text)
    w.write(leaders)
    w.write(departments)
    w.write(activity)
    w.write(history)
    w.write(feedback)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    sector = try r.read()
    title = try r.readString()
    text = try r.readString()
    leaders = try r.readString()
    departments = try r.readArray()
    activity = try r.readOptional()
    history = try r.readArray()
    feedback = try r.readString()
  }
}

/// A duty of a sector home (委员之家) in a period.
public enum SectorDuty: Hashable, Sendable {
  /// Each quarter.
  case collectiveStudy
  /// Each quarter: an inspection or a fellowship activity.
  case inspectionOrFellowship
  /// Each year.
  case collectiveProposal
  /// Each member, each year.
  case outreachTalk(MemberID)

  public var nameKey: String {
    switch self {
    case .collectiveStudy: return "domain.dutyName.collectiveStudy"
    case .inspectionOrFellowship: return "domain.dutyName.inspectionOrFellowship"
    case .collectiveProposal: return "domain.dutyName.collectiveProposal"
    case .outreachTalk: return "domain.dutyName.outreachTalk"
    }
  }
}

/// Whether one duty was done in a period, by which activity, and whether it is overdue.
public struct DutyStatus: Equatable, Sendable {
  public var duty: SectorDuty
  /// The first activity that fulfilled it, if any.
  public var fulfilledBy: SectorActivity?
  /// Not done and its period has ended.
  public var overdue: Bool

  public var done: Bool { fulfilledBy != nil }
}

/// A sector's duties for one quarter: the quarter's study and inspection or fellowship, the year's
/// collective proposal, and each member's outreach talk of the year.
public struct DutyCompliance: Equatable, Sendable {
  public var sector: SectorID
  public var year: Int
  public var quarter: Int
  public var study: DutyStatus
  public var inspectionOrFellowship: DutyStatus
  public var collectiveProposal: DutyStatus
  /// One per active member of the sector, in ID order.
  public var outreachTalks: [DutyStatus]

  /// Every duty, in the order shown and exported.
  public var all: [DutyStatus] { [study, inspectionOrFellowship, collectiveProposal] + outreachTalks }

  /// Members who have not given their outreach talk this year.
  public var membersWithoutTalk: [MemberID] {
    outreachTalks.compactMap { status in
      if status.done { return nil }
      if case .outreachTalk(let member) = status.duty { return member }
      return nil
    }
  }

  public var overdue: [DutyStatus] { all.filter(\.overdue) }

  /// The quarter's study and inspection or fellowship held, and nothing overdue.
  public var isFullyCompliant: Bool { study.done && inspectionOrFellowship.done && overdue.isEmpty }
}

/// The heads' view of all sector homes in a quarter.
public struct DutyRollUp: Equatable, Sendable {
  public var year: Int
  public var quarter: Int
  public var homes: Int
  public var fullyCompliant: Int
  public var withOverdueDuties: Int
  /// How many homes have each of the six "haves", in `SixHaves` order.
  public var havesCounts: [Int]
  /// Homes with all six.
  public var homesWithAllSix: Int
}

extension SectorActivityKind {
  /// True for the kinds that fulfil the quarter's "inspection or fellowship" duty.
  public var isInspectionOrFellowship: Bool {
    self == .inspectionOrFellowship || self == .inspection || self == .fellowship
  }

  /// The kinds the activity form offers (the combined old kind is only read from old files).
  public static let offered: [SectorActivityKind] = [
    .collectiveStudy, .inspection, .fellowship, .collectiveProposal, .outreachTalk,
  ]
}

extension CommitteeState {
  /// A sector's duties in a quarter; a duty is overdue when it is not done and its period
  /// (the quarter, or the year for the proposal and the talks) ended before `today`.
  public func dutyCompliance(sector: SectorID, year: Int, quarter: Int, today: Day) -> DutyCompliance {
    Self.compliance(
      sector: sector,
      activities: sectorActivities.values.filter { $0.sector == sector && $0.date.year == year },
      members: members.values.filter { $0.sector == sector && !$0.archived }.map(\.id), year: year,
      quarter: quarter, today: today)
  }

  /// Every sector's duties in a quarter, in one pass over the activities and the members: the
  /// homes board shows them all, and asking sector by sector reads every activity each time.
  public func dutyCompliances(year: Int, quarter: Int, today: Day) -> [SectorID: DutyCompliance] {
    var activities: [SectorID: [SectorActivity]] = [:]
    for activity in sectorActivities.values where activity.date.year == year {
      activities[activity.sector, default: []].append(activity)
    }
    var people: [SectorID: [MemberID]] = [:]
    for member in members.values where !member.archived {
      if let sector = member.sector { people[sector, default: []].append(member.id) }
    }
    var result: [SectorID: DutyCompliance] = [:]
    for sector in sectors.keys {
      result[sector] = Self.compliance(
        sector: sector, activities: activities[sector] ?? [], members: people[sector] ?? [], year: year,
        quarter: quarter, today: today)
    }
    return result
  }

  /// A sector's duties from its activities of the year and its members (in any order).
  public static func compliance(
    sector: SectorID, activities unsorted: [SectorActivity], members: [MemberID], year: Int, quarter: Int,
    today: Day
  ) -> DutyCompliance {
    var study: SectorActivity?
    var inspection: SectorActivity?
    var proposal: SectorActivity?
    var talks: [MemberID: SectorActivity] = [:]
    let activities = unsorted.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    for activity in activities {
      let inQuarter = activity.date.quarter == quarter
      switch activity.kind {
      case .collectiveStudy where inQuarter: study = study ?? activity
      case let kind where kind.isInspectionOrFellowship && inQuarter: inspection = inspection ?? activity
      case .collectiveProposal: proposal = proposal ?? activity
      case .outreachTalk:
        for member in activity.members where talks[member] == nil { talks[member] = activity }
      default: break
      }
    }
    let quarterEnded = Self.quarterEnd(year: year, quarter: quarter) < today
    let yearEnded = Self.quarterEnd(year: year, quarter: 4) < today
    func status(_ duty: SectorDuty, _ activity: SectorActivity?, ended: Bool) -> DutyStatus {
      DutyStatus(duty: duty, fulfilledBy: activity, overdue: activity == nil && ended)
    }
    let sectorMembers = members.sorted()
    return DutyCompliance(
      sector: sector, year: year, quarter: quarter,
      study: status(.collectiveStudy, study, ended: quarterEnded),
      inspectionOrFellowship: status(.inspectionOrFellowship, inspection, ended: quarterEnded),
      collectiveProposal: status(.collectiveProposal, proposal, ended: yearEnded),
      outreachTalks: sectorMembers.map { status(.outreachTalk($0), talks[$0], ended: yearEnded) })
  }

  /// The heads' roll-up of every active sector home in a quarter.
  public func dutyRollUp(year: Int, quarter: Int, today: Day) -> DutyRollUp {
    let all = dutyCompliances(year: year, quarter: quarter, today: today)
    return dutyRollUp(year: year, quarter: quarter) {
      all[$0] ?? dutyCompliance(sector: $0, year: year, quarter: quarter, today: today)
    }
  }

  /// The roll-up of a quarter from each home's duties as `compliance` gives them (an index that
  /// keeps the activities by sector gives them without a pass over every activity).
  public func dutyRollUp(year: Int, quarter: Int, compliance: (SectorID) -> DutyCompliance) -> DutyRollUp {
    let homes = sectors.values.filter { !$0.archived }
    var compliant = 0
    var overdue = 0
    var counts = Array(repeating: 0, count: SixHaves.allCases.count)
    var allSix = 0
    for home in homes {
      let compliance = compliance(home.id)
      if compliance.isFullyCompliant { compliant += 1 }
      if !compliance.overdue.isEmpty { overdue += 1 }
      for item in SixHaves.allCases where home.has(item) { counts[Int(item.rawValue)] += 1 }
      if home.missingHaves.isEmpty { allSix += 1 }
    }
    return DutyRollUp(
      year: year, quarter: quarter, homes: homes.count, fullyCompliant: compliant, withOverdueDuties: overdue,
      havesCounts: counts, homesWithAllSix: allSix)
  }

  /// The reports (专报) of a sector, oldest first.
  public func sectorReports(sector: SectorID) -> [SectorReport] {
    sectorReports.values.filter { $0.sector == sector }.sorted { $0.id < $1.id }
  }

  /// The last day of a quarter.
  public static func quarterEnd(year: Int, quarter: Int) -> Day {
    let month = min(max(quarter, 1), 4) * 3
    return Day(unchecked: year, month, Day.daysIn(year: year, month: month))
  }
}
