import Domain
import TerminalCore

extension Action {
  /// A new record of the section (a patrol, a visit, a report); on the problems board, a new problem.
  public static let fieldworkNew = Action("fieldwork.new")
  /// The next step of the selected record (a patrol's next step, a report's next link of its chain).
  public static let fieldworkNextStep = Action("fieldwork.nextStep")
  /// A problem raised from the selected record.
  public static let fieldworkRaiseProblem = Action("fieldwork.raiseProblem")
  /// Opens the selected record's long text (a report's text) in the full-screen editor.
  public static let editLongText = Action("fieldwork.editText")
  /// In the full-screen editor: the sentence at the caret becomes a problem raised from the record.
  public static let markProblemInText = Action("fieldwork.textProblem")
  /// This year's targets of the four double-hundred actions.
  public static let visitsTargets = Action("visits.targets")
  /// Cycles the action facet of the visits list.
  public static let visitsFilterKind = Action("visits.filterKind")
  /// Cycles the status facet of the reports list.
  public static let reportsFilterStatus = Action("reports.filterStatus")
}

extension KeyContext {
  /// The visits list and a visit's detail.
  public static let visits = KeyContext("visits")
  /// The reports list and a report's detail.
  public static let reports = KeyContext("reports")
  /// The full-screen editor of a report's text.
  public static let reportsText = KeyContext("reports.text")
}

extension Keymap {
  /// The patrols' own keys of issue 10 (recording a patrol over time and raising problems from it).
  static let patrolsFieldwork: [Binding] = [
    Binding([.character("n")], .fieldworkNew, .patrols),
    Binding([.character("a")], .fieldworkNextStep, .patrols),
    Binding([.character("P")], .fieldworkRaiseProblem, .patrols),
  ]

  /// The visits section's own keys.
  static let visits: [Binding] = [
    Binding([.character("n")], .fieldworkNew, .visits),
    Binding([.character("P")], .fieldworkRaiseProblem, .visits),
    Binding([.character("p")], .showRecordProblems, .visits),
    Binding([.character("t")], .visitsFilterKind, .visits),
    Binding([.character("y")], .visitsTargets, .visits),
    Binding([.character("x")], .listExport, .visits),
  ]

  /// The reports section's own keys.
  static let reports: [Binding] = [
    Binding([.character("n")], .fieldworkNew, .reports),
    Binding([.character("a")], .fieldworkNextStep, .reports),
    Binding([.character("P")], .fieldworkRaiseProblem, .reports),
    Binding([.character("p")], .showRecordProblems, .reports),
    Binding([.character("t")], .reportsFilterStatus, .reports),
    Binding([.character("e")], .editLongText, .reports),
    Binding([.character("x")], .listExport, .reports),
    Binding([.ctrl("s")], .save, .reportsText),
    Binding([.ctrl("p")], .markProblemInText, .reportsText),
    Binding([.escape], .back, .reportsText),
  ]
}
