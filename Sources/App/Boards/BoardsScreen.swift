import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// The status boards a head governs by: the figures of a period (this year by default, a quarter,
/// a month, a range, all time), their trends month by month, and a breakdown by department,
/// station, sector, special committee, river or member. Enter on a line opens the problems behind
/// it; Esc comes back with the line still selected.
///
/// The counts come from a `BoardTally` that follows each change's records (`context.changes`),
/// so neither a change nor a new period recounts the committee.
public struct BoardsScreen: SectionScreen {
  /// The period shown and the small forms (a range, an export).
  var controls = BoardControls(section: .boards)
  /// The period shown; nil: this year.
  public var period: Period? { controls.period }
  public internal(set) var breakdown: BreakdownKind = .department
  public internal(set) var trendMonths = 12
  /// The selected line of the breakdown.
  public internal(set) var selection = 0
  public internal(set) var showDefinitions = false
  /// The first line of the definitions shown.
  public internal(set) var definitionsScroll = 0
  public internal(set) var drill: BoardsDrill?
  /// The supervision topics behind a supervision figure (`S`).
  public internal(set) var topics: SupervisionDrill?
  /// A city committee's roll-up of the database's committees (`c`, read-only).
  var rollup: RollupView?
  public internal(set) var model: BoardsModel?
  var modelVersion = -1
  var modelToday: Day?
  /// Made from the empty tally of a count still running: made again once it is done.
  var modelWhileCounting = false

  public init() {}

