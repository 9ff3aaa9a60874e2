import Domain
import Localization
import TerminalCore
import Widgets

/// The application's update function: a plain function of (state, event). It never draws and
/// never does I/O; what must happen outside comes back as effects.
public enum Update {
  public static func update(_ state: inout AppState, _ event: AppEvent) -> [Effect] {
    switch event {
    case .terminal(let terminalEvent):
      return handle(&state, terminalEvent)
    case .applied(let tag, let result):
      var effects = deliver(&state, event, tag: tag)
      if effects == nil {
        switch result {
        case .success(let summary): state.message = Message(tr("message.saved", state.language, summary), .ok)
        case .failure(let error): state.message = Message(error.text(state.language), .error)
        }
        effects = []
      }
      return effects ?? []
    case .fileWritten(let tag, _, _), .fileRead(let tag, _, _):
      return deliver(&state, event, tag: tag) ?? []
    case .history(let result):
      switch result {
      case .success(let text): state.message = Message(text, .ok)
      case .failure(let error): state.message = Message(error.text(state.language), .warning)
      }
      return []
    case .dataChanged(let data):
      state.data = data
      state.rereadActor()
      state.dataVersion += 1
      state.indexes = SharedIndexes()
      state.dataDidChange()
      return []
    case .saveState(let saveState):
      state.saveState = saveState
      return []
    }
  }

  /// Hands an effect's answer to the section named by the first part of its tag
  /// ("consultations.minutes" → Consultations). Nil when no screen took it.
  static func deliver(_ state: inout AppState, _ event: AppEvent, tag: String) -> [Effect]? {
    let owner = tag.split(separator: ".").first.map(String.init) ?? ""
    guard let section = Section.allCases.first(where: { $0.tagPrefix == owner }) else { return nil }
    let context = state.context
    let result = state.withScreen(section) { $0.receive(event, context: context) }
    guard result.handled else { return nil }
    if let message = result.message { state.message = message }
    return result.effects
  }

  static func handle(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    switch event {
    case .resize(let size):
      state.size = size
      return []
    case .signal, .inputClosed:
      state.message = Message(tr("message.signal", state.language), .warning)
      state.quitting = true
      return [.quit]
    case .tick:
      let context = state.context
      let result = state.withScreen(state.section) { $0.handle(.tick, context: context) }
      return result.effects
    case .paste:
      guard state.dialog == nil, !state.showHelp, !state.isTooSmall else { return [] }
      return route(&state, event)?.effects ?? []
    case .key(let key):
      return handle(&state, key)
    }
  }

  /// Gives an event to the active screen; nil when it did not take it.
  static func route(_ state: inout AppState, _ event: TerminalEvent) -> ScreenResult? {
    let context = state.context
    let result = state.withScreen(state.section) { $0.handle(event, context: context) }
    guard result.handled else { return nil }
    if let message = result.message { state.message = message }
    return result
  }

  static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
    // Ctrl-C always quits: in raw mode it arrives as a key, not a signal. Everything is
    // already journaled, so there is nothing to lose.
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
      let overlay = View.helpOverlay(state)
      let area = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
      switch key {
      case .character("?"), .character("q"), .function(1):
        state.showHelp = false
      default:
        if overlay.handle(key, state: &state.help, in: area) == .closed { state.showHelp = false }
      }
      return []
    }
    if let result = route(&state, .key(key)) {
      return result.effects
    }
    // The screen did not take the key. While it captures text, only non-printable keys
    // reach the shell, so typing "q" into a filter never quits.
    if state.activeScreen.capturesText, case .character = key {
      return []
    }
    guard let action = Keymap.action(for: key, in: .list) else {
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
      state.help = HelpOverlayState()
    case .nextSection:
      state.show(state.section.next)
    case .previousSection:
      state.show(state.section.previous)
    case .section:
      if case .character(let c) = key, let section = Section.allCases.first(where: { $0.digit == c }) {
        state.show(section)
      }
    case .undo:
      return [.undo]
    case .redo:
      return [.redo]
    default:
      state.message = Message(tr("message.notHere", state.language, key.description), .warning)
    }
    return []
  }

  static func handleDialog(_ state: inout AppState, _ dialog: Dialog, _ key: Key) -> [Effect] {
    let outcome = View.confirmDialog(state, dialog).handle(key, state: &state.confirm)
    switch outcome {
    case .confirmed:
      state.dialog = nil
      switch dialog {
      case .confirmQuit:
        state.quitting = true
        return [.quit]
      case .offerDemo:
        return [.loadDemo]
      case .offerDraft(let draft):
        state.show(.consultations)
        let context = state.context
        state.consultations.resumeDraft(key: draft.key, text: draft.text, context: context)
        offerNextDraft(&state)
        return []
      }
    case .cancelled:
      state.dialog = nil
      if case .offerDraft = dialog { offerNextDraft(&state) }
    case .handled, .ignored:
      break
    }
    return []
  }

  /// Shows the next pending draft, if any.
  public static func offerNextDraft(_ state: inout AppState) {
    guard state.dialog == nil, !state.pendingDrafts.isEmpty else { return }
    state.dialog = .offerDraft(state.pendingDrafts.removeFirst())
    state.confirm = ConfirmState(focus: .yes)
  }
}

extension Section {
  /// The first part of the tags of this section's effects.
  public var tagPrefix: String { "\(self)" }
}
