import Domain
import Foundation
import Localization
import Store
import TerminalCore

/// The committee store as the app uses it.
public typealias CommitteeStore = DurableStore<CommitteeModel>

/// Runs the loop: read events, update, carry out effects, draw. One thread owns the terminal;
/// the store's background snapshot reports back through the store, polled on each tick.
public final class Runtime {
  public private(set) var state: AppState
  let backend: any TerminalBackend
  let store: (any CommitteeStorage)?
  let clock: any WallClock
  let timeZone: TimeZone
  /// How long to wait for input before sending a tick (autosave and clocks hang on it).
  public var tickMilliseconds = 250
  /// A line for the log file (never the screen).
  public var log: (String) -> Void = { _ in }

  public init(
    state: AppState, backend: any TerminalBackend, store: (any CommitteeStorage)? = nil,
    clock: any WallClock = SystemClock(), timeZone: TimeZone = .current
  ) {
    self.state = state
    self.backend = backend
    self.store = store
    self.clock = clock
    self.timeZone = timeZone
    if let store { self.state.data = store.state }
    self.state.now = clock.now()
    // The shown screen builds its rows before the first frame; the others when first shown.
    self.state.dataDidChange()
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
        if event == .tick { housekeeping() }
        send(.terminal(event))
        if state.quitting { break }
      }
      if !state.quitting { syncIfDue() }
      backend.present(View.render(state))
    }
    return state
  }

  /// Delivers one event and carries out the effects it asks for (whose answers are events too).
  public func send(_ event: AppEvent) {
    var queue = [event]
    while !queue.isEmpty {
      let next = queue.removeFirst()
      state.now = clock.now()
      let effects = Update.update(&state, next)
      for effect in effects {
        queue.append(contentsOf: perform(effect))
      }
    }
  }

  /// Once per tick: the day may have turned, a background snapshot may have finished.
  func housekeeping() {
    let today = Day(clock.now(), timeZone)
    if today != state.today {
      state.today = today
    }
    guard let store else { return }
    for result in store.takeSnapshotResults() {
      if case .failure(let error) = result {
        log("snapshot failed: \(error.message(in: .en))")
        state.message = Message(error.message(in: state.language), .error)
      }
    }
  }

  func syncIfDue() {
    guard let store else { return }
    do throws(StoreError) {
      try store.syncIfDue(now: clock.now())
      state.saveState = store.hasUnsyncedChanges ? .saving : (state.canWrite ? .saved : .readOnly)
      receiveOthersChanges(store)
    } catch {
      log("sync failed: \(error.message(in: .en))")
      state.saveState = .unsaved
      state.message = Message(error.message(in: state.language), .error)
    }
  }

  /// Others' changes (a shared store) reach the screens as a data change, so each screen keeps its
  /// place, selection and typing the way it does after the user's own change.
  func receiveOthersChanges(_ store: any CommitteeStorage) {
    let presence = store.presence
    if presence != state.presence { state.presence = presence }
    if presence.isOffline { state.saveState = .readOnly }
    let incoming = store.takeIncoming()
    guard let last = incoming.last else { return }
    log("received \(incoming.count) change(s) from others, last \(last.sequence)")
    send(.dataChanged(store.state))
    state.message = Message(last.message(in: state.language), .info)
  }

  func perform(_ effect: Effect) -> [AppEvent] {
    switch effect {
    case .apply(let change, let tag):
      guard let store else { return [.applied(tag, .failure(Self.noStore))] }
      let before = store.state
      do throws(StoreError) {
        try store.apply(change, actor: state.actor, now: clock.now())
        let summary = change.summary(in: state.language, before: before)
        state.saveState = .saving
        return [.dataChanged(store.state), .applied(tag, .success(summary))]
      } catch {
        log("apply refused: \(error.message(in: .en))")
        return [.applied(tag, .failure(Self.message(error)))]
      }
    case .undo, .redo:
      guard let store else { return [.history(.failure(Self.noStore))] }
      do throws(StoreError) {
        let step =
          effect == .undo
          ? try store.undo(actor: state.actor, now: clock.now())
          : try store.redo(actor: state.actor, now: clock.now())
        state.saveState = .saving
        return [.dataChanged(store.state), .history(.success(step.message(in: state.language)))]
      } catch {
        return [.history(.failure(Self.message(error)))]
      }
    case .saveDraft(let key, let text):
      do throws(StoreError) {
        try store?.saveDraft(key: key, text: text, now: clock.now())
      } catch {
        log("draft failed: \(error.message(in: .en))")
        state.message = Message(error.message(in: state.language), .error)
      }
      return []
    case .discardDraft(let key):
      do throws(StoreError) {
        try store?.discardDraft(key: key)
      } catch {
        log("draft discard failed: \(error.message(in: .en))")
      }
      return []
    case .writeFile(let path, let contents, let tag):
      do {
        try FileWriting.writeAtomically(contents, to: path)
        return [.fileWritten(tag, path: path, .success(contents.count))]
      } catch {
        return [.fileWritten(tag, path: path, .failure(FileWriting.message(error, path: path)))]
      }
    case .readFile(let path, let tag):
      do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return [.fileRead(tag, path: path, .success(data))]
      } catch {
        return [.fileRead(tag, path: path, .failure(FileWriting.message(error, path: path)))]
      }
    case .loadDemo:
      return loadDemo()
    }
  }

  func loadDemo() -> [AppEvent] {
    guard let store else { return [] }
    do throws(StoreError) {
      let count = try Startup.loadDemo(into: store, actor: state.actor, today: state.today)
      state.message = Message(tr("message.demoLoaded", state.language, String(count)), .ok)
    } catch {
      state.message = Message(error.message(in: state.language), .error)
    }
    return [.dataChanged(store.state)]
  }

  static let noStore = UserMessage(zh: "没有打开数据库，无法保存。", en: "No store is open; nothing can be saved.")

  static func message(_ error: StoreError) -> UserMessage {
    UserMessage(zh: error.message(in: .zh), en: error.message(in: .en))
  }
}
