import Domain
import Foundation
import Localization

/// One thing wrong with an import: the file as a whole (line 0) or one row (its line in the file).
public struct ImportProblem: Equatable, Sendable {
  public var line: Int
  public var reason: Reason

  /// What is wrong; each has a message in Chinese and English in exchange.tsv.
  public enum Reason: Equatable, Sendable {
    case unreadable(DecodingError)
    case unclosedQuote
    case empty
    case noRows
    case noNameColumn
    case duplicateColumn(name: String, first: Int, second: Int)
    case unknownColumn(String)
    case tooManyFields(expected: Int, found: Int)
    case nameMissing
    case unknownSector(String)
    case unknownCommittee(String)
    case unknownStation(String)
    /// Several records of the registers have this name.
    case ambiguous(String)
    /// Two rows update the same member.
    case duplicateID(String, firstLine: Int)
    case archived(String)
    case badArchivedFlag(String)
    /// The phone column holds text that is not a phone number (the registers' form refuses it too).
    case badPhone(String)
    case badID(String)
    /// The Domain's rules refused the row (a check the import itself does not make).
    case refused(DomainError)
    /// A control character (NUL, Esc…) in a field; only notes may hold line breaks and tabs.
    case controlCharacter(column: String)
    /// The file is larger than an import takes at once.
    case fileTooLarge(bytes: Int, limit: Int)
    /// More rows than an import takes at once.
    case tooManyRows(found: Int, limit: Int)
    /// One field is longer than any real value.
    case fieldTooLong(column: String, bytes: Int, limit: Int)
  }

  public init(line: Int, reason: Reason) {
    self.line = line
    self.reason = reason
  }

  public func message(in language: Language) -> String {
    let text: String
    switch reason {
    case .unreadable(.invalidBytes(let encoding, let offset)):
      text = tr("exchange.import.invalidBytes", language, encoding.rawValue, String(offset))
    case .unreadable(.converterUnavailable): text = tr("exchange.import.noConverter", language)
    case .unclosedQuote: text = tr("exchange.import.unclosedQuote", language)
    case .empty: text = tr("exchange.import.empty", language)
    case .noRows: text = tr("exchange.import.noRows", language)
    case .noNameColumn: text = tr("exchange.import.noNameColumn", language)
    case .duplicateColumn(let name, let first, let second):
      text = tr("exchange.import.duplicateColumn", language, name, String(first), String(second))
    case .unknownColumn(let name): text = tr("exchange.import.unknownColumn", language, name)
    case .tooManyFields(let expected, let found):
      text = tr("exchange.import.tooManyFields", language, String(found), String(expected))
    case .nameMissing: text = tr("exchange.import.nameMissing", language)
    case .unknownSector(let name): text = tr("exchange.import.unknownSector", language, name)
    case .unknownCommittee(let name): text = tr("exchange.import.unknownCommittee", language, name)
    case .unknownStation(let name): text = tr("exchange.import.unknownStation", language, name)
    case .ambiguous(let name): text = tr("exchange.import.ambiguous", language, name)
    case .duplicateID(let id, let first):
      text = tr("exchange.import.duplicateID", language, id, String(first))
    case .archived(let name): text = tr("exchange.import.archived", language, name)
    case .badArchivedFlag(let value): text = tr("exchange.import.badArchivedFlag", language, value)
    case .badPhone(let value): text = tr("lead.import.badPhone", language, value)
    case .badID(let value): text = tr("exchange.import.badID", language, value)
    case .refused(let error): text = error.message(in: language)
    case .controlCharacter(let column): text = tr("robust.import.controlCharacter", language, column)
    case .fileTooLarge(let bytes, let limit):
      text = tr("robust.import.fileTooLarge", language, String(bytes >> 20), String(limit >> 20))
    case .tooManyRows(let found, let limit):
      text = tr("robust.import.tooManyRows", language, String(found), String(limit))
    case .fieldTooLong(let column, let bytes, let limit):
      text = tr("robust.import.fieldTooLong", language, column, String(bytes), String(limit))
    }
    // The message quotes the file's data: a control character in it must not act on the terminal.
    let safe = ControlCharacters.escaped(text)
    return line > 0 ? tr("exchange.import.line", language, String(line), safe) : safe
  }
}

