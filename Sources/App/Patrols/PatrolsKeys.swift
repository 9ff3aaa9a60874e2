import TerminalCore

extension Keymap {
  /// The patrols section's own keys (they appear in help, hints and the README). Its `p` is the
  /// supervision list's (same context), so it is listed once.
  static let patrols: [Binding] = []
}
