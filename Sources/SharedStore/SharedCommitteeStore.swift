import Domain
import Foundation
import Localization
import PostgresNIO
import Store

/// A committee kept in PostgreSQL and worked on by many apps at once. Each app holds the whole state
/// in memory, as with a local store; the database holds the same `Change` stream as the journal, one
/// row per change with a sequence number per committee, plus snapshots.
///
/// A change is checked by the Domain against the latest state, then committed by `commit_change`,
/// which accepts it only if no other change came first; if one did, it is read, applied, and the change
/// checked again. Others' changes are announced by NOTIFY and read by sequence number.
public final class SharedCommitteeStore: CommitteeStorage {
  /// A change done by this user, with what takes it back and the records it touched.
  private struct HistoryEntry {
    var inverse: Domain.Change
    var zh: String
    var en: String
    var sequence: UInt64
    var touched: [RecordRef]
  }

  public let address: SharedAddress
  public private(set) var state: CommitteeState
  public private(set) var lastSequence: UInt64
  /// Sequence covered by the snapshot the store was opened from (or last wrote).
  public private(set) var snapshotSequence: UInt64
  /// The user as the server knows them: the login name, and the role from `shangliang.staff`.
  public let identity: ActingUser
  /// Changes in the stream that the Domain refused on replay (written by a modified client, say):
  /// every app skips them alike, so all agree on the state.
  public private(set) var skippedChanges: [(sequence: UInt64, reason: String)] = []
  /// An admin's app writes a snapshot once this many changes follow the last one: in the background
  /// while it runs (`startSnapshotIfDue`), and on close.
  public var snapshotEvery: UInt64 = 1000
  /// A line for the log file.
  public var log: (String) -> Void = { _ in }

  private var link: Link?
  /// The connection while online (the roll-up reads other committees over it).
  var currentLink: Link? { link }
  private let doorbell = Doorbell()
  private let draftFolder: DraftFolder
  private var undoStack: [HistoryEntry] = []
  private var redoStack: [HistoryEntry] = []
  private var incoming: [IncomingChange] = []
  /// For each record, the last sequence at which someone else changed it (undo must not clobber it).
  private var changedByOthers: [RecordRef: UInt64] = [:]
  /// Change IDs this app committed, to tell its own rows from others' when reading the stream.
  private var ownChangeIDs: Set<UUID> = []
  private var others: [String] = []
  private var lastPresenceCheck = Date.distantPast
  private var lastReconnectAttempt = Date.distantPast
  private var lastPoll = Date.distantPast
  private let undoDepth = 100
  private let snapshotWork = SnapshotWork()

  private init(
    address: SharedAddress, link: Link, state: CommitteeState, sequence: UInt64, identity: ActingUser,
    drafts: DraftFolder
  ) {
    self.address = address
    self.link = link
    self.state = state
    self.lastSequence = sequence
    self.snapshotSequence = sequence
    self.identity = identity
    self.draftFolder = drafts
  }

  deinit { link?.close() }

  /// The application name the app's sessions carry, by which others see who is working.
  static func applicationName(_ committee: String) -> String { "shangliang:" + committee }

  // MARK: Opening

  /// Connects, reads the latest snapshot and the changes after it, and starts listening. Drafts are
  /// kept on this machine under `draftsFolder`.
  public static func open(address: SharedAddress, draftsFolder: String) throws(StoreError)
    -> SharedCommitteeStore
  {
    do throws(SharedStoreError) {
      return try openOrFail(address: address, draftsFolder: draftsFolder)
    } catch {
      throw error.storeError
    }
  }

