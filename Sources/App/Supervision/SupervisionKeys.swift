import Domain
import TerminalCore
import Widgets

extension Action {
  static let supervisionPropose = Action("supervision.propose")
  static let supervisionAdvance = Action("supervision.advance")
  static let supervisionResearch = Action("supervision.research")
  static let supervisionBoard = Action("supervision.board")
  static let supervisionPlan = Action("supervision.plan")
  static let supervisionOpenLinked = Action("supervision.openLinked")
  static let supervisionPlanYear = Action("supervision.planYear")
  static let supervisionMarkProblem = Action("supervision.markProblem")
  static let supervisionMinutes = Action("supervision.minutes")
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
    Binding([.character("a")], .supervisionAdvance, .supervisionDetail),
    Binding([.character("r")], .supervisionResearch, .supervisionDetail),
    Binding([.character("m")], .supervisionMinutes, .supervision),
    Binding([.character("m")], .supervisionMinutes, .supervisionDetail),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionDetail),
    Binding([.character("p")], .showRecordProblems, .supervisionDetail),
    Binding([.escape], .back, .supervisionDetail),
    Binding([.enter, .character("o")], .supervisionOpenLinked, .supervisionBoard),
    Binding([.character("<"), .character(">")], .supervisionPlanYear, .supervisionBoard),
    Binding([.escape], .back, .supervisionBoard),
    Binding([.ctrl("s")], .save, .supervisionMinutes),
    Binding([.ctrl("p")], .supervisionMarkProblem, .supervisionMinutes),
    Binding([.escape], .back, .supervisionMinutes),
    Binding([.character("P")], .fieldworkRaiseProblem, .supervision),
    Binding([.character("P")], .fieldworkRaiseProblem, .supervisionDetail),
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

  /// The status-bar hints of one of this section's contexts.
  static func supervisionHints(_ context: KeyContext, _ text: (String) -> String) -> [KeyHint] {
    let actions = supervisionHintActions[context] ?? []
    return bindings(in: context).filter { actions.contains($0.action) }.map {
      KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
    }
  }
}

/// Names of members, joined for a cell or a detail line.
func memberNames(_ ids: [MemberID], in data: CommitteeState) -> String {
  ids.map { data.displayName(of: RecordRef($0)) }.joined(separator: "、")
}
