import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// The problems list's facets read as a problem's fields.
struct ChosenFacets: Equatable {
  var status: ProblemStatus?
  /// Every problem not closed (the status facet's last option).
  var openOnly = false
  var department: DepartmentID?
  var sourceKind: RecordKind?
  var overdueOnly = false

  var isEmpty: Bool { self == ChosenFacets() }
}

/// The problems section (问题): the kit's list of every problem in its closed loop
/// (`ProblemsList`), with the problem's detail beside it or on its own, and the steps of the loop
/// each through a small form, opened by their keys from the list or the detail.
public struct ProblemsScreen: SectionScreen {
  /// The list of problems: the kit's, with its facets, sort, text filter, selection and detail.
  var list = RecordListScreen<ProblemsList>()
  var openForm: ProblemForm?
  /// `n`: a new problem from any source (issue 10's form, shared with the fieldwork sections).
  var raiseForm: FieldworkForm?

  public init() {}

  public var keptForm: FormSession? {
    get { openForm?.session ?? raiseForm?.session }
    set {
      guard let newValue else { return }
      if openForm != nil { openForm?.session = newValue } else { raiseForm?.session = newValue }
    }
  }

  public var capturesText: Bool { openForm != nil || raiseForm != nil || list.capturesText }

  /// Raw keys reach the screen only while it takes text: a form, or the list's filter line.
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let openForm { return openForm.session.keyContexts }
    if let raiseForm { return raiseForm.session.keyContexts }
    return list.keyContexts(context: context)
  }

  /// The problems shown in the list, top to bottom (for tests and jumps).
  public var shownProblemIDs: [ProblemID] { list.shownRefs.map { ProblemID(raw: $0.raw) } }

  /// The problem under the selection.
  public var selectedProblemID: ProblemID? { list.selectedRef.map { ProblemID(raw: $0.raw) } }

  /// The problem whose detail has the focus (Enter), if any.
  public var openProblemID: ProblemID? { list.openRecord.map { ProblemID(raw: $0.raw) } }

  /// The problem the keys of a step act on: the one whose detail is open, else the selected one.
  var targetID: ProblemID? { openProblemID ?? selectedProblemID }

  /// The list's rows (the index, the search keys) and its table state (selection, sort, filter).
  var rows: ProblemRows { list.source ?? ProblemRows() }
  var table: TableState { list.table }

  /// The facets chosen, in the problems' own terms (what the board called its filters).
  var filters: ChosenFacets {
    let facets = list.filter.facets
    let departments = rows.index.departments
    var chosen = ChosenFacets()
    if let status = facets[ProblemFacet.status.rawValue] {
      if status == ProblemFacet.openOption { chosen.openOnly = true }
      chosen.status = ProblemStatus.allCases.indices.contains(status) ? ProblemStatus.allCases[status] : nil
    }
    chosen.department = facets[ProblemFacet.department.rawValue].flatMap {
      departments.indices.contains($0) ? departments[$0] : nil
    }
    chosen.sourceKind = facets[ProblemFacet.sourceKind.rawValue].flatMap {
      ProblemFacet.sourceKinds.indices.contains($0) ? ProblemFacet.sourceKinds[$0] : nil
    }
    chosen.overdueOnly = facets[ProblemFacet.overdue.rawValue] != nil
    return chosen
  }

  /// The record a jump came from, whose problems alone are shown (nil: every problem).
  public var fromRecord: RecordRef? { list.source?.fromRecord }

  // MARK: Data

  public mutating func dataDidChange(context: ScreenContext) { list.dataDidChange(context: context) }

  // MARK: Events

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if case .tick = event { return list.handle(event, context: context) }
    if openForm != nil { return handleForm(event, context: context) }
    if raiseForm != nil { return FieldworkForm.handle(event, form: &raiseForm, context: context) }
    return list.handle(event, context: context)
  }

  /// An action the keymap resolved on the list or a problem's detail.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    list.rebuildIfStale(context)
    if let step = ProblemAction(keyAction: action) {
      guard let id = targetID, let problem = context.data.problems[id] else {
        return nothingSelected(context)
      }
      return open(step, on: problem, context: context)
    }
    switch action {
    case .fieldworkNew:
      raiseForm = .raiseProblem(from: nil, member: nil, context: context, section: .problems)
      return .handled
    case .problemsNextStep:
      guard let id = targetID else { return nothingSelected(context) }
      return openNextStep(id, context: context)
    case .problemsClearFilters:
      clearFilters(context: context)
      return .handled
    case .back where list.openRecord == nil:
      let result = list.perform(action, key: key, context: context)
      // Esc clears the text filter, then the facets, then the record a jump came from.
      guard !result.handled, fromRecord != nil else { return result }
      showOnly(from: nil, context: context)
      return .handled
    default:
      return list.perform(action, key: key, context: context)
    }
  }

  func nothingSelected(_ context: ScreenContext) -> ScreenResult {
    .say(context.text("history.nothingSelected"), .warning)
  }

  /// Every facet, the text filter and a jump's source record off: every problem shows.
  mutating func clearFilters(context: ScreenContext) {
    let kept = list.selectedRef
    list.filter.facets = [:]
    list.source?.showOnly(from: nil, problems: [])
    if let view = list.view { list.tableWidget(context).setFilter("", state: &list.table, source: view) }
    list.refilter(context: context, keeping: kept)
  }

  /// Shows only the problems raised from `record` (nil: every problem).
  mutating func showOnly(from record: RecordRef?, context: ScreenContext) {
    let problems = record.map { Array(context.indexes.problemsBySource(context.data)[$0]) } ?? []
    // Read the selection before the rows change under the table's order.
    let kept = list.selectedRef
    list.source?.showOnly(from: record, problems: problems)
    list.refilter(context: context, keeping: kept)
  }

  /// Opens the form of the first step the user may take now, or says why there is none.
  mutating func openNextStep(_ id: ProblemID, context: ScreenContext) -> ScreenResult {
    guard let problem = context.data.problems[id] else { return .handled }
    let menu = ProblemAction.menu(for: problem, context: context)
    if let next = Self.preferred(menu) {
      return open(next.action, on: problem, context: context)
    }
    if problem.status == .closed {
      return ScreenResult(handled: true, message: Message(tr("problems.message.closed", context.language)))
    }
    // The legal step the user may not take: its reason (no account, or the role it needs).
    let legal = menu.first { !$0.isOutOfOrder } ?? menu[0]
    return ScreenResult(handled: true, message: Message(legal.reason, .warning))
  }

  /// The step `a` takes: the first one allowed that moves the loop on (reassigning only when
  /// nothing else is allowed).
  static func preferred(_ menu: [ActionAvailability]) -> ActionAvailability? {
    menu.first { $0.enabled && $0.action != .assign } ?? menu.first(where: \.enabled)
  }

  mutating func open(_ action: ProblemAction, on problem: Problem, context: ScreenContext) -> ScreenResult {
    let availability = action.availability(for: problem, context: context)
    guard availability.enabled else {
      return ScreenResult(handled: true, message: Message(availability.reason, .warning))
    }
    openForm = ProblemForm(action: action, problem: problem, context: context)
    return .handled
  }

  // MARK: Forms

  mutating func handleForm(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var open = openForm else { return .ignored }
    let builder = open
    let step = open.session.handle(event, context: context) { values in
      builder.change(from: values, language: context.language)
    }
    switch step {
    case .open(let handled):
      openForm = open
      return handled ? .handled : .ignored
    case .closed:
      openForm = nil
      return open.session.form.hasChanges ? .say(tr("kit.form.discarded", context.language)) : .handled
    case .save(let effect):
      openForm = open
      return ScreenResult(handled: true, effects: [effect])
    }
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    guard case .applied(_, let result) = event else { return list.receive(event, context: context) }
    list.rebuildIfStale(context)
    if var open = openForm, let saved = open.session.receive(event, language: context.language) {
      openForm = saved ? nil : open
    }
    if var open = raiseForm, let saved = open.session.receive(event, language: context.language) {
      raiseForm = saved ? nil : open
    }
    switch result {
    case .success(let summary): return .say(tr("message.saved", context.language, summary), .ok)
    case .failure(let error): return .say(error.text(context.language), .error)
    }
  }

  // MARK: Jumps here

  /// A problem: selected (every facet off if they hid it). A source record (a consultation, a
  /// patrol, …): the list shows that record's problems.
  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    list.rebuildIfStale(context)
    openForm = nil
    if ref.kind == .problem {
      if list.source?.row(of: ref) == nil, fromRecord != nil { showOnly(from: nil, context: context) }
      list.focus(ref, context: context)
      return
    }
    list.openRecord = nil
    list.filter.facets = [:]
    if let view = list.view { list.tableWidget(context).setFilter("", state: &list.table, source: view) }
    showOnly(from: ref, context: context)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    // Either form takes the keys, so the status bar names the form's keys, not the list's.
    if openForm != nil || raiseForm != nil {
      let language = context.language
      return [
        KeyHint(key: "Ctrl-S", label: tr("action.save", language)),
        KeyHint(key: "Esc", label: tr("action.cancel", language)),
        KeyHint(key: "Tab", label: tr("action.nextField", language)),
      ]
    }
    return list.hints(context: context)
  }
}
