import Foundation

/// Where a supervision topic stands in its generation: proposed (提) → discussed (议) → reviewed (审)
/// → decided (定, then in the annual plan).
public enum SupervisionStage: UInt8, CaseIterable, Comparable, Sendable {
  case proposed, discussed, reviewed, decided

  public static func < (lhs: SupervisionStage, rhs: SupervisionStage) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A rating on one measure of an evaluation.
public enum Rating: UInt8, CaseIterable, Comparable, Sendable {
  case poor, fair, good, excellent

  public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What an evaluation led to.
public enum SupervisionVerdict: UInt8, CaseIterable, Sendable {
  /// Commendation and publicity; the loop closes.
  case commended
  /// Ordered to redo (责成重新办理) and reported to the party committee and government.
  case orderedToRedo
}

/// The evaluation after the follow-up inspection, on the three measures.
public struct SupervisionEvaluation: Equatable, Sendable, BinaryCodable {
  public var rectification: Rating
  public var cooperation: Rating
  public var satisfaction: Rating
  public var note: String
  public var at: Date
  public var by: String

  public init(
    rectification: Rating, cooperation: Rating, satisfaction: Rating, note: String = "",
    at: Date = Date(timeIntervalSince1970: 0), by: String = ""
  ) {
    self.rectification = rectification
    self.cooperation = cooperation
    self.satisfaction = satisfaction
    self.note = note
    self.at = at
    self.by = by
  }

  /// Commended only when every measure is at least good.
  public var verdict: SupervisionVerdict {
    min(rectification, cooperation, satisfaction) >= .good ? .commended : .orderedToRedo
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(rectification.rawValue)
    w.write(cooperation.rawValue)
    w.write(satisfaction.rawValue)
    w.write(note)
    w.write(at)
    w.write(by)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    rectification = try r.readEnum()
    cooperation = try r.readEnum()
    satisfaction = try r.readEnum()
    note = try r.readString()
    at = try r.readDate()
    by = try r.readString()
  }
}

/// A democratic-supervision item (民主监督): topic generation, then before / during / after.
public struct SupervisionItem: Record {
  public var id: SupervisionItemID
  public var title: String
  public var description: String
  public var proposers: [MemberID]
  public var specialCommittee: SpecialCommitteeID?
  public var team: SupervisionTeamID?
  public var stage: SupervisionStage
  /// The year of the annual plan, set when decided.
  public var planYear: Int?
  // before
  public var researchTrips: [ResearchVisit]
  public var suggestions: [String]
  // during
  public var consultationDate: Day?
  public var consultation: ConsultationID?
  // after
  public var followUpInspection: FollowUpRecord?
  public var evaluation: SupervisionEvaluation?
  /// Evaluations that ordered a redo, oldest first.
  public var pastEvaluations: [SupervisionEvaluation]
  public var redoCount: Int

  public init(
    id: SupervisionItemID, title: String, description: String = "", proposers: [MemberID] = [],
    specialCommittee: SpecialCommitteeID? = nil, team: SupervisionTeamID? = nil,
    stage: SupervisionStage = .proposed
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.proposers = proposers
    self.specialCommittee = specialCommittee
    self.team = team
    self.stage = stage
    planYear = nil
    researchTrips = []
    suggestions = []
    consultationDate = nil
    consultation = nil
    followUpInspection = nil
    evaluation = nil
    pastEvaluations = []
    redoCount = 0
  }

  public static let kind = RecordKind.supervisionItem
  public var displayName: String { title }

  /// The last day for the follow-up inspection (回头看): the same day a month after the consultation,
  /// or the last day of that month when it is shorter (2026-01-31 → 2026-02-28).
  public var followUpDue: Day? { consultationDate?.adding(months: 1) }

  /// True when the consultation was held, no follow-up inspection is recorded, and the due day passed.
  public func isFollowUpOverdue(today: Day) -> Bool {
    guard let due = followUpDue, followUpInspection == nil else { return false }
    return today > due
  }

  /// Closed: evaluated and commended.
  public var isClosed: Bool { evaluation?.verdict == .commended }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(title)
    w.write(description)
    w.write(proposers)
    w.write(specialCommittee)
    w.write(team)
    w.write(stage.rawValue)
    w.write(planYear)
    w.write(researchTrips)
    w.write(suggestions)
    w.write(consultationDate)
    w.write(consultation)
    w.write(followUpInspection)
    w.write(evaluation)
    w.write(pastEvaluations)
    w.write(redoCount)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    title = try r.readString()
    description = try r.readString()
    proposers = try r.readArray()
    specialCommittee = try r.readOptional()
    team = try r.readOptional()
    stage = try r.readEnum()
    planYear = try r.readOptional()
    researchTrips = try r.readArray()
    suggestions = try r.readArray()
    consultationDate = try r.readOptional()
    consultation = try r.readOptional()
    followUpInspection = try r.readOptional()
    evaluation = try r.readOptional()
    pastEvaluations = try r.readArray()
    redoCount = try r.readInt()
  }
}
