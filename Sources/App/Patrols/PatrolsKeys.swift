import TerminalCore

extension Action {
  /// Shows the problems raised from a record (a supervision item, a patrol) on the problems board.
  public static let showRecordProblems = Action("records.showProblems")
  /// Cycles the river facet of the patrols list.
  public static let patrolsFilterRiver = Action("patrols.filterRiver")
}

extension KeyContext {
  /// The patrols list and a patrol's detail.
  public static let patrols = KeyContext("patrols")
}

extension Keymap {
  /// The patrols section's own keys.
  static let patrols: [Binding] = [
    Binding([.character("r")], .patrolsFilterRiver, .patrols),
    Binding([.character("p")], .showRecordProblems, .patrols),
    Binding([.character("x")], .listExport, .patrols),
  ]
}
