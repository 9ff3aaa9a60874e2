import Foundation

/// The five steps of a patrol: 看现场 听民声 找问题 献良策 促落实.
public enum PatrolStep: UInt8, CaseIterable, Sendable {
  case inspectSite, listenToResidents, findProblems, offerSolutions, pushImplementation
}

/// Surface-water quality class (GB 3838-2002).
public enum WaterQuality: UInt8, CaseIterable, Comparable, Sendable {
  case classI, classII, classIII, classIV, classV, worseThanV

  public static func < (lhs: WaterQuality, rhs: WaterQuality) -> Bool { lhs.rawValue < rhs.rawValue }
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

  public init(
    id: PatrolID, river: RiverID, segment: String = "", date: Day, members: [MemberID],
    stepNotes: [PatrolStep: String] = [:], observations: String = "", waterQuality: WaterQuality? = nil
  ) {
    self.id = id
    self.river = river
    self.segment = segment
    self.date = date
    self.members = members
    self.stepNotes = PatrolStep.allCases.map { stepNotes[$0] ?? "" }
    self.observations = observations
    self.waterQuality = waterQuality
  }

  public func notes(for step: PatrolStep) -> String {
    Int(step.rawValue) < stepNotes.count ? stepNotes[Int(step.rawValue)] : ""
  }

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
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    river = try r.read()
    segment = try r.readString()
    date = try r.readDay()
    members = try r.readArray()
    stepNotes = try r.readArray()
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
  }
}

/// Which of the double-hundred actions a visit belongs to.
public enum VisitKind: UInt8, CaseIterable, Sendable {
  /// 进百村
  case village
  /// 访百企
  case enterprise
  /// 入百户
  case household
}

/// A visit of the double-hundred actions (进百村, 访百企, 入百户).
public struct Visit: Record {
  public var id: VisitID
  public var kind: VisitKind
  public var date: Day
  public var members: [MemberID]
  public var place: String
  public var notes: String

  public init(id: VisitID, kind: VisitKind, date: Day, members: [MemberID], place: String, notes: String = "")
  {
    self.id = id
    self.kind = kind
    self.date = date
    self.members = members
    self.place = place
    self.notes = notes
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
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    kind = try r.readEnum()
    date = try r.readDay()
    members = try r.readArray()
    place = try r.readString()
    notes = try r.readString()
  }
}

/// Where a public-opinion report stands.
public enum OpinionReportStatus: UInt8, CaseIterable, Sendable {
  case submitted, forwarded, instructed, handled
}

/// A public-opinion report (社情民意信息).
public struct OpinionReport: Record {
  public var id: OpinionReportID
  public var title: String
  public var text: String
  public var submitter: MemberID
  public var date: Day
  /// A leader's instruction (批示), once given.
  public var instruction: String
  public var status: OpinionReportStatus

  public init(
    id: OpinionReportID, title: String, text: String, submitter: MemberID, date: Day,
    instruction: String = "",
    status: OpinionReportStatus = .submitted
  ) {
    self.id = id
    self.title = title
    self.text = text
    self.submitter = submitter
    self.date = date
    self.instruction = instruction
    self.status = status
  }

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
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    title = try r.readString()
    text = try r.readString()
    submitter = try r.read()
    date = try r.readDay()
    instruction = try r.readString()
    status = try r.readEnum()
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
