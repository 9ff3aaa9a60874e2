import Domain
import Localization
import TerminalCore
import Widgets

/// The rows of one register as a table source: the record IDs in display order (the stations as
/// their tree), built once, then carried through each change by the records it touched
/// (`follow`); cell texts are made only for the rows drawn.
struct RegisterRows: RecordSource {
  let kind: RegisterKind
  private(set) var data: CommitteeState
  let language: Language
  /// Whether archived records are among the rows (the kit's lists always have them).
  let showArchived: Bool
  /// Raw IDs of the records shown, in display order.
  private(set) var ids: [UInt64] = []
  /// Whether each row's record is archived, by row: the kit asks for every row each time it
  /// filters, which must not look every record up in the store's maps.
  private(set) var archived: [Bool] = []
  /// For stations: the depth in the tree (0 hall, 1 street station, 2 community room).
  private(set) var depths: [UInt8] = []
  /// Per record, a count shown in a column (members of a sector, problems of a department …).
  private(set) var counts: [UInt64: Int] = [:]
  private(set) var searchKeys: SearchKeys?

  /// The search keys being built on another thread (a large register); nil: none.
  private(set) var keysBuild: RowKeysBuild.Handle?
  /// The records whose rows came, went or were keyed again since `keysBuild` started: their keys
  /// are made again when the build's keys are taken in.
  private(set) var relistedSinceKeysBuild: Set<UInt64> = []

  /// From how many rows a register's search keys are built on another thread rather than with its
  /// rows (the members of a large committee: their keys were most of the register's first visit).
  static let keysInBackgroundFrom = 5_000

  init(
    kind: RegisterKind, data: CommitteeState, language: Language, showArchived: Bool,
    keysInBackgroundFrom: Int = RegisterRows.keysInBackgroundFrom, gate: BackgroundGate = .app
  ) {
    self.kind = kind
    self.data = data
    self.language = language
    self.showArchived = showArchived
    switch kind {
    case .members: list(data.members)
    case .sectors:
      list(data.sectors)
      // Read in their boxes: copying fifty thousand members out was most of the pass.
      for box in data.members.storage.values where !box.value.archived {
        if let sector = box.value.sector { counts[sector.raw, default: 0] += 1 }
      }
    case .committees:
      list(data.specialCommittees)
      for box in data.members.storage.values where !box.value.archived {
        if let committee = box.value.specialCommittee { counts[committee.raw, default: 0] += 1 }
      }
    case .stations:
      buildStationTree(showArchived: showArchived)
      archived = ids.map { data.stations[StationID(raw: $0)]?.archived ?? false }
      for box in data.members.storage.values where !box.value.archived {
        for station in box.value.stations { counts[station.raw, default: 0] += 1 }
      }
    case .departments:
      list(data.departments)
      for (department, problems) in data.problemsByDepartment { counts[department.raw] = problems.count }
    case .rivers:
      list(data.rivers)
      for box in data.patrols.storage.values { counts[box.value.river.raw, default: 0] += 1 }
    case .regions:
      list(data.partnerRegions)
      for box in data.consultations.storage.values {
        for region in box.value.details.partnerRegions { counts[region.raw, default: 0] += 1 }
      }
    case .teams: list(data.supervisionTeams)
    case .staff: list(data.staffAccounts)
    }
    // A large members register shows at once; its keys, which `/` alone needs, follow from
    // another thread (the other registers' keys read their rows' depth and counts: made here).
    if kind == .members && ids.count >= keysInBackgroundFrom {
      let refs = ids.map { RecordRef(.member, $0) }
      let cells = RowCells { ref in Self.memberCells(ref.raw, data: data, language: language) }
      keysBuild = RowKeysBuild.Handle(RowKeysBuild(refs: refs, cells: cells, gate: gate))
    } else {
      searchKeys = makeKeys()
    }
  }

