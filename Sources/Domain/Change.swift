import Foundation

/// What a supervision topic is about and who proposed it; editable until it is evaluated.
public struct SupervisionProposal: Equatable, Sendable, BinaryCodable {
  public var title: String
  public var description: String
  public var proposers: [MemberID]
  public var specialCommittee: SpecialCommitteeID?
  /// The supervision teams; the first leads.
  public var teams: [SupervisionTeamID]
  /// The street stations and community rooms concerned.
  public var localities: [StationID]

  public init(
    title: String, description: String = "", proposers: [MemberID],
    specialCommittee: SpecialCommitteeID? = nil,
    team: SupervisionTeamID? = nil, teams: [SupervisionTeamID] = [], localities: [StationID] = []
  ) {
    self.title = title
    self.description = description
    self.proposers = proposers
    self.specialCommittee = specialCommittee
    self.teams = (team.map { [$0] } ?? []) + teams.filter { $0 != team }
    self.localities = localities
  }

  /// The lead team.
  public var team: SupervisionTeamID? { teams.first }

  public func encode(into w: inout BinaryWriter) {
    w.write(title)
    w.write(description)
    w.write(proposers)
    w.write(specialCommittee)
    w.write(team)
    w.write(teams)
    w.write(localities)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    title = try r.readString()
    description = try r.readString()
    proposers = try r.readArray()
    specialCommittee = try r.readOptional()
    let lead: SupervisionTeamID? = try r.readOptional()
    if r.payloadVersion >= 2 {
      teams = try r.readArray()
      localities = try r.readArray()
    } else {
      teams = lead.map { [$0] } ?? []
      localities = []
    }
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
  /// The special committee discussed it (议): proposed → discussed.
  case discussSupervisionItem(SupervisionItemID, SupervisionDiscussion)
  /// The chairs' meeting reviewed it (审): discussed → reviewed, or sent back to be discussed again.
  case reviewSupervisionItem(SupervisionItemID, date: Day, outcome: ReviewOutcome, reason: String)
  /// The standing committee decided it (定) on a day, into the annual plan of a year.
  case decideSupervisionTopic(SupervisionItemID, date: Day, planYear: Int)
  /// A research trip and/or suggestions, any time after the decision.
  case recordSupervisionResearch(SupervisionItemID, SupervisionResearchTrip?, suggestions: [String])
  /// The supervision consultation: linked to a consultation record, or recorded here with its
  /// participants and minutes (or both).
  case holdSupervisionMeeting(SupervisionItemID, SupervisionMeeting, consultation: ConsultationID?)
  /// The minutes of the supervision consultation recorded on the topic.
  case recordSupervisionMinutes(SupervisionItemID, String)
  /// The follow-up inspection (回头看); closes the follow-up, late or not.
  case inspectSupervisionFollowUp(SupervisionItemID, SupervisionFollowUp)
  /// The evaluation on three measures: commended (closes the loop) or ordered to redo.
  case assessSupervisionItem(SupervisionItemID, SupervisionAssessment)

  // Fieldwork and sector homes
  case putPatrol(Patrol)
  case putVisit(Visit)
  case putOpinionReport(OpinionReport)
  case putSectorActivity(SectorActivity)
  /// The yearly targets of the double-hundred actions (a put, tag 0, of record kind 30).
  case putActionTargets(ActionTargets)

  // Sector homes, cross-regional cooperation and consultations (issue 11)
  case putSectorReport(SectorReport)
  case putJointMeeting(JointMeeting)
  case putCooperationAgreement(CooperationAgreement)
  case putCooperationResult(CooperationResult)
  /// Adds a research visit to a consultation at any step (before, during or after its research step).
  case addResearchVisit(ConsultationID, ResearchVisit)
  /// Moves a sector report (专报) along its track: sent → read → adopted or acted on.
  case trackSectorReport(SectorReportID, SectorReportEvent, feedback: String)

  // The problem loop
  case raiseProblem(ProblemID, ProblemSource, title: String, description: String)
  case assignProblem(ProblemID, DepartmentID, due: Day, note: String)
  case replyProblem(ProblemID, String)
  case feedBackProblem(ProblemID, String)
  case followUpProblem(ProblemID, String)
  case evaluateProblem(ProblemID, Rating, note: String)
  case closeProblem(ProblemID, note: String)
  case redoProblem(ProblemID, due: Day, note: String)

  // Fieldwork and the loop, payload version 2 (tags 50–69)
  /// Writes one step's notes of a patrol, in order; 促落实 closes it. Tag 50.
  case recordPatrolStep(PatrolID, PatrolStep, notes: String)
  /// Evaluates a followed-up problem on the three measures. Tag 51.
  case evaluateProblemOnMeasures(ProblemID, SupervisionEvaluation)
  /// Raises a problem from any source, naming the member who raised it. Tag 52.
  case raiseProblemByMember(ProblemID, ProblemSource, title: String, description: String, member: MemberID?)
  /// Moves a report along submitted → adopted → instructed → rectifying → done. Tag 53.
  case advanceOpinionReport(OpinionReportID, OpinionReportStep)

  // Boards and saved views (tags 90–94)
  /// Saves a user's view of a list or board: a new one, or one replaced (renamed, saved again). Tag 90.
  case saveView(SavedView)
  /// Deletes one of a user's saved views. Tag 91.
  case deleteView(SavedViewID)

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
    case .sectorReport(let v): return .putSectorReport(v)
    case .jointMeeting(let v): return .putJointMeeting(v)
    case .cooperationAgreement(let v): return .putCooperationAgreement(v)
    case .cooperationResult(let v): return .putCooperationResult(v)
    case .actionTargets(let v): return .putActionTargets(v)
    case .consultation, .supervisionItem, .problem, .savedView: return nil
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
    case .putSectorReport(let v): return .sectorReport(v)
    case .putJointMeeting(let v): return .jointMeeting(v)
    case .putCooperationAgreement(let v): return .cooperationAgreement(v)
    case .putCooperationResult(let v): return .cooperationResult(v)
    case .putActionTargets(let v): return .actionTargets(v)
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
    case .discussSupervisionItem(let id, let discussion):
      w.write(UInt8(30))
      w.write(id)
      w.write(discussion)
    case .reviewSupervisionItem(let id, let date, let outcome, let reason):
      w.write(UInt8(31))
      w.write(id)
      w.write(date)
      w.write(outcome.rawValue)
      w.write(reason)
    case .decideSupervisionTopic(let id, let date, let year):
      w.write(UInt8(32))
      w.write(id)
      w.write(date)
      w.write(year)
    case .recordSupervisionResearch(let id, let trip, let suggestions):
      w.write(UInt8(33))
      w.write(id)
      w.write(trip)
      w.write(suggestions)
    case .holdSupervisionMeeting(let id, let meeting, let consultation):
      w.write(UInt8(34))
      w.write(id)
      w.write(meeting)
      w.write(consultation)
    case .recordSupervisionMinutes(let id, let text):
      w.write(UInt8(35))
      w.write(id)
      w.write(text)
    case .inspectSupervisionFollowUp(let id, let record):
      w.write(UInt8(36))
      w.write(id)
      w.write(record)
    case .assessSupervisionItem(let id, let assessment):
      w.write(UInt8(37))
      w.write(id)
      w.write(assessment)
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
    case .addResearchVisit(let id, let visit):
      w.write(UInt8(70))
      w.write(id)
      w.write(visit)
    case .trackSectorReport(let id, let event, let feedback):
      w.write(UInt8(71))
      w.write(id)
      w.write(event)
      w.write(feedback)
    case .recordPatrolStep(let id, let step, let notes):
      w.write(UInt8(50))
      w.write(id)
      w.write(step.rawValue)
      w.write(notes)
    case .evaluateProblemOnMeasures(let id, let evaluation):
      w.write(UInt8(51))
      w.write(id)
      w.write(evaluation)
    case .raiseProblemByMember(let id, let source, let title, let description, let member):
      w.write(UInt8(52))
      w.write(id)
      w.write(source)
      w.write(title)
      w.write(description)
      w.write(member)
    case .advanceOpinionReport(let id, let step):
      w.write(UInt8(53))
      w.write(id)
      w.write(step)
    case .saveView(let view):
      w.write(UInt8(90))
      w.write(view)
    case .deleteView(let id):
      w.write(UInt8(91))
      w.write(id)
    case .revert(let change, let versions, let actor, let at):
      w.write(UInt8(95))
      w.write(change)
      w.write(versions)
      w.write(actor.userName)
      w.write(actor.role?.rawValue ?? 255)
      w.write(at)
    case .putMember, .putSector, .putSpecialCommittee, .putDepartment, .putStation, .putPartnerRegion,
      .putSupervisionTeam, .putRiver, .putStaffAccount, .putPatrol, .putVisit, .putOpinionReport,
      .putSectorActivity, .putSectorReport, .putJointMeeting, .putCooperationAgreement, .putCooperationResult,
      .putActionTargets:
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
    case 30: self = .discussSupervisionItem(try r.read(), try r.read())
    case 31:
      self = .reviewSupervisionItem(
        try r.read(), date: try r.readDay(), outcome: try r.readEnum(), reason: try r.readString())
    case 32: self = .decideSupervisionTopic(try r.read(), date: try r.readDay(), planYear: try r.readInt())
    case 33:
      self = .recordSupervisionResearch(try r.read(), try r.readOptional(), suggestions: try r.readArray())
    case 34: self = .holdSupervisionMeeting(try r.read(), try r.read(), consultation: try r.readOptional())
    case 35: self = .recordSupervisionMinutes(try r.read(), try r.readString())
    case 36: self = .inspectSupervisionFollowUp(try r.read(), try r.read())
    case 37: self = .assessSupervisionItem(try r.read(), try r.read())
    case 24: self = .group(try r.readArray())
    case 25: self = .restore(try r.readArray())
    case 70: self = .addResearchVisit(try r.read(), try r.read())
    case 71: self = .trackSectorReport(try r.read(), try r.read(), feedback: try r.readString())
    case 50: self = .recordPatrolStep(try r.read(), try r.readEnum(), notes: try r.readString())
    case 51: self = .evaluateProblemOnMeasures(try r.read(), try r.read())
    case 52:
      self = .raiseProblemByMember(
        try r.read(), try r.read(), title: try r.readString(), description: try r.readString(),
        member: try r.readOptional())
    case 53: self = .advanceOpinionReport(try r.read(), try r.read())
    case 90: self = .saveView(try r.read())
    case 91: self = .deleteView(try r.read())
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
