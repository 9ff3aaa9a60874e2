import Domain
import Localization
import TerminalCore
import Widgets

/// One register of the 名册 section as a kit list (see `RecordListSpec`): its columns and rows
/// (`RegisterRows`, archived records hidden until `A`), the selected record's detail beside it.
/// A register's spec names only its `register`; everything else is shared.
protocol RegisterListSpec: RecordListSpec where Source == RegisterRows {
  static var register: RegisterKind { get }
}

extension RegisterListSpec {
  static var section: Section { .registers }
  static var keyContext: KeyContext { .registers }
  static var emptyTextKey: String { "registers.empty" }
  static var noRowsKey: String { "registers.emptyActive" }
  static var hasArchivedRecords: Bool { true }
  static var detailHintActions: [Action] { [.registersEdit, .registersArchive] }

  static func columns(context: ScreenContext) -> [TableColumn] {
    RegisterRows.columns(register, language: context.language)
  }

  static func rows(context: ScreenContext) -> RegisterRows {
    RegisterRows(kind: register, data: context.data, language: context.language, showArchived: true)
  }

  /// The rows follow the records touched (see `RegisterRows.follow`), or are built anew.
  static func update(_ rows: inout RegisterRows, builtAt version: Int, context: ScreenContext) {
    if rows.language == context.language, let touched = context.changes.touched(since: version),
      rows.follow(to: context.data, touched: touched)
    {
      return
    }
    rows = Self.rows(context: context)
  }

  /// The register's name and how many records it holds (archived ones included).
  static func summary(context: ScreenContext) -> String {
    context.text(register.titleKey) + " " + String(context.data.count(of: register.recordKind))
  }

  static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard ref.kind == register.recordKind, context.data.value(of: ref) != nil else { return nil }
    return RecordDetail(
      title: context.data.displayName(of: ref),
      rows: RegisterDetail.rows(
        ref, data: context.data, participation: context.indexes.participation(context.data),
        language: context.language))
  }
}

/// The members register.
enum MembersRegister: RegisterListSpec { static let register = RegisterKind.members }
/// The sectors register.
enum SectorsRegister: RegisterListSpec { static let register = RegisterKind.sectors }
/// The special committees register.
enum CommitteesRegister: RegisterListSpec { static let register = RegisterKind.committees }
/// The stations register (the three-level tree).
enum StationsRegister: RegisterListSpec { static let register = RegisterKind.stations }
/// The departments register.
enum DepartmentsRegister: RegisterListSpec { static let register = RegisterKind.departments }
/// The rivers register.
enum RiversRegister: RegisterListSpec { static let register = RegisterKind.rivers }
/// The partner regions register.
enum RegionsRegister: RegisterListSpec { static let register = RegisterKind.regions }
/// The supervision teams register.
enum TeamsRegister: RegisterListSpec { static let register = RegisterKind.teams }
/// The staff accounts register.
enum StaffRegister: RegisterListSpec { static let register = RegisterKind.staff }

/// What the registers screen asks of the list of whichever register is shown.
protocol RegisterListing: SectionScreen, ViewKeeping {
  var selectedRef: RecordRef? { get }
  var openRecord: RecordRef? { get }
  var table: TableState { get }
  var filter: RecordFilter { get }
  /// Builds the rows if the data, the day or the language moved since they were built (a
  /// register not shown is left as it was until it is shown again).
  mutating func prepare(context: ScreenContext)
  /// The data version the rows were built from (nil: not built yet).
  var builtVersion: Int? { get }
  /// Whether a record is among the rows shown (past the archived toggle and the filters).
  func shows(_ ref: RecordRef) -> Bool
}

extension RecordListScreen: RegisterListing where Spec: RegisterListSpec {
  mutating func prepare(context: ScreenContext) { rebuildIfStale(context) }
  var builtVersion: Int? { built?.dataVersion }
  func shows(_ ref: RecordRef) -> Bool {
    guard let view, let base = view.base.row(of: ref), let row = view.row(ofBase: base) else { return false }
    return (0..<table.count(in: view)).contains { table.row(at: $0) == row }
  }
}

/// The nine registers' lists, each keeping its own selection, filter and sort.
struct RegisterLists: Equatable, Sendable {
  var members = RecordListScreen<MembersRegister>()
  var sectors = RecordListScreen<SectorsRegister>()
  var committees = RecordListScreen<CommitteesRegister>()
  var stations = RecordListScreen<StationsRegister>()
  var departments = RecordListScreen<DepartmentsRegister>()
  var rivers = RecordListScreen<RiversRegister>()
  var regions = RecordListScreen<RegionsRegister>()
  var teams = RecordListScreen<TeamsRegister>()
  var staff = RecordListScreen<StaffRegister>()

  subscript(kind: RegisterKind) -> any RegisterListing {
    switch kind {
    case .members: members
    case .sectors: sectors
    case .committees: committees
    case .stations: stations
    case .departments: departments
    case .rivers: rivers
    case .regions: regions
    case .teams: teams
    case .staff: staff
    }
  }

  /// Runs `body` on one register's list and keeps what it changed.
  mutating func update<R>(_ kind: RegisterKind, _ body: (inout any RegisterListing) -> R) -> R {
    func run<L: RegisterListing>(_ list: inout L) -> R {
      // Moved out first, so that the boxed copy is the only owner of the list's buffers: a large
      // register's rows and search keys are then changed in place, not copied whole (megabytes
      // of fresh pages) at each change, save or undo.
      var open: any RegisterListing = list
      list = L()
      let result = body(&open)
      if let changed = open as? L { list = changed }
      return result
    }
    switch kind {
    case .members: return run(&members)
    case .sectors: return run(&sectors)
    case .committees: return run(&committees)
    case .stations: return run(&stations)
    case .departments: return run(&departments)
    case .rivers: return run(&rivers)
    case .regions: return run(&regions)
    case .teams: return run(&teams)
    case .staff: return run(&staff)
    }
  }
}