  /// The IDs of a table's records in order and whether each is archived, read in their boxes (a
  /// record copied out of its box for one flag costs its strings and arrays).
  private mutating func list<T: Archivable>(_ table: RecordTable<T>) {
    var entries: [(raw: UInt64, archived: Bool)] = []
    entries.reserveCapacity(table.count)
    for (id, box) in table.storage {
      let archived = box.value.archived
      if showArchived || !archived { entries.append((id.raw, archived)) }
    }
    entries.sort { $0.raw < $1.raw }
    ids = entries.map(\.raw)
    archived = entries.map(\.archived)
  }

  /// Every row's search key, made now.
  private func makeKeys() -> SearchKeys {
    var keys = SearchKeys()
    keys.reserve(rows: ids.count, bytes: ids.count * 40)
    // The names of sectors, committees and stations repeat from member to member: each is looked
    // up once for the whole register.
    var names: [RecordRef: String] = [:]
    for row in ids.indices { keys.append(key(row: row, names: &names)) }
    return keys
  }

  /// A member's cells as the members register shows them (what its search key joins).
  static func memberCells(_ raw: UInt64, data: CommitteeState, language: Language) -> [String] {
    guard let box = data.members.storage[ID(raw: raw)] else { return [] }
    let m = box.value
    func name(_ ref: RecordRef) -> String { data.displayName(of: ref) }
    return [
      m.name + (m.archived ? tr("registers.archivedMark", language) : ""),
      m.sector.map { name(RecordRef($0)) } ?? "",
      m.specialCommittee.map { name(RecordRef($0)) } ?? "",
      m.stations.map { name(RecordRef($0)) }.joined(separator: "、"),
      m.phone,
    ]
  }

  // MARK: Search keys built in the background

  /// Whether the search keys are still being built on another thread.
  var keysPending: Bool { searchKeys == nil && keysBuild != nil }

  /// Takes in the keys of a finished background build: the rows carried since keep its keys, those
  /// of the records relisted meanwhile (and rows new since) are made now.
  mutating func takeFinishedKeys() {
    guard searchKeys == nil, let handle = keysBuild, let (builtRefs, built) = handle.build.result else {
      return
    }
    keysBuild = nil
    let relisted = relistedSinceKeysBuild
    relistedSinceKeysBuild = []
    if relisted.isEmpty && builtRefs.count == ids.count
      && zip(builtRefs, ids).allSatisfy({ $0.raw == $1 })
    {
      searchKeys = built
      return
    }
    let rows = self
    searchKeys = RowKeysBuild.carry(built, builtRows: builtRefs.lazy.map(\.raw), to: ids, relisted: relisted)
    {
      rows.key(row: $0)
    }
  }

  /// On an idle tick a finished build is taken in; at `/` a build over half done is waited for,
  /// one less far along is given up and the keys are made at once.
  mutating func prepareSearchKeys(all: Bool) {
    guard searchKeys == nil else { return }
    takeFinishedKeys()
    guard searchKeys == nil, all else { return }
    if let handle = keysBuild, handle.build.fraction >= 0.5, handle.build.hurry(seconds: 60) {
      takeFinishedKeys()
      if searchKeys != nil { return }
    }
    keysBuild = nil
    relistedSinceKeysBuild = []
    searchKeys = makeKeys()
  }

  static func == (lhs: RegisterRows, rhs: RegisterRows) -> Bool {
    lhs.kind == rhs.kind && lhs.language == rhs.language && lhs.showArchived == rhs.showArchived
      && lhs.ids == rhs.ids && lhs.archived == rhs.archived && lhs.depths == rhs.depths
      && lhs.counts == rhs.counts && lhs.searchKeys == rhs.searchKeys && lhs.keysBuild === rhs.keysBuild
      && lhs.data == rhs.data
  }

  /// A row's search key: its cells' texts.
  func key(row: Int) -> String {
    var names: [RecordRef: String] = [:]
    return key(row: row, names: &names)
  }

