import Foundation
import Store
import Testing

/// The committed format-0 store (written by Fixtures/make-v0-store.py), copied to a temp folder.
private func copyOfVersionZeroStore(into folder: TempFolder) throws -> String {
  let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/v0-store").path
  #expect(FileManager.default.fileExists(atPath: fixture + "/data.snapshot"))
  try FileManager.default.copyItem(atPath: fixture, toPath: folder.store)
  return folder.store
}

@Suite("Older formats and the check command")
struct MigrationAndCheckTests {
  @Test("a store written in format 0 opens, is migrated by a new snapshot, and keeps its old files once")
  func versionZeroMigrates() throws {
    let folder = TempFolder("v0")
    defer { folder.remove() }
    let path = try copyOfVersionZeroStore(into: folder)
    let oldSnapshot = Files.bytes(path + "/data.snapshot")
    let clock = TestClock()

    let store = try NotesStore.open(folder: path, now: clock.next())
    #expect(store.report.migratedFromFormat == 0)
    #expect(store.lastSequence == 5)
    #expect(
      store.state.notes == [
        1: "张三：已调整到荣昌区", 2: "李四：渝中区委员", 3: "王五：渝北区委员", 4: "巡河记录：濑溪河荣昌段", 5: "社情民意：井盖缺失",
      ])
    #expect(store.state.nextID == 6)
    #expect(store.state.lastEdited == Date(timeIntervalSince1970: 1_700_000_005))
    // The old files are kept, renamed, until the next successful open.
    #expect(Files.bytes(path + "/data.snapshot.pre-migration") == oldSnapshot)
    #expect(Files.names(path).contains("data.journal.pre-migration"))
    #expect(!Files.names(path).contains("data.snapshot"))
    try store.apply(.add("迁移后新增"), actor: "clerk", now: clock.next())
    let expected = store.state
    store.abandon()

    let reopened = try NotesStore.open(folder: path, now: clock.next())
    #expect(reopened.state == expected)
    #expect(reopened.report.migratedFromFormat == nil)
    #expect(
      reopened.report.removedOldFiles.sorted() == [
        "data.journal.pre-migration", "data.snapshot.pre-migration",
      ])
    #expect(!Files.names(path).contains { $0.hasSuffix(".pre-migration") })
    try reopened.close(now: clock.next())
  }

  @Test("check of a sound store counts records per kind and changes nothing")
  func checkSoundStore() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<7 { try store.apply(.add("检查\(index)"), actor: "clerk", now: clock.next()) }
    try store.snapshot(now: clock.next())
    store.waitForSnapshot()
    for index in 0..<3 { try store.apply(.add("之后\(index)"), actor: "clerk", now: clock.next()) }
    store.abandon()
    let before = Files.contents(folder.store)

    let report = NotesStore.check(folder: folder.store)
    #expect(report.isSound)
    #expect(report.snapshotSequence == 7)
    #expect(report.lastSequence == 10)
    #expect(report.counts.map(\.kind) == ["notes"])
    #expect(report.counts.map(\.count) == [10])
    #expect(report.lockedBy == nil)
    #expect(
      report.lines(in: .en).first
        == "The store is sound: the snapshot covers changes up to 7, and the journal holds 3 more.")
    #expect(Files.contents(folder.store) == before)
  }

  @Test("check of a damaged store names the file and the offset, and changes nothing")
  func checkDamagedStore() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<6 { try store.apply(.add("损坏\(index)"), actor: "clerk", now: clock.next()) }
    store.abandon()
    let journal = folder.store + "/" + Files.journals(folder.store)[0]
    var bytes = Files.bytes(journal)
    let offsets = recordOffsets(bytes)
    bytes[offsets[2] + 24] ^= 0xFF
    Files.write(bytes, to: journal)
    let before = Files.contents(folder.store)

    let report = NotesStore.check(folder: folder.store)
    #expect(!report.isSound)
    guard case .corruptRecord(let file, let offset) = report.problem else {
      Issue.record("expected a damaged record, got \(String(describing: report.problem))")
      return
    }
    #expect(file == (journal as NSString).lastPathComponent)
    #expect(offset == offsets[2])
    #expect(report.lines(in: .zh).joined().contains("第 \(offsets[2]) 字节"))
    #expect(Files.contents(folder.store) == before)
  }

  @Test("check reports a torn tail as something the next open repairs, not as damage")
  func checkTornTail() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<4 { try store.apply(.add("末尾\(index)"), actor: "clerk", now: clock.next()) }
    store.abandon()
    let journal = folder.store + "/" + Files.journals(folder.store)[0]
    let bytes = Files.bytes(journal)
    Files.write(Array(bytes.dropLast(5)), to: journal)
    let report = NotesStore.check(folder: folder.store)
    #expect(report.isSound)
    #expect(report.lastSequence == 3)
    #expect(report.torn?.offset == recordOffsets(bytes)[3])
    #expect(Files.bytes(journal).count == bytes.count - 5)
  }
}
