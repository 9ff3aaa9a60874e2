import Domain
import Localization

/// The board's filters: each narrows the rows before the text filter sees them.
public struct ProblemFilters: Equatable, Sendable {
  /// A status, or nil for every status. `openOnly` hides closed problems.
  public var status: ProblemStatus?
  public var openOnly = false
  public var department: DepartmentID?
  public var sourceKind: RecordKind?
  public var overdueOnly = false
  /// Only the problems raised from one record (after a jump from a consultation, patrol, …).
  public var source: RecordRef?

  public init() {}

  public var isEmpty: Bool { self == ProblemFilters() }
}

/// Every problem of one data version in compact columns, built once per `dataVersion`, so that
/// moving, filtering by key and sorting never walk the store's maps.
struct ProblemIndex: Sendable, Equatable {
  /// The problems in ID order.
  var ids: [ProblemID] = []
  var status: [UInt8] = []
  /// Days since 1970 of the due day, `Int32.min` when there is none.
  var due: [Int32] = []
  /// Index into `departments`, -1 when unassigned.
  var department: [Int32] = []
  var sourceKind: [UInt8] = []
  /// The departments that appear, by name; `departmentIndex` maps an ID to its place.
  var departments: [DepartmentID] = []
  var departmentIndex: [DepartmentID: Int32] = [:]
  /// Positions sorted by (due, id); rows without a due day last.
  var dueOrder: [Int32] = []

  static let noDue = Int32.min

  init() {}

  init(data: CommitteeState, language: Language) {
    let n = data.problems.count
    ids.reserveCapacity(n)
    status.reserveCapacity(n)
    due.reserveCapacity(n)
    department.reserveCapacity(n)
    sourceKind.reserveCapacity(n)
    departments = data.problemsByDepartment.keys.sorted {
      let a = data.departments[$0]?.name ?? ""
      let b = data.departments[$1]?.name ?? ""
      return a == b ? $0 < $1 : a < b
    }
    for (i, id) in departments.enumerated() { departmentIndex[id] = Int32(i) }
    // The map iterates in hash order: take the columns as they come, then put them in ID order.
    var rawIDs: [ProblemID] = []
    var rawStatus: [UInt8] = []
    var rawDue: [Int32] = []
    var rawDepartment: [Int32] = []
    var rawKind: [UInt8] = []
    rawIDs.reserveCapacity(n)
    rawStatus.reserveCapacity(n)
    rawDue.reserveCapacity(n)
    rawDepartment.reserveCapacity(n)
    rawKind.reserveCapacity(n)
    for problem in data.problems.values {
      rawIDs.append(problem.id)
      rawStatus.append(problem.status.rawValue)
      rawDue.append(problem.due.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? Self.noDue)
      rawDepartment.append(problem.department.flatMap { departmentIndex[$0] } ?? -1)
      rawKind.append(problem.source.ref.kind.rawValue)
    }
    for i in Self.idOrder(rawIDs) {
      ids.append(rawIDs[i])
      status.append(rawStatus[i])
      due.append(rawDue[i])
      department.append(rawDepartment[i])
      sourceKind.append(rawKind[i])
    }
    dueOrder = Self.dueOrder(due)
  }

  /// The places of `ids` in ID order. Raw IDs are dense (handed out one after another), so a slot
  /// per raw value places them in O(n) rather than sorting; sparse IDs fall back to a sort.
  static func idOrder(_ ids: [ProblemID]) -> [Int] {
    guard let low = ids.min()?.raw, let high = ids.max()?.raw else { return [] }
    let span = high - low + 1
    guard span <= UInt64(8 * ids.count + 1024) else {
      return (0..<ids.count).sorted { ids[$0] < ids[$1] }
    }
    var slots = [Int32](repeating: -1, count: Int(span))
    for (i, id) in ids.enumerated() { slots[Int(id.raw - low)] = Int32(i) }
    var order: [Int] = []
    order.reserveCapacity(ids.count)
    for slot in slots where slot >= 0 { order.append(Int(slot)) }
    return order
  }

  /// Positions by due day (a stable counting sort over the days in use), rows without a due day last.
  static func dueOrder(_ due: [Int32]) -> [Int32] {
    let days = due.filter { $0 != noDue }
    guard let low = days.min(), let high = days.max() else { return (0..<Int32(due.count)).map { $0 } }
    let span = Int(high) - Int(low) + 2  // the last bucket holds the rows without a due day
    var starts = [Int](repeating: 0, count: span + 1)
    func bucket(_ d: Int32) -> Int { d == noDue ? span - 1 : Int(d) - Int(low) }
    for d in due { starts[bucket(d) + 1] += 1 }
    for b in 0..<span { starts[b + 1] += starts[b] }
    var order = [Int32](repeating: 0, count: due.count)
    for (i, d) in due.enumerated() {
      let b = bucket(d)
      order[starts[b]] = Int32(i)
      starts[b] += 1
    }
    return order
  }

  var count: Int { ids.count }

  func isOverdue(_ i: Int, today: Int32) -> Bool {
    status[i] != ProblemStatus.closed.rawValue && due[i] != Self.noDue && due[i] < today
  }

  /// Days past the due day for an open problem, 0 otherwise.
  func daysOverdue(_ i: Int, today: Int32) -> Int {
    isOverdue(i, today: today) ? Int(today - due[i]) : 0
  }

  /// The positions passing the filters, in ID order.
  func positions(matching filters: ProblemFilters, today: Int32, data: CommitteeState) -> [Int32] {
    let departmentWanted: Int32? = filters.department.map { departmentIndex[$0] ?? -2 }
    let statusWanted = filters.status?.rawValue
    let kindWanted = filters.sourceKind?.rawValue
    let closed = ProblemStatus.closed.rawValue
    var sourceSet: Set<ProblemID>?
    if let source = filters.source {
      sourceSet = Set(data.problems.values.lazy.filter { $0.source.ref == source }.map(\.id))
    }
    var result: [Int32] = []
    result.reserveCapacity(count)
    for i in 0..<count {
      if let statusWanted, status[i] != statusWanted { continue }
      if filters.openOnly && status[i] == closed { continue }
      if let departmentWanted, department[i] != departmentWanted { continue }
      if let kindWanted, sourceKind[i] != kindWanted { continue }
      if filters.overdueOnly && !isOverdue(i, today: today) { continue }
      if let sourceSet, !sourceSet.contains(ids[i]) { continue }
      result.append(Int32(i))
    }
    return result
  }
}
