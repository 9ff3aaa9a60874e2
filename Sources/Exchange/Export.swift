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
    let text = CSV.write([table.columns] + table.rows.map { $0.map(\.csvText) })
    return (excelBOM ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
  case .json:
    let value: ExportValue
    if let kind {
      value = jsonValue(ExportTable(kind, of: state))
    } else {
      value = .object(ExportKind.allCases.map { ($0.rawValue, jsonValue(ExportTable($0, of: state))) })
    }
    var text = ""
    JSONText.write(value, into: &text, indent: "  ", level: 0)
    text += "\n"
    return Data(text.utf8)
  }
}

func jsonValue(_ table: ExportTable) -> ExportValue {
  .list(table.rows.map { row in .object(Array(zip(table.columns, row))) })
}
