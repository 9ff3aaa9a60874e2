import Foundation
import Testing

@testable import Domain

/// A committee being worked on in a test: the state, a test clock, and the staff of a district.
struct Story {
  var state = CommitteeState()
  let clock: TestClock

  static let admin = ActingUser.staff("wang.admin", .admin)
  static let clerk = ActingUser.staff("li.clerk", .clerk)
  static let secretary = ActingUser.staff("zhao.secretary", .secretary)
  static let head = ActingUser.staff("chen.head", .head)
  static let reader = ActingUser.reader("visitor")

  init(today: Day = day("2026-11-26")) {
    clock = TestClock(today)
  }

  var today: Day { Day(clock.now(), TimeZone(identifier: "UTC") ?? .current) }

  /// Applies a change that must succeed, and returns what it touched.
  @discardableResult
  mutating func run(
    _ change: Change, as actor: ActingUser = Story.admin, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [RecordRef] {
    let applied = try apply(change, to: state, actor: actor, now: clock.now())
    state = applied.state
    return applied.touched
  }

  /// Applies a change that must be refused; the state stays as it was.
  @discardableResult
  mutating func refuse(_ change: Change, as actor: ActingUser = Story.admin) -> DomainError? {
    do {
      _ = try apply(change, to: state, actor: actor, now: clock.now())
      return nil
    } catch {
      return error
    }
  }

  /// A new ID of any kind.
  func newID<T>(offset: UInt64 = 0) -> ID<T> { state.newID(offset: offset) }

  // MARK: Registers as a district would have them

  @discardableResult
  mutating func addDepartment(_ name: String) throws -> DepartmentID {
    let id: DepartmentID = newID()
    try run(.putDepartment(Department(id: id, name: name)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addSector(_ name: String) throws -> SectorID {
    let id: SectorID = newID()
    try run(.putSector(Sector(id: id, name: name)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addMember(_ name: String, sector: SectorID? = nil) throws -> MemberID {
    let id: MemberID = newID()
    try run(.putMember(Member(id: id, name: name, sector: sector)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addStation(_ name: String, _ level: StationLevel, parent: StationID? = nil) throws
    -> StationID
  {
    let id: StationID = newID()
    try run(.putStation(Station(id: id, name: name, level: level, parent: parent)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addCommittee(_ name: String) throws -> SpecialCommitteeID {
    let id: SpecialCommitteeID = newID()
    try run(.putSpecialCommittee(SpecialCommittee(id: id, name: name)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addRiver(_ name: String, segments: [String] = []) throws -> RiverID {
    let id: RiverID = newID()
    try run(.putRiver(River(id: id, name: name, segments: segments)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func addPatrol(river: RiverID, members: [MemberID], date: Day) throws -> PatrolID {
    let id: PatrolID = newID()
    try run(.putPatrol(Patrol(id: id, river: river, date: date, members: members)), as: Story.clerk)
    return id
  }

  @discardableResult
  mutating func raise(_ title: String, from source: ProblemSource) throws -> ProblemID {
    let id: ProblemID = newID()
    try run(.raiseProblem(id, source, title: title, description: ""), as: Story.clerk)
    return id
  }
}

func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
  guard let parsed = Day(text) else {
    Issue.record("bad test day \(text)", sourceLocation: sourceLocation)
    return Day(daysSinceEpoch: 0)
  }
  return parsed
}
