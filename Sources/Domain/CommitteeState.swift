import Collections
import Foundation

/// Every record of one committee, as one value (persistent maps: copying it is O(1)), with indexes
/// that every change keeps correct.
public struct CommitteeState: Sendable {
  public internal(set) var members = RecordTable<Member>()
  public internal(set) var sectors = RecordTable<Sector>()
  public internal(set) var specialCommittees = RecordTable<SpecialCommittee>()
  public internal(set) var departments = RecordTable<Department>()
  public internal(set) var stations = RecordTable<Station>()
  public internal(set) var partnerRegions = RecordTable<PartnerRegion>()
  public internal(set) var supervisionTeams = RecordTable<SupervisionTeam>()
  public internal(set) var rivers = RecordTable<River>()
  public internal(set) var staffAccounts = RecordTable<StaffAccount>()
  public internal(set) var consultations = RecordTable<Consultation>()
  public internal(set) var supervisionItems = RecordTable<SupervisionItem>()
  public internal(set) var patrols = RecordTable<Patrol>()
  public internal(set) var visits = RecordTable<Visit>()
  public internal(set) var opinionReports = RecordTable<OpinionReport>()
  public internal(set) var sectorActivities = RecordTable<SectorActivity>()
  public internal(set) var problems = RecordTable<Problem>()
  public internal(set) var jointMeetings = RecordTable<JointMeeting>()
  public internal(set) var cooperationAgreements = RecordTable<CooperationAgreement>()
  public internal(set) var cooperationResults = RecordTable<CooperationResult>()
  public internal(set) var sectorReports = RecordTable<SectorReport>()
  public internal(set) var actionTargets = RecordTable<ActionTargets>()
  /// Each user's saved views of lists and boards (payload version 4).
  public internal(set) var savedViews = RecordTable<SavedView>()

  /// The raw value the next new record gets; always above every ID in use.
  public internal(set) var nextRawID: UInt64 = 1

  // Indexes, derived from the records above.
  public internal(set) var problemsByStatus: [ProblemStatus: IDSet<Problem>] = [:]
  public internal(set) var problemsByDepartment: [DepartmentID: IDSet<Problem>] = [:]
  /// Problems not closed that have a due day, by that day.
  public internal(set) var openProblemsByDue: [Day: IDSet<Problem>] = [:]
  public internal(set) var supervisionItemsByStage: [SupervisionStage: IDSet<SupervisionItem>] = [:]
  public internal(set) var consultationsByStation: [StationID: IDSet<Consultation>] = [:]

  public init() {}

  /// A new ID, `offset` places after the next free one (for several new records in one group).
  public func newID<T>(offset: UInt64 = 0) -> ID<T> { ID(raw: nextRawID + offset) }

  // MARK: Reading any record

  public func value(of ref: RecordRef) -> RecordValue? {
    let raw = ref.raw
    switch ref.kind {
    case .member: return members[ID(raw: raw)].map(RecordValue.member)
    case .sector: return sectors[ID(raw: raw)].map(RecordValue.sector)
    case .specialCommittee: return specialCommittees[ID(raw: raw)].map(RecordValue.specialCommittee)
    case .department: return departments[ID(raw: raw)].map(RecordValue.department)
    case .station: return stations[ID(raw: raw)].map(RecordValue.station)
    case .partnerRegion: return partnerRegions[ID(raw: raw)].map(RecordValue.partnerRegion)
    case .supervisionTeam: return supervisionTeams[ID(raw: raw)].map(RecordValue.supervisionTeam)
    case .river: return rivers[ID(raw: raw)].map(RecordValue.river)
    case .staffAccount: return staffAccounts[ID(raw: raw)].map(RecordValue.staffAccount)
    case .consultation: return consultations[ID(raw: raw)].map(RecordValue.consultation)
    case .supervisionItem: return supervisionItems[ID(raw: raw)].map(RecordValue.supervisionItem)
    case .patrol: return patrols[ID(raw: raw)].map(RecordValue.patrol)
    case .visit: return visits[ID(raw: raw)].map(RecordValue.visit)
    case .opinionReport: return opinionReports[ID(raw: raw)].map(RecordValue.opinionReport)
    case .sectorActivity: return sectorActivities[ID(raw: raw)].map(RecordValue.sectorActivity)
    case .problem: return problems[ID(raw: raw)].map(RecordValue.problem)
    case .jointMeeting: return jointMeetings[ID(raw: raw)].map(RecordValue.jointMeeting)
    case .cooperationAgreement:
      return cooperationAgreements[ID(raw: raw)].map(RecordValue.cooperationAgreement)
    case .cooperationResult: return cooperationResults[ID(raw: raw)].map(RecordValue.cooperationResult)
    case .sectorReport: return sectorReports[ID(raw: raw)].map(RecordValue.sectorReport)
    case .actionTargets: return actionTargets[ID(raw: raw)].map(RecordValue.actionTargets)
    case .savedView: return savedViews[ID(raw: raw)].map(RecordValue.savedView)
    }
  }

