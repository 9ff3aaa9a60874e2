import Foundation
import Store
import StoreFaults
import Testing

/// Rewrites the payload-version field of a snapshot or journal header and its header checksum.
private func setPayloadVersion(_ version: UInt32, inFile path: String, headerLength: Int) {
  var bytes = Files.bytes(path)
  withUnsafeBytes(of: version.littleEndian) { for index in 0..<4 { bytes[12 + index] = $0[index] } }
  let checksum = CRC32C.checksum(Array(bytes[0..<headerLength]))
  withUnsafeBytes(of: checksum.littleEndian) {
    for index in 0..<4 { bytes[headerLength + index] = $0[index] }
  }
  Files.write(bytes, to: path)
}

@Suite("Flushing, rotation leftovers and payload versions")
struct SyncAndVersionTests {
  @Test("syncIfDue flushes once a second has passed since the last flush, and not before")
  func syncIfDueFlushesEverySecond() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let faulty = FaultInjectingFileSystem()
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: start)
    let opened = faulty.syncCount
    // A flush is two: the journal, then the audit log.
    let flush = 2
    try store.apply(.add("一"), actor: "clerk", now: start.addingTimeInterval(0.1))
    try store.syncIfDue(now: start.addingTimeInterval(0.5))
    #expect(faulty.syncCount == opened)
    try store.syncIfDue(now: start.addingTimeInterval(1.2))
    #expect(faulty.syncCount == opened + flush)
    // Nothing new to flush: no flush.
    try store.syncIfDue(now: start.addingTimeInterval(3))
    #expect(faulty.syncCount == opened + flush)
    try store.apply(.add("二"), actor: "clerk", now: start.addingTimeInterval(3.1))
    try store.sync()
    #expect(faulty.syncCount == opened + 2 * flush)
    try store.close(now: start.addingTimeInterval(4))
  }

  @Test("a journal cut inside its header, left by a crash while rotating, is set aside and nothing is lost")
  func headerTornJournalSetAside() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<3 { try store.apply(.add("轮换\(index)"), actor: "clerk", now: clock.next()) }
    let expected = store.state
    store.abandon()
    let torn = folder.store + "/journal-0000000000000004.log"
    Files.write(Array("SHLGJRNL".utf8) + [1, 0], to: torn)

    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == expected)
    #expect(reopened.report.setAside.count == 1)
    #expect(!Files.names(folder.store).contains("journal-0000000000000004.log"))
    try reopened.apply(.add("之后"), actor: "clerk", now: clock.next())
    try reopened.close(now: clock.next())
  }

  @Test("files with an older payload version are migrated by a new snapshot; the old journal is kept once")
  func olderPayloadVersionMigrates() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<4 { try store.apply(.add("旧版\(index)"), actor: "clerk", now: clock.next()) }
    let expected = store.state
    store.abandon()
    setPayloadVersion(0, inFile: folder.store + "/journal-0000000000000001.log", headerLength: 32)

    let migrated = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(migrated.state == expected)
    #expect(migrated.report.migratedFromPayloadVersion == 0)
    #expect(migrated.snapshotSequence == 4)
    #expect(Files.names(folder.store).contains("journal-0000000000000001.log.pre-migration"))
    try migrated.close(now: clock.next())

    let again = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(again.state == expected)
    #expect(again.report.removedOldFiles == ["journal-0000000000000001.log.pre-migration"])
    try again.close(now: clock.next())
  }

  @Test("a journal with a newer payload version is refused and left untouched")
  func newerPayloadVersionRefused() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("新版"), actor: "clerk", now: clock.next())
    store.abandon()
    setPayloadVersion(9, inFile: folder.store + "/journal-0000000000000001.log", headerLength: 32)
    let before = Files.contents(folder.store)
    #expect {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
    } throws: { error in
      guard let error = error as? StoreError, case .newerFormat(let file, let found, _) = error else {
        return false
      }
      return file == "journal-0000000000000001.log" && found == 9
    }
    #expect(Files.contents(folder.store) == before)
  }
}
