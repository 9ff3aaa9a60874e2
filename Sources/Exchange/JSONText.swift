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
    var out: [UInt8] = []
    JSONText.write(self, into: &out, indent: nil, level: 0)
    return String(decoding: out, as: UTF8.self)
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

/// Writes JSON as UTF-8 bytes with text kept as it is (Chinese stays readable) and a stable layout.
enum JSONText {
  static func write(_ value: ExportValue, into out: inout [UInt8], indent: [UInt8]?, level: Int) {
    switch value {
    case .string(let text): writeString(text, into: &out)
    case .int(let number): out.append(contentsOf: String(number).utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .null: out.append(contentsOf: "null".utf8)
    case .list(let items):
      guard !items.isEmpty else {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        newline(into: &out, indent: indent, level: level + 1)
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out.append(UInt8(ascii: "]"))
    case .object(let pairs):
      guard !pairs.isEmpty else {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      for (index, (key, item)) in pairs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        newline(into: &out, indent: indent, level: level + 1)
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(UInt8(ascii: " ")) }
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out.append(UInt8(ascii: "}"))
    }
  }

  static func newline(into out: inout [UInt8], indent: [UInt8]?, level: Int) {
    guard let indent else { return }
    out.append(UInt8(ascii: "\n"))
    for _ in 0..<level { out.append(contentsOf: indent) }
  }

  static func writeString(_ text: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var bytes = text.utf8.makeIterator()
    while let byte = bytes.next() {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      case 0x7F:
        out.append(contentsOf: "\\u007f".utf8)
      case 0xC2:
        // C1 control characters (U+0080–U+009F, C2 80–C2 9F) can act on a terminal: escaped.
        let second = bytes.next()
        if let second, (0x80...0x9F).contains(second) {
          let hex = Array("0123456789abcdef".utf8)
          out.append(contentsOf: "\\u00".utf8)
          out.append(hex[Int(second >> 4)])
          out.append(hex[Int(second & 0xF)])
        } else {
          out.append(byte)
          if let second { out.append(second) }
        }
      case 0xE2:
        // U+2028 and U+2029 (E2 80 A8/A9) are valid JSON but break JavaScript; escape them.
        let second = bytes.next()
        let third = second.flatMap { _ in bytes.next() }
        if second == 0x80, let third, third == 0xA8 || third == 0xA9 {
          out.append(contentsOf: (third == 0xA8 ? "\\u2028" : "\\u2029").utf8)
        } else {
          out.append(byte)
          if let second { out.append(second) }
          if let third { out.append(third) }
        }
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