  public func contains(_ ref: RecordRef) -> Bool { value(of: ref) != nil }

  /// True when the record exists and is archived.
  public func isArchived(_ ref: RecordRef) -> Bool {
    guard ref.kind.isArchivable, let value = value(of: ref) else { return false }
    return (value.record as? any Archivable)?.archived ?? false
  }

  /// The shown name of a record, or `#raw` when it does not exist.
  public func displayName(of ref: RecordRef) -> String {
    value(of: ref)?.displayName ?? "#\(ref.raw)"
  }

  /// How many records of a kind there are.
  public func count(of kind: RecordKind) -> Int {
    switch kind {
    case .member: return members.count
    case .sector: return sectors.count
    case .specialCommittee: return specialCommittees.count
    case .department: return departments.count
    case .station: return stations.count
    case .partnerRegion: return partnerRegions.count
    case .supervisionTeam: return supervisionTeams.count
    case .river: return rivers.count
    case .staffAccount: return staffAccounts.count
    case .consultation: return consultations.count
    case .supervisionItem: return supervisionItems.count
    case .patrol: return patrols.count
    case .visit: return visits.count
    case .opinionReport: return opinionReports.count
    case .sectorActivity: return sectorActivities.count
    case .problem: return problems.count
    case .jointMeeting: return jointMeetings.count
    case .cooperationAgreement: return cooperationAgreements.count
    case .cooperationResult: return cooperationResults.count
    case .sectorReport: return sectorReports.count
    case .actionTargets: return actionTargets.count
    case .savedView: return savedViews.count
    }
  }

  public var totalCount: Int { RecordKind.allCases.reduce(0) { $0 + count(of: $1) } }

  // MARK: Writing (only through apply, and decoding)

