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

  /// How long an app takes to open a committee of `records` records (one snapshot read).
  public struct OpenFigures: Sendable {
    public var records: Int
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

    public var json: String {
      "{\"store\": \"shared\", \"open_records\": \(records), \"snapshot_mb\": "
        + "\(format(Double(snapshotBytes) / 1_048_576)), \"open_median_ms\": \(format(openMedianMs)), "
        + "\"open_p99_ms\": \(format(openP99Ms)), \"open_max_ms\": \(format(openMaxMs)), \"runs\": \(runs), "
        + "\"fetch_median_ms\": \(format(fetchMedianMs)), \"copy_median_ms\": \(format(copyMedianMs)), "
        + "\"decode_median_ms\": \(format(decodeMedianMs))}"
    }
  }

  /// Puts `state` into a fresh committee as its snapshot, then opens it `runs` times as an app does.
  public static func open(owner: SharedAddress, state: CommitteeState, runs: Int) throws -> OpenFigures {
    var fresh = owner
    fresh.committee = "bench-open-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try SharedAdmin.setup(owner, committees: [fresh.committee])
    // The committee is the benchmark's own: it leaves nothing behind in the database it measured.
    defer { try? SharedAdmin.removeCommittee(owner, name: fresh.committee) }
    try SharedAdmin.grant(owner, user: owner.user, role: .admin, committee: fresh.committee)
    try SharedAdmin.importState(state, into: fresh)
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
      records: records, snapshotBytes: CommitteeModel.encode(state: state).count,
      openMedianMs: percentile(times, 0.5), openMaxMs: times.last ?? .nan, openP99Ms: percentile(times, 0.99),
      runs: times.count)
    // Then where the time goes, read apart step by step as many times.
    let profiles = try (0..<max(1, runs)).map { _ in try SharedCommitteeStore.profileOpen(address: fresh) }
    figures.fetchMedianMs = percentile(profiles.map(\.fetchMs).sorted(), 0.5)
    figures.copyMedianMs = percentile(profiles.map(\.copyMs).sorted(), 0.5)
    figures.decodeMedianMs = percentile(profiles.map(\.decodeMs).sorted(), 0.5)
    return figures
  }

  static func format(_ value: Double) -> String { String(format: "%.1f", value) }

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

  /// The local store on the same work, for comparison: one writer, journaled, flushed at the end.
  public static func runLocal(changes: Int, folder: String) throws -> Double {
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try CommitteeStore.open(folder: folder)
    let actor = ActingUser.staff("bench", .admin)
    try store.apply(
      .putStaffAccount(
        StaffAccount(id: StaffAccountID(raw: 1), userName: "bench", displayName: "b", role: .admin)),
      actor: actor, now: Date())
    let started = Date()
    for i in 0..<changes {
      try store.apply(
        .putMember(Member(id: MemberID(raw: 100 + UInt64(i)), name: "委员\(i)")), actor: actor, now: Date())
    }
    try store.sync()
    let elapsed = Date().timeIntervalSince(started)
    try store.close(now: Date())
    return Double(changes) / elapsed
  }

  static func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
  }
}
