import Domain
import Foundation
import SharedStore
import Store

/// Figures for `shangliang bench shared`: commits per second with W apps writing at once, and how long
/// until another app has a change, beside the local store's commits per second.
public enum SharedBench {
  public struct Figures: Sendable {
    public var writers: Int
    public var changes: Int
    public var commitsPerSecond: Double
    public var visibilityP50Ms: Double
    public var visibilityP99Ms: Double
    /// From a writer's `apply` call until the server acknowledged it (lost races replayed included).
    public var commitP50Ms: Double
    public var commitP99Ms: Double
    /// Changes refused (or not saved) along the way; a healthy run has none.
    public var failures: Int

    public var json: String {
      "{\"store\": \"shared\", \"writers\": \(writers), \"changes\": \(changes), "
        + "\"commits_per_s\": \(format(commitsPerSecond)), \"commit_p50_ms\": \(format(commitP50Ms)), "
        + "\"commit_p99_ms\": \(format(commitP99Ms)), \"visible_p50_ms\": \(format(visibilityP50Ms)), "
        + "\"visible_p99_ms\": \(format(visibilityP99Ms)), \"failures\": \(failures)}"
    }
  }

  /// How long an app takes to open a committee of `records` records: one snapshot read, and the
  /// `changesAfter` changes written after that snapshot replayed.
  public struct OpenFigures: Sendable {
    public var records: Int
    public var changesAfter: Int = 0
    public var snapshotBytes: Int
    public var openMedianMs: Double
    public var openMaxMs: Double
    public var openP99Ms: Double
    public var runs: Int
    /// Medians of where an opening's time goes (`SharedCommitteeStore.profileOpen`): the snapshot
    /// query's answer in, its bytes copied out, the state decoded.
    public var fetchMedianMs: Double = .nan
    public var copyMedianMs: Double = .nan
    public var decodeMedianMs: Double = .nan
    /// Reading the changes after the snapshot and applying them to it.
    public var replayMedianMs: Double = .nan

    public var json: String {
      "{\"store\": \"shared\", \"open_records\": \(records), \"open_changes\": \(changesAfter), \"snapshot_mb\": "
        + "\(format(Double(snapshotBytes) / 1_048_576)), \"open_median_ms\": \(format(openMedianMs)), "
        + "\"open_p99_ms\": \(format(openP99Ms)), \"open_max_ms\": \(format(openMaxMs)), \"runs\": \(runs), "
        + "\"fetch_median_ms\": \(format(fetchMedianMs)), \"copy_median_ms\": \(format(copyMedianMs)), "
        + "\"decode_median_ms\": \(format(decodeMedianMs)), \"replay_median_ms\": \(format(replayMedianMs))}"
    }
  }

  /// Puts `state` into a fresh committee as its snapshot, commits `changesAfter` changes after it (as
  /// an office does between two snapshots), then opens it `runs` times as an app does.
  public static func open(owner: SharedAddress, state: CommitteeState, changesAfter: Int = 0, runs: Int)
    throws
    -> OpenFigures
  {
    var fresh = owner
    fresh.committee = "bench-open-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try SharedAdmin.setup(owner, committees: [fresh.committee])
    // The committee is the benchmark's own: it leaves nothing behind in the database it measured.
    defer { try? SharedAdmin.removeCommittee(owner, name: fresh.committee) }
    try SharedAdmin.grant(owner, user: owner.user, role: .admin, committee: fresh.committee)
    try SharedAdmin.importState(state, into: fresh)
    if changesAfter > 0 { try writeChanges(changesAfter, into: fresh) }
    var times: [Double] = []
    var records = 0
    for _ in 0..<max(1, runs) {
      let started = Date()
      let store = try SharedCommitteeStore.openOrFail(address: fresh, draftsFolder: NSTemporaryDirectory())
      times.append(Date().timeIntervalSince(started) * 1000)
      records = store.state.totalCount
      store.abandon()
    }
    times.sort()
    var figures = OpenFigures(
      records: records, changesAfter: changesAfter, snapshotBytes: CommitteeModel.encode(state: state).count,
      openMedianMs: percentile(times, 0.5), openMaxMs: times.last ?? .nan, openP99Ms: percentile(times, 0.99),
      runs: times.count)
    // Then where the time goes, read apart step by step as many times.
    let profiles = try (0..<max(1, runs)).map { _ in try SharedCommitteeStore.profileOpen(address: fresh) }
    figures.fetchMedianMs = percentile(profiles.map(\.fetchMs).sorted(), 0.5)
    figures.copyMedianMs = percentile(profiles.map(\.copyMs).sorted(), 0.5)
    figures.decodeMedianMs = percentile(profiles.map(\.decodeMs).sorted(), 0.5)
    figures.replayMedianMs = percentile(profiles.map(\.replayMs).sorted(), 0.5)
    return figures
  }

