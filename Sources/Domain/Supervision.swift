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
  // Payload version 2: a note per measure, who evaluated and when, and what followed the verdict.
  public var rectificationNote: String
  public var cooperationNote: String
  public var satisfactionNote: String
  public var evaluators: [MemberID]
  /// The day of the evaluation meeting; nil on evaluations recorded before it was asked for.
  public var date: Day?
  /// How the commendation was made public (通报表扬).
  public var publicity: String
  /// The new last day when ordered to redo.
  public var redoDue: Day?
  /// That it was reported to the district party committee and government, and how.
  public var reportNote: String

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
    rectificationNote = ""
    cooperationNote = ""
    satisfactionNote = ""
    evaluators = []
    date = nil
    publicity = ""
    redoDue = nil
    reportNote = ""
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
    w.write(rectificationNote)
    w.write(cooperationNote)
    w.write(satisfactionNote)
    w.write(evaluators)
    w.write(date)
    w.write(publicity)
    w.write(redoDue)
    w.write(reportNote)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    rectification = try r.readEnum()
    cooperation = try r.readEnum()
    satisfaction = try r.readEnum()
    note = try r.readString()
    at = try r.readDate()
    by = try r.readString()
    if r.payloadVersion >= 2 {
      rectificationNote = try r.readString()
      cooperationNote = try r.readString()
      satisfactionNote = try r.readString()
      evaluators = try r.readArray()
      date = try r.readOptional()
      publicity = try r.readString()
      redoDue = try r.readOptional()
      reportNote = try r.readString()
    } else {
      rectificationNote = ""
      cooperationNote = ""
      satisfactionNote = ""
      evaluators = []
      date = nil
      publicity = ""
      redoDue = nil
      reportNote = ""
    }
  }

  /// The rating and note of one measure.
  public func rating(of measure: SupervisionMeasure) -> (rating: Rating, note: String) {
    switch measure {
    case .rectification: return (rectification, rectificationNote)
    case .cooperation: return (cooperation, cooperationNote)
    case .satisfaction: return (satisfaction, satisfactionNote)
    }
  }
}

