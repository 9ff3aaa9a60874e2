import Foundation

/// The five steps of a patrol: 看现场 听民声 找问题 献良策 促落实.
public enum PatrolStep: UInt8, CaseIterable, Sendable {
  case inspectSite, listenToResidents, findProblems, offerSolutions, pushImplementation
}

/// Surface-water quality class (GB 3838-2002).
public enum WaterQuality: UInt8, CaseIterable, Comparable, Sendable {
  case classI, classII, classIII, classIV, classV, worseThanV

  public static func < (lhs: WaterQuality, rhs: WaterQuality) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The class as the standard writes it: I … V, and 劣V / >V.
  public var numeral: String {
    switch self {
    case .classI: return "I"
    case .classII: return "II"
    case .classIII: return "III"
    case .classIV: return "IV"
    case .classV: return "V"
    case .worseThanV: return ">V"
    }
  }

  /// True when this reading is no worse than `target`.
  public func meets(_ target: WaterQuality) -> Bool { self <= target }
}

/// A river patrol (巡河) by members along one segment.
public struct Patrol: Record {
  public var id: PatrolID
  public var river: RiverID
  public var segment: String
  public var date: Day
  public var members: [MemberID]
  /// Notes per step, indexed by `PatrolStep.rawValue`.
  public var stepNotes: [String]
  public var observations: String
  public var waterQuality: WaterQuality?
  /// The partner region of a joint cross-border patrol (濑溪河 with 内江, 泸州); payload version 2.
  public var partnerRegion: PartnerRegionID?

  public init(
    id: PatrolID, river: RiverID, segment: String = "", date: Day, members: [MemberID],
    stepNotes: [PatrolStep: String] = [:], observations: String = "", waterQuality: WaterQuality? = nil,
    partnerRegion: PartnerRegionID? = nil
  ) {
    self.id = id
    self.river = river
    self.segment = segment
    self.date = date
    self.members = members
    self.stepNotes = PatrolStep.allCases.map { stepNotes[$0] ?? "" }
    self.observations = observations
    self.waterQuality = waterQuality
    self.partnerRegion = partnerRegion
  }

  public func notes(for step: PatrolStep) -> String {
    Int(step.rawValue) < stepNotes.count ? stepNotes[Int(step.rawValue)] : ""
  }

  /// Whether a step's notes are written.
  public func hasNotes(for step: PatrolStep) -> Bool { !notes(for: step).allSatisfy(\.isWhitespace) }

  /// The first step without notes; nil once 促落实 is recorded and the patrol is closed.
  public var nextStep: PatrolStep? {
    if hasNotes(for: .pushImplementation) { return nil }
    return PatrolStep.allCases.first { !hasNotes(for: $0) }
  }

  /// Open until 促落实 is recorded.
  public var isOpen: Bool { !hasNotes(for: .pushImplementation) }

  /// Held once any step is written or a reading is taken; a held patrol cannot be dated in the future.
  public var isHeld: Bool { waterQuality != nil || PatrolStep.allCases.contains { hasNotes(for: $0) } }

