import TerminalCore

/// One month of a trend: its place (months since year 0), a level 0…5 (higher is worse) and whether
/// it missed its target.
public struct TrendMonth: Equatable, Sendable {
  public var month: Int
  public var level: Int
  public var missed: Bool

  public init(year: Int, month: Int, level: Int, missed: Bool) {
    self.month = year * 12 + month - 1
    self.level = level
    self.missed = missed
  }

  public var year: Int { month / 12 }
}

/// A trend by month in three rows: a bar per month (taller for a worse level, `·` for a month without
/// readings), `!` under each month that missed its target (readable without colour), and the years.
/// When the months do not fit, the latest ones are shown.
public enum TrendStrip {
  public static let levels: [Character] = ["▁", "▂", "▃", "▅", "▆", "█"]
  public static let empty: Character = "·"
  public static let missMark: Character = "!"

  /// The three rows' text for `points` in at most `width` columns (one column per month).
  public static func rows(_ points: [TrendMonth], width: Int) -> (bars: String, marks: String, years: String)
  {
    guard let first = points.map(\.month).min(), let last = points.map(\.month).max(), width > 0 else {
      return ("", "", "")
    }
    let start = max(first, last - width + 1)
    let byMonth = Dictionary(points.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
    var bars = ""
    var marks = ""
    var years = [Character](repeating: " ", count: last - start + 1)
    for month in start...last {
      if let point = byMonth[month] {
        bars.append(levels[max(0, min(levels.count - 1, point.level))])
        marks.append(point.missed ? missMark : " ")
      } else {
        bars.append(empty)
        marks.append(" ")
      }
      // A year's label starts at its January (or at the strip's start), if there is room before the next.
      let offset = month - start
      if month % 12 == 0 || month == start {
        let label = Array(String(month / 12))
        if offset + label.count <= years.count,
          years[offset..<(offset + label.count)].allSatisfy({ $0 == " " })
        {
          years.replaceSubrange(offset..<(offset + label.count), with: label)
        }
      }
    }
    while marks.last == " " { marks.removeLast() }
    return (bars, marks, String(years).trimmingSuffixSpaces())
  }

  /// Draws the strip at (x, y) over three rows; bars of missed months in the warning style.
  public static func draw(
    _ points: [TrendMonth], into canvas: inout Canvas, x: Int, y: Int, width: Int, style: Style = .normal
  ) {
    let (bars, marks, years) = rows(points, width: width)
    var col = x
    let missed = Set(points.filter(\.missed).map(\.month))
    let start = (points.map(\.month).max() ?? 0) - bars.count + 1
    for (offset, bar) in bars.enumerated() {
      let isMissed = missed.contains(start + offset)
      col += canvas.put(bar, x: col, y: y, style: isMissed ? Style(.warning, bold: true) : style)
    }
    canvas.write(marks, x: x, y: y + 1, style: Style(.warning, bold: true), limit: width)
    canvas.write(years, x: x, y: y + 2, style: Style(.dim), limit: width)
  }
}

/// A progress meter: `label ████░░░░ 84/100`, with `✓` once the target is reached.
public enum Meter {
  /// The bar alone, `columns` wide: filled blocks for the share done, light shade for the rest.
  public static func bar(_ value: Int, of target: Int, columns: Int) -> String {
    guard columns > 0 else { return "" }
    let share = target > 0 ? min(1, Double(value) / Double(target)) : (value > 0 ? 1 : 0)
    let filled = Int((share * Double(columns)).rounded(.down))
    return String(repeating: "█", count: filled) + String(repeating: "░", count: columns - filled)
  }

  /// A whole line: the label padded to `labelWidth` display columns, the bar, and `value/target`.
  public static func line(label: String, value: Int, target: Int, labelWidth: Int, width: Int) -> String {
    let figures = " \(value)/\(target)" + (target > 0 && value >= target ? " ✓" : "")
    let room = width - labelWidth - 1 - figures.displayWidth
    let head = Text.pad(Text.truncate(label, to: labelWidth), to: labelWidth) + " "
    guard room >= 4 else { return Text.truncate(head + figures.dropFirst(), to: width) }
    return head + bar(value, of: target, columns: room) + figures
  }
}

extension String {
  fileprivate func trimmingSuffixSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