  /// A row's search key, with the names of other records kept in `names` as they are read.
  func key(row: Int, names: inout [RecordRef: String]) -> String {
    guard kind == .members else {
      return (0..<Self.columnKeys(kind).count).map { text(row: row, column: $0) }.joined(separator: " ")
    }
    // The members' cells as `text` makes them, from one look-up of the member.
    guard ids.indices.contains(row), let m = data.members[ID(raw: ids[row])] else { return "    " }
    func name(_ ref: RecordRef) -> String {
      if let known = names[ref] { return known }
      let made = data.displayName(of: ref)
      names[ref] = made
      return made
    }
    var key = m.name + archivedSuffix(m.archived)
    key += " "
    key += m.sector.map { name(RecordRef($0)) } ?? ""
    key += " "
    key += m.specialCommittee.map { name(RecordRef($0)) } ?? ""
    key += " "
    key += m.stations.map { name(RecordRef($0)) }.joined(separator: "、")
    key += " "
    key += m.phone
    return key
  }

  // MARK: Following changes

  /// Carries the rows to `newData`, given every record touched since they were built: the
  /// register's own records touched come, go or are keyed again, the counts take out what each
  /// touched record counted before and put in what it counts now, and only the rows whose count
  /// moved are keyed again, so a change costs its records, not the register. False when the rows
  /// must be built anew instead: a name other rows show was changed, or a station came, went or
  /// moved in the tree.
  mutating func follow(to newData: CommitteeState, touched: Set<RecordRef>) -> Bool {
    let old = data
    let own = kind.recordKind
    let named = Self.namedKinds(kind)
    // A record that comes or goes is shown in other rows only through records the same change
    // touched (a new convener's sector), which are keyed again below; a rename shows everywhere.
    for ref in touched where named.contains(ref.kind) {
      if let before = old.value(of: ref), let after = newData.value(of: ref),
        before.displayName != after.displayName
      {
        return false
      }
    }
    // Rows left out (archived ones) would have to be told apart; the kit's lists keep them all.
    guard showArchived else { return false }
    // A station that comes, goes or moves under another parent reshapes the tree.
    if kind == .stations {
      for ref in touched where ref.kind == .station {
        let before = old.stations[StationID(raw: ref.raw)]
        let after = newData.stations[StationID(raw: ref.raw)]
        if before == nil || after == nil || before?.parent != after?.parent { return false }
      }
    }
    // Let go of the stored keys first, so that they are changed in place, not copied. Keys still
    // being built are left to the build: the rows relisted here are noted, and keyed again when
    // its keys are taken in.
    var carried: SearchKeys?
    swap(&carried, &searchKeys)
    var keys = consume carried
    if let built = keys, built.count != ids.count { return false }
    if keys == nil && keysBuild == nil { return false }
    data = newData
    var recounted: Set<UInt64> = []
    for ref in touched {
      for raw in Self.counted(ref, in: old, by: kind) {
        let next = (counts[raw] ?? 0) - 1
        counts[raw] = next == 0 ? nil : next
        recounted.insert(raw)
      }
      for raw in Self.counted(ref, in: newData, by: kind) {
        counts[raw, default: 0] += 1
        recounted.insert(raw)
      }
    }
    let mine = touched.filter { $0.kind == own }.map(\.raw).sorted()
    // Gone: removed last first, so the places of the earlier ones stay put.
    for raw in mine.reversed() where newData.value(of: RecordRef(own, raw)) == nil {
      if let row = row(of: raw) {
        ids.remove(at: row)
        archived.remove(at: row)
        keys?.remove(row: row)
      }
    }
    // New: each at its place in ID order (a new station never comes here: see above).
    for raw in mine where newData.value(of: RecordRef(own, raw)) != nil && row(of: raw) == nil {
      let place = insertionPoint(raw)
      ids.insert(raw, at: place)
      archived.insert(false, at: place)
      keys?.insert(key(row: place), at: place)
    }
    for raw in mine {
      if let row = row(of: raw) { archived[row] = newData.isArchived(RecordRef(own, raw)) }
    }
    // Changed, or their count moved: the new key in place of the old one.
    let rekeyed = recounted.union(mine)
    if keys == nil {
      relistedSinceKeysBuild.formUnion(rekeyed)
    } else {
      for raw in rekeyed {
        if let row = row(of: raw) { keys?.replace(row: row, with: key(row: row)) }
      }
    }
    searchKeys = keys
    return true
  }

