import Foundation
import Localization

/// Reading and writing comma-separated values by RFC 4180: fields with commas, quotes or line
/// breaks are quoted, quotes inside are doubled, records end with CRLF.
public enum CSV {
  /// One record read from a file, with the physical line it starts on (1-based), for messages.
  public struct Row: Equatable, Sendable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
      self.line = line
      self.fields = fields
    }
  }

  /// The text of one field as written to a file.
  public static func quote(_ field: String) -> String {
    var out: [UInt8] = []
    append(field, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The text of a whole table: every record followed by CRLF.
  public static func write(_ rows: [[String]]) -> String {
    var out: [UInt8] = []
    for row in rows { append(row: row, to: &out) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends one record and its CRLF as UTF-8 bytes.
  public static func append(row: [String], to out: inout [UInt8]) {
    for (index, field) in row.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      append(field, to: &out)
    }
    out.append(contentsOf: [13, 10])
  }

  /// A field made safe to open in a spreadsheet: one starting with `=`, `+`, `-`, `@`, a tab or a
  /// carriage return would be run as a formula (CSV injection), so it gets a leading `'`, which
  /// spreadsheets show as text; a plain number (`-3`, `+8613800000000`) is left as it is. Control
  /// characters other than line breaks (inside quotes) are written as `\u{…}`, never raw.
  public static func neutralised(_ field: String) -> String {
    var text = field
    if text.unicodeScalars.contains(where: { ControlCharacters.isControl($0) && $0 != "\n" && $0 != "\r" }) {
      var scalars = String.UnicodeScalarView()
      for scalar in field.unicodeScalars {
        if ControlCharacters.isControl(scalar) && scalar != "\n" && scalar != "\r" {
          scalars.append(contentsOf: ControlCharacters.escaped(String(scalar)).unicodeScalars)
        } else {
          scalars.append(scalar)
        }
      }
      text = String(scalars)
    }
    guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
      return text
    }
    if isPlainNumber(field) { return text }
    return "'" + text
  }

  static func isPlainNumber(_ text: String) -> Bool {
    var scalars = Substring(text).unicodeScalars[...]
    if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
    guard !scalars.isEmpty else { return false }
    var seenDot = false
    for scalar in scalars {
      if scalar == "." && !seenDot {
        seenDot = true
      } else if !("0"..."9").contains(scalar) {
        return false
      }
    }
    return scalars.last != "."
  }

  /// Appends one field, neutralised, and quoted when it holds a comma, a quote or a line break.
  static func append(_ field: String, to out: inout [UInt8]) {
    let safe = neutralised(field)
    let utf8 = safe.utf8
    let needsQuotes = utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
    }
    guard needsQuotes else {
      out.append(contentsOf: utf8)
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in utf8 {
      out.append(byte)
      if byte == UInt8(ascii: "\"") { out.append(byte) }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Splits text into records. Accepts CRLF or LF line ends and a leading BOM; skips blank lines.
  /// A quote left open at the end of the text is an error naming the line where its field began.
  public static func read(_ text: String) throws(CSVError) -> [Row] {
    var rows: [Row] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var rowLine = 1
    var inQuotes = false
    var quoteLine = 1
    var afterQuote = false
    var scalars = text.unicodeScalars[...]
    if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
    var iterator = scalars.makeIterator()
    var pending: Unicode.Scalar? = nil

    func endRow() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      if !(fields.count == 1 && fields[0].isEmpty) {
        rows.append(Row(line: rowLine, fields: fields))
      }
      fields = []
    }

    while let scalar = pending ?? iterator.next() {
      pending = nil
      if inQuotes {
        if scalar == "\"" {
          let next = iterator.next()
          if next == "\"" {
            field.append("\"")
          } else {
            inQuotes = false
            afterQuote = true
            pending = next
          }
        } else {
          if scalar == "\n" { line += 1 }
          field.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty && !afterQuote:
        inQuotes = true
        quoteLine = line
      case ",":
        fields.append(String(field))
        field = String.UnicodeScalarView()
        afterQuote = false
      case "\r":
        let next = iterator.next()
        if next != "\n" { pending = next }
        endRow()
        line += 1
        rowLine = line
        afterQuote = false
      case "\n":
        endRow()
        line += 1
        rowLine = line
        afterQuote = false
      default:
        // Text after a closing quote is kept, as spreadsheets do, rather than refusing the file.
        field.append(scalar)
      }
    }
    if inQuotes { throw .unclosedQuote(line: quoteLine) }
    if !field.isEmpty || !fields.isEmpty { endRow() }
    return rows
  }
}

/// Why a CSV text could not be split into records.
public enum CSVError: Error, Equatable, Sendable {
  case unclosedQuote(line: Int)
}
