import TerminalCore

extension Action {
  static let nextRegister = Action("nextRegister")
  static let previousRegister = Action("previousRegister")
  static let importMembers = Action("importMembers")
}

extension KeyContext {
  static let registers = KeyContext("registers")
}

extension Keymap {
  /// The registers section's own keys (they appear in help, hints and the README).
  /// `new`, `edit`, `archive`, `showArchived` and `export` are shared with other sections by name.
  static let registers: [Binding] = [
    Binding([.character("]"), .right], .nextRegister, .registers),
    Binding([.character("["), .left], .previousRegister, .registers),
    Binding([.character("n")], Action("new"), .registers),
    Binding([.character("e")], Action("edit"), .registers),
    Binding([.character("d")], Action("archive"), .registers),
    Binding([.character("i")], .importMembers, .registers),
    Binding([.character("x")], Action("export"), .registers),
  ]
}
