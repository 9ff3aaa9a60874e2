import Domain
import Localization
import TerminalCore
import Widgets

extension OverviewFigures {
  /// One river on the Overview's "一江五河" block.
  public struct RiverLine: Sendable, Equatable {
    public var name: String
    public var latest: WaterQuality?
    public var target: WaterQuality
    public var yearsMet: Int
    public var trend: [TrendMonth]
  }

  /// One double-hundred action: done this year against its target.
  public struct ActionLine: Sendable, Equatable {
    public var kind: VisitKind
    public var done: Int
    public var target: Int
  }

  /// Each river's water class by month and years at target (the rivers' own record, not a period's).
  static func rivers(data: CommitteeState, summaries: [RiverID: RiverWaterSummary]) -> [RiverLine] {
    let rivers = summaries.keys.sorted().prefix(6).compactMap { id -> RiverLine? in
      guard let summary = summaries[id] else { return nil }
      return RiverLine(
        name: data.displayName(of: RecordRef(id)), latest: summary.latest?.quality, target: summary.target,
        yearsMet: summary.yearsMetRunning,
        trend: summary.months.map {
          TrendMonth(year: $0.year, month: $0.month, level: Int($0.worst.rawValue), missed: $0.missed)
        })
    }
    return Array(rivers)
  }
}

extension OverviewDrawing {
  /// "一江五河": each river's latest class, its trend by month (bars worse than target in the warning
  /// style and counted with `!`), years running at target; then the four actions' progress.
  func riverLines(width: Int, room: Int) -> [(text: String, style: Style, trend: [TrendMonth])] {
    var lines: [(String, Style, [TrendMonth])] = []
    // Too little room for the rivers' trend lines (80x24): the count that met the target and the
    // yearly actions say it, and the water-quality board has every river.
    let riverRoom = room >= 3 ? max(1, room - 2) : 0
    if riverRoom > 0 { lines.append((text("overview.rivers.title"), .normal, [])) }
    if figures.rivers.isEmpty {
      lines.append((text("overview.patrols.none"), .normal, []))
    }
    let nameWidth = min(8, figures.rivers.map(\.name.displayWidth).max() ?? 0)
    for river in figures.rivers.prefix(riverRoom) {
      let latest = river.latest.map { tr("water.short.\($0)", language) } ?? "—"
      let head =
        Text.pad(Text.truncate(river.name, to: nameWidth), to: nameWidth) + " "
        + Text.pad(latest, to: 4) + " "
      let tail = " " + text("overview.rivers.years", String(river.yearsMet))
      lines.append((head + "\u{0}" + tail, .normal, river.trend))
    }
    if figures.riversRead > 0 {
      lines.append(
        (
          text("overview2.rivers.met", String(figures.riversMeetingTarget), String(figures.riversRead)),
          .normal,
          []
        ))
    }
    // In a narrow column the meters go, so that two actions share a line.
    let meters = width >= 40
    let pieces = figures.actions.map {
      tr($0.kind.nameKey, language) + " "
        + (meters ? Meter.bar($0.done, of: $0.target, columns: 4) + " " : "")
        + "\($0.done)/\($0.target)"
    }
    for line in Self.join(pieces, width: width) { lines.append((line, .normal, [])) }
    return lines
  }

  /// Draws a river line: the text before the NUL, the trend strip's bars in what is left, the text after.
  func drawRiverLine(
    _ line: (text: String, style: Style, trend: [TrendMonth]), into canvas: inout Canvas, x: Int, y: Int,
    width: Int
  ) {
    let parts = line.text.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      canvas.write(line.text, x: x, y: y, style: line.style, limit: width)
      return
    }
    let head = String(parts[0])
    let missed = line.trend.suffix(max(0, width)).filter(\.missed).count
    let tail = String(parts[1]) + (missed > 0 ? " !\(missed)" : "")
    var col = canvas.write(head, x: x, y: y, limit: width)
    let room = max(0, width - head.displayWidth - tail.displayWidth)
    if room > 0 {
      var shown = line.trend
      let (bars, _, _) = TrendStrip.rows(shown, width: room)
      shown = Array(shown.suffix(bars.count))
      let start = (line.trend.map(\.month).max() ?? 0) - bars.count + 1
      let missedMonths = Set(line.trend.filter(\.missed).map(\.month))
      for (offset, bar) in bars.enumerated() {
        let style = missedMonths.contains(start + offset) ? Style(.warning, bold: true) : Style.normal
        col += canvas.put(bar, x: col, y: y, style: style)
      }
      col = x + head.displayWidth + room
    }
    canvas.write(tail, x: col, y: y, style: missed > 0 ? Style(.warning) : .normal, limit: x + width - col)
  }
}
