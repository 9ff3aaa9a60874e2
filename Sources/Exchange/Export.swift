import Domain
import Foundation
import Localization

/// Why an export could not be made.
public enum ExportError: Error, Equatable, Sendable {
  /// CSV holds one table; all kinds at once need JSON.
  case csvNeedsOneKind

  public func message(in language: Language) -> String {
    switch self {
    case .csvNeedsOneKind: return tr("exchange.export.csvNeedsOneKind", language)
    }
  }
}

/// The columns of the members table, shared by export and import so that they always round-trip.
public enum MemberColumn: String, CaseIterable, Sendable {
  case id, name, sector, committee, stations, phone, notes, archived
}

/// Every record of one kind (or, with `kind` nil and JSON, of every kind as one object keyed by kind),
/// in ID order, each with its `id`. CSV is UTF-8 with CRLF line ends, and with `excelBOM` starts with a
/// byte-order mark so that Excel shows Chinese; an empty register still has its header row.
/// `progress` hears the rows written so far and the rows to write (for a progress bar).
public func export(
  _ state: CommitteeState, kind: ExportKind?, format: ExportFormat, excelBOM: Bool = false,
  progress: ((_ done: Int, _ total: Int) -> Void)? = nil
) throws(ExportError) -> Data {
  var rows = RowCounter(report: progress)
  if progress != nil {
    rows.total = kind.map { state.count(of: $0.recordKind) } ?? state.totalCount
  }
  switch format {
  case .csv:
    guard let kind else { throw .csvNeedsOneKind }
    let table = ExportTable(kind, of: state)
    var out: [UInt8] = excelBOM ? [0xEF, 0xBB, 0xBF] : []
    out.reserveCapacity(table.rows.count * 256 + 256)
    CSV.append(row: table.columns, to: &out)
    for row in table.rows {
      CSV.append(row: row.map(\.csvText), to: &out)
      rows.step()
    }
    rows.finish()
    return Data(out)
  case .json:
    // Written table by table and row by row, so that a large archive never exists twice as values.
    var out: [UInt8] = []
    out.reserveCapacity(state.totalCount * 512 + 256)
    let indent = Array("  ".utf8)
    if let kind {
      writeJSON(ExportTable(kind, of: state), into: &out, indent: indent, level: 0, rows: &rows)
    } else {
      out.append(UInt8(ascii: "{"))
      for (index, kind) in ExportKind.allCases.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.newline(into: &out, indent: indent, level: 1)
        JSONText.writeString(kind.rawValue, into: &out)
        out.append(contentsOf: ": ".utf8)
        writeJSON(ExportTable(kind, of: state), into: &out, indent: indent, level: 1, rows: &rows)
      }
      JSONText.newline(into: &out, indent: indent, level: 0)
      out.append(UInt8(ascii: "}"))
    }
    out.append(10)
    rows.finish()
    return Data(out)
  }
}

/// Counts rows written and tells a progress closure every thousand.
struct RowCounter {
  let report: ((Int, Int) -> Void)?
  var total = 0
  var done = 0

  mutating func step() {
    done += 1
    if done % 1_000 == 0 { report?(min(done, total), total) }
  }

  func finish() { report?(total, total) }
}

/// A table as a JSON array of objects, the same bytes as `jsonValue(table)` written whole.
func writeJSON(
  _ table: ExportTable, into out: inout [UInt8], indent: [UInt8], level: Int, rows: inout RowCounter
) {
  guard !table.rows.isEmpty else {
    out.append(contentsOf: "[]".utf8)
    return
  }
  out.append(UInt8(ascii: "["))
  for (index, row) in table.rows.enumerated() {
    if index > 0 { out.append(UInt8(ascii: ",")) }
    JSONText.newline(into: &out, indent: indent, level: level + 1)
    JSONText.write(.object(Array(zip(table.columns, row))), into: &out, indent: indent, level: level + 1)
    rows.step()
  }
  JSONText.newline(into: &out, indent: indent, level: level)
  out.append(UInt8(ascii: "]"))
}

func jsonValue(_ table: ExportTable) -> ExportValue {
  .list(table.rows.map { row in .object(Array(zip(table.columns, row))) })
}
