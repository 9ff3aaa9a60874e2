import Domain
import Foundation
import Localization
import TerminalCore

/// One line of the detail view; lines that show a problem carry its ID (Enter opens it).
struct TimelineLine: Equatable, Sendable {
  var text: String
  var style: Style
  var indent: Int
  var problem: ProblemID?
  /// Any other record the line stands for (a supervision topic's linked consultation, its problems).
  var record: RecordRef?

  init(
    _ text: String, _ style: Style = .normal, indent: Int = 0, problem: ProblemID? = nil,
    record: RecordRef? = nil
  ) {
    self.text = text
    self.style = style
    self.indent = indent
    self.problem = problem
    self.record = record ?? problem.map { RecordRef($0) }
  }
}

/// The detail of a consultation as a timeline: each step done (when, by whom, its record), the
/// next step and what it still needs, the steps after it, then the problems it raised.
enum ConsultationTimeline {

  static func lines(
    _ c: Consultation, data: CommitteeState, language: Language, today: Day,
    indexes: SharedIndexes
  ) -> [TimelineLine] {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    func names(_ refs: [RecordRef]) -> String {
      let list = refs.map { data.displayName(of: $0) }
      return list.dropFirst().reduce(list.first ?? "") { t("consultations.minutes.list", $0, $1) }
    }
    var out: [TimelineLine] = [TimelineLine(ConsultationRow.title(c, language), Style(.title, bold: true))]
    let steps = c.details.kind.steps
    var header = [
      t("consultations.detail.kind") + "：" + tr(c.details.kind.nameKey, language),
      t("consultations.detail.format") + "：" + c.details.format.name(in: language),
    ]
    if language == .en {
      header = [
        t("consultations.detail.kind") + ": " + tr(c.details.kind.nameKey, language),
        t("consultations.detail.format") + ": " + c.details.format.name(in: language),
      ]
    }
    let colon = language == .zh ? "：" : ": "
    let separator = language == .zh ? "　" : "  "
    let station = ConsultationRow.station(c, data: data, language: language)
    out.append(
      TimelineLine(
        t("consultations.detail.station") + colon + station + separator + header.joined(separator: separator),
        Style(.dim)))
    if c.details.kind == .crossRegional {
      out.append(
        TimelineLine(
          t("consultations.detail.partners") + colon + names(c.details.partnerRegions.map { RecordRef($0) }),
          Style(.dim)))
      if !c.details.dispatchedMembers.isEmpty {
        out.append(
          TimelineLine(
            t("consultations.detail.dispatched") + colon
              + names(c.details.dispatchedMembers.map { RecordRef($0) }),
            Style(.dim)))
      }
      out.append(
        TimelineLine(
          t("sectors.consultation.level") + colon + tr(c.details.level.nameKey, language), Style(.dim)))
      if !c.details.receivedMembers.isEmpty {
        out.append(
          TimelineLine(
            t("sectors.consultation.receivedShort") + colon
              + c.details.receivedMembers.joined(separator: "、"),
            Style(.dim)))
      }
    }
    // A topic series reads as one thread: its visits and consultations, this one among them.
    for line in SeriesThread.lines(c.details.series, data: data, language: language) {
      out.append(TimelineLine(line, Style(.accent)))
    }
    out.append(
      TimelineLine(
        ConsultationRow.progress(c) + " "
          + t("consultations.detail.progress", String(c.completed.count), String(steps.count)), Style(.accent)
      ))
    out.append(TimelineLine(""))
    for (index, done) in c.completed.enumerated() {
      let when = stamp(done.at)
      out.append(
        TimelineLine(
          "● \(index + 1) " + t("consultations.detail.done", tr(done.step.nameKey, language), when, done.by),
          Style(.ok, bold: true)))
      for text in recordLines(done.record, data: data, language: language, names: names) {
        out.append(TimelineLine(text, .normal, indent: 4))
      }
    }
    if let next = c.nextStep, let nextIndex = steps.firstIndex(of: next) {
      out.append(
        TimelineLine(
          "▶ \(nextIndex + 1) " + t("consultations.detail.next", tr(next.nameKey, language)),
          Style(.warning, bold: true)))
      out.append(TimelineLine(t("consultations.needs.\(next.recordKind)"), Style(.hint), indent: 4))
      for (offset, later) in steps.dropFirst(nextIndex + 1).enumerated() {
        out.append(TimelineLine("○ \(nextIndex + 2 + offset) " + tr(later.nameKey, language), Style(.dim)))
      }
    } else {
      out.append(TimelineLine(t("consultations.detail.finished"), Style(.ok)))
    }
    if !c.addedVisits.isEmpty {
      out.append(TimelineLine(t("sectors.visit.added", String(c.addedVisits.count)), Style(.title)))
      for visit in c.addedVisits {
        out.append(
          TimelineLine(
            t(
              "consultations.detail.visit", visit.date.description, visit.place, visit.people, visit.findings),
            .normal, indent: 4))
      }
    }
    out.append(TimelineLine(""))
    let problems = indexes.problems(from: .consultation(c.id), in: data)
    let solved = problems.filter { $0.status == .closed }.count
    out.append(
      TimelineLine(
        t("consultations.detail.problems", String(problems.count), String(solved)), Style(.title, bold: true))
    )
    if problems.isEmpty {
      out.append(TimelineLine(t("consultations.detail.noProblems"), Style(.dim), indent: 2))
    }
    for problem in problems {
      var status = tr(problem.status.nameKey, language)
      if problem.isOverdue(today: today) { status += " " + t("consultations.detail.overdue") }
      let style = problem.isOverdue(today: today) ? Style(.overdue) : Style.normal
      out.append(
        TimelineLine(
          "[\(status)] " + problem.title, style, indent: 2, problem: problem.id))
    }
    return out
  }

