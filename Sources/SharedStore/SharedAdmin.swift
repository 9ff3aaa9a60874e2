import Domain
import Foundation
import PostgresNIO
import Store

/// What the database's owner does: create the tables, add committees and users, bring a local store
/// in (migrate). Staff apps never call these; the server would refuse them.
public enum SharedAdmin {
  /// Creates or updates the schema, then adds `committees` (each with no changes yet).
  public static func setup(_ address: SharedAddress, committees: [String] = []) throws(SharedStoreError) {
    let link = try Link.connect(address, application: "shangliang-setup")
    defer { link.close() }
    // A database set up by a newer program keeps its tables: this one would take them back a version.
    if let found = try? SharedSnapshot.schemaVersion(link: link), found > SharedSchema.version {
      throw .newerSchema(found: found, supported: SharedSchema.version)
    }
    try link.run(SharedSchema.setupSQL)
    for name in committees {
      _ = try link.rows("INSERT INTO shangliang.committees (name) VALUES (\(name)) ON CONFLICT DO NOTHING")
    }
  }

  /// Gives `user` (a PostgreSQL login) `role` in `committee`, and lets the login use the shared tables.
  public static func grant(
    _ address: SharedAddress, user: String, role: Role, committee: String
  ) throws(SharedStoreError) {
    let link = try Link.connect(address, application: "shangliang-setup")
    defer { link.close() }
    _ = try link.rows("SELECT shangliang.grant_role(\(committee), \(user)::name, \(Int16(role.rawValue)))")
    _ = try link.rows(PostgresQuery(unsafeSQL: "GRANT shangliang_staff TO \(quoteIdentifier(user))"))
  }

  /// Removes committee `name` and everything it holds from the database (the owner only): what
  /// `bench shared` made for itself, so that no throwaway committee stays in an office's roll-up.
  public static func removeCommittee(_ address: SharedAddress, name: String) throws(SharedStoreError) {
    let link = try Link.connect(address, application: "shangliang-setup")
    defer { link.close() }
    // Every table that holds a committee's rows, found by its column rather than listed here, so
    // that a table added later is emptied too.
    var tables: [String] = []
    for row in try link.rows(
      """
      SELECT table_name::text FROM information_schema.columns
      WHERE table_schema = 'shangliang' AND column_name = 'committee' ORDER BY table_name
      """)
    {
      if let table = try? row.decode(String.self) { tables.append(table) }
    }
    // A table another one refers to is emptied after it: one refused now is tried again next round.
    for _ in 0...tables.count where !tables.isEmpty {
      tables = tables.filter { table in
        let delete: PostgresQuery =
          "DELETE FROM shangliang.\(unescaped: quoteIdentifier(table)) WHERE committee = \(name)"
        return (try? link.rows(delete, limit: Link.longReadLimit)) == nil
      }
    }
    _ = try link.rows("DELETE FROM shangliang.committees WHERE name = \(name)")
  }

  /// Every committee in the database, with its number of changes.
  public static func committees(_ address: SharedAddress) throws(SharedStoreError) -> [(
    name: String, changes: Int64
  )] {
    let link = try Link.connect(address, application: "shangliang-setup")
    defer { link.close() }
    let rows = try link.rows("SELECT name, last_seq FROM shangliang.committees ORDER BY name")
    var result: [(name: String, changes: Int64)] = []
    for row in rows {
      do {
        let (name, count) = try row.decode((String, Int64).self)
        result.append((name, count))
      } catch {
        throw .unreadable(what: "committees", detail: String(describing: error))
      }
    }
    return result
  }

  /// Puts `state` into an empty committee as its first snapshot (creating the committee if needed).
  /// Refuses a committee that already has changes or a snapshot: nothing is overwritten.
  public static func importState(_ state: CommitteeState, into address: SharedAddress)
    throws(SharedStoreError)
  {
    let link = try Link.connect(address, application: "shangliang-setup")
    defer { link.close() }
    let committee = address.committee
    _ = try link.rows("INSERT INTO shangliang.committees (name) VALUES (\(committee)) ON CONFLICT DO NOTHING")
    let rows = try link.rows(
      """
      SELECT (SELECT last_seq FROM shangliang.committees WHERE name = \(committee)),
        (SELECT count(*) FROM shangliang.snapshots WHERE committee = \(committee))
      """)
    do {
      guard let row = rows.first else { throw SharedStoreError.noSuchCommittee(committee) }
      let (changes, snapshots) = try row.decode((Int64, Int64).self)
      guard changes == 0 && snapshots == 0 else { throw SharedStoreError.notEmpty(committee) }
    } catch {
      throw Link.classify(error, address: address)
    }
    try SharedSnapshot.write(state, link: link, committee: committee, sequence: 0, asOwner: true)
  }

  /// A PostgreSQL identifier in double quotes, quotes inside doubled.
  static func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
