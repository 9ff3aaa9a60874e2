import Domain
import Localization
import TerminalCore
import Widgets

extension Action {
  static let supervisionPropose = Action("supervision.propose")
  /// Corrects or completes a topic's proposal: title, background, proposers, committee, teams, places.
  static let supervisionEdit = Action("supervision.edit")
  static let supervisionAdvance = Action("supervision.advance")
  static let supervisionResearch = Action("supervision.research")
  static let supervisionBoard = Action("supervision.board")
  static let supervisionPlan = Action("supervision.plan")
  static let supervisionOpenLinked = Action("supervision.openLinked")
  static let supervisionPlanYear = Action("supervision.planYear")
  static let supervisionMarkProblem = Action("supervision.markProblem")
  static let supervisionMinutes = Action("supervision.minutes")
  /// Cycles the list's facet of where a topic stands.
  static let supervisionFilterStage = Action("supervision.filterStage")
  /// Moves the cursor of a timeline or the board to the next line that opens a record.
  static let supervisionNextLinked = Action("supervision.nextLinked")
}

extension KeyContext {
  /// The supervision list.
  public static let supervision = KeyContext("supervision")
  static let supervisionDetail = KeyContext("supervision.detail")
  static let supervisionBoard = KeyContext("supervision.board")
  static let supervisionMinutes = KeyContext("supervision.minutes")
}

extension Keymap {
  /// The supervision section's own keys (they appear in help, hints and the README).
  static let supervision: [Binding] = [
    Binding([.character("p")], .showRecordProblems, .supervision),
    Binding([.character("n")], .supervisionPropose, .supervision),
    Binding([.character("a")], .supervisionAdvance, .supervision),
    Binding([.character("r")], .supervisionResearch, .supervision),
    Binding([.character("b")], .supervisionBoard, .supervision),
    Binding([.character("y")], .supervisionPlan, .supervision),
    Binding([.character("t")], .supervisionFilterStage, .supervision),
    Binding([.character("a")], .supervisionAdvance, .supervisionDetail),
    Binding([.character("r")], .supervisionResearch, .supervisionDetail),
    Binding([.character("m")], .supervisionMinutes, .supervision),
    Binding([.character("m")], .supervisionMinutes, .supervisionDetail),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionDetail),
    Binding([.tab], .supervisionNextLinked, .supervisionDetail),
    Binding([.character("b")], .supervisionBoard, .supervisionDetail),
    Binding([.character("y")], .supervisionPlan, .supervisionDetail),
    Binding([.character("p")], .showRecordProblems, .supervisionDetail),
    Binding([.escape], .back, .supervisionDetail),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionBoard),
    Binding([.tab], .supervisionNextLinked, .supervisionBoard),
    Binding([.character("<"), .character(">")], .supervisionPlanYear, .supervisionBoard),
    Binding([.character("b")], .supervisionBoard, .supervisionBoard),
    Binding([.character("y")], .supervisionPlan, .supervisionBoard),
    Binding([.escape], .back, .supervisionBoard),
    Binding([.ctrl("s")], .save, .supervisionMinutes),
    Binding([.ctrl("p")], .supervisionMarkProblem, .supervisionMinutes),
    Binding([.escape], .back, .supervisionMinutes),
    Binding([.character("P")], .fieldworkRaiseProblem, .supervision),
    Binding([.character("P")], .fieldworkRaiseProblem, .supervisionDetail),
    Binding([.character("x")], .listExport, .supervision),
    Binding([.character("e")], .supervisionEdit, .supervision),
    Binding([.character("e")], .supervisionEdit, .supervisionDetail),
  ]

  /// The actions shown in the status bar in each of this section's contexts. The bindings are not
  /// marked `hint`, because the shell shows marked ones on every screen.
  static let supervisionHintActions: [KeyContext: [Action]] = [
    .supervision: [
      .supervisionPropose, .supervisionAdvance, .supervisionResearch, .supervisionBoard, .supervisionPlan,
    ],
    .supervisionDetail: [
      .supervisionAdvance, .supervisionResearch, .supervisionMinutes, .supervisionOpenLinked, .back,
    ],
    .supervisionBoard: [.supervisionOpenLinked, .supervisionPlanYear, .back],
  ]

}

/// Names of members, joined for a cell or a detail line.
func memberNames(_ ids: [MemberID], in data: CommitteeState, _ language: Language) -> String {
  ids.map { data.displayName(of: RecordRef($0)) }.listed(language)
}
