import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

extension Action {
  /// The supervision topics behind the board's supervision figures (decided, follow-ups overdue,
  /// evaluated), one figure at a time.
  public static let boardsTopics = Action("boards.topics")
  /// In the topics behind a figure: the next figure.
  public static let boardsTopicsNextFigure = Action("boards.topicsNextFigure")
}

extension KeyContext {
  /// The supervision topics behind a figure of a board or the Overview.
  public static let boardsTopics = KeyContext("boardsTopics")
}

extension Keymap {
  /// `S` on a board or the Overview opens the topics behind its supervision figures; Esc comes back.
  static let boardsTopics: [Binding] = [
    Binding([.character("S")], .boardsTopics, .boards),
    Binding([.character("S")], .boardsTopics, .overview),
    Binding([.character("j"), .down], .moveDown, .boardsTopics),
    Binding([.character("k"), .up], .moveUp, .boardsTopics),
    Binding([.pageDown, .ctrl("f")], .pageDown, .boardsTopics),
    Binding([.pageUp, .ctrl("b")], .pageUp, .boardsTopics),
    Binding([.tab, .character("S")], .boardsTopicsNextFigure, .boardsTopics),
    Binding([.enter], .open, .boardsTopics),
    Binding([.escape], .back, .boardsTopics),
  ]
}

/// The supervision topics behind one supervision figure of a period, counted as the tally counts
/// them (see `BoardFacts`): decided in the period (the first decision that was not sent back),
/// follow-up inspection overdue on the period's standing day, or evaluated in the period. Enter
/// shows a topic in the supervision section; Esc comes back to the board with this selection.
public struct SupervisionDrill: Sendable, Equatable {
  /// Which figure the topics are behind.
  public enum Figure: CaseIterable, Sendable {
    case followUpsOverdue, decided, evaluated

    var labelKey: String {
      switch self {
      case .followUpsOverdue: "boards.fig.followUpsOverdue"
      case .decided: "boards.fig.topicsDecided"
      case .evaluated: "boards.fig.topicEvaluations"
      }
    }
  }

  /// One topic and what makes it count.
  public struct Row: Sendable, Equatable {
    public var item: SupervisionItemID
    public var title: String
    /// The day that counts (decided, due, evaluated).
    public var day: Day
    /// Days past the follow-up's due day (overdue only), or 0.
    public var daysLate: Int
    /// The verdict's name key (evaluated only).
    public var verdictKey: String?
  }

  public var figure: Figure
  public var rows: [Row]
  public var selection = 0
  public var top = 0

  public init(figure: Figure, data: CommitteeState, period: Period, today: Day) {
    self.figure = figure
    let standing = period.standingDay(today: today)
    var rows: [Row] = []
    for item in data.supervisionItems.values {
      switch figure {
      case .decided:
        if let record = item.stageRecords.first(where: { $0.stage == .decided && $0.outcome != .sentBack }),
          period.contains(record.date)
        {
          rows.append(Row(item: item.id, title: item.title, day: record.date, daysLate: 0, verdictKey: nil))
        }
      case .followUpsOverdue:
        // Overdue from the day after it fell due until the inspection was made.
        guard let due = item.followUpDue, standing > due else { continue }
        let made = item.followUpInspection?.date
        if item.awaitsFollowUp || made.map({ $0 > standing }) == true {
          rows.append(
            Row(
              item: item.id, title: item.title, day: due,
              daysLate: standing.daysSinceEpoch - due.daysSinceEpoch, verdictKey: nil))
        }
      case .evaluated:
        for evaluation in item.evaluations {
          let day = evaluation.date ?? Day(workingDayOf: evaluation.at)
          guard period.contains(day) else { continue }
          rows.append(
            Row(
              item: item.id, title: item.title, day: day, daysLate: 0,
              verdictKey: "domain.verdict.\(evaluation.verdict)"))
        }
      }
    }
    // The most late first; otherwise the latest first.
    rows.sort { ($0.daysLate, $0.day, $1.item.raw) > ($1.daysLate, $1.day, $0.item.raw) }
    self.rows = rows
  }