  /// Puts a record's value (nil removes it) and keeps the indexes right.
  mutating func set(_ ref: RecordRef, _ value: RecordValue?) {
    if ref.raw >= nextRawID { nextRawID = ref.raw + 1 }
    let raw = ref.raw
    switch (ref.kind, value) {
    case (.member, .member(let v)?): members.set(ID(raw: raw), v)
    case (.member, _): members.set(ID(raw: raw), nil)
    case (.sector, .sector(let v)?): sectors.set(ID(raw: raw), v)
    case (.sector, _): sectors.set(ID(raw: raw), nil)
    case (.specialCommittee, .specialCommittee(let v)?): specialCommittees.set(ID(raw: raw), v)
    case (.specialCommittee, _): specialCommittees.set(ID(raw: raw), nil)
    case (.department, .department(let v)?): departments.set(ID(raw: raw), v)
    case (.department, _): departments.set(ID(raw: raw), nil)
    case (.station, .station(let v)?): stations.set(ID(raw: raw), v)
    case (.station, _): stations.set(ID(raw: raw), nil)
    case (.partnerRegion, .partnerRegion(let v)?): partnerRegions.set(ID(raw: raw), v)
    case (.partnerRegion, _): partnerRegions.set(ID(raw: raw), nil)
    case (.supervisionTeam, .supervisionTeam(let v)?): supervisionTeams.set(ID(raw: raw), v)
    case (.supervisionTeam, _): supervisionTeams.set(ID(raw: raw), nil)
    case (.river, .river(let v)?): rivers.set(ID(raw: raw), v)
    case (.river, _): rivers.set(ID(raw: raw), nil)
    case (.staffAccount, .staffAccount(let v)?): staffAccounts.set(ID(raw: raw), v)
    case (.staffAccount, _): staffAccounts.set(ID(raw: raw), nil)
    case (.consultation, let v):
      setConsultation(ID(raw: raw), v.flatMap { if case .consultation(let c) = $0 { c } else { nil } })
    case (.supervisionItem, let v):
      setSupervisionItem(ID(raw: raw), v.flatMap { if case .supervisionItem(let s) = $0 { s } else { nil } })
    case (.patrol, .patrol(let v)?): patrols.set(ID(raw: raw), v)
    case (.patrol, _): patrols.set(ID(raw: raw), nil)
    case (.visit, .visit(let v)?): visits.set(ID(raw: raw), v)
    case (.visit, _): visits.set(ID(raw: raw), nil)
    case (.opinionReport, .opinionReport(let v)?): opinionReports.set(ID(raw: raw), v)
    case (.opinionReport, _): opinionReports.set(ID(raw: raw), nil)
    case (.sectorActivity, .sectorActivity(let v)?): sectorActivities.set(ID(raw: raw), v)
    case (.sectorActivity, _): sectorActivities.set(ID(raw: raw), nil)
    case (.problem, let v):
      setProblem(ID(raw: raw), v.flatMap { if case .problem(let p) = $0 { p } else { nil } })
    case (.jointMeeting, .jointMeeting(let v)?): jointMeetings.set(ID(raw: raw), v)
    case (.jointMeeting, _): jointMeetings.set(ID(raw: raw), nil)
    case (.cooperationAgreement, .cooperationAgreement(let v)?): cooperationAgreements.set(ID(raw: raw), v)
    case (.cooperationAgreement, _): cooperationAgreements.set(ID(raw: raw), nil)
    case (.cooperationResult, .cooperationResult(let v)?): cooperationResults.set(ID(raw: raw), v)
    case (.cooperationResult, _): cooperationResults.set(ID(raw: raw), nil)
    case (.sectorReport, .sectorReport(let v)?): sectorReports.set(ID(raw: raw), v)
    case (.sectorReport, _): sectorReports.set(ID(raw: raw), nil)
    case (.actionTargets, .actionTargets(let v)?): actionTargets.set(ID(raw: raw), v)
    case (.actionTargets, _): actionTargets.set(ID(raw: raw), nil)
    case (.savedView, .savedView(let v)?): savedViews.set(ID(raw: raw), v)
    case (.savedView, _): savedViews.set(ID(raw: raw), nil)
    }
  }

  mutating func put<T: Record>(_ record: T) { set(record.ref, RecordValue(record)) }

  mutating func setProblem(_ id: ProblemID, _ new: Problem?) {
    if let old = problems[id] {
      Self.remove(id, from: &problemsByStatus, old.status)
      if let department = old.department { Self.remove(id, from: &problemsByDepartment, department) }
      if old.isOpen, let due = old.due { Self.remove(id, from: &openProblemsByDue, due) }
    }
    problems.set(id, new)
    if let new { index(new) }
  }

  /// Adds a problem to the indexes (it must not be in them yet).
  mutating func index(_ problem: Problem) {
    problemsByStatus[problem.status, default: []].insert(problem.id)
    if let department = problem.department {
      problemsByDepartment[department, default: []].insert(problem.id)
    }
    if problem.isOpen, let due = problem.due { openProblemsByDue[due, default: []].insert(problem.id) }
  }

