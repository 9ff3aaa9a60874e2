import Domain
import Foundation

/// Reads the committees of a shared database one at a time over a connection of its own, for the
/// roll-up: it runs on the roll-up's thread while the app keeps its own connection for its own work.
///
/// Use it from one thread at a time; the connection is made at the first read and closed by `close`.
public final class CommitteeReader: @unchecked Sendable {
  public let address: SharedAddress
  private var link: Link?

  public init(address: SharedAddress) {
    self.address = address
  }

  deinit { link?.close() }

  /// The connection, made now if there is none (a server that went away is tried again).
  private func connected() throws(SharedStoreError) -> Link {
    if let link, !link.isClosed { return link }
    let made = try Link.connect(address, application: SharedCommitteeStore.applicationName(address.committee))
    link = made
    return made
  }

  /// The database's committees, by name.
  public func committeeNames() throws(SharedStoreError) -> [String] {
    let rows = try connected().rows("SELECT name FROM shangliang.committees ORDER BY name")
    var names: [String] = []
    for row in rows {
      do { names.append(try row.decode(String.self)) } catch {
        throw .unreadable(what: "committees", detail: String(describing: error))
      }
    }
    return names
  }

  /// One committee as it stands now: its latest snapshot and the changes after it, as the store
  /// reads them (nothing is written).
  public func read(_ committee: String) throws(SharedStoreError) -> CommitteeState {
    try SharedCommitteeStore.readCommittee(committee, link: connected())
  }

  /// Lets the connection go.
  public func close() {
    link?.close()
    link = nil
  }
}

extension SharedCommitteeStore {
  /// A reader of this database's committees over a connection of its own (the roll-up's thread).
  public func committeeReader() -> CommitteeReader { CommitteeReader(address: address) }
}
