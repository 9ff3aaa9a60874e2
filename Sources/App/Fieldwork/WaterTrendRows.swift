import Domain
import Localization
import TerminalCore
import Widgets

/// The water-quality trend of a patrol's river and segment as detail rows: a bar per month (taller
/// for worse water), `!` under the months worse than target, the years beneath — plain characters,
/// so it reads the same without colour.
enum WaterTrendRows {
  /// The months shown: the latest three years, which fit the detail pane beside the list.
  static let months = 36

  static func strip(_ summary: RiverWaterSummary) -> [String] {
    let points = summary.months.map {
      TrendMonth(year: $0.year, month: $0.month, level: Int($0.worst.rawValue), missed: $0.missed)
    }
    let rows = TrendStrip.rows(points, width: months)
    return [rows.bars, rows.marks, rows.years].filter { !$0.isEmpty }
  }

  static func rows(river: RiverID, segment: String, context: ScreenContext) -> [DetailRow] {
    let data = context.data
    let language = context.language
    let whole = context.indexes.waterSummary(river: river, in: data)
    guard !whole.months.isEmpty else { return [] }
    var rows: [DetailRow] = [
      DetailRow(
        label: tr("fieldwork.detail.riverTrend", language),
        value: tr("fieldwork.detail.yearsMet", language, String(whole.yearsMetRunning)))
    ]
    for line in strip(whole) { rows.append(DetailRow(label: "", value: line)) }
    if !segment.isEmpty {
      let part = context.indexes.waterSummary(river: river, segment: segment, in: data)
      if !part.months.isEmpty {
        rows.append(DetailRow(label: tr("fieldwork.detail.segmentTrend", language, segment), value: ""))
        for line in strip(part) { rows.append(DetailRow(label: "", value: line)) }
      }
    }
    return rows
  }
}
