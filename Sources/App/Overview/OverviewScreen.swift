import Domain
import Localization
import TerminalCore
import Widgets

/// The overview for heads, for one period (this year by default, named in its title): how the
/// loops stand (open, overdue, closed, how fast), which problems are most overdue, each
/// department's share, and the consultations, supervision and patrols of the period. Its figures
/// are the boards' (the same tally), so the two screens agree. ↑/↓ pick an overdue problem; Enter
/// opens it on the problems board; `[` `]` `p` `y` `r` change the period as on the boards.
public struct OverviewScreen: SectionScreen {
  public internal(set) var figures = OverviewFigures()
  var builtVersion = -1
  var builtToday: Day?
  var builtPeriod: Period?
  /// The data the follow-ups due were counted in (`figures.followUpsDueThisWeek`): the next count
  /// follows the topics the changes since touched.
  var followUpsCountedIn: CommitteeState?
  /// Built from the empty tally of a count still running: built again once it is done.
  var builtWhileCounting = false
  /// The period shown and the small forms (a range, an export).
  var controls = BoardControls(section: .overview)
  /// The highlighted line of the overdue list.
  public internal(set) var selection = 0
  public internal(set) var showDefinitions = false
  /// The first line of the definitions shown.
  public internal(set) var definitionsScroll = 0
  /// The supervision topics behind a supervision figure (`S`).
  public internal(set) var topics: SupervisionDrill?

  public init() {}

  /// A fraction as a whole percentage, for the progress of the count.
  static func percent(_ fraction: Double) -> String { String(Int((fraction * 100).rounded(.down))) }

  /// The period shown; nil: this year.
  public var period: Period? { controls.period }