  /// The kinds whose names a register's cells show (a member's sector, a sector's conveners …).
  static func namedKinds(_ kind: RegisterKind) -> Set<RecordKind> {
    switch kind {
    case .members: return [.sector, .specialCommittee, .station]
    case .sectors, .teams: return [.member]
    case .committees, .stations, .departments, .rivers, .regions, .staff: return []
    }
  }

  /// The records of the register a record counts one for in its count column, as `init` counts.
  static func counted(_ ref: RecordRef, in data: CommitteeState, by kind: RegisterKind) -> [UInt64] {
    switch (kind, ref.kind) {
    case (.sectors, .member):
      guard let member = data.members[ID(raw: ref.raw)], !member.archived else { return [] }
      return member.sector.map { [$0.raw] } ?? []
    case (.committees, .member):
      guard let member = data.members[ID(raw: ref.raw)], !member.archived else { return [] }
      return member.specialCommittee.map { [$0.raw] } ?? []
    case (.stations, .member):
      guard let member = data.members[ID(raw: ref.raw)], !member.archived else { return [] }
      return member.stations.map(\.raw)
    case (.departments, .problem):
      return data.problems[ID(raw: ref.raw)]?.department.map { [$0.raw] } ?? []
    case (.rivers, .patrol):
      return data.patrols[ID(raw: ref.raw)].map { [$0.river.raw] } ?? []
    case (.regions, .consultation):
      return data.consultations[ID(raw: ref.raw)]?.details.partnerRegions.map(\.raw) ?? []
    default:
      return []
    }
  }

