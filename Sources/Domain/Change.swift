import Foundation

/// What a supervision topic is about and who proposed it; editable until it is evaluated.
public struct SupervisionProposal: Equatable, Sendable, BinaryCodable {
  public var title: String
  public var description: String
  public var proposers: [MemberID]
  public var specialCommittee: SpecialCommitteeID?
  public var team: SupervisionTeamID?

  public init(
    title: String, description: String = "", proposers: [MemberID],
    specialCommittee: SpecialCommitteeID? = nil,
    team: SupervisionTeamID? = nil
  ) {
    self.title = title
    self.description = description
    self.proposers = proposers
    self.specialCommittee = specialCommittee
    self.team = team
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(title)
    w.write(description)
    w.write(proposers)
    w.write(specialCommittee)
    w.write(team)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    title = try r.readString()
    description = try r.readString()
    proposers = try r.readArray()
    specialCommittee = try r.readOptional()
    team = try r.readOptional()
  }
}

/// Every mutation of the committee's records, as a value: applied by `apply`, stored in the journal,
/// shown in the audit trail and inverted (as `restore`) for undo.
///
/// Binary tags are written to disk and never change. New cases take a tag from the range of their
/// area: supervision 30–49, fieldwork and problems 50–69, sector homes, cooperation and
/// consultations 70–89, boards and views 90–94, audit and accounts 95–109.
public indirect enum Change: Equatable, Sendable {
  // Registers: a put with a new ID creates, with an existing ID replaces.
  case putMember(Member)
  case putSector(Sector)
  case putSpecialCommittee(SpecialCommittee)
  case putDepartment(Department)
  case putStation(Station)
  case putPartnerRegion(PartnerRegion)
  case putSupervisionTeam(SupervisionTeam)
  case putRiver(River)
  case putStaffAccount(StaffAccount)
  case archive(RecordRef)
  case unarchive(RecordRef)

  // Consultations
  case openConsultation(ConsultationID, ConsultationDetails)
  case editConsultation(ConsultationID, ConsultationDetails)
  case completeStep(ConsultationID, ConsultationStep, StepRecord)
  case recordMinutes(ConsultationID, String)
  case stepBack(ConsultationID)

  // Supervision
  case proposeSupervisionItem(SupervisionItemID, SupervisionProposal)
  case editSupervisionItem(SupervisionItemID, SupervisionProposal)
  /// proposed → discussed → reviewed.
  case advanceSupervisionStage(SupervisionItemID)
  /// reviewed → decided, into the annual plan of a year.
  case decideSupervisionItem(SupervisionItemID, planYear: Int)
  case addSupervisionResearch(SupervisionItemID, ResearchVisit?, suggestions: [String])
  case holdSupervisionConsultation(SupervisionItemID, date: Day, consultation: ConsultationID?)
  case recordFollowUpInspection(SupervisionItemID, FollowUpRecord)
  case evaluateSupervisionItem(SupervisionItemID, SupervisionEvaluation)

  // Fieldwork and sector homes
  case putPatrol(Patrol)
  case putVisit(Visit)
  case putOpinionReport(OpinionReport)
  case putSectorActivity(SectorActivity)

  // The problem loop
  case raiseProblem(ProblemID, ProblemSource, title: String, description: String)
  case assignProblem(ProblemID, DepartmentID, due: Day, note: String)
  case replyProblem(ProblemID, String)
  case feedBackProblem(ProblemID, String)
  case followUpProblem(ProblemID, String)
  case evaluateProblem(ProblemID, Rating, note: String)
  case closeProblem(ProblemID, note: String)
  case redoProblem(ProblemID, due: Day, note: String)

  // Bulk and undo
  /// Several changes applied all-or-nothing (imports).
  case group([Change])
  /// Puts back earlier versions of records (nil: the record did not exist). Undo in journals written
  /// before `revert`; now an admin's repair tool, since it can write any value.
  case restore([RecordVersion])

  // Audit and accounts (tags 95–109)
  /// Undo: takes `change` back by putting the records it touched back as they were (`to`). It needs the
  /// role and passes the rules of `change`; `by` and `at` (who made `change`, and when) let `apply`
  /// check that the versions are exactly what `change` replaced, so an undo cannot write other values.
  case revert(Change, to: [RecordVersion], by: ActingUser, at: Date)

  /// Undo convenience: a restore from (record, previous value) pairs.
  public static func restore(_ pairs: [(RecordRef, RecordValue?)]) -> Change {
    .restore(pairs.map { RecordVersion($0.0, $0.1) })
  }

  /// A put of any register record.
  public static func put(_ value: RecordValue) -> Change? {
    switch value {
    case .member(let v): return .putMember(v)
    case .sector(let v): return .putSector(v)
    case .specialCommittee(let v): return .putSpecialCommittee(v)
    case .department(let v): return .putDepartment(v)
    case .station(let v): return .putStation(v)
    case .partnerRegion(let v): return .putPartnerRegion(v)
    case .supervisionTeam(let v): return .putSupervisionTeam(v)
    case .river(let v): return .putRiver(v)
    case .staffAccount(let v): return .putStaffAccount(v)
    case .patrol(let v): return .putPatrol(v)
    case .visit(let v): return .putVisit(v)
    case .opinionReport(let v): return .putOpinionReport(v)
    case .sectorActivity(let v): return .putSectorActivity(v)
    case .consultation, .supervisionItem, .problem: return nil
    }
  }

  /// The record value a put change carries.
  var putValue: RecordValue? {
    switch self {
    case .putMember(let v): return .member(v)
    case .putSector(let v): return .sector(v)
    case .putSpecialCommittee(let v): return .specialCommittee(v)
    case .putDepartment(let v): return .department(v)
    case .putStation(let v): return .station(v)
    case .putPartnerRegion(let v): return .partnerRegion(v)
    case .putSupervisionTeam(let v): return .supervisionTeam(v)
    case .putRiver(let v): return .river(v)
    case .putStaffAccount(let v): return .staffAccount(v)
    case .putPatrol(let v): return .patrol(v)
    case .putVisit(let v): return .visit(v)
    case .putOpinionReport(let v): return .opinionReport(v)
    case .putSectorActivity(let v): return .sectorActivity(v)
    default: return nil
    }
  }
}

