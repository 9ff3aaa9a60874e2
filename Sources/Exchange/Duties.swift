import Domain
import Foundation
import Localization

/// The formats the duties export writes.
public enum DutiesFormat: String, CaseIterable, Sendable {
  case csv, md
}

/// One line of the duties export: a sector's duty in a quarter (or in the whole year), whether it
/// was done, by the activity of which day, and whether it is overdue.
public struct DutyRow: Equatable, Sendable {
  public var sector: String
  /// 1–4, or nil for a yearly duty.
  public var quarter: Int?
  public var duty: String
  public var done: Bool
  public var date: Day?
  public var overdue: Bool
}

/// Every active sector's duties of `year`: each quarter's study and inspection or fellowship, then the
/// year's collective proposal and each member's outreach talk, sectors in ID order.
public func dutyRows(_ state: CommitteeState, year: Int, today: Day, language: Language) -> [DutyRow] {
  var rows: [DutyRow] = []
  for sector in state.sectors.values.filter({ !$0.archived }).sorted(by: { $0.id < $1.id }) {
    func row(_ status: DutyStatus, quarter: Int?) -> DutyRow {
      var duty = tr(status.duty.nameKey, language)
      if case .outreachTalk(let member) = status.duty {
        duty = tr("sectors.duty.talkBy", language, duty, state.displayName(of: RecordRef(member)))
      }
      return DutyRow(
        sector: sector.name, quarter: quarter, duty: duty, done: status.done, date: status.fulfilledBy?.date,
        overdue: status.overdue)
    }
    var last: DutyCompliance?
    for quarter in 1...4 {
      let compliance = state.dutyCompliance(sector: sector.id, year: year, quarter: quarter, today: today)
      rows.append(row(compliance.study, quarter: quarter))
      rows.append(row(compliance.inspectionOrFellowship, quarter: quarter))
      last = compliance
    }
    if let last {
      rows.append(row(last.collectiveProposal, quarter: nil))
      rows += last.outreachTalks.map { row($0, quarter: nil) }
    }
  }
  return rows
}

/// The duties of `year` as CSV (UTF-8, CRLF, with `excelBOM` a byte-order mark) or as a Markdown table.
public func exportDuties(
  _ state: CommitteeState, year: Int, format: DutiesFormat, today: Day, language: Language,
  excelBOM: Bool = false
) -> Data {
  let rows = dutyRows(state, year: year, today: today, language: language)
  let headers = ["sector", "quarter", "duty", "done", "date", "overdue"].map {
    tr("sectors.duties.column.\($0)", language)
  }
  func cells(_ row: DutyRow) -> [String] {
    [
      row.sector,
      row.quarter.map { tr("sectors.duties.quarter", language, String($0)) }
        ?? tr("sectors.duties.wholeYear", language),
      row.duty, tr(row.done ? "sectors.duties.yes" : "sectors.duties.no", language),
      row.date?.description ?? "",
      row.overdue ? tr("sectors.duties.overdue", language) : "",
    ]
  }
  switch format {
  case .csv:
    var out: [UInt8] = excelBOM ? [0xEF, 0xBB, 0xBF] : []
    CSV.append(row: headers, to: &out)
    for row in rows { CSV.append(row: cells(row), to: &out) }
    return Data(out)
  case .md:
    func line(_ items: [String]) -> String {
      "| " + items.map { MarkdownText.escaped($0) }.joined(separator: " | ") + " |"
    }
    var lines = ["# " + tr("sectors.duties.title", language, String(year)), ""]
    lines.append(line(headers))
    lines.append("|" + String(repeating: " --- |", count: headers.count))
    lines += rows.map { line(cells($0)) }
    return Data((lines.joined(separator: "\n") + "\n").utf8)
  }
}
