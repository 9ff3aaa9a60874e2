/// A value of an export: scalars, lists and objects with their keys in a fixed order, so that the same
/// records always give the same bytes.
public indirect enum ExportValue: Equatable, Sendable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case null
  case list([ExportValue])
  case object([(String, ExportValue)])

  public static func == (lhs: ExportValue, rhs: ExportValue) -> Bool {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.null, .null): return true
    case (.list(let a), .list(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// Compact JSON text (no spaces), used inside CSV cells for nested values.
  public var compactJSON: String {
    var out = ""
    JSONText.write(self, into: &out, indent: nil, level: 0)
    return out
  }

  /// The text of the value in a CSV cell: scalars as they are, lists of scalars joined by "；",
  /// anything nested as compact JSON.
  public var csvText: String {
    switch self {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .bool(let flag): return flag ? "true" : "false"
    case .null: return ""
    case .list(let items):
      if items.allSatisfy(\.isScalar) { return items.map(\.csvText).joined(separator: "；") }
      return compactJSON
    case .object: return compactJSON
    }
  }

  var isScalar: Bool {
    switch self {
    case .string, .int, .bool, .null: return true
    case .list, .object: return false
    }
  }
}

/// Writes JSON with UTF-8 text kept as it is (Chinese stays readable) and a stable layout.
enum JSONText {
  static func write(_ value: ExportValue, into out: inout String, indent: String?, level: Int) {
    switch value {
    case .string(let text): writeString(text, into: &out)
    case .int(let number): out += String(number)
    case .bool(let flag): out += flag ? "true" : "false"
    case .null: out += "null"
    case .list(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        newline(into: &out, indent: indent, level: level + 1)
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out += "]"
    case .object(let pairs):
      guard !pairs.isEmpty else {
        out += "{}"
        return
      }
      out += "{"
      for (index, (key, item)) in pairs.enumerated() {
        if index > 0 { out += "," }
        newline(into: &out, indent: indent, level: level + 1)
        writeString(key, into: &out)
        out += indent == nil ? ":" : ": "
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out += "}"
    }
  }

  static func newline(into out: inout String, indent: String?, level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  static func writeString(_ text: String, into out: inout String) {
    out += "\""
    // Most text needs no escaping; appending it whole is many times faster than scalar by scalar.
    let plain = !text.utf8.contains {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2
    }
    if plain {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
