import Domain
import Foundation
import Localization

/// The committee's annual work summary (年度工作总结): the figures the article reports, each with
/// the rule it is counted by, as Markdown that reads as an official summary, or as CSV.
public struct AnnualReport: Sendable {
  /// One figure of the report.
  public struct Figure: Sendable, Equatable {
    /// The section (`report.section.*`) and the figure's key (`report.figure.*`, `report.def.*`).
    public var section: String
    public var key: String
    public var value: String
  }

  public let year: Int
  /// The day the figures were read (standing figures such as "overdue" are read on it or on the
  /// year's last day, whichever is earlier).
  public let asOf: Day
  public private(set) var figures: [Figure] = []

  public init(state: CommitteeState, year: Int, today: Day, tally: BoardTally? = nil) {
    self.year = year
    asOf = today
    let tally = tally ?? BoardTally(state: state)
    let period = Period.year(year)
    let figures = tally.figures(period, today: today)
    let inYear = { (day: Day) in day.year == year }

    // 一、协商
    let held = state.consultations.values.filter { $0.meetingRecord.map { inYear($0.date) } ?? false }
    let crossRegional = held.filter { $0.details.kind == .crossRegional }
    var researchVisits = 0
    for consultation in state.consultations.values {
      for step in consultation.completed {
        if case .research(let visits) = step.record {
          researchVisits += visits.filter { inYear($0.date) }.count
        }
      }
    }
    add("consultations", "held", figures.consultationsHeld)
    add("consultations", "crossRegional", crossRegional.count)
    add("consultations", "researchVisits", researchVisits)

    // 二、问题闭环
    add("problems", "raised", figures.raised)
    add("problems", "closed", figures.closed)
    add("problems", "closureRate", Self.percent(figures.closureRate))
    add("problems", "closedOnTime", figures.closedOnTime)
    add("problems", "medianDays", figures.medianDaysToClose.map(String.init) ?? "—")
    add("problems", "overdue", figures.overdue)
    add("problems", "redone", figures.redone)

    // 三、民主监督
    let planned = state.supervisionItems.values.filter { $0.planYear == year }
    let trips = state.supervisionItems.values.reduce(0) {
      $0 + $1.researchTrips.filter { inYear($0.date) }.count
    }
    let suggestions = planned.reduce(0) { $0 + $1.suggestions.count }
    add("supervision", "planned", planned.count)
    add("supervision", "researchTrips", trips)
    add("supervision", "suggestions", suggestions)
    add("supervision", "commended", planned.filter { $0.evaluation?.verdict == .commended }.count)
    add("supervision", "redo", planned.filter { $0.redoCount > 0 }.count)

    // 四、巡河
    let patrols = state.patrols.values.filter { inYear($0.date) }
    let graded = patrols.compactMap(\.waterQuality)
    add("patrols", "made", patrols.count)
    add("patrols", "graded", graded.count)
    add("patrols", "classIIIOrBetter", graded.filter { $0 <= .classIII }.count)

    // 五、走访与社情民意
    add("fieldwork", "visits", figures.visits)
    add("fieldwork", "reports", figures.reports)

    // 六、界别履职
    let sectors = state.sectors.values.filter { !$0.archived }
    let lastQuarter = today.year > year ? 4 : (today.year == year ? today.quarter : 0)
    var compliantQuarters = 0
    for sector in sectors {
      for quarter in (1...4) where quarter <= lastQuarter {
        let missing = state.missingDuties(sector: sector.id, year: year, quarter: quarter)
        let quarterly = missing.filter {
          switch $0 {
          case .collectiveStudy, .inspectionOrFellowship: return true
          default: return false
          }
        }
        if quarterly.isEmpty { compliantQuarters += 1 }
      }
    }
    add("sectors", "activities", figures.sectorActivities)
    add("sectors", "outreachTalks", figures.outreachTalks)
    add("sectors", "collectiveProposals", figures.collectiveProposals)
    add("sectors", "compliantQuarters", "\(compliantQuarters)/\(sectors.count * lastQuarter)")

    // 七、跨区域协作
    let crossIDs = Set(state.consultations.values.filter { $0.details.kind == .crossRegional }.map(\.id))
    let crossProblems = state.problems.values.filter {
      if case .consultation(let id) = $0.source, crossIDs.contains(id) {
        return Day(workingDayOf: $0.raisedAt).year == year
      }
      return false
    }
    add("cooperation", "consultations", crossRegional.count)
    add("cooperation", "regions", Set(crossRegional.flatMap(\.details.partnerRegions)).count)
    add("cooperation", "problems", crossProblems.count)
  }

  private mutating func add(_ section: String, _ key: String, _ value: Int) {
    add(section, key, String(value))
  }

  private mutating func add(_ section: String, _ key: String, _ value: String) {
    figures.append(Figure(section: section, key: "\(section).\(key)", value: value))
  }

  static func percent(_ rate: Double?) -> String {
    guard let rate else { return "—" }
    return String(format: "%.1f%%", rate * 100)
  }

  /// The sections in the order the report gives them.
  public static let sections = [
    "consultations", "problems", "supervision", "patrols", "fieldwork", "sectors", "cooperation",
  ]

  public func value(_ key: String) -> String? { figures.first { $0.key == key }?.value }

  /// The summary as Markdown: a title, a paragraph per section, the figures as a table, and how
  /// each figure is counted.
  public func markdown(in language: Language) -> String {
    var lines: [String] = []
    lines.append("# " + tr("report.title", language, String(year)))
    lines.append("")
    lines.append(tr("report.intro", language, asOf.description))
    for (index, section) in Self.sections.enumerated() {
      lines.append("")
      lines.append("## " + tr("report.section.\(section)", language, Self.ordinal(index + 1, language)))
      lines.append("")
      let values = figures.filter { $0.section == section }.map(\.value)
      lines.append(Self.sentence(section, values, language))
      lines.append("")
      lines.append(
        "| " + tr("report.column.figure", language) + " | " + tr("report.column.value", language) + " |")
      lines.append("|---|---:|")
      for figure in figures where figure.section == section {
        lines.append("| " + tr("report.figure.\(figure.key)", language) + " | " + figure.value + " |")
      }
    }
    lines.append("")
    lines.append("## " + tr("report.definitions", language))
    lines.append("")
    for (index, figure) in figures.enumerated() {
      let colon = language == .zh ? "：" : ": "
      lines.append(
        "\(index + 1). **" + tr("report.figure.\(figure.key)", language) + "**" + colon
          + tr("report.def.\(figure.key)", language))
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  /// One line per figure: section, figure, value, definition.
  public func csv(in language: Language) -> String {
    var rows = [
      ["report.csv.section", "report.csv.figure", "report.csv.value", "report.csv.definition"].map {
        tr($0, language)
      }
    ]
    for figure in figures {
      rows.append([
        tr("report.section.\(figure.section)", language, "").trimmingCharacters(in: .whitespaces),
        tr("report.figure.\(figure.key)", language), figure.value, tr("report.def.\(figure.key)", language),
      ])
    }
    return rows.map { $0.map(CSV.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  private static func sentence(_ section: String, _ values: [String], _ language: Language) -> String {
    Strings.shared.text("report.sentence.\(section)", language, values)
  }

  private static func ordinal(_ number: Int, _ language: Language) -> String {
    let chinese = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    return language == .zh ? chinese[(number - 1) % chinese.count] + "、" : "\(number). "
  }
}
