import Domain
import Localization
import TerminalCore
import Widgets

/// The rows of the problems list (the kit's source for `ProblemsList`): the problems the facets
/// and a jump's source record let through, read from the compact index; cell texts are made only
/// for the rows drawn. It narrows the rows itself (`narrow(to:)`), so that at a million problems
/// its search keys and sorted orders are those of the rows shown.
struct ProblemRows: RecordSource {
  var data = CommitteeState()
  var index = ProblemIndex()
  /// Index positions shown, in ID order.
  var positions: [Int32] = []
  /// The facet options the rows were narrowed by (see `ProblemFacet`).
  var facets: [Int: Int] = [:]
  /// After a jump from a record ("its problems"): only the problems raised from it, by ID.
  var fromRecord: RecordRef?
  var fromProblems: [ProblemID] = []
  /// Today as days since 1970.
  var today: Int32 = 0
  var language: Language = .zh
  /// The text-filter keys of every problem of the index, by index position (ID order): built on
  /// idle ticks or at the first `/`, then carried through changes, which re-key only the problems
  /// they touched.
  var allKeys: SearchKeys?
  var partialAllKeys: SearchKeys?
  /// The keys of the rows shown: `allKeys` itself, or the bytes of the rows the facets pass.
  var keys: SearchKeys?
  var keyNames = KeyNames(language: .zh)
  /// The keys being built on another thread (a large list), taken in when done; nil: none.
  var keysBuild: ProblemKeysBuild?
  /// The records changes touched since `keysBuild` started, which its keys must follow when taken
  /// in; nil: not known (the build's keys are then of no use).
  var touchedDuringBuild: Set<RecordRef>? = []

  /// Rows of search keys built per idle tick: about 50 ms at a million problems in a release build.
  static let keysPerTick = 10_000
  /// From how many problems the keys are built on another thread as soon as the rows are made,
  /// so that the first `/` finds them ready; smaller lists build them on idle ticks.
  static let keysInBackgroundFrom = 50_000

  /// The columns in the order of the cells. Beside the detail pane (100 columns and more) only
  /// the first `besideDetail` show, so the title is read whole; the rest are in the detail.
  enum Column: Int, CaseIterable {
    case status, title, department, due, overdue, source, redo, raisedBy
  }
  static let besideDetail = 5

  static let titleKeys = [
    "problems.column.status", "problems.column.title", "problems.column.department", "problems.column.due",
    "problems.column.overdue", "problems.column.source", "problems.column.redo", "problems.column.raisedBy",
  ]

  /// The list's columns; `narrow`: only those that fit beside the detail pane.
  static func columns(_ language: Language, besideDetail: Bool) -> [TableColumn] {
    func title(_ column: Column) -> String { tr(titleKeys[column.rawValue], language) }
    let statusWidth = ProblemStatus.allCases.map { tr($0.nameKey, language).displayWidth }.max() ?? 10
    let all = [
      TableColumn(title(.status), width: .fixed(statusWidth)),
      TableColumn(title(.title), width: .flex(3, min: 10), sortable: false),
      TableColumn(title(.department), width: .flex(2, min: 8)),
      TableColumn(title(.due), width: .fixed(10)),
      TableColumn(title(.overdue), width: .fixed(4), alignment: .right),
      TableColumn(title(.source), width: .flex(2, min: 8), sortable: false),
      TableColumn(title(.redo), width: .fixed(4), alignment: .right, sortable: false),
      TableColumn(title(.raisedBy), width: .fixed(8), sortable: false),
    ]
    return besideDetail ? Array(all.prefix(Self.besideDetail)) : all
  }

  init() {}

  /// Every problem of `context`'s data, with no facet chosen.
  init(context: ScreenContext) {
    data = context.data
    language = context.language
    keyNames = KeyNames(language: language)
    today = Int32(truncatingIfNeeded: context.today.daysSinceEpoch)
    // Prepared on another thread since the app became usable, when the committee is large, with
    // the search keys if they are done (carried through the problems changed since).
    if let prepared = context.indexes.takePreparedProblems(data) {
      index = prepared.index
      if let (keys, names) = prepared.keys, names.language == language {
        allKeys = keys
        keyNames = names
        followKeys(from: prepared.builtIDs, touched: prepared.touched)
      } else if let pending = prepared.pending, pending.language == language, let keys = pending.keysBuild {
        // Still being made: taken in when done, carried through the changes since the build began.
        keysBuild = ProblemKeysBuild(adopting: keys)
        touchedDuringBuild = prepared.touched
      }
    } else {
      index = ProblemIndex(data: data)
    }
    refreshPositions()
    if index.count >= Self.keysInBackgroundFrom { startKeysInBackground() }
  }

  /// Starts building every problem's keys on another thread from the rows as they are now, unless
  /// they are built or being built.
  mutating func startKeysInBackground(gate: BackgroundGate = .app) {
    guard allKeys == nil, keysBuild == nil else { return }
    keysBuild = ProblemKeysBuild(self, gate: gate)
    touchedDuringBuild = []
  }

