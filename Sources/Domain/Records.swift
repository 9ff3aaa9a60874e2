import Foundation

/// The kinds of record the committee keeps.
///
/// Raw values are written to disk and never change. New kinds take an explicit raw value from the
/// range of their area: supervision 20–29, fieldwork 30–39, sector homes and cooperation 40–49,
/// boards and views 50–54, audit and accounts 55–59.
public enum RecordKind: UInt8, CaseIterable, Hashable, Sendable {
  case member, sector, specialCommittee, department, station, partnerRegion, supervisionTeam, river
  case staffAccount
  case consultation, supervisionItem, patrol, visit, opinionReport, sectorActivity, problem
  // Sector homes and cross-regional cooperation (issue 11).
  case jointMeeting = 40
  case cooperationAgreement = 41
  case cooperationResult = 42
  case sectorReport = 43
  /// The yearly targets of the four double-hundred actions.
  case actionTargets = 30
  /// A user's saved view of a list or board (issue 12).
  case savedView = 50

  /// Registers can be archived and restored; workflow records cannot.
  public var isArchivable: Bool {
    switch self {
    case .member, .sector, .specialCommittee, .department, .station, .partnerRegion, .supervisionTeam, .river,
      .staffAccount:
      return true
    case .consultation, .supervisionItem, .patrol, .visit, .opinionReport, .sectorActivity, .problem,
      .jointMeeting, .cooperationAgreement, .cooperationResult, .sectorReport, .actionTargets, .savedView:
      return false
    }
  }

  /// The key of the kind's name in the string tables.
  public var nameKey: String { "domain.kind.\(self)" }
}

/// A reference to one record of any kind.
public struct RecordRef: Hashable, Comparable, Sendable, BinaryCodable, CustomStringConvertible {
  public let kind: RecordKind
  public let raw: UInt64

  public init(_ kind: RecordKind, _ raw: UInt64) {
    self.kind = kind
    self.raw = raw
  }

  public init<T: Record>(_ id: ID<T>) {
    self.init(T.kind, id.raw)
  }

  public static func < (lhs: RecordRef, rhs: RecordRef) -> Bool {
    (lhs.kind.rawValue, lhs.raw) < (rhs.kind.rawValue, rhs.raw)
  }

  public var description: String { "\(kind)#\(raw)" }

  public func encode(into w: inout BinaryWriter) {
    w.write(kind.rawValue)
    w.write(varint: raw)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    kind = try r.readEnum()
    raw = try r.readRecordNumber()
  }
}

/// A record the committee keeps, stored by typed ID in `CommitteeState`.
public protocol Record: Sendable, Equatable, BinaryCodable {
  static var kind: RecordKind { get }
  var id: ID<Self> { get }
  /// The name or title shown for the record in lists and messages.
  var displayName: String { get }
}

/// A register record that can be archived (kept but no longer offered for new references).
public protocol Archivable: Record {
  var archived: Bool { get set }
}

extension Record {
  public var ref: RecordRef { RecordRef(Self.kind, id.raw) }
}

/// A record of any kind, as a value: used by undo (`Change.restore`) and the journal.
public enum RecordValue: Equatable, Sendable, BinaryCodable {
  case member(Member)
  case sector(Sector)
  case specialCommittee(SpecialCommittee)
  case department(Department)
  case station(Station)
  case partnerRegion(PartnerRegion)
  case supervisionTeam(SupervisionTeam)
  case river(River)
  case staffAccount(StaffAccount)
  case consultation(Consultation)
  case supervisionItem(SupervisionItem)
  case patrol(Patrol)
  case visit(Visit)
  case opinionReport(OpinionReport)
  case sectorActivity(SectorActivity)
  case problem(Problem)
  case jointMeeting(JointMeeting)
  case cooperationAgreement(CooperationAgreement)
  case cooperationResult(CooperationResult)
  case sectorReport(SectorReport)
  case actionTargets(ActionTargets)
  case savedView(SavedView)

