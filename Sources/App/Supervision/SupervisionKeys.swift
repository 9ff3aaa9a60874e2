import TerminalCore

extension Keymap {
  /// The supervision section's own keys (they appear in help, hints and the README).
  static let supervision: [Binding] = []
}
