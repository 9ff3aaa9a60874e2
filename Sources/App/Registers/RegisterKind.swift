import Domain
import Exchange

/// The nine registers the section lists, in the order of its sub-list column.
public enum RegisterKind: Int, CaseIterable, Sendable, Hashable {
  case members, sectors, committees, stations, departments, rivers, regions, teams, staff

  /// The Domain's kind of record the register holds.
  public var recordKind: RecordKind {
    switch self {
    case .members: return .member
    case .sectors: return .sector
    case .committees: return .specialCommittee
    case .stations: return .station
    case .departments: return .department
    case .rivers: return .river
    case .regions: return .partnerRegion
    case .teams: return .supervisionTeam
    case .staff: return .staffAccount
    }
  }

  /// The register of a kind of record, if it is one.
  public init?(_ kind: RecordKind) {
    guard let found = Self.allCases.first(where: { $0.recordKind == kind }) else { return nil }
    self = found
  }

  /// The same table as the command line's export.
  public var exportKind: ExportKind {
    switch self {
    case .members: return .members
    case .sectors: return .sectors
    case .committees: return .committees
    case .stations: return .stations
    case .departments: return .departments
    case .rivers: return .rivers
    case .regions: return .regions
    case .teams: return .teams
    case .staff: return .staff
    }
  }

  /// The key of the register's name in the sub-list.
  public var titleKey: String { "registers.kind.\(self)" }

  public var next: RegisterKind { RegisterKind(rawValue: (rawValue + 1) % Self.allCases.count) ?? .members }
  public var previous: RegisterKind {
    RegisterKind(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count) ?? .members
  }
}