  /// The record inside, as its protocol.
  public var record: any Record {
    switch self {
    case .member(let v): return v
    case .sector(let v): return v
    case .specialCommittee(let v): return v
    case .department(let v): return v
    case .station(let v): return v
    case .partnerRegion(let v): return v
    case .supervisionTeam(let v): return v
    case .river(let v): return v
    case .staffAccount(let v): return v
    case .consultation(let v): return v
    case .supervisionItem(let v): return v
    case .patrol(let v): return v
    case .visit(let v): return v
    case .opinionReport(let v): return v
    case .sectorActivity(let v): return v
    case .problem(let v): return v
    case .jointMeeting(let v): return v
    case .cooperationAgreement(let v): return v
    case .cooperationResult(let v): return v
    case .sectorReport(let v): return v
    case .actionTargets(let v): return v
    case .savedView(let v): return v
    }
  }

  public var ref: RecordRef { record.ref }
  public var kind: RecordKind { ref.kind }
  public var displayName: String { record.displayName }

  /// Wraps a record of any kind.
  public init(_ record: some Record) {
    switch record {
    case let v as Member: self = .member(v)
    case let v as Sector: self = .sector(v)
    case let v as SpecialCommittee: self = .specialCommittee(v)
    case let v as Department: self = .department(v)
    case let v as Station: self = .station(v)
    case let v as PartnerRegion: self = .partnerRegion(v)
    case let v as SupervisionTeam: self = .supervisionTeam(v)
    case let v as River: self = .river(v)
    case let v as StaffAccount: self = .staffAccount(v)
    case let v as Consultation: self = .consultation(v)
    case let v as SupervisionItem: self = .supervisionItem(v)
    case let v as Patrol: self = .patrol(v)
    case let v as Visit: self = .visit(v)
    case let v as OpinionReport: self = .opinionReport(v)
    case let v as SectorActivity: self = .sectorActivity(v)
    case let v as Problem: self = .problem(v)
    case let v as JointMeeting: self = .jointMeeting(v)
    case let v as CooperationAgreement: self = .cooperationAgreement(v)
    case let v as CooperationResult: self = .cooperationResult(v)
    case let v as SectorReport: self = .sectorReport(v)
    case let v as ActionTargets: self = .actionTargets(v)
    case let v as SavedView: self = .savedView(v)
    default: preconditionFailure("every Record type is a case of RecordValue")
    }
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(kind.rawValue)
    record.encode(into: &w)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let kind: RecordKind = try r.readEnum()
    switch kind {
    case .member: self = .member(try r.read())
    case .sector: self = .sector(try r.read())
    case .specialCommittee: self = .specialCommittee(try r.read())
    case .department: self = .department(try r.read())
    case .station: self = .station(try r.read())
    case .partnerRegion: self = .partnerRegion(try r.read())
    case .supervisionTeam: self = .supervisionTeam(try r.read())
    case .river: self = .river(try r.read())
    case .staffAccount: self = .staffAccount(try r.read())
    case .consultation: self = .consultation(try r.read())
    case .supervisionItem: self = .supervisionItem(try r.read())
    case .patrol: self = .patrol(try r.read())
    case .visit: self = .visit(try r.read())
    case .opinionReport: self = .opinionReport(try r.read())
    case .sectorActivity: self = .sectorActivity(try r.read())
    case .problem: self = .problem(try r.read())
    case .jointMeeting: self = .jointMeeting(try r.read())
    case .cooperationAgreement: self = .cooperationAgreement(try r.read())
    case .cooperationResult: self = .cooperationResult(try r.read())
    case .sectorReport: self = .sectorReport(try r.read())
    case .actionTargets: self = .actionTargets(try r.read())
    case .savedView: self = .savedView(try r.read())
    }
  }
}

/// A record as it was (nil: it did not exist); `Change.restore` puts these back.
public struct RecordVersion: Equatable, Sendable, BinaryCodable {
  public var ref: RecordRef
  public var value: RecordValue?

  public init(_ ref: RecordRef, _ value: RecordValue?) {
    self.ref = ref
    self.value = value
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(ref)
    w.write(value)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    ref = try r.read()
    value = try r.readOptional()
  }
}
