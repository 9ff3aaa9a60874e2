import Domain
import Foundation
import Localization

/// Water-quality readings of every patrol (river, segment, date, class, target, met), and the trend
/// per river as Markdown: `shangliang export --kind water-quality`.
public enum WaterQualityExport {
  public static let columns = ["river", "segment", "date", "class", "target", "met"]

  /// One row per reading, by river, segment and date.
  public static func table(_ state: CommitteeState) -> [[ExportValue]] {
    state.waterReadings().map { reading in
      [
        .string(state.rivers[reading.river]?.name ?? "#\(reading.river.raw)"), .string(reading.segment),
        .string(reading.date.description), .string(reading.quality.numeral), .string(reading.target.numeral),
        .bool(reading.met),
      ]
    }
  }

  /// The readings as CSV (UTF-8, CRLF; with `excelBOM` a byte-order mark first) or JSON.
  public static func export(_ state: CommitteeState, format: ExportFormat, excelBOM: Bool = false) -> Data {
    let rows = table(state)
    switch format {
    case .csv:
      var out: [UInt8] = excelBOM ? [0xEF, 0xBB, 0xBF] : []
      CSV.append(row: columns, to: &out)
      for row in rows { CSV.append(row: row.map(\.csvText), to: &out) }
      return Data(out)
    case .json:
      var out: [UInt8] = []
      var counter = RowCounter(report: nil, total: rows.count)
      writeJSON(
        ExportTable(kind: .patrols, columns: columns, rows: rows), into: &out, indent: Array("  ".utf8),
        level: 0, rows: &counter)
      out.append(10)
      return Data(out)
    }
  }

  /// The trend per river in Markdown: target, latest class, years running it met the target, a sparkline
  /// of the worst class each month, and a year-by-month table in which readings worse than the target
  /// carry a `*`.
  public static func markdown(_ state: CommitteeState, language: Language) -> String {
    var lines = ["# " + tr("water.md.title", language), ""]
    let rivers = state.rivers.values.filter { !state.waterReadings(river: $0.id).isEmpty }
      .sorted { $0.id < $1.id }
    if rivers.isEmpty { lines.append(tr("water.md.none", language)) }
    for river in rivers {
      let summary = state.waterSummary(river: river.id)
      lines.append("## " + river.name)
      lines.append("")
      let latest =
        summary.latest.map { "\(className($0.quality, language)) (\($0.date) \($0.segment))" } ?? "—"
      lines.append(
        tr(
          "water.md.summary", language, className(summary.target, language), latest,
          String(summary.yearsMetRunning)))
      lines.append("")
      lines.append("`" + WaterTrend.sparkline(summary.months) + "`")
      lines.append("")
      let monthHeader = (1...12).map { String($0) }
      lines.append(
        "| " + tr("water.md.year", language) + " | " + monthHeader.joined(separator: " | ") + " | "
          + tr("water.md.annual", language) + " |")
      lines.append("|---" + String(repeating: "|---", count: 13) + "|")
      let years = Set(summary.months.map(\.year)).sorted()
      for year in years {
        var cells: [String] = []
        for month in 1...12 {
          if let m = summary.months.first(where: { $0.year == year && $0.month == month }) {
            cells.append(m.worst.numeral + (m.missed ? "*" : ""))
          } else {
            cells.append("")
          }
        }
        let classes = state.waterReadings(river: river.id).filter { $0.date.year == year }.map(\.quality)
        let annual = CommitteeState.annualClass(classes)
        let annualText = annual.map { $0.numeral + ($0.meets(summary.target) ? "" : "*") } ?? ""
        lines.append("| \(year) | " + cells.joined(separator: " | ") + " | \(annualText) |")
      }
      lines.append("")
    }
    lines.append(tr("water.md.legend", language))
    return lines.joined(separator: "\n") + "\n"
  }

  static func className(_ quality: WaterQuality, _ language: Language) -> String {
    tr(quality.nameKey, language)
  }
}

/// The water-quality trend drawn in text.
public enum WaterTrend {
  /// One block per month, taller for a worse class (I ▁ … worse than V █).
  public static func sparkline(_ months: [MonthlyWaterQuality]) -> String {
    String(months.map { bar($0.worst) })
  }

  public static func bar(_ quality: WaterQuality) -> Character {
    let blocks: [Character] = ["▁", "▂", "▃", "▅", "▆", "█"]
    return blocks[Int(quality.rawValue)]
  }
}
