import Domain
import Localization
import TerminalCore
import Widgets

/// The rows of the problems board: the problems passing the key filters, read from the compact
/// index; cell texts are made only for the rows drawn.
struct ProblemRows: TableDataSource, Sendable, Equatable {
  var data = CommitteeState()
  var index = ProblemIndex()
  /// Index positions shown, in ID order.
  var positions: [Int32] = []
  /// Today as days since 1970.
  var today: Int32 = 0
  var language: Language = .zh
  /// Built on first use of the text filter, then kept for the data version.
  var keys: SearchKeys?
  var partialKeys: SearchKeys?
  var keyNames: KeyNames?

  enum Column: Int, CaseIterable {
    case status, title, source, department, due, overdue, redo, raisedBy
  }

  static let titleKeys = [
    "problems.column.status", "problems.column.title", "problems.column.source",
    "problems.column.department", "problems.column.due", "problems.column.overdue",
    "problems.column.redo", "problems.column.raisedBy",
  ]

  static func table(_ language: Language, emptyText: String) -> Table {
    func title(_ column: Column) -> String { tr(titleKeys[column.rawValue], language) }
    let statusWidth = ProblemStatus.allCases.map { tr($0.nameKey, language).displayWidth }.max() ?? 10
    return Table(
      columns: [
        TableColumn(title(.status), width: .fixed(statusWidth)),
        TableColumn(title(.title), width: .flex(3, min: 10), sortable: false),
        TableColumn(title(.source), width: .flex(2, min: 8), sortable: false),
        TableColumn(title(.department), width: .flex(2, min: 8)),
        TableColumn(title(.due), width: .fixed(10)),
        TableColumn(title(.overdue), width: .fixed(4), alignment: .right),
        TableColumn(title(.redo), width: .fixed(4), alignment: .right, sortable: false),
        TableColumn(title(.raisedBy), width: .fixed(8), sortable: false),
      ], showsMarkers: true, emptyText: emptyText)
  }

  var rowCount: Int { positions.count }

  func position(row: Int) -> Int? {
    guard row >= 0, row < positions.count else { return nil }
    return Int(positions[row])
  }

  func problem(row: Int) -> Problem? {
    guard let p = position(row: row) else { return nil }
    return data.problems[index.ids[p]]
  }

  func row(of id: ProblemID) -> Int? {
    // IDs are sorted, and so are positions: two binary searches.
    guard let p = binarySearch(index.ids, id) else { return nil }
    return binarySearch(positions, Int32(p))
  }

  func text(row: Int, column: Int) -> String {
    guard let p = position(row: row), let problem = data.problems[index.ids[p]],
      let which = Column(rawValue: column)
    else { return "" }
    switch which {
    case .status: return tr(problem.status.nameKey, language)
    case .title: return problem.title
    case .source: return Self.sourceText(problem.source, data: data, language: language)
    case .department: return problem.department.map { data.displayName(of: RecordRef($0)) } ?? ""
    case .due: return problem.due?.description ?? ""
    case .overdue:
      let days = index.daysOverdue(p, today: today)
      return days > 0 ? String(days) : ""
    case .redo: return problem.redoCount > 0 ? String(problem.redoCount) : ""
    // The member who raised it, as the 提出人 a clerk knows; the account that typed it otherwise.
    case .raisedBy: return problem.raisedByMember.flatMap { data.members[$0]?.name } ?? problem.raisedBy
    }
  }

  static func sourceText(_ source: ProblemSource, data: CommitteeState, language: Language) -> String {
    tr("problems.kind.\(source.ref.kind)", language) + "·" + data.displayName(of: source.ref)
  }

  func mark(row: Int) -> RowMark? {
    guard let p = position(row: row), index.isOverdue(p, today: today) else { return nil }
    return RowMark(marker: "!", role: .overdue)
  }

  var searchKeys: SearchKeys? { keys }

  /// Builds the text-filter keys for the rows shown: title, status, source, department, who raised it.
  mutating func buildKeys() { continueKeys(rows: Int.max) }

  /// Builds up to `budget` more rows of the text-filter keys (idle ticks call it, so that at a
  /// million rows `/` rarely waits); true once they are complete.
  @discardableResult
  mutating func continueKeys(rows budget: Int) -> Bool {
    if keys != nil { return true }
    var partial = partialKeys ?? SearchKeys()
    if partial.count == 0 { partial.reserve(rows: positions.count, bytes: positions.count * 64) }
    let names = keyNames ?? KeyNames(data: data, index: index, language: language)
    keyNames = names
    let end = positions.count - partial.count > budget ? partial.count + budget : positions.count
    for row in partial.count..<end { partial.append(keyText(row: row, names: names)) }
    if partial.count == positions.count {
      keys = partial
      partialKeys = nil
      return true
    }
    partialKeys = partial
    return false
  }

