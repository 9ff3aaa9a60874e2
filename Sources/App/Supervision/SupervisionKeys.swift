import TerminalCore

extension Action {
  /// Shows the problems raised from a record (a supervision item, a patrol) on the problems board.
  public static let showRecordProblems = Action("records.showProblems")
}

extension KeyContext {
  /// The supervision and patrol lists and their details.
  public static let records = KeyContext("records")
}

extension Keymap {
  /// The supervision section's own keys (they appear in help, hints and the README).
  static let supervision: [Binding] = [
    Binding([.character("p")], .showRecordProblems, .records)
  ]
}
