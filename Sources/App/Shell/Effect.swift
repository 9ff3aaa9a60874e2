import TerminalCore

/// What `update` asks the runtime to do outside the pure world (it never does I/O itself).
public enum Effect: Equatable, Sendable {
  /// Save everything and end the program.
  case quit
}

/// Everything `update` can receive: terminal events and the results of effects.
public enum AppEvent: Equatable, Sendable {
  case terminal(TerminalEvent)
}

public typealias TerminalEvent = TerminalCore.Event
