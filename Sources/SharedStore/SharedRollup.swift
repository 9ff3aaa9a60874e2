import Domain
import Foundation
import PostgresNIO
import Store

extension SharedCommitteeStore {
  /// How many committees the database holds (the roll-up is offered when there are several).
  public func committeeCount() throws(SharedStoreError) -> Int {
    guard let link = currentLink else { throw .unreachable(address: address.description, detail: "offline") }
    let rows = try link.rows("SELECT count(*) FROM shangliang.committees")
    do {
      return Int(try rows.first?.decode(Int64.self) ?? 0)
    } catch {
      throw .unreadable(what: "committees", detail: String(describing: error))
    }
  }

  /// Every committee of the database as it stands now, by name, for a city committee's read-only
  /// roll-up: this app's own committee from memory, each other one from its latest snapshot and the
  /// changes after it, read over this app's connection (nothing is written).
  public func readAllCommittees() throws(SharedStoreError) -> [(name: String, state: CommitteeState)] {
    guard let link = currentLink else { throw .unreachable(address: address.description, detail: "offline") }
    let rows = try link.rows("SELECT name FROM shangliang.committees ORDER BY name")
    var names: [String] = []
    for row in rows {
      do { names.append(try row.decode(String.self)) } catch {
        throw .unreadable(what: "committees", detail: String(describing: error))
      }
    }
    var result: [(name: String, state: CommitteeState)] = []
    for name in names {
      if name == address.committee {
        result.append((name, state))
        continue
      }
      result.append((name, try Self.readCommittee(name, link: link)))
    }
    return result
  }

  /// A committee's state: its latest snapshot, then every change after it that the Domain accepts
  /// (a refused one is skipped, as every app replaying the stream skips it).
  static func readCommittee(_ committee: String, link: Link) throws(SharedStoreError) -> CommitteeState {
    let (state, sequence) = try readSnapshot(link: link, committee: committee)
    return try replayChanges(committee: committee, after: sequence, onto: state, link: link)
  }

  /// `state` with every change of the committee after `sequence` that the Domain accepts.
  static func replayChanges(committee: String, after sequence: UInt64, onto start: CommitteeState, link: Link)
    throws(SharedStoreError) -> CommitteeState
  {
    var state = start
    let rows = try link.rows(
      """
      SELECT seq, change_id, actor::text, role, at_micros, payload_version, payload FROM shangliang.changes
      WHERE committee = \(committee) AND seq > \(Int64(sequence)) ORDER BY seq
      """, limit: Link.longReadLimit)
    for row in rows {
      let stored = try StoredChange(row)
      guard let change = try? stored.change(),
        let applied = try? Domain.apply(change, to: state, actor: stored.actor, now: stored.at)
      else { continue }
      state = applied.state
    }
    return state
  }
}

extension SharedCommitteeStore {
  /// Where opening a committee spends its time (`bench shared --open-records`), in milliseconds: the
  /// snapshot's queries until the last part is in (the server reading, unpacking and sending it),
  /// copying the bytes out of the network buffers (as each part arrives), and the decoding left once the
  /// last part arrived (the parts before it are decoded meanwhile) with putting the parts together.
  public struct OpenProfile: Sendable {
    public var fetchMs: Double
    public var copyMs: Double
    public var decodeMs: Double
    /// Reading the changes after the snapshot and applying them to it.
    public var replayMs: Double
  }

  /// Reads `address`'s latest snapshot once, timing each step of `readSnapshot` apart.
  public static func profileOpen(address: SharedAddress) throws(SharedStoreError) -> OpenProfile {
    let link = try Link.connect(address, application: applicationName(address.committee))
    defer { link.close() }
    var timing = SharedSnapshot.Timing()
    let (state, sequence) = try SharedSnapshot.read(link: link, committee: address.committee, timing: &timing)
    let replaying = DispatchTime.now()
    _ = try replayChanges(committee: address.committee, after: sequence, onto: state, link: link)
    return OpenProfile(
      fetchMs: timing.fetchMs, copyMs: timing.copyMs, decodeMs: timing.decodeMs,
      replayMs: SharedSnapshot.milliseconds(since: replaying))
  }
}