  /// Names the keys repeat, made once per data version: departments, statuses, sources.
  struct KeyNames: Sendable, Equatable {
    var departments: [String]
    var statuses: [String]
    var sources: [RecordRef: String]

    init(data: CommitteeState, index: ProblemIndex, language: Language) {
      departments = index.departments.map { data.displayName(of: RecordRef($0)) }
      departments.append("")
      statuses = ProblemStatus.allCases.map { tr($0.nameKey, language) }
      sources = [:]
      // Sources are few and shared by many problems: name each once.
      for problem in data.problems.values where sources[problem.source.ref] == nil {
        sources[problem.source.ref] = data.displayName(of: problem.source.ref)
      }
    }
  }

  /// The text-filter key of a row: title, status, department, source, who raised it.
  func keyText(row: Int, names: KeyNames) -> String {
    let p = Int(positions[row])
    guard let problem = data.problems[index.ids[p]] else { return "" }
    let d = index.department[p]
    var key = problem.title
    key.reserveCapacity(key.utf8.count + 96)
    key += " "
    key += names.statuses[Int(index.status[p])]
    key += " "
    key += d >= 0 ? names.departments[Int(d)] : ""
    key += " "
    key += names.sources[problem.source.ref] ?? ""
    key += " "
    key += problem.raisedBy
    if let member = problem.raisedByMember.flatMap({ data.members[$0]?.name }) {
      key += " "
      key += member
    }
    return key
  }

  func sortedRows(column: Int, ascending: Bool) -> [Int32]? {
    guard let which = Column(rawValue: column) else { return nil }
    switch which {
    case .due: return dueSorted(ascending: ascending)
    case .status: return sorted(ascending: ascending) { Int32(index.status[$0]) }
    case .department: return sorted(ascending: ascending) { index.department[$0] }
    case .overdue: return sorted(ascending: ascending) { Int32(index.daysOverdue($0, today: today)) }
    default: return nil
    }
  }

  /// The rows by due day from the order kept for the whole data version: O(n), no sort.
  func dueSorted(ascending: Bool) -> [Int32] {
    var rowOf = [Int32](repeating: -1, count: index.count)
    for (row, p) in positions.enumerated() { rowOf[Int(p)] = Int32(row) }
    var result: [Int32] = []
    result.reserveCapacity(positions.count)
    if ascending {
      for p in index.dueOrder where rowOf[Int(p)] >= 0 { result.append(rowOf[Int(p)]) }
      return result
    }
    // Descending by day; rows of the same day keep their order, as in every other sort.
    // Rows without a due day stay last either way.
    let order = index.dueOrder
    var withDue = order.count
    while withDue > 0 && index.due[Int(order[withDue - 1])] == ProblemIndex.noDue { withDue -= 1 }
    var end = withDue
    while end > 0 {
      var start = end - 1
      let day = index.due[Int(order[start])]
      while start > 0 && index.due[Int(order[start - 1])] == day { start -= 1 }
      for k in start..<end where rowOf[Int(order[k])] >= 0 { result.append(rowOf[Int(order[k])]) }
      end = start
    }
    for k in withDue..<order.count where rowOf[Int(order[k])] >= 0 { result.append(rowOf[Int(order[k])]) }
    return result
  }

  /// A stable counting sort: the keys are small integers (a status, a department, days late), so
  /// this is O(n) and not O(n log n); rows of equal key keep their order in both directions.
  func sorted(ascending: Bool, key: (Int) -> Int32) -> [Int32] {
    let keys = positions.map { key(Int($0)) }
    guard let low = keys.min(), let high = keys.max() else { return [] }
    let span = Int(high) - Int(low) + 1
    var starts = [Int](repeating: 0, count: span + 1)
    for k in keys { starts[Int(k) - Int(low) + 1] += 1 }
    if ascending {
      for b in 0..<span { starts[b + 1] += starts[b] }
    } else {
      // Buckets from the highest key down.
      var total = 0
      var reversed = [Int](repeating: 0, count: span + 1)
      for b in stride(from: span - 1, through: 0, by: -1) {
        reversed[b] = total
        total += starts[b + 1]
      }
      starts = reversed
    }
    var order = [Int32](repeating: 0, count: keys.count)
    for (row, k) in keys.enumerated() {
      let b = Int(k) - Int(low)
      order[starts[b]] = Int32(row)
      starts[b] += 1
    }
    return order
  }
}

func binarySearch<T: Comparable>(_ array: [T], _ value: T) -> Int? {
  var low = 0
  var high = array.count
  while low < high {
    let mid = (low + high) / 2
    if array[mid] < value { low = mid + 1 } else { high = mid }
  }
  return low < array.count && array[low] == value ? low : nil
}
