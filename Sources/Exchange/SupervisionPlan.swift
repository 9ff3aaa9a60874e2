import Domain
import Foundation
import Localization

/// The annual supervision plan (年度民主监督计划): the topics decided into a year's plan, each with its
/// teams, lead special committee, streets and communities, and where it stands; as Markdown or CSV.
public enum SupervisionPlan {
  /// One topic of the plan, its names resolved.
  public struct Row: Equatable, Sendable {
    public var id: UInt64
    public var title: String
    public var teams: [String]
    public var committee: String
    public var localities: [String]
    public var decided: Day?
    public var researchTrips: Int
    public var suggestions: Int
    public var standing: SupervisionStanding
    public var redoCount: Int
  }

  /// The rows of `year`'s plan, in ID order.
  public static func rows(_ state: CommitteeState, year: Int) -> [Row] {
    state.supervisionPlan(year: year).map { item in
      Row(
        id: item.id.raw, title: item.title,
        teams: item.teams.map { state.supervisionTeams[$0]?.theme ?? "#\($0.raw)" },
        committee: item.specialCommittee.map { state.specialCommittees[$0]?.name ?? "#\($0.raw)" } ?? "",
        localities: item.localities.map { state.stations[$0]?.name ?? "#\($0.raw)" },
        decided: item.stageRecords.last(where: { $0.stage == .decided })?.date,
        researchTrips: item.researchTrips.count, suggestions: item.suggestions.count, standing: item.standing,
        redoCount: item.redoCount)
    }
  }

  static let columns = [
    "id", "title", "teams", "committee", "localities", "decided", "research", "suggestions", "standing",
    "redo",
  ]

  static func cells(_ row: Row, _ language: Language) -> [String] {
    [
      String(row.id), row.title, row.teams.joined(separator: "、"), row.committee,
      row.localities.joined(separator: "、"), row.decided?.description ?? "", String(row.researchTrips),
      String(row.suggestions), tr(row.standing.nameKey, language), String(row.redoCount),
    ]
  }

  static func header(_ language: Language) -> [String] {
    columns.map { tr("exchange.plan.column.\($0)", language) }
  }

  /// The plan as Markdown: a title, a count, and a table (an empty plan says so).
  public static func markdown(_ state: CommitteeState, year: Int, language: Language) -> String {
    let rows = rows(state, year: year)
    var lines = ["# " + tr("exchange.plan.title", language, String(year)), ""]
    lines += [tr("exchange.plan.count", language, String(rows.count)), ""]
    if rows.isEmpty {
      lines.append(tr("exchange.plan.empty", language))
      return lines.joined(separator: "\n") + "\n"
    }
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    lines.append("| " + header(language).joined(separator: " | ") + " |")
    lines.append("|" + String(repeating: "---|", count: columns.count))
    for row in rows {
      lines.append("| " + cells(row, language).map(escape).joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The plan as CSV with a header row in `language`; `excelBOM` starts it with a byte-order mark.
  public static func csv(_ state: CommitteeState, year: Int, language: Language, excelBOM: Bool = false)
    -> Data
  {
    var out: [UInt8] = excelBOM ? [0xEF, 0xBB, 0xBF] : []
    CSV.append(row: header(language), to: &out)
    for row in rows(state, year: year) { CSV.append(row: cells(row, language), to: &out) }
    return Data(out)
  }
}
