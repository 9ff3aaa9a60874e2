import TerminalCore
import Widgets

extension Action {
  static let consultationsNew = Action("consultations.new")
  static let consultationsAdvance = Action("consultations.advance")
  static let consultationsStepBack = Action("consultations.stepBack")
  /// Cycles the list's facet of where a session stands (its next step, or finished).
  static let consultationsFilterStanding = Action("consultations.filterStanding")
  /// Cycles the list's facet of a session's kind (six steps, seven links).
  static let consultationsFilterKind = Action("consultations.filterKind")
  /// Cycles the list's facet of the street a session's station is in.
  static let consultationsFilterStreet = Action("consultations.filterStreet")
  static let consultationsMinutes = Action("consultations.minutes")
  static let consultationsExport = Action("consultations.export")
  static let consultationsOpenProblem = Action("consultations.openProblem")
  static let consultationsMarkProblem = Action("consultations.markProblem")
  static let consultationsEdit = Action("consultations.edit")
  static let consultationsAddVisit = Action("consultations.addVisit")
  static let consultationsNextProblem = Action("consultations.nextProblem")
}

extension KeyContext {
  /// The consultations list.
  public static let consultations = KeyContext("consultations")
  static let consultationsDetail = KeyContext("consultations.detail")
  static let consultationsMinutes = KeyContext("consultations.minutes")
}

extension Keymap {
  /// The consultations section's own keys (they appear in help, hints and the README).
  static let consultations: [Binding] = [
    Binding([.character("n")], .consultationsNew, .consultations),
    Binding([.enter], .open, .consultations),
    Binding([.character("a")], .consultationsAdvance, .consultations),
    Binding([.character("b")], .consultationsStepBack, .consultations),
    Binding([.character("t")], .consultationsFilterStanding, .consultations),
    Binding([.character("c")], .consultationsFilterKind, .consultations),
    Binding([.character("w")], .consultationsFilterStreet, .consultations),
    Binding([.character("m")], .consultationsMinutes, .consultations),
    Binding([.character("x")], .consultationsExport, .consultations),
    Binding([.character("e")], .consultationsEdit, .consultations),
    Binding([.character("v")], .consultationsAddVisit, .consultations),
    Binding([.character("P")], .fieldworkRaiseProblem, .consultations),
    Binding([.character("p")], .showRecordProblems, .consultations),
    Binding([.enter, .character("o")], .consultationsOpenProblem, .consultationsDetail),
    Binding([.tab], .consultationsNextProblem, .consultationsDetail),
    Binding([.character("a")], .consultationsAdvance, .consultationsDetail),
    Binding([.character("b")], .consultationsStepBack, .consultationsDetail),
    Binding([.character("m")], .consultationsMinutes, .consultationsDetail),
    Binding([.character("x")], .consultationsExport, .consultationsDetail),
    Binding([.character("e")], .consultationsEdit, .consultationsDetail),
    Binding([.character("v")], .consultationsAddVisit, .consultationsDetail),
    Binding([.character("P")], .fieldworkRaiseProblem, .consultationsDetail),
    Binding([.character("p")], .showRecordProblems, .consultationsDetail),
    Binding([.escape], .back, .consultationsDetail),
    Binding([.ctrl("s")], .save, .consultationsMinutes),
    Binding([.ctrl("p")], .consultationsMarkProblem, .consultationsMinutes),
    Binding([.escape], .back, .consultationsMinutes),
  ]

  /// The actions shown in the status bar in each of this section's contexts. The bindings are not
  /// marked `hint`, because the shell shows marked ones on every screen.
  static let consultationHintActions: [KeyContext: [Action]] = [
    .consultations: [.consultationsNew, .consultationsAdvance, .consultationsFilterStanding],
    .consultationsDetail: [.consultationsAdvance, .consultationsMinutes, .consultationsExport, .back],
    .consultationsMinutes: [.save, .consultationsMarkProblem, .back],
  ]

}
