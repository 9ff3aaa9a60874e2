import TerminalCore

extension Action {
  /// Opens the form of the next step of the selected problem's loop.
  public static let problemsNextStep = Action("advance")
  /// Cycles the status facet of the problems list (each status, then open ones, then all).
  public static let problemsFilterStatus = Action("problems.filterStatus")
  /// Cycles the department facet of the problems list.
  public static let problemsFilterDepartment = Action("problems.filterDepartment")
  /// Cycles the source-kind facet of the problems list.
  public static let problemsFilterSource = Action("problems.filterSource")
  /// Shows only overdue problems, or all again.
  public static let problemsFilterOverdue = Action("problems.filterOverdue")
  /// Clears every facet, the text filter and a jump's source record.
  public static let problemsClearFilters = Action("problems.clearFilters")
  /// Jumps from a record to where it came from (a problem to its consultation, patrol, …).
  public static let problemsJumpToSource = Action("problems.jumpToSource")
  /// Opens the form of one step of the loop on the selected problem.
  public static let problemsAssign = Action("problems.step.assign")
  public static let problemsReply = Action("problems.step.reply")
  public static let problemsFeedBack = Action("problems.step.feedBack")
  public static let problemsFollowUp = Action("problems.step.followUp")
  public static let problemsEvaluate = Action("problems.step.evaluate")
  public static let problemsClose = Action("problems.step.close")
  public static let problemsRedo = Action("problems.step.redo")
}

extension ProblemAction {
  /// The action whose key opens this step's form.
  var keyAction: Action {
    switch self {
    case .assign: .problemsAssign
    case .reply: .problemsReply
    case .feedBack: .problemsFeedBack
    case .followUp: .problemsFollowUp
    case .evaluate: .problemsEvaluate
    case .close: .problemsClose
    case .redo: .problemsRedo
    }
  }

  /// The step a key stands for, if it stands for one.
  init?(keyAction action: Action) {
    guard let step = Self.allCases.first(where: { $0.keyAction == action }) else { return nil }
    self = step
  }
}

extension KeyContext {
  /// The problems list and a problem's detail (the kit's `.list` and `.detail` keys besides).
  public static let problems = KeyContext("problems")
}

extension Keymap {
  /// The problems section's own keys, on the list and on a problem's detail alike (they appear in
  /// help, hints and the README).
  static let problems: [Binding] = [
    Binding([.character("a")], .problemsNextStep, .problems),
    Binding([.character("t")], .problemsFilterStatus, .problems),
    Binding([.character("b")], .problemsFilterDepartment, .problems),
    Binding([.character("c")], .problemsFilterSource, .problems),
    Binding([.character("!")], .problemsFilterOverdue, .problems),
    Binding([.character("z")], .problemsClearFilters, .problems),
    Binding([.character("o")], .problemsJumpToSource, .problems),
    // The help's full text does not fit an 80-column status bar in English, which then showed no key.
    Binding(
      [.character("n")], .fieldworkNew, .problems, help: "action.problems.raiseAnySource",
      hintLabel: "fieldwork.form.raise"),
    Binding([.character("d")], .problemsAssign, .problems, help: "problems.action.assign"),
    Binding([.character("r")], .problemsReply, .problems, help: "problems.action.reply"),
    Binding([.character("f")], .problemsFeedBack, .problems, help: "problems.action.feedBack"),
    Binding([.character("l")], .problemsFollowUp, .problems, help: "problems.action.followUp"),
    Binding([.character("e")], .problemsEvaluate, .problems, help: "problems.action.evaluate"),
    // x exports in every other section; closing ends the loop, so it is a capital as R (redo) is.
    Binding([.character("X")], .problemsClose, .problems, help: "problems.action.close"),
    Binding([.character("R")], .problemsRedo, .problems, help: "problems.action.redo"),
    Binding([.character("x")], .listExport, .problems),
  ]
}