extension Change: BinaryCodable {
  public func encode(into w: inout BinaryWriter) {
    if let value = putValue {
      w.write(UInt8(0))
      w.write(value)
      return
    }
    switch self {
    case .archive(let ref):
      w.write(UInt8(1))
      w.write(ref)
    case .unarchive(let ref):
      w.write(UInt8(2))
      w.write(ref)
    case .openConsultation(let id, let details):
      w.write(UInt8(3))
      w.write(id)
      w.write(details)
    case .editConsultation(let id, let details):
      w.write(UInt8(4))
      w.write(id)
      w.write(details)
    case .completeStep(let id, let step, let record):
      w.write(UInt8(5))
      w.write(id)
      w.write(step.rawValue)
      w.write(record)
    case .recordMinutes(let id, let text):
      w.write(UInt8(6))
      w.write(id)
      w.write(text)
    case .stepBack(let id):
      w.write(UInt8(7))
      w.write(id)
    case .proposeSupervisionItem(let id, let proposal):
      w.write(UInt8(8))
      w.write(id)
      w.write(proposal)
    case .editSupervisionItem(let id, let proposal):
      w.write(UInt8(9))
      w.write(id)
      w.write(proposal)
    case .advanceSupervisionStage(let id):
      w.write(UInt8(10))
      w.write(id)
    case .decideSupervisionItem(let id, let year):
      w.write(UInt8(11))
      w.write(id)
      w.write(year)
    case .addSupervisionResearch(let id, let visit, let suggestions):
      w.write(UInt8(12))
      w.write(id)
      w.write(visit)
      w.write(suggestions)
    case .holdSupervisionConsultation(let id, let date, let consultation):
      w.write(UInt8(13))
      w.write(id)
      w.write(date)
      w.write(consultation)
    case .recordFollowUpInspection(let id, let record):
      w.write(UInt8(14))
      w.write(id)
      w.write(record)
    case .evaluateSupervisionItem(let id, let evaluation):
      w.write(UInt8(15))
      w.write(id)
      w.write(evaluation)
    case .raiseProblem(let id, let source, let title, let description):
      w.write(UInt8(16))
      w.write(id)
      w.write(source)
      w.write(title)
      w.write(description)
    case .assignProblem(let id, let department, let due, let note):
      w.write(UInt8(17))
      w.write(id)
      w.write(department)
      w.write(due)
      w.write(note)
    case .replyProblem(let id, let text):
      w.write(UInt8(18))
      w.write(id)
      w.write(text)
    case .feedBackProblem(let id, let text):
      w.write(UInt8(19))
      w.write(id)
      w.write(text)
    case .followUpProblem(let id, let text):
      w.write(UInt8(20))
      w.write(id)
      w.write(text)
    case .evaluateProblem(let id, let rating, let note):
      w.write(UInt8(21))
      w.write(id)
      w.write(rating.rawValue)
      w.write(note)
    case .closeProblem(let id, let note):
      w.write(UInt8(22))
      w.write(id)
      w.write(note)
    case .redoProblem(let id, let due, let note):
      w.write(UInt8(23))
      w.write(id)
      w.write(due)
      w.write(note)
    case .group(let changes):
      w.write(UInt8(24))
      w.write(changes)
    case .restore(let versions):
      w.write(UInt8(25))
      w.write(versions)
    case .revert(let change, let versions, let actor, let at):
      w.write(UInt8(95))
      w.write(change)
      w.write(versions)
      w.write(actor.userName)
      w.write(actor.role?.rawValue ?? 255)
      w.write(at)
    case .putMember, .putSector, .putSpecialCommittee, .putDepartment, .putStation, .putPartnerRegion,
      .putSupervisionTeam, .putRiver, .putStaffAccount, .putPatrol, .putVisit, .putOpinionReport,
      .putSectorActivity:
      break  // written above
    }
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let start = r.offset
    let tag = try r.readByte()
    switch tag {
    case 0:
      let value: RecordValue = try r.read()
      guard let change = Change.put(value) else {
        throw r.failure(.invalidTag(type: "Change.put", tag: UInt64(value.kind.rawValue)), at: start + 1)
      }
      self = change
    case 1: self = .archive(try r.read())
    case 2: self = .unarchive(try r.read())
    case 3: self = .openConsultation(try r.read(), try r.read())
    case 4: self = .editConsultation(try r.read(), try r.read())
    case 5: self = .completeStep(try r.read(), try r.readEnum(), try r.read())
    case 6: self = .recordMinutes(try r.read(), try r.readString())
    case 7: self = .stepBack(try r.read())
    case 8: self = .proposeSupervisionItem(try r.read(), try r.read())
    case 9: self = .editSupervisionItem(try r.read(), try r.read())
    case 10: self = .advanceSupervisionStage(try r.read())
    case 11: self = .decideSupervisionItem(try r.read(), planYear: try r.readInt())
    case 12:
      self = .addSupervisionResearch(try r.read(), try r.readOptional(), suggestions: try r.readArray())
    case 13:
      self = .holdSupervisionConsultation(
        try r.read(), date: try r.readDay(), consultation: try r.readOptional())
    case 14: self = .recordFollowUpInspection(try r.read(), try r.read())
    case 15: self = .evaluateSupervisionItem(try r.read(), try r.read())
    case 16:
      self = .raiseProblem(
        try r.read(), try r.read(), title: try r.readString(), description: try r.readString())
    case 17: self = .assignProblem(try r.read(), try r.read(), due: try r.readDay(), note: try r.readString())
    case 18: self = .replyProblem(try r.read(), try r.readString())
    case 19: self = .feedBackProblem(try r.read(), try r.readString())
    case 20: self = .followUpProblem(try r.read(), try r.readString())
    case 21: self = .evaluateProblem(try r.read(), try r.readEnum(), note: try r.readString())
    case 22: self = .closeProblem(try r.read(), note: try r.readString())
    case 23: self = .redoProblem(try r.read(), due: try r.readDay(), note: try r.readString())
    case 24: self = .group(try r.readArray())
    case 25: self = .restore(try r.readArray())
    case 95:
      let change: Change = try r.read()
      let versions: [RecordVersion] = try r.readArray()
      let name = try r.readString()
      let roleOffset = r.offset
      let raw = try r.readByte()
      let actor: ActingUser
      if raw == 255 {
        actor = .reader(name)
      } else if let role = Role(rawValue: raw) {
        actor = .staff(name, role)
      } else {
        throw r.failure(.invalidTag(type: "Role", tag: UInt64(raw)), at: roleOffset)
      }
      self = .revert(change, to: versions, by: actor, at: try r.readDate())
    default: throw r.failure(.invalidTag(type: "Change", tag: UInt64(tag)), at: start)
    }
  }
}
