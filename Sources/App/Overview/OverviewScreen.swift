import Domain
import Localization
import TerminalCore
import Widgets

/// The overview for heads: how the loops stand (open, overdue, closed, how fast), which problems
/// are most overdue, each department's share, and the consultations, supervision and patrols of
/// the year. ↑/↓ pick an overdue problem; Enter opens it on the problems board.
public struct OverviewScreen: SectionScreen {
  public internal(set) var figures = OverviewFigures()
  var builtVersion = -1
  var builtToday: Day?
  /// The highlighted line of the overdue list.
  public internal(set) var selection = 0

  public init() {}

  public var capturesText: Bool { false }

  public func keyContexts(context: ScreenContext) -> [KeyContext] { [.overview] }

  /// Counted when next shown (a key, a tick or a frame of this section), not on every change
  /// made elsewhere: at a million records a count takes most of a second.
  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuild(context: ScreenContext) {
    figures = OverviewFigures(data: context.data, today: context.today)
    builtVersion = context.dataVersion
    builtToday = context.today
    selection = min(selection, max(0, figures.mostOverdue.count - 1))
  }

  mutating func rebuildIfStale(context: ScreenContext) {
    if builtVersion != context.dataVersion || builtToday != context.today { rebuild(context: context) }
  }

  /// The overview takes no raw keys (it has no text to type).
  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    return .ignored
  }

  /// Moves along the most overdue problems; Enter shows the one chosen on the problems board.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context: context)
    guard !figures.mostOverdue.isEmpty else { return .ignored }
    switch action {
    case .moveDown: selection = min(figures.mostOverdue.count - 1, selection + 1)
    case .moveUp: selection = max(0, selection - 1)
    case .first: selection = 0
    case .open:
      let line = figures.mostOverdue[min(selection, figures.mostOverdue.count - 1)]
      return .go(.problems, RecordRef(line.problem))
    default: return .ignored
    }
    return .handled
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    screen.rebuildIfStale(context: context)
    let figures = screen.figures
    if figures.isEmpty {
      EmptyState.draw(
        title: context.text("section.overview"), text: context.text("empty.overview"), into: &canvas,
        rect: rect)
      return
    }
    let leftWidth = rect.width * 11 / 20
    let left = Rect(x: rect.x + 1, y: rect.y, width: leftWidth - 2, height: rect.height)
    let right = Rect(
      x: rect.x + leftWidth + 1, y: rect.y, width: rect.width - leftWidth - 2, height: rect.height)
    for y in rect.y..<rect.maxY {
      canvas.put(Box.vertical, x: rect.x + leftWidth - 1, y: y, style: Style(.border))
    }
    OverviewDrawing(figures: figures, selection: screen.selection, context: context)
      .drawLoops(into: &canvas, rect: left)
    OverviewDrawing(figures: figures, selection: screen.selection, context: context)
      .drawAreas(into: &canvas, rect: right)
  }
}
