import Domain

/// The tables and functions a shared store keeps in PostgreSQL, in schema `shangliang`.
///
/// Staff never write to a table: they hold `shangliang_staff`, which may read and may call
/// `commit_change` and `write_snapshot`. Those functions run as the schema's owner, take the user's name
/// from `session_user` (the login, which a client cannot change) and check the user's role, so a
/// modified client can neither write as someone else nor above its role.
public enum SharedSchema {
  /// Bumped when the tables change; `setup` refuses a database made by a newer program. Version 2:
  /// snapshots in parts (`snapshot_parts`, `snapshots.part_count`, `write_snapshot_parts`); rows of
  /// version 1 (the whole state in `snapshots.state`) are still read.
  public static let version = 2

  /// The least role for each change tag, as the server checks it before anything is written. Changes
  /// that hold other changes (a group, a restore) are checked here by their outer tag; the changes inside
  /// are checked by every app that replays them, with the role the server recorded, so a change above
  /// the writer's role never takes effect anywhere.
  public static let minimumRoles: [UInt8: Role] = [
    0: .clerk, 1: .clerk, 2: .clerk,
    3: .secretary, 4: .secretary, 5: .secretary, 6: .secretary, 7: .head,
    8: .clerk, 9: .clerk, 10: .secretary, 11: .head, 12: .secretary, 13: .secretary, 14: .secretary,
    15: .head,
    16: .clerk, 17: .clerk, 18: .clerk, 19: .clerk, 20: .clerk, 21: .head, 22: .head, 23: .head,
    24: .clerk, 25: .clerk,
    // Supervision (提 议 审 定 with dates, research, meeting, minutes, 回头看, assessment).
    30: .secretary, 31: .secretary, 32: .head, 33: .secretary, 34: .secretary, 35: .secretary, 36: .secretary,
    37: .head,
    // Fieldwork: patrol steps, three-measure evaluation, a member's problem, a report's chain.
    50: .clerk, 51: .head, 52: .clerk, 53: .clerk,
    // Consultations' research visits, sector reports' tracking.
    70: .secretary, 71: .clerk,
    // An undo: the role of the change it reverts, checked by every app that replays it.
    95: .clerk,
  ]

  /// Tags whose second byte is a record kind (put, archive, unarchive): on a staff account, admins only.
  static let tagsNamingAKind: [UInt8] = [0, 1, 2]

  /// The role the server asks for, worked out from a payload the way `required_role` in SQL does.
  public static func serverRequiredRole(payload: [UInt8]) -> Role {
    guard let tag = payload.first else { return .admin }
    if tagsNamingAKind.contains(tag), payload.count > 1, payload[1] == RecordKind.staffAccount.rawValue {
      return .admin
    }
    if tag == 0, payload.count > 1, payload[1] == RecordKind.actionTargets.rawValue { return .secretary }
    return minimumRoles[tag] ?? .clerk
  }

