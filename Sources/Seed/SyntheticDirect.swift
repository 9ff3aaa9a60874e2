import Domain
import Foundation

/// Why a synthetic archive could not be built directly.
public enum SyntheticBuildError: Error, Sendable {
  /// The direct builder met a change it does not carry out; use `SyntheticArchive.state` instead.
  case unsupported(String)
  /// The state bytes did not decode (the Domain's snapshot layout changed).
  case decoding(BinaryError)
}

extension SyntheticArchive {
  /// The archive built without `apply`, for speed at a million records: the generator's changes are
  /// carried out on plain mutable tables the way the Domain's `apply` carries them out, and the result
  /// is written in the Domain's state layout and read back with `CommitteeState(from:)` (which rebuilds
  /// the indexes). Only records that pass the rules are made: a test checks that the result is equal to
  /// `state(actor:daysPerGroup: 1)`, which goes through `apply`, record for record.
  public func build(actor: ActingUser = .staff("bench", .admin)) throws(SyntheticBuildError) -> CommitteeState
  {
    var tables = DirectTables(actor: actor.userName)
    for step in self {
      try tables.carryOut(step.change, now: step.at)
    }
    var writer = BinaryWriter(capacity: records * 320)
    tables.write(into: &writer)
    var reader = BinaryReader(writer.bytes)
    do {
      return try CommitteeState(from: &reader)
    } catch {
      throw .decoding(error)
    }
  }
}

/// Records by raw ID, changed in place.
struct DirectTables {
  let actor: String
  var nextRaw: UInt64 = 1
  var members: [UInt64: Member] = [:]
  var sectors: [UInt64: Sector] = [:]
  var committees: [UInt64: SpecialCommittee] = [:]
  var departments: [UInt64: Department] = [:]
  var stations: [UInt64: Station] = [:]
  var teams: [UInt64: SupervisionTeam] = [:]
  var rivers: [UInt64: River] = [:]
  var consultations: [UInt64: Consultation] = [:]
  var items: [UInt64: SupervisionItem] = [:]
  var patrols: [UInt64: Patrol] = [:]
  var visits: [UInt64: Visit] = [:]
  var reports: [UInt64: OpinionReport] = [:]
  var activities: [UInt64: SectorActivity] = [:]
  var problems: [UInt64: Problem] = [:]

  init(actor: String) { self.actor = actor }

  /// The dated record the Domain keeps for a step of topic generation.
  func stageRecord(_ stage: SupervisionStage, _ now: Date, planYear: Int? = nil) -> SupervisionStageRecord {
    SupervisionStageRecord(stage: stage, date: Day(workingDayOf: now), planYear: planYear, by: actor, at: now)
  }

