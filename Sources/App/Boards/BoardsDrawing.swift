import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

extension BoardsScreen {
  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    screen.follow(context)
    guard let model = screen.model, rect.height > 4, rect.width > 20 else { return }
    // The roll-up stands on the committees it read, not on this committee's tally (which may be
    // empty, or still counting).
    if let rollup = screen.rollup {
      rollup.draw(into: &canvas, rect: rect, period: model.period, context: context)
      screen.controls.draw(into: &canvas, rect: rect, context: context)
      return
    }
    if let progress = context.tallyProgress {
      EmptyState.draw(
        title: context.text("section.boards"),
        text: context.text("speed.counting", OverviewScreen.percent(progress)), into: &canvas, rect: rect)
      return
    }
    if model.figures.raised == 0 && model.figures.consultationsHeld == 0 && model.figures.patrols == 0
      && model.committeeIsEmpty
    {
      EmptyState.draw(
        title: context.text("section.boards"), text: context.text("boards.empty"), into: &canvas, rect: rect)
      return
    }
    if let topics = screen.topics {
      topics.draw(into: &canvas, rect: rect, period: model.period, context: context)
      return
    }
    if let drill = screen.drill {
      Self.drawDrill(drill, model: model, into: &canvas, rect: rect, context: context)
      return
    }
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    var y = inner.y
    let title = Self.title(model, context: context)
    canvas.write(Text.truncate(title, to: inner.width), x: inner.x, y: y, style: Style(.title, bold: true))
    y += 1
    y = Self.drawHeadline(
      model.figures, into: &canvas, x: inner.x, y: y, width: inner.width, context: context)
    y = Self.drawTrends(model.trend, into: &canvas, x: inner.x, y: y, width: inner.width, context: context)
    Self.drawBreakdown(
      model, selection: screen.selection, into: &canvas,
      rect: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), context: context)
    if screen.showDefinitions {
      Self.drawDefinitions(into: &canvas, rect: rect, context: context, scroll: screen.definitionsScroll)
    }
    screen.controls.draw(into: &canvas, rect: rect, context: context)
  }

  typealias Entry = (key: String, value: String, role: TerminalCore.Role)

  /// The headline figures in lines of four, as drawn and as exported.
  static func headline(_ figures: PeriodFigures, context: ScreenContext) -> [[Entry]] {
    let percent = figures.closureRate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    let days = figures.medianDaysToClose.map { context.text("boards.days", String($0)) } ?? "—"
    let score = figures.averageEvaluation.map { String(format: "%.1f", $0) } ?? "—"
    let overdueRole: TerminalCore.Role = figures.overdue > 0 ? .overdue : .normal
    let first: [Entry] = [
      ("boards.fig.raised", String(figures.raised), .normal),
      ("boards.fig.closed", String(figures.closed), .ok),
      ("boards.fig.closureRate", percent, .normal),
      ("boards.fig.closedOnTime", String(figures.closedOnTime), .normal),
    ]
    let second: [Entry] = [
      ("boards.fig.overdue", String(figures.overdue), overdueRole), ("boards.fig.medianDays", days, .normal),
      ("boards.fig.redone", String(figures.redone), .warning), ("boards.fig.score", score, .normal),
    ]
    let third: [Entry] = [
      ("boards.fig.consultations", String(figures.consultationsHeld), .normal),
      ("boards.fig.patrols", String(figures.patrols), .normal),
      ("boards.fig.visits", String(figures.visits), .normal),
      ("boards.fig.reports", String(figures.reports), .normal),
    ]
    let fourth: [Entry] = [
      ("boards.fig.topicsDecided", String(figures.topicsDecided), .normal),
      (
        "boards.fig.followUpsOverdue", String(figures.followUpsOverdue),
        figures.followUpsOverdue > 0 ? .overdue : .normal
      ),
      ("boards.fig.topicEvaluations", "\(figures.topicsCommended)/\(figures.topicEvaluations)", .normal),
      ("boards.fig.readingsMet", "\(figures.readingsMet)/\(figures.readings)", .normal),
    ]
    return [first, second, third, fourth]
  }

  /// Four lines of four figures each.
  static func drawHeadline(
    _ figures: PeriodFigures, into canvas: inout Canvas, x: Int, y: Int, width: Int, context: ScreenContext
  ) -> Int {
    let lines = headline(figures, context: context)
    let cell = max(10, width / 4)
    for (row, line) in lines.enumerated() {
      for (column, entry) in line.enumerated() {
        let left = x + column * cell
        guard left + 4 < x + width else { break }
        let label = context.text(entry.key) + " "
        let end = canvas.write(Text.truncate(label, to: cell - 2), x: left, y: y + row, style: Style(.dim))
        canvas.write(
          Text.truncate(entry.value, to: max(1, left + cell - 1 - end)), x: end, y: y + row,
          style: Style(entry.role, bold: entry.role == .overdue))
      }
    }
    return y + lines.count
  }

  /// What the board shows, for `x`: the title, the headline figures, the breakdown's lines.
  static func sheet(_ model: BoardsModel?, context: ScreenContext) -> BoardSheet {
    guard let model else { return BoardSheet(title: "", figures: [], tableTitle: "", header: [], rows: []) }
    let columns = columns(model.breakdown)
    return BoardSheet(
      title: title(model, context: context),
      figures: headline(model.figures, context: context).flatMap { $0 }.map {
        (context.text($0.key), $0.value)
      },
      tableTitle: context.text("boards.by.\(model.breakdown)"),
      header: [context.text("boards.col.name")] + columns.map { context.text($0.0) },
      rows: model.lines.map { line in
        let name: String
        if case .source = line.facet { name = context.text(line.name) } else { name = line.name }
        return [name] + columns.map { $0.1(line.figures) }
      })
  }

  static func title(_ model: BoardsModel, context: ScreenContext) -> String {
    [
      context.text("section.boards"), model.period.title(in: context.language),
      context.text("boards.by.\(model.breakdown)"),
    ].joined(separator: " · ")
  }

  /// A heading with the months covered, then one sparkline per measure.
  static func drawTrends(
    _ trend: [TrendPoint], into canvas: inout Canvas, x: Int, y: Int, width: Int, context: ScreenContext
  ) -> Int {
    guard let first = trend.first, let last = trend.last else { return y }
    let heading = context.text(
      "boards.trend", String(trend.count), first.month.description, last.month.description)
    canvas.write(Text.truncate(heading, to: width), x: x, y: y, style: Style(.header))
    let labelKeys = [
      "boards.trend.raised", "boards.trend.closed", "boards.trend.closureRate", "boards.trend.medianDays",
      "boards.trend.consultations", "boards.trend.patrols", "boards.trend.overdue",
    ]
    let labelWidth = min(16, (labelKeys.map { DisplayWidth.of(context.text($0)) }.max() ?? 10) + 2)
    let series: [(String, [Int?], (Int) -> Bool, String)] = [
      ("boards.trend.raised", trend.map { $0.raised }, { _ in false }, String(last.raised)),
      ("boards.trend.closed", trend.map { $0.closed }, { _ in false }, String(last.closed)),
      (
        "boards.trend.closureRate", trend.map { $0.closureRate.map { Int(($0 * 100).rounded()) } },
        { _ in false },
        last.closureRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
      ),
      (
        "boards.trend.medianDays", trend.map { $0.medianDaysToClose }, { _ in false },
        last.medianDaysToClose.map { context.text("boards.days", String($0)) } ?? "—"
      ),
      (
        "boards.trend.consultations", trend.map { $0.consultationsHeld }, { _ in false },
        String(last.consultationsHeld)
      ),
      ("boards.trend.patrols", trend.map { $0.patrols }, { _ in false }, String(last.patrols)),
      (
        "boards.trend.overdue", trend.map { $0.overdueAtEnd },
        { index in index > 0 && trend[index].overdueAtEnd > trend[index - 1].overdueAtEnd },
        String(last.overdueAtEnd)
      ),
    ]
    for (index, entry) in series.enumerated() {
      let row = y + 1 + index
      canvas.write(
        Text.pad(Text.truncate(context.text(entry.0), to: labelWidth), to: labelWidth), x: x, y: row)
      let end = Chart.drawSparkline(entry.1, into: &canvas, x: x + labelWidth, y: row, marked: entry.2)
      let peak = entry.1.compactMap { $0 }.max() ?? 0
      let peakText =
        index == 2 ? "\(peak)%" : index == 3 ? context.text("boards.days", String(peak)) : String(peak)
      let tail = context.text("boards.trend.last", entry.3, peakText)
      canvas.write(
        Text.truncate(tail, to: max(0, x + width - end - 2)), x: end + 2, y: row, style: Style(.dim))
    }
    return y + 1 + series.count
  }

  /// The columns of a breakdown: a header key and the figure each line shows.
  static func columns(_ kind: BreakdownKind) -> [(String, (PeriodFigures) -> String, Bool)] {
    func count(_ value: Int) -> String { String(value) }
    switch kind {
    case .department:
      return [
        ("boards.col.assigned", { count($0.assigned) }, false),
        ("boards.col.closed", { count($0.closed) }, false),
        ("boards.col.onTime", { count($0.closedOnTime) }, false),
        ("boards.col.overdue", { count($0.overdue) }, true),
        ("boards.col.redone", { count($0.redone) }, false),
        ("boards.col.days", { $0.medianDaysToClose.map(String.init) ?? "—" }, false),
        ("boards.col.score", { $0.averageEvaluation.map { String(format: "%.1f", $0) } ?? "—" }, false),
      ]
    case .member:
      return [
        ("boards.col.consultations", { count($0.consultationsHeld) }, false),
        ("boards.col.patrols", { count($0.patrols) }, false),
        ("boards.col.visits", { count($0.visits) }, false),
        ("boards.col.reports", { count($0.reports) }, false),
        ("boards.col.talks", { count($0.outreachTalks) }, false),
        ("boards.col.proposals", { count($0.collectiveProposals) }, false),
      ]
    case .sector:
      return [
        ("boards.col.activities", { count($0.sectorActivities) }, false),
        ("boards.col.talks", { count($0.outreachTalks) }, false),
        ("boards.col.proposals", { count($0.collectiveProposals) }, false),
      ]
    case .specialCommittee:
      return [
        ("boards.col.raised", { count($0.raised) }, false),
        ("boards.col.closed", { count($0.closed) }, false),
        ("boards.col.overdue", { count($0.overdue) }, true),
        ("boards.col.proposed", { count($0.topicsProposed) }, false),
        ("boards.col.decided", { count($0.topicsDecided) }, false),
        ("boards.col.evaluated", { count($0.topicEvaluations) }, false),
        ("boards.col.commended", { count($0.topicsCommended) }, false),
      ]
    case .river:
      return [
        ("boards.col.raised", { count($0.raised) }, false),
        ("boards.col.closed", { count($0.closed) }, false),
        ("boards.col.overdue", { count($0.overdue) }, true),
        ("boards.col.patrols", { count($0.patrols) }, false),
        ("boards.col.readings", { count($0.readings) }, false),
        ("boards.col.met", { count($0.readingsMet) }, false),
      ]
    case .station, .source:
      return [
        ("boards.col.raised", { count($0.raised) }, false),
        ("boards.col.closed", { count($0.closed) }, false),
        ("boards.col.overdue", { count($0.overdue) }, true),
        ("boards.col.consultations", { count($0.consultationsHeld) }, false),
        ("boards.col.patrols", { count($0.patrols) }, false),
      ]
    }
  }

  static func drawBreakdown(
    _ model: BoardsModel, selection: Int, into canvas: inout Canvas, rect: Rect, context: ScreenContext
  ) {
    guard rect.height >= 3 else { return }
    let columns = columns(model.breakdown)
    let numberWidth = rect.width >= 100 ? 8 : 7
    let nameWidth = min(32, max(8, rect.width - numberWidth * columns.count))
    let heading = context.text(
      "boards.breakdown", context.text("boards.by.\(model.breakdown)"), String(model.lines.count))
    canvas.write(Text.truncate(heading, to: rect.width), x: rect.x, y: rect.y, style: Style(.header))
    var header = Text.pad(context.text("boards.col.name"), to: nameWidth)
    for column in columns {
      header += Text.pad(
        Text.truncate(context.text(column.0), to: numberWidth - 1), to: numberWidth, align: .right)
    }
    canvas.write(
      Text.truncate(header, to: rect.width), x: rect.x, y: rect.y + 1, style: Style(.dim, underline: true))
    let visible = rect.height - 2
    guard visible > 0 else { return }
    if model.lines.isEmpty {
      canvas.write(
        Text.truncate(context.text("boards.noLines"), to: rect.width), x: rect.x, y: rect.y + 2,
        style: Style(.dim))
      return
    }
    let top = max(0, min(selection - visible + 1, model.lines.count - visible))
    for (offset, line) in model.lines.dropFirst(top).prefix(visible).enumerated() {
      let index = top + offset
      let y = rect.y + 2 + offset
      let selected = index == selection
      let name: String
      if case .source = line.facet { name = context.text(line.name) } else { name = line.name }
      let base = selected ? Style(.selected, reverse: true) : Style()
      canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: base)
      canvas.write(
        Text.pad(Text.truncate(name, to: nameWidth - 1), to: nameWidth), x: rect.x, y: y, style: base)
      var x = rect.x + nameWidth
      for column in columns {
        let value = column.1(line.figures)
        var style = base
        if column.2, value != "0", !selected { style = Style(.overdue, bold: true) }
        canvas.write(
          Text.pad(Text.truncate(value, to: numberWidth - 1), to: numberWidth, align: .right), x: x, y: y,
          style: style)
        x += numberWidth
      }
    }
  }

  static func drawDrill(
    _ drill: BoardsDrill, model: BoardsModel, into canvas: inout Canvas, rect: Rect, context: ScreenContext
  ) {
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    let overdue = drill.rows.filter { $0.daysLate > 0 }.count
    let title = context.text(
      "boards.drill.title", drill.name, model.period.title(in: context.language), String(overdue),
      String(drill.rows.count))
    canvas.write(
      Text.truncate(title, to: inner.width), x: inner.x, y: inner.y, style: Style(.title, bold: true))
    let statusWidth = 12
    let dueWidth = 11
    let lateWidth = 8
    let titleWidth = max(8, inner.width - statusWidth - dueWidth - lateWidth)
    let header =
      Text.pad(context.text("boards.drill.status"), to: statusWidth)
      + Text.pad(context.text("boards.drill.problem"), to: titleWidth)
      + Text.pad(context.text("boards.drill.due"), to: dueWidth)
      + Text.pad(context.text("boards.drill.late"), to: lateWidth, align: .right)
    canvas.write(
      Text.truncate(header, to: inner.width), x: inner.x, y: inner.y + 1, style: Style(.dim, underline: true))
    if drill.rows.isEmpty {
      canvas.write(context.text("boards.drill.none"), x: inner.x, y: inner.y + 2, style: Style(.dim))
      return
    }
    let visible = max(0, inner.height - 2)
    for (offset, row) in drill.rows.dropFirst(drill.top).prefix(visible).enumerated() {
      let y = inner.y + 2 + offset
      let selected = drill.top + offset == drill.selection
      let base = selected ? Style(.selected, reverse: true) : Style()
      canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: base)
      let status = context.text("domain.problemStatus.\(row.status)")
      var x = canvas.write(
        Text.pad(Text.truncate(status, to: statusWidth - 1), to: statusWidth), x: inner.x, y: y, style: base)
      x = canvas.write(
        Text.pad(Text.truncate(row.title, to: titleWidth - 1), to: titleWidth), x: x, y: y, style: base)
      x = canvas.write(Text.pad(row.due?.description ?? "—", to: dueWidth), x: x, y: y, style: base)
      let late = row.daysLate > 0 ? "!" + String(row.daysLate) : ""
      canvas.write(
        Text.pad(late, to: lateWidth, align: .right), x: x, y: y,
        style: selected || row.daysLate == 0 ? base : Style(.overdue, bold: true))
    }
  }

  /// Where the definitions are drawn over a board's body.
  static func definitionsBox(_ rect: Rect) -> Rect {
    Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
  }

  /// How each figure is counted, wrapped to the box: the lines the definitions scroll through.
  static func definitionLines(width: Int, context: ScreenContext) -> [String] {
    let keys = [
      "raised", "closed", "closureRate", "closedOnTime", "overdue", "medianDays", "redone", "score",
      "consultations", "patrols", "visits", "reports", "topicsDecided", "followUpsOverdue",
      "topicEvaluations",
      "readingsMet", "open", "period",
    ]
    return keys.flatMap { key in
      let label = context.text("boards.fig.\(key)")
      let text = label + (context.language == .zh ? "：" : ": ") + context.text("boards.def.\(key)")
      return Text.wrap(text, to: max(1, width - 1))
    }
  }

  /// The first line shown when the definitions are scrolled by `scroll` (kept within the lines).
  static func definitionsTop(_ scroll: Int, rect: Rect, context: ScreenContext) -> Int {
    let inner = Box.inner(definitionsBox(rect))
    let lines = definitionLines(width: inner.width, context: context).count
    return max(0, min(scroll, lines - inner.height))
  }

  /// How each figure is counted, over the board, from line `scroll` on (j/k and PgDn/PgUp move it);
  /// ▲ and ▼ in the border say there is more above or below.
  static func drawDefinitions(into canvas: inout Canvas, rect: Rect, context: ScreenContext, scroll: Int = 0)
  {
    let box = definitionsBox(rect)
    // Blank the whole area first: what shows beside the box would read as part of a definition.
    canvas.fill(rect)
    Box.draw(into: &canvas, rect: box, title: context.text("boards.definitions"), style: Style(.border))
    let inner = Box.inner(box)
    let lines = definitionLines(width: inner.width, context: context)
    let top = definitionsTop(scroll, rect: rect, context: context)
    for (offset, line) in lines.dropFirst(top).prefix(max(0, inner.height)).enumerated() {
      canvas.write(line, x: inner.x, y: inner.y + offset)
    }
    if top > 0 { canvas.put("▲", x: box.maxX - 3, y: box.y, style: Style(.accent, bold: true)) }
    if top + inner.height < lines.count {
      canvas.put("▼", x: box.maxX - 3, y: box.maxY - 1, style: Style(.accent, bold: true))
    }
  }
}
