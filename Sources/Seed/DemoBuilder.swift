import Domain
import Foundation

/// One change of the demo with the moment it happened, so that a store can stamp histories with
/// the dates of a working year rather than the moment the demo was loaded.
public struct DemoStep: Sendable {
  public var change: Change
  public var at: Date
  /// The user name of the demo's staff member who did it (nil: whoever loads it).
  public var by: String?

  public init(change: Change, at: Date, by: String? = nil) {
    self.change = change
    self.at = at
    self.by = by
  }

  /// Who the step is applied as: the demo's staff member, with the authority of the user loading the
  /// demo, so that step records and histories name the demo's staff rather than the loader.
  public func actor(loadedBy loader: ActingUser) -> ActingUser {
    ActingUser(userName: by ?? loader.userName, role: loader.role)
  }
}

/// The demo's staff, by the least role a change needs: the clerk registers, the secretary runs
/// consultations and supervision, the head decides and evaluates.
enum DemoStaff {
  static let accounts: [(userName: String, displayName: String, role: Role)] = [
    ("liuxiaoli", "刘晓丽", .clerk), ("zhoujing", "周静", .secretary), ("chenguoqiang", "陈国强", .head),
  ]

  static func userName(for change: Change) -> String {
    let role = change.requiredRole(in: CommitteeState())
    return (accounts.last { $0.role <= role } ?? accounts[0]).userName
  }
}

/// Collects the demo's changes, hands out IDs, and remembers what was made for later references.
struct DemoBuilder {
  var random: SeedRandom
  let today: Day
  /// The first day of the demo's working year.
  let start: Day
  var nextRaw: UInt64
  var steps: [(change: Change, day: Day, order: Int)] = []

  var districtHalls: [String: StationID] = [:]
  var streetStations: [String: StationID] = [:]
  var communityRooms: [String: StationID] = [:]
  var yuzhongCommunities: [(street: StationID, community: StationID)] = []
  var sectors: [SectorID] = []
  var sectorByName: [String: SectorID] = [:]
  var specialCommittees: [SpecialCommitteeID] = []
  var committeeByName: [String: SpecialCommitteeID] = [:]
  var departments: [DepartmentID] = []
  var departmentByName: [String: DepartmentID] = [:]
  var regionByName: [String: PartnerRegionID] = [:]
  var teams: [SupervisionTeamID] = []
  var rivers: [(id: RiverID, name: String, segments: [String])] = []
  var members: [Member] = []
  var memberByName: [String: MemberID] = [:]
  var consultations: [ConsultationID] = []
  var meetingDays: [ConsultationID: Day] = [:]
  var patrols: [(id: PatrolID, day: Day)] = []
  var patrolMembers: [PatrolID: [MemberID]] = [:]
  var visits: [(id: VisitID, day: Day)] = []
  var reports: [(id: OpinionReportID, day: Day)] = []
  var supervisionSources: [(id: SupervisionItemID, day: Day)] = []
  var showcaseProposers: [SupervisionItemID: [MemberID]] = [:]
  var consultationSources: [(id: ConsultationID, day: Day)] = []
  var problemCount = 0
  /// Problem titles that fit each source record, from what that record itself says.
  var problemTitles: [RecordRef: [String]] = [:]
  var sectorProposals: [SectorID: (id: SectorActivityID, day: Day)] = [:]

  init(today: Day, firstID: UInt64, seed: UInt64) {
    random = SeedRandom(seed: seed)
    self.today = today
    start = today.adding(days: -364)
    nextRaw = max(firstID, 1)
  }

  mutating func newID<T>() -> ID<T> {
    defer { nextRaw += 1 }
    return ID(raw: nextRaw)
  }

  mutating func add(_ change: Change, on day: Day) {
    steps.append((change, min(day, today), steps.count))
  }

  /// A day `offset` days into the working year, never after today.
  func day(_ offset: Int) -> Day { min(start.adding(days: max(0, offset)), today) }

  /// The steps in the order they happened; changes of the same day keep the order they were made in,
  /// which is always an order that satisfies references.
  func sortedSteps() -> [DemoStep] {
    steps.sorted { ($0.day, $0.order) < ($1.day, $1.order) }
      .map { DemoStep(change: $0.change, at: $0.day.noonUTC, by: DemoStaff.userName(for: $0.change)) }
  }

  mutating func personName(avoiding used: Set<String>) -> String {
    while true {
      let surname = random.pick(Vocabulary.surnames)
      var given = random.pick(Vocabulary.givenNameCharacters)
      if random.chance(0.7) { given += random.pick(Vocabulary.givenNameCharacters) }
      let name = surname + given
      if !used.contains(name) { return name }
    }
  }

  mutating func phone() -> String {
    let prefixes = [
      "138", "139", "135", "136", "150", "151", "152", "158", "173", "177", "180", "189", "199",
    ]
    var text = random.pick(prefixes)
    for _ in 0..<8 { text += String(random.below(10)) }
    return text
  }

  func member(_ name: String) -> MemberID? { memberByName[name] }

  mutating func someMembers(_ low: Int, _ high: Int) -> [MemberID] {
    random.sample(members, random.between(low, high)).map(\.id)
  }
}