  mutating func carryOut(_ change: Change, now: Date) throws(SyntheticBuildError) {
    switch change {
    case .putMember(let v):
      members[v.id.raw] = v
      seen(v.id.raw)
    case .putSector(let v):
      sectors[v.id.raw] = v
      seen(v.id.raw)
    case .putSpecialCommittee(let v):
      committees[v.id.raw] = v
      seen(v.id.raw)
    case .putDepartment(let v):
      departments[v.id.raw] = v
      seen(v.id.raw)
    case .putStation(let v):
      stations[v.id.raw] = v
      seen(v.id.raw)
    case .putSupervisionTeam(let v):
      teams[v.id.raw] = v
      seen(v.id.raw)
    case .putRiver(let v):
      rivers[v.id.raw] = v
      seen(v.id.raw)
    case .putPatrol(let v):
      patrols[v.id.raw] = v
      seen(v.id.raw)
    case .putVisit(let v):
      visits[v.id.raw] = v
      seen(v.id.raw)
    case .putOpinionReport(let v):
      reports[v.id.raw] = v
      seen(v.id.raw)
    case .putSectorActivity(let v):
      activities[v.id.raw] = v
      seen(v.id.raw)
    case .openConsultation(let id, let details):
      consultations[id.raw] = Consultation(id: id, details: details)
      seen(id.raw)
    case .completeStep(let id, let step, let record):
      consultations[id.raw]?.completed.append(CompletedStep(step: step, at: now, by: actor, record: record))
    case .proposeSupervisionItem(let id, let p):
      items[id.raw] = SupervisionItem(
        id: id, title: p.title, description: p.description, proposers: p.proposers,
        specialCommittee: p.specialCommittee, team: p.team)
      items[id.raw]?.teams = p.teams
      items[id.raw]?.localities = p.localities
      let proposed = stageRecord(.proposed, now)
      items[id.raw]?.stageRecords = [proposed]
      seen(id.raw)
    case .advanceSupervisionStage(let id):
      if let stage = items[id.raw]?.stage {
        let next: SupervisionStage = stage == .proposed ? .discussed : .reviewed
        items[id.raw]?.stage = next
        let record = stageRecord(next, now)
        items[id.raw]?.stageRecords.append(record)
      }
    case .decideSupervisionItem(let id, let year):
      items[id.raw]?.stage = .decided
      items[id.raw]?.planYear = year
      let record = stageRecord(.decided, now, planYear: year)
      items[id.raw]?.stageRecords.append(record)
    case .raiseProblem(let id, let source, let title, let description):
      problems[id.raw] = Problem(
        id: id, source: source, title: title, description: description, raisedBy: actor, raisedAt: now)
      seen(id.raw)
    case .assignProblem(let id, let department, let due, let note):
      problems[id.raw]?.department = department
      problems[id.raw]?.due = due
      advance(id, .assigned, note, now)
    case .replyProblem(let id, let text):
      problems[id.raw]?.reply = text
      advance(id, .replied, text, now)
    case .feedBackProblem(let id, let text):
      problems[id.raw]?.feedback = text
      advance(id, .fedBack, text, now)
    case .followUpProblem(let id, let text):
      problems[id.raw]?.followUp = text
      advance(id, .followedUp, text, now)
    case .evaluateProblem(let id, let rating, let note):
      problems[id.raw]?.evaluation = rating
      advance(id, .evaluated, note, now)
    case .closeProblem(let id, let note):
      advance(id, .closed, note, now)
    default:
      throw .unsupported("\(change)".prefix(80).description)
    }
  }

  mutating func seen(_ raw: UInt64) { nextRaw = Swift.max(nextRaw, raw + 1) }

  mutating func advance(_ id: ProblemID, _ status: ProblemStatus, _ note: String, _ now: Date) {
    problems[id.raw]?.status = status
    problems[id.raw]?.history.append(ProblemEvent(status: status, actor: actor, at: now, note: note))
  }

  /// The Domain's state layout (see `CommitteeState.encode`): the ID counter, then each table in turn.
  func write(into w: inout BinaryWriter) {
    w.write(varint: nextRaw)
    Self.write(members, &w)
    Self.write(sectors, &w)
    Self.write(committees, &w)
    Self.write(departments, &w)
    Self.write(stations, &w)
    Self.write([UInt64: PartnerRegion](), &w)
    Self.write(teams, &w)
    Self.write(rivers, &w)
    Self.write([UInt64: StaffAccount](), &w)
    Self.write(consultations, &w)
    Self.write(items, &w)
    Self.write(patrols, &w)
    Self.write(visits, &w)
    Self.write(reports, &w)
    Self.write(activities, &w)
    Self.write(problems, &w)
    // Payload version 2: joint meetings, agreements, cooperation results and sector reports (none here).
    Self.write([UInt64: JointMeeting](), &w)
    Self.write([UInt64: CooperationAgreement](), &w)
    Self.write([UInt64: CooperationResult](), &w)
    Self.write([UInt64: SectorReport](), &w)
    Self.write([UInt64: ActionTargets](), &w)
    // Payload version 4: saved views (none here).
    Self.write([UInt64: SavedView](), &w)
  }

  static func write<T: Record>(_ table: [UInt64: T], _ w: inout BinaryWriter) {
    w.write(varint: UInt64(table.count))
    for record in table.values { record.encode(into: &w) }
  }
}
