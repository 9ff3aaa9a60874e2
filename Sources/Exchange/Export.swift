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
public func export(
  _ state: CommitteeState, kind: ExportKind?, format: ExportFormat, excelBOM: Bool = false
) throws(ExportError) -> Data {
  switch format {
  case .csv:
    guard let kind else { throw .csvNeedsOneKind }
    let table = ExportTable(kind, of: state)
    var out: [UInt8] = excelBOM ? [0xEF, 0xBB, 0xBF] : []
    out.reserveCapacity(table.rows.count * 256 + 256)
    CSV.append(row: table.columns, to: &out)
    for row in table.rows { CSV.append(row: row.map(\.csvText), to: &out) }
    return Data(out)
  case .json:
    // Written table by table and row by row, so that a large archive never exists twice as values.
    var out: [UInt8] = []
    out.reserveCapacity(state.totalCount * 512 + 256)
    let indent = Array("  ".utf8)
    if let kind {
      writeJSON(ExportTable(kind, of: state), into: &out, indent: indent, level: 0)
    } else {
      out.append(UInt8(ascii: "{"))
      for (index, kind) in ExportKind.allCases.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONText.newline(into: &out, indent: indent, level: 1)
        JSONText.writeString(kind.rawValue, into: &out)
        out.append(contentsOf: ": ".utf8)
        writeJSON(ExportTable(kind, of: state), into: &out, indent: indent, level: 1)
      }
      JSONText.newline(into: &out, indent: indent, level: 0)
      out.append(UInt8(ascii: "}"))
    }
    out.append(10)
    return Data(out)
  }
}

/// A table as a JSON array of objects, the same bytes as `jsonValue(table)` written whole.
func writeJSON(_ table: ExportTable, into out: inout [UInt8], indent: [UInt8], level: Int) {
  guard !table.rows.isEmpty else {
    out.append(contentsOf: "[]".utf8)
    return
  }
  out.append(UInt8(ascii: "["))
  for (index, row) in table.rows.enumerated() {
    if index > 0 { out.append(UInt8(ascii: ",")) }
    JSONText.newline(into: &out, indent: indent, level: level + 1)
    JSONText.write(.object(Array(zip(table.columns, row))), into: &out, indent: indent, level: level + 1)
  }
  JSONText.newline(into: &out, indent: indent, level: level)
  out.append(UInt8(ascii: "]"))
}

func jsonValue(_ table: ExportTable) -> ExportValue {
  .list(table.rows.map { row in .object(Array(zip(table.columns, row))) })
}
