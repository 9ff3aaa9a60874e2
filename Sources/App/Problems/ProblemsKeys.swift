import TerminalCore

extension Action {
  /// Opens the form of the next step of the selected problem's loop.
  public static let problemsNextStep = Action("advance")
  /// Cycles the status filter of the problems board.
  public static let problemsFilterStatus = Action("problems.filterStatus")
  /// Cycles the department filter of the problems board.
  public static let problemsFilterDepartment = Action("problems.filterDepartment")
  /// Cycles the source-kind filter of the problems board.
  public static let problemsFilterSource = Action("problems.filterSource")
  /// Shows only overdue problems, or all again.
  public static let problemsFilterOverdue = Action("problems.filterOverdue")
  /// Clears every filter of the board.
  public static let problemsClearFilters = Action("problems.clearFilters")
  /// Jumps from a record to where it came from (a problem to its consultation, patrol, …).
  public static let problemsJumpToSource = Action("problems.jumpToSource")
}

extension KeyContext {
  /// The problems board and a problem's detail.
  public static let problems = KeyContext("problems")
  /// A problem's detail: its timeline and the menu of next steps.
  public static let problemsDetail = KeyContext("problems.detail")
}

extension Keymap {
  /// The problems section's own keys (they appear in help, hints and the README).
  static let problems: [Binding] = [
    Binding([.character("a")], .problemsNextStep, .problems),
    Binding([.character("t")], .problemsFilterStatus, .problems),
    Binding([.character("b")], .problemsFilterDepartment, .problems),
    Binding([.character("c")], .problemsFilterSource, .problems),
    Binding([.character("!")], .problemsFilterOverdue, .problems),
    Binding([.character("z")], .problemsClearFilters, .problems),
    Binding([.character("o")], .problemsJumpToSource, .problems),
    Binding([.character("n")], .fieldworkNew, .problems, help: "action.problems.raiseAnySource"),
    Binding([.character("j"), .down], .moveDown, .problemsDetail),
    Binding([.character("k"), .up], .moveUp, .problemsDetail),
    Binding([.enter], .open, .problemsDetail),
    Binding([.character("a")], .problemsNextStep, .problemsDetail),
    Binding([.character("o")], .problemsJumpToSource, .problemsDetail),
    Binding([.escape, .backspace], .back, .problemsDetail),
  ]
}
