import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// The problems section: the board of every problem in its closed loop, a problem's timeline and
/// the steps the user may take next, each through a small form.
public struct ProblemsScreen: SectionScreen {
  enum Mode: Sendable, Equatable { case board, detail }

  var rows = ProblemRows()
  var table = TableState()
  public internal(set) var filters = ProblemFilters()
  var mode: Mode = .board
  /// The problem shown in the detail.
  var detailID: ProblemID?
  /// The highlighted action in the detail's menu.
  var actionSelection = 0
  var openForm: ProblemForm?
  /// `n`: a new problem from any source (issue 10's form, shared with the fieldwork sections).
  var raiseForm: FieldworkForm?
  var builtVersion = -1
  var builtToday: Day?
  var builtLanguage: Language?

  /// Rows of search keys built per idle tick: about 50 ms at a million problems in a release build.
  static let keysPerTick = 10_000

  public init() {}

  public var capturesText: Bool { openForm != nil || raiseForm != nil || table.isEditingFilter }

  /// Raw keys reach the screen only while it takes text: a form, or the board's filter line.
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let openForm { return openForm.session.keyContexts }
    if let raiseForm { return raiseForm.session.keyContexts }
    return mode == .detail ? [.problemsDetail, .records] : [.problems, .records, .list, .views]
  }

  /// The problems shown on the board, top to bottom (for tests and jumps).
  public var shownProblemIDs: [ProblemID] {
    let count = table.count(in: rows)
    return (0..<count).compactMap { rows.position(row: table.row(at: $0)).map { rows.index.ids[$0] } }
  }

  /// The problem under the selection.
  public var selectedProblemID: ProblemID? {
    table.selectedRow(in: rows).flatMap { rows.position(row: $0) }.map { rows.index.ids[$0] }
  }

  // MARK: Data

  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuildIfStale(context: ScreenContext) {
    if builtVersion != context.dataVersion || builtToday != context.today || builtLanguage != context.language
    {
      rebuild(context: context)
    }
  }

  /// Builds the index once per data version, then the rows of the filters.
  mutating func rebuild(context: ScreenContext) {
    // Read the selection before the rows change under the table's order.
    let kept = selectedProblemID
    let oldIDs = rows.index.ids
    // The records changed since the rows were built: the search keys follow just those.
    let touched = builtVersion < 0 ? nil : context.changes.touched(since: builtVersion)
    if builtVersion != context.dataVersion || rows.index.count != context.data.problems.count
      || builtLanguage != context.language
    {
      rows.index = ProblemIndex(data: context.data, language: context.language)
    }
    rows.data = context.data
    rows.language = context.language
    rows.followKeys(from: oldIDs, touched: touched)
    builtVersion = context.dataVersion
    builtToday = context.today
    builtLanguage = context.language
    refilter(context: context, keeping: kept)
  }

  /// The key filters changed (or the data): choose the rows again, then sort and text-filter them.
  mutating func refilter(context: ScreenContext) {
    refilter(context: context, keeping: selectedProblemID)
  }

  mutating func refilter(context: ScreenContext, keeping kept: ProblemID?) {
    rows.today = Int32(truncatingIfNeeded: context.today.daysSinceEpoch)
    rows.positions = rows.index.positions(matching: filters, today: rows.today, data: context.data)
    rows.keys = nil
    if !table.filter.isEmpty || table.isEditingFilter { rows.buildKeys() }
    let board = board(context)
    if table.sort == nil {
      board.setSort(TableSort(column: ProblemRows.Column.due.rawValue), state: &table, source: rows)
    } else {
      board.reload(state: &table, source: rows)
    }
    // The table keeps a row index across the change, which now may be another problem: keep the
    // problem itself, or start from the top.
    if kept.map({ select($0) }) != true {
      table.selection = 0
      table.offset = 0
    }
  }

  func board(_ context: ScreenContext) -> Table {
    ProblemRows.table(
      context.language,
      emptyText: tr(
        rows.index.count == 0 ? "problems.board.none" : "problems.board.noMatch", context.language))
  }

  /// Moves the selection to a problem if it is shown.
  @discardableResult
  mutating func select(_ id: ProblemID) -> Bool {
    guard let row = rows.row(of: id) else { return false }
    let count = table.count(in: rows)
    guard let position = (0..<count).first(where: { table.row(at: $0) == row }) else { return false }
    table.selection = position
    if position < table.offset || position >= table.offset + max(1, table.viewportHeight) {
      table.offset = max(0, position - table.viewportHeight / 2)
    }
    return true
  }

  // MARK: Events

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    table.viewportHeight = Self.boardBodyHeight(for: context.body)
    if case .tick = event {
      // Idle: build a slice of the text-filter keys, so that `/` seldom waits for them.
      if mode == .board && rows.keys == nil { rows.continueKeys(rows: Self.keysPerTick) }
      return .ignored
    }
    if openForm != nil { return handleForm(event, context: context) }
    if raiseForm != nil { return FieldworkForm.handle(event, form: &raiseForm, context: context) }
    guard mode == .board, table.isEditingFilter else { return .ignored }
    switch board(context).handle(event, state: &table, source: rows) {
    case .handled: return .handled
    case .ignored: return .ignored
    case .activated(let row):
      guard let problem = rows.problem(row: row) else { return .handled }
      openDetail(problem.id, context: context)
      return .handled
    }
  }

  /// An action the keymap resolved in the board's or the detail's contexts.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    table.viewportHeight = Self.boardBodyHeight(for: context.body)
    if action == .showHistory {
      let id = mode == .detail ? detailID : selectedProblemID
      guard let id else { return .say(context.text("history.nothingSelected"), .warning) }
      return ScreenResult(handled: true, effects: [.showHistory(RecordRef(id))])
    }
    switch mode {
    case .board: return performOnBoard(action, context: context)
    case .detail: return performOnDetail(action, context: context)
    }
  }

  mutating func performOnBoard(_ action: Action, context: ScreenContext) -> ScreenResult {
    if let result = performBoardAction(action, context: context) { return result }
    if action == .back {
      if board(context).perform(.clearFilter, state: &table, source: rows) == .handled { return .handled }
      guard !filters.isEmpty else { return .ignored }
      filters = ProblemFilters()
      refilter(context: context)
      return .handled
    }
    guard let command = action.listCommand else { return .ignored }
    // The filter keys of a million rows are built when first needed.
    if command == .editFilter, rows.keys == nil { rows.buildKeys() }
    switch board(context).perform(command, state: &table, source: rows) {
    case .handled: return .handled
    case .ignored: return .ignored
    case .activated(let row):
      guard let problem = rows.problem(row: row) else { return .handled }
      openDetail(problem.id, context: context)
      return .handled
    }
  }

  /// The board's own actions (filters, the next step, the jump, a new problem); nil for the list's.
  mutating func performBoardAction(_ action: Action, context: ScreenContext) -> ScreenResult? {
    switch action {
    case .fieldworkNew:
      raiseForm = .raiseProblem(from: nil, member: nil, context: context, section: .problems)
      return .handled
    case .problemsFilterStatus:
      cycleStatus()
    case .problemsFilterDepartment:
      let all: [DepartmentID?] = [nil] + rows.index.departments.map { Optional($0) }
      let at = all.firstIndex(of: filters.department) ?? 0
      filters.department = all[(at + 1) % all.count]
    case .problemsFilterSource:
      let kinds: [RecordKind?] = [nil, .consultation, .supervisionItem, .patrol, .visit, .opinionReport]
      let at = kinds.firstIndex(of: filters.sourceKind) ?? 0
      filters.sourceKind = kinds[(at + 1) % kinds.count]
    case .problemsFilterOverdue:
      filters.overdueOnly.toggle()
    case .problemsClearFilters:
      filters = ProblemFilters()
    case .problemsNextStep:
      guard let id = selectedProblemID else { return .handled }
      return openNextStep(id, context: context)
    case .problemsJumpToSource:
      guard let id = selectedProblemID else { return .handled }
      return jump(from: id, context: context)
    default:
      return nil
    }
    refilter(context: context)
    return .handled
  }

  /// All → each status in loop order → open only → all.
  mutating func cycleStatus() {
    if filters.openOnly {
      filters.openOnly = false
      filters.status = nil
    } else if let status = filters.status {
      filters.status = status.next
      if filters.status == nil { filters.openOnly = true }
    } else {
      filters.status = .raised
    }
  }

  mutating func openDetail(_ id: ProblemID, context: ScreenContext) {
    mode = .detail
    detailID = id
    actionSelection = 0
    if let problem = context.data.problems[id] {
      let menu = ProblemAction.allCases.map { $0.availability(for: problem, context: context) }
      actionSelection =
        Self.preferred(menu).flatMap { choice in menu.firstIndex { $0.action == choice.action } } ?? 0
    }
  }

  /// The step `a` takes: the first one allowed that moves the loop on (reassigning only when
  /// nothing else is allowed).
  static func preferred(_ menu: [ActionAvailability]) -> ActionAvailability? {
    menu.first { $0.enabled && $0.action != .assign } ?? menu.first(where: \.enabled)
  }

  /// The detail's actions: choose a step (↑↓), open it (Enter), the next step (`a`), the jump
  /// to the source (`o`), back to the board (Esc).
  mutating func performOnDetail(_ action: Action, context: ScreenContext) -> ScreenResult {
    guard let id = detailID, let problem = context.data.problems[id] else {
      mode = .board
      return .handled
    }
    let count = ProblemAction.allCases.count
    switch action {
    case .back:
      mode = .board
      select(id)
    case .moveDown:
      actionSelection = min(count - 1, actionSelection + 1)
    case .moveUp:
      actionSelection = max(0, actionSelection - 1)
    case .open:
      let step = ProblemAction.allCases[min(max(0, actionSelection), count - 1)]
      return open(step, on: problem, context: context)
    case .problemsNextStep:
      return openNextStep(id, context: context)
    case .problemsJumpToSource:
      return jump(from: id, context: context)
    default:
      return .ignored
    }
    return .handled
  }

  /// Opens the form of the first step the user may take now, or says why there is none.
  mutating func openNextStep(_ id: ProblemID, context: ScreenContext) -> ScreenResult {
    guard let problem = context.data.problems[id] else { return .handled }
    let menu = ProblemAction.allCases.map { $0.availability(for: problem, context: context) }
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

  mutating func open(_ action: ProblemAction, on problem: Problem, context: ScreenContext) -> ScreenResult {
    let availability = action.availability(for: problem, context: context)
    guard availability.enabled else {
      return ScreenResult(handled: true, message: Message(availability.reason, .warning))
    }
    openForm = ProblemForm(action: action, problem: problem, context: context)
    return .handled
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

  func jump(from id: ProblemID, context: ScreenContext) -> ScreenResult {
    guard let problem = context.data.problems[id] else { return .handled }
    let ref = problem.source.ref
    guard let section = Self.section(showing: ref.kind) else {
      let text = tr(
        "problems.message.noSection", context.language, tr(ref.kind.nameKey, context.language),
        context.data.displayName(of: ref))
      return ScreenResult(handled: true, message: Message(text, .info))
    }
    return .go(section, ref)
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
    guard case .applied(_, let result) = event else { return .ignored }
    rebuildIfStale(context: context)
    if var open = openForm, let saved = open.session.receive(event, language: context.language) {
      openForm = saved ? nil : open
    }
    if var open = raiseForm, let saved = open.session.receive(event, language: context.language) {
      raiseForm = saved ? nil : open
    }
    switch result {
    case .success(let summary):
      if let id = detailID, mode == .board || context.data.problems[id] != nil { select(id) }
      return .say(tr("message.saved", context.language, summary), .ok)
    case .failure(let error):
      return .say(error.text(context.language), .error)
    }
  }

  // MARK: Jumps here

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    rebuildIfStale(context: context)
    openForm = nil
    if ref.kind == .problem {
      let id = ProblemID(raw: ref.raw)
      if !select(id) {
        filters = ProblemFilters()
        let board = board(context)
        board.setFilter("", state: &table, source: rows)
        refilter(context: context)
        select(id)
      }
      mode = .board
      return
    }
    // A jump from a source record: the board shows that record's problems.
    filters = ProblemFilters()
    filters.source = ref
    mode = .board
    refilter(context: context)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    let language = context.language
    func hint(_ key: String, _ label: String) -> KeyHint { KeyHint(key: key, label: tr(label, language)) }
    if openForm != nil {
      return [hint("Ctrl-S", "action.save"), hint("Esc", "action.cancel"), hint("Tab", "action.nextField")]
    }
    if mode == .detail {
      return [
        hint("↑↓", "problems.hint.choose"), hint("Enter", "action.open"), hint("a", "action.advance"),
        hint("o", "action.problems.jumpToSource"), hint("Esc", "action.back"),
      ]
    }
    if table.isEditingFilter { return [] }
    return [
      hint("/", "action.filter"), hint("s", "action.sort"), hint("Enter", "action.open"),
      hint("a", "action.advance"),
      hint("t", "problems.hint.status"), hint("!", "problems.hint.overdue"),
      hint("o", "action.problems.jumpToSource"),
      hint("?", "action.help"),
    ]
  }
}