  public static let kind = RecordKind.patrol
  public var displayName: String { segment.isEmpty ? date.description : "\(segment) \(date)" }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(river)
    w.write(segment)
    w.write(date)
    w.write(members)
    w.write(stepNotes)
    w.write(observations)
    w.write(waterQuality.map { Int($0.rawValue) })
    w.write(partnerRegion)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    river = try r.read()
    segment = try r.readString()
    date = try r.readDay()
    members = try r.readArray()
    stepNotes = try Self.readStepNotes(&r)
    observations = try r.readString()
    let start = r.offset
    if let raw = try r.readOptional(Int.self) {
      guard let quality = UInt8(exactly: raw).flatMap(WaterQuality.init(rawValue:)) else {
        throw r.failure(.invalidTag(type: "WaterQuality", tag: UInt64(truncatingIfNeeded: raw)), at: start)
      }
      waterQuality = quality
    } else {
      waterQuality = nil
    }
    partnerRegion = r.payloadVersion >= 2 ? try r.readOptional() : nil
  }

  /// The notes of no step, shared by every patrol read back without notes (most patrols are only
  /// planned or dated), instead of five empty strings in an array of each patrol's own.
  private static let noStepNotes = [String](repeating: "", count: PatrolStep.allCases.count)

  /// The step notes as written, padded with empty notes to one per step (files of older versions
  /// may hold fewer).
  private static func readStepNotes(_ r: inout BinaryReader) throws(BinaryError) -> [String] {
    let count = try r.readCount()
    var notes: [String] = []
    for index in 0..<count {
      let note = try r.readString()
      if note.isEmpty && notes.isEmpty { continue }
      if notes.isEmpty { notes = [String](repeating: "", count: max(count, PatrolStep.allCases.count)) }
      notes[index] = note
    }
    if !notes.isEmpty { return notes }
    return count <= noStepNotes.count ? noStepNotes : [String](repeating: "", count: count)
  }
}

/// Which of the four double-hundred actions (四个双百行动) a visit belongs to.
///
/// Raw values are on disk: 巡百河 came last, so `actions` gives the order people say them in.
public enum VisitKind: UInt8, CaseIterable, Sendable {
  /// 进百村
  case village
  /// 访百企
  case enterprise
  /// 入百户
  case household
  /// 巡百河 (payload version 2)
  case riverPatrol = 3

  /// 巡百河, 进百村, 访百企, 入百户 — the order of the article.
  public static let actions: [VisitKind] = [.riverPatrol, .village, .enterprise, .household]

  /// The kind for a number typed or imported; anything else is refused naming the field.
  public static func from(code: Int) throws(DomainError) -> VisitKind {
    guard let raw = UInt8(exactly: code), let kind = VisitKind(rawValue: raw) else {
      throw .outOfRange(.visitKind, value: String(code))
    }
    return kind
  }
}

/// A visit of the double-hundred actions (巡百河, 进百村, 访百企, 入百户).
public struct Visit: Record {
  public var id: VisitID
  public var kind: VisitKind
  public var date: Day
  public var members: [MemberID]
  public var place: String
  /// What the members found (stored as the visit's notes since payload version 1).
  public var notes: String
  /// What they suggested; payload version 2.
  public var suggestions: String

  public init(
    id: VisitID, kind: VisitKind, date: Day, members: [MemberID], place: String, notes: String = "",
    suggestions: String = ""
  ) {
    self.id = id
    self.kind = kind
    self.date = date
    self.members = members
    self.place = place
    self.notes = notes
    self.suggestions = suggestions
  }

  /// The findings: the same text as `notes`.
  public var findings: String {
    get { notes }
    set { notes = newValue }
  }

  public static let kind = RecordKind.visit
  public var displayName: String { place }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(kind.rawValue)
    w.write(date)
    w.write(members)
    w.write(place)
    w.write(notes)
    w.write(suggestions)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    kind = try r.readEnum()
    date = try r.readDay()
    members = try r.readArray()
    place = try r.readString()
    notes = try r.readString()
    suggestions = r.payloadVersion >= 2 ? try r.readString() : ""
  }
}

/// The yearly targets of the four double-hundred actions (default 100 each), editable per year.
public struct ActionTargets: Record {
  public static let defaultTarget = 100

  public var id: ActionTargetsID
  public var year: Int
  /// Target per action, indexed by `VisitKind.rawValue`.
  public var targets: [Int]

  public init(id: ActionTargetsID, year: Int, targets: [VisitKind: Int] = [:]) {
    self.id = id
    self.year = year
    self.targets = VisitKind.allCases.map { targets[$0] ?? Self.defaultTarget }
  }

  public func target(for kind: VisitKind) -> Int {
    Int(kind.rawValue) < targets.count ? targets[Int(kind.rawValue)] : Self.defaultTarget
  }

  public static let kind = RecordKind.actionTargets
  public var displayName: String { String(year) }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(year)
    w.write(targets)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    year = try r.readInt()
    targets = try r.readArray()
  }
}

