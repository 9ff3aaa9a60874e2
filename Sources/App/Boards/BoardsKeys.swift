import TerminalCore
import Widgets

extension Action {
  /// The period before / after the shown one (a year, a quarter, a month, a range of the same length).
  public static let boardsPreviousPeriod = Action("boards.previousPeriod")
  public static let boardsNextPeriod = Action("boards.nextPeriod")
  /// Year → quarter → month → all time → year, around today.
  public static let boardsPeriodKind = Action("boards.periodKind")
  /// Back to this year.
  public static let boardsThisYear = Action("boards.thisYear")
  /// The next breakdown: departments, stations, sectors, special committees, rivers, members.
  public static let boardsBreakdown = Action("boards.breakdown")
  /// 12 or 24 months of trends.
  public static let boardsTrendLength = Action("boards.trendLength")
  /// How each figure is counted.
  public static let boardsDefinitions = Action("boards.definitions")
  /// A city committee's roll-up: every committee of the shared database side by side (read-only).
  public static let boardsRollup = Action("boards.rollup")
}

extension KeyContext {
  /// The status boards: figures of a period, trends and a breakdown.
  public static let boards = KeyContext("boards")
  /// The problems behind a line of a breakdown.
  public static let boardsDrill = KeyContext("boardsDrill")
}

extension Keymap {
  /// The boards' own keys (they appear in help, hints and the README).
  static let boards: [Binding] = [
    Binding([.character("["), .left], .boardsPreviousPeriod, .boards),
    Binding([.character("]"), .right], .boardsNextPeriod, .boards),
    Binding([.character("p")], .boardsPeriodKind, .boards),
    Binding([.character("y")], .boardsThisYear, .boards),
    Binding([.character("b")], .boardsBreakdown, .boards),
    Binding([.character("t")], .boardsTrendLength, .boards),
    Binding([.character("d")], .boardsDefinitions, .boards),
    Binding([.character("r")], .boardsRange, .boards),
    Binding([.character("x")], .boardsExport, .boards),
    Binding([.character("c")], .boardsRollup, .boards),
    Binding([.character("j"), .down], .moveDown, .boards),
    Binding([.character("k"), .up], .moveUp, .boards),
    Binding([.character("g"), .home], .first, .boards),
    Binding([.character("G"), .end], .last, .boards),
    Binding([.enter], .open, .boards),
    Binding([.character("j"), .down], .moveDown, .boardsDrill),
    Binding([.character("k"), .up], .moveUp, .boardsDrill),
    Binding([.pageDown, .ctrl("f")], .pageDown, .boardsDrill),
    Binding([.pageUp, .ctrl("b")], .pageUp, .boardsDrill),
    Binding([.enter], .open, .boardsDrill),
    Binding([.escape], .back, .boardsDrill),
  ]
}

extension KeyContext {
  /// The roll-up of the database's committees: the period keys, moving, export; nothing changes data.
  public static let boardsRollup = KeyContext("boardsRollup")
}

extension Keymap {
  /// The roll-up's keys: the boards' period keys and export, and moving through the committees.
  static let boardsRollup: [Binding] = [
    Binding([.character("["), .left], .boardsPreviousPeriod, .boardsRollup),
    Binding([.character("]"), .right], .boardsNextPeriod, .boardsRollup),
    Binding([.character("p")], .boardsPeriodKind, .boardsRollup),
    Binding([.character("y")], .boardsThisYear, .boardsRollup),
    Binding([.character("x")], .boardsExport, .boardsRollup),
    Binding([.character("j"), .down], .moveDown, .boardsRollup),
    Binding([.character("k"), .up], .moveUp, .boardsRollup),
    Binding([.character("g"), .home], .first, .boardsRollup),
    Binding([.character("G"), .end], .last, .boardsRollup),
    Binding([.escape, .character("c")], .back, .boardsRollup),
  ]
}

extension KeyContext {
  /// How each figure is counted, shown over a board or the Overview: the moving keys scroll it.
  public static let boardsDefinitions = KeyContext("boardsDefinitions")
}

extension Keymap {
  /// The definitions' keys: they scroll at any terminal size; d or Esc closes them.
  static let boardsDefinitions: [Binding] = [
    Binding([.character("j"), .down], .moveDown, .boardsDefinitions),
    Binding([.character("k"), .up], .moveUp, .boardsDefinitions),
    Binding([.pageDown, .ctrl("f"), .character(" ")], .pageDown, .boardsDefinitions),
    Binding([.pageUp, .ctrl("b")], .pageUp, .boardsDefinitions),
    Binding([.character("g"), .home], .first, .boardsDefinitions),
    Binding([.character("G"), .end], .last, .boardsDefinitions),
    Binding([.character("d"), .escape], .back, .boardsDefinitions),
  ]
}

extension BoardsScreen {
  /// A key while the definitions are shown: it scrolls them (kept within their lines), or closes them.
  static func scrollDefinitions(
    _ action: Action, scroll: inout Int, shown: inout Bool, context: ScreenContext
  ) -> ScreenResult {
    let page = max(1, Box.inner(definitionsBox(context.body)).height - 1)
    let top = definitionsTop(scroll, rect: context.body, context: context)
    switch action {
    case .moveDown: scroll = top + 1
    case .moveUp: scroll = top - 1
    case .pageDown: scroll = top + page
    case .pageUp: scroll = top - page
    case .first: scroll = 0
    case .last: scroll = Int.max / 2
    case .back:
      shown = false
      scroll = 0
      return .handled
    default: return .ignored
    }
    scroll = definitionsTop(max(0, scroll), rect: context.body, context: context)
    return .handled
  }
}