  /// `open`, with the shared store's own error (for commands and tests that look at it).
  public static func openOrFail(address: SharedAddress, draftsFolder: String) throws(SharedStoreError)
    -> SharedCommitteeStore
  {
    let link = try Link.connect(address, application: applicationName(address.committee))
    do throws(SharedStoreError) {
      let committee = address.committee
      let found = try link.rows("SELECT last_seq FROM shangliang.committees WHERE name = \(committee)")
      guard !found.isEmpty else { throw .noSuchCommittee(committee) }
      let who = try link.rows(
        """
        SELECT session_user::text,
          (SELECT role FROM shangliang.staff WHERE committee = \(committee) AND db_user = session_user)
        """)
      let identity = try decodeIdentity(who)
      let (state, sequence) = try readSnapshot(link: link, committee: committee)
      let store = SharedCommitteeStore(
        address: address, link: link, state: state, sequence: sequence, identity: identity,
        drafts: DraftFolder(folder: draftsFolder))
      try store.startListening(link)
      // Opening replays history: it is not news to show, so no change is worded for the user (wording
      // was half the time of replaying thousands of changes after the snapshot).
      try store.readNewChanges(link, limit: Link.longReadLimit, asNews: false)
      store.incoming.removeAll()
      store.deliveredSequence = store.lastSequence
      return store
    } catch {
      link.close()
      throw error
    }
  }

  private static func decodeIdentity(_ rows: [PostgresRow]) throws(SharedStoreError) -> ActingUser {
    guard let row = rows.first else { throw .unreadable(what: "session_user", detail: "no row") }
    do {
      let (name, raw) = try row.decode((String, Int16?).self)
      if let raw, let role = Role(rawValue: UInt8(clamping: raw)) { return .staff(name, role) }
      return .reader(name)
    } catch {
      throw .unreadable(what: "session_user", detail: String(describing: error))
    }
  }

  /// A committee's latest snapshot and the sequence it covers (`SharedSnapshot.read`).
  static func readSnapshot(link: Link, committee: String) throws(SharedStoreError)
    -> (CommitteeState, UInt64)
  {
    var timing = SharedSnapshot.Timing()
    return try SharedSnapshot.read(link: link, committee: committee, timing: &timing)
  }

  private func startListening(_ link: Link) throws(SharedStoreError) {
    let doorbell = self.doorbell
    let prefix = address.committee + " "
    try link.listen { payload in
      if payload.hasPrefix(prefix) { doorbell.ring() }
    }
  }

  // MARK: Reading others' changes

  /// Reads and applies every change after `lastSequence`; returns those made by others (none when not
  /// `asNews`: opening reads them as history, not as news to show). `limit` is long when opening or
  /// reconnecting (the whole stream may come), short while keeping up.
  @discardableResult
  private func readNewChanges(_ link: Link, limit: TimeAmount = Link.answerLimit, asNews: Bool = true)
    throws(SharedStoreError) -> [IncomingChange]
  {
    let rows = try link.rows(
      """
      SELECT seq, change_id, actor::text, role, at_micros, payload_version, payload FROM shangliang.changes
      WHERE committee = \(address.committee) AND seq > \(Int64(lastSequence)) ORDER BY seq
      """, limit: limit)
    var received: [IncomingChange] = []
    for row in rows {
      let stored = try StoredChange(row)
      let seq = stored.sequence
      let actorName = stored.actorName
      let before = state
      do {
        let change = try stored.change()
        let applied = try Domain.apply(change, to: state, actor: stored.actor, now: stored.at)
        state = applied.state
        if ownChangeIDs.remove(stored.changeID) == nil {
          for ref in applied.touched { changedByOthers[ref] = seq }
          for ref in applied.touched where before.value(of: ref) == nil { createdByOthers[ref] = seq }
          actorsBySequence[seq] = actorName
          if asNews {
            received.append(
              IncomingChange(
                sequence: seq, userName: actorName, zh: change.summary(in: .zh, before: before),
                en: change.summary(in: .en, before: before), touched: applied.touched))
          }
        }
      } catch {
        skippedChanges.append((seq, String(describing: error)))
        log("change \(seq) by \(actorName) skipped: \(error)")
      }
      lastSequence = seq
    }
    incoming.append(contentsOf: received)
    return received
  }

  public func takeIncoming() -> [IncomingChange] {
    defer { incoming.removeAll() }
    deliveredSequence = lastSequence
    return incoming
  }

  // MARK: Changing

