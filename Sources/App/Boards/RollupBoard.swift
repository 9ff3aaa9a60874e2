import Domain
import Foundation
import Localization

/// A city committee's board of its districts (read-only): the board's headline figures for one
/// period, one row per committee with its name in the first column, then their total.
public struct RollupBoard: Sendable {
  /// One committee's row.
  public struct Row: Sendable {
    public var committee: String
    public var figures: PeriodFigures
  }

  public var period: Period
  public var rows: [Row]
  /// Every count added up; the closure rate is recounted from the added counts. The median days to
  /// close and the average rating cannot be added from per-committee figures: the total shows "—".
  public var total: PeriodFigures

  /// Counts each committee's board as its own boards would (the same tally), on `today`.
  public init(committees: [(name: String, data: CommitteeState)], period: Period, today: Day) {
    self.init(
      tallies: committees.map { ($0.name, BoardTally(state: $0.data)) }, period: period, today: today)
  }

  /// The figures of `period` from each committee's tally already counted (the roll-up screen counts
  /// once and then only changes the period).
  public init(tallies: [(name: String, tally: BoardTally)], period: Period, today: Day) {
    self.period = period
    rows = tallies.map { Row(committee: $0.name, figures: $0.tally.figures(period, today: today)) }
    total = Self.sum(rows.map(\.figures), period: period, standingDay: period.standingDay(today: today))
  }

  static func sum(_ all: [PeriodFigures], period: Period, standingDay: Day) -> PeriodFigures {
    var total = PeriodFigures(period: period, standingDay: standingDay)
    let counts: [WritableKeyPath<PeriodFigures, Int>] = [
      \.raised, \.assigned, \.closed, \.closedOnTime, \.redone, \.raisedThenClosed, \.overdue,
      \.consultationsHeld, \.patrols, \.visits, \.reports, \.sectorActivities, \.outreachTalks,
      \.collectiveProposals, \.open, \.topicsProposed, \.topicsDiscussed, \.topicsReviewed, \.topicsDecided,
      \.followUpsOverdue, \.topicEvaluations, \.topicsCommended, \.readings, \.readingsMet,
    ]
    for figures in all {
      for count in counts { total[keyPath: count] += figures[keyPath: count] }
    }
    return total
  }

  /// The board as a sheet (title, the total's figures, then the committees' table), in `language`.
  func sheet(language: Language, today: Day) -> BoardSheet {
    let context = ScreenContext(
      data: CommitteeState(), dataVersion: 0, language: language, today: today, actor: .reader("rollup"))
    func entries(_ figures: PeriodFigures) -> [BoardsScreen.Entry] {
      BoardsScreen.headline(figures, context: context).flatMap { $0 }
    }
    let labels = entries(total).map { context.text($0.key) }
    return BoardSheet(
      title: Self.title(period, committees: rows.count, language: language),
      figures: zip(labels, entries(total).map(\.value)).map { ($0, $1) },
      tableTitle: tr("shared3.rollup.table", language),
      header: [tr("shared3.rollup.committee", language)] + labels,
      rows: rows.map { [$0.committee] + entries($0.figures).map(\.value) }
        + [[tr("shared3.rollup.total", language)] + entries(total).map(\.value)])
  }

  /// "Roll-up board of 3 committees · 2026" (one committee in the singular).
  static func title(_ period: Period, committees: Int, language: Language) -> String {
    tr(
      committees == 1 ? "shared5.rollup.titleOne" : "shared3.rollup.title", language,
      period.title(in: language),
      String(committees))
  }

  /// The board as Markdown: what `shangliang rollup --board` prints.
  public func markdown(language: Language, today: Day) -> String {
    sheet(language: language, today: today).markdown()
  }

  /// The board as CSV (with a BOM for spreadsheets).
  public func csv(language: Language, today: Day) -> Data { sheet(language: language, today: today).csv() }
}
