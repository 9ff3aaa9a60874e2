import TerminalCore

extension Keymap {
  /// The registers section's own keys (they appear in help, hints and the README).
  static let registers: [Binding] = []
}
