import Domain
import Localization
import TerminalCore
import Widgets

/// Draws the overview's two columns from its figures.
struct OverviewDrawing {
  let figures: OverviewFigures
  let selection: Int
  let context: ScreenContext

  var language: Language { context.language }
  func text(_ key: String, _ arguments: String...) -> String { Strings.shared.text(key, language, arguments) }

  static let bar: Character = "█"

  /// A bar of `value` out of `maximum` in `columns` display columns (at least one block for any
  /// value above zero, so that small counts still show).
  static func bar(_ value: Int, of maximum: Int, columns: Int) -> String {
    let blockWidth = max(1, DisplayWidth.of(bar))
    let room = max(0, columns / blockWidth)
    guard value > 0, maximum > 0, room > 0 else { return "" }
    let blocks = max(1, Int((Double(value) / Double(maximum) * Double(room)).rounded()))
    return String(repeating: String(bar), count: min(room, blocks))
  }

  /// Pieces joined by " · " into lines of `width`, never breaking a piece unless it alone is too wide.
  static func join(_ pieces: [String], width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for piece in pieces {
      let candidate = current.isEmpty ? piece : current + " · " + piece
      if candidate.displayWidth <= width || current.isEmpty {
        current = candidate
      } else {
        lines.append(current)
        current = piece
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.flatMap { $0.displayWidth > width ? Text.wrapForDisplay($0, to: width) : [$0] }
  }

  // MARK: Left: the loops

  func drawLoops(into canvas: inout Canvas, rect: Rect) {
    guard rect.width > 4, rect.height > 0 else { return }
    var y = rect.y
    func line(_ text: String, _ style: Style = .normal) {
      guard y < rect.maxY else { return }
      canvas.write(Text.truncate(text, to: rect.width), x: rect.x, y: y, style: style)
      y += 1
    }
    line(text("overview.loops.title"), Style(.header, bold: true))
    // The headline: overdue stands out by style and, without colour, by its marker.
    if y < rect.maxY {
      var x = canvas.write(
        text("overview.loops.open", String(figures.headline.open)), x: rect.x, y: y, limit: rect.width)
      x = canvas.write(" · ", x: x, y: y, limit: rect.maxX - x)
      x = canvas.write(
        text("overview.loops.overdue", String(figures.headline.overdue)), x: x, y: y,
        style: Style(figures.headline.overdue > 0 ? .overdue : .normal, bold: figures.headline.overdue > 0),
        limit: rect.maxX - x)
      x = canvas.write(" · ", x: x, y: y, limit: rect.maxX - x)
      canvas.write(
        text("overview.loops.closed", String(figures.headline.closed)), x: x, y: y, style: Style(.ok),
        limit: rect.maxX - x)
      y += 1
    }
    let median = figures.headline.medianDaysToClose.map { text("overview.loops.median", String($0)) } ?? ""
    let rate = figures.headline.closureRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
    line(text("overview2.loops.raised", String(figures.headline.raised), rate) + median)
    y += 1
    line(text("overview2.status.title"), Style(.header, bold: true))
    let labels = ProblemStatus.allCases.map { tr($0.nameKey, language) }
    let labelWidth = labels.map(\.displayWidth).max() ?? 0
    let maximum = figures.byStatus.max() ?? 0
    let countWidth = max(3, String(maximum).count)
    for status in ProblemStatus.allCases where y < rect.maxY {
      let count = figures.byStatus[Int(status.rawValue)]
      let label = Text.pad(labels[Int(status.rawValue)], to: labelWidth)
      let number = Text.pad(String(count), to: countWidth, align: .right)
      var x = canvas.write(label + " " + number + " ", x: rect.x, y: y, limit: rect.width)
      let room = rect.maxX - x
      let style = Style(status == .closed ? .ok : .accent)
      x = canvas.write(Self.bar(count, of: maximum, columns: room), x: x, y: y, style: style, limit: room)
      y += 1
    }
    y += 1
    line(text("overview.overdue.title", String(figures.headline.overdue)), Style(.header, bold: true))
    if figures.mostOverdue.isEmpty {
      line(text("overview.overdue.none"), Style(.dim))
      return
    }
    let rows = rect.maxY - y
    guard rows > 0 else { return }
    let first = min(max(0, selection - rows + 1), max(0, figures.mostOverdue.count - rows))
    for (i, item) in figures.mostOverdue.enumerated().dropFirst(first).prefix(rows) {
      let selected = i == selection
      let days = Text.pad(text("overview.overdue.days", String(item.days)), to: 7, align: .right)
      let department = item.department.isEmpty ? "" : "  " + item.department
      let room = rect.width - 2 - days.displayWidth - 1
      let departmentShown = Text.truncate(department, to: max(0, room / 3))
      let title = Text.pad(item.title, to: max(0, room - departmentShown.displayWidth))
      let style = selected ? Style(.selected, bold: true, reverse: true) : Style(.overdue)
      canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: selected ? style : .normal)
      canvas.write(
        (selected ? "> " : "! ") + days + " " + title + departmentShown, x: rect.x, y: y, style: style,
        limit: rect.width)
      y += 1
    }
  }

  // MARK: Right: departments, areas, supervision, patrols

  func drawAreas(into canvas: inout Canvas, rect: Rect) {
    guard rect.width > 4, rect.height > 0 else { return }
    // The small blocks at the bottom first, so the two lists share what is left.
    let supervision = supervisionLines(width: rect.width)
    // Below 30 rows the lists of departments and areas come first (see `riverLines`).
    let patrols = riverLines(width: rect.width, room: rect.height >= 26 ? rect.height / 3 : 0)
    let fixed = supervision.count + patrols.count + 2
    let listRoom = max(0, rect.height - fixed)
    let departmentRoom = min(figures.departments.count + 2, max(3, listRoom * 3 / 5))
    let areaRoom = max(0, listRoom - departmentRoom)
    var y = rect.y
    drawDepartments(into: &canvas, rect: Rect(x: rect.x, y: y, width: rect.width, height: departmentRoom))
    y += departmentRoom
    drawAreaList(into: &canvas, rect: Rect(x: rect.x, y: y, width: rect.width, height: areaRoom))
    y += areaRoom
    y += 1
    for (i, line) in supervision.enumerated() where y < rect.maxY {
      canvas.write(
        line.text, x: rect.x, y: y, style: i == 0 ? Style(.header, bold: true) : line.style, limit: rect.width
      )
      y += 1
    }
    y += 1
    let riversTitled = patrols.first?.text == text("overview.rivers.title")
    for (i, line) in patrols.enumerated() where y < rect.maxY {
      if line.trend.isEmpty {
        canvas.write(
          line.text, x: rect.x, y: y, style: i == 0 && riversTitled ? Style(.header, bold: true) : line.style,
          limit: rect.width)
      } else {
        drawRiverLine(line, into: &canvas, x: rect.x, y: y, width: rect.width)
      }
      y += 1
    }
  }

  func drawDepartments(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0 else { return }
    canvas.write(
      text("overview.departments.title"), x: rect.x, y: rect.y, style: Style(.header, bold: true),
      limit: rect.width)
    guard rect.height > 1 else { return }
    let widths = Columns.widths(
      [.flex(min: 6), .fixed(6), .fixed(4), .fixed(4), .fixed(4)], total: rect.width, gap: 1)
    func row(_ cells: [String], y: Int, style: Style) {
      var x = rect.x
      for (i, cell) in cells.enumerated() {
        let text = Text.pad(cell, to: widths[i], align: i == 0 ? .left : .right)
        canvas.write(
          text, x: x, y: y, style: i == 2 && style == .normal && cell != "0" ? Style(.overdue) : style)
        x += widths[i] + 1
      }
    }
    row(
      ["name", "assigned", "overdue", "closed", "redo"].map { text("overview.departments.\($0)") },
      y: rect.y + 1, style: Style(.dim, bold: true))
    for (i, line) in figures.departments.prefix(max(0, rect.height - 2)).enumerated() {
      row(
        [
          line.name, String(line.figures.assigned), String(line.figures.overdue), String(line.figures.closed),
          String(line.figures.redone),
        ],
        y: rect.y + 2 + i, style: .normal)
    }
  }

  func drawAreaList(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 1 else { return }
    canvas.write(
      text("overview.areas.title", String(figures.headline.consultationsHeld)), x: rect.x, y: rect.y + 1,
      style: Style(.header, bold: true), limit: rect.width)
    let rows = rect.height - 2
    guard rows > 0 else { return }
    let maximum = figures.consultationsByArea.first?.count ?? 0
    let nameWidth = min(rect.width / 2, figures.consultationsByArea.map(\.name.displayWidth).max() ?? 0)
    if figures.consultationsByArea.isEmpty {
      canvas.write(
        text("overview.areas.none"), x: rect.x, y: rect.y + 2, style: Style(.dim), limit: rect.width)
      return
    }
    for (i, area) in figures.consultationsByArea.prefix(rows).enumerated() {
      let y = rect.y + 2 + i
      let head =
        Text.pad(area.name, to: nameWidth) + " " + Text.pad(String(area.count), to: 4, align: .right) + " "
      let x = canvas.write(head, x: rect.x, y: y, limit: rect.width)
      canvas.write(
        Self.bar(area.count, of: maximum, columns: rect.maxX - x), x: x, y: y, style: Style(.accent),
        limit: rect.maxX - x)
    }
  }

  /// The period's supervision: topics reaching each stage, follow-ups overdue, evaluations.
  func supervisionLines(width: Int) -> [(text: String, style: Style)] {
    let figures = figures.headline
    var lines: [(String, Style)] = [(text("overview2.supervision.title"), .normal)]
    var pieces = SupervisionStage.allCases.map {
      tr($0.nameKey, language) + " " + String(figures.topicsByStage[Int($0.rawValue)])
    }
    pieces.append(
      text(
        "overview2.supervision.evaluated", String(figures.topicEvaluations), String(figures.topicsCommended)))
    // Follow-ups due in the coming week are today's business, whatever the period.
    let due = self.figures.followUpsDueThisWeek
    if due > 0 { pieces.append(text("editors.overview.followUpsDue", String(due))) }
    for line in Self.join(pieces, width: width) { lines.append((line, .normal)) }
    if figures.followUpsOverdue > 0 {
      lines.append(
        (
          "! " + text("overview.supervision.followUpOverdue", String(figures.followUpsOverdue)),
          Style(.overdue, bold: true)
        ))
    }
    return lines
  }
}
