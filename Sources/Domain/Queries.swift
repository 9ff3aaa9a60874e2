import Collections
import Foundation

extension CommitteeState {
  /// Problems in a status, oldest first.
  public func problems(status: ProblemStatus) -> [Problem] {
    records(problemsByStatus[status], in: problems)
  }

  /// Problems assigned to a department (at any status), oldest first.
  public func problems(department: DepartmentID) -> [Problem] {
    records(problemsByDepartment[department], in: problems)
  }

  /// Problems that came from one source record (a consultation, a patrol, …), oldest first.
  /// A scan: kept out of the indexes so that opening a large archive stays fast.
  public func problems(from source: ProblemSource) -> [Problem] {
    problems.values.filter { $0.source == source }.sorted { $0.id < $1.id }
  }

  /// Problems not closed whose due day is before `today`, most overdue first.
  public func overdueProblems(today: Day) -> [Problem] {
    let days = openProblemsByDue.keys.filter { $0 < today }.sorted()
    var result: [Problem] = []
    for day in days {
      result.append(contentsOf: records(openProblemsByDue[day], in: problems))
    }
    return result
  }

  /// Supervision items at a stage of topic generation, oldest first.
  public func supervisionItems(stage: SupervisionStage) -> [SupervisionItem] {
    records(supervisionItemsByStage[stage], in: supervisionItems)
  }

  /// Supervision items whose follow-up inspection (回头看) is past due and not recorded.
  /// Most days late first.
  public func followUpOverdueSupervisionItems(today: Day) -> [SupervisionItem] {
    supervisionItems.values.filter { $0.isFollowUpOverdue(today: today) }.sorted {
      ($0.followUpDue ?? today, $0.id) < ($1.followUpDue ?? today, $1.id)
    }
  }

  /// A station and every station under it (street stations under a hall, rooms under a station).
  public func stationAndDescendants(_ station: StationID) -> Set<StationID> {
    var children: [StationID: [StationID]] = [:]
    for child in stations.values {
      if let parent = child.parent { children[parent, default: []].append(child.id) }
    }
    var found: Set<StationID> = [station]
    var queue = [station]
    while let next = queue.popLast() {
      for child in children[next] ?? [] where found.insert(child).inserted { queue.append(child) }
    }
    return found
  }

  /// Consultations held at a station or any station under it, oldest first.
  public func consultations(atOrBelow station: StationID) -> [Consultation] {
    var ids: [ConsultationID] = []
    for stationID in stationAndDescendants(station) {
      if let set = consultationsByStation[stationID] { ids.append(contentsOf: set) }
    }
    return ids.sorted().compactMap { consultations[$0] }
  }

  /// The active account of an operating-system user, if any.
  public func staffAccount(userName: String) -> StaffAccount? {
    staffAccounts.values.first { $0.userName == userName && !$0.archived }
  }

  /// Who a user is to the rules: their role if they have an active account, a reader otherwise.
  public func actor(userName: String) -> ActingUser {
    if let account = staffAccount(userName: userName) { return .staff(userName, account.role) }
    return .reader(userName)
  }

  /// The duties of a sector not yet fulfilled: the quarter's collective study and inspection or
  /// fellowship activity, the year's collective proposal, and each active member's outreach talk.
  public func missingDuties(sector: SectorID, year: Int, quarter: Int) -> [MissingDuty] {
    // Overdue marks do not matter here, so any day serves.
    let compliance = dutyCompliance(
      sector: sector, year: year, quarter: quarter, today: Self.quarterEnd(year: year, quarter: quarter))
    return compliance.all.filter { !$0.done }.map { status in
      switch status.duty {
      case .collectiveStudy: return .collectiveStudy(year: year, quarter: quarter)
      case .inspectionOrFellowship: return .inspectionOrFellowship(year: year, quarter: quarter)
      case .collectiveProposal: return .collectiveProposal(year: year)
      case .outreachTalk(let member): return .outreachTalk(member: member, year: year)
      }
    }
  }

  func records<T>(_ ids: IDSet<T>?, in table: RecordTable<T>) -> [T] {
    guard let ids else { return [] }
    return ids.sorted().compactMap { table[$0] }
  }

  /// The same records with indexes rebuilt from scratch (tests compare it with the kept indexes).
  func withRebuiltIndexes() -> CommitteeState {
    var fresh = CommitteeState()
    fresh.copyRecords(from: self)
    return fresh
  }

  /// True when every index equals one rebuilt from the records.
  public var indexesAreConsistent: Bool {
    let fresh = withRebuiltIndexes()
    return fresh.problemsByStatus == problemsByStatus && fresh.problemsByDepartment == problemsByDepartment
      && fresh.openProblemsByDue == openProblemsByDue
      && fresh.supervisionItemsByStage == supervisionItemsByStage
      && fresh.consultationsByStation == consultationsByStation
  }

  mutating func copyRecords(from other: CommitteeState) {
    for member in other.members.values { put(member) }
    for sector in other.sectors.values { put(sector) }
    for committee in other.specialCommittees.values { put(committee) }
    for department in other.departments.values { put(department) }
    for station in other.stations.values { put(station) }
    for region in other.partnerRegions.values { put(region) }
    for team in other.supervisionTeams.values { put(team) }
    for river in other.rivers.values { put(river) }
    for account in other.staffAccounts.values { put(account) }
    for consultation in other.consultations.values { put(consultation) }
    for item in other.supervisionItems.values { put(item) }
    for patrol in other.patrols.values { put(patrol) }
    for visit in other.visits.values { put(visit) }
    for report in other.opinionReports.values { put(report) }
    for activity in other.sectorActivities.values { put(activity) }
    for problem in other.problems.values { put(problem) }
    for meeting in other.jointMeetings.values { put(meeting) }
    for agreement in other.cooperationAgreements.values { put(agreement) }
    for result in other.cooperationResults.values { put(result) }
    for report in other.sectorReports.values { put(report) }
    for targets in other.actionTargets.values { put(targets) }
    raiseNextRawID(to: other.nextRawID)
  }
}

/// Who asks for a change: a staff user with a role, or a reader without an account (may only read).
public struct ActingUser: Hashable, Sendable, CustomStringConvertible {
  public let userName: String
  /// nil for a reader.
  public let role: Role?

  public init(userName: String, role: Role?) {
    self.userName = userName
    self.role = role
  }

  public static func staff(_ userName: String, _ role: Role) -> ActingUser {
    ActingUser(userName: userName, role: role)
  }
  public static func reader(_ userName: String) -> ActingUser { ActingUser(userName: userName, role: nil) }

  public var description: String { role.map { "\(userName) (\($0))" } ?? "\(userName) (reader)" }
}
