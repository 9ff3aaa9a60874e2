import Foundation

/// The state cut into parts that decode on their own, so that a large state is read on two threads,
/// or part by part while the rest is still arriving, instead of as one stream after all of it arrived.
///
/// A part is a run of sections; a section is a one-byte tag, then: for the tag 255, the ID counter
/// (varint); for a `RecordKind`'s raw value, a count (varint) and that many records of the kind, each
/// encoded exactly as in the whole state's encoding (`CommitteeState.encode(into:)`). A large table is
/// cut into several sections in several parts; the first part starts with the counter. Parts are cut
/// at record boundaries once they pass `StateParts.targetBytes`.
public enum StateParts {
  /// About how large a part is: large enough that a part's overhead is nothing, small enough that
  /// two threads share the work evenly and a database sends the first one at once.
  public static let targetBytes = 4 << 20
  static let counterTag: UInt8 = 255

  /// The tables in the order of the whole state's encoding, which parts follow too.
  static let tableOrder: [RecordKind] = [
    .member, .sector, .specialCommittee, .department, .station, .partnerRegion, .supervisionTeam, .river,
    .staffAccount, .consultation, .supervisionItem, .patrol, .visit, .opinionReport, .sectorActivity,
    .problem, .jointMeeting, .cooperationAgreement, .cooperationResult, .sectorReport, .actionTargets,
    .savedView,
  ]
}

/// The records one part held, table by table, ready to be put into a state with the other parts.
public struct DecodedStatePart: Sendable {
  /// Where the part began in the bytes it was read from (damage found later is reported there).
  public let offset: Int
  var counter: UInt64?
  var highest: UInt64 = 0
  var sections: [(kind: RecordKind, records: any DecodedRecords)] = []
  /// The index entries of the part's records, gathered while each record was just decoded (and in
  /// the cache), so that putting the state together never walks the tables again for them.
  var notes = IndexNotes()

  /// How many records the part held.
  public var recordCount: Int { sections.reduce(0) { $0 + $1.records.count } }
}

/// Records of one table read from one section.
protocol DecodedRecords: Sendable {
  var count: Int { get }
}

/// Boxed records of one kind, boxed on the thread that decoded them and sorted there by ID (a
/// snapshot written from a tree is in ID order already; one written in another order is sorted), so
/// that putting a table together merges sorted runs.
struct DecodedBoxes<T: Record>: DecodedRecords {
  var pairs: [(key: UInt64, box: RecordBox<T>)]
  var count: Int { pairs.count }
}

/// Something done for a table, given its record type and where it lives in the state.
protocol StateTableVisitor {
  mutating func visit<T: Record>(_ path: WritableKeyPath<CommitteeState, RecordTable<T>>)
}

extension CommitteeState {
  /// Calls `visitor` with the table of `kind`: the one place that maps a kind to its table.
  static func visitTable<V: StateTableVisitor>(_ kind: RecordKind, _ visitor: inout V) {
    switch kind {
    case .member: visitor.visit(\.members)
    case .sector: visitor.visit(\.sectors)
    case .specialCommittee: visitor.visit(\.specialCommittees)
    case .department: visitor.visit(\.departments)
    case .station: visitor.visit(\.stations)
    case .partnerRegion: visitor.visit(\.partnerRegions)
    case .supervisionTeam: visitor.visit(\.supervisionTeams)
    case .river: visitor.visit(\.rivers)
    case .staffAccount: visitor.visit(\.staffAccounts)
    case .consultation: visitor.visit(\.consultations)
    case .supervisionItem: visitor.visit(\.supervisionItems)
    case .patrol: visitor.visit(\.patrols)
    case .visit: visitor.visit(\.visits)
    case .opinionReport: visitor.visit(\.opinionReports)
    case .sectorActivity: visitor.visit(\.sectorActivities)
    case .problem: visitor.visit(\.problems)
    case .jointMeeting: visitor.visit(\.jointMeetings)
    case .cooperationAgreement: visitor.visit(\.cooperationAgreements)
    case .cooperationResult: visitor.visit(\.cooperationResults)
    case .sectorReport: visitor.visit(\.sectorReports)
    case .actionTargets: visitor.visit(\.actionTargets)
    case .savedView: visitor.visit(\.savedViews)
    }
  }

  // MARK: Writing parts

  /// The state as parts of about `partBytes` bytes each (see `StateParts`); never empty.
  public func encodedParts(partBytes: Int = StateParts.targetBytes) -> [[UInt8]] {
    var parts: [[UInt8]] = []
    forEachEncodedPart(partBytes: partBytes) { parts.append($0) }
    return parts
  }

