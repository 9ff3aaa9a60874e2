import TerminalCore

extension Keymap {
  /// The problems section's own keys (they appear in help, hints and the README).
  static let problems: [Binding] = []
}
