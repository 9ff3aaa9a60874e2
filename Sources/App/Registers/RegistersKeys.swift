import TerminalCore

extension Action {
  static let nextRegister = Action("nextRegister")
  static let previousRegister = Action("previousRegister")
  static let importMembers = Action("importMembers")
  /// A new record of the register shown.
  static let registersNew = Action("new")
  /// Edits the selected record.
  static let registersEdit = Action("edit")
  /// Archives the selected record, or restores an archived one.
  static let registersArchive = Action("archive")
  /// Writes the register shown to a CSV file.
  static let registersExport = Action("export")
}

extension KeyContext {
  static let registers = KeyContext("registers")
  /// A register record's detail on its own (Enter): Enter or Backspace goes back, as Esc does.
  static let registersDetail = KeyContext("registers.detail")
}

extension Keymap {
  /// The registers section's own keys (they appear in help, hints and the README).
  /// `new`, `edit`, `archive`, `showArchived` and `export` are shared with other sections by name.
  static let registers: [Binding] = [
    Binding([.character("]"), .right], .nextRegister, .registers),
    Binding([.character("["), .left], .previousRegister, .registers),
    Binding([.character("n")], .registersNew, .registers),
    Binding([.character("e")], .registersEdit, .registers),
    Binding([.character("d")], .registersArchive, .registers),
    Binding([.character("i")], .importMembers, .registers),
    Binding([.character("x")], .registersExport, .registers),
    Binding([.enter, .backspace], .back, .registersDetail),
  ]
}
