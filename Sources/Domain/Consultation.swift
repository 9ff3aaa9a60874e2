import Foundation

/// The format of a consultation session.
public enum ConsultationFormat: Hashable, Sendable, BinaryCodable {
  /// 院坝会
  case courtyardMeeting
  /// 微协商
  case microConsultation
  /// 马路协商
  case roadsideConsultation
  /// 会场+现场
  case meetingRoomAndSite
  /// 工作站+界别
  case stationAndSector
  case other(String)
  /// 固定+移动
  case fixedAndMobile

  /// The fixed formats a form offers, before "other".
  public static let offered: [ConsultationFormat] = [
    .courtyardMeeting, .microConsultation, .roadsideConsultation, .meetingRoomAndSite, .fixedAndMobile,
    .stationAndSector,
  ]

  public func encode(into w: inout BinaryWriter) {
    switch self {
    case .courtyardMeeting: w.write(UInt8(0))
    case .microConsultation: w.write(UInt8(1))
    case .roadsideConsultation: w.write(UInt8(2))
    case .meetingRoomAndSite: w.write(UInt8(3))
    case .stationAndSector: w.write(UInt8(4))
    case .other(let text):
      w.write(UInt8(5))
      w.write(text)
    case .fixedAndMobile: w.write(UInt8(6))
    }
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let start = r.offset
    switch try r.readByte() {
    case 0: self = .courtyardMeeting
    case 1: self = .microConsultation
    case 2: self = .roadsideConsultation
    case 3: self = .meetingRoomAndSite
    case 4: self = .stationAndSector
    case 5: self = .other(try r.readString())
    case 6: self = .fixedAndMobile
    case let tag: throw r.failure(.invalidTag(type: "ConsultationFormat", tag: UInt64(tag)), at: start)
    }
  }
}

/// Local six-step consultation, or cross-regional with the seven links 收定研商转督评.
public enum ConsultationKind: UInt8, CaseIterable, Sendable {
  case local, crossRegional

  /// The steps of this kind, in the order they must be done.
  public var steps: [ConsultationStep] {
    switch self {
    case .local: return [.selectTopic, .confirmTopic, .research, .meeting, .reportOutcome, .followUp]
    case .crossRegional: return [.collect, .decide, .research, .consult, .transfer, .supervise, .evaluate]
    }
  }
}

/// A step of a consultation workflow (six steps or seven links).
public enum ConsultationStep: UInt8, CaseIterable, Sendable {
  case selectTopic, confirmTopic, research, meeting, reportOutcome, followUp
  case collect, decide, consult, transfer, supervise, evaluate

  /// The kind of record the step keeps.
  public var recordKind: StepRecordKind {
    switch self {
    case .selectTopic, .collect: return .topics
    case .confirmTopic, .decide: return .confirmedTopic
    case .research: return .research
    case .meeting, .consult: return .meeting
    case .reportOutcome, .transfer: return .outcome
    case .followUp, .supervise: return .followUp
    case .evaluate: return .evaluation
    }
  }

  /// Steps only a head may complete (confirming the topic is a decision).
  public var requiredRole: Role {
    switch self {
    case .confirmTopic, .decide, .evaluate: return .head
    default: return .secretary
    }
  }
}

/// The kind of record a step keeps.
public enum StepRecordKind: UInt8, Sendable {
  case topics, confirmedTopic, research, meeting, outcome, followUp, evaluation
}

/// A research visit before a consultation or supervision (议前调研, 走访调研).
public struct ResearchVisit: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var place: String
  public var people: String
  public var findings: String

  public init(date: Day, place: String, people: String = "", findings: String = "") {
    self.date = date
    self.place = place
    self.people = people
    self.findings = findings
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(place)
    w.write(people)
    w.write(findings)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    place = try r.readString()
    people = try r.readString()
    findings = try r.readString()
  }
}

