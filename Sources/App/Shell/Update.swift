import Localization
import TerminalCore

/// The application's update function: a plain function of (state, event). It never draws and
/// never does I/O; what must happen outside comes back as effects.
public enum Update {
  public static func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    switch event {
    case .terminal(let terminalEvent):
      return handle(&state, terminalEvent)
    }
  }

  static func handle(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    switch event {
    case .resize(let size):
      state.size = size
      return []
    case .tick:
      return []
    case .signal, .inputClosed:
      state.message = Message(tr("message.signal", state.language), .warning)
      state.quitting = true
      return [.quit]
    case .paste:
      return []
    case .key(let key):
      return handle(&state, key)
    }
  }

  static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
    // Ctrl-C always quits: in raw mode it arrives as a key, not a signal.
    if key == .ctrl("c") {
      state.quitting = true
      return [.quit]
    }
    if state.isTooSmall {
      if key == .character("q") {
        state.quitting = true
        return [.quit]
      }
      return []
    }
    if let dialog = state.dialog {
      return handleDialog(&state, dialog, key)
    }
    if state.showHelp {
      switch key {
      case .escape, .character("?"), .character("q"), .function(1), .enter:
        state.showHelp = false
      case .down, .character("j"):
        state.helpScroll += 1
      case .up, .character("k"):
        state.helpScroll = max(0, state.helpScroll - 1)
      case .pageDown:
        state.helpScroll += 10
      case .pageUp:
        state.helpScroll = max(0, state.helpScroll - 10)
      default:
        break
      }
      return []
    }
    guard let action = Keymap.action(for: key, in: state.keyContext) else {
      state.message = Message(tr("message.unknownKey", state.language, key.description), .warning)
      return []
    }
    return perform(&state, action, key)
  }

  static func perform(_ state: inout AppState, _ action: Action, _ key: Key) -> [Effect] {
    state.message = nil
    switch action {
    case .quit:
      state.quitting = true
      return [.quit]
    case .help:
      state.showHelp = true
      state.helpScroll = 0
    case .nextSection:
      state.section = state.section.next
    case .previousSection:
      state.section = state.section.previous
    case .section:
      if case .character(let c) = key, let section = Section.allCases.first(where: { $0.digit == c }) {
        state.section = section
      }
    default:
      break
    }
    return []
  }

  static func handleDialog(_ state: inout AppState, _ dialog: Dialog, _ key: Key) -> [Effect] {
    switch Keymap.action(for: key, in: .dialog) {
    case .confirm:
      state.dialog = nil
      switch dialog {
      case .confirmQuit:
        state.quitting = true
        return [.quit]
      }
    case .refuse:
      state.dialog = nil
    default:
      break
    }
    return []
  }
}