/// A democratic-supervision item (民主监督): topic generation, then before / during / after.
public struct SupervisionItem: Record {
  public var id: SupervisionItemID
  public var title: String
  public var description: String
  public var proposers: [MemberID]
  public var specialCommittee: SpecialCommitteeID?
  /// The supervision teams that carry it out; the first is the lead team.
  public var teams: [SupervisionTeamID]
  public var stage: SupervisionStage
  /// The year of the annual plan, set when decided.
  public var planYear: Int?
  // before
  public var researchTrips: [SupervisionResearchTrip]
  public var suggestions: [String]
  // during
  public var consultationDate: Day?
  public var consultation: ConsultationID?
  // after
  public var followUpInspection: SupervisionFollowUp?
  public var evaluation: SupervisionEvaluation?
  /// Evaluations that ordered a redo, oldest first.
  public var pastEvaluations: [SupervisionEvaluation]
  public var redoCount: Int
  // Payload version 2
  /// The street stations and community rooms the topic concerns (streets and communities).
  public var localities: [StationID]
  /// Each dated step of topic generation (提 议 审 定, and every sending back), oldest first.
  public var stageRecords: [SupervisionStageRecord]
  /// The supervision consultation's participants and minutes, when recorded here.
  public var meeting: SupervisionMeeting?
  /// Follow-up inspections that led to a redo, oldest first (the current one is `followUpInspection`).
  public var pastFollowUps: [SupervisionFollowUp]

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
    self.teams = team.map { [$0] } ?? []
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
    localities = []
    stageRecords = []
    meeting = nil
    pastFollowUps = []
  }

  public static let kind = RecordKind.supervisionItem
  public var displayName: String { title }

  /// The lead supervision team.
  public var team: SupervisionTeamID? {
    get { teams.first }
    set {
      teams.removeAll { $0 == newValue }
      if let newValue { teams.insert(newValue, at: 0) }
    }
  }

  /// The last day for the follow-up inspection (回头看): the same day a month after the consultation,
  /// or the last day of that month when it is shorter (2026-01-31 → 2026-02-28); after an order to
  /// redo, the new due day set with it.
  public var followUpDue: Day? {
    if let redoDue = evaluation?.redoDue, evaluation?.verdict == .orderedToRedo { return redoDue }
    return consultationDate?.adding(months: 1)
  }

  /// True when a follow-up inspection is awaited: the consultation was held and none is recorded.
  public var awaitsFollowUp: Bool {
    followUpDue != nil && followUpInspection == nil && !isClosed
  }

  /// True when the consultation was held, no follow-up inspection is recorded, and the due day passed.
  public func isFollowUpOverdue(today: Day) -> Bool {
    guard let due = followUpDue, awaitsFollowUp else { return false }
    return today > due
  }

  /// Days past the follow-up due day (0 when not overdue).
  public func followUpDaysLate(today: Day) -> Int {
    guard let due = followUpDue, isFollowUpOverdue(today: today) else { return 0 }
    return today.daysSinceEpoch - due.daysSinceEpoch
  }

  /// Closed: evaluated and commended.
  public var isClosed: Bool { evaluation?.verdict == .commended }

  /// Every evaluation, oldest first (earlier ones ordered a redo).
  public var evaluations: [SupervisionEvaluation] { pastEvaluations + (evaluation.map { [$0] } ?? []) }

  /// Every follow-up inspection, oldest first.
  public var followUps: [SupervisionFollowUp] { pastFollowUps + (followUpInspection.map { [$0] } ?? []) }

  /// The last time the chairs' meeting sent the topic back, while it has not passed review since.
  public var sentBack: SupervisionStageRecord? {
    guard stage < .reviewed, let last = stageRecords.last(where: { $0.stage == .reviewed }),
      last.outcome == .sentBack
    else { return nil }
    return last
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(title)
    w.write(description)
    w.write(proposers)
    w.write(specialCommittee)
    w.write(team)
    w.write(stage.rawValue)
    w.write(planYear)
    // Version 1 kept research trips and the follow-up in narrower types; their slots stay, empty,
    // and the full values follow at the end.
    w.write([ResearchVisit]())
    w.write(suggestions)
    w.write(consultationDate)
    w.write(consultation)
    w.write(FollowUpRecord?.none)
    w.write(evaluation)
    w.write(pastEvaluations)
    w.write(redoCount)
    w.write(teams)
    w.write(localities)
    w.write(stageRecords)
    w.write(researchTrips)
    w.write(meeting)
    w.write(followUpInspection)
    w.write(pastFollowUps)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    title = try r.readString()
    description = try r.readString()
    proposers = try r.readArray()
    specialCommittee = try r.readOptional()
    let leadTeam: SupervisionTeamID? = try r.readOptional()
    stage = try r.readEnum()
    planYear = try r.readOptional()
    let oldTrips: [ResearchVisit] = try r.readArray()
    suggestions = try r.readArray()
    consultationDate = try r.readOptional()
    consultation = try r.readOptional()
    let oldFollowUp: FollowUpRecord? = try r.readOptional()
    evaluation = try r.readOptional()
    pastEvaluations = try r.readArray()
    redoCount = try r.readInt()
    researchTrips = oldTrips.map(SupervisionResearchTrip.init(legacy:))
    followUpInspection = oldFollowUp.map(SupervisionFollowUp.init(legacy:))
    if r.payloadVersion >= 2 {
      teams = try r.readArray()
      localities = try r.readArray()
      stageRecords = try r.readArray()
      researchTrips += try r.readArray()
      meeting = try r.readOptional()
      if let full: SupervisionFollowUp = try r.readOptional() { followUpInspection = full }
      pastFollowUps = try r.readArray()
    } else {
      teams = leadTeam.map { [$0] } ?? []
      localities = []
      stageRecords = []
      meeting = nil
      pastFollowUps = []
    }
  }
}

extension TimeZone {
  /// Where the committees work (China Standard Time): the Domain dates steps by it, so every
  /// machine replays the same days, and the app's "today" follows it so the two always agree.
  public static let working = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
}

extension Day {
  /// The day a moment falls on where the committees work; dates the steps whose change carries no
  /// date of its own, and is the app's today.
  public init(workingDayOf date: Date) {
    self.init(daysSinceEpoch: Day.workingDayNumber(of: date))
  }

  /// The number (days since 1970-01-01) of the working day a moment falls on: the one way every
  /// count (boards, Overview, report, rollup) puts a moment into a day, month, quarter or year, so
  /// the figures are the same on every machine whatever its own time zone. Cheap enough to call
  /// for each of a million records (no calendar is made).
  public static func workingDayNumber(of date: Date) -> Int {
    let seconds = date.timeIntervalSince1970 + Double(TimeZone.working.secondsFromGMT(for: date))
    // A moment read from a damaged file may be anything; keep it to the days a Day can name.
    guard seconds.isFinite else { return 0 }
    let days = (seconds / 86_400).rounded(.down)
    return Int(min(max(days, -719_162), 2_932_896))
  }
}