  /// The same parts, handed to `body` one at a time as each is made and kept by nobody after: a
  /// snapshot is written part by part without all of its bytes in memory at once.
  public func forEachEncodedPart(partBytes: Int = StateParts.targetBytes, _ body: ([UInt8]) -> Void) {
    withoutActuallyEscaping(body) { sink in
      var writer = PartsWriter(state: self, target: max(1, partBytes), sink: sink)
      writer.current.write(StateParts.counterTag)
      writer.current.write(varint: nextRawID)
      for kind in StateParts.tableOrder { Self.visitTable(kind, &writer) }
      writer.closePart()
    }
  }

  // MARK: Reading parts

  /// Reads one part from `bytes[range]`; `payloadVersion` is the version the parts were written with.
  /// `fileOffset` is where `bytes` begin in the file they were read from (a part read on its own):
  /// damage is named by its offset in the file. Safe to call on several threads at once, one part each.
  public static func decodePart(
    _ bytes: [UInt8], range: Range<Int>, payloadVersion: UInt32, fileOffset: Int = 0
  ) throws(BinaryError) -> DecodedStatePart {
    var reader = BinaryReader(bytes, offset: range.lowerBound, payloadVersion: payloadVersion)
    reader.reportedBase = fileOffset
    var part = DecodedStatePart(offset: fileOffset + range.lowerBound)
    guard range.upperBound <= bytes.count else { throw reader.failure(.truncated) }
    while reader.offset < range.upperBound {
      let start = reader.offset
      let tag = try reader.readByte()
      if tag == StateParts.counterTag {
        part.counter = max(part.counter ?? 0, try reader.readVarint())
      } else {
        guard let kind = RecordKind(rawValue: tag) else {
          throw reader.failure(.invalidTag(type: "state part section", tag: UInt64(tag)), at: start)
        }
        var section = SectionReader(reader: reader, kind: kind, highest: part.highest, notes: part.notes)
        // The section's notes are then the only copy, so appending to them copies nothing.
        part.notes = IndexNotes()
        visitTable(kind, &section)
        if let error = section.error { throw error }
        reader = section.reader
        part.highest = section.highest
        part.notes = section.notes
        if let records = section.records { part.sections.append((kind, records)) }
      }
      // A section that ran past the part's end read another part's bytes: the part is damaged.
      guard reader.offset <= range.upperBound else { throw reader.failure(.truncated, at: start) }
    }
    return part
  }

  /// The state made of `parts` (in any order): tables built on two threads, indexes rebuilt once.
  /// A record ID found twice is reported at the offset of the part holding its second copy.
  public init(assembling parts: [DecodedStatePart]) throws(BinaryError) {
    self.init()
    let kinds = StateParts.tableOrder
    let sizes = kinds.map { kind in
      parts.reduce(0) { sum, part in
        sum + part.sections.lazy.filter { $0.kind == kind }.reduce(0) { $0 + $1.records.count }
      }
    }
    // The largest tables first, so that the two threads end together; the indexes (made from the
    // parts' notes, about as much work as a middling table) second.
    let order = kinds.indices.filter { sizes[$0] > 0 }.sorted { sizes[$0] > sizes[$1] }
    let jobs = order.isEmpty ? [nil] : [order[0], nil] + order.dropFirst().map { Optional($0) }
    let built = TableSlots(count: kinds.count)
    defer { built.release() }
    let indexes = IndexSlot()
    ParallelWork.run(count: jobs.count) { index in
      guard let slot = jobs[index] else {
        indexes.set(IndexNotes.merged(parts.map(\.notes)).built())
        return
      }
      var builder = TableBuilder(kind: kinds[slot], parts: parts)
      Self.visitTable(kinds[slot], &builder)
      built.set(slot, builder.table, builder.error)
    }
    for slot in order {
      if let error = built.error(slot) { throw error }
      var setter = TableSetter(state: self, table: built.table(slot))
      Self.visitTable(kinds[slot], &setter)
      self = setter.state
    }
    let highest = parts.reduce(0) { max($0, $1.highest) }
    let counter = parts.reduce(0) { max($0, $1.counter ?? 0) }
    indexes.take()?.install(in: &self)
    raiseNextRawID(to: max(counter, highest &+ 1))
  }

