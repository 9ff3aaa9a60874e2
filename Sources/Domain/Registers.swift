import Foundation

/// A committee member (委员).
public struct Member: Record, Archivable {
  public var id: MemberID
  public var name: String
  public var sector: SectorID?
  public var specialCommittee: SpecialCommitteeID?
  /// Street stations and community rooms the member is assigned to.
  public var stations: [StationID]
  public var phone: String
  public var notes: String
  public var archived: Bool

  public init(
    id: MemberID, name: String, sector: SectorID? = nil, specialCommittee: SpecialCommitteeID? = nil,
    stations: [StationID] = [], phone: String = "", notes: String = "", archived: Bool = false
  ) {
    self.id = id
    self.name = name
    self.sector = sector
    self.specialCommittee = specialCommittee
    self.stations = stations
    self.phone = phone
    self.notes = notes
    self.archived = archived
  }

  public static let kind = RecordKind.member
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(sector)
    w.write(specialCommittee)
    w.write(stations)
    w.write(phone)
    w.write(notes)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    sector = try r.readOptional()
    specialCommittee = try r.readOptional()
    stations = try r.readArray()
    phone = try r.readString()
    notes = try r.readString()
    archived = try r.readBool()
  }
}

/// One of the six "haves" of a sector home (委员之家): venue, signage, rules, facilities, materials, archives.
public enum SixHaves: UInt8, CaseIterable, Sendable {
  case venue, signage, rules, facilities, materials, archives
}

/// A sector (界别) and its home: lead unit, conveners, liaison and the six-"haves" checklist.
public struct Sector: Record, Archivable {
  public var id: SectorID
  public var name: String
  public var leadUnit: String
  /// Conveners in order; the first is the lead unit's head.
  public var conveners: [MemberID]
  /// A member named as liaison in files of payload version 1; new data names a staff member of the
  /// lead unit in `liaisonName` instead.
  public var liaison: MemberID?
  public var specialCommittee: SpecialCommitteeID?
  /// Which of the six "haves" the home has, indexed by `SixHaves.rawValue`.
  public var haves: [Bool]
  public var archived: Bool
  /// The liaison (联络员): a staff member of the lead unit, not a committee member. Payload version 2.
  public var liaisonName: String
  public var liaisonPhone: String

  public init(
    id: SectorID, name: String, leadUnit: String = "", conveners: [MemberID] = [], liaison: MemberID? = nil,
    specialCommittee: SpecialCommitteeID? = nil, haves: Set<SixHaves> = [], archived: Bool = false,
    liaisonName: String = "", liaisonPhone: String = ""
  ) {
    self.id = id
    self.name = name
    self.leadUnit = leadUnit
    self.conveners = conveners
    self.liaison = liaison
    self.specialCommittee = specialCommittee
    self.haves = SixHaves.allCases.map { haves.contains($0) }
    self.archived = archived
    self.liaisonName = liaisonName
    self.liaisonPhone = liaisonPhone
  }

  public func has(_ item: SixHaves) -> Bool {
    Int(item.rawValue) < haves.count && haves[Int(item.rawValue)]
  }

  public mutating func set(_ item: SixHaves, _ value: Bool) {
    while haves.count < SixHaves.allCases.count { haves.append(false) }
    haves[Int(item.rawValue)] = value
  }

  /// The "haves" still missing from the home.
  public var missingHaves: [SixHaves] { SixHaves.allCases.filter { !has($0) } }

  public static let kind = RecordKind.sector
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(leadUnit)
    w.write(conveners)
    w.write(liaison)
    w.write(specialCommittee)
    w.write(haves)
    w.write(archived)
    w.write(liaisonName)
    w.write(liaisonPhone)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    leadUnit = try r.readString()
    conveners = try r.readArray()
    liaison = try r.readOptional()
    specialCommittee = try r.readOptional()
    haves = try r.readArray()
    archived = try r.readBool()
    if r.payloadVersion >= 2 {
      liaisonName = try r.readString()
      liaisonPhone = try r.readString()
    } else {
      liaisonName = ""
      liaisonPhone = ""
    }
  }
}

/// A special committee (专委会), which guides sectors and discusses supervision topics.
public struct SpecialCommittee: Record, Archivable {
  public var id: SpecialCommitteeID
  public var name: String
  public var archived: Bool

  public init(id: SpecialCommitteeID, name: String, archived: Bool = false) {
    self.id = id
    self.name = name
    self.archived = archived
  }

  public static let kind = RecordKind.specialCommittee
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    archived = try r.readBool()
  }
}

/// A government department (职能部门) that problems are assigned to.
public struct Department: Record, Archivable {
  public var id: DepartmentID
  public var name: String
  public var contact: String
  public var archived: Bool

