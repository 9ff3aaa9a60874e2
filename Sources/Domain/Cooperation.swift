import Foundation

/// The level a cross-regional consultation is held at: between regions (区市县) or between towns
/// and small neighbourhoods (镇街/小微).
public enum ConsultationLevel: UInt8, CaseIterable, Sendable {
  case region, townOrMicro
}

/// A joint meeting (联席会议) with partner regions: the year's cooperation plan and what was agreed.
public struct JointMeeting: Record {
  public var id: JointMeetingID
  public var date: Day
  public var place: String
  public var regions: [PartnerRegionID]
  /// The year's cooperation plan (年度协作计划) adopted or reviewed.
  public var plan: String
  public var jointTopics: [String]
  public var jointSupervisionProjects: [String]
  public var notes: String

  public init(
    id: JointMeetingID, date: Day, place: String = "", regions: [PartnerRegionID], plan: String = "",
    jointTopics: [String] = [], jointSupervisionProjects: [String] = [], notes: String = ""
  ) {
    self.id = id
    self.date = date
    self.place = place
    self.regions = regions
    self.plan = plan
    self.jointTopics = jointTopics
    self.jointSupervisionProjects = jointSupervisionProjects
    self.notes = notes
  }

  public static let kind = RecordKind.jointMeeting
  public var displayName: String { place.isEmpty ? date.description : "\(date) \(place)" }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(date)
    w.write(place)
    w.write(regions)
    w.write(plan)
    w.write(jointTopics)
    w.write(jointSupervisionProjects)
    w.write(notes)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    date = try r.readDay()
    place = try r.readString()
    regions = try r.readArray()
    plan = try r.readString()
    jointTopics = try r.readArray()
    jointSupervisionProjects = try r.readArray()
    notes = try r.readString()
  }
}

/// A cooperation agreement (协作协议) such as the 濑溪河 basin ecology framework agreement.
public struct CooperationAgreement: Record {
  public var id: CooperationAgreementID
  public var title: String
  /// The signing bodies, by name (several are not partner regions of the committee).
  public var parties: [String]
  public var signedOn: Day
  public var scope: String
  /// The cross-border rivers it covers.
  public var rivers: [RiverID]
  /// The committee's partner regions that signed it (the named `parties` may add bodies that are not).
  public var regions: [PartnerRegionID]
  /// The joint meeting (联席会议) it came from, if any.
  public var meeting: JointMeetingID?

  public init(
    id: CooperationAgreementID, title: String, parties: [String], signedOn: Day, scope: String = "",
    rivers: [RiverID] = [], regions: [PartnerRegionID] = [], meeting: JointMeetingID? = nil
  ) {
    self.id = id
    self.title = title
    self.parties = parties
    self.signedOn = signedOn
    self.scope = scope
    self.rivers = rivers
    self.regions = regions
    self.meeting = meeting
  }

  public static let kind = RecordKind.cooperationAgreement
  public var displayName: String { title }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(title)
    w.write(parties)
    w.write(signedOn)
    w.write(scope)
    w.write(rivers)
    w.write(regions)
    w.write(meeting)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    title = try r.readString()
    parties = try r.readArray()
    signedOn = try r.readDay()
    scope = try r.readString()
    rivers = try r.readArray()
    // Agreements before payload version 3 named their parties only.
    regions = r.payloadVersion >= 3 ? try r.readArray() : []
    meeting = r.payloadVersion >= 3 ? try r.readOptional() : nil
  }
}

/// What a cross-regional cooperation result is.
public enum CooperationResultKind: UInt8, CaseIterable, Sendable {
  /// 联合视察
  case jointInspection
  /// 共同推动的重大项目
  case majorProject
  /// 解决的民生问题
  case problemSolved
}

/// A result of cross-regional cooperation: a joint inspection, a major project pushed together,
/// or a livelihood problem solved; inspections carry the suggestions they made.
public struct CooperationResult: Record {
  public var id: CooperationResultID
  public var kind: CooperationResultKind
  public var date: Day
  public var title: String
  public var regions: [PartnerRegionID]
  /// Our members who took part (dispatched to the partner, or at home).
  public var members: [MemberID]
  public var suggestions: [String]
  public var notes: String

  public init(
    id: CooperationResultID, kind: CooperationResultKind, date: Day, title: String,
    regions: [PartnerRegionID] = [], members: [MemberID] = [], suggestions: [String] = [], notes: String = ""
  ) {
    self.id = id
    self.kind = kind
    self.date = date
    self.title = title
    self.regions = regions
    self.members = members
    self.suggestions = suggestions
    self.notes = notes
  }

  public static let kind = RecordKind.cooperationResult
  public var displayName: String { title }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(kind.rawValue)
    w.write(date)
    w.write(title)
    w.write(regions)
    w.write(members)
    w.write(suggestions)
    w.write(notes)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    kind = try r.readEnum()
    date = try r.readDay()
    title = try r.readString()
    regions = try r.readArray()
    members = try r.readArray()
    suggestions = try r.readArray()
    notes = try r.readString()
  }
}

/// A year of cross-regional cooperation in figures, as the seed reports it.
public struct CooperationTotals: Equatable, Sendable {
  public var year: Int
  public var jointMeetings = 0
  public var consultations = 0
  public var inspections = 0
  public var suggestions = 0
  public var majorProjects = 0
  public var problemsSolved = 0
}

extension Consultation {
  /// The day the consultation counts for: its meeting, else the day its first step was done.
  public var heldOn: Day? {
    if let meeting { return meeting.date }
    return completed.first.map { Day(workingDayOf: $0.at) }
  }
}

extension CommitteeState {
  /// The cross-regional figures of a year, counted from the records.
  public func cooperationTotals(year: Int) -> CooperationTotals {
    var totals = CooperationTotals(year: year)
    totals.jointMeetings = jointMeetings.values.filter { $0.date.year == year }.count
    totals.consultations =
      consultations.values.filter {
        $0.details.kind == .crossRegional && $0.heldOn?.year == year
      }.count
    for result in cooperationResults.values where result.date.year == year {
      switch result.kind {
      case .jointInspection: totals.inspections += 1
      case .majorProject: totals.majorProjects += 1
      case .problemSolved: totals.problemsSolved += 1
      }
      totals.suggestions += result.suggestions.count
    }
    return totals
  }

  /// The consultations of one topic series (专题系列), oldest first.
  public func consultations(inSeries series: String) -> [Consultation] {
    guard !series.isEmpty else { return [] }
    return consultations.values.filter { $0.details.series == series }.sorted { $0.id < $1.id }
  }

  /// The names of every topic series, sorted.
  public var seriesNames: [String] {
    Array(Set(consultations.values.map(\.details.series).filter { !$0.isEmpty })).sorted()
  }
}