  /// Takes in the keys of a finished background build, carried through the changes made since it
  /// started; nothing while it runs.
  mutating func takeFinishedKeys() {
    guard let build = keysBuild, build.result != nil, var built = build.take() else { return }
    keysBuild = nil
    let touched = touchedDuringBuild
    touchedDuringBuild = []
    guard allKeys == nil else { return }
    partialAllKeys = nil
    // Taken, not shared: `followKeys` then changes the keys in place.
    allKeys = built.keys
    // Let go of here, so that the keys have one owner.
    built.keys = SearchKeys()
    keyNames = built.names
    followKeys(from: built.ids, touched: touched)
    showKeys()
  }

  /// Brings the rows built at data version `version` to `context`: the index and the search keys
  /// follow the problems the changes since touched (all of them again when that is unknown).
  mutating func update(builtAt version: Int, context: ScreenContext) {
    let touched = version == context.dataVersion ? [] : context.changes.touched(since: version)
    // A finished background build first catches up with the rows as they were; one still running
    // is told what these changes touched.
    takeFinishedKeys()
    if keysBuild != nil {
      if let touched = context.changes.touched(since: version) {
        touchedDuringBuild?.formUnion(touched)
      } else {
        touchedDuringBuild = nil
      }
    }
    let oldIDs = index.ids
    data = context.data
    language = context.language
    today = Int32(truncatingIfNeeded: context.today.daysSinceEpoch)
    index.follow(to: data, touched: touched)
    if let from = fromRecord { followSource(from, touched: touched) }
    followKeys(from: oldIDs, touched: touched)
    refreshPositions()
  }

  /// Keeps the problems of a jump's source record current.
  mutating func followSource(_ from: RecordRef, touched: Set<RecordRef>?) {
    guard let touched else {
      fromProblems = data.problems.values.filter { $0.source.ref == from }.map(\.id).sorted()
      return
    }
    for ref in touched where ref.kind == .problem {
      let id = ProblemID(raw: ref.raw)
      let isFrom = data.problems[id]?.source.ref == from
      switch (binarySearch(fromProblems, id), isFrom) {
      case (nil, true): fromProblems.append(id)
      case (let at?, false): fromProblems.remove(at: at)
      default: break
      }
    }
    fromProblems.sort()
  }

  /// Shows only the problems raised from `record` (nil: every problem); `problems` are its own.
  mutating func showOnly(from record: RecordRef?, problems: [ProblemID]) {
    fromRecord = record
    fromProblems = record == nil ? [] : problems.sorted()
    refreshPositions()
  }

  /// The rows again from the facets and the source record.
  mutating func refreshPositions() {
    var among: [Int32]?
    if fromRecord != nil { among = fromProblems.compactMap { binarySearch(index.ids, $0).map(Int32.init) } }
    positions = index.positions(matching: facets, among: among, today: today)
    keys = nil
    if allKeys != nil { showKeys() }
  }

  // MARK: RecordSource

  var rowCount: Int { positions.count }
  var recordCount: Int { index.count }

  func position(row: Int) -> Int? {
    guard row >= 0, row < positions.count else { return nil }
    return Int(positions[row])
  }

  func problem(row: Int) -> Problem? {
    guard let p = position(row: row) else { return nil }
    return data.problems[index.ids[p]]
  }

  func ref(row: Int) -> RecordRef {
    guard let p = position(row: row) else { return RecordRef(.problem, 0) }
    return RecordRef(index.ids[p])
  }

  func row(of ref: RecordRef) -> Int? {
    ref.kind == .problem ? row(of: ProblemID(raw: ref.raw)) : nil
  }

  func isArchived(row: Int) -> Bool { false }

  func facetOption(row: Int, facet: Int) -> Int? {
    guard let p = position(row: row), let which = ProblemFacet(rawValue: facet) else { return nil }
    return index.option(p, facet: which, today: today)
  }

  mutating func narrow(to filter: RecordFilter) -> Bool {
    if filter.facets != facets {
      facets = filter.facets
      refreshPositions()
    }
    return true
  }

  mutating func prepareSearchKeys(all: Bool) {
    if let build = keysBuild {
      // `/` waits for the rest of a build that is over half done; one less far along is left,
      // and the keys are built here, on a core of their own, sooner.
      if all {
        if build.fraction >= 0.5 { _ = build.hurry(seconds: 60) } else { build.cancel() }
      }
      takeFinishedKeys()
      if keysBuild != nil && !all { return }
      keysBuild?.cancel()
      keysBuild = nil
    }
    if all {
      buildKeys()
    } else if index.count >= Self.keysInBackgroundFrom {
      startKeysInBackground()
    } else {
      continueKeys(rows: Self.keysPerTick)
    }
  }

  var narrowing: String? {
    fromRecord.map {
      tr("problems.filter.source", language, tr($0.kind.nameKey, language), data.displayName(of: $0))
    }
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
    case .status: return FieldworkForm.asLabel(tr(problem.status.nameKey, language))
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
    tr("problems.kind.\(source.ref.kind)", language) + (language == .zh ? "·" : " · ")
      + data.displayName(of: source.ref)
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
    guard continueAllKeys(rows: budget) else { return false }
    showKeys()
    return true
  }

