import Domain
import Foundation
import Localization
import PostgresNIO
import Seed
import Store
import Testing

@testable import SharedStore

/// A committee's snapshot in the database: one row per part since schema 2, read as a stream and
/// decoded while the next parts arrive; snapshots of one row, written before, still open.
@Suite(.serialized)
struct SharedSnapshotTests {
  static let day = Date(timeIntervalSince1970: 1_780_000_000)

  static func demo() throws -> CommitteeState {
    try Demo.state(today: Day(day, TimeZone(identifier: "Asia/Shanghai") ?? .current))
  }

  static func open(_ cluster: PostgresCluster, _ user: String, committee: String = "xicheng") throws
    -> SharedCommitteeStore
  {
    try SharedCommitteeStore.openOrFail(
      address: cluster.address(user: user, committee: committee),
      draftsFolder: cluster.folder + "/drafts-" + user)
  }

  /// A snapshot row as the program wrote it before parts: the whole state in `state`.
  static func writeSingleRow(
    _ state: CommitteeState, _ cluster: PostgresCluster, committee: String, seq: Int64
  )
    throws
  {
    let link = try Link.connect(cluster.address(committee: committee), application: "test")
    defer { link.close() }
    _ = try link.rows(
      """
      INSERT INTO shangliang.snapshots (committee, seq, payload_version, state, written_by)
      VALUES (\(committee), \(seq), \(Int32(CommitteeModel.payloadVersion)),
        \(ByteBuffer(bytes: CommitteeModel.encode(state: state))), session_user)
      """)
  }