/// Where a public-opinion report stands: submitted → adopted (采用) → instructed (批示) → rectifying
/// (整改) → done.
///
/// Raw values are on disk: version 1 called adopted "forwarded" and done "handled"; rectifying was
/// added after them, so `rank` gives the order of the chain.
public enum OpinionReportStatus: UInt8, CaseIterable, Sendable {
  case submitted = 0
  case adopted = 1
  case instructed = 2
  case done = 3
  case rectifying = 4

  /// The chain in order.
  public static let chain: [OpinionReportStatus] = [.submitted, .adopted, .instructed, .rectifying, .done]

  /// The place in the chain, 0 for submitted.
  public var rank: Int { Self.chain.firstIndex(of: self) ?? 0 }
}

/// A step of a report's status chain, as a change records it.
public enum OpinionReportStep: Equatable, Sendable, BinaryCodable {
  /// The committee adopted (采用) the report on a day.
  case adopt(on: Day)
  /// A leader's instruction (批示): who, when, what.
  case instruct(by: String, on: Day, text: String)
  /// The department's rectification (整改): plan and due day.
  case rectify(department: DepartmentID?, plan: String, due: Day)
  /// Rectification done.
  case complete(on: Day, note: String)

  /// The status the step leads to.
  public var status: OpinionReportStatus {
    switch self {
    case .adopt: return .adopted
    case .instruct: return .instructed
    case .rectify: return .rectifying
    case .complete: return .done
    }
  }

  public func encode(into w: inout BinaryWriter) {
    switch self {
    case .adopt(let day):
      w.write(UInt8(0))
      w.write(day)
    case .instruct(let by, let day, let text):
      w.write(UInt8(1))
      w.write(by)
      w.write(day)
      w.write(text)
    case .rectify(let department, let plan, let due):
      w.write(UInt8(2))
      w.write(department)
      w.write(plan)
      w.write(due)
    case .complete(let day, let note):
      w.write(UInt8(3))
      w.write(day)
      w.write(note)
    }
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let start = r.offset
    switch try r.readByte() {
    case 0: self = .adopt(on: try r.readDay())
    case 1: self = .instruct(by: try r.readString(), on: try r.readDay(), text: try r.readString())
    case 2: self = .rectify(department: try r.readOptional(), plan: try r.readString(), due: try r.readDay())
    case 3: self = .complete(on: try r.readDay(), note: try r.readString())
    case let tag: throw r.failure(.invalidTag(type: "OpinionReportStep", tag: UInt64(tag)), at: start)
    }
  }
}

/// A public-opinion report (社情民意信息).
public struct OpinionReport: Record {
  public var id: OpinionReportID
  public var title: String
  public var text: String
  /// The first submitting member.
  public var submitter: MemberID
  public var date: Day
  /// A leader's instruction (批示), once given.
  public var instruction: String
  public var status: OpinionReportStatus
  // Payload version 2:
  /// Members who submitted it with the first.
  public var coSubmitters: [MemberID]
  public var adoptedOn: Day?
  /// The leader who gave the instruction.
  public var instructedBy: String
  public var instructedOn: Day?
  public var rectificationDepartment: DepartmentID?
  public var rectificationPlan: String
  public var rectificationDue: Day?
  public var doneOn: Day?

  public init(
    id: OpinionReportID, title: String, text: String, submitter: MemberID, date: Day,
    instruction: String = "",
    status: OpinionReportStatus = .submitted, coSubmitters: [MemberID] = []
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.submitter = submitter
    self.date = date
    self.instruction = instruction
    self.status = status
    self.coSubmitters = coSubmitters
    adoptedOn = nil
    instructedBy = ""
    instructedOn = nil
    rectificationDepartment = nil
    rectificationPlan = ""
    rectificationDue = nil
    doneOn = nil
  }

  /// Every submitting member, the first first.
  public var submitters: [MemberID] { [submitter] + coSubmitters.filter { $0 != submitter } }

