import Domain
import Foundation
import Testing

@testable import Store

/// Snapshot format 2: the committee's state in parts with a table of their offsets, read on two
/// threads. Stores written before (format 1, one payload) still open; damage names the part's offset.
@Suite("Snapshots in parts")
struct SnapshotPartsTests {
  /// Small parts, so that the demo committee's snapshot has many.
  static let smallParts: StoreOptions = {
    var options = StoreOptions()
    options.snapshotPartBytes = 8 << 10
    return options
  }()

  /// The demo committee of the version-1 fixture, opened (and so migrated) into `folder`.
  static func demoStore(_ folder: TempFolder, clock: TestClock) throws -> CommitteeState {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/v1-demo-store").path
    try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixture, toPath: folder.store)
    let store = try CommitteeStore.open(folder: folder.store, options: smallParts, now: clock.next())
    let state = store.state
    try store.close(now: clock.next())
    return state
  }

  static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
  }

  /// The parts the file's table lists.
  static func parts(of bytes: [UInt8]) throws -> [SnapshotPart] {
    let payload = StoreFiles.snapshotHeaderSize..<(bytes.count - 4)
    let stored = u32(bytes, at: bytes.count - 4)
    return try bytes.withUnsafeBytes { raw in
      try SnapshotPartTable.parse(raw, payload: payload, storedChecksum: stored).get()
    }
  }

  @Test("the demo committee is written as format 2 in many parts and reopens equal")
  func demoRoundTripsInParts() throws {
    let folder = TempFolder("parts-demo")
    defer { folder.remove() }
    let clock = TestClock()
    let state = try Self.demoStore(folder, clock: clock)

    let bytes = Files.bytes(folder.store + "/state.snapshot")
    #expect(Self.u32(bytes, at: 8) == 2)
    let parts = try Self.parts(of: bytes)
    #expect(parts.count > 10, "\(parts.count) parts")
    #expect(parts.first?.range.lowerBound == StoreFiles.snapshotHeaderSize + 4 + 20 * parts.count)
    #expect(parts.last?.range.upperBound == bytes.count - 4)

    let reopened = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == state)
    #expect(reopened.state.count(of: .member) == 273)
    try reopened.close(now: clock.next())
    // And `check` reads it the same way.
    let report = CommitteeStore.check(folder: folder.store)
    #expect(report.problem == nil)
  }

  @Test("a format-1 snapshot of the current payload opens as it is, and the next snapshot is format 2")
  func formatOneStillOpens() throws {
    let folder = TempFolder("parts-format1")
    defer { folder.remove() }
    let clock = TestClock()
    let state = try Self.demoStore(folder, clock: clock)
    // Rewrite the snapshot as this program wrote it before parts: one payload after the header.
    let path = folder.store + "/state.snapshot"
    let current = Files.bytes(path)
    let storeID = (0..<8).reduce(UInt64(0)) { $0 | UInt64(current[16 + $1]) << (8 * UInt64($1)) }
    let sequence = (0..<8).reduce(UInt64(0)) { $0 | UInt64(current[24 + $1]) << (8 * UInt64($1)) }
    let payload = CommitteeModel.encode(state: state)
    var old = StoreFiles.snapshotHeader(
      payloadVersion: CommitteeModel.payloadVersion, storeID: storeID, sequence: sequence, createdMicros: 0,
      payloadLength: payload.count, format: 1)
    old += payload
    let checksum = CRC32C.checksum(payload)
    old += (0..<4).map { UInt8(truncatingIfNeeded: checksum >> (8 * UInt32($0))) }
    Files.write(old, to: path)

    let store = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(store.state == state)
    #expect(store.report.migratedFromPayloadVersion == nil)
    try store.apply(
      .putMember(Member(id: store.state.newID(), name: "新委员")), actor: .staff("admin", .admin),
      now: clock.next())
    let changed = store.state
    try store.close(now: clock.next())
    #expect(Self.u32(Files.bytes(path), at: 8) == 2)
    let reopened = try CommitteeStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == changed)
    try reopened.close(now: clock.next())
  }

  @Test("a flipped byte in one part is damage at that part's offset, and nothing is changed")
  func damagedPartNamesItsOffset() throws {
    let folder = TempFolder("parts-damage")
    defer { folder.remove() }
    let clock = TestClock()
    _ = try Self.demoStore(folder, clock: clock)
    let path = folder.store + "/state.snapshot"
    var bytes = Files.bytes(path)
    let parts = try Self.parts(of: bytes)
    let damaged = parts[parts.count / 2]
    bytes[damaged.range.lowerBound + damaged.range.count / 2] ^= 0x20
    Files.write(bytes, to: path)
    let before = Files.contents(folder.store)

    for attempt in ["open", "check"] {
      let problem: StoreError?
      if attempt == "open" {
        do {
          _ = try CommitteeStore.open(folder: folder.store, now: clock.next())
          problem = nil
        } catch {
          problem = error
        }
      } else {
        problem = CommitteeStore.check(folder: folder.store).problem
      }
      guard case .corruptSnapshot(let file, let offset, let reason)? = problem else {
        Issue.record("\(attempt): expected damage, got \(String(describing: problem))")
        continue
      }
      #expect(file == "state.snapshot")
      #expect(offset == damaged.range.lowerBound, "\(attempt)")
      #expect(reason.contains("part \(parts.count / 2)"), "\(attempt): \(reason)")
      #expect(problem?.message(in: .zh).contains(String(damaged.range.lowerBound)) == true)
    }
    #expect(Files.contents(folder.store) == before)
  }

  @Test("a flipped byte in the table of parts is damage at the table, not a newer program")
  func damagedTableIsDamage() throws {
    let folder = TempFolder("parts-table")
    defer { folder.remove() }
    let clock = TestClock()
    _ = try Self.demoStore(folder, clock: clock)
    let path = folder.store + "/state.snapshot"
    var bytes = Files.bytes(path)
    bytes[StoreFiles.snapshotHeaderSize + 4 + 20 + 3] ^= 0x01  // the second part's offset
    Files.write(bytes, to: path)
    #expect {
      _ = try CommitteeStore.open(folder: folder.store, now: clock.next())
    } throws: { error in
      guard case .corruptSnapshot(_, let offset, let reason)? = error as? StoreError else { return false }
      return offset == StoreFiles.snapshotHeaderSize && reason.contains("part table")
    }
  }
}