  /// The same figure counted again (the data or the period changed), keeping the selection.
  func again(data: CommitteeState, period: Period, today: Day) -> SupervisionDrill {
    var next = SupervisionDrill(figure: figure, data: data, period: period, today: today)
    next.selection = min(selection, max(0, next.rows.count - 1))
    next.top = min(top, next.selection)
    return next
  }

  /// A key in the list: nil when the list is to close (Esc).
  mutating func perform(
    _ action: Action, data: CommitteeState, period: Period, today: Day, page: Int
  ) -> ScreenResult? {
    switch action {
    case .moveDown: selection = min(max(0, rows.count - 1), selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .pageDown: selection = min(max(0, rows.count - 1), selection + page)
    case .pageUp: selection = max(0, selection - page)
    case .boardsTopicsNextFigure:
      let all = Figure.allCases
      self = SupervisionDrill(
        figure: all[((all.firstIndex(of: figure) ?? 0) + 1) % all.count], data: data, period: period,
        today: today)
      return .handled
    case .open:
      guard let row = rows[safe: selection] else { return .handled }
      return .go(.supervision, RecordRef(row.item))
    case .back: return nil
    default: return .ignored
    }
    if selection < top { top = selection }
    if selection >= top + page { top = selection - page + 1 }
    return .handled
  }

  /// Rows the list shows in a body of this height.
  static func page(_ body: Rect) -> Int { max(1, body.height - 3) }

  /// A board's key while its topics may be open: nil when none are (the board goes on), else what
  /// the topics made of it (closing them when they are done).
  static func perform(
    _ action: Action, on topics: inout SupervisionDrill?, period: Period, context: ScreenContext
  ) -> ScreenResult? {
    guard var open = topics else { return nil }
    guard
      let result = open.perform(
        action, data: context.data, period: period, today: context.today, page: page(context.body))
    else {
      topics = nil
      return .handled
    }
    topics = open
    return result
  }

  /// The count as the board shows it: the evaluations as commended / evaluated ("4/7"), since
  /// the figure's label says "commended" and a bare 7 would contradict the board's 4.
  var countText: String {
    guard figure == .evaluated else { return String(rows.count) }
    let commended = rows.filter { $0.verdictKey == "domain.verdict.\(SupervisionVerdict.commended)" }.count
    return "\(commended)/\(rows.count)"
  }

  /// The title (the figure and its count in the period), the column heads, the rows.
  func draw(into canvas: inout Canvas, rect: Rect, period: Period, context: ScreenContext) {
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    let title = [
      context.text(figure.labelKey) + " " + countText, period.title(in: context.language),
      context.text("boards.topics.hint"),
    ].joined(separator: " · ")
    canvas.write(
      Text.truncate(title, to: inner.width), x: inner.x, y: inner.y, style: Style(.title, bold: true))
    let dayWidth = 11
    let noteWidth = 14
    let titleWidth = max(8, inner.width - dayWidth - noteWidth)
    let heads = [
      Text.pad(context.text("boards.topics.column.title"), to: titleWidth),
      Text.pad(context.text("boards.topics.column.\(figure)"), to: dayWidth),
      context.text("boards.topics.column.note"),
    ].joined()
    canvas.write(
      Text.truncate(heads, to: inner.width), x: inner.x, y: inner.y + 1, style: Style(.dim, bold: true))
    guard !rows.isEmpty else {
      canvas.write(context.text("boards.topics.none"), x: inner.x, y: inner.y + 2, style: Style(.dim))
      return
    }
    for (offset, row) in rows.dropFirst(top).prefix(max(0, inner.height - 2)).enumerated() {
      let y = inner.y + 2 + offset
      let selected = top + offset == selection
      let base = selected ? Style(.selected, reverse: true) : Style()
      canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base)
      var x = canvas.write(
        Text.pad(Text.truncate(row.title, to: titleWidth - 1), to: titleWidth), x: inner.x, y: y, style: base)
      x = canvas.write(Text.pad(row.day.description, to: dayWidth), x: x, y: y, style: base)
      let note =
        row.daysLate > 0
        ? "!" + context.text("boards.days", String(row.daysLate))
        : row.verdictKey.map { context.text($0) } ?? ""
      canvas.write(
        Text.truncate(note, to: max(1, inner.maxX - x)), x: x, y: y,
        style: selected || row.daysLate == 0 ? base : Style(.overdue, bold: true))
    }
  }
}