/// Why nothing was imported: every problem found, in line order.
public struct ImportReport: Error, Equatable, Sendable {
  public var problems: [ImportProblem]

  public init(problems: [ImportProblem]) { self.problems = problems }

  /// A heading and one line per problem.
  public func message(in language: Language) -> String {
    ([tr("exchange.import.nothingImported", language, String(problems.count))]
      + problems.map { $0.message(in: language) }).joined(separator: "\n")
  }
}

/// How much one import takes: the whole file is one change (one journal record, all or nothing), so it
/// must stay well inside a record's 256 MiB and the memory of an office computer.
public enum ImportLimits {
  public static let fileBytes = 32 << 20
  public static let rows = 200_000
  public static let fieldBytes = 64 << 10
}

/// Reads members from a CSV file and returns them as one `Change.group` (all or nothing, one undo step),
/// or the report of every bad row when any row is bad.
///
/// Columns, by header (Chinese or English, in any order; only the name is required, unknown headers
/// are refused so that nothing is silently dropped):
/// - `姓名` / `name` — required on every row
/// - `界别` / `sector` — an existing sector's name
/// - `专委会` / `专门委员会` / `committee` — an existing special committee's name
/// - `工作站` / `委员工作站` / `stations` / `station` — station names separated by `；` `;` `、` or `|`
/// - `电话` / `联系电话` / `手机` / `phone`
/// - `备注` / `notes`
/// - `编号` / `id` — when it is the ID of a member of this store, that member is updated (columns not in
///   the file keep their values); otherwise the row adds a new member
/// - `已归档` / `归档` / `archived` — `是`/`否`, `true`/`false`, `yes`/`no`, `1`/`0`
///
/// The export of members (`export(state, kind: .members, format: .csv)`) writes exactly these columns,
/// so an exported file, or an empty register's header-only file used as a template, imports back.
/// The file may be UTF-8 (with or without BOM) or GB18030 (as Chinese Excel saves it); `.auto` takes
/// valid UTF-8 as UTF-8 and anything else as GB18030.
public func importMembers(
  data: Data, encoding: TextEncoding = .auto, state: CommitteeState
) -> Result<Change, ImportReport> {
  guard data.count <= ImportLimits.fileBytes else {
    return .failure(
      ImportReport(
        problems: [
          ImportProblem(line: 0, reason: .fileTooLarge(bytes: data.count, limit: ImportLimits.fileBytes))
        ]
      ))
  }
  let text: String
  do {
    text = try encoding.decode(data)
  } catch {
    // The line of the first bad byte, so that it can be found in an editor.
    var line = 0
    if case .invalidBytes(_, let offset) = error {
      line = 1 + data.prefix(offset).reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
    return .failure(ImportReport(problems: [ImportProblem(line: line, reason: .unreadable(error))]))
  }
  let rows: [CSV.Row]
  do {
    rows = try CSV.read(text)
  } catch {
    switch error {
    case .unclosedQuote(let line):
      return .failure(ImportReport(problems: [ImportProblem(line: line, reason: .unclosedQuote)]))
    }
  }
  guard let header = rows.first else {
    return .failure(ImportReport(problems: [ImportProblem(line: 0, reason: .empty)]))
  }
  let columns: [Int: MemberColumn]
  switch MemberHeader.parse(header) {
  case .success(let parsed): columns = parsed
  case .failure(let report): return .failure(report)
  }
  let body = rows.dropFirst()
  guard !body.isEmpty else {
    return .failure(ImportReport(problems: [ImportProblem(line: 0, reason: .noRows)]))
  }
  guard body.count <= ImportLimits.rows else {
    return .failure(
      ImportReport(
        problems: [ImportProblem(line: 0, reason: .tooManyRows(found: body.count, limit: ImportLimits.rows))])
    )
  }
  var reader = MemberRowReader(state: state, columns: columns, width: header.fields.count)
  reader.headerNames = header.fields.map { ControlCharacters.escaped($0) }
  var changes: [Change] = []
  var lines: [Int] = []
  var problems: [ImportProblem] = []
  for row in body {
    switch reader.member(from: row) {
    case .success(let member):
      changes.append(.putMember(member))
      lines.append(row.line)
    case .failure(let rowReport): problems += rowReport.problems
    }
  }
  guard problems.isEmpty else { return .failure(ImportReport(problems: problems)) }
  // A dry run through the Domain rules catches anything the row checks above do not know about.
  let group = Change.group(changes)
  do {
    _ = try apply(group, to: state, actor: .staff("import", .admin), now: Date(timeIntervalSince1970: 0))
  } catch {
    var line = 0
    var inner = error
    if case .inGroup(let index, let cause) = error {
      line = index < lines.count ? lines[index] : 0
      inner = cause
    }
    return .failure(ImportReport(problems: [ImportProblem(line: line, reason: .refused(inner))]))
  }
  return .success(group)
}

enum MemberHeader {
  static let aliases: [String: MemberColumn] = [
    "id": .id, "编号": .id,
    "name": .name, "姓名": .name, "名字": .name, "委员姓名": .name,
    "sector": .sector, "界别": .sector,
    "committee": .committee, "specialcommittee": .committee, "专委会": .committee, "专门委员会": .committee,
    "stations": .stations, "station": .stations, "工作站": .stations, "委员工作站": .stations,
    "phone": .phone, "telephone": .phone, "mobile": .phone, "电话": .phone, "联系电话": .phone, "手机": .phone,
    "notes": .notes, "note": .notes, "备注": .notes,
    "archived": .archived, "已归档": .archived, "归档": .archived,
  ]

  static func normalized(_ header: String) -> String {
    header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "_", with: "")
  }

  /// Field index → column; empty header cells are ignored.
  static func parse(_ header: CSV.Row) -> Result<[Int: MemberColumn], ImportReport> {
    var columns: [Int: MemberColumn] = [:]
    var seen: [MemberColumn: Int] = [:]
    var problems: [ImportProblem] = []
    for (index, raw) in header.fields.enumerated() {
      let key = normalized(raw)
      if key.isEmpty { continue }
      guard let column = aliases[key] else {
        problems.append(ImportProblem(line: header.line, reason: .unknownColumn(raw)))
        continue
      }
      if let first = seen[column] {
        problems.append(
          ImportProblem(
            line: header.line, reason: .duplicateColumn(name: raw, first: first + 1, second: index + 1)))
        continue
      }
      seen[column] = index
      columns[index] = column
    }
    if seen[.name] == nil { problems.append(ImportProblem(line: header.line, reason: .noNameColumn)) }
    return problems.isEmpty ? .success(columns) : .failure(ImportReport(problems: problems))
  }
}