/// The consultation meeting (协商议事) and its minutes.
public struct Meeting: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var place: String
  public var host: String
  public var members: [MemberID]
  public var departments: [DepartmentID]
  /// Residents' representatives, as free text.
  public var residents: String
  public var minutes: String

  public init(
    date: Day, place: String, host: String = "", members: [MemberID] = [], departments: [DepartmentID] = [],
    residents: String = "", minutes: String = ""
  ) {
    self.date = date
    self.place = place
    self.host = host
    self.members = members
    self.departments = departments
    self.residents = residents
    self.minutes = minutes
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(place)
    w.write(host)
    w.write(members)
    w.write(departments)
    w.write(residents)
    w.write(minutes)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    place = try r.readString()
    host = try r.readString()
    members = try r.readArray()
    departments = try r.readArray()
    residents = try r.readString()
    minutes = try r.readString()
  }
}

/// The outcome report (成果反馈): the text and the departments it went to.
public struct OutcomeReport: Equatable, Sendable, BinaryCodable {
  public var text: String
  public var departments: [DepartmentID]

  public init(text: String, departments: [DepartmentID] = []) {
    self.text = text
    self.departments = departments
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(text)
    w.write(departments)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    text = try r.readString()
    departments = try r.readArray()
  }
}

/// A follow-up on effect (跟踪问效) or a supervision visit: when, and what was found.
public struct FollowUpRecord: Equatable, Sendable, BinaryCodable {
  public var date: Day
  public var finding: String

  public init(date: Day, finding: String) {
    self.date = date
    self.finding = finding
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(date)
    w.write(finding)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    date = try r.readDay()
    finding = try r.readString()
  }
}

/// What a completed consultation step recorded.
public enum StepRecord: Equatable, Sendable, BinaryCodable {
  case topics([String])
  case confirmedTopic(String)
  case research([ResearchVisit])
  /// Out of line: a meeting is about a hundred bytes, and every step of every session would
  /// otherwise be that large.
  indirect case meeting(Meeting)
  case outcome(OutcomeReport)
  case followUp(FollowUpRecord)
  case evaluation(String)

  public var kind: StepRecordKind {
    switch self {
    case .topics: return .topics
    case .confirmedTopic: return .confirmedTopic
    case .research: return .research
    case .meeting: return .meeting
    case .outcome: return .outcome
    case .followUp: return .followUp
    case .evaluation: return .evaluation
    }
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(kind.rawValue)
    switch self {
    case .topics(let topics): w.write(topics)
    case .confirmedTopic(let text), .evaluation(let text): w.write(text)
    case .research(let visits): w.write(visits)
    case .meeting(let meeting): w.write(meeting)
    case .outcome(let outcome): w.write(outcome)
    case .followUp(let followUp): w.write(followUp)
    }
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let kind: StepRecordKind = try r.readEnum()
    switch kind {
    case .topics: self = .topics(try r.readArray())
    case .confirmedTopic: self = .confirmedTopic(try r.readString())
    case .research: self = .research(try r.readArray())
    case .meeting: self = .meeting(try r.read())
    case .outcome: self = .outcome(try r.read())
    case .followUp: self = .followUp(try r.read())
    case .evaluation: self = .evaluation(try r.readString())
    }
  }
}

/// A step done: which, when, by whom, and its record.
public struct CompletedStep: Equatable, Sendable, BinaryCodable {
  public var step: ConsultationStep
  public var at: Date
  public var by: String
  public var record: StepRecord

  public init(step: ConsultationStep, at: Date, by: String, record: StepRecord) {
    self.step = step
    self.at = at
    self.by = by
    self.record = record
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(step.rawValue)
    w.write(at)
    w.write(by)
    w.write(record)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    step = try r.readEnum()
    at = try r.readDate()
    by = try r.readString()
    record = try r.read()
  }
}

