import Foundation

/// A typed record identifier: an ID of one kind of record cannot be passed where another is expected.
public struct ID<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let raw: UInt64

  public init(raw: UInt64) { self.raw = raw }

  public static func < (lhs: ID, rhs: ID) -> Bool { lhs.raw < rhs.raw }

  public var description: String { "#\(raw)" }
}

public typealias MemberID = ID<Member>
public typealias SectorID = ID<Sector>
public typealias SpecialCommitteeID = ID<SpecialCommittee>
public typealias DepartmentID = ID<Department>
public typealias StationID = ID<Station>
public typealias PartnerRegionID = ID<PartnerRegion>
public typealias SupervisionTeamID = ID<SupervisionTeam>
public typealias RiverID = ID<River>
public typealias StaffAccountID = ID<StaffAccount>
public typealias ConsultationID = ID<Consultation>
public typealias SupervisionItemID = ID<SupervisionItem>
public typealias PatrolID = ID<Patrol>
public typealias VisitID = ID<Visit>
public typealias OpinionReportID = ID<OpinionReport>
public typealias SectorActivityID = ID<SectorActivity>
public typealias ProblemID = ID<Problem>
public typealias SectorReportID = ID<SectorReport>
public typealias JointMeetingID = ID<JointMeeting>
public typealias CooperationAgreementID = ID<CooperationAgreement>
public typealias CooperationResultID = ID<CooperationResult>
public typealias ActionTargetsID = ID<ActionTargets>
public typealias SavedViewID = ID<SavedView>

/// The source of "now" for rules with deadlines, injected so that tests can fix the time.
public protocol WallClock: Sendable {
  func now() -> Date
}

/// The real time of the machine.
public struct SystemClock: WallClock {
  public init() {}
  public func now() -> Date { Date() }
}

/// A clock for tests: shows a set time until told to move.
public final class TestClock: WallClock, @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date

  public init(_ date: Date) { current = date }

  /// A clock standing at noon UTC of `day`.
  public convenience init(_ day: Day) {
    self.init(day.noonUTC)
  }

  public func now() -> Date {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  public func set(_ date: Date) {
    lock.lock()
    current = date
    lock.unlock()
  }

  public func advance(days: Int) {
    lock.lock()
    current = current.addingTimeInterval(Double(days) * 86_400)
    lock.unlock()
  }
}