  /// Builds up to `budget` more rows of every problem's keys (`allKeys`); true once complete.
  mutating func continueAllKeys(rows budget: Int) -> Bool {
    if allKeys != nil { return true }
    if keyNames.language != language { keyNames = KeyNames(language: language) }
    var partial = partialAllKeys ?? SearchKeys()
    partialAllKeys = nil
    if partial.count == 0 { partial.reserve(rows: index.count, bytes: index.count * 64) }
    let end = index.count - partial.count > budget ? partial.count + budget : index.count
    for p in partial.count..<end {
      partial.append(keyText(position: p))
      if p == 2_000 { partial.reserveLikeSoFar(rows: index.count) }
    }
    guard partial.count == index.count else {
      partialAllKeys = partial
      return false
    }
    partial.fit()
    allKeys = partial
    return true
  }

  /// The keys of the rows shown, from every problem's keys (shared when no key filter is on).
  mutating func showKeys() {
    guard let all = allKeys, all.count == index.count else {
      keys = nil
      return
    }
    keys = positions.count == all.count ? all : all.gather(positions)
  }

  /// Carries every problem's keys over from the index of `oldIDs` to the current one: the problems
  /// `touched` removed, added or changed are re-keyed, the others keep their bytes. Without the
  /// touched records, after a rename of a name the keys hold, or in another language, the keys are
  /// dropped and built again when next needed. Call it after `data`, `index` and `language` are new.
  mutating func followKeys(from oldIDs: [ProblemID], touched: Set<RecordRef>?) {
    // Let go of every other reference first, so the buffer is changed in place, not copied.
    keys = nil
    partialAllKeys = nil
    var carried: SearchKeys?
    swap(&carried, &allKeys)
    guard let touched, keyNames.language == language, var all = consume carried, all.count == oldIDs.count
    else {
      keyNames = KeyNames(language: language)
      return
    }
    var problems: [ProblemID] = []
    for ref in touched {
      if ref.kind == .problem {
        problems.append(ProblemID(raw: ref.raw))
      } else if keyNames.isRenamed(ref, in: data) {
        keyNames = KeyNames(language: language)
        return
      }
    }
    problems.sort()
    // Gone: removed last first, so the places of the earlier ones stay put.
    for id in problems.reversed() where binarySearch(index.ids, id) == nil {
      if let old = binarySearch(oldIDs, id) { all.remove(row: old) }
    }
    // New: inserted first first, each at its place in ID order.
    for id in problems where binarySearch(oldIDs, id) == nil {
      if let p = binarySearch(index.ids, id) { all.insert(keyText(position: p), at: p) }
    }
    // Changed: the new key in place of the old one.
    for id in problems where binarySearch(oldIDs, id) != nil {
      if let p = binarySearch(index.ids, id) { all.replace(row: p, with: keyText(position: p)) }
    }
    if all.count == index.count { allKeys = all }
  }

  /// Names the keys repeat (statuses, departments, sources, members), each made once and kept, so
  /// that a change can tell whether a record it touched renamed something a key holds.
  struct KeyNames: Sendable, Equatable {
    var language: Language
    var statuses: [String]
    /// Shown names of departments and sources, by record.
    var names: [RecordRef: String] = [:]
    /// Names of the members who raised problems (nil: no such member).
    var members: [MemberID: String?] = [:]

    init(language: Language) {
      self.language = language
      statuses = ProblemStatus.allCases.map { FieldworkForm.asLabel(tr($0.nameKey, language)) }
    }

    mutating func name(_ ref: RecordRef, in data: CommitteeState) -> String {
      if let known = names[ref] { return known }
      let name = data.displayName(of: ref)
      names[ref] = name
      return name
    }

    mutating func member(_ id: MemberID, in data: CommitteeState) -> String? {
      if let known = members[id] { return known }
      let name = data.members[id]?.name
      members[id] = .some(name)
      return name
    }

    /// Whether a record's name as kept differs from its name in `data`.
    func isRenamed(_ ref: RecordRef, in data: CommitteeState) -> Bool {
      if let known = names[ref], known != data.displayName(of: ref) { return true }
      if ref.kind == .member, let known = members[MemberID(raw: ref.raw)],
        known != data.members[MemberID(raw: ref.raw)]?.name
      {
        return true
      }
      return false
    }
  }

  /// The text-filter key of the problem at index position `p`: title, status, department, source,
  /// who raised it.
  mutating func keyText(position p: Int) -> String {
    guard let problem = data.problems[index.ids[p]] else { return "" }
    let d = index.department[p]
    var key = problem.title
    key.reserveCapacity(key.utf8.count + 96)
    key += " "
    key += keyNames.statuses[Int(index.status[p])]
    key += " "
    key += d >= 0 ? keyNames.name(RecordRef(index.departments[Int(d)]), in: data) : ""
    key += " "
    key += keyNames.name(problem.source.ref, in: data)
    key += " "
    key += problem.raisedBy
    if let member = problem.raisedByMember.flatMap({ keyNames.member($0, in: data) }) {
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