  public var canUndo: Bool { !undoStack.isEmpty }
  public var canRedo: Bool { !redoStack.isEmpty }
  /// A change is acknowledged only once the server committed it, so nothing is ever waiting.
  public var hasUnsyncedChanges: Bool { false }
  public var serverIdentity: ActingUser? { identity }
  /// Not followed record by record yet: screens recount after a change to a shared store.
  public var lastTouched: [RecordRef]? { nil }
  public var localFolder: String? { nil }
  public var isOnline: Bool { link != nil }

  public var presence: StorePresence {
    .shared(committee: address.committee, others: others, online: link != nil)
  }

  /// Checks the change against the latest state and commits it. The actor given is not used: the
  /// server says who the user is, and records that.
  @discardableResult
  public func apply(_ change: Domain.Change, actor: ActingUser, now: Date) throws(StoreError) -> UInt64 {
    let entry = try commit(change, now: now)
    undoStack.append(entry)
    if undoStack.count > undoDepth { undoStack.removeFirst(undoStack.count - undoDepth) }
    redoStack.removeAll()
    return entry.sequence
  }

  @discardableResult
  public func undo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    guard let entry = undoStack.last else { throw .nothingToUndo }
    try refuseIfChangedSince(entry)
    let done = try commit(entry.inverse, now: now)
    undoStack.removeLast()
    redoStack.append(
      HistoryEntry(
        inverse: done.inverse, zh: entry.zh, en: entry.en, sequence: done.sequence, touched: done.touched))
    return HistoryStep(
      sequence: done.sequence, zh: tr("store.undo.done", .zh, entry.zh),
      en: tr("store.undo.done", .en, entry.en))
  }

  @discardableResult
  public func redo(actor: ActingUser, now: Date) throws(StoreError) -> HistoryStep {
    guard let entry = redoStack.last else { throw .nothingToRedo }
    try refuseIfChangedSince(entry)
    let done = try commit(entry.inverse, now: now)
    redoStack.removeLast()
    undoStack.append(
      HistoryEntry(
        inverse: done.inverse, zh: entry.zh, en: entry.en, sequence: done.sequence, touched: done.touched))
    return HistoryStep(
      sequence: done.sequence, zh: tr("store.redo.done", .zh, entry.zh),
      en: tr("store.redo.done", .en, entry.en))
  }

  /// Undo puts records back as they were; if someone else changed one since, that would wipe out their work.
  private func refuseIfChangedSince(_ entry: HistoryEntry) throws(StoreError) {
    for ref in entry.touched {
      if let seq = changedByOthers[ref], seq > entry.sequence {
        let who = incomingActor(at: seq) ?? "?"
        throw .rejected(
          RejectedChange(
            zh: tr("shared.undoConflict", .zh, who), en: tr("shared.undoConflict", .en, who),
            underlying: SharedStoreError.busy))
      }
    }
  }

  private var actorsBySequence: [UInt64: String] = [:]
  /// The last sequence whose state the app was handed (at opening, with `takeIncoming`, after its own
  /// commit, or `catchUp` for callers that read `state` themselves). Forms are built from that state:
  /// another person's change after it is one the user has not seen, whatever this store read since.
  private var deliveredSequence: UInt64 = 0
  /// Records other people created (at which sequence): a change of this app that writes one the user
  /// had not seen yet was meant as a new record under a number that is no longer free.
  private var createdByOthers: [RecordRef: UInt64] = [:]

  private func incomingActor(at seq: UInt64) -> String? { actorsBySequence[seq] }

  /// The heart of the store: check, commit, and on a lost race read what came first and check again.
  private func commit(_ change: Domain.Change, now: Date) throws(StoreError) -> HistoryEntry {
    guard let link else { throw offlineError() }
    let micros = Stamp.micros(now)
    let payload = CommitteeModel.encode(change: change)
    let changeID = UUID()
    var othersFirst: [IncomingChange] = []
    // Each lost race means someone else committed, so retrying always makes progress overall; after
    // a few lost races in a row a short random pause lets a starved writer through (on a loaded
    // machine two busy writers could otherwise keep beating one another to the server).
    for attempt in 0..<1000 {
      if attempt >= 3 { usleep(UInt32.random(in: 200...(2_000 * UInt32(min(attempt, 20))))) }
      let before = state
      let applied: Applied
      do throws(DomainError) {
        applied = try Domain.apply(change, to: before, actor: identity, now: Stamp.date(micros))
      } catch {
        throw rejection(error, othersFirst: othersFirst)
      }
      // The Domain allows it, but a record it writes was changed by someone else after the state the
      // user's form was built from (two clerks editing one member, or both adding a record under the
      // same new number): saving would wipe out their work, so the user is told what they did instead.
      if let (ref, clash) = applied.touched.compactMap({ ref in changedByOthers[ref].map { (ref, $0) } })
        .filter({ $0.1 > deliveredSequence }).min(by: { $0.1 < $1.1 })
      {
        throw clashError(ref: ref, sequence: clash, othersFirst: othersFirst)
      }
      // A new record under a number another record (of any kind) already holds: numbers are one
      // series, so the number was taken meanwhile (a demo loading while someone adds a member).
      if let holder = applied.touched.lazy.compactMap({ ref in
        before.value(of: ref) == nil ? Self.holder(of: ref, in: before) : nil
      }).first {
        throw clashError(ref: holder, sequence: createdByOthers[holder] ?? 0, othersFirst: othersFirst)
      }
      let result: Int64
      do throws(SharedStoreError) {
        let rows = try link.rows(
          """
          SELECT shangliang.commit_change(\(address.committee), \(Int64(lastSequence)), \(changeID), \(micros),
            \(Int32(CommitteeModel.payloadVersion)), \(ByteBuffer(bytes: payload)))
          """)
        result =
          try rows.first.map { row throws(SharedStoreError) -> Int64 in
            do { return try row.decode(Int64.self) } catch {
              throw .unreadable(what: "commit", detail: String(describing: error))
            }
          } ?? -1
      } catch {
        if case .unreachable = error {
          goOffline(error)
          // The commit may or may not have reached the server; its ID makes a later retry harmless,
          // and reading the stream after reconnecting shows it if it did.
          ownChangeIDs.insert(changeID)
          throw offlineError()
        }
        throw error.storeError
      }
      if result == Int64(lastSequence) + 1 {
        state = applied.state
        lastSequence = UInt64(result)
        startSnapshotIfDue(now: now)
        // The runtime hands the app this state (with whatever was read meanwhile) after a commit.
        deliveredSequence = lastSequence
        // Undo is a revert under the change's own role and rules, as on the local store.
        let inverse: Domain.Change
        if case .revert(let reverted, _, _, _) = change {
          inverse = reverted
        } else {
          inverse = .revert(
            change, to: applied.touched.map { RecordVersion($0, before.value(of: $0)) }, by: identity,
            at: Stamp.date(micros))
        }
        return HistoryEntry(
          inverse: inverse, zh: change.summary(in: .zh, before: before),
          en: change.summary(in: .en, before: before),
          sequence: lastSequence, touched: applied.touched)
      }
      // Someone else came first (or, with a known ID, this very change did, before a lost answer).
      if result > 0 { ownChangeIDs.insert(changeID) }
      do throws(SharedStoreError) {
        othersFirst += try readNewChanges(link)
      } catch {
        if case .unreachable = error { goOffline(error) }
        throw error.storeError
      }
      if result > 0 {
        return HistoryEntry(inverse: .group([]), zh: "", en: "", sequence: UInt64(result), touched: [])
      }
    }
    throw SharedStoreError.busy.storeError
  }

  /// The record of another kind that holds `ref`'s number, if any.
  static func holder(of ref: RecordRef, in state: CommitteeState) -> RecordRef? {
    RecordKind.allCases.lazy.filter { $0 != ref.kind }.map { RecordRef($0, ref.raw) }.first(
      where: state.contains)
  }

  /// A change of this app would write over another person's record the user has not seen. A record
  /// they created is a number taken: the form keeps what was typed, and saving again takes the next
  /// free number from the state that now shows their record.
  private func clashError(ref: RecordRef, sequence: UInt64, othersFirst: [IncomingChange]) -> StoreError {
    let other = (othersFirst + incoming).first { $0.sequence == sequence }
    let who = other?.userName ?? incomingActor(at: sequence) ?? "?"
    if let created = createdByOthers[ref], created > deliveredSequence || created == sequence {
      return .rejected(
        RejectedChange(
          zh: tr("shared2.numberTaken", .zh, who), en: tr("shared2.numberTaken", .en, who),
          underlying: SharedStoreError.busy))
    }
    return .rejected(
      RejectedChange(
        zh: tr("shared.sameRecord", .zh, who, other?.zh ?? ""),
        en: tr("shared.sameRecord", .en, who, other?.en ?? ""),
        underlying: SharedStoreError.busy))
  }

  /// The Domain's refusal, with what the other people did first when that is why.
  private func rejection(_ error: DomainError, othersFirst: [IncomingChange]) -> StoreError {
    guard let other = othersFirst.last else {
      return .rejected(
        RejectedChange(zh: error.message(in: .zh), en: error.message(in: .en), underlying: error))
    }
    return .rejected(
      RejectedChange(
        zh: tr("shared.conflict", .zh, other.userName, other.zh, error.message(in: .zh)),
        en: tr("shared.conflict", .en, other.userName, other.en, error.message(in: .en)), underlying: error))
  }

  private func offlineError() -> StoreError {
    .server(zh: tr("shared.offline", .zh), en: tr("shared.offline", .en))
  }

  private func goOffline(_ error: SharedStoreError) {
    guard let link else { return }
    log("offline: \(error.message(in: .en))")
    link.close()
    self.link = nil
    others = []
  }

  // MARK: Keeping up

  /// Nothing waits for a flush: the server made each change durable before acknowledging it.
  public func sync() throws(StoreError) {}

  /// Reads announced changes, reconnects when offline, and now and then looks at who else is working.
  public func syncIfDue(now: Date) throws(StoreError) {
    guard let link else {
      reconnectIfDue(now: now)
      return
    }
    if link.isClosed {
      goOffline(.unreachable(address: address.description, detail: "connection closed"))
      return
    }
    // A notification may be lost with a dropped connection: read the stream now and then anyway.
    let due = now.timeIntervalSince(lastPoll) >= 5
    guard doorbell.answer() || due else {
      refreshPresenceIfDue(link, now: now)
      return
    }
    lastPoll = now
    do throws(SharedStoreError) {
      try readNewChanges(link)
    } catch {
      if case .unreachable = error { goOffline(error) } else { throw error.storeError }
    }
    if let link = self.link { refreshPresenceIfDue(link, now: now) }
    startSnapshotIfDue(now: now)
  }

  /// Reads whatever is new now (tests and commands that do not run the app's loop).
  public func catchUp() throws(StoreError) {
    lastPoll = .distantPast
    try syncIfDue(now: Date())
    deliveredSequence = lastSequence
  }

  private func refreshPresenceIfDue(_ link: Link, now: Date) {
    guard now.timeIntervalSince(lastPresenceCheck) >= 5 else { return }
    lastPresenceCheck = now
    let application = Self.applicationName(address.committee)
    guard
      let rows = try? link.rows(
        """
        SELECT DISTINCT usename::text FROM pg_stat_activity
        WHERE application_name = \(application) AND pid <> pg_backend_pid() AND usename <> session_user
        ORDER BY 1
        """)
    else { return }
    others = rows.compactMap { try? $0.decode(String.self) }
  }

  private func reconnectIfDue(now: Date) {
    guard now.timeIntervalSince(lastReconnectAttempt) >= 1 else { return }
    lastReconnectAttempt = now
    do throws(SharedStoreError) {
      let fresh = try Link.connect(
        address, application: Self.applicationName(address.committee), timeout: .seconds(1))
      do throws(SharedStoreError) {
        try startListening(fresh)
        link = fresh
        try readNewChanges(fresh, limit: Link.longReadLimit)
        lastPresenceCheck = .distantPast
        log("reconnected at sequence \(lastSequence)")
      } catch {
        fresh.close()
        link = nil
      }
    } catch {
      return
    }
  }

  /// The background snapshots written since the last call. A failed one is only logged and tried
  /// again a minute later: the stream still holds every change, so nothing waits on it, and the user
  /// (who hears of a lost server on the status bar) has nothing to do about it.
  public func takeSnapshotResults() -> [Result<UInt64, StoreError>] {
    let (written, failures) = snapshotWork.take()
    for failure in failures { log(failure) }
    snapshotSequence = max(snapshotSequence, written.max() ?? 0)
    return written.map { .success($0) }
  }

  /// An admin's running app writes the committee's snapshot once `snapshotEvery` changes (its own or
  /// others') follow the last, so that the changes an opening replays stay few however long nobody
  /// closes an app. The state is a value: it is encoded and sent on a thread and a connection of their
  /// own while the user works on.
  private func startSnapshotIfDue(now: Date) {
    guard identity.role == .admin, lastSequence - snapshotSequence >= snapshotEvery,
      snapshotWork.mayStart(now: now)
    else { return }
    let state = self.state
    let sequence = lastSequence
    let address = self.address
    let work = snapshotWork
    let thread = Thread {
      do throws(SharedStoreError) {
        let link = try Link.connect(address, application: "shangliang-snapshot:" + address.committee)
        defer { link.close() }
        try SharedSnapshot.write(
          state, link: link, committee: address.committee, sequence: sequence, asOwner: false)
        work.finish(.success(sequence))
      } catch {
        work.finish(
          .failure(.init(line: "background snapshot at \(sequence) failed: \(error.message(in: .en))")))
      }
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// Writes the current state as the committee's snapshot (admins only; the server checks).
  public func writeSnapshot() throws(StoreError) {
    guard let link else { throw offlineError() }
    guard lastSequence > snapshotSequence else { return }
    do throws(SharedStoreError) {
      try SharedSnapshot.write(
        state, link: link, committee: address.committee, sequence: lastSequence, asOwner: false)
    } catch {
      throw error.storeError
    }
    snapshotSequence = lastSequence
  }

  public func close(now: Date) throws(StoreError) {
    defer {
      link?.close()
      link = nil
    }
    // A background snapshot finished meanwhile counts: it need not be written again.
    _ = takeSnapshotResults()
    if identity.role == .admin, link != nil, lastSequence - snapshotSequence >= snapshotEvery {
      try writeSnapshot()
    }
  }

  /// Drops the connection without a goodbye, as a killed program would (tests).
  public func abandon() {
    link?.close()
    link = nil
  }

  // MARK: Drafts, kept on this machine

  public func saveDraft(key: String, text: String, now: Date) throws(StoreError) {
    try draftFolder.save(key: key, text: text, now: now)
  }

  public func drafts() -> [Draft] { draftFolder.all() }

  public func discardDraft(key: String) throws(StoreError) { try draftFolder.discard(key: key) }
}

/// The one background snapshot an app may have on its way, and those written since the app last asked.
private final class SnapshotWork: @unchecked Sendable {
  private let lock = NSLock()
  private var running = false
  private var written: [UInt64] = []
  private var failures: [String] = []
  private var lastFailure = Date.distantPast

  /// Whether a snapshot may start now (none running, none failed in the last minute); if so, it has.
  func mayStart(now: Date) -> Bool {
    lock.withLock {
      guard !running, now.timeIntervalSince(lastFailure) >= 60 else { return false }
      running = true
      return true
    }
  }

  /// The sequence written, or why not, for the log.
  func finish(_ outcome: Result<UInt64, Failure>) {
    lock.withLock {
      running = false
      switch outcome {
      case .success(let sequence): written.append(sequence)
      case .failure(let failure):
        failures.append(failure.line)
        lastFailure = Date()
      }
    }
  }

  func take() -> (written: [UInt64], failures: [String]) {
    lock.withLock {
      defer {
        written = []
        failures = []
      }
      return (written, failures)
    }
  }

  struct Failure: Error {
    let line: String
  }
}
