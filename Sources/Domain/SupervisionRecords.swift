import Foundation

/// One of the three measures a supervision topic is evaluated on.
public enum SupervisionMeasure: UInt8, CaseIterable, Sendable {
  /// 问题整改情况
  case rectification
  /// 部门参与配合度
  case cooperation
  /// 界别群众满意度
  case satisfaction
}

/// What the chairs' meeting (审) decided about a topic.
public enum ReviewOutcome: UInt8, CaseIterable, Sendable {
  case passed
  /// Sent back to the special committee, with a reason.
  case sentBack
}

/// How far the problems found were put right, as the follow-up inspection saw it.
public enum RectificationStatus: UInt8, CaseIterable, Sendable {
  case rectified, inProgress, notRectified
}

/// Who took part in a meeting: members, departments, sector representatives and others by name.
public struct SupervisionParticipants: Equatable, Sendable, BinaryCodable {
  public var members: [MemberID]
  public var departments: [DepartmentID]
  /// Sectors whose representatives took part.
  public var sectors: [SectorID]
  /// Experts, residents and anyone else, as free text.
  public var others: String

  public init(
    members: [MemberID] = [], departments: [DepartmentID] = [], sectors: [SectorID] = [], others: String = ""
  ) {
    self.members = members
    self.departments = departments
    self.sectors = sectors
    self.others = others
  }

  public var isEmpty: Bool {
    members.isEmpty && departments.isEmpty && sectors.isEmpty && others.allSatisfy(\.isWhitespace)
  }

  var references: [RecordRef] {
    members.map { RecordRef($0) } + departments.map { RecordRef($0) } + sectors.map { RecordRef($0) }
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(members)
    w.write(departments)
    w.write(sectors)
    w.write(others)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    members = try r.readArray()
    departments = try r.readArray()
    sectors = try r.readArray()
    others = try r.readString()
  }
}

/// One dated step of topic generation: proposed (提), discussed (议), reviewed (审, passed or sent
/// back) or decided (定), with who recorded it.
public struct SupervisionStageRecord: Equatable, Sendable, BinaryCodable {
  /// The stage this step reached (for a review sent back: `.reviewed` with outcome `.sentBack`).
  public var stage: SupervisionStage
  public var date: Day
  /// Who discussed it (议).
  public var participants: SupervisionParticipants
  /// The discussion's summary, or the note of a review or decision.
  public var summary: String
  public var outcome: ReviewOutcome
  /// Why the chairs' meeting sent it back.
  public var reason: String
  /// The year of the annual plan it entered (定).
  public var planYear: Int?
  public var by: String
  public var at: Date

  public init(
    stage: SupervisionStage, date: Day, participants: SupervisionParticipants = SupervisionParticipants(),
    summary: String = "", outcome: ReviewOutcome = .passed, reason: String = "", planYear: Int? = nil,
    by: String = "", at: Date = Date(timeIntervalSince1970: 0)
  ) {
    self.stage = stage
    self.date = date
    self.participants = participants
    self.summary = summary
    self.outcome = outcome
    self.reason = reason
    self.planYear = planYear
    self.by = by
    self.at = at
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(stage.rawValue)
    w.write(date)
    w.write(participants)
    w.write(summary)
    w.write(outcome.rawValue)
    w.write(reason)
    w.write(planYear)
    w.write(by)
    w.write(at)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    stage = try r.readEnum()
    date = try r.readDay()
    participants = try r.read()
    summary = try r.readString()
    outcome = try r.readEnum()
    reason = try r.readString()
    planYear = try r.readOptional()
    by = try r.readString()
    at = try r.readDate()
  }
}

/// A visit or research trip before the supervision consultation (走访调研).
public struct SupervisionResearchTrip: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var place: String
  public var members: [MemberID]
  /// The department that went along or was visited.
  public var department: DepartmentID?
  public var notes: String

  public init(
    date: Day, place: String, members: [MemberID] = [], department: DepartmentID? = nil, notes: String = ""
  ) {
    self.date = date
    self.place = place
    self.members = members
    self.department = department
    self.notes = notes
  }

  /// A trip recorded before payload version 2, when who went was free text.
  public init(legacy visit: ResearchVisit) {
    let people = visit.people.allSatisfy(\.isWhitespace) ? "" : "\(visit.people)："
    self.init(date: visit.date, place: visit.place, notes: people + visit.findings)
  }

  var references: [RecordRef] { members.map { RecordRef($0) } + (department.map { [RecordRef($0)] } ?? []) }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(place)
    w.write(members)
    w.write(department)
    w.write(notes)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    place = try r.readString()
    members = try r.readArray()
    department = try r.readOptional()
    notes = try r.readString()
  }
}

/// The supervision consultation (协商) recorded on the topic itself: who came and the minutes.
public struct SupervisionMeeting: Equatable, Sendable, BinaryCodable {
  public var date: Day
  /// Members, departments, sector representatives; experts and the public as free text.
  public var participants: SupervisionParticipants
  public var minutes: String

  public init(
    date: Day, participants: SupervisionParticipants = SupervisionParticipants(), minutes: String = ""
  ) {
    self.date = date
    self.participants = participants
    self.minutes = minutes
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(participants)
    w.write(minutes)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    participants = try r.read()
    minutes = try r.readString()
  }
}