  /// Commits `count` changes to the committee through the server, one at a time as apps do, without
  /// writing a snapshot: half rename members the snapshot holds, half add new members.
  static func writeChanges(_ count: Int, into address: SharedAddress) throws {
    let store = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
    // Dropped without a goodbye, so that no snapshot is written on closing.
    defer { store.abandon() }
    var existing = Array(store.state.members.values.prefix(count / 2)).makeIterator()
    for i in 0..<count {
      let change: Change
      if i % 2 == 0, var member = existing.next() {
        member.name += "·"
        change = .putMember(member)
      } else {
        change = .putMember(Member(id: store.state.newID(), name: "新委员\(i)"))
      }
      try store.apply(change, actor: store.identity, now: Date())
    }
  }

  static func format(_ value: Double) -> String { String(format: "%.1f", value) }
  /// For times well under a millisecond (the local store's commits).
  static func fine(_ value: Double) -> String { String(format: "%.3f", value) }

  private final class Board: @unchecked Sendable {
    let lock = NSLock()
    var acknowledged: [UInt64: Date] = [:]
    var commitMs: [Double] = []
    var failures: [String] = []
  }

  /// Runs on a fresh committee `bench-…` (the address's user must own the database). Each writer is an
  /// app of its own; one more app watches and notes when each change reaches it.
  public static func run(owner: SharedAddress, writers: Int, changes: Int) throws -> Figures {
    var fresh = owner
    fresh.committee = "bench-\(getpid())-\(writers)-\(UInt32.random(in: 0...UInt32.max))"
    let address = fresh
    try SharedAdmin.setup(owner, committees: [address.committee])
    // The committee is the benchmark's own: it leaves nothing behind in the database it measured.
    defer { try? SharedAdmin.removeCommittee(owner, name: address.committee) }
    try SharedAdmin.grant(owner, user: owner.user, role: .admin, committee: address.committee)
    let watcher = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
    defer { watcher.abandon() }
    let board = Board()
    let perWriter = max(1, changes / writers)
    let group = DispatchGroup()
    let ready = DispatchSemaphore(value: 0)
    let gate = DispatchGroup()
    gate.enter()
    for index in 0..<writers {
      group.enter()
      // Each writer is an app of its own, opened on its own thread, all starting together.
      let thread = Thread {
        defer { group.leave() }
        let store: SharedCommitteeStore
        do throws(SharedStoreError) {
          store = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
        } catch {
          board.lock.withLock { board.failures.append(error.message(in: .en)) }
          ready.signal()
          return
        }
        defer { store.abandon() }
        ready.signal()
        gate.wait()
        for i in 0..<perWriter {
          let id = MemberID(raw: UInt64(index + 1) * 10_000_000 + UInt64(i))
          do throws(StoreError) {
            let asked = Date()
            let seq = try store.apply(
              .putMember(Member(id: id, name: "委员\(i)")), actor: store.identity, now: Date())
            let done = Date()
            board.lock.withLock {
              board.acknowledged[seq] = done
              board.commitMs.append(done.timeIntervalSince(asked) * 1000)
            }
          } catch {
            board.lock.withLock { board.failures.append(error.message(in: .en)) }
          }
        }
      }
      thread.start()
    }
    for _ in 0..<writers { ready.wait() }
    let started = Date()
    gate.leave()
    // The watcher runs on this thread, as an app's loop would, noting when each change arrives.
    var seen: [UInt64: Date] = [:]
    var writersDone: Date?
    while true {
      try watcher.syncIfDue(now: Date())
      let now = Date()
      for change in watcher.takeIncoming() { seen[change.sequence] = now }
      if writersDone == nil, group.wait(timeout: .now()) == .success { writersDone = Date() }
      if let writersDone {
        let acknowledged = board.lock.withLock { board.acknowledged.count }
        if seen.count >= acknowledged || now.timeIntervalSince(writersDone) > 10 { break }
      }
      usleep(500)
    }
    let elapsed = (writersDone ?? Date()).timeIntervalSince(started)
    let delays = board.lock.withLock {
      board.acknowledged.compactMap { seq, at in seen[seq].map { max(0, $0.timeIntervalSince(at)) * 1000 } }
    }.sorted()
    let count = board.lock.withLock { board.acknowledged.count }
    let commits = board.lock.withLock { board.commitMs }.sorted()
    return Figures(
      writers: writers, changes: count, commitsPerSecond: Double(count) / elapsed,
      visibilityP50Ms: percentile(delays, 0.5), visibilityP99Ms: percentile(delays, 0.99),
      commitP50Ms: percentile(commits, 0.5), commitP99Ms: percentile(commits, 0.99),
      failures: board.lock.withLock { board.failures.count })
  }

