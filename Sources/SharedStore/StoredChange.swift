import Domain
import Foundation
import PostgresNIO
import Store

/// One row of `shangliang.changes` (selected as `seq, change_id, actor::text, role, at_micros,
/// payload_version, payload`), read the same way by the app keeping up and by the roll-up.
struct StoredChange {
  var sequence: UInt64
  var changeID: UUID
  var actorName: String
  /// The actor the server recorded: staff with their role, or a reader.
  var actor: ActingUser
  var at: Date
  var version: UInt32
  var bytes: [UInt8]

  init(_ row: PostgresRow) throws(SharedStoreError) {
    let seq: Int64
    let role: Int16
    let micros: Int64
    let version: Int32
    let buffer: ByteBuffer
    do {
      (seq, changeID, actorName, role, micros, version, buffer) = try row.decode(
        (Int64, UUID, String, Int16, Int64, Int32, ByteBuffer).self)
    } catch {
      throw .unreadable(what: "change", detail: String(describing: error))
    }
    sequence = UInt64(seq)
    let name = actorName
    actor = Role(rawValue: UInt8(clamping: role)).map { .staff(name, $0) } ?? .reader(name)
    at = Stamp.date(micros)
    self.version = UInt32(version)
    bytes = Array(buffer.readableBytesView)
  }

  /// The change the row holds, decoded by the payload version it was written with.
  func change() throws -> Change {
    try CommitteeModel.decodeChange(bytes, range: 0..<bytes.count, version: version)
  }
}