/// Turns rows into members, looking names up once.
struct MemberRowReader {
  let state: CommitteeState
  let columns: [Int: MemberColumn]
  let width: Int
  var sectors: [String: [Sector]] = [:]
  var committees: [String: [SpecialCommittee]] = [:]
  var stations: [String: [Station]] = [:]
  var added: UInt64 = 0
  /// Lines of the rows that update each existing member, to catch a member updated twice.
  var updatedOn: [MemberID: Int] = [:]

  /// The header's own words, to name a column in messages.
  var headerNames: [String] = []

  init(state: CommitteeState, columns: [Int: MemberColumn], width: Int) {
    self.state = state
    self.columns = columns
    self.width = width
    for sector in state.sectors.values { sectors[sector.name, default: []].append(sector) }
    for committee in state.specialCommittees.values {
      committees[committee.name, default: []].append(committee)
    }
    for station in state.stations.values { stations[station.name, default: []].append(station) }
  }

  /// Of several records with one name, the ones in use (not archived), or all when all are archived.
  static func candidates<T: Archivable>(_ records: [T]) -> [T] {
    let active = records.filter { !$0.archived }
    return active.isEmpty ? records : active
  }

  mutating func member(from row: CSV.Row) -> Result<Member, ImportReport> {
    var problems: [ImportProblem] = []
    func fail(_ reason: ImportProblem.Reason) {
      problems.append(ImportProblem(line: row.line, reason: reason))
    }
    let extra = row.fields.dropFirst(width)
    if extra.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      fail(.tooManyFields(expected: width, found: row.fields.count))
    }
    var values: [MemberColumn: String] = [:]
    for (index, column) in columns where index < row.fields.count {
      let field = row.fields[index]
      let name = index < headerNames.count ? headerNames[index] : "\(column)"
      if field.utf8.count > ImportLimits.fieldBytes {
        fail(.fieldTooLong(column: name, bytes: field.utf8.count, limit: ImportLimits.fieldBytes))
      }
      // NUL and escape sequences have no place in a register; a name is one line, other fields
      // may keep line breaks and tabs (notes, a list of stations).
      let allowed: Set<Unicode.Scalar> = column == .name ? [] : ["\n", "\r", "\t"]
      if field.unicodeScalars.contains(where: { ControlCharacters.isControl($0) && !allowed.contains($0) }) {
        fail(.controlCharacter(column: name))
      }
      values[column] = field.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    var existing: Member? = nil
    if let idText = values[.id], !idText.isEmpty {
      if let raw = UInt64(idText) {
        existing = state.members[MemberID(raw: raw)]
        if let existing {
          if let first = updatedOn[existing.id] {
            fail(.duplicateID(idText, firstLine: first))
          } else {
            updatedOn[existing.id] = row.line
          }
        }
      } else {
        fail(.badID(idText))
      }
    }
    var member = existing ?? Member(id: MemberID(raw: 0), name: "")
    let name = values[.name] ?? ""
    if name.isEmpty { fail(.nameMissing) }
    member.name = name
    if let text = values[.sector] {
      member.sector = nil
      if !text.isEmpty {
        let found = Self.candidates(sectors[text] ?? [])
        if found.count > 1 {
          fail(.ambiguous(text))
        } else if let sector = found.first {
          if sector.archived && existing?.sector != sector.id { fail(.archived(text)) }
          member.sector = sector.id
        } else {
          fail(.unknownSector(text))
        }
      }
    }
    if let text = values[.committee] {
      member.specialCommittee = nil
      if !text.isEmpty {
        let found = Self.candidates(committees[text] ?? [])
        if found.count > 1 {
          fail(.ambiguous(text))
        } else if let committee = found.first {
          if committee.archived && existing?.specialCommittee != committee.id { fail(.archived(text)) }
          member.specialCommittee = committee.id
        } else {
          fail(.unknownCommittee(text))
        }
      }
    }
    if let text = values[.stations] {
      member.stations = []
      let separators = CharacterSet(charactersIn: "；;、|")
      for part in text.components(separatedBy: separators) {
        let stationName = part.trimmingCharacters(in: .whitespacesAndNewlines)
        if stationName.isEmpty { continue }
        let found = Self.candidates(stations[stationName] ?? [])
        if found.count > 1 {
          fail(.ambiguous(stationName))
        } else if let station = found.first {
          if station.archived && !(existing?.stations.contains(station.id) ?? false) {
            fail(.archived(stationName))
          }
          member.stations.append(station.id)
        } else {
          fail(.unknownStation(stationName))
        }
      }
    }
    if let phone = values[.phone] {
      if phone.isEmpty || PhoneNumber.isValid(phone) { member.phone = phone } else { fail(.badPhone(phone)) }
    }
    if let notes = values[.notes] { member.notes = notes }
    if let flag = values[.archived] {
      switch flag.lowercased() {
      case "": break
      case "是", "true", "yes", "1", "y": member.archived = true
      case "否", "false", "no", "0", "n": member.archived = false
      default: fail(.badArchivedFlag(flag))
      }
    }
    guard problems.isEmpty else { return .failure(ImportReport(problems: problems)) }
    if existing == nil {
      member.id = state.newID(offset: added)
      added += 1
    }
    return .success(member)
  }
}