  public var capturesText: Bool { controls.session != nil }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let session = controls.session { return session.keyContexts }
    if showDefinitions { return [.boardsDefinitions] }
    if topics != nil { return [.boardsTopics] }
    if rollup != nil { return [.boardsRollup] }
    return drill == nil ? [.boards, .views] : [.boardsDrill]
  }

  func shownPeriod(_ context: ScreenContext) -> Period { controls.shownPeriod(context) }

  // MARK: Following the data

  public mutating func dataDidChange(context: ScreenContext) { follow(context) }

  /// Reads the shell's tally (kept up to date by the shell while this screen is shown) again
  /// when the data or the day moved.
  mutating func follow(_ context: ScreenContext) {
    if modelVersion == context.dataVersion, model != nil, modelWhileCounting == (context.tallyProgress != nil)
    {
      if modelToday != context.today { refreshModel(context) }
      return
    }
    refreshModel(context)
    if let open = drill {
      var again = BoardsDrill(
        facet: open.facet, name: open.name, data: context.data, period: shownPeriod(context),
        today: context.today)
      again.selection = min(open.selection, max(0, again.rows.count - 1))
      again.top = min(open.top, again.selection)
      drill = again
    }
    topics = topics?.again(data: context.data, period: shownPeriod(context), today: context.today)
  }

  mutating func refreshModel(_ context: ScreenContext) {
    model = BoardsModel(
      tally: context.boardTally, data: context.data, period: shownPeriod(context), breakdown: breakdown,
      months: trendMonths,
      today: context.today)
    modelToday = context.today
    modelWhileCounting = context.tallyProgress != nil
    modelVersion = context.dataVersion
    selection = min(selection, max(0, (model?.lines.count ?? 1) - 1))
  }

  // MARK: Keys

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    follow(context)
    if showDefinitions {
      return Self.scrollDefinitions(
        action, scroll: &definitionsScroll, shown: &showDefinitions, context: context)
    }
    if let result = SupervisionDrill.perform(
      action, on: &topics, period: shownPeriod(context), context: context)
    {
      return result
    }
    if drill != nil { return performInDrill(action, context: context) }
    if rollup != nil { return performInRollup(action, context: context) }
    let lines = model?.lines.count ?? 0
    if controls.perform(action, context: context) {
      selection = 0
      showDefinitions = false
      if controls.session == nil { refreshModel(context) }
      return .handled
    }
    switch action {
    case .boardsExport:
      controls.openExport(context)
      return .handled
    case .boardsRollup:
      // Only a shared database holds other committees; a local store's user is told so.
      guard context.rollupOffered else {
        return ScreenResult(handled: true, message: Message(context.text("rollup.needsShared"), .warning))
      }
      rollup = RollupView()
      return ScreenResult(handled: true, effects: [.readCommittees(tag: RollupView.readTag)])
    case .boardsTopics:
      topics = SupervisionDrill(
        figure: (model?.figures.followUpsOverdue ?? 0) > 0 ? .followUpsOverdue : .decided, data: context.data,
        period: shownPeriod(context), today: context.today)
      return .handled
    case .boardsBreakdown:
      let all = BreakdownKind.allCases
      breakdown = all[((all.firstIndex(of: breakdown) ?? 0) + 1) % all.count]
      selection = 0
    case .boardsTrendLength:
      trendMonths = trendMonths == 12 ? 24 : 12
    case .boardsDefinitions:
      showDefinitions.toggle()
      definitionsScroll = 0
      return .handled
    case .moveDown: selection = min(max(0, lines - 1), selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .first: selection = 0
    case .last: selection = max(0, lines - 1)
    case .open:
      return open(context: context)
    default:
      return .ignored
    }
    showDefinitions = false
    refreshModel(context)
    return .handled
  }

  mutating func open(context: ScreenContext) -> ScreenResult {
    guard let line = model?.lines[safe: selection] else { return .ignored }
    switch line.facet {
    case .member(let id): return .go(.registers, RecordRef(id))
    case .sector(let id): return .go(.registers, RecordRef(id))
    default:
      drill = BoardsDrill(
        facet: line.facet, name: displayName(line, context), data: context.data, period: shownPeriod(context),
        today: context.today)
      return .handled
    }
  }

  /// The roll-up's keys: the period (shared with the boards), moving, export, back. None changes data.
  mutating func performInRollup(_ action: Action, context: ScreenContext) -> ScreenResult {
    guard var open = rollup else { return .ignored }
    if controls.perform(action, context: context) { return .handled }
    if open.move(action) {
      rollup = open
      return .handled
    }
    switch action {
    case .boardsExport:
      // A part of the committees exported as if it were all of them would mislead.
      guard open.isFinished else {
        return ScreenResult(handled: true, message: Message(context.text("shared5.rollup.notYet"), .warning))
      }
      controls.openExport(context)
      return .handled
    case .back:
      // Leaves at once: the reading stops at its next step, on its own thread.
      open.reading?.cancel()
      rollup = nil
      // The boards show the period the roll-up was left on.
      selection = 0
      refreshModel(context)
      return .handled
    default:
      return .ignored
    }
  }

  mutating func performInDrill(_ action: Action, context: ScreenContext) -> ScreenResult {
    guard var open = drill else { return .ignored }
    let page = max(1, context.body.height - 3)
    switch action {
    case .moveDown: open.selection = min(max(0, open.rows.count - 1), open.selection + 1)
    case .moveUp: open.selection = max(0, open.selection - 1)
    case .pageDown: open.selection = min(max(0, open.rows.count - 1), open.selection + page)
    case .pageUp: open.selection = max(0, open.selection - page)
    case .back:
      drill = nil
      return .handled
    case .open:
      guard let row = open.rows[safe: open.selection] else { return .handled }
      return .go(.problems, RecordRef(row.problem))
    default:
      return .ignored
    }
    if open.selection < open.top { open.top = open.selection }
    if open.selection >= open.top + page { open.top = open.selection - page + 1 }
    drill = open
    return .handled
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if case .tick = event {
      follow(context)
      // Not even the committees' names could be read: the roll-up closes and says why.
      if let failure = rollup?.progress.failure {
        rollup = nil
        return ScreenResult(handled: true, message: Message(failure.text(context.language), .error))
      }
    }
    guard controls.session != nil else { return .ignored }
    let before = controls.period
    let model = self.model
    let rollup = self.rollup
    let period = shownPeriod(context)
    let result = controls.handle(event, context: context) {
      if let sheet = rollup?.sheet(period, language: context.language, today: context.today) { return sheet }
      return Self.sheet(model, context: context)
    }
    if controls.period != before {
      selection = 0
      refreshModel(context)
    }
    return result
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .committeesReading(RollupView.readTag, let result) = event {
      switch result {
      case .success(let reading):
        // Left before the reading started: it is not wanted any more.
        guard rollup != nil else {
          reading.cancel()
          return .handled
        }
        rollup?.reading = reading
        return .handled
      case .failure(let error):
        rollup = nil
        return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
      }
    }
    return controls.receive(event, context: context)
  }

  /// This year → this quarter → this month → all time → this year.
  static func nextKind(after period: Period, today: Day) -> Period {
    switch period {
    case .year: return .quarter(year: today.year, quarter: today.quarter)
    case .quarter: return .month(year: today.year, month: today.month)
    case .month: return .allTime
    case .range, .allTime: return .year(today.year)
    }
  }

  func displayName(_ line: BoardsModel.Line, _ context: ScreenContext) -> String {
    if case .source = line.facet { return context.text(line.name) }
    return line.name
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if controls.session != nil { return BoardControls.formHints(context) }
    if showDefinitions { return Self.definitionsHints(context) }
    if topics != nil {
      return Keymap.hints([.open, .boardsTopicsNextFigure, .back], in: .boardsTopics, context.language)
    }
    if drill != nil { return Keymap.hints([.open, .back], in: .boardsDrill, context.language) }
    if rollup != nil {
      return Keymap.hints(
        [.boardsPreviousPeriod, .boardsNextPeriod, .boardsPeriodKind, .boardsExport, .back],
        in: .boardsRollup,
        context.language)
    }
    return Keymap.hints(
      [
        .boardsPreviousPeriod, .boardsPeriodKind, .boardsRange, .boardsBreakdown, .boardsExport,
        .boardsDefinitions,
      ] + (context.rollupOffered ? [.boardsRollup] : []),
      in: .boards,
      context.language)
  }
}

extension BoardsScreen {
  /// The status bar while the definitions are shown.
  static func definitionsHints(_ context: ScreenContext) -> [KeyHint] {
    [KeyHint(key: "↑↓", label: context.text("kit.hint.scroll"))]
      + Keymap.hints([.pageDown, .back], in: .boardsDefinitions, context.language)
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
