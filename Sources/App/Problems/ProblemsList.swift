import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// The spec of the problems list (问题, see `RecordListSpec`): every problem of the closed loop with
/// its status, department, due day (overdue ones marked, with days late), source, redo count and
/// who raised it; the problem's facts, its loop so far and the steps the user may take beside it.
/// The rows are `ProblemRows`, a source for a million problems that follows each change.
enum ProblemsList: RecordListSpec {
  static let section = Section.problems
  static let keyContext = KeyContext.problems
  static let emptyTextKey = "empty.problems"
  static let noRowsKey = "problems.board.noMatch"
  /// By due day, the nearest first, as the board always opened.
  static let initialSort: TableSort? = TableSort(column: ProblemRows.Column.due.rawValue)
  static var detailHintActions: [Action] { [.problemsNextStep, .problemsJumpToSource] }

  static func columns(context: ScreenContext) -> [TableColumn] {
    ProblemRows.columns(
      context.language, besideDetail: RecordListLayout(body: context.body).detail != nil)
  }

  static func rows(context: ScreenContext) -> ProblemRows { ProblemRows(context: context) }

  static func update(_ rows: inout ProblemRows, builtAt version: Int, context: ScreenContext) {
    rows.update(builtAt: version, context: context)
  }

  /// "12 in all · 9 open · 2 overdue", over every problem whatever the facets.
  static func summary(context: ScreenContext) -> String {
    let data = context.data
    let overdue = data.openProblemsByDue.keys.filter { $0 < context.today }
      .reduce(0) { $0 + (data.openProblemsByDue[$1]?.count ?? 0) }
    return context.text(
      "problems.board.counts", String(data.problems.count),
      String(data.problems.count - (data.problemsByStatus[.closed]?.count ?? 0)), String(overdue))
  }

  /// Status (then "open": all but closed), department, source kind and overdue, each cycled by
  /// its key as the board's filters were.
  static func facets(context: ScreenContext) -> [RecordFacet] {
    let data = context.data
    return ProblemFacet.allCases.map { facet in
      switch facet {
      case .status:
        return RecordFacet(
          action: .problemsFilterStatus, title: context.text("problems.column.status"),
          options: ProblemStatus.allCases.map { context.text($0.nameKey) } + [
            context.text("problems.filter.open")
          ])
      case .department:
        return RecordFacet(
          action: .problemsFilterDepartment, title: context.text("problems.column.department"),
          options: ProblemIndex.departments(in: data).map { data.displayName(of: RecordRef($0)) })
      case .sourceKind:
        return RecordFacet(
          action: .problemsFilterSource, title: context.text("problems.column.source"),
          options: ProblemFacet.sourceKinds.map { context.text($0.nameKey) })
      case .overdue:
        return RecordFacet(
          action: .problemsFilterOverdue, title: context.text("problems.facet.overdue"),
          options: [context.text("problems.filter.yes")])
      }
    }
  }

  /// `o`: the record the problem was raised from, in its section.
  static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    guard action == .problemsJumpToSource else { return .ignored }
    guard let ref, ref.kind == .problem, let problem = context.data.problems[ProblemID(raw: ref.raw)] else {
      return .handled
    }
    let source = problem.source.ref
    guard let section = section(showing: source.kind) else {
      let text = context.text(
        "problems.message.noSection", context.text(source.kind.nameKey), context.data.displayName(of: source))
      return ScreenResult(handled: true, message: Message(text, .info))
    }
    return .go(section, source)
  }

  /// The section that shows a problem's source, if any does.
  static func section(showing kind: RecordKind) -> Section? {
    switch kind {
    case .consultation: return .consultations
    case .supervisionItem: return .supervision
    case .patrol: return .patrols
    case .visit: return .visits
    case .opinionReport: return .reports
    default: return nil
    }
  }

  // MARK: Detail

  static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail? {
    guard ref.kind == .problem, let problem = context.data.problems[ProblemID(raw: ref.raw)] else {
      return nil
    }
    return RecordDetail(
      title: problem.title,
      rows: facts(problem, context: context) + timeline(problem, context: context)
        + steps(problem, context: context))
  }

  /// Status, source, department, due day, who raised it, redo count, ratings, description.
  static func facts(_ problem: Problem, context: ScreenContext) -> [DetailRow] {
    let language = context.language
    func label(_ key: String) -> String { tr("problems.detail.\(key)", language) }
    var rows: [DetailRow] = [
      DetailRow(
        label: label("status"), value: context.name(problem.status.nameKey), style: Style(.accent, bold: true)
      ),
      DetailRow(
        label: label("source"),
        value: context.name(problem.source.ref.kind.nameKey) + (language == .zh ? "·" : " · ")
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
      rows.append(DetailRow(label: label("rating"), value: context.name(rating.nameKey)))
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

  /// The loop so far, one line per step (with its note), then the step it waits for.
  static func timeline(_ problem: Problem, context: ScreenContext) -> [DetailRow] {
    let language = context.language
    var rows = [
      DetailRow(label: "", value: ""),
      DetailRow(
        label: "", value: tr("problems.detail.timeline", language), style: Style(.header, bold: true)),
    ]
    for event in problem.history {
      // The day in China, as the Domain dates the step and the app counts "today" and overdue days.
      let day = Day(workingDayOf: event.at)
      var line = "● \(context.name(event.status.nameKey))  \(event.actor)"
      if !event.note.isEmpty {
        line += (language == .zh ? "：" : ": ") + event.note.replacingOccurrences(of: "\n", with: " ")
      }
      rows.append(
        DetailRow(label: day.description, value: line, style: event.status == .closed ? Style(.ok) : .normal))
    }
    if let next = problem.status.next, problem.status != .closed {
      rows.append(
        DetailRow(
          label: "", value: "○ " + tr("problems.detail.next", language, tr(next.nameKey, language)),
          style: Style(.dim)))
    }
    return rows
  }

  /// Every step of the loop with its key: the ones this user may take now in bold, the others
  /// dimmed with the reason (the loop is not there yet, or the role they need).
  static func steps(_ problem: Problem, context: ScreenContext) -> [DetailRow] {
    let language = context.language
    var rows = [
      DetailRow(label: "", value: ""),
      DetailRow(label: "", value: tr("problems.detail.actions", language), style: Style(.header, bold: true)),
    ]
    var outOfOrder = false
    for availability in ProblemAction.menu(for: problem, context: context) {
      let step = availability.action
      let key =
        Keymap.bindings(in: .problems).first { $0.action == step.keyAction }?.keys.first?.description ?? ""
      var value = tr(step.labelKey, language)
      if !availability.enabled && !availability.isOutOfOrder { value += " · " + availability.shortReason }
      rows.append(
        DetailRow(
          label: key, value: value,
          style: availability.enabled ? Style(.normal, bold: true) : Style(.dim)))
      outOfOrder = outOfOrder || availability.isOutOfOrder
    }
    if outOfOrder {
      let note = tr("problems.reason.notNow", language, tr(problem.status.nameKey, language))
      rows.append(DetailRow(label: "", value: note, style: Style(.dim)))
    }
    return rows
  }
}
