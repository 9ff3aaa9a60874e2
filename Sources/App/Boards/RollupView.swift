import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// A city committee's roll-up over the boards (`c`, read-only): every committee of the shared
/// database with the boards' figures of the period shown, one row each, and their total.
///
/// The committees are read and counted on a thread of their own (`RollupReading`, the same
/// `BoardTally` each committee's own boards count) while the screen shows how far it is and each
/// row fills in as its committee is in; the period keys then only ask the tallies for another period.
struct RollupView: Equatable, Sendable {
  static let readTag = EffectTag(.boards, "rollup")

  /// Nil until the runtime has started the reading.
  var reading: RollupReading?
  /// The selected row (the total row is the last).
  var selection = 0

  init() {}

  init(reading: RollupReading) { self.reading = reading }

  /// What is read so far (nothing before the reading starts).
  var progress: RollupReading.Progress { reading?.progress ?? RollupReading.Progress() }

  /// True once every committee is read or has said why it cannot be.
  var isFinished: Bool { progress.finished }

  /// The figures of `period` of the committees counted so far: one row each, then their total;
  /// nil until the committees' names are in.
  func board(_ period: Period, today: Day) -> RollupBoard? {
    board(progress, period: period, today: today)
  }

  func board(_ progress: RollupReading.Progress, period: Period, today: Day) -> RollupBoard? {
    guard let names = progress.names else { return nil }
    let tallies = zip(names, progress.statuses).compactMap { name, status -> (String, BoardTally)? in
      if case .counted(let tally) = status { return (name, tally) }
      return nil
    }
    return RollupBoard(tallies: tallies, period: period, today: today)
  }

  /// The board as exported: the committees read, then one row for each that could not be, with why.
  func sheet(_ period: Period, language: Language, today: Day) -> BoardSheet? {
    let progress = self.progress
    guard let board = board(progress, period: period, today: today), let names = progress.names else {
      return nil
    }
    var sheet = board.sheet(language: language, today: today)
    for (name, status) in zip(names, progress.statuses) {
      guard case .failed(let why) = status else { continue }
      let row = [name, tr("shared5.rollup.unreadable", language, why.text(language))]
      sheet.rows.insert(
        row + Array(repeating: "", count: max(0, sheet.header.count - row.count)), at: sheet.rows.count - 1)
    }
    return sheet
  }

  /// Rows shown: the committees and the total.
  var rowCount: Int { (progress.names?.count ?? 0) + 1 }

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
    let progress = self.progress
    guard let board = board(progress, period: period, today: context.today), let names = progress.names else {
      EmptyState.draw(
        title: context.text("rollup.title"),
        text: progress.failure?.text(context.language) ?? context.text("shared5.rollup.connecting"),
        into: &canvas,
        rect: rect)
      return
    }
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    var y = inner.y
    let title = RollupBoard.title(period, committees: names.count, language: context.language)
    canvas.write(Text.truncate(title, to: inner.width), x: inner.x, y: y, style: Style(.title, bold: true))
    y += 1
    if let line = Self.progressLine(progress, context: context) {
      // While committees are still read, the total so far is only a part: the line says how far.
      canvas.write(Text.truncate(line, to: inner.width), x: inner.x, y: y, style: Style(.warning, bold: true))
      y += 1
    }
    y = BoardsScreen.drawHeadline(
      board.total, into: &canvas, x: inner.x, y: y, width: inner.width, context: context)
    y += 1
    drawTable(
      board, progress: progress, into: &canvas,
      rect: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), context: context)
  }

  /// "Reading 东城区政协 (2 of 3) · 1 in", or nil once every committee is in.
  static func progressLine(_ progress: RollupReading.Progress, context: ScreenContext) -> String? {
    guard !progress.finished, let names = progress.names else { return nil }
    guard let current = progress.current else {
      return context.text(
        "shared5.rollup.progress.between", String(progress.countedCount), String(names.count))
    }
    let place = [current.name, String(current.index), String(names.count), String(progress.countedCount)]
    if case .counting(let fraction) = current.status {
      return Strings.shared.text(
        "shared5.rollup.progress.counting", context.language, place + [String(Int(fraction * 100))])
    }
    return Strings.shared.text("shared5.rollup.progress.reading", context.language, place)
  }

  /// A row's words in place of its figures: waiting, being read, being counted, or why it cannot be.
  static func note(_ status: RollupReading.Status, context: ScreenContext) -> String? {
    switch status {
    case .counted: return nil
    case .waiting: return context.text("shared5.rollup.row.waiting")
    case .reading: return context.text("shared5.rollup.row.reading")
    case .counting(let fraction):
      return context.text("shared5.rollup.row.counting", String(Int(fraction * 100)))
    case .failed(let why): return context.text("shared5.rollup.unreadable", why.text(context.language))
    }
  }

  func drawTable(
    _ board: RollupBoard, progress: RollupReading.Progress, into canvas: inout Canvas, rect: Rect,
    context: ScreenContext
  ) {
    guard rect.height >= 3, let names = progress.names else { return }
    let (nameWidth, numberWidth, count) = Self.layout(width: rect.width)
    let columns = Array(Self.columns().prefix(count))
    let failed = progress.statuses.filter { if case .failed = $0 { true } else { false } }.count
    let heading =
      failed == 0
      ? context.text("rollup.heading", context.text("shared3.rollup.table"), String(names.count))
      : context.text(
        "shared5.rollup.headingUnread", context.text("shared3.rollup.table"), String(names.count),
        String(failed))
    canvas.write(Text.truncate(heading, to: rect.width), x: rect.x, y: rect.y, style: Style(.header))
    var header = Text.pad(
      Text.truncate(context.text("shared3.rollup.committee"), to: nameWidth - 1), to: nameWidth)
    for column in columns {
      header += Text.pad(
        Text.truncate(context.text(column.key), to: numberWidth - 1), to: numberWidth, align: .right)
    }
    canvas.write(
      Text.truncate(header, to: rect.width), x: rect.x, y: rect.y + 1, style: Style(.dim, underline: true))
    let figures = Dictionary(
      board.rows.map { ($0.committee, $0.figures) }, uniquingKeysWith: { first, _ in first })
    let totalName =
      progress.finished
      ? context.text("shared3.rollup.total")
      : context.text("shared5.rollup.totalSoFar", String(progress.countedCount), String(names.count))
    let rows =
      zip(names, progress.statuses).map { name, status in
        (name: name, figures: figures[name], note: Self.note(status, context: context), total: false)
      }
      + [(name: totalName, figures: Optional(board.total), note: nil, total: true)]
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
      guard let values = row.figures, row.note == nil else {
        // Not counted (yet): the row says why across the figures' columns.
        var style = base
        if case .failed = progress.statuses[safe: top + offset], !selected {
          style = Style(.overdue)
        } else if !selected {
          style = Style(.dim)
        }
        canvas.write(Text.truncate(row.note ?? "", to: rect.maxX - x), x: x, y: y, style: style)
        continue
      }
      for column in columns {
        let value = column.value(values)
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