  public var capturesText: Bool { controls.session != nil }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let session = controls.session { return session.keyContexts }
    if showDefinitions { return [.boardsDefinitions] }
    return topics != nil ? [.boardsTopics] : [.overview, .views]
  }

  /// Counted from the shell's tally when the data changes while this is shown, or when it is shown.
  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuild(context: ScreenContext) {
    let period = controls.shownPeriod(context)
    // A change of period keeps what does not hang on the period; a change of the data reads again
    // only the topics it touched.
    var followUpsDue: Int?
    if builtToday == context.today, let counted = followUpsCountedIn {
      if builtVersion == context.dataVersion {
        followUpsDue = figures.followUpsDueThisWeek
      } else if let touched = context.changes.touched(since: builtVersion) {
        followUpsDue = OverviewFigures.followUpsDue(
          following: figures.followUpsDueThisWeek, from: counted, to: context.data, touched: touched,
          today: context.today)
      }
    }
    // While the boards' count runs the Overview shows how far it is, not its figures: the rivers'
    // water summaries (a pass over every patrol, made in the background meanwhile) wait until it is
    // done, so that a large store's first screen does not wait for them.
    figures = OverviewFigures(
      tally: context.boardTally, data: context.data, period: period, today: context.today,
      indexes: context.indexes, followUpsDue: followUpsDue, summarizeRivers: context.tallyProgress == nil)
    builtVersion = context.dataVersion
    builtToday = context.today
    builtPeriod = period
    followUpsCountedIn = context.data
    topics = topics?.again(data: context.data, period: period, today: context.today)
    builtWhileCounting = context.tallyProgress != nil
    selection = min(selection, max(0, figures.mostOverdue.count - 1))
  }

  mutating func rebuildIfStale(context: ScreenContext) {
    if builtVersion != context.dataVersion || builtToday != context.today
      || builtPeriod != controls.shownPeriod(context) || builtWhileCounting != (context.tallyProgress != nil)
    {
      rebuild(context: context)
    }
  }

  /// Raw keys go to an open form; a tick catches up with the day.
  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    guard controls.session != nil else { return .ignored }
    let figures = self.figures
    let result = controls.handle(event, context: context) { Self.sheet(figures, context: context) }
    rebuildIfStale(context: context)
    return result
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    controls.receive(event, context: context)
  }

  /// The period keys, the export, the definitions; moving along the most overdue problems, Enter
  /// shows the one chosen on the problems board.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    if showDefinitions {
      return BoardsScreen.scrollDefinitions(
        action, scroll: &definitionsScroll, shown: &showDefinitions, context: context)
    }
    if let result = SupervisionDrill.perform(
      action, on: &topics, period: controls.shownPeriod(context), context: context)
    {
      return result
    }
    if controls.perform(action, context: context) {
      selection = 0
      showDefinitions = false
      rebuildIfStale(context: context)
      return .handled
    }
    switch action {
    case .boardsExport:
      controls.openExport(context)
      return .handled
    case .boardsTopics:
      topics = SupervisionDrill(
        figure: figures.headline.followUpsOverdue > 0 ? .followUpsOverdue : .decided, data: context.data,
        period: controls.shownPeriod(context), today: context.today)
      return .handled
    case .boardsDefinitions:
      showDefinitions.toggle()
      definitionsScroll = 0
      return .handled
    default: break
    }
    guard !figures.mostOverdue.isEmpty else { return .ignored }
    switch action {
    case .moveDown: selection = min(figures.mostOverdue.count - 1, selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .first: selection = 0
    case .last: selection = figures.mostOverdue.count - 1
    case .open:
      let line = figures.mostOverdue[min(selection, figures.mostOverdue.count - 1)]
      return .go(.problems, RecordRef(line.problem))
    default: return .ignored
    }
    return .handled
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if controls.session != nil { return BoardControls.formHints(context) }
    if showDefinitions { return BoardsScreen.definitionsHints(context) }
    if topics != nil {
      return Keymap.hints([.open, .boardsTopicsNextFigure, .back], in: .boardsTopics, context.language)
    }
    return Keymap.hints(
      [.boardsPeriodKind, .boardsRange, .boardsExport, .boardsDefinitions, .boardsTopics],
      in: .overview, context.language)
  }

  /// The title: the section and the period.
  static func title(_ figures: OverviewFigures, context: ScreenContext) -> String {
    context.text("section.overview") + " · " + figures.period.title(in: context.language)
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    screen.rebuildIfStale(context: context)
    let figures = screen.figures
    if let progress = context.tallyProgress {
      EmptyState.draw(
        title: context.text("section.overview"), text: context.text("speed.counting", Self.percent(progress)),
        into: &canvas, rect: rect)
      return
    }
    if figures.committeeIsEmpty {
      EmptyState.draw(
        title: context.text("section.overview"), text: context.text("empty.overview"), into: &canvas,
        rect: rect)
      return
    }
    guard rect.height > 2 else { return }
    if let topics = screen.topics {
      topics.draw(into: &canvas, rect: rect, period: figures.period, context: context)
      return
    }
    canvas.write(
      Text.truncate(Self.title(figures, context: context), to: rect.width - 2), x: rect.x + 1, y: rect.y,
      style: Style(.title, bold: true))
    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    let leftWidth = body.width * 11 / 20
    let left = Rect(x: body.x + 1, y: body.y, width: leftWidth - 2, height: body.height)
    let right = Rect(
      x: body.x + leftWidth + 1, y: body.y, width: body.width - leftWidth - 2, height: body.height)
    for y in body.y..<body.maxY {
      canvas.put(Box.vertical, x: body.x + leftWidth - 1, y: y, style: Style(.border))
    }
    OverviewDrawing(figures: figures, selection: screen.selection, context: context)
      .drawLoops(into: &canvas, rect: left)
    OverviewDrawing(figures: figures, selection: screen.selection, context: context)
      .drawAreas(into: &canvas, rect: right)
    if screen.showDefinitions {
      BoardsScreen.drawDefinitions(
        into: &canvas, rect: rect, context: context, scroll: screen.definitionsScroll)
    }
    screen.controls.draw(into: &canvas, rect: rect, context: context)
  }
}

extension OverviewScreen {
  /// What the Overview shows, for `x`: its title, the period's figures (as the boards name them),
  /// and the departments' table.
  static func sheet(_ figures: OverviewFigures, context: ScreenContext) -> BoardSheet {
    let headline = BoardsScreen.headline(figures.headline, context: context).flatMap { $0 }
    let open = (context.text("boards.fig.open"), String(figures.headline.open))
    return BoardSheet(
      title: title(figures, context: context),
      figures: [open] + headline.map { (context.text($0.key), $0.value) },
      tableTitle: context.text("overview.departments.title"),
      header: ["name", "assigned", "overdue", "closed", "redo"].map {
        context.text("overview.departments.\($0)")
      },
      rows: figures.departments.map {
        [
          $0.name, String($0.figures.assigned), String($0.figures.overdue), String($0.figures.closed),
          String($0.figures.redone),
        ]
      })
  }
}
