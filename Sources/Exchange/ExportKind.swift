import Domain

/// A kind of record as named on the command line and in exports (plural English names).
public enum ExportKind: String, CaseIterable, Sendable {
  case members, sectors, committees, stations, departments, rivers, regions, teams, staff
  case consultations, supervisions, patrols, visits, reports, problems, activities
  case jointmeetings, agreements, cooperation, sectorreports
  /// The yearly targets of the double-hundred actions.
  case targets

  /// The Domain's kind of record this export holds.
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
    case .consultations: return .consultation
    case .supervisions: return .supervisionItem
    case .patrols: return .patrol
    case .visits: return .visit
    case .reports: return .opinionReport
    case .problems: return .problem
    case .activities: return .sectorActivity
    case .jointmeetings: return .jointMeeting
    case .agreements: return .cooperationAgreement
    case .cooperation: return .cooperationResult
    case .sectorreports: return .sectorReport
    case .targets: return .actionTargets
    }
  }
}

/// The file format of an export.
public enum ExportFormat: String, CaseIterable, Sendable {
  case json, csv
}

/// One kind of record as a table: the column names and a row per record, ordered by ID.
public struct ExportTable: Sendable {
  public var kind: ExportKind
  public var columns: [String]
  public var rows: [[ExportValue]]
}
