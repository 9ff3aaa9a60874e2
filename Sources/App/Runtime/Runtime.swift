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
  let store: CommitteeStore?
  let clock: any WallClock
  let timeZone: TimeZone
  /// How long to wait for input before sending a tick (autosave and clocks hang on it).
  public var tickMilliseconds = 250
  /// A line for the log file (never the screen).
  public var log: (String) -> Void = { _ in }

  public init(
    state: AppState, backend: any TerminalBackend, store: CommitteeStore? = nil,
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
    } catch {
      log("sync failed: \(error.message(in: .en))")
      state.saveState = .unsaved
      state.message = Message(error.message(in: state.language), .error)
    }
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
      // A reader's text is never kept (they were told when the editor opened); anyone else's is
      // kept under their own name, so that it is offered back to them and no one else.
      guard state.canWrite else { return [] }
      do throws(StoreError) {
        try store?.saveDraft(
          key: DraftOwner.storedKey(key, owner: state.actor.userName), text: text, now: clock.now())
      } catch {
        log("draft failed: \(error.message(in: .en))")
        state.message = Message(error.message(in: state.language), .error)
      }
      return []
    case .discardDraft(let key):
      do throws(StoreError) {
        try store?.discardDraft(key: DraftOwner.storedKey(key, owner: state.actor.userName))
        // A draft written before drafts had owners goes too, once its text is saved.
        if state.canWrite { try store?.discardDraft(key: key) }
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
    case .showHistory(let ref):
      guard let store else { return [] }
      state.recordHistory = RecordHistory(
        ref, entries: AuditLog.readEntries(storeFolder: store.folder), data: state.data,
        language: state.language)
      return []
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
