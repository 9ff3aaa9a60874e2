import TerminalCore

/// Runs the loop: read events, update, carry out effects, draw. One thread owns the terminal.
public final class Runtime {
  public private(set) var state: AppState
  let backend: any TerminalBackend
  /// How long to wait for input before sending a tick (autosave and clocks hang on it).
  public var tickMilliseconds = 250

  public init(state: AppState, backend: any TerminalBackend) {
    self.state = state
    self.backend = backend
  }

  /// Runs until the app quits (or, with a virtual backend, until its queue is empty when
  /// `untilIdle` is set). Returns the final state.
  @discardableResult
  public func run(untilIdle: Bool = false) -> AppState {
    state.size = backend.size
    backend.present(View.render(state))
    while !state.quitting {
      var events = backend.nextEvents(timeoutMilliseconds: tickMilliseconds)
      if events.isEmpty {
        if untilIdle { break }
        events = [.tick]
      }
      for event in events {
        send(.terminal(event))
        if state.quitting { break }
      }
      backend.present(View.render(state))
    }
    return state
  }

  /// Delivers one event and carries out the effects it asks for.
  public func send(_ event: AppEvent) {
    let effects = Update.update(&state, event)
    for effect in effects {
      perform(effect)
    }
  }

  func perform(_ effect: Effect) {
    switch effect {
    case .quit:
      state.quitting = true
    }
  }
}
