import Domain
import Foundation
import Localization
import PostgresNIO
import Seed
import Store
import Testing

@testable import SharedStore

/// A whole office on one database: each test starts its own throwaway server.
@Suite(.serialized)
struct SharedStoreTests {
  static let day = Date(timeIntervalSince1970: 1_780_000_000)

  /// Opens `user`'s app on the committee, drafts under a temporary folder.
  static func open(_ cluster: PostgresCluster, _ user: String, committee: String = "xicheng") throws
    -> SharedCommitteeStore
  {
    try SharedCommitteeStore.openOrFail(
      address: cluster.address(user: user, committee: committee),
      draftsFolder: cluster.folder + "/drafts-" + user)
  }

  static func member(_ raw: UInt64, _ name: String) -> Domain.Change {
    .putMember(Member(id: MemberID(raw: raw), name: name))
  }

  @Test func twoAppsSeeEachOthersChangesWithinASecond() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 1)])
    try inline {
      let zhang = try Self.open(cluster, "zhang")
      let li = try Self.open(cluster, "li")
      #expect(zhang.identity == .staff("zhang", .clerk))
      #expect(li.identity == .staff("li", .secretary))

      // Zhang adds a member; Li's app, running its loop, has it within a second.
      let started = Date()
      let sequence = try zhang.apply(Self.member(1, "王委员"), actor: zhang.identity, now: Self.day)
      var seen: Date?
      while Date().timeIntervalSince(started) < 3 {
        try li.syncIfDue(now: Date())
        if li.state.members[MemberID(raw: 1)] != nil {
          seen = Date()
          break
        }
        usleep(5_000)
      }
      let delay = try #require(seen).timeIntervalSince(started)
      #expect(delay < 1, "Li saw Zhang's change after \(delay) s")
      #expect(li.lastSequence == sequence)
      let news = li.takeIncoming()
      #expect(news.map(\.userName) == ["zhang"])
      #expect(news.first?.message(in: .en).contains("王委员") == true)
      // Zhang's own change is not news to Zhang.
      try zhang.catchUp()
      #expect(zhang.takeIncoming().isEmpty)

      // And back the other way: Li's change reaches Zhang.
      try li.apply(Self.member(2, "赵委员"), actor: li.identity, now: Self.day)
      try zhang.catchUp()
      #expect(zhang.state.members[MemberID(raw: 2)]?.name == "赵委员")
      #expect(zhang.state == li.state)
    }
  }

  @Test func aLostRaceIsReplayedAndEitherCommitsOrSaysWhatTheOtherDid() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Self.open(cluster, "zhang")
      let li = try Self.open(cluster, "li")
      try zhang.apply(Self.member(1, "王委员"), actor: zhang.identity, now: Self.day)

      // Li has not heard of it yet, and adds another member: replayed on top, it simply commits.
      #expect(li.state.members.isEmpty)
      try li.apply(Self.member(2, "赵委员"), actor: li.identity, now: Self.day)
      #expect(li.state.members.count == 2)

      // Both edit member 1 at once: Zhang's edit lands first; Li's is refused, naming Zhang's edit.
      try zhang.catchUp()
      try zhang.apply(
        .putMember(Member(id: MemberID(raw: 1), name: "王委员", phone: "13800000000")), actor: zhang.identity,
        now: Self.day)
      do throws(StoreError) {
        try li.apply(
          .putMember(Member(id: MemberID(raw: 1), name: "王委员", notes: "农工党")), actor: li.identity,
          now: Self.day)
        Issue.record("Li's edit overwrote Zhang's")
      } catch {
        let words = error.message(in: .en)
        #expect(words.contains("zhang"), "\(words)")
        #expect(words.contains("王委员"), "\(words)")
      }
      // Nothing of Zhang's was lost, on either side.
      #expect(li.state.members[MemberID(raw: 1)]?.phone == "13800000000")
      try zhang.catchUp()
      #expect(zhang.state == li.state)
    }
  }

  /// A server that stops answering (a half-open network, a query the client library lost) must not
  /// hold the app for ever: past the limit the link is closed and the app is offline.
  @Test func aStatementWithNoAnswerClosesTheLinkInsteadOfWaitingForEver() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0)])
    try inline {
      let link = try Link.connect(cluster.address(user: "zhang"), application: "slow")
      let started = Date()
      #expect {
        _ = try link.rows("SELECT pg_sleep(5)", limit: .milliseconds(300))
      } throws: { error in
        if case .unreachable = error as? SharedStoreError { return true }
        return false
      }
      #expect(Date().timeIntervalSince(started) < 4, "waited for the statement instead of the limit")
      #expect(link.isClosed)
      // A statement on a closed link fails at once rather than queueing behind the lost one.
      #expect(throws: SharedStoreError.self) { _ = try link.rows("SELECT 1") }
    }
  }

  /// However long nobody closes an app, an opening replays few changes: an admin's running app writes
  /// the snapshot in the background once enough changes (anyone's) follow the last one.
  @Test func anAdminsRunningAppWritesSnapshotsSoOpeningsReplayFewChanges() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", Int(Role.admin.rawValue)), ("li", 0)])
    try inline {
      let admin = try Self.open(cluster, "zhang")
      admin.snapshotEvery = 5
      let clerk = try Self.open(cluster, "li")
      clerk.snapshotEvery = 1
      // The clerk's changes: a clerk may not write snapshots, so her app never tries.
      for raw in 1...6 {
        try clerk.apply(Self.member(UInt64(raw), "委员\(raw)"), actor: clerk.identity, now: Self.day)
      }
      #expect(clerk.takeSnapshotResults().isEmpty)
      // The admin's app hears of them while it runs, and writes a snapshot on its own.
      var written: [UInt64] = []
      let deadline = Date().addingTimeInterval(30)
      while written.isEmpty && Date() < deadline {
        try admin.catchUp()
        written += admin.takeSnapshotResults().compactMap { try? $0.get() }
        usleep(50_000)
      }
      #expect(written == [6], "the admin's app wrote no snapshot (or another): \(written)")
      #expect(admin.snapshotSequence == 6)
      #expect(
        try cluster.psql("SELECT max(seq) FROM shangliang.snapshots WHERE committee = 'xicheng'") == "6")
      // A new app opens from it with nothing to replay, and sees the same committee.
      let later = try Self.open(cluster, "li")
      #expect(later.snapshotSequence == 6)
      #expect(later.state == admin.state)
      #expect(later.state.members.count == 6)
    }
  }

  @Test func undoDoesNotWipeOutSomeoneElsesLaterChange() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    try inline {
      let zhang = try Self.open(cluster, "zhang")
      let li = try Self.open(cluster, "li")
      try zhang.apply(Self.member(1, "王委员"), actor: zhang.identity, now: Self.day)
      try li.catchUp()
      try li.apply(
        .putMember(Member(id: MemberID(raw: 1), name: "王委员", phone: "1")), actor: li.identity, now: Self.day)
      try zhang.catchUp()
      #expect(throws: StoreError.self) { try zhang.undo(actor: zhang.identity, now: Self.day) }
      #expect(zhang.state.members[MemberID(raw: 1)]?.phone == "1")
      // Li's own undo is fine: nobody changed the member after Li.
      try li.undo(actor: li.identity, now: Self.day)
      #expect(li.state.members[MemberID(raw: 1)]?.phone == "")
    }
  }

  @Test func theServerSaysWhoWroteAndRefusesWhatTheRoleMayNotDo() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("chen", 2), ("guest", -1)])
    try inline {
      let zhang = try Self.open(cluster, "zhang")
      // The client claims to be the head: the server records the clerk it really is.
      try zhang.apply(Self.member(1, "王委员"), actor: .staff("chen", .head), now: Self.day)
      let recorded = try cluster.psql("SELECT actor || ' ' || role FROM shangliang.changes WHERE seq = 1")
      #expect(recorded == "zhang 0")

      // A modified client skips its own checks and asks the server for a head's change.
      let link = try Link.connect(cluster.address(user: "zhang"), application: "forged")
      defer { link.close() }
      let close = CommitteeModel.encode(change: .closeProblem(ProblemID(raw: 9), note: "closed"))
      #expect(SharedSchema.serverRequiredRole(payload: close) == .head)
      #expect {
        _ = try link.rows(
          """
          SELECT shangliang.commit_change('xicheng', 1, \(UUID()), 0, 2, \(ByteBuffer(bytes: close)))
          """)
      } throws: { error in
        (error as? SharedStoreError)
          == .refused(sqlState: "SLR02", detail: "role 0 of zhang is below 2 for this change")
      }
      // Writing the table directly, with someone else's name, is not allowed at all.
      #expect {
        _ = try link.rows(
          """
          INSERT INTO shangliang.changes VALUES ('xicheng', 2, \(UUID()), 'chen', 2, 0, 2, \(ByteBuffer(bytes: close)))
          """)
      } throws: { error in
        if case .refused(let state, _) = error as? SharedStoreError { return state == "42501" }
        return false
      }
      // Making itself admin is refused too.
      let promote = CommitteeModel.encode(
        change: .putStaffAccount(
          StaffAccount(id: StaffAccountID(raw: 5), userName: "zhang", displayName: "z", role: .admin)))
      #expect(throws: SharedStoreError.self) {
        _ = try link.rows(
          "SELECT shangliang.commit_change('xicheng', 1, \(UUID()), 0, 2, \(ByteBuffer(bytes: promote)))")
      }

      // A snapshot written by a clerk would be what every app opens from: both ways of writing one are
      // refused to anyone but an admin, and the check itself is not the staff's to call.
      let bytes = ByteBuffer(bytes: [1, 2, 3])
      let calls: [PostgresQuery] = [
        "SELECT shangliang.write_snapshot('xicheng', 1, 2, \(bytes))",
        "SELECT shangliang.write_snapshot_parts('xicheng', 1, 2, ARRAY[\(bytes)]::bytea[])",
      ]
      for call in calls {
        #expect {
          _ = try link.rows(call)
        } throws: { error in
          if case .refused("SLR02", let detail) = error as? SharedStoreError {
            return detail == "only an admin of xicheng writes snapshots"
          }
          return false
        }
      }
      #expect {
        _ = try link.rows("SELECT shangliang.require_snapshot_writer('xicheng')")
      } throws: { error in
        if case .refused(let state, _) = error as? SharedStoreError { return state == "42501" }
        return false
      }
      #expect(try cluster.psql("SELECT count(*) FROM shangliang.snapshots") == "0")

      // A head-only change hidden in a group passes the server's outer check, but every app replays it
      // with the role the server recorded, so it takes effect nowhere.
      let hidden = CommitteeModel.encode(
        change: .group([
          .putMember(Member(id: MemberID(raw: 7), name: "伪")), .closeProblem(ProblemID(raw: 9), note: ""),
        ]))
      _ = try link.rows(
        "SELECT shangliang.commit_change('xicheng', 1, \(UUID()), 0, 2, \(ByteBuffer(bytes: hidden)))")
      let chen = try Self.open(cluster, "chen")
      #expect(chen.lastSequence == 2)
      #expect(chen.skippedChanges.map(\.sequence) == [2])
      #expect(chen.state.members[MemberID(raw: 7)] == nil)

      // Someone with no role reads but cannot write.
      let guest = try Self.open(cluster, "guest")
      #expect(guest.identity == .reader("guest"))
      #expect(throws: StoreError.self) {
        try guest.apply(Self.member(3, "x"), actor: .staff("guest", .admin), now: Self.day)
      }
      #expect(guest.state.members.count == 1)
    }
  }

  @Test func twoWritersOfTenThousandChangesEachLoseNothingAndDoubleNothing() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0), ("li", 0)])
    let perWriter = 10_000
    async let first: [UInt64] = onOwnThread {
      let store = try Self.open(cluster, "zhang")
      return try (0..<perWriter).map { i in
        try store.apply(Self.member(1_000_000 + UInt64(i), "甲\(i)"), actor: store.identity, now: Self.day)
      }
    }
    async let second: [UInt64] = onOwnThread {
      let store = try Self.open(cluster, "li")
      return try (0..<perWriter).map { i in
        try store.apply(Self.member(2_000_000 + UInt64(i), "乙\(i)"), actor: store.identity, now: Self.day)
      }
    }
    let acknowledged = try await first + second
    #expect(Set(acknowledged).count == 2 * perWriter, "two changes were given one sequence number")
    #expect(Set(acknowledged) == Set(1...UInt64(2 * perWriter)))
    let counts = try cluster.psql(
      "SELECT count(*) || ' ' || count(DISTINCT change_id) || ' ' || max(seq) FROM shangliang.changes")
    #expect(counts == "20000 20000 20000")
    let reader = try await onOwnThread { try Self.open(cluster, "zhang").state }
    #expect(reader.members.count == 2 * perWriter)
  }

  /// Written by the writer's thread, read by the test once the writer is done.
  final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var stop = false
    var acknowledged: [UInt64] = []
    var refused = 0
    var offlineWhenRefused = true
  }

  @Test func aKilledServerLosesNoAcknowledgedChangeAndTheAppReconnectsByItself() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 0)])
    let tally = Tally()
    // One app writes members as fast as it can while the server is killed under it and restarted.
    async let writer: Handed<SharedCommitteeStore> = onOwnThread {
      let store = try Self.open(cluster, "zhang")
      var raw: UInt64 = 1
      while !tally.lock.withLock({ tally.stop }) {
        do {
          try store.apply(Self.member(raw, "委员\(raw)"), actor: store.identity, now: Self.day)
          tally.lock.withLock { tally.acknowledged.append(raw) }
        } catch {
          let offline = store.presence.isOffline
          tally.lock.withLock {
            tally.refused += 1
            tally.offlineWhenRefused = tally.offlineWhenRefused && offline
          }
          usleep(50_000)
          try store.syncIfDue(now: Date())
        }
        raw += 1
      }
      return Handed(store)
    }
    try await onOwnThread {
      usleep(300_000)
      try cluster.kill()
      usleep(500_000)
      try cluster.start()
      let resumed = tally.lock.withLock { tally.acknowledged.count }
      // Until the app has reconnected by itself and written a few more.
      for _ in 0..<100 where tally.lock.withLock({ tally.acknowledged.count }) < resumed + 20 {
        usleep(100_000)
      }
      tally.lock.withLock { tally.stop = true }
    }
    let store = try await writer.value
    let handed = Handed(store)
    let acknowledged = tally.lock.withLock { tally.acknowledged }
    #expect(tally.refused > 0, "the writes while the server was down were refused, not pretended")
    #expect(tally.offlineWhenRefused, "a refused write left the app saying it is offline")
    #expect(!store.presence.isOffline, "the app reconnected by itself")
    try inline {
      let store = handed.value
      try store.catchUp()
      let reopened = try Self.open(cluster, "zhang")
      let lost = acknowledged.filter { reopened.state.members[MemberID(raw: $0)] == nil }
      #expect(lost.isEmpty, "acknowledged members lost: \(lost.prefix(10))")
      #expect(reopened.state == store.state)
      // Nothing twice: one row per change ID, and one member per row.
      let rows = try cluster.psql(
        "SELECT count(*) || ' ' || count(DISTINCT change_id) FROM shangliang.changes")
      #expect(rows == "\(reopened.state.members.count) \(reopened.state.members.count)")
    }
  }

  /// Offline, the app changes nothing but keeps what the user typed as a draft on this machine, and
  /// the next app opened there finds it once the server is back.
  @Test func offlineNothingIsSavedButTheDraftIsKeptOnThisMachine() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 1)])
    try inline {
      let zhang = try Self.open(cluster, "zhang")
      cluster.stop(immediately: true)
      var refusal: StoreError?
      do throws(StoreError) {
        try zhang.apply(Self.member(1, "离线委员"), actor: zhang.identity, now: Self.day)
      } catch {
        refusal = error
      }
      let refused = try #require(refusal, "a change was acknowledged with the server down")
      #expect(refused.message(in: .zh).contains("没有保存"), "\(refused.message(in: .zh))")
      #expect(refused.message(in: .en).contains("not saved"), "\(refused.message(in: .en))")
      #expect(zhang.presence.isOffline)
      #expect(zhang.state.members.isEmpty)
      try zhang.saveDraft(key: "report.9.text", text: "调研报告初稿", now: Self.day)
      #expect(zhang.drafts().map(\.text) == ["调研报告初稿"])
      zhang.abandon()

      try cluster.start()
      let again = try Self.open(cluster, "zhang")
      #expect(again.drafts().map(\.key) == ["report.9.text"])
      #expect(again.state.members.isEmpty, "nothing was applied while offline")
      again.abandon()
    }
  }

  @Test func severalCommitteesKeepTheirOwnStreamsAndAMigrationRoundTrips() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee("xicheng", users: [("zhang", 3)])
    try cluster.setUpCommittee("dongcheng", users: [("zhang", 3)])
    let folder = cluster.folder + "/local"
    let back = cluster.folder + "/back"
    try inline {
      // A local store with a few records goes up into an empty committee, and comes back down.
      let local = try CommitteeStore.open(folder: folder, now: Self.day)
      try local.apply(
        .putStaffAccount(
          StaffAccount(id: local.state.newID(), userName: "zhang", displayName: "张", role: .admin)),
        actor: .staff("zhang", .admin), now: Self.day)
      for i in 0..<20 {
        try local.apply(Self.member(100 + UInt64(i), "委员\(i)"), actor: .staff("zhang", .admin), now: Self.day)
      }
      try local.close(now: Self.day)
      let up = try SharedMigration.toShared(folder: folder, address: cluster.address(committee: "dongcheng"))
      #expect(up.source == up.target)
      #expect(up.source.first { $0.kind == "members" }?.count == 20)
      let down = try SharedMigration.toLocal(
        address: cluster.address(user: "zhang", committee: "dongcheng"), folder: back)
      #expect(down.source == down.target)

      // The two committees do not see each other's changes.
      let dongcheng = try Self.open(cluster, "zhang", committee: "dongcheng")
      let xicheng = try Self.open(cluster, "zhang", committee: "xicheng")
      try xicheng.apply(Self.member(1, "西城委员"), actor: xicheng.identity, now: Self.day)
      try dongcheng.catchUp()
      #expect(dongcheng.state.members.count == 20)
      #expect(xicheng.state.members.count == 1)
      // A second migration into a committee with data is refused: nothing is overwritten.
      #expect(throws: SharedStoreError.notEmpty("xicheng")) {
        _ = try SharedMigration.toShared(folder: folder, address: cluster.address(committee: "xicheng"))
      }
      // The admin's snapshot makes the next open read one snapshot and no changes.
      try xicheng.writeSnapshot()
      let again = try Self.open(cluster, "zhang", committee: "xicheng")
      #expect(again.snapshotSequence == 1)
      #expect(again.state == xicheng.state)
    }
  }
}

