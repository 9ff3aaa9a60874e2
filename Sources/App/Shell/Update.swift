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
      if SavedViewsPanel.isViewsTag(tag) {
        SavedViewsPanel.receive(&state, event)
        return []
      }
      if let effects = deliver(&state, event, tag: tag) { return effects }
      switch result {
      case .success(let summary): state.message = Message(tr("message.saved", state.language, summary), .ok)
      case .failure(let error): state.message = Message(error.text(state.language), .error)
      }
      return []
    case .fileWritten(let tag, _, _), .fileRead(let tag, _, _), .committeesReading(let tag, _),
      .fileExporting(let tag, _):
      return deliver(&state, event, tag: tag) ?? []
    case .history(let result):
      switch result {
      case .success(let text): state.message = Message(text, .ok)
      case .failure(let error): state.message = Message(error.text(state.language), .warning)
      }
      return []
    case .dataChanged(let data, let touched, let author):
      let before = state.data
      state.data = data
      state.rereadActor()
      state.dataVersion += 1
      state.changes.record(version: state.dataVersion, touched: touched, by: author)
      state.indexes = state.indexes.following(from: before, to: data, touched: touched)
      state.dataDidChange()
      return []
    case .saveState(let saveState):
      state.saveState = saveState
      return []
    }
  }

  /// Hands an effect's answer to the section its tag names. Nil when the screen did not take it.
  static func deliver(_ state: inout AppState, _ event: AppEvent, tag: EffectTag) -> [Effect]? {
    let context = state.context
    let result = state.withScreen(tag.section) { $0.receive(event, context: context) }
    guard result.handled else { return nil }
    return apply(result, to: &state)
  }

  /// Takes a screen's result into the state: its message, its navigation; returns its effects.
  static func apply(_ result: ScreenResult, to state: inout AppState) -> [Effect] {
    if result.clearsMessage { state.message = nil }
    if let message = result.message { state.message = message }
    if let navigation = result.navigation { navigate(&state, to: navigation) }
    return result.effects
  }

  /// Shows another section, and there the record asked for.
  public static func navigate(_ state: inout AppState, to navigation: Navigation) {
    if navigation.section != state.section {
      state.jumpedFrom.append(state.section)
      if state.jumpedFrom.count > 16 { state.jumpedFrom.removeFirst() }
    }
    state.show(navigation.section)
    if let ref = navigation.ref {
      let context = state.context
      state.withScreen(navigation.section) { $0.focus(ref, context: context) }
    }
  }

  static func handle(_ state: inout AppState, _ event: TerminalEvent) -> [Effect] {
    switch event {
    case .resize(let size):
      state.size = size
      return []
    case .signal, .inputClosed:
      state.message = Message(tr("message.signal", state.language), .warning)
      state.quitting = true
      return []
    case .tick:
      state.takeFinishedRows()
      let context = state.context
      let result = state.withScreen(state.section) { $0.handle(.tick, context: context) }
      return result.handled ? apply(result, to: &state) : result.effects
    case .paste:
      guard state.dialog == nil, !state.showHelp, !state.isTooSmall else { return [] }
      if state.views != nil { return SavedViewsPanel.handle(&state, event) }
      return route(&state, event)?.effects ?? []
    case .key(let key):
      return handle(&state, key)
    }
  }

  /// Gives a raw event to the active screen; nil when it did not take it.
  static func route(_ state: inout AppState, _ event: TerminalEvent) -> ScreenResult? {
    let context = state.context
    let result = state.withScreen(state.section) { $0.handle(event, context: context) }
    guard result.handled else { return nil }
    var taken = result
    taken.effects = apply(result, to: &state)
    return taken
  }

  /// The action a key asks for in the active screen's contexts, then the shell's; nil: none.
  public static func resolve(_ key: Key, in state: AppState) -> (action: Action, context: KeyContext)? {
    let contexts = state.activeScreen.keyContexts(context: state.context) + [.global]
    for context in contexts {
      if let binding = Keymap.bindings(in: context).first(where: { $0.keys.contains(key) }) {
        return (binding.action, context)
      }
    }
    return nil
  }

  static func handle(_ state: inout AppState, _ key: Key) -> [Effect] {
    // Ctrl-C quits: in raw mode it arrives as a key, not a signal. Everything saved is
    // journaled and an editor's text is kept as a draft, but a form's fields are only in memory:
    // with a form open, the first Ctrl-C says so and the second quits.
    if key == .ctrl("c") {
      let warning = Message(tr("tester.quit.formOpen", state.language), .warning)
      if state.dialog == nil, state.activeScreen.keyContexts(context: state.context).contains(.form),
        state.message != warning
      {
        state.message = warning
        return []
      }
      state.quitting = true
      return []
    }
    if state.isTooSmall {
      if key == .character("q") { state.quitting = true }
      return []
    }
    if let dialog = state.dialog {
      return handleDialog(&state, dialog, key)
    }
    if var history = state.recordHistory {
      let area = Rect(x: 0, y: 0, width: state.size.width, height: state.size.height)
      switch key {
      case .character("h"), .character("q"), .escape:
        state.recordHistory = nil
      default:
        if history.overlay.handle(key, state: &history.scroll, in: area) == .closed {
          state.recordHistory = nil
        } else {
          state.recordHistory = history
        }
      }
      return []
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
    if state.views != nil { return SavedViewsPanel.handle(&state, .key(key)) }
    let serial = state.messageSerial
    let effects = handleOnScreen(&state, key)
    // The key said nothing of its own: what the line said before no longer applies.
    if state.messageSerial == serial, state.message != nil { state.message = nil }
    return effects
  }

  /// A key for the active screen, then the keymap (no overlay is open).
  static func handleOnScreen(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.activeScreen.takesRawKeys {
      if let result = route(&state, .key(key)) { return result.effects }
      // While the screen captures text, only non-printable keys reach the keymap, so typing
      // "q" into a filter never quits.
      if state.activeScreen.capturesText, case .character = key { return [] }
    }
    guard let (action, context) = resolve(key, in: state) else {
      state.message = Message(tr("message.unknownKey", state.language, key.description), .warning)
      return []
    }
    if context != .global {
      let screenContext = state.context
      let result = state.withScreen(state.section) { $0.perform(action, key: key, context: screenContext) }
      if result.handled { return apply(result, to: &state) }
      // An action that does nothing now: the shell says so ("not here").
    }
    return perform(&state, action, key)
  }

  static func perform(_ state: inout AppState, _ action: Action, _ key: Key) -> [Effect] {
    state.message = nil
    switch action {
    case .quit:
      state.quitting = true
    case .help:
      state.showHelp = true
      state.help = HelpOverlayState()
    case .nextSection:
      state.jumpedFrom = []
      state.show(state.section.next)
    case .previousSection:
      state.jumpedFrom = []
      state.show(state.section.previous)
    case .section:
      if case .character(let c) = key, let section = Section.allCases.first(where: { $0.digit == c }) {
        state.jumpedFrom = []
        state.show(section)
      }
    case .back where !state.jumpedFrom.isEmpty:
      // Nothing left to clear on this screen: back to the section the jump came from, as it was.
      let previous = state.jumpedFrom.removeLast()
      state.show(previous)
      state.message = Message(tr("lead.back.returned", state.language, previous.title(state.language)))
    case .undo:
      return [.undo]
    case .redo:
      return [.redo]
    case .suspend:
      return [.suspend]
    case .saveView:
      guard state.canWrite else {
        state.message = Message(tr("views.message.reader", state.language, state.actor.userName), .warning)
        return []
      }
      guard state.viewSettings() != nil else {
        state.message = Message(tr("views.message.notKept", state.language), .warning)
        return []
      }
      SavedViewsPanel.openSave(&state)
    case .showViews:
      state.views = SavedViewsPanel(section: state.section)
    case .recallView:
      if case .alt(let digit) = key, let slot = Int(String(digit)) {
        SavedViewsPanel.recall(slot: slot, state: &state)
      }
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
        return []
      case .offerDemo:
        return [.loadDemo]
      case .confirmOverwrite(let path, let contents, let tag):
        state.overwriteConfirmed = path
        switch contents {
        case .data(let data): return [.writeFile(path: path, contents: data, tag: tag)]
        case .made(let making): return [.writeFileMade(path: path, making: making, tag: tag)]
        }
      case .offerDraft(let draft):
        if ReportsList.record(ofDraftKey: draft.key) != nil {
          state.show(.reports)
          let context = state.context
          state.reports.resumeDraft(key: draft.key, text: draft.text, context: context)
          offerNextDraft(&state)
          return []
        }
        if SupervisionForm.topic(ofDraftKey: draft.key) != nil {
          state.show(.supervision)
          let context = state.context
          state.supervision.resumeDraft(key: draft.key, text: draft.text, context: context)
          offerNextDraft(&state)
          return []
        }
        state.show(.consultations)
        let context = state.context
        state.consultations.resumeDraft(key: draft.key, text: draft.text, context: context)
        offerNextDraft(&state)
        return []
      }
    case .cancelled:
      state.dialog = nil
      if case .offerDraft = dialog { offerNextDraft(&state) }
      if case .confirmOverwrite(let path, _, _) = dialog {
        state.message = Message(
          tr("robust.export.notOverwritten", state.language, ControlCharacters.escaped(path)))
      }
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