  @Test func aCommitteeWrittenAsOneSnapshotRowStillOpens() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 1)])
    let state = try Self.demo()
    try inline {
      try Self.writeSingleRow(state, cluster, committee: "xicheng", seq: 0)
      let store = try Self.open(cluster, "zhang")
      #expect(store.state == state)
      #expect(store.state.count(of: .problem) > 100)
      store.abandon()
    }
  }

  @Test func aSnapshotInManyPartsOpensEqualForTheAppAndForTheRollUp() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 3)])
    try cluster.setUpCommittee("dongcheng", users: [("zhang", 3)])
    let state = try Self.demo()
    try inline {
      let owner = try Link.connect(cluster.address(committee: "dongcheng"), application: "test")
      try SharedSnapshot.write(
        state, link: owner, committee: "dongcheng", sequence: 0, asOwner: true, partBytes: 4_096)
      owner.close()
      let parts = try cluster.psql(
        "SELECT count(*) FROM shangliang.snapshot_parts WHERE committee = 'dongcheng'")
      #expect((Int(parts) ?? 0) > 10, "\(parts) parts")
      #expect(
        try cluster.psql("SELECT part_count FROM shangliang.snapshots WHERE committee = 'dongcheng'") == parts
      )

      // The app opens it from its parts.
      let dongcheng = try Self.open(cluster, "zhang", committee: "dongcheng")
      #expect(dongcheng.state == state)
      dongcheng.abandon()
      // The roll-up reads another committee's snapshot through the same reader.
      let xicheng = try Self.open(cluster, "zhang")
      let all = try xicheng.readAllCommittees()
      #expect(all.map(\.name) == ["dongcheng", "xicheng"])
      #expect(all.first?.state == state)

      // An admin's snapshot after a change is written in parts too, and the next app opens from it.
      try xicheng.apply(
        .putMember(Member(id: MemberID(raw: 1), name: "西城委员")), actor: xicheng.identity, now: Self.day)
      try xicheng.writeSnapshot()
      #expect(
        try cluster.psql(
          "SELECT part_count || ' ' || length(state) FROM shangliang.snapshots WHERE committee = 'xicheng'")
          == "1 0")
      let again = try Self.open(cluster, "zhang")
      #expect(again.snapshotSequence == 1)
      #expect(again.state == xicheng.state)
      again.abandon()
      xicheng.abandon()
    }
  }

  @Test func aDatabaseOfTheFirstSchemaOpensWritesAsBeforeAndSetupBringsItUp() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee(users: [("zhang", 3)])
    // The database as the program before parts set it up.
    try cluster.psql(
      """
      DROP FUNCTION shangliang.write_snapshot_parts(text, bigint, integer, bytea[]);
      DROP TABLE shangliang.snapshot_parts;
      ALTER TABLE shangliang.snapshots DROP COLUMN part_count;
      UPDATE shangliang.meta SET value = '1' WHERE key = 'schema_version';
      """)
    let state = try Self.demo()
    try inline {
      try Self.writeSingleRow(state, cluster, committee: "xicheng", seq: 0)
      let store = try Self.open(cluster, "zhang")
      #expect(store.state == state)
      // An admin's snapshot on the old schema is one row, as before.
      try store.apply(
        .putMember(Member(id: store.state.newID(), name: "新委员")), actor: store.identity, now: Self.day)
      try store.writeSnapshot()
      #expect(try cluster.psql("SELECT count(*) FROM shangliang.snapshots WHERE length(state) > 0") == "2")
      let changed = store.state
      store.abandon()
      #expect(try Self.open(cluster, "zhang").state == changed)

      // Set up again by this program: schema 2, and the rows of one snapshot still open.
      try SharedAdmin.setup(cluster.address())
      #expect(try cluster.psql("SELECT value FROM shangliang.meta WHERE key = 'schema_version'") == "2")
      let upgraded = try Self.open(cluster, "zhang")
      #expect(upgraded.state == changed)
      upgraded.abandon()

      // A database set up by a newer program is left alone, and the message says so in both languages.
      try cluster.psql("UPDATE shangliang.meta SET value = '3' WHERE key = 'schema_version'")
      #expect(throws: SharedStoreError.newerSchema(found: 3, supported: 2)) {
        try SharedAdmin.setup(cluster.address())
      }
      let error = SharedStoreError.newerSchema(found: 3, supported: 2)
      #expect(error.message(in: .zh).contains("更新版本"))
      #expect(error.message(in: .en).contains("newer version"))
      #expect(try cluster.psql("SELECT value FROM shangliang.meta WHERE key = 'schema_version'") == "3")
    }
  }

  /// A part row that cannot be read is the data's fault, not the server's: the app says the snapshot
  /// is unreadable and names the part, never that the server is unreachable (which would have the user
  /// check the network and wait for a reconnection that cannot help).
  @Test func aDamagedPartRowIsNamedUnreadableAtItsPartNotUnreachable() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee("xicheng", users: [("zhang", 1)])
    try cluster.setUpCommittee("dongcheng", users: [("zhang", 1)])
    let state = try Self.demo()
    try inline {
      for committee in ["xicheng", "dongcheng"] {
        let owner = try Link.connect(cluster.address(committee: committee), application: "test")
        try SharedSnapshot.write(
          state, link: owner, committee: committee, sequence: 0, asOwner: true, partBytes: 4_096)
        owner.close()
      }
      // In one committee a part's bytes are overwritten with garbage (a disk fault, a bad edit) ...
      try cluster.psql(
        """
        UPDATE shangliang.snapshot_parts SET bytes = '\\xdeadbeef'::bytea
        WHERE committee = 'xicheng' AND part = 2
        """)
      // ... in the other a part's bytes are gone altogether (a restore that went wrong).
      try cluster.psql(
        """
        ALTER TABLE shangliang.snapshot_parts ALTER COLUMN bytes DROP NOT NULL;
        UPDATE shangliang.snapshot_parts SET bytes = NULL WHERE committee = 'dongcheng' AND part = 3
        """)
      for (committee, part) in [("xicheng", 2), ("dongcheng", 3)] {
        var caught: SharedStoreError?
        do {
          _ = try Self.open(cluster, "zhang", committee: committee)
        } catch let error as SharedStoreError {
          caught = error
        }
        let error = try #require(caught, "\(committee) opened from a damaged snapshot")
        guard case .unreadable(let what, let detail) = error else {
          Issue.record("\(committee): \(error)")
          continue
        }
        #expect(what == "snapshot")
        #expect(detail.contains("part \(part) of snapshot 0"), "\(detail)")
        #expect(error.message(in: .en).contains("cannot be read"), "\(error.message(in: .en))")
        #expect(error.message(in: .zh).contains("无法读取"), "\(error.message(in: .zh))")
        #expect(!error.message(in: .en).contains("Cannot reach"))
        #expect(!error.message(in: .zh).contains("连不上"))
        // The connection is still good: the server was never at fault.
        let reader = try Link.connect(cluster.address(committee: committee), application: "test")
        #expect(try reader.rows("SELECT 1").count == 1)
        reader.close()
      }
    }
  }
}
