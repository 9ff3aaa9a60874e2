import TerminalCore

extension Action {
  /// Shows the problems raised from a record (a supervision item, a patrol) on the problems board.
  public static let showRecordProblems = Action("records.showProblems")
  /// Cycles the stage facet of the supervision list.
  public static let supervisionFilterStage = Action("supervision.filterStage")
  /// Cycles the river facet of the patrols list.
  public static let patrolsFilterRiver = Action("patrols.filterRiver")
}

extension KeyContext {
  /// The supervision list and an item's detail.
  public static let supervision = KeyContext("supervision")
  /// The patrols list and a patrol's detail.
  public static let patrols = KeyContext("patrols")
}

extension Keymap {
  /// The supervision section's own keys (they appear in help, hints and the README).
  static let supervision: [Binding] = [
    Binding([.character("t")], .supervisionFilterStage, .supervision),
    Binding([.character("p")], .showRecordProblems, .supervision),
  ]

  /// The patrols section's own keys.
  static let patrols: [Binding] = [
    Binding([.character("r")], .patrolsFilterRiver, .patrols),
    Binding([.character("p")], .showRecordProblems, .patrols),
  ]
}
