import Domain
import Localization
import TerminalCore
import Widgets

/// This year's supervision on the Overview: the topics by stage (提 议 审 定), the follow-ups (回头看)
/// due this week and overdue, and the evaluations' verdicts (commended, ordered to redo).
struct OverviewSupervisionFigures: Sendable, Equatable {
  var year: Int
  var topics = 0
  var byStage: [Int] = Array(repeating: 0, count: SupervisionStage.allCases.count)
  var followUpsDue = 0
  var followUpsOverdue = 0
  var commended = 0
  /// Topics whose latest verdict is a redo, and the redos ordered in all.
  var redoing = 0
  var redos = 0

  /// A topic is the year's when it is in the year's plan, or (not yet decided) when its latest stage
  /// was recorded that year; a topic just proposed has no stage record yet and counts for today.
  init(data: CommitteeState, today: Day) {
    year = today.year
    for item in data.supervisionItems.values {
      let itemYear = item.planYear ?? item.stageRecords.last?.date.year ?? today.year
      guard itemYear == year else { continue }
      topics += 1
      byStage[Int(item.stage.rawValue)] += 1
      if item.isFollowUpOverdue(today: today) { followUpsOverdue += 1 }
      if item.evaluation?.verdict == .commended { commended += 1 }
      if item.evaluation?.verdict == .orderedToRedo { redoing += 1 }
      redos += item.redoCount
    }
    let week = today.adding(days: 7)
    followUpsDue =
      data.supervisionItems.values.filter { item in
        guard item.awaitsFollowUp, let due = item.followUpDue, !item.isFollowUpOverdue(today: today) else {
          return false
        }
        return due >= today && due <= week
      }.count
  }
}

extension OverviewDrawing {
  /// The supervision block of the Overview's right column: a heading with the year's topics, then
  /// stages, follow-ups and verdicts, joined to the column's width. Overdue follow-ups stand out by
  /// style and, without colour, by their `!`.
  func supervisionYearLines(width: Int) -> [(text: String, style: Style)] {
    let f = OverviewSupervisionFigures(data: context.data, today: context.today)
    var lines: [(String, Style)] = [
      (text("editors.overview.title", String(f.year), String(f.topics)), .normal)
    ]
    let stages = SupervisionStage.allCases.map {
      tr($0.nameKey, language) + " " + String(f.byStage[Int($0.rawValue)])
    }
    for line in Self.join(stages, width: width) { lines.append((line, .normal)) }
    // Follow-ups and verdicts share lines where the column has room; a line holding overdue
    // follow-ups takes the overdue style.
    let overdue =
      (f.followUpsOverdue > 0 ? "! " : "")
      + text("editors.overview.followUpsOverdue", String(f.followUpsOverdue))
    let pieces = [
      text("editors.overview.followUpsDue", String(f.followUpsDue)), overdue,
      text("editors.overview.commended", String(f.commended)),
      text("editors.overview.redo", String(f.redoing), String(f.redos)),
    ]
    for line in Self.join(pieces, width: width) {
      let late = f.followUpsOverdue > 0 && line.contains(overdue)
      lines.append((line, late ? Style(.overdue, bold: true) : .normal))
    }
    return lines
  }
}
