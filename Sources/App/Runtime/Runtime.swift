import Domain
import Exchange
import Foundation
import Localization
import Store
import TerminalCore
import Widgets

/// The committee store as the app uses it.
public typealias CommitteeStore = DurableStore<CommitteeModel>

/// Runs the loop: read events, update, carry out effects, draw. One thread owns the terminal;
/// the store's background snapshot reports back through the store, polled on each tick.
public final class Runtime {
  public private(set) var state: AppState
  let backend: any TerminalBackend
  let store: (any CommitteeStorage)?
  let clock: any WallClock
  /// How long to wait for input before sending a tick (autosave and clocks hang on it).
  public var tickMilliseconds = 250
  /// A line for the log file (never the screen).
  public var log: (String) -> Void = { _ in }
  /// Writes an export (`ExportFile` by default; tests put a disk of their own here).
  public var writeExport: (Data, String) throws(ExportFileError) -> Void = {
    data, path throws(ExportFileError) in
    try FileWriting.write(data, to: path)
  }
  /// Makes a source of the shared database's committees for each roll-up (nil: the roll-up says it
  /// needs a shared database with several committees).
  private(set) var rollupSource: (() -> RollupSource)?
  /// The roll-up's reading while it runs: it steps aside while an event is answered.
  private var rollupReading: RollupReading?

  /// Offers the roll-up of the database's committees (`c` on the boards): for a shared store whose
  /// database holds more than one committee. `source` is asked for a source each time the user asks,
  /// and the committees are read from it in the background.
  public func offerRollup(_ source: @escaping () -> RollupSource) {
    rollupSource = source
    state.rollupOffered = true
  }
  /// The log file, when there is one: a full disk seen there shows on the status bar too.
  public var logFile: LogFile?
  /// Files being made and written on other threads (a long list's export), answered on a tick.
  public private(set) var exports: [BackgroundExport] = []
  /// Drafts whose last save failed (a full disk): kept here and saved again on every tick, and
  /// before the program ends, until it works.
  private(set) var unsavedDrafts: [String: String] = [:]
  /// Keeps the open form's fields as a draft and puts a kept one back when its form opens.
  private(set) var formDrafts = FormDraftKeeper()