/// What `bench shared` makes for itself it takes away again: no throwaway committee stays in an
/// office's database, to show up in its roll-up.
@Test func aRemovedCommitteeLeavesNothingBehindAndTheOthersAreUntouched() throws {
  let cluster = try PostgresCluster()
  defer { cluster.destroy() }
  try cluster.setUpCommittee("xicheng", users: [("zhang", 3)])
  try cluster.setUpCommittee("bench-1", users: [("zhang", 3)])
  let day = Date(timeIntervalSince1970: 1_780_000_000)
  for committee in ["xicheng", "bench-1"] {
    let store = try SharedCommitteeStore.openOrFail(
      address: cluster.address(user: "zhang", committee: committee), draftsFolder: cluster.folder + "/d")
    try store.apply(.putMember(Member(id: MemberID(raw: 1), name: "委员")), actor: store.identity, now: day)
    try store.writeSnapshot()
    store.abandon()
  }
  try SharedAdmin.removeCommittee(cluster.address(), name: "bench-1")
  #expect(try SharedAdmin.committees(cluster.address()).map(\.name) == ["xicheng"])
  #expect(try cluster.psql("SELECT count(*) FROM shangliang.changes WHERE committee = 'bench-1'") == "0")
  #expect(try cluster.psql("SELECT count(*) FROM shangliang.snapshots WHERE committee = 'bench-1'") == "0")
  #expect(try cluster.psql("SELECT count(*) FROM shangliang.staff WHERE committee = 'bench-1'") == "0")
  let kept = try SharedCommitteeStore.openOrFail(
    address: cluster.address(user: "zhang", committee: "xicheng"), draftsFolder: cluster.folder + "/d")
  defer { kept.abandon() }
  #expect(kept.state.members.count == 1)
}

/// The server's table of least roles never asks for more than the Domain, and asks the same for every
/// change that holds no other change.
@Test func theServersRoleTableAgreesWithTheDomain() {
  var state = CommitteeState()
  var checked = 0
  for step in Demo.steps(
    today: Day(SharedStoreTests.day, TimeZone(identifier: "Asia/Shanghai") ?? .current))
  {
    let payload = CommitteeModel.encode(change: step.change)
    let server = SharedSchema.serverRequiredRole(payload: payload)
    let domain = step.change.requiredRole(in: state)
    #expect(server <= domain, "\(step.change.summary(in: .en))")
    switch step.change {
    case .group, .restore, .revert, .completeStep: break
    default: #expect(server == domain, "\(step.change.summary(in: .en))")
    }
    checked += 1
    if let applied = try? Domain.apply(step.change, to: state, actor: .staff("admin", .admin), now: step.at) {
      state = applied.state
    }
  }
  #expect(checked > 100)
}
