import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// A city committee's roll-up over the boards (`c`, read-only): every committee of the shared
/// database with the boards' figures of the period shown, one row each, and their total.
///
/// Each committee is counted once, when the committees are read (the same `BoardTally` its own
/// boards count); the period keys then only ask the tallies for another period.
struct RollupView: Equatable, Sendable {
  /// One committee as read, with its tally.
  struct Committee: Equatable, Sendable {
    var name: String
    var tally: BoardTally
  }

  static let readTag = EffectTag(.boards, "rollup")

  /// Nil while the committees are being read.
  var committees: [Committee]?
  /// The selected row (the total row is the last).
  var selection = 0

  init() {}

  init(read: [CommitteeData]) {
    committees = read.map { Committee(name: $0.name, tally: BoardTally(state: $0.data)) }
  }

  /// The figures of `period`: one row per committee, then the total.
  func board(_ period: Period, today: Day) -> RollupBoard? {
    guard let committees else { return nil }
    return RollupBoard(tallies: committees.map { ($0.name, $0.tally) }, period: period, today: today)
  }

  /// Rows shown: the committees and the total.
  var rowCount: Int { (committees?.count ?? 0) + 1 }

  mutating func move(_ action: Action) -> Bool {
    let last = max(0, rowCount - 1)
    switch action {
    case .moveDown: selection = min(last, selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .first: selection = 0
    case .last: selection = last
    default: return false
    }
    return true
  }

  // MARK: Drawing

  /// The table's columns: a header key and the figure each row shows, most wanted first (a
  /// narrow terminal drops the last ones); the flag marks counts drawn as overdue when not 0.
  static func columns() -> [(key: String, value: (PeriodFigures) -> String, overdue: Bool)] {
    [
      ("boards.col.raised", { String($0.raised) }, false),
      ("boards.col.closed", { String($0.closed) }, false),
      ("rollup.col.rate", { $0.closureRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }, false),
      ("boards.col.overdue", { String($0.overdue) }, true),
      ("boards.col.consultations", { String($0.consultationsHeld) }, false),
      ("boards.col.patrols", { String($0.patrols) }, false),
      ("boards.col.visits", { String($0.visits) }, false),
      ("boards.col.reports", { String($0.reports) }, false),
      ("boards.col.onTime", { String($0.closedOnTime) }, false),
      ("boards.col.decided", { String($0.topicsDecided) }, false),
    ]
  }

  /// The committee column's width and the number columns that fit beside it in `width`.
  static func layout(width: Int) -> (name: Int, number: Int, columns: Int) {
    let number = width >= 100 ? 8 : 7
    let count = min(columns().count, max(1, (width - 12) / number))
    let name = min(32, max(8, width - number * count))
    return (name, number, count)
  }

  func draw(into canvas: inout Canvas, rect: Rect, period: Period, context: ScreenContext) {
    guard let board = board(period, today: context.today) else {
      EmptyState.draw(
        title: context.text("rollup.title"), text: context.text("rollup.reading"), into: &canvas, rect: rect)
      return
    }
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    var y = inner.y
    let title = tr(
      "shared3.rollup.title", context.language, period.title(in: context.language), String(board.rows.count))
    canvas.write(Text.truncate(title, to: inner.width), x: inner.x, y: y, style: Style(.title, bold: true))
    y += 1
    y = BoardsScreen.drawHeadline(
      board.total, into: &canvas, x: inner.x, y: y, width: inner.width, context: context)
    y += 1
    drawTable(
      board, into: &canvas, rect: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y),
      context: context)
  }

  func drawTable(_ board: RollupBoard, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    guard rect.height >= 3 else { return }
    let (nameWidth, numberWidth, count) = Self.layout(width: rect.width)
    let columns = Array(Self.columns().prefix(count))
    let heading = context.text(
      "rollup.heading", context.text("shared3.rollup.table"), String(board.rows.count))
    canvas.write(Text.truncate(heading, to: rect.width), x: rect.x, y: rect.y, style: Style(.header))
    var header = Text.pad(
      Text.truncate(context.text("shared3.rollup.committee"), to: nameWidth - 1), to: nameWidth)
    for column in columns {
      header += Text.pad(
        Text.truncate(context.text(column.key), to: numberWidth - 1), to: numberWidth, align: .right)
    }
    canvas.write(
      Text.truncate(header, to: rect.width), x: rect.x, y: rect.y + 1, style: Style(.dim, underline: true))
    let rows =
      board.rows.map { (name: $0.committee, figures: $0.figures, total: false) }
      + [(name: context.text("shared3.rollup.total"), figures: board.total, total: true)]
    let visible = rect.height - 2
    let top = max(0, min(selection - visible + 1, rows.count - visible))
    for (offset, row) in rows.dropFirst(top).prefix(visible).enumerated() {
      let y = rect.y + 2 + offset
      let selected = top + offset == selection
      let base = selected ? Style(.selected, reverse: true) : Style(bold: row.total)
      canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
      canvas.write(
        Text.pad(Text.truncate(row.name, to: nameWidth - 1), to: nameWidth), x: rect.x, y: y, style: base)
      var x = rect.x + nameWidth
      for column in columns {
        let value = column.value(row.figures)
        var style = base
        if column.overdue, value != "0", !selected { style = Style(.overdue, bold: true) }
        canvas.write(
          Text.pad(Text.truncate(value, to: numberWidth - 1), to: numberWidth, align: .right), x: x, y: y,
          style: style)
        x += numberWidth
      }
    }
  }
}
