import Domain
import Foundation
import Localization
import Widgets

/// The facets of the problems list, in the order `ProblemsList.facets` gives them.
enum ProblemFacet: Int, CaseIterable {
  /// A status, or "open" (every status but closed) after the last status: `t` cycles them.
  case status
  /// The department a problem is assigned to, departments by name: `b`.
  case department
  /// The kind of record a problem was raised from: `c`.
  case sourceKind
  /// Overdue only: `!`.
  case overdue

  /// The status facet's option after the statuses: every problem not closed.
  static let openOption = ProblemStatus.allCases.count
  /// The source kinds the source facet offers, in its order.
  static let sourceKinds: [RecordKind] = [.consultation, .supervisionItem, .patrol, .visit, .opinionReport]
}

/// Every problem in compact columns, so that moving, the facets and sorting never walk the store's
/// maps. Built once, then carried from one data version to the next by the problems each change
/// touched (`following`); equal to one built from scratch for the same data.
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

  init(data: CommitteeState) {
    self.init(data: data, pass: {})
  }

  /// Built from every problem, calling `pass` every few thousand problems (a background build
  /// lets the app answer a key there: see `ProblemIndexBuild`).
  init(data: CommitteeState, pass: () -> Void) {
    let n = data.problems.count
    ids.reserveCapacity(n)
    status.reserveCapacity(n)
    due.reserveCapacity(n)
    department.reserveCapacity(n)
    sourceKind.reserveCapacity(n)
    departments = Self.departments(in: data)
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
    // Each field read through the record's box: copying out every problem whole (two hundred
    // bytes and a dozen references each) was most of the time at a million records.
    for (id, box) in data.problems.storage {
      if rawIDs.count % RecordRows.pauseEvery == 0 { pass() }
      rawIDs.append(id)
      rawStatus.append(box.value.status.rawValue)
      rawDue.append(box.value.due.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? Self.noDue)
      rawDepartment.append(box.value.department.flatMap { departmentIndex[$0] } ?? -1)
      rawKind.append(box.value.source.ref.kind.rawValue)
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

  /// The departments problems are assigned to, by name (the department facet's options).
  static func departments(in data: CommitteeState) -> [DepartmentID] {
    data.problemsByDepartment.keys.sorted {
      let a = data.departments[$0]?.name ?? ""
      let b = data.departments[$1]?.name ?? ""
      return a == b ? $0 < $1 : a < b
    }
  }

  /// Brings the index, built for the data before the changes that touched `touched`, to `data`:
  /// the problems among them are taken out, put in or updated in place, costing the records
  /// touched (and one pass to order by due day), not a walk over every problem. When the
  /// departments in use or their order by name moved, or what was touched is unknown, it is
  /// built anew.
  mutating func follow(to data: CommitteeState, touched: Set<RecordRef>?) {
    guard let touched, Self.departments(in: data) == departments else {
      self = ProblemIndex(data: data)
      return
    }
    var problems: [ProblemID] = []
    for ref in touched where ref.kind == .problem { problems.append(ProblemID(raw: ref.raw)) }
    guard !problems.isEmpty else { return }
    problems.sort()
    // Gone: the last first, so the places of the earlier ones stay put.
    for id in problems.reversed() where data.problems[id] == nil {
      if let p = binarySearch(ids, id) { remove(at: p) }
    }
    for id in problems {
      guard let problem = data.problems[id] else { continue }
      if let p = binarySearch(ids, id) {
        set(p, to: problem)
      } else {
        var p = 0
        var high = ids.count
        while p < high {
          let mid = (p + high) / 2
          if ids[mid] < id { p = mid + 1 } else { high = mid }
        }
        insert(problem, at: p)
      }
    }
    dueOrder = Self.dueOrder(due)
  }

  mutating func remove(at p: Int) {
    ids.remove(at: p)
    status.remove(at: p)
    due.remove(at: p)
    department.remove(at: p)
    sourceKind.remove(at: p)
  }

  mutating func insert(_ problem: Problem, at p: Int) {
    ids.insert(problem.id, at: p)
    status.insert(0, at: p)
    due.insert(0, at: p)
    department.insert(0, at: p)
    sourceKind.insert(0, at: p)
    set(p, to: problem)
  }

  mutating func set(_ p: Int, to problem: Problem) {
    status[p] = problem.status.rawValue
    due[p] = problem.due.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? Self.noDue
    department[p] = problem.department.flatMap { departmentIndex[$0] } ?? -1
    sourceKind[p] = problem.source.ref.kind.rawValue
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

  /// A problem's option for a facet (see `ProblemFacet`), nil for none.
  func option(_ i: Int, facet: ProblemFacet, today: Int32) -> Int? {
    switch facet {
    case .status: return Int(status[i])
    case .department: return department[i] >= 0 ? Int(department[i]) : nil
    case .sourceKind:
      return ProblemFacet.sourceKinds.firstIndex { $0.rawValue == sourceKind[i] }
    case .overdue: return isOverdue(i, today: today) ? 0 : nil
    }
  }

  /// The positions the chosen facet options pass (of `among`, or of all), in ID order.
  func positions(matching facets: [Int: Int], among: [Int32]?, today: Int32) -> [Int32] {
    // Nothing chosen: every position, without a test per problem.
    if facets.isEmpty { return among ?? Array(0..<Int32(count)) }
    let chosen = facets.compactMap { key, value in ProblemFacet(rawValue: key).map { ($0, value) } }
    let statusWanted = chosen.first { $0.0 == .status }?.1
    let departmentWanted = chosen.first { $0.0 == .department }.map { Int32($0.1) }
    let kindWanted = chosen.first { $0.0 == .sourceKind }.map {
      $0.1 < ProblemFacet.sourceKinds.count ? ProblemFacet.sourceKinds[$0.1].rawValue : UInt8.max
    }
    let overdueOnly = chosen.contains { $0.0 == .overdue }
    let closed = ProblemStatus.closed.rawValue
    func passes(_ i: Int) -> Bool {
      if let statusWanted {
        if statusWanted == ProblemFacet.openOption {
          if status[i] == closed { return false }
        } else if Int(status[i]) != statusWanted {
          return false
        }
      }
      if let departmentWanted, department[i] != departmentWanted { return false }
      if let kindWanted, sourceKind[i] != kindWanted { return false }
      if overdueOnly && !isOverdue(i, today: today) { return false }
      return true
    }
    var result: [Int32] = []
    if let among {
      result.reserveCapacity(among.count)
      for p in among where passes(Int(p)) { result.append(p) }
    } else {
      result.reserveCapacity(count)
      for i in 0..<count where passes(i) { result.append(Int32(i)) }
    }
    return result
  }
}

/// A large committee's problem index built on a thread of its own as soon as the app is usable
/// (`SharedIndexes.prepareInBackground`), so that the first visit to the problems takes it in
/// instead of walking every problem while the user waits. Like the boards' tally it does not wait
/// at `BackgroundGate`: paused there while keys are answered one after another, it would take the
/// idle moments the problems' search keys are built in (a gate is passed only when one is given).
final class ProblemIndexBuild: @unchecked Sendable {
  /// Problems read between two passes of the gate: about a millisecond.
  static let slice = 8_192
  /// From how many problems the index is prepared ahead of the first visit.
  static let backgroundFrom = 50_000

  let source: CommitteeState
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private let gate: BackgroundGate?
  private var built: ProblemIndex?
  private var urgent = false
  private var taken = false
  /// Every problem's search keys in `language`, made after the index on the same thread so that
  /// the first `/` finds them ready; set once the index is made.
  private var keys: BackgroundBuild<ProblemKeysBuild.Made>?

  /// The language the keys are made in (none: the index only).
  let language: Language?

  init(from data: CommitteeState, language: Language? = nil, gate: BackgroundGate? = nil) {
    source = data
    self.language = language
    // Like every build, it takes its turn at the app's gate between slices, so that the thread
    // answering keys keeps a core of its own; the list's first visit, then a `/`, hurry it.
    self.gate = gate ?? .app
    let gate = self.gate
    BackgroundGate.prepared.hold()
    let thread = Thread { [self] in
      Thread.nameCurrent("problem index")
      defer {
        gate?.leave()
        BackgroundGate.prepared.release()
      }
      // A pass every slice; between two, one only while a key is answered (a look every 256).
      var read = 0
      let index = ProblemIndex(data: data) {
        read += RecordRows.pauseEvery
        guard let gate, read % Self.slice == 0 || gate.isHeld else { return }
        gate.pass(unless: { self.lock.withLock { self.urgent } })
      }
      let keys = language.map { language in
        BackgroundBuild<ProblemKeysBuild.Made>(gates: gate.map { [$0] } ?? []) { progress in
          var rows = ProblemRows()
          rows.data = data
          rows.index = index
          rows.language = language
          rows.keyNames = ProblemRows.KeyNames(language: language)
          return ProblemKeysBuild.make(from: rows, progress: progress)
        }
      }
      lock.withLock {
        built = index
        self.keys = keys
      }
      finished.signal()
      // The problems board is where a search most often comes first, and its keys are the largest
      // to make: the other builds give them their turn (a `/` before they are done waits for them).
      keys?.markWanted()
      keys?.run()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The keys' build, once the index is made (nil before, or without a language): taken before
  /// the keys are done, the list adopts it (`ProblemKeysBuild(adopting:)`) rather than starting
  /// again from the first problem.
  var keysBuild: BackgroundBuild<ProblemKeysBuild.Made>? { lock.withLock { keys } }

  /// The keys built from `source`, if they were done when the index was taken; handed over once.
  func takeKeys() -> (SearchKeys, ProblemRows.KeyNames)? {
    guard let keysBuild, keysBuild.isFinished, let made = keysBuild.take() else { return nil }
    return (made.keys, made.names)
  }

  /// Whether the index is built.
  var isDone: Bool { lock.withLock { built != nil } }

  /// The index as built from `source`, waiting for the rest of the build (which no longer pauses
  /// for events: the app is waiting for it).
  func take() -> ProblemIndex {
    lock.withLock { urgent = true }
    gate?.wake()
    if !isDone {
      finished.wait()
      finished.signal()
    }
    return lock.withLock {
      // From here the list builds its own keys if these are not done: the thread stops.
      taken = true
      return built
    } ?? ProblemIndex(data: source)
  }
}
