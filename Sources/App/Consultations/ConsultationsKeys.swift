import TerminalCore

extension Keymap {
  /// The consultations section's own keys (they appear in help, hints and the README).
  static let consultations: [Binding] = []
}