  mutating func setSupervisionItem(_ id: SupervisionItemID, _ new: SupervisionItem?) {
    if let old = supervisionItems[id] { Self.remove(id, from: &supervisionItemsByStage, old.stage) }
    supervisionItems.set(id, new)
    if let new { index(new) }
  }

  mutating func index(_ item: SupervisionItem) {
    supervisionItemsByStage[item.stage, default: []].insert(item.id)
  }

  mutating func setConsultation(_ id: ConsultationID, _ new: Consultation?) {
    if let station = consultations[id]?.details.station {
      Self.remove(id, from: &consultationsByStation, station)
    }
    consultations.set(id, new)
    if let new { index(new) }
  }

  mutating func index(_ consultation: Consultation) {
    if let station = consultation.details.station {
      consultationsByStation[station, default: []].insert(consultation.id)
    }
  }

  private static func remove<K: Hashable, T>(_ id: ID<T>, from index: inout [K: IDSet<T>], _ key: K) {
    index[key]?.remove(id)
    if index[key]?.isEmpty == true { index[key] = nil }
  }

  /// Builds every index from the records in bulk (after decoding).
  mutating func rebuildIndexes(problemsToo: Bool = true) {
    if problemsToo { rebuildProblemIndexes() }
    var byStage: [SupervisionStage: [SupervisionItemID]] = [:]
    for box in supervisionItems.storage.values { byStage[box.value.stage, default: []].append(box.value.id) }
    supervisionItemsByStage = byStage.mapValues { IDSet($0) }
    var byStation: [StationID: [ConsultationID]] = [:]
    for consultation in consultations.values {
      if let station = consultation.details.station {
        byStation[station, default: []].append(consultation.id)
      }
    }
    consultationsByStation = byStation.mapValues { IDSet($0) }
  }

  mutating func rebuildProblemIndexes() {
    var byStatus: [ProblemStatus: [ProblemID]] = [:]
    var byDepartment: [DepartmentID: [ProblemID]] = [:]
    var byDue: [Day: [ProblemID]] = [:]
    // Reading fields through the boxes avoids copying whole records.
    for box in problems.storage.values {
      let id = box.value.id
      let status = box.value.status
      byStatus[status, default: []].append(id)
      if let department = box.value.department { byDepartment[department, default: []].append(id) }
      if status != .closed, let due = box.value.due { byDue[due, default: []].append(id) }
    }
    problemsByStatus = byStatus.mapValues { IDSet($0) }
    problemsByDepartment = byDepartment.mapValues { IDSet($0) }
    openProblemsByDue = byDue.mapValues { IDSet($0) }
  }

  mutating func raiseNextRawID(to raw: UInt64) { nextRawID = max(nextRawID, raw) }
}

extension CommitteeState: Equatable {
  /// Equal when the records and the ID counter are equal (indexes follow from the records).
  public static func == (lhs: CommitteeState, rhs: CommitteeState) -> Bool {
    lhs.nextRawID == rhs.nextRawID && lhs.members == rhs.members && lhs.sectors == rhs.sectors
      && lhs.specialCommittees == rhs.specialCommittees && lhs.departments == rhs.departments
      && lhs.stations == rhs.stations && lhs.partnerRegions == rhs.partnerRegions
      && lhs.supervisionTeams == rhs.supervisionTeams && lhs.rivers == rhs.rivers
      && lhs.staffAccounts == rhs.staffAccounts && lhs.consultations == rhs.consultations
      && lhs.supervisionItems == rhs.supervisionItems && lhs.patrols == rhs.patrols
      && lhs.visits == rhs.visits && lhs.opinionReports == rhs.opinionReports
      && lhs.sectorActivities == rhs.sectorActivities && lhs.problems == rhs.problems
      && lhs.jointMeetings == rhs.jointMeetings && lhs.cooperationAgreements == rhs.cooperationAgreements
      && lhs.cooperationResults == rhs.cooperationResults && lhs.sectorReports == rhs.sectorReports
      && lhs.actionTargets == rhs.actionTargets && lhs.savedViews == rhs.savedViews
  }
}