  /// Creates or updates everything; run by the database's owner (see docs/DEPLOY.md).
  public static var setupSQL: [String] {
    let roles = minimumRoles.sorted { $0.key < $1.key }.map { "(\($0.key), \($0.value.rawValue))" }
      .joined(separator: ", ")
    return [
      "CREATE SCHEMA IF NOT EXISTS shangliang",
      """
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shangliang_staff') THEN
          CREATE ROLE shangliang_staff NOLOGIN;
        END IF;
      END $$
      """,
      """
      CREATE TABLE IF NOT EXISTS shangliang.meta (key text PRIMARY KEY, value text NOT NULL)
      """,
      """
      INSERT INTO shangliang.meta VALUES ('schema_version', '\(version)')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
      """,
      """
      CREATE TABLE IF NOT EXISTS shangliang.committees (
        name text PRIMARY KEY,
        last_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now())
      """,
      """
      CREATE TABLE IF NOT EXISTS shangliang.staff (
        committee text NOT NULL REFERENCES shangliang.committees(name),
        db_user name NOT NULL,
        role smallint NOT NULL CHECK (role BETWEEN 0 AND 3),
        PRIMARY KEY (committee, db_user))
      """,
      """
      CREATE TABLE IF NOT EXISTS shangliang.tag_roles (tag smallint PRIMARY KEY, min_role smallint NOT NULL)
      """,
      "INSERT INTO shangliang.tag_roles VALUES \(roles) ON CONFLICT (tag) DO UPDATE SET min_role = excluded.min_role",
      """
      CREATE TABLE IF NOT EXISTS shangliang.changes (
        committee text NOT NULL REFERENCES shangliang.committees(name),
        seq bigint NOT NULL,
        change_id uuid NOT NULL UNIQUE,
        actor name NOT NULL,
        role smallint NOT NULL,
        at_micros bigint NOT NULL,
        payload_version integer NOT NULL,
        payload bytea NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (committee, seq))
      """,
      """
      CREATE TABLE IF NOT EXISTS shangliang.snapshots (
        committee text NOT NULL REFERENCES shangliang.committees(name),
        seq bigint NOT NULL,
        payload_version integer NOT NULL,
        state bytea NOT NULL,
        written_by name NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (committee, seq))
      """,
      // Snapshots are read whole by every app that opens the committee: lz4 unpacks several times
      // faster than the default pglz and packs smaller. A server built without lz4 keeps pglz.
      """
      DO $$ BEGIN
        ALTER TABLE shangliang.snapshots ALTER COLUMN state SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
      END $$
      """,
      // Schema 2: a snapshot's state in parts of a few MB, one row each, so that an app decodes the
      // first parts while the next are on their way. `part_count` 0 is a row of schema 1 (whole state).
      "ALTER TABLE shangliang.snapshots ADD COLUMN IF NOT EXISTS part_count integer NOT NULL DEFAULT 0",
      """
      CREATE TABLE IF NOT EXISTS shangliang.snapshot_parts (
        committee text NOT NULL REFERENCES shangliang.committees(name),
        seq bigint NOT NULL,
        part integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (committee, seq, part))
      """,
      """
      DO $$ BEGIN
        ALTER TABLE shangliang.snapshot_parts ALTER COLUMN bytes SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN NULL;
      END $$
      """,
      """
      CREATE OR REPLACE FUNCTION shangliang.required_role(p_payload bytea) RETURNS smallint
      LANGUAGE plpgsql STABLE SET search_path = shangliang, pg_temp AS $$
      DECLARE v_tag int; v_need smallint;
      BEGIN
        IF length(p_payload) = 0 THEN RETURN 3; END IF;
        v_tag := get_byte(p_payload, 0);
        IF v_tag IN (\(tagsNamingAKind.map(String.init).joined(separator: ", "))) AND length(p_payload) > 1
          AND get_byte(p_payload, 1) = \(RecordKind.staffAccount.rawValue) THEN
          RETURN 3;
        END IF;
        IF v_tag = 0 AND length(p_payload) > 1 AND get_byte(p_payload, 1) = \(RecordKind.actionTargets.rawValue) THEN
          RETURN \(Role.secretary.rawValue);
        END IF;
        SELECT min_role INTO v_need FROM tag_roles WHERE tag = v_tag;
        RETURN coalesce(v_need, 0);
      END $$
      """,
      // Returns the change's sequence number, or -1 when another change came first (the caller reads it,
      // checks again and retries). A change ID already stored returns its sequence: nothing twice.
      """
      CREATE OR REPLACE FUNCTION shangliang.commit_change(
        p_committee text, p_expected bigint, p_change_id uuid, p_at_micros bigint, p_payload_version integer,
        p_payload bytea) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = shangliang, pg_temp AS $$
      DECLARE v_role smallint; v_need smallint; v_last bigint; v_seq bigint;
      BEGIN
        SELECT seq INTO v_seq FROM changes WHERE change_id = p_change_id;
        IF FOUND THEN RETURN v_seq; END IF;
        SELECT role INTO v_role FROM staff WHERE committee = p_committee AND db_user = session_user;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'user % has no role in committee %', session_user, p_committee USING ERRCODE = 'SLR01';
        END IF;
        v_need := required_role(p_payload);
        IF v_role < v_need THEN
          RAISE EXCEPTION 'role % of % is below % for this change', v_role, session_user, v_need
            USING ERRCODE = 'SLR02';
        END IF;
        SELECT last_seq INTO v_last FROM committees WHERE name = p_committee FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no committee %', p_committee USING ERRCODE = 'SLR03';
        END IF;
        IF v_last <> p_expected THEN RETURN -1; END IF;
        INSERT INTO changes (committee, seq, change_id, actor, role, at_micros, payload_version, payload)
          VALUES (p_committee, v_last + 1, p_change_id, session_user, v_role, p_at_micros, p_payload_version,
            p_payload);
        UPDATE committees SET last_seq = v_last + 1 WHERE name = p_committee;
        PERFORM pg_notify('shangliang', p_committee || ' ' || (v_last + 1));
        RETURN v_last + 1;
      END $$
      """,
      // Both ways of writing a snapshot ask this first. Called from functions that run as the owner, it
      // still sees the login in `session_user`; staff are not granted it.
      """
      CREATE OR REPLACE FUNCTION shangliang.require_snapshot_writer(p_committee text) RETURNS void
      LANGUAGE plpgsql STABLE SET search_path = shangliang, pg_temp AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM staff WHERE committee = p_committee AND db_user = session_user AND role >= 3)
        THEN
          RAISE EXCEPTION 'only an admin of % writes snapshots', p_committee USING ERRCODE = 'SLR02';
        END IF;
      END $$
      """,
      """
      CREATE OR REPLACE FUNCTION shangliang.write_snapshot(
        p_committee text, p_seq bigint, p_payload_version integer, p_state bytea) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = shangliang, pg_temp AS $$
      BEGIN
        PERFORM require_snapshot_writer(p_committee);
        INSERT INTO snapshots (committee, seq, payload_version, state, written_by)
          VALUES (p_committee, p_seq, p_payload_version, p_state, session_user)
          ON CONFLICT (committee, seq) DO NOTHING;
      END $$
      """,
      // The parts and their catalog row in one transaction: a reader sees the whole snapshot or none.
      """
      CREATE OR REPLACE FUNCTION shangliang.write_snapshot_parts(
        p_committee text, p_seq bigint, p_payload_version integer, p_parts bytea[]) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = shangliang, pg_temp AS $$
      BEGIN
        PERFORM require_snapshot_writer(p_committee);
        IF EXISTS (SELECT 1 FROM snapshots WHERE committee = p_committee AND seq = p_seq) THEN RETURN; END IF;
        INSERT INTO snapshot_parts (committee, seq, part, bytes)
          SELECT p_committee, p_seq, (t.n - 1)::integer, t.b FROM unnest(p_parts) WITH ORDINALITY AS t(b, n)
          ON CONFLICT (committee, seq, part) DO NOTHING;
        INSERT INTO snapshots (committee, seq, payload_version, state, written_by, part_count)
          VALUES (p_committee, p_seq, p_payload_version, ''::bytea, session_user, cardinality(p_parts));
      END $$
      """,
      // Adding a committee and its users is the owner's job; the function is a convenience for it.
      """
      CREATE OR REPLACE FUNCTION shangliang.grant_role(p_committee text, p_user name, p_role smallint)
        RETURNS void LANGUAGE sql SET search_path = shangliang, pg_temp AS $$
        INSERT INTO committees (name) VALUES (p_committee) ON CONFLICT DO NOTHING;
        INSERT INTO staff VALUES (p_committee, p_user, p_role)
          ON CONFLICT (committee, db_user) DO UPDATE SET role = excluded.role;
      $$
      """,
      "REVOKE ALL ON ALL TABLES IN SCHEMA shangliang FROM PUBLIC",
      "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA shangliang FROM PUBLIC",
      "GRANT USAGE ON SCHEMA shangliang TO shangliang_staff",
      "GRANT SELECT ON ALL TABLES IN SCHEMA shangliang TO shangliang_staff",
      """
      GRANT EXECUTE ON FUNCTION shangliang.commit_change(text, bigint, uuid, bigint, integer, bytea),
        shangliang.write_snapshot(text, bigint, integer, bytea),
        shangliang.write_snapshot_parts(text, bigint, integer, bytea[]), shangliang.required_role(bytea)
        TO shangliang_staff
      """,
    ]
  }
}