  /// The local store's figures on the same work: commits per second, and how long each `apply` took
  /// (the change checked, applied and written to the journal; the flush to disk is timed apart, once at
  /// the end, as the app flushes in the background).
  public struct LocalFigures: Sendable {
    public var changes: Int
    public var commitsPerSecond: Double
    public var commitP50Ms: Double
    public var commitP99Ms: Double
    /// The one flush at the end, making every change durable.
    public var flushMs: Double

    public var json: String {
      "{\"store\": \"local\", \"writers\": 1, \"changes\": \(changes), "
        + "\"commits_per_s\": \(format(commitsPerSecond)), \"commit_p50_ms\": \(fine(commitP50Ms)), "
        + "\"commit_p99_ms\": \(fine(commitP99Ms)), \"flush_ms\": \(format(flushMs)), "
        + "\"visible_p50_ms\": null, \"visible_p99_ms\": null}"
    }
  }

  /// The local store on the same work, for comparison: one writer, journaled, flushed at the end.
  public static func runLocal(changes: Int, folder: String) throws -> LocalFigures {
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try CommitteeStore.open(folder: folder)
    let actor = ActingUser.staff("bench", .admin)
    try store.apply(
      .putStaffAccount(
        StaffAccount(id: StaffAccountID(raw: 1), userName: "bench", displayName: "b", role: .admin)),
      actor: actor, now: Date())
    var commits: [Double] = []
    commits.reserveCapacity(changes)
    let started = Date()
    for i in 0..<changes {
      let asked = Date()
      try store.apply(
        .putMember(Member(id: MemberID(raw: 100 + UInt64(i)), name: "委员\(i)")), actor: actor, now: Date())
      commits.append(Date().timeIntervalSince(asked) * 1000)
    }
    let flushing = Date()
    try store.sync()
    let done = Date()
    try store.close(now: Date())
    commits.sort()
    return LocalFigures(
      changes: changes, commitsPerSecond: Double(changes) / done.timeIntervalSince(started),
      commitP50Ms: percentile(commits, 0.5), commitP99Ms: percentile(commits, 0.99),
      flushMs: done.timeIntervalSince(flushing) * 1000)
  }

  static func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
  }
}