  public static let kind = RecordKind.opinionReport
  public var displayName: String { title }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(title)
    w.write(text)
    w.write(submitter)
    w.write(date)
    w.write(instruction)
    w.write(status.rawValue)
    w.write(coSubmitters)
    w.write(adoptedOn)
    w.write(instructedBy)
    w.write(instructedOn)
    w.write(rectificationDepartment)
    w.write(rectificationPlan)
    w.write(rectificationDue)
    w.write(doneOn)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    title = try r.readString()
    text = try r.readString()
    submitter = try r.read()
    date = try r.readDay()
    instruction = try r.readString()
    status = try r.readEnum()
    guard r.payloadVersion >= 2 else {
      coSubmitters = []
      adoptedOn = nil
      instructedBy = ""
      instructedOn = nil
      rectificationDepartment = nil
      rectificationPlan = ""
      rectificationDue = nil
      doneOn = nil
      return
    }
    coSubmitters = try r.readArray()
    adoptedOn = try r.readOptional()
    instructedBy = try r.readString()
    instructedOn = try r.readOptional()
    rectificationDepartment = try r.readOptional()
    rectificationPlan = try r.readString()
    rectificationDue = try r.readOptional()
    doneOn = try r.readOptional()
  }
}

/// The kinds of sector-home duty.
public enum SectorActivityKind: UInt8, CaseIterable, Sendable {
  /// Each quarter.
  case collectiveStudy
  /// Each quarter: an inspection or a fellowship activity.
  case inspectionOrFellowship
  /// Each year.
  case collectiveProposal
  /// Each member, each year.
  case outreachTalk
  /// An inspection (视察); with a fellowship, fulfils the quarter's inspection-or-fellowship duty.
  case inspection
  /// A fellowship activity (联谊).
  case fellowship
}

/// An activity of a sector home that fulfils one of its duties.
public struct SectorActivity: Record {
  public var id: SectorActivityID
  public var sector: SectorID
  public var kind: SectorActivityKind
  public var date: Day
  public var title: String
  /// Members who took part; for an outreach talk, the speakers.
  public var members: [MemberID]
  /// The summary (纪要) of the activity.
  public var notes: String
  /// Payload version 2 from here on.
  public var place: String
  /// Held on site (现场) rather than off site.
  public var onSite: Bool
  /// Held online (线上) rather than offline.
  public var online: Bool
  /// A collective proposal adopted (被采纳).
  public var adopted: Bool

  public init(
    id: SectorActivityID, sector: SectorID, kind: SectorActivityKind, date: Day, title: String,
    members: [MemberID] = [], notes: String = "", place: String = "", onSite: Bool = true,
    online: Bool = false,
    adopted: Bool = false
  ) {
    self.id = id
    self.sector = sector
    self.kind = kind
    self.date = date
    self.title = title
    self.members = members
    self.notes = notes
    self.place = place
    self.onSite = onSite
    self.online = online
    self.adopted = adopted
  }

  public static let kind = RecordKind.sectorActivity
  public var displayName: String { title }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(sector)
    w.write(kind.rawValue)
    w.write(date)
    w.write(title)
    w.write(members)
    w.write(notes)
    w.write(place)
    w.write(onSite)
    w.write(online)
    w.write(adopted)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    sector = try r.read()
    kind = try r.readEnum()
    date = try r.readDay()
    title = try r.readString()
    members = try r.readArray()
    notes = try r.readString()
    if r.payloadVersion >= 2 {
      place = try r.readString()
      onSite = try r.readBool()
      online = try r.readBool()
      adopted = try r.readBool()
    } else {
      place = ""
      onSite = true
      online = false
      adopted = false
    }
  }
}

/// A sector duty not yet fulfilled in a period.
public enum MissingDuty: Hashable, Sendable {
  case collectiveStudy(year: Int, quarter: Int)
  case inspectionOrFellowship(year: Int, quarter: Int)
  case collectiveProposal(year: Int)
  case outreachTalk(member: MemberID, year: Int)
}
