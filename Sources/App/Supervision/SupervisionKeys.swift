import TerminalCore

extension Action {
  /// Shows the problems raised from a record (a supervision item, a patrol) on the problems board.
  public static let showRecordProblems = Action("records.showProblems")
  static let supervisionPropose = Action("supervision.propose")
  static let supervisionAdvance = Action("supervision.advance")
  static let supervisionResearch = Action("supervision.research")
  static let supervisionBoard = Action("supervision.board")
  static let supervisionPlan = Action("supervision.plan")
  static let supervisionOpenLinked = Action("supervision.openLinked")
  static let supervisionPlanYear = Action("supervision.planYear")
  static let supervisionMarkProblem = Action("supervision.markProblem")
}

extension KeyContext {
  /// The supervision and patrol lists and their details.
  public static let records = KeyContext("records")
  static let supervision = KeyContext("supervision")
  static let supervisionDetail = KeyContext("supervision.detail")
  static let supervisionBoard = KeyContext("supervision.board")
  static let supervisionMinutes = KeyContext("supervision.minutes")
}

extension Keymap {
  /// The supervision section's own keys (they appear in help, hints and the README).
  static let supervision: [Binding] = [
    Binding([.character("p")], .showRecordProblems, .records),
    Binding([.character("n")], .supervisionPropose, .supervision, hint: true),
    Binding([.character("a")], .supervisionAdvance, .supervision, hint: true),
    Binding([.character("r")], .supervisionResearch, .supervision, hint: true),
    Binding([.character("b")], .supervisionBoard, .supervision, hint: true),
    Binding([.character("y")], .supervisionPlan, .supervision, hint: true),
    Binding([.character("a")], .supervisionAdvance, .supervisionDetail, hint: true),
    Binding([.character("r")], .supervisionResearch, .supervisionDetail, hint: true),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionDetail, hint: true),
    Binding([.character("p")], .showRecordProblems, .supervisionDetail),
    Binding([.escape], .back, .supervisionDetail, hint: true),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionBoard, hint: true),
    Binding([.character("<"), .character(">")], .supervisionPlanYear, .supervisionBoard, hint: true),
    Binding([.escape], .back, .supervisionBoard, hint: true),
    Binding([.ctrl("p")], .supervisionMarkProblem, .supervisionMinutes),
  ]
}