/// What a consultation is about and who takes part; editable at any step.
public struct ConsultationDetails: Equatable, Sendable, BinaryCodable {
  public var title: String
  public var station: StationID?
  public var format: ConsultationFormat
  public var kind: ConsultationKind
  /// Cross-regional only: the partner regions and the members dispatched to them.
  public var partnerRegions: [PartnerRegionID]
  public var dispatchedMembers: [MemberID]
  /// Cross-regional only: region level (区市县) or town / micro (镇街/小微). Payload version 2.
  public var level: ConsultationLevel
  /// Cross-regional only: members the partner regions sent to us, by name. Payload version 2.
  public var receivedMembers: [String]
  /// The topic series (专题系列) the consultation belongs to, by name; empty for none. Payload version 2.
  public var series: String

  public init(
    title: String, station: StationID? = nil, format: ConsultationFormat = .microConsultation,
    kind: ConsultationKind = .local, partnerRegions: [PartnerRegionID] = [],
    dispatchedMembers: [MemberID] = [], level: ConsultationLevel = .region, receivedMembers: [String] = [],
    series: String = ""
  ) {
    self.title = title
    self.station = station
    self.format = format
    self.kind = kind
    self.partnerRegions = partnerRegions
    self.dispatchedMembers = dispatchedMembers
    self.level = level
    self.receivedMembers = receivedMembers
    self.series = series
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(title)
    w.write(station)
    w.write(format)
    w.write(kind.rawValue)
    w.write(partnerRegions)
    w.write(dispatchedMembers)
    w.write(level.rawValue)
    w.write(receivedMembers)
    w.write(series)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    title = try r.readString()
    station = try r.readOptional()
    format = try r.read()
    kind = try r.readEnum()
    partnerRegions = try r.readArray()
    dispatchedMembers = try r.readArray()
    if r.payloadVersion >= 2 {
      level = try r.readEnum()
      receivedMembers = try r.readArray()
      series = try r.readString()
    } else {
      level = .region
      receivedMembers = []
      series = ""
    }
  }
}

/// A consultation session (协商) carried through its ordered steps.
public struct Consultation: Record {
  public var id: ConsultationID
  public var details: ConsultationDetails
  public var completed: [CompletedStep]
  /// Research visits added outside the research step, at any time. Payload version 2.
  public var addedVisits: [ResearchVisit]

  public init(
    id: ConsultationID, details: ConsultationDetails, completed: [CompletedStep] = [],
    addedVisits: [ResearchVisit] = []
  ) {
    self.id = id
    self.details = details
    self.completed = completed
    self.addedVisits = addedVisits
  }

  public static let kind = RecordKind.consultation
  public var displayName: String { details.title }

  /// The next step to do, or nil when all are done.
  public var nextStep: ConsultationStep? {
    let steps = details.kind.steps
    return completed.count < steps.count ? steps[completed.count] : nil
  }

  public var isFinished: Bool { nextStep == nil }

  public func record(of kind: StepRecordKind) -> StepRecord? {
    completed.last { $0.record.kind == kind }?.record
  }

  public var candidateTopics: [String] {
    if case .topics(let topics) = record(of: .topics) { return topics }
    return []
  }

  public var confirmedTopic: String? {
    if case .confirmedTopic(let topic) = record(of: .confirmedTopic) { return topic }
    return nil
  }

  /// The visits recorded with the research step.
  public var researchVisits: [ResearchVisit] {
    if case .research(let visits) = record(of: .research) { return visits }
    return []
  }

  /// Every research visit, the research step's and those added later, by date.
  public var allResearchVisits: [ResearchVisit] {
    (researchVisits + addedVisits).enumerated().sorted {
      ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
    }
    .map(\.element)
  }

  public var meeting: Meeting? {
    if case .meeting(let meeting) = record(of: .meeting) { return meeting }
    return nil
  }

  public var outcome: OutcomeReport? {
    if case .outcome(let outcome) = record(of: .outcome) { return outcome }
    return nil
  }

  public var followUp: FollowUpRecord? {
    if case .followUp(let followUp) = record(of: .followUp) { return followUp }
    return nil
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(details)
    w.write(completed)
    w.write(addedVisits)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    details = try r.read()
    completed = try r.readArray()
    addedVisits = r.payloadVersion >= 2 ? try r.readArray() : []
  }
}
