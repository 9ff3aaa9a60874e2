import Domain

/// Which records each recent data version touched, so that a screen catching up on the data can
/// follow just those records (a tally, an index) instead of recounting every record.
///
/// Bounded: a screen further behind than the log reaches, or behind a change whose records are not
/// known (a demo load, a reload), is told to rebuild.
public struct ChangeLog: Sendable, Equatable {
  /// How many versions the log keeps.
  public static let capacity = 256

  /// The version each entry brought the data to, and the records it touched (nil: unknown).
  private(set) var entries: [(version: Int, touched: [RecordRef]?)] = []
  /// Who made each version's change, when known (this user, or other people on a shared store).
  private(set) var authors: [Int: ChangeAuthor] = [:]

  public init() {}

  public static func == (lhs: ChangeLog, rhs: ChangeLog) -> Bool {
    lhs.entries.map(\.version) == rhs.entries.map(\.version)
      && lhs.entries.map(\.touched) == rhs.entries.map(\.touched)
  }

  mutating func record(version: Int, touched: [RecordRef]?, by author: ChangeAuthor? = nil) {
    entries.append((version, touched))
    authors[version] = author
    if entries.count > Self.capacity {
      entries.removeFirst(entries.count - Self.capacity)
      if let first = entries.first?.version { authors = authors.filter { $0.key >= first } }
    }
  }

  /// Who changed any of `refs` after `version`: the other people by user name (in order, once each),
  /// whether this user did, and whether some change after `version` came from nobody known (then it
  /// may have been anyone's).
  public func authors(since version: Int, touching refs: Set<RecordRef>) -> (
    others: [String], thisUser: Bool, unknown: Bool
  ) {
    var others: [String] = []
    var thisUser = false
    var unknown = false
    if let first = entries.first?.version, first > version + 1 { unknown = true }
    for entry in entries where entry.version > version {
      switch authors[entry.version] {
      case .thisUser?:
        if entry.touched.map({ !refs.isDisjoint(with: $0) }) ?? true { thisUser = true }
      case .others(let changes)?:
        for change in changes
        where !refs.isDisjoint(with: change.touched) && !others.contains(change.userName) {
          others.append(change.userName)
        }
      case nil:
        unknown = true
      }
    }
    return (others, thisUser, unknown)
  }

  /// True when every change after `version` is known and was this user's own.
  public func onlyThisUser(since version: Int) -> Bool {
    if let first = entries.first?.version, first > version + 1 { return false }
    return entries.allSatisfy { $0.version <= version || authors[$0.version] == .thisUser }
  }

  /// Every record touched after `version` up to the newest; nil when that is not known (rebuild).
  public func touched(since version: Int) -> Set<RecordRef>? {
    guard let newest = entries.last?.version else { return version == 0 ? [] : nil }
    if version >= newest { return [] }
    guard let first = entries.first, first.version <= version + 1 else { return nil }
    var refs: Set<RecordRef> = []
    for entry in entries where entry.version > version {
      guard let touched = entry.touched else { return nil }
      refs.formUnion(touched)
    }
    return refs
  }
}

/// Who made a data version's change.
public enum ChangeAuthor: Sendable, Equatable {
  /// This app's user: a save, an undo or a redo.
  case thisUser
  /// Other people's changes received from a shared store, each with who made it and what it touched.
  case others([OthersChange])
}

/// One change another person made, as far as an open form needs to know it.
public struct OthersChange: Sendable, Equatable {
  public var userName: String
  public var touched: [RecordRef]

  public init(userName: String, touched: [RecordRef]) {
    self.userName = userName
    self.touched = touched
  }
}
