import Foundation
import TerminalCore

/// One label/value pair of a detail pane ("主题", "石坪桥街道…").
public struct DetailRow: Sendable, Hashable {
  public var label: String
  public var value: String
  public var style: Style
  /// Columns the value starts right of the value column, on its first line and on every line it
  /// wraps to (a timeline's notes under their step).
  public var indent: Int

  public init(label: String, value: String, style: Style = .normal, indent: Int = 0) {
    self.label = label
    self.value = value
    self.style = style
    self.indent = indent
  }
}

/// Label/value pairs, labels aligned by display width and values wrapped beside them; for the
/// detail of a selected record.
public struct DetailPane: Sendable {
  public var rows: [DetailRow]

  public init(rows: [DetailRow]) { self.rows = rows }

  static let gap = 2

  /// The label column width in `columns` (never more than a third of them).
  public func labelWidth(in columns: Int) -> Int {
    min(rows.map(\.label.displayWidth).max() ?? 0, columns / 3)
  }

  /// The screen lines for `columns`: (label or nil on continuation lines, text, style).
  public func lines(width columns: Int) -> [(label: String?, text: String, style: Style)] {
    let labelColumn = labelWidth(in: columns)
    let valueWidth = max(1, columns - labelColumn - Self.gap)
    var out: [(label: String?, text: String, style: Style)] = []
    for row in rows {
      // An indent (`row.indent`, or up to 8 leading spaces of a one-line value: a timeline's entries
      // under their step) holds on every wrapped line, not only the first. A value of several
      // lines, or one placed further in (a chart's marks), places itself.
      let lead = row.value.prefix { $0 == " " }.count
      let spaced = row.indent == 0 && !row.value.contains("\n") && lead <= 8 ? lead : 0
      let indent = min(max(0, row.indent + spaced), max(0, valueWidth - 1))
      let pad = String(repeating: " ", count: indent)
      let wrapped = Self.wrap(String(row.value.dropFirst(spaced)), to: max(1, valueWidth - indent))
      for (i, text) in wrapped.enumerated() {
        out.append((i == 0 ? row.label : nil, text.isEmpty ? text : pad + text, row.style))
      }
    }
    return out
  }

  /// The widest a piece of a list may be to count as a name (ten Chinese characters, or an
  /// English name), kept whole on one line. Lists are joined with 、 or ", " (`listSeparator`).
  static let nameWidth = 20

  /// A value wrapped to `columns`. A list of names ("方健雪、赵秀光、段梅昊") breaks only between
  /// names, never inside one; other text wraps as everywhere else.
  static func wrap(_ value: String, to columns: Int) -> [String] {
    let plain = Text.wrapForDisplay(value, to: columns)
    guard plain.count > 1, !value.contains("\n") else { return plain }
    // The names with their separator ("方健雪、"), so that joining them gives the value back.
    var pieces: [String] = []
    var current = ""
    for ch in value {
      current.append(ch)
      if ch == "、" || ch == "," {
        pieces.append(current)
        current = ""
      }
    }
    if !current.isEmpty { pieces.append(current) }
    let names = pieces.map { $0.trimmingCharacters(in: .whitespaces) }
    guard pieces.count > 1, names.allSatisfy({ $0.displayWidth <= nameWidth }) else { return plain }
    var lines: [String] = []
    var line = ""
    for piece in pieces {
      let trimmed = line + piece.trimmingCharacters(in: .whitespaces)
      if !line.isEmpty, trimmed.displayWidth > columns {
        lines.append(line.trimmingCharacters(in: .whitespaces))
        line = piece.trimmingCharacters(in: .whitespaces) == "" ? "" : String(piece.drop { $0 == " " })
      } else {
        line += piece
      }
    }
    if !line.isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
    // A name wider than the column still has to wrap inside itself.
    return lines.flatMap { $0.displayWidth > columns ? Text.wrapForDisplay($0, to: columns) : [$0] }
  }

  /// Draws from line `scroll` on; returns the total number of lines, so callers can clamp scrolling.
  @discardableResult
  public func draw(into canvas: inout Canvas, rect: Rect, scroll: Int = 0) -> Int {
    canvas.fill(rect)
    let all = lines(width: rect.width)
    let labelColumn = labelWidth(in: rect.width)
    let valueX = rect.x + labelColumn + Self.gap
    let start = min(max(0, scroll), max(0, all.count - 1))
    for i in 0..<rect.height {
      let index = start + i
      guard index < all.count else { break }
      let line = all[index]
      if let label = line.label {
        canvas.write(
          Text.pad(label, to: labelColumn), x: rect.x, y: rect.y + i, style: Style(.dim, bold: true))
      }
      canvas.write(line.text, x: valueX, y: rect.y + i, style: line.style, limit: rect.maxX - valueX)
    }
    return all.count
  }
}