  /// Decodes `parts` (ranges of `bytes`) on two threads and puts them together: the same state as
  /// the whole encoding decoded by `init(from:)`.
  public init(bytes: [UInt8], parts: [Range<Int>], payloadVersion: UInt32) throws(BinaryError) {
    let decoded = PartResults(count: parts.count)
    defer { decoded.release() }
    ParallelWork.run(count: parts.count) { index in
      do throws(BinaryError) {
        decoded.set(
          index, .success(try Self.decodePart(bytes, range: parts[index], payloadVersion: payloadVersion)))
      } catch {
        decoded.set(index, .failure(error))
      }
    }
    var all: [DecodedStatePart] = []
    all.reserveCapacity(parts.count)
    for index in parts.indices {
      switch decoded.get(index) {
      case .success(let part): all.append(part)
      case .failure(let error): throw error
      case nil: throw BinaryError(offset: parts[index].lowerBound, reason: .truncated)
      }
    }
    try self.init(assembling: all)
  }
}

/// Writes tables into parts, cutting a part once it passes the target size.
private struct PartsWriter: StateTableVisitor {
  let state: CommitteeState
  let target: Int
  /// Takes each part as it is closed.
  let sink: ([UInt8]) -> Void
  var current: BinaryWriter

  init(state: CommitteeState, target: Int, sink: @escaping ([UInt8]) -> Void) {
    self.state = state
    self.target = target
    self.sink = sink
    current = BinaryWriter(capacity: min(target + target / 4, 1 << 16))
  }

  mutating func visit<T: Record>(_ path: WritableKeyPath<CommitteeState, RecordTable<T>>) {
    let table = state[keyPath: path]
    guard !table.isEmpty else { return }
    var body = BinaryWriter(capacity: min(target, 1 << 16))
    var count = 0
    for box in table.storage.values {
      box.value.encode(into: &body)
      count += 1
      if current.bytes.count + body.bytes.count >= target {
        flush(T.kind, &body, &count)
        closePart()
      }
    }
    if count > 0 { flush(T.kind, &body, &count) }
  }

  private mutating func flush(_ kind: RecordKind, _ body: inout BinaryWriter, _ count: inout Int) {
    current.write(kind.rawValue)
    current.write(varint: UInt64(count))
    current.append(bytes: body.bytes)
    body = BinaryWriter(capacity: min(target, 1 << 16))
    count = 0
  }

  mutating func closePart() {
    guard !current.bytes.isEmpty else { return }
    let part = current.bytes
    // The writer lets go of the part's bytes first, so that the sink holds the only copy.
    current = BinaryWriter(capacity: target + target / 4)
    sink(part)
  }
}

/// Reads one section's records, boxing them on the reading thread.
private struct SectionReader: StateTableVisitor {
  var reader: BinaryReader
  let kind: RecordKind
  var highest: UInt64
  var notes: IndexNotes
  var records: (any DecodedRecords)?
  var error: BinaryError?

  init(reader: BinaryReader, kind: RecordKind, highest: UInt64, notes: IndexNotes) {
    self.reader = reader
    self.kind = kind
    self.highest = highest
    self.notes = notes
  }

  mutating func visit<T: Record>(_ path: WritableKeyPath<CommitteeState, RecordTable<T>>) {
    do throws(BinaryError) {
      let count = try reader.readCount()
      var pairs: [(key: UInt64, box: RecordBox<T>)] = []
      pairs.reserveCapacity(count)
      var sorted = true
      for _ in 0..<count {
        let record = try T(from: &reader)
        let key = record.id.raw
        if let last = pairs.last, last.key > key { sorted = false }
        highest = max(highest, key)
        notes.note(record)
        pairs.append((key, RecordBox(record)))
      }
      if !sorted { pairs.sort { $0.key < $1.key } }
      records = DecodedBoxes(pairs: pairs)
    } catch {
      self.error = error
    }
  }
}

/// Builds one table from every part's sections of its kind: their sorted runs merged into a tree built
/// in one pass. A record ID found twice is reported at the offset of the part holding its second copy
/// (the later of the two in `parts`' order).
private struct TableBuilder: StateTableVisitor {
  let kind: RecordKind
  let parts: [DecodedStatePart]
  var table: (any Sendable)?
  var error: BinaryError?

  mutating func visit<T: Record>(_ path: WritableKeyPath<CommitteeState, RecordTable<T>>) {
    var runs: [SortedRun<T>] = []
    for part in parts {
      for section in part.sections where section.kind == kind {
        guard let records = section.records as? DecodedBoxes<T>, !records.pairs.isEmpty else { continue }
        runs.append(SortedRun(offset: part.offset, pairs: records.pairs))
      }
    }
    var builder = RecordTree<T>.Builder()
    var merge = RunMerge(runs)
    while let (run, pair) = merge.next() {
      guard builder.append(key: pair.key, box: pair.box) else {
        error = BinaryError(
          offset: runs[run].offset, reason: .invalidValue(type: "duplicate \(T.self) id \(pair.key)"))
        return
      }
    }
    table = RecordTable(storage: builder.build())
  }
}

