import Domain
import Foundation
import Store

/// Records of one kind, counted on each side of a migration.
public struct KindCount: Sendable, Equatable {
  public var kind: String
  public var count: Int
}

/// Moving a committee between a local folder and a shared database, with the records counted on both
/// sides after the move (read back from where they landed, not from memory).
public enum SharedMigration {
  public struct Outcome: Sendable {
    public var source: [KindCount]
    public var target: [KindCount]
    public var matches: Bool { source == target }
  }

  static func counts(_ state: CommitteeState) -> [KindCount] {
    CommitteeModel.counts(in: state).map { KindCount(kind: $0.kind, count: $0.count) }
  }

  /// Puts the folder's committee into the address's committee, which must be empty (run as the owner).
  public static func toShared(folder: String, address: SharedAddress) throws -> Outcome {
    let state = try CommitteeStore.readState(folder: folder)
    try SharedAdmin.importState(state, into: address)
    let landed = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
    defer { landed.abandon() }
    return Outcome(source: counts(state), target: counts(landed.state))
  }

  /// Writes the address's committee into a new local store in `folder`.
  public static func toLocal(address: SharedAddress, folder: String) throws -> Outcome {
    let shared = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
    let state = shared.state
    shared.abandon()
    try CommitteeStore.create(folder: folder, state: state)
    return Outcome(source: counts(state), target: counts(try CommitteeStore.readState(folder: folder)))
  }
}
