import Domain
import Foundation
import Localization
import Widgets

/// The facets the list can be narrowed by besides the free text: step, station (with every
/// station under it), format and year of the meeting (or of the first step when none was held).
struct ConsultationFacets: Equatable, Sendable {
  /// The next step still to do; `finished` for consultations with every step done.
  enum StepFacet: Equatable, Sendable {
    case step(ConsultationStep)
    case finished
  }
  var step: StepFacet?
  var station: StationID?
  /// The name of the format (`ConsultationFormat` holds free text for `other`).
  var format: String?
  var year: Int?

  var isEmpty: Bool { step == nil && station == nil && format == nil && year == nil }
}

/// One row's cells, computed only for the rows drawn (and once per data version for the keys).
struct ConsultationRow {
  static let columnCount = 6
  static let utc = TimeZone(secondsFromGMT: 0) ?? .current

  static func title(_ c: Consultation, _ language: Language) -> String {
    c.details.kind == .crossRegional
      ? tr("consultations.crossTitle", language, c.details.title) : c.details.title
  }

  static func station(_ c: Consultation, data: CommitteeState, language: Language) -> String {
    if let station = c.details.station { return data.displayName(of: RecordRef(station)) }
    if let meeting = c.meeting, !meeting.place.isEmpty { return meeting.place }
    return tr("consultations.noStation", language)
  }

  /// ●●●○○○: the steps done, then those to do.
  static func progress(_ c: Consultation) -> String {
    let total = c.details.kind.steps.count
    let done = min(c.completed.count, total)
    return String(repeating: "●", count: done) + String(repeating: "○", count: total - done)
  }

  static func problemCounts(_ c: Consultation, data: CommitteeState, indexes: SharedIndexes) -> (
    raised: Int, solved: Int
  ) {
    let problems = indexes.problems(from: .consultation(c.id), in: data)
    return (problems.count, problems.filter { $0.status == .closed }.count)
  }

  static func problems(_ c: Consultation, data: CommitteeState, indexes: SharedIndexes) -> String {
    let (raised, solved) = problemCounts(c, data: data, indexes: indexes)
    return "\(raised)/\(solved)"
  }

  /// The year a consultation belongs to: its meeting's, else the year its first step was done.
  static func year(_ c: Consultation) -> Int? {
    if let meeting = c.meeting { return meeting.date.year }
    guard let first = c.completed.first else { return nil }
    return Day(first.at, ConsultationRow.utc).year
  }
}

/// The consultation list over an array of IDs rebuilt once per data version; cells are made
/// only for the rows in view, search keys once per rebuild.
struct ConsultationListSource: TableDataSource, Sendable, Equatable {
  var ids: [ConsultationID] = []
  var data = CommitteeState()
  var language: Language = .zh
  /// The shell's indexes of this data version: a row's problem counts read them (never a scan).
  var indexes = SharedIndexes()
  private(set) var searchKeys: SearchKeys?

  init() {}

  init(data: CommitteeState, indexes: SharedIndexes, language: Language, facets: ConsultationFacets) {
    self.data = data
    self.indexes = indexes
    self.language = language
    var allowedStations: Set<StationID>?
    if let station = facets.station { allowedStations = data.stationAndDescendants(station) }
    var ids: [ConsultationID] = []
    ids.reserveCapacity(data.consultations.count)
    for c in data.consultations.values {
      if let step = facets.step {
        switch step {
        case .finished: if !c.isFinished { continue }
        case .step(let s): if c.nextStep != s { continue }
        }
      }
      if let allowedStations {
        guard let station = c.details.station, allowedStations.contains(station) else { continue }
      }
      if let format = facets.format, c.details.format.name(in: language) != format { continue }
      if let year = facets.year, ConsultationRow.year(c) != year { continue }
      ids.append(c.id)
    }
    // The map iterates in hash order, which changes from run to run: the list is in ID order.
    ids.sort()
    self.ids = ids
    var keys = SearchKeys()
    keys.reserve(rows: ids.count, bytes: ids.count * 64)
    for id in ids {
      guard let c = data.consultations[id] else {
        keys.append("")
        continue
      }
      let next = c.nextStep.map { tr($0.nameKey, language) } ?? ""
      keys.append(
        [
          ConsultationRow.title(c, language), ConsultationRow.station(c, data: data, language: language),
          c.details.format.name(in: language), next, c.meeting?.date.description ?? "",
        ].joined(separator: " "))
    }
    searchKeys = keys
  }

  var rowCount: Int { ids.count }

  func consultation(row: Int) -> Consultation? {
    guard row >= 0, row < ids.count else { return nil }
    return data.consultations[ids[row]]
  }

  func text(row: Int, column: Int) -> String {
    guard let c = consultation(row: row) else { return "" }
    switch column {
    case 0: return ConsultationRow.title(c, language)
    case 1: return ConsultationRow.station(c, data: data, language: language)
    case 2: return c.details.format.name(in: language)
    case 3: return ConsultationRow.progress(c)
    case 4: return c.meeting?.date.description ?? ""
    case 5: return ConsultationRow.problems(c, data: data, indexes: indexes)
    default: return ""
    }
  }

  func mark(row: Int) -> RowMark? {
    guard let c = consultation(row: row), c.details.kind == .crossRegional else { return nil }
    return RowMark(marker: "X", role: .accent)
  }

  /// Progress and problem counts sort by number, not by their text.
  func sortedRows(column: Int, ascending: Bool) -> [Int32]? {
    guard column == 3 || column == 5 else { return nil }
    let keys: [Double] = ids.map { id in
      guard let c = data.consultations[id] else { return 0 }
      if column == 3 { return Double(c.completed.count) / Double(max(1, c.details.kind.steps.count)) }
      let counts = ConsultationRow.problemCounts(c, data: data, indexes: indexes)
      return Double(counts.raised) * 100_000 + Double(counts.solved)
    }
    var order = (0..<ids.count).map { Int32($0) }
    order.sort { a, b in
      let ka = keys[Int(a)]
      let kb = keys[Int(b)]
      if ka == kb { return a < b }
      return (ka < kb) == ascending
    }
    return order
  }
}
