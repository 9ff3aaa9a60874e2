import Foundation
import Store
import StoreFaults
import Testing

@Suite("Injected disk failures")
struct FaultTests {
  @Test("a failed write is reported, changes nothing, and the next change is saved normally")
  func failedWrite() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let faulty = FaultInjectingFileSystem()
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: clock.next())
    try store.apply(.add("一"), actor: "clerk", now: clock.next())
    let state = store.state
    faulty.inject(.failWrite(nth: 1, code: FileSystemError.noSpace))
    do {
      try store.apply(.add("二"), actor: "clerk", now: clock.next())
      Issue.record("the write must fail")
    } catch {
      guard case .writeFailed(let cause) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(cause.code == FileSystemError.noSpace)
      #expect(error.message(in: .zh).contains("没有生效"))
    }
    #expect(store.state == state)
    #expect(store.lastSequence == 1)
    try store.apply(.add("三"), actor: "clerk", now: clock.next())
    let expected = store.state
    store.abandon()
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == expected)
    #expect(reopened.state.notes.values.sorted() == ["一", "三"])
    try reopened.close(now: clock.next())
  }

  @Test("a short write then a full disk leaves no half record behind")
  func shortWriteThenFull() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let faulty = FaultInjectingFileSystem()
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: clock.next())
    try store.apply(.add("一"), actor: "clerk", now: clock.next())
    let journal = folder.store + "/" + Files.journals(folder.store)[0]
    let size = Files.bytes(journal).count
    faulty.inject(.shortWriteThenFull(nth: 1))
    #expect(throws: StoreError.self) {
      try store.apply(.add("很长的一段会议纪要……"), actor: "clerk", now: clock.next())
    }
    #expect(Files.bytes(journal).count == size)
    faulty.heal()
    try store.apply(.add("二"), actor: "clerk", now: clock.next())
    store.abandon()
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.report.torn == nil)
    #expect(reopened.state.notes.values.sorted() == ["一", "二"])
    try reopened.close(now: clock.next())
  }

  @Test("a failed fsync stops further changes, and every acknowledged change is still there")
  func failedSync() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let faulty = FaultInjectingFileSystem()
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: clock.next())
    for index in 0..<5 { try store.apply(.add("已确认\(index)"), actor: "clerk", now: clock.next()) }
    let acknowledged = store.state
    faulty.inject(.failSync(nth: 1))
    do {
      try store.sync()
      Issue.record("the sync must fail")
    } catch {
      guard case .syncFailed = error else {
        Issue.record("unexpected \(error)")
        return
      }
    }
    #expect(store.unusableReason != nil)
    #expect(throws: StoreError.self) { try store.apply(.add("之后"), actor: "clerk", now: clock.next()) }
    store.abandon()
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == acknowledged)
    try reopened.close(now: clock.next())
  }

  @Test("a refused rename keeps the old snapshot and journals; nothing is lost")
  func failedRename() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let faulty = FaultInjectingFileSystem()
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: clock.next())
    for index in 0..<10 { try store.apply(.add("改名前\(index)"), actor: "clerk", now: clock.next()) }
    try store.snapshot(now: clock.next())
    _ = store.waitForSnapshot()
    let snapshotBefore = Files.bytes(folder.store + "/state.snapshot")
    for index in 0..<10 { try store.apply(.add("改名后\(index)"), actor: "clerk", now: clock.next()) }
    faulty.inject(.failRename)
    try store.snapshot(now: clock.next())
    let outcome = store.waitForSnapshot()
    guard case .failure(.snapshotFailed(let cause)) = outcome else {
      Issue.record("expected the snapshot to fail, got \(String(describing: outcome))")
      return
    }
    #expect(cause.operation == "rename")
    #expect(Files.bytes(folder.store + "/state.snapshot") == snapshotBefore)
    #expect(!Files.names(folder.store).contains("state.snapshot.tmp"))
    try store.apply(.add("失败之后"), actor: "clerk", now: clock.next())
    let expected = store.state
    store.abandon()
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == expected)
    #expect(reopened.snapshotSequence == 10)
    try reopened.close(now: clock.next())
  }

  @Test("a crash after any number of bytes keeps every acknowledged change")
  func crashAfterBytes() throws {
    let clock = TestClock()
    for limit in stride(from: 0, through: 2_000, by: 37) {
      let folder = TempFolder()
      defer { folder.remove() }
      let setup = try NotesStore.open(folder: folder.store, now: clock.next())
      try setup.apply(.add("基线"), actor: "clerk", now: clock.next())
      try setup.close(now: clock.next())

      let faulty = FaultInjectingFileSystem()
      let store = try NotesStore.open(
        folder: folder.store, fileSystem: faulty, options: StoreOptions(snapshotThresholdBytes: 600),
        now: clock.next())
      faulty.inject(.crashAfter(bytes: limit))
      var acknowledged: [String] = ["基线"]
      for index in 0..<40 {
        let text = "崩溃测试\(limit)-\(index)"
        do {
          try store.apply(.add(text), actor: "clerk", now: clock.next())
          acknowledged.append(text)
        } catch {
          break
        }
      }
      store.abandon()
      let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
      #expect(Array(reopened.state.notes.values).sorted() == acknowledged.sorted(), "limit \(limit)")
      try reopened.close(now: clock.next())
    }
  }
}
