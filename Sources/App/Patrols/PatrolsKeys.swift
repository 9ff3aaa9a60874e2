import TerminalCore

extension Keymap {
  /// The patrols section's own keys (they appear in help, hints and the README).
  static let patrols: [Binding] = []
}