  public init(id: DepartmentID, name: String, contact: String = "", archived: Bool = false) {
    self.id = id
    self.name = name
    self.contact = contact
    self.archived = archived
  }

  public static let kind = RecordKind.department
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(contact)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    contact = try r.readString()
    archived = try r.readBool()
  }
}

/// The level of a station in the three-level platform.
public enum StationLevel: UInt8, CaseIterable, Sendable {
  /// 区委员工作厅
  case districtHall
  /// 镇街委员工作站
  case streetStation
  /// 村（社区）委员工作室
  case communityRoom

  /// The level a parent must have; nil for the top.
  public var parentLevel: StationLevel? {
    switch self {
    case .districtHall: return nil
    case .streetStation: return .districtHall
    case .communityRoom: return .streetStation
    }
  }
}

/// Where a work post is set up.
public enum SiteKind: UInt8, CaseIterable, Sendable {
  case community, businessDistrict, industrialPark, enterprise, other
}

/// A member work station of the three-level platform (hall → street station → community room).
public struct Station: Record, Archivable {
  public var id: StationID
  public var name: String
  public var level: StationLevel
  public var parent: StationID?
  /// The station head (站长), by name.
  public var head: String
  public var site: SiteKind
  public var archived: Bool

  public init(
    id: StationID, name: String, level: StationLevel, parent: StationID? = nil, head: String = "",
    site: SiteKind = .community, archived: Bool = false
  ) {
    self.id = id
    self.name = name
    self.level = level
    self.parent = parent
    self.head = head
    self.site = site
    self.archived = archived
  }

  public static let kind = RecordKind.station
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(level.rawValue)
    w.write(parent)
    w.write(head)
    w.write(site.rawValue)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    level = try r.readEnum()
    parent = try r.readOptional()
    head = try r.readString()
    site = try r.readEnum()
    archived = try r.readBool()
  }
}

/// A region a cross-regional consultation is held with (e.g. 内江市, 泸州市).
public struct PartnerRegion: Record, Archivable {
  public var id: PartnerRegionID
  public var name: String
  public var archived: Bool

  public init(id: PartnerRegionID, name: String, archived: Bool = false) {
    self.id = id
    self.name = name
    self.archived = archived
  }

  public static let kind = RecordKind.partnerRegion
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    archived = try r.readBool()
  }
}

/// A supervision team by theme (e.g. 营商环境观察) and its members.
public struct SupervisionTeam: Record, Archivable {
  public var id: SupervisionTeamID
  public var theme: String
  public var members: [MemberID]
  public var archived: Bool

  public init(id: SupervisionTeamID, theme: String, members: [MemberID] = [], archived: Bool = false) {
    self.id = id
    self.theme = theme
    self.members = members
    self.archived = archived
  }

  public static let kind = RecordKind.supervisionTeam
  public var displayName: String { theme }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(theme)
    w.write(members)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    theme = try r.readString()
    members = try r.readArray()
    archived = try r.readBool()
  }
}

/// A river that members patrol, with its named segments.
public struct River: Record, Archivable {
  public var id: RiverID
  public var name: String
  public var segments: [String]
  public var archived: Bool
  /// The water-quality class the river must meet (default III); payload version 2.
  public var targetClass: WaterQuality

  public init(
    id: RiverID, name: String, segments: [String] = [], archived: Bool = false,
    targetClass: WaterQuality = .classIII
  ) {
    self.id = id
    self.name = name
    self.segments = segments
    self.archived = archived
    self.targetClass = targetClass
  }

  public static let kind = RecordKind.river
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(name)
    w.write(segments)
    w.write(archived)
    w.write(targetClass.rawValue)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    name = try r.readString()
    segments = try r.readArray()
    archived = try r.readBool()
    targetClass = r.payloadVersion >= 2 ? try r.readEnum() : .classIII
  }
}

/// What a staff user may do; each role may also do everything of the roles before it.
public enum Role: UInt8, CaseIterable, Comparable, Sendable {
  case clerk, secretary, head, admin

  public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A staff user of the app, known by operating-system user name.
public struct StaffAccount: Record, Archivable {
  public var id: StaffAccountID
  public var userName: String
  public var displayName: String
  public var role: Role
  public var archived: Bool

  public init(id: StaffAccountID, userName: String, displayName: String, role: Role, archived: Bool = false) {
    self.id = id
    self.userName = userName
    self.displayName = displayName
    self.role = role
    self.archived = archived
  }

  public static let kind = RecordKind.staffAccount

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(userName)
    w.write(displayName)
    w.write(role.rawValue)
    w.write(archived)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    userName = try r.readString()
    displayName = try r.readString()
    role = try r.readEnum()
    archived = try r.readBool()
  }
}