  /// Where `raw` goes among the IDs in order.
  private func insertionPoint(_ raw: UInt64) -> Int {
    var low = 0
    var high = ids.count
    while low < high {
      let mid = (low + high) / 2
      if ids[mid] < raw { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Halls first, each followed by its street stations and their community rooms, in ID order.
  private mutating func buildStationTree(showArchived: Bool) {
    var children: [UInt64: [UInt64]] = [:]
    var roots: [UInt64] = []
    for station in data.stations.values where showArchived || !station.archived {
      if let parent = station.parent, data.stations[parent] != nil {
        children[parent.raw, default: []].append(station.id.raw)
      } else {
        roots.append(station.id.raw)
      }
    }
    var stack: [(UInt64, UInt8)] = roots.sorted(by: >).map { ($0, 0) }
    while let (raw, depth) = stack.popLast() {
      ids.append(raw)
      depths.append(depth)
      for child in (children[raw] ?? []).sorted(by: >) { stack.append((child, min(depth + 1, 2))) }
    }
  }

  var rowCount: Int { ids.count }

  func ref(row: Int) -> RecordRef { RecordRef(kind.recordKind, ids[row]) }

  func row(of ref: RecordRef) -> Int? { ref.kind == kind.recordKind ? row(of: ref.raw) : nil }

  func isArchived(row: Int) -> Bool { archived.indices.contains(row) && archived[row] }

  func facetOption(row: Int, facet: Int) -> Int? { nil }

  /// The display row of a record, if shown.
  func row(of raw: UInt64) -> Int? {
    if kind == .stations { return ids.firstIndex(of: raw) }
    guard let index = binarySearch(raw) else { return nil }
    return index
  }

  private func binarySearch(_ raw: UInt64) -> Int? {
    let low = insertionPoint(raw)
    return low < ids.count && ids[low] == raw ? low : nil
  }

  // MARK: Columns

  static func columnKeys(_ kind: RegisterKind) -> [String] {
    switch kind {
    case .members: return ["fullName", "sector", "committee", "stations", "phone"]
    case .sectors: return ["name", "leadUnit", "conveners", "memberCount", "haves"]
    case .committees: return ["name", "memberCount"]
    case .stations: return ["name", "level", "head", "memberCount"]
    case .departments: return ["name", "contact", "problemCount"]
    case .rivers: return ["name", "segmentCount", "segments", "patrolCount"]
    case .regions: return ["name", "consultationCount"]
    case .teams: return ["theme", "memberCount", "members"]
    case .staff: return ["userName", "displayName", "role"]
    }
  }

  static func columns(_ kind: RegisterKind, language: Language) -> [TableColumn] {
    columnKeys(kind).map { key in
      let title = tr("registers.column.\(key)", language)
      switch key {
      case "name", "theme": return TableColumn(title, width: .flex(2, min: 10))
      case "fullName": return TableColumn(title, width: .flex(2, min: 8))
      case "sector", "committee", "stations": return TableColumn(title, width: .flex(3, min: 6))
      case "memberCount", "problemCount", "segmentCount", "patrolCount", "consultationCount":
        return TableColumn(title, width: .fixed(max(6, title.displayWidth)), alignment: .right)
      case "haves": return TableColumn(title, width: .fixed(max(6, title.displayWidth)), alignment: .right)
      case "phone": return TableColumn(title, width: .fixed(11))
      case "level", "role": return TableColumn(title, width: .flex(1, min: 8))
      default: return TableColumn(title, width: .flex(1, min: 6))
      }
    }
  }

  // MARK: Cells

  func name(_ ref: RecordRef) -> String { data.displayName(of: ref) }

  func names<T: Record>(_ ids: [ID<T>]) -> String {
    ids.map { name(RecordRef($0)) }.joined(separator: "、")
  }

  func archivedSuffix(_ archived: Bool) -> String {
    archived ? tr("registers.archivedMark", language) : ""
  }

  func text(row: Int, column: Int) -> String {
    guard ids.indices.contains(row) else { return "" }
    let raw = ids[row]
    let count = counts[raw].map(String.init) ?? "0"
    switch kind {
    case .members:
      guard let m = data.members[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return m.name + archivedSuffix(m.archived)
      case 1: return m.sector.map { name(RecordRef($0)) } ?? ""
      case 2: return m.specialCommittee.map { name(RecordRef($0)) } ?? ""
      case 3: return names(m.stations)
      default: return m.phone
      }
    case .sectors:
      guard let s = data.sectors[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return s.name + archivedSuffix(s.archived)
      case 1: return s.leadUnit
      case 2: return names(s.conveners)
      case 3: return count
      default: return "\(SixHaves.allCases.count - s.missingHaves.count)/\(SixHaves.allCases.count)"
      }
    case .committees:
      guard let c = data.specialCommittees[ID(raw: raw)] else { return "" }
      return column == 0 ? c.name + archivedSuffix(c.archived) : count
    case .stations:
      guard let s = data.stations[ID(raw: raw)] else { return "" }
      switch column {
      case 0:
        let depth = row < depths.count ? Int(depths[row]) : 0
        let indent = depth == 0 ? "" : String(repeating: "  ", count: depth - 1) + "└ "
        return indent + s.name + archivedSuffix(s.archived)
      case 1: return tr(s.level.nameKey, language)
      case 2: return s.head
      default: return count
      }
    case .departments:
      guard let d = data.departments[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return d.name + archivedSuffix(d.archived)
      case 1: return d.contact
      default: return count
      }
    case .rivers:
      guard let r = data.rivers[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return r.name + archivedSuffix(r.archived)
      case 1: return String(r.segments.count)
      case 2: return r.segments.joined(separator: "、")
      default: return count
      }
    case .regions:
      guard let r = data.partnerRegions[ID(raw: raw)] else { return "" }
      return column == 0 ? r.name + archivedSuffix(r.archived) : count
    case .teams:
      guard let t = data.supervisionTeams[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return t.theme + archivedSuffix(t.archived)
      case 1: return String(t.members.count)
      default: return names(t.members)
      }
    case .staff:
      guard let a = data.staffAccounts[ID(raw: raw)] else { return "" }
      switch column {
      case 0: return a.userName + archivedSuffix(a.archived)
      case 1: return a.displayName
      default: return tr(a.role.nameKey, language)
      }
    }
  }

  func mark(row: Int) -> RowMark? {
    guard ids.indices.contains(row), isArchived(row: row) else { return nil }
    return RowMark(marker: "-", role: .dim)
  }
}