/// The follow-up inspection (回头看) after the consultation.
public struct SupervisionFollowUp: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var members: [MemberID]
  public var findings: String
  public var rectification: RectificationStatus
  public var by: String
  public var at: Date

  public init(
    date: Day, members: [MemberID] = [], findings: String, rectification: RectificationStatus = .inProgress,
    by: String = "", at: Date = Date(timeIntervalSince1970: 0)
  ) {
    self.date = date
    self.members = members
    self.findings = findings
    self.rectification = rectification
    self.by = by
    self.at = at
  }

  /// A follow-up recorded before payload version 2, with a date and a finding only.
  public init(legacy record: FollowUpRecord) {
    self.init(date: record.date, findings: record.finding)
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(members)
    w.write(findings)
    w.write(rectification.rawValue)
    w.write(by)
    w.write(at)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    members = try r.readArray()
    findings = try r.readString()
    rectification = try r.readEnum()
    by = try r.readString()
    at = try r.readDate()
  }
}

/// The special committee's discussion (议), as entered.
public struct SupervisionDiscussion: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var participants: SupervisionParticipants
  public var summary: String

  public init(date: Day, participants: SupervisionParticipants, summary: String) {
    self.date = date
    self.participants = participants
    self.summary = summary
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(participants)
    w.write(summary)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    participants = try r.read()
    summary = try r.readString()
  }
}

/// A rating on one measure with its note; the rating may still be missing while the form is filled in.
public struct MeasureRating: Equatable, Sendable, BinaryCodable {
  public var rating: Rating?
  public var note: String

  public init(_ rating: Rating?, note: String = "") {
    self.rating = rating
    self.note = note
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(rating.map { Int($0.rawValue) })
    w.write(note)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let start = r.offset
    if let raw = try r.readOptional(Int.self) {
      guard let value = UInt8(exactly: raw).flatMap(Rating.init(rawValue:)) else {
        throw r.failure(.invalidTag(type: "Rating", tag: UInt64(truncatingIfNeeded: raw)), at: start)
      }
      rating = value
    } else {
      rating = nil
    }
    note = try r.readString()
  }
}

/// The evaluation of a topic on the three measures (评议), as entered; the Domain checks it and
/// keeps it as a `SupervisionEvaluation`.
public struct SupervisionAssessment: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var rectification: MeasureRating
  public var cooperation: MeasureRating
  public var satisfaction: MeasureRating
  public var evaluators: [MemberID]
  public var note: String
  /// How a commendation is made public.
  public var publicity: String
  /// The new last day, needed when the ratings order a redo.
  public var redoDue: Day?
  /// How the redo was reported to the district party committee and government.
  public var reportNote: String

  public init(
    date: Day, rectification: MeasureRating, cooperation: MeasureRating, satisfaction: MeasureRating,
    evaluators: [MemberID], note: String = "", publicity: String = "", redoDue: Day? = nil,
    reportNote: String = ""
  ) {
    self.date = date
    self.rectification = rectification
    self.cooperation = cooperation
    self.satisfaction = satisfaction
    self.evaluators = evaluators
    self.note = note
    self.publicity = publicity
    self.redoDue = redoDue
    self.reportNote = reportNote
  }

  /// The measure's rating as entered.
  public func measure(_ measure: SupervisionMeasure) -> MeasureRating {
    switch measure {
    case .rectification: return rectification
    case .cooperation: return cooperation
    case .satisfaction: return satisfaction
    }
  }

  /// What the ratings lead to, once all three are given.
  public var verdict: SupervisionVerdict? {
    guard let a = rectification.rating, let b = cooperation.rating, let c = satisfaction.rating else {
      return nil
    }
    return min(a, b, c) >= .good ? .commended : .orderedToRedo
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(rectification)
    w.write(cooperation)
    w.write(satisfaction)
    w.write(evaluators)
    w.write(note)
    w.write(publicity)
    w.write(redoDue)
    w.write(reportNote)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    rectification = try r.read()
    cooperation = try r.read()
    satisfaction = try r.read()
    evaluators = try r.readArray()
    note = try r.readString()
    publicity = try r.readString()
    redoDue = try r.readOptional()
    reportNote = try r.readString()
  }
}

/// Where a topic stands in the whole loop, for lists, the plan and the board.
public enum SupervisionStanding: UInt8, CaseIterable, Sendable {
  case proposed, sentBack, discussed, reviewed, decided, researching, consulted, followedUp, redoing,
    commended

  public var nameKey: String { "supervision2.standing.\(self)" }
}

extension SupervisionItem {
  /// Where the topic stands now.
  public var standing: SupervisionStanding {
    if isClosed { return .commended }
    if evaluation?.verdict == .orderedToRedo { return followUpInspection == nil ? .redoing : .followedUp }
    if followUpInspection != nil { return .followedUp }
    if consultationDate != nil { return .consulted }
    switch stage {
    case .decided: return researchTrips.isEmpty && suggestions.isEmpty ? .decided : .researching
    case .proposed: return sentBack != nil ? .sentBack : .proposed
    case .discussed: return .discussed
    case .reviewed: return .reviewed
    }
  }
}

extension CommitteeState {
  /// The annual supervision plan: topics decided into `year`'s plan, in ID order.
  public func supervisionPlan(year: Int) -> [SupervisionItem] {
    records(supervisionItemsByStage[.decided], in: supervisionItems).filter { $0.planYear == year }
  }

  /// Topics whose follow-up inspection is awaited and due from `today` to `days` days later, soonest first.
  public func supervisionFollowUpsDue(today: Day, within days: Int = 7) -> [SupervisionItem] {
    let last = today.adding(days: days)
    return supervisionItems.values.filter { item in
      guard item.awaitsFollowUp, let due = item.followUpDue else { return false }
      return due >= today && due <= last
    }.sorted { ($0.followUpDue ?? today, $0.id) < ($1.followUpDue ?? today, $1.id) }
  }
}