  /// "2026-02-25 20:00" in Beijing time, where the committee works and the Domain dates its steps
  /// (UTC put a morning's step on the day before): the timeline is drawn beside the list on every
  /// move, and a `DateFormatter` made per call cost more than the rest of the timeline.
  static func stamp(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + TimeZone.working.secondsFromGMT(for: date)
    let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
    let (day, second) = rest < 0 ? (days - 1, rest + 86_400) : (days, rest)
    let minutes = second / 60
    let hh = minutes / 60
    let mm = minutes % 60
    return "\(Day(daysSinceEpoch: day)) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
  }

  static func recordLines(
    _ record: StepRecord, data: CommitteeState, language: Language, names: ([RecordRef]) -> String
  ) -> [String] {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    let list = { (items: [String]) in
      items.dropFirst().reduce(items.first ?? "") { t("consultations.minutes.list", $0, $1) }
    }
    switch record {
    case .topics(let topics):
      return [t("consultations.detail.candidates", list(topics.filter { !$0.isEmpty }))]
    case .confirmedTopic(let topic):
      return [t("consultations.detail.confirmed", topic)]
    case .research(let visits):
      return visits.map {
        t("consultations.detail.visit", $0.date.description, $0.place, $0.people, $0.findings)
      }
    case .meeting(let meeting):
      var lines = [t("consultations.detail.meeting", meeting.date.description, meeting.place, meeting.host)]
      if !meeting.members.isEmpty {
        lines.append(t("consultations.detail.members", names(meeting.members.map { RecordRef($0) })))
      }
      if !meeting.departments.isEmpty {
        lines.append(t("consultations.detail.departments", names(meeting.departments.map { RecordRef($0) })))
      }
      if !meeting.residents.isEmpty { lines.append(t("consultations.detail.residents", meeting.residents)) }
      if meeting.minutes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        lines.append(t("consultations.detail.noMinutes"))
      } else {
        let shown = meeting.minutes.split(separator: "\n").prefix(3).joined(separator: " / ")
        lines.append(
          t("consultations.detail.minutes", shown) + " "
            + t("consultations.detail.minutesMore", String(meeting.minutes.count)))
      }
      return lines
    case .outcome(let outcome):
      var lines = [t("consultations.detail.outcome", outcome.text)]
      if !outcome.departments.isEmpty {
        lines.append(t("consultations.detail.outcomeTo", names(outcome.departments.map { RecordRef($0) })))
      }
      return lines
    case .followUp(let followUp):
      return [t("consultations.detail.followUp", followUp.date.description, followUp.finding)]
    case .evaluation(let text):
      return [t("consultations.detail.evaluation", text)]
    }
  }

  /// The lines wrapped to `width` columns; each screen line keeps the index of its logical line.
  /// Draws timeline lines with a cursor on one of them: the head stays in view while the cursor
  /// fits, and the view scrolls only as far as the cursor needs. The cursor shows on any line but
  /// the heading, and on the heading too when it stands for a record.
  static func draw(_ lines: [TimelineLine], cursor: Int, into canvas: inout Canvas, rect: Rect) {
    guard !lines.isEmpty else { return }
    let inner = Rect(x: rect.x + 1, y: rect.y, width: max(1, rect.width - 2), height: rect.height)
    let wrapped = wrap(lines, width: inner.width)
    let cursor = min(max(0, cursor), lines.count - 1)
    let cursorFirst = wrapped.firstIndex { $0.line == cursor } ?? 0
    let cursorLast = wrapped.lastIndex { $0.line == cursor } ?? 0
    var start = 0
    if cursorLast >= inner.height { start = min(cursorFirst, cursorLast - inner.height + 1) }
    for row in 0..<inner.height {
      let index = start + row
      guard index < wrapped.count else { break }
      let piece = wrapped[index]
      let line = lines[piece.line]
      var style = line.style
      if piece.line == cursor && (line.record != nil || cursor > 0) {
        style = Style(.selected, bold: line.record != nil, reverse: true)
        canvas.fill(Rect(x: rect.x, y: inner.y + row, width: rect.width, height: 1), style: style)
      }
      canvas.write(piece.text, x: inner.x, y: inner.y + row, style: style, limit: inner.width)
    }
  }

  static func wrap(_ lines: [TimelineLine], width: Int) -> [(line: Int, text: String)] {
    var out: [(Int, String)] = []
    for (index, line) in lines.enumerated() {
      let room = max(1, width - line.indent)
      let pad = String(repeating: " ", count: line.indent)
      let wrapped = line.text.isEmpty ? [""] : Text.wrapForDisplay(line.text, to: room)
      for piece in wrapped { out.append((index, pad + piece)) }
    }
    return out
  }
}
