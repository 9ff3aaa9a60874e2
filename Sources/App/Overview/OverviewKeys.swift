import TerminalCore

extension Keymap {
  /// The overview section's own keys (they appear in help, hints and the README).
  static let overview: [Binding] = []
}
