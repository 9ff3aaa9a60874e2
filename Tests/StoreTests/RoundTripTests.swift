import Foundation
import Store
import Testing

@Suite("A store keeps what it was given")
struct RoundTripTests {
  @Test("a state written to a snapshot on close is read back identical")
  func snapshotRoundTrip() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(store.report.created)
    for index in 0..<50 {
      try store.apply(.add("第\(index)条：居民反映井盖缺失，需城市管理局处理"), actor: "clerk", now: clock.next())
    }
    try store.apply(.set(3, "已修改"), actor: "clerk", now: clock.next())
    try store.apply(.set(4, nil), actor: "clerk", now: clock.next())
    let before = store.state
    try store.close(now: clock.next())

    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == before)
    #expect(reopened.report.snapshotSequence == 52)
    #expect(reopened.report.replayedChanges == 0)
    #expect(reopened.lastSequence == 52)
    try reopened.close(now: clock.next())
  }

  @Test("replaying the journal after a crash gives exactly the state of direct application")
  func journalReplayEqualsDirectApplication() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    var changes: [(NoteChange, Date)] = []
    do {
      let store = try NotesStore.open(folder: folder.store, now: clock.next())
      for index in 0..<30 {
        let change: NoteChange =
          index % 7 == 6
          ? .group([.add("批量\(index)a"), .add("批量\(index)b"), .set(1, "组内修改\(index)")])
          : .add("委员张三在石坪桥街道工作站提出建议\(index)")
        let now = clock.next()
        try store.apply(change, actor: "clerk", now: now)
        changes.append((change, now))
      }
      // Let go without close: nothing but the journal holds these changes.
      store.abandon()
    }
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.report.replayedChanges == 30)
    #expect(reopened.state == (try directlyApplied(changes)))
    try reopened.close(now: clock.next())
  }

  @Test("a refused change writes nothing and leaves the state as it was")
  func refusedChangeWritesNothing() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("一"), actor: "clerk", now: clock.next())
    let journal = folder.store + "/" + Files.journals(folder.store)[0]
    let sizeBefore = Files.bytes(journal).count
    #expect(throws: StoreError.self) { try store.apply(.refuse, actor: "clerk", now: clock.next()) }
    #expect(throws: StoreError.self) { try store.apply(.add("二"), actor: "visitor", now: clock.next()) }
    do {
      try store.apply(.group([.add("三"), .refuse]), actor: "clerk", now: clock.next())
      Issue.record("a group with a refused part must be refused whole")
    } catch {
      #expect(error.message(in: .en) == "refused")
    }
    #expect(store.lastSequence == 1)
    #expect(store.state.notes.count == 1)
    #expect(Files.bytes(journal).count == sizeBefore)
    try store.close(now: clock.next())
  }

  @Test("snapshots are written in the background while changes keep coming, and none is lost")
  func backgroundSnapshotLosesNothing() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for round in 0..<5 {
      for index in 0..<40 { try store.apply(.add("轮\(round)-\(index)"), actor: "clerk", now: clock.next()) }
      try store.snapshot(now: clock.next())
      #expect(store.isSnapshotting)
      // Applied while the snapshot is being written: these go to the new journal.
      for index in 0..<40 { try store.apply(.add("期间\(round)-\(index)"), actor: "clerk", now: clock.next()) }
      let outcome = store.waitForSnapshot()
      #expect(throws: Never.self) { try outcome?.get() }
    }
    let expected = store.state
    #expect(store.snapshotSequence == 360)
    // The covered journals are gone; only the one written since the last snapshot is left.
    #expect(Files.journals(folder.store) == ["journal-0000000000000169.log"])
    // Four snapshots replaced the first: the last three are kept in backups/.
    #expect(Files.names(folder.store + "/backups").count == 3)
    store.abandon()

    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == expected)
    #expect(reopened.report.replayedChanges == 40)
    try reopened.close(now: clock.next())
  }

  @Test("the journal passing its threshold starts a snapshot by itself")
  func thresholdStartsSnapshot() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(
      folder: folder.store, options: StoreOptions(snapshotThresholdBytes: 4096), now: clock.next())
    for index in 0..<200 { try store.apply(.add("自动快照测试\(index)"), actor: "clerk", now: clock.next()) }
    store.waitForSnapshot()
    #expect(store.snapshotSequence > 0)
    #expect(store.takeSnapshotResults().allSatisfy { (try? $0.get()) != nil })
    let expected = store.state
    store.abandon()
    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state == expected)
    try reopened.close(now: clock.next())
  }
}
