import TerminalCore

extension KeyContext {
  /// The overview's list of the most overdue problems.
  public static let overview = KeyContext("overview")
}

extension Keymap {
  /// The overview section's own keys (they appear in help, hints and the README).
  static let overview: [Binding] = [
    Binding([.character("j"), .down], .moveDown, .overview),
    Binding([.character("k"), .up], .moveUp, .overview),
    Binding([.character("g"), .home], .first, .overview),
    Binding([.character("G"), .end], .last, .overview),
    Binding([.enter], .open, .overview),
    Binding([.character("["), .left], .boardsPreviousPeriod, .overview),
    Binding([.character("]"), .right], .boardsNextPeriod, .overview),
    Binding([.character("p")], .boardsPeriodKind, .overview),
    Binding([.character("y")], .boardsThisYear, .overview),
    Binding([.character("r")], .boardsRange, .overview),
    Binding([.character("x")], .boardsExport, .overview),
    Binding([.character("d")], .boardsDefinitions, .overview),
  ]
}