  public init(
    state: AppState, backend: any TerminalBackend, store: (any CommitteeStorage)? = nil,
    clock: any WallClock = SystemClock()
  ) {
    self.state = state
    self.backend = backend
    self.store = store
    self.clock = clock
    if let store {
      self.state.data = store.state
      formDrafts = FormDraftKeeper(
        waiting: state.draftsAtStart ?? DraftOwner.drafts(in: store, for: state.actor))
    }
    self.state.draftsAtStart = nil
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
        // A signal during a long burst (a big paste typed in) is answered now, not after it.
        if let signal = backend.takeSignal() {
          send(.terminal(signal))
          if state.quitting { break }
        }
      }
      // The rest of the turn, to the frame handed to the terminal, holds the background work back
      // too.
      holdingBackground {
        if !state.quitting { syncIfDue() }
        backend.present(View.render(state))
      }
    }
    if state.quitting { saveBeforeExit() }
    return state
  }

  /// Every way out (q, Ctrl-C, SIGTERM, SIGHUP, a closed terminal) passes here before the store
  /// closes: the text being edited is written as a draft, and drafts that failed are tried again.
  /// The editor saves on a pause (tick) or every few edits, so its last keystrokes are only here.
  func saveBeforeExit() {
    let context = state.context
    let result = state.withScreen(state.section) { $0.handle(.tick, context: context) }
    for case .saveDraft(let key, let text) in result.effects {
      _ = perform(.saveDraft(key: key, text: text))
    }
    // The open form's fields too, as they are at this moment.
    for case .saveDraft(let key, let text) in formDrafts.follow(
      &state, after: .terminal(.tick), leaving: true)
    {
      _ = perform(.saveDraft(key: key, text: text))
    }
    retryUnsavedDrafts()
  }

  /// Saves again the drafts a full disk refused; true when none is left.
  @discardableResult
  func retryUnsavedDrafts() -> Bool {
    guard let store else { return true }
    for (key, text) in unsavedDrafts.sorted(by: { $0.key < $1.key }) {
      do throws(StoreError) {
        try store.saveDraft(
          key: DraftOwner.storedKey(key, owner: state.actor.userName), text: text, now: clock.now())
        unsavedDrafts[key] = nil
      } catch {
        return false
      }
    }
    return true
  }

  /// A write failed: a full disk is kept on the status bar until space returns.
  func noteWriteFailure(_ error: FileSystemError?) {
    if let error, error.isDiskFull { state.diskFull = true }
  }

  /// While the disk is full, each tick tries the drafts again and then the log; when both go
  /// through, space is back.
  func checkDiskSpace() {
    guard state.diskFull, retryUnsavedDrafts() else { return }
    if let logFile {
      logFile.write("disk space is back: drafts saved")
      if logFile.lastFailure?.isDiskFull == true { return }
    }
    state.diskFull = false
    state.message = Message(tr("robust.diskSpaceBack", state.language), .ok)
  }

  /// Delivers one event and carries out the effects it asks for (whose answers are events too).
  public func send(_ event: AppEvent) {
    holdingBackground { answer(event) }
  }

  /// Runs `body` (an event's turn: the update, the store, the frame handed to the terminal) with the
  /// background work held back: the boards' count, the builds that pass the app's gate (a list's
  /// rows and keys, the indexes) and the roll-up's reading step aside at their next slice, so that
  /// on two cores a key does not wait for a turn. They have every pause between keys.
  public func holdingBackground<T>(_ body: () -> T) -> T {
    let held = state.tally.holdBackground()
    BackgroundGate.app.hold()
    // A reading that ended is let go here (the roll-up shown keeps its own reference): its
    // committees' tallies are not kept once the roll-up is closed.
    if rollupReading?.progress.finished == true { rollupReading = nil }
    let heldReading = rollupReading?.hold()
    defer {
      BackgroundGate.app.release()
      held?.release()
      heldReading?.release()
    }
    return body()
  }

  private func answer(_ event: AppEvent) {
    var queue = [event]
    while !queue.isEmpty {
      let next = queue.removeFirst()
      state.now = clock.now()
      let effects = Update.update(&state, next)
      for effect in effects {
        queue.append(contentsOf: perform(effect))
      }
    }
    for effect in formDrafts.follow(&state, after: event) {
      for answer in perform(effect) { _ = Update.update(&state, answer) }
    }
  }

  /// Carries out one effect and the events it answers with, as `send` does for an effect an
  /// update returned (for a scripted session, which makes changes the way a saved form makes them).
  public func sendEffect(_ effect: Effect) {
    for event in perform(effect) { send(event) }
  }

  /// Once per tick: the day may have turned, a background snapshot or count may have finished.
  public func housekeeping() {
    let today = Day(workingDayOf: clock.now())
    if today != state.today {
      state.today = today
      // The screen shown is brought to the new day now (a list whose rows hang on it makes them
      // again on another thread), the others when next shown.
      state.dataDidChange()
    }
    state.takeFinishedTally()
    takeFinishedExports()
    state.indexes.prepareInBackground(state.data, language: state.language, dutiesYear: today.year)
    state.prepareListRows()
    if logFile?.lastFailure?.isDiskFull == true { state.diskFull = true }
    checkDiskSpace()
    guard let store else { return }
    for result in store.takeSnapshotResults() {
      if case .failure(let error) = result {
        noteWriteFailure(error.fileSystemError)
        log("snapshot failed: \(error.message(in: .en))")
        state.message = Message(error.message(in: state.language), .error)
      }
    }
  }

  /// Hands each export that ended back to the screen that asked (one cancelled says nothing: its
  /// screen said so when it was cancelled).
  public func takeFinishedExports() {
    let finished = exports.filter(\.isFinished)
    guard !finished.isEmpty else { return }
    exports.removeAll { export in finished.contains { $0 === export } }
    for export in finished {
      guard let outcome = export.outcome else { continue }
      if export.failedForSpace { state.diskFull = true }
      send(.fileWritten(export.tag, path: export.path, outcome))
    }
  }

  /// Shows the app in another language from this turn on, as the day turning does: the screen
  /// shown is brought to it now, the others when next shown.
  public func changeLanguage(to language: Localization.Language) {
    guard language != state.language else { return }
    holdingBackground {
      state.language = language
      state.dataDidChange()
    }
  }

  /// Writes the journal when due and takes in others' changes, as once per turn of `run`.
  public func syncIfDue() {
    guard let store else { return }
    do throws(StoreError) {
      try store.syncIfDue(now: clock.now())
      state.saveState = store.hasUnsyncedChanges ? .saving : (state.canWrite ? .saved : .readOnly)
      receiveOthersChanges(store)
    } catch {
      noteWriteFailure(error.fileSystemError)
      log("sync failed: \(error.message(in: .en))")
      state.saveState = .unsaved
      state.message = Message(error.message(in: state.language), .error)
    }
  }

  /// Others' changes (a shared store) reach the screens as a data change, so each screen keeps its
  /// place, selection and typing the way it does after the user's own change.
  func receiveOthersChanges(_ store: any CommitteeStorage) {
    let presence = store.presence
    if presence != state.presence {
      // Back from offline: the line that said a save failed would otherwise stay up, and the user
      // would not know that saving works again.
      if state.presence.isOffline, !presence.isOffline {
        state.message = Message(tr("shared5.reconnected", state.language), .ok)
      }
      state.presence = presence
    }
    if presence.isOffline { state.saveState = .readOnly }
    let incoming = store.takeIncoming()
    guard let last = incoming.last else { return }
    log("received \(incoming.count) change(s) from others, last \(last.sequence)")
    send(
      .dataChanged(
        store.state, by: .others(incoming.map { OthersChange(userName: $0.userName, touched: $0.touched) })))
    state.message = Message(last.message(in: state.language), .info)
  }

  func perform(_ effect: Effect) -> [AppEvent] {
    switch effect {
    case .suspend:
      // Everything typed is journaled or in a draft before the process stops.
      if let store { try? store.sync() }
      backend.suspend()
      state.size = backend.size
      return []
    case .apply(let change, let tag):
      guard let store else { return [.applied(tag, .failure(Self.noStore))] }
      let before = store.state
      do throws(StoreError) {
        try store.apply(change, actor: state.actor, now: clock.now())
        let summary = change.summary(in: state.language, before: before)
        state.saveState = .saving
        return [
          .dataChanged(store.state, touched: Self.touched(store), by: .thisUser),
          .applied(tag, .success(summary)),
        ]
      } catch {
        noteWriteFailure(error.fileSystemError)
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
        return [
          .dataChanged(store.state, touched: Self.touched(store), by: .thisUser),
          .history(.success(step.message(in: state.language))),
        ]
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
        unsavedDrafts[key] = nil
      } catch {
        // Kept in memory and saved again on every tick; the screen that asked is told, so it
        // does not say "saved".
        unsavedDrafts[key] = text
        noteWriteFailure(error.fileSystemError)
        log("draft failed: \(error.message(in: .en))")
        let message = Self.message(error)
        state.message = Message(message.text(state.language), .error)
        return [.fileWritten(EffectTag(state.section, "draft"), path: key, .failure(message))]
      }
      return []
    case .discardDraft(let key):
      unsavedDrafts[key] = nil
      do throws(StoreError) {
        try store?.discardDraft(key: DraftOwner.storedKey(key, owner: state.actor.userName))
        // A draft written before drafts had owners goes too, once its text is saved.
        if state.canWrite { try store?.discardDraft(key: key) }
      } catch {
        log("draft discard failed: \(error.message(in: .en))")
      }
      return []
    case .writeFile(let typed, let contents, let tag):
      let path = Self.resolved(typed)
      if asksBeforeReplacing(path, .data(contents), tag: tag) { return [] }
      do throws(ExportFileError) {
        try writeExport(contents, path)
        return [.fileWritten(tag, path: path, .success(contents.count))]
      } catch {
        if error.isDiskFull { state.diskFull = true }
        return [.fileWritten(tag, path: path, .failure(FileWriting.message(error)))]
      }
    case .writeFileMade(let typed, let making, let tag):
      let path = Self.resolved(typed)
      if asksBeforeReplacing(path, .made(making), tag: tag) { return [] }
      let export = BackgroundExport(path: path, tag: tag, making: making, write: writeExport)
      exports.append(export)
      export.start()
      return [.fileExporting(tag, export)]
    case .readFile(let typed, let tag):
      let path = Self.resolved(typed)
      do throws(ExportFileError) {
        let data = Data(try ExportFile.read(path))
        return [.fileRead(tag, path: path, .success(data))]
      } catch {
        return [
          .fileRead(
            tag, path: path,
            .failure(UserMessage(zh: error.readMessage(in: .zh), en: error.readMessage(in: .en))))
        ]
      }
    case .showHistory(let ref):
      guard let folder = store?.localFolder else { return [] }
      state.recordHistory = RecordHistory(
        ref, entries: AuditLog.readEntries(storeFolder: folder), data: state.data,
        language: state.language)
      return []
    case .loadDemo:
      return loadDemo()
    case .readCommittees(let tag):
      guard let rollupSource else {
        return [
          .committeesReading(
            tag, .failure(UserMessage(zh: tr("rollup.needsShared", .zh), en: tr("rollup.needsShared", .en))))
        ]
      }
      // One reading at a time: one left with Esc and still running is taken up again where it is
      // (a million-record committee is not read twice at once); one that ended is read anew.
      if let running = rollupReading, running.resume() {
        return [.committeesReading(tag, .success(running))]
      }
      let reading = RollupReading(
        source: rollupSource(), own: state.tally.ownForRollup(state.data, state.dataVersion))
      rollupReading = reading
      return [.committeesReading(tag, .success(reading))]
    }
  }

  /// The records the store's last change touched: its inverse puts back each one.
  static func touched(_ store: any CommitteeStorage) -> [RecordRef]? { store.lastTouched }

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

  /// Replacing a file the user has is asked first (true: the question is up, nothing written yet);
  /// devices, FIFOs, new paths and a path the user just confirmed are not asked.
  private func asksBeforeReplacing(_ path: String, _ contents: FileContents, tag: EffectTag) -> Bool {
    let confirmed = state.overwriteConfirmed == path
    state.overwriteConfirmed = nil
    guard !confirmed && ExportFile.wouldOverwrite(path) else { return false }
    state.dialog = .confirmOverwrite(path: path, contents: contents, tag: tag)
    state.confirm = ConfirmState(focus: .no)
    return true
  }

  /// A path typed in the app, absolute (see `ExportFile.resolved`).
  static func resolved(_ typed: String) -> String {
    ExportFile.resolved(
      typed, home: ProcessInfo.processInfo.environment["HOME"],
      workingDirectory: FileManager.default.currentDirectoryPath)
  }
}
