import Domain
import Foundation

/// One change of the demo with the moment it happened, so that a store can stamp histories with
/// the dates of a working year rather than the moment the demo was loaded.
public struct DemoStep: Sendable {
  public var change: Change
  public var at: Date

  public init(change: Change, at: Date) {
    self.change = change
    self.at = at
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
  var visits: [(id: VisitID, day: Day)] = []
  var reports: [(id: OpinionReportID, day: Day)] = []
  var supervisionSources: [(id: SupervisionItemID, day: Day)] = []
  var showcaseProposers: [SupervisionItemID: [MemberID]] = [:]
  var consultationSources: [(id: ConsultationID, day: Day)] = []
  var problemCount = 0

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
      .map { DemoStep(change: $0.change, at: $0.day.noonUTC) }
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