/// One section's records, sorted by ID, and where its part began.
private struct SortedRun<T: Record> {
  let offset: Int
  let pairs: [(key: UInt64, box: RecordBox<T>)]
}

/// Merges sorted runs into one increasing sequence of (run, pair). Runs that follow one another (a
/// snapshot written in ID order: each part's run starts above the last one's end) are read one after
/// another; others through a heap of the runs' heads. Equal keys come in the runs' order.
private struct RunMerge<T: Record> {
  private let runs: [SortedRun<T>]
  private var positions: [Int]
  /// Indexes of runs not yet done, a min-heap by (head key, run index); unused when `chained`.
  private var heap: [Int] = []
  /// The runs' indexes by first key when each starts above the previous one's end, else nil.
  private var chained: [Int]?
  private var chainIndex = 0

  init(_ runs: [SortedRun<T>]) {
    self.runs = runs
    positions = Array(repeating: 0, count: runs.count)
    let byFirst = runs.indices.sorted { runs[$0].pairs[0].key < runs[$1].pairs[0].key }
    let follows = zip(byFirst, byFirst.dropFirst()).allSatisfy { one, other in
      runs[one].pairs[runs[one].pairs.count - 1].key < runs[other].pairs[0].key
    }
    if follows {
      chained = byFirst
    } else {
      heap = Array(runs.indices)
      for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }
  }

  mutating func next() -> (Int, (key: UInt64, box: RecordBox<T>))? {
    if let chained {
      while chainIndex < chained.count {
        let run = chained[chainIndex]
        let position = positions[run]
        if position < runs[run].pairs.count {
          positions[run] = position + 1
          return (run, runs[run].pairs[position])
        }
        chainIndex += 1
      }
      return nil
    }
    guard let run = heap.first else { return nil }
    let position = positions[run]
    positions[run] = position + 1
    if position + 1 == runs[run].pairs.count {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    } else {
      siftDown(0)
    }
    return (run, runs[run].pairs[position])
  }

  private func before(_ one: Int, _ other: Int) -> Bool {
    let left = runs[one].pairs[positions[one]].key
    let right = runs[other].pairs[positions[other]].key
    return left < right || (left == right && one < other)
  }

  private mutating func siftDown(_ start: Int) {
    var index = start
    while true {
      let left = 2 * index + 1
      guard left < heap.count else { return }
      var least = left
      if left + 1 < heap.count && before(heap[left + 1], heap[left]) { least = left + 1 }
      guard before(heap[least], heap[index]) else { return }
      heap.swapAt(least, index)
      index = least
    }
  }
}

/// Puts a built table into the state.
private struct TableSetter: StateTableVisitor {
  var state: CommitteeState
  let table: (any Sendable)?

  mutating func visit<T: Record>(_ path: WritableKeyPath<CommitteeState, RecordTable<T>>) {
    if let table = table as? RecordTable<T> { state[keyPath: path] = table }
  }
}

/// The entries of the state's indexes for some records, by index: gathered part by part while
/// decoding, then merged into the indexes (`CommitteeState.rebuildIndexes` makes the same from the
/// tables).
struct IndexNotes: Sendable {
  var problemsByStatus: [ProblemStatus: [ProblemID]] = [:]
  var problemsByDepartment: [DepartmentID: [ProblemID]] = [:]
  var openProblemsByDue: [Day: [ProblemID]] = [:]
  var supervisionItemsByStage: [SupervisionStage: [SupervisionItemID]] = [:]
  var consultationsByStation: [StationID: [ConsultationID]] = [:]

  /// Notes the index entries of `record`, if its kind is indexed.
  @inline(__always)
  mutating func note<T: Record>(_ record: T) {
    if let problem = record as? Problem {
      problemsByStatus[problem.status, default: []].append(problem.id)
      if let department = problem.department {
        problemsByDepartment[department, default: []].append(problem.id)
      }
      if problem.isOpen, let due = problem.due { openProblemsByDue[due, default: []].append(problem.id) }
    } else if let item = record as? SupervisionItem {
      supervisionItemsByStage[item.stage, default: []].append(item.id)
    } else if let consultation = record as? Consultation, let station = consultation.details.station {
      consultationsByStation[station, default: []].append(consultation.id)
    }
  }

