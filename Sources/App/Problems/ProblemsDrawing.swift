import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

extension ProblemsScreen {
  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    // Normally built already; a first visit before any key arrives builds a copy to draw from.
    screen.rebuildIfStale(context: context)
    if context.data.problems.isEmpty {
      EmptyState.draw(
        title: context.text("section.problems"), text: context.text("empty.problems"), into: &canvas,
        rect: rect)
      return
    }
    switch mode {
    case .board: screen.drawBoard(into: &canvas, rect: rect, context: context)
    case .detail: screen.drawDetail(into: &canvas, rect: rect, context: context)
    }
    if let open = openForm { drawForm(open, into: &canvas, rect: rect, context: context) }
    if let raise = raiseForm { raise.draw(into: &canvas, rect: rect, context: context) }
  }

  /// Rows of the board's table body in a body `rect` (after the two header lines).
  static func boardBodyHeight(for rect: Rect) -> Int { Table.bodyHeight(for: rect.splitTop(2).rest) }

  func drawBoard(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let language = context.language
    let (header, rest) = rect.splitTop(2)
    let shown = table.count(in: rows)
    let overdue = context.data.openProblemsByDue.keys.filter { $0 < context.today }
      .reduce(0) { $0 + (context.data.openProblemsByDue[$1]?.count ?? 0) }
    let title = tr("section.problems", language)
    var x = canvas.write(title, x: rect.x + 1, y: rect.y, style: Style(.title, bold: true))
    let counts = tr(
      "problems.board.counts", language, String(rows.index.count),
      String(context.data.problems.count - (context.data.problemsByStatus[.closed]?.count ?? 0)),
      String(overdue))
    x = canvas.write("  " + counts, x: x, y: rect.y, style: Style(.normal), limit: rect.maxX - x)
    let filterLine = filterSummary(context)
    canvas.write(
      Text.truncate(filterLine, to: rect.width - 2), x: rect.x + 1, y: rect.y + 1,
      style: filters.isEmpty ? Style(.dim) : Style(.accent))
    _ = header
    var state = table
    state.viewportHeight = Table.bodyHeight(for: rest)
    _ = shown
    board(context).draw(into: &canvas, rect: rest, state: state, source: rows)
  }

  func filterSummary(_ context: ScreenContext) -> String {
    let language = context.language
    let all = tr("problems.filter.all", language)
    let status: String
    if filters.openOnly {
      status = tr("problems.filter.open", language)
    } else {
      status = filters.status.map { tr($0.nameKey, language) } ?? all
    }
    let department = filters.department.map { context.data.displayName(of: RecordRef($0)) } ?? all
    let kind = filters.sourceKind.map { tr($0.nameKey, language) } ?? all
    let overdue = tr(filters.overdueOnly ? "problems.filter.yes" : "problems.filter.no", language)
    var line = tr("problems.filter.line", language, status, department, kind, overdue)
    if let source = filters.source {
      line =
        tr(
          "problems.filter.source", language, tr(source.kind.nameKey, language),
          context.data.displayName(of: source))
        + "  " + line
    }
    return line
  }

  // MARK: Detail

  func drawDetail(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    guard let id = detailID, let problem = context.data.problems[id] else { return }
    let language = context.language
    canvas.write(
      Text.truncate(problem.title, to: rect.width - 2), x: rect.x + 1, y: rect.y,
      style: Style(.title, bold: true))
    let body = rect.splitTop(1).rest
    let menuWidth = min(34, max(24, body.width / 3))
    let (left, menuRect) = (
      Rect(x: body.x + 1, y: body.y + 1, width: body.width - menuWidth - 3, height: body.height - 1),
      Rect(x: body.maxX - menuWidth - 1, y: body.y, width: menuWidth, height: body.height)
    )
    let lines = detailLines(problem, context: context)
    DetailPane(rows: lines).draw(into: &canvas, rect: left)
    let timelineTop = left.y + DetailPane(rows: lines).lines(width: left.width).count + 1
    drawTimeline(
      problem, into: &canvas,
      rect: Rect(x: left.x, y: timelineTop, width: left.width, height: max(0, left.maxY - timelineTop)),
      context: context)
    drawMenu(problem, into: &canvas, rect: menuRect, context: context)
    _ = language
  }

  func detailLines(_ problem: Problem, context: ScreenContext) -> [DetailRow] {
    let language = context.language
    func label(_ key: String) -> String { tr("problems.detail.\(key)", language) }
    var rows: [DetailRow] = [
      DetailRow(
        label: label("status"), value: tr(problem.status.nameKey, language), style: Style(.accent, bold: true)
      ),
      DetailRow(
        label: label("source"),
        value: tr(problem.source.ref.kind.nameKey, language) + "·"
          + context.data.displayName(of: problem.source.ref)),
      DetailRow(
        label: label("department"),
        value: problem.department.map { context.data.displayName(of: RecordRef($0)) }
          ?? tr("problems.detail.unassigned", language)),
    ]
    if let due = problem.due {
      let late =
        problem.isOverdue(today: context.today) ? context.today.daysSinceEpoch - due.daysSinceEpoch : 0
      let text =
        late > 0 ? tr("problems.detail.dueLate", language, due.description, String(late)) : due.description
      rows.append(
        DetailRow(label: label("due"), value: text, style: late > 0 ? Style(.overdue, bold: true) : .normal))
    }
    rows.append(
      DetailRow(
        label: label("raisedBy"),
        value: problem.raisedByMember.map {
          context.data.displayName(of: RecordRef($0)) + " · " + problem.raisedBy
        }
          ?? problem.raisedBy))
    if problem.redoCount > 0 {
      rows.append(DetailRow(label: label("redo"), value: String(problem.redoCount), style: Style(.warning)))
    }
    func measures(_ e: SupervisionEvaluation) -> String {
      tr(
        "fieldwork.detail.measures", language, tr(e.rectification.nameKey, language),
        tr(e.cooperation.nameKey, language), tr(e.satisfaction.nameKey, language))
    }
    if let current = problem.measures {
      rows.append(DetailRow(label: label("rating"), value: measures(current)))
    } else if let rating = problem.evaluation {
      rows.append(DetailRow(label: label("rating"), value: tr(rating.nameKey, language)))
    }
    // A redo keeps the earlier evaluations: the department is judged again against them.
    for (index, past) in problem.pastEvaluations.enumerated() {
      rows.append(
        DetailRow(
          label: tr("fieldwork.detail.pastEvaluation", language, String(index + 1)),
          value: measures(past) + (past.note.isEmpty ? "" : " · " + past.note), style: Style(.dim)))
    }
    if !problem.description.isEmpty {
      rows.append(DetailRow(label: label("description"), value: problem.description))
    }
    return rows
  }

  func drawTimeline(_ problem: Problem, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    guard rect.height > 1 else { return }
    let language = context.language
    canvas.write(
      tr("problems.detail.timeline", language), x: rect.x, y: rect.y, style: Style(.header, bold: true))
    var lines: [(String, Style)] = []
    for event in problem.history {
      let day = Day(event.at, TimeZone(identifier: "UTC") ?? .current)
      var head = "\(day)  \(tr(event.status.nameKey, language))  \(event.actor)"
      if !event.note.isEmpty {
        head += (language == .zh ? "：" : ": ") + event.note.replacingOccurrences(of: "\n", with: " ")
      }
      for (i, line) in Text.wrapForDisplay(head, to: max(1, rect.width - 2)).enumerated() {
        lines.append(((i == 0 ? "● " : "  ") + line, event.status == .closed ? Style(.ok) : .normal))
      }
    }
    if let next = problem.status.next, problem.status != .closed {
      lines.append(("○ " + tr("problems.detail.next", language, tr(next.nameKey, language)), Style(.dim)))
    }
    // The latest steps matter most: when the timeline is too long, show its end.
    let room = rect.height - 1
    let shown = lines.suffix(room)
    for (i, line) in shown.enumerated() {
      canvas.write(line.0, x: rect.x, y: rect.y + 1 + i, style: line.1, limit: rect.width)
    }
  }

  func drawMenu(_ problem: Problem, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let language = context.language
    let menu = ProblemAction.allCases.map { $0.availability(for: problem, context: context) }
    // Steps the loop is not at are dimmed; steps refused to this user say why beneath.
    let note = tr("problems.reason.notNow", language, tr(problem.status.nameKey, language))
    let noteLines =
      menu.contains(where: \.isOutOfOrder) ? Text.wrapForDisplay(note, to: max(1, rect.width - 4)) : []
    let lines = menu.count + menu.filter { !$0.enabled && !$0.isOutOfOrder }.count + 1 + noteLines.count
    let box = Rect(x: rect.x, y: rect.y, width: rect.width, height: min(rect.height, lines + 2))
    Box.draw(into: &canvas, rect: box, title: tr("problems.detail.actions", language))
    let inner = Box.inner(box).inset(dx: 1, dy: 0)
    var y = inner.y
    for (i, availability) in menu.enumerated() {
      guard y < inner.maxY else { break }
      let selected = i == actionSelection
      let label = (selected ? "> " : "  ") + tr(availability.action.labelKey, language)
      let style: Style =
        selected
        ? Style(.selected, bold: availability.enabled, reverse: true)
        : (availability.enabled ? Style(.normal, bold: true) : Style(.dim))
      canvas.write(Text.pad(label, to: inner.width), x: inner.x, y: y, style: style, limit: inner.width)
      y += 1
      if !availability.enabled && !availability.isOutOfOrder && y < inner.maxY {
        canvas.write(
          Text.truncate("  " + availability.shortReason, to: inner.width), x: inner.x, y: y,
          style: Style(.warning))
        y += 1
      }
    }
    for (i, line) in noteLines.enumerated() where y + 1 + i < inner.maxY {
      canvas.write(line, x: inner.x, y: y + 1 + i, style: Style(.dim), limit: inner.width)
    }
  }

  // MARK: Form

  func drawForm(_ open: ProblemForm, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let language = context.language
    let width = min(rect.width - 4, 76)
    var rowsNeeded = 0
    for field in open.form.fields {
      if case .multilineText(let n) = field.kind { rowsNeeded += n } else { rowsNeeded += 1 }
      if field.error != nil { rowsNeeded += 1 }
    }
    let height = min(rect.height, rowsNeeded + 7)
    let box = rect.centered(width: width, height: height)
    let title =
      tr(open.action.labelKey, language) + " · "
      + (context.data.problems[open.problem]?.title ?? "")
    Box.draw(into: &canvas, rect: box, title: title, clear: true)
    let inner = Box.inner(box)
    let formRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 3))
    open.form.draw(into: &canvas, in: formRect)
    let hint = tr("problems.form.hint", language)
    canvas.write(
      Text.truncate(hint, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: Style(.hint))
    open.session.drawOverlay(into: &canvas, area: rect, language: language)
  }
}