  /// The notes of several parts as one.
  static func merged(_ all: [IndexNotes]) -> IndexNotes {
    var result = IndexNotes()
    func join<K: Hashable, V>(_ into: inout [K: [V]], _ more: [K: [V]]) {
      for (key, values) in more { into[key, default: []].append(contentsOf: values) }
    }
    for notes in all {
      join(&result.problemsByStatus, notes.problemsByStatus)
      join(&result.problemsByDepartment, notes.problemsByDepartment)
      join(&result.openProblemsByDue, notes.openProblemsByDue)
      join(&result.supervisionItemsByStage, notes.supervisionItemsByStage)
      join(&result.consultationsByStation, notes.consultationsByStation)
    }
    return result
  }

  /// The indexes these entries make (they must be those of all the state's records).
  func built() -> BuiltIndexes {
    BuiltIndexes(
      problemsByStatus: problemsByStatus.mapValues { IDSet($0) },
      problemsByDepartment: problemsByDepartment.mapValues { IDSet($0) },
      openProblemsByDue: openProblemsByDue.mapValues { IDSet($0) },
      supervisionItemsByStage: supervisionItemsByStage.mapValues { IDSet($0) },
      consultationsByStation: consultationsByStation.mapValues { IDSet($0) })
  }
}

/// The state's indexes built off the state, on another thread, to be put into it at once.
struct BuiltIndexes: Sendable {
  var problemsByStatus: [ProblemStatus: IDSet<Problem>]
  var problemsByDepartment: [DepartmentID: IDSet<Problem>]
  var openProblemsByDue: [Day: IDSet<Problem>]
  var supervisionItemsByStage: [SupervisionStage: IDSet<SupervisionItem>]
  var consultationsByStation: [StationID: IDSet<Consultation>]

  func install(in state: inout CommitteeState) {
    state.problemsByStatus = problemsByStatus
    state.problemsByDepartment = problemsByDepartment
    state.openProblemsByDue = openProblemsByDue
    state.supervisionItemsByStage = supervisionItemsByStage
    state.consultationsByStation = consultationsByStation
  }
}

/// The built indexes, written by the one thread that builds them, read once all are done.
private final class IndexSlot: @unchecked Sendable {
  private var indexes: BuiltIndexes?

  func set(_ indexes: BuiltIndexes) { self.indexes = indexes }
  func take() -> BuiltIndexes? { indexes }
}

/// One result slot per table, each written by one thread only.
private final class TableSlots: @unchecked Sendable {
  private let tables: UnsafeMutableBufferPointer<(any Sendable)?>
  private let errors: UnsafeMutableBufferPointer<BinaryError?>

  init(count: Int) {
    tables = .allocate(capacity: count)
    tables.initialize(repeating: nil)
    errors = .allocate(capacity: count)
    errors.initialize(repeating: nil)
  }

  func set(_ slot: Int, _ table: (any Sendable)?, _ error: BinaryError?) {
    tables[slot] = table
    errors[slot] = error
  }

  func table(_ slot: Int) -> (any Sendable)? { tables[slot] }
  func error(_ slot: Int) -> BinaryError? { errors[slot] }

  func release() {
    _ = tables.deinitialize()
    tables.deallocate()
    _ = errors.deinitialize()
    errors.deallocate()
  }
}

/// One result slot per part, each written by one thread only.
private final class PartResults: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Result<DecodedStatePart, BinaryError>?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  func set(_ index: Int, _ result: Result<DecodedStatePart, BinaryError>) { slots[index] = result }
  func get(_ index: Int) -> Result<DecodedStatePart, BinaryError>? { slots[index] }

  func release() {
    _ = slots.deinitialize()
    slots.deallocate()
  }
}

/// Runs numbered pieces of work on the calling thread and helper threads (two in all by default: the
/// machines this runs on have two cores). Each piece is taken by whichever thread is free next.
public enum ParallelWork {
  /// Runs `body(0..<count)`, each index once; returns when all are done.
  public static func run(count: Int, threads: Int = 2, _ body: @escaping @Sendable (Int) -> Void) {
    guard count > 1, threads > 1 else {
      for index in 0..<count { body(index) }
      return
    }
    let queue = WorkCounter(count: count)
    let helpers = min(threads, count) - 1
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<helpers {
      let thread = Thread {
        while let index = queue.next() { body(index) }
        finished.signal()
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    while let index = queue.next() { body(index) }
    for _ in 0..<helpers { finished.wait() }
  }
}

/// Hands out the indexes 0..<count, each once, to whichever thread asks.
final class WorkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private let count: Int

  init(count: Int) { self.count = count }

  func next() -> Int? {
    lock.withLock {
      guard nextIndex < count else { return nil }
      defer { nextIndex += 1 }
      return nextIndex
    }
  }
}
