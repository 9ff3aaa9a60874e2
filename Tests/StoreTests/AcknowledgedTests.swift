import Foundation
import Store
import Testing

@Suite("Nothing acknowledged that cannot be read back")
struct AcknowledgedTests {
  @Test("a change larger than one journal record is refused before a byte is written; the store goes on")
  func oversizedChangeRefused() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let options = StoreOptions(maximumRecordBytes: 4096)
    let store = try NotesStore.open(folder: folder.store, options: options, now: clock.next())
    try store.apply(.add("小花市集占道经营"), actor: "clerk", now: clock.next())
    let journal = folder.store + "/" + Files.journals(folder.store)[0]
    let before = Files.bytes(journal)
    let state = store.state

    let huge = String(repeating: "居民希望规范管理，", count: 1000)
    do {
      try store.apply(.add(huge), actor: "clerk", now: clock.next())
      Issue.record("a change over the record limit must be refused")
    } catch {
      guard case .changeTooLarge(let bytes, let limit) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(bytes > limit)
      #expect(limit == 4096)
      #expect(error.message(in: .zh).contains("没有保存"))
      #expect(error.message(in: .en).contains("4 KiB"))
    }
    #expect(Files.bytes(journal) == before)
    #expect(store.state == state)
    try store.apply(.add("之后的修改照常保存"), actor: "clerk", now: clock.next())
    store.abandon()

    let again = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(again.lastSequence == 2)
    #expect(again.state.notes.values.contains("之后的修改照常保存"))
    try again.close(now: clock.next())
  }

  @Test("the writer's default limit is the reader's, so what apply accepts always reads back")
  func defaultLimitIsTheReaders() {
    #expect(StoreOptions().maximumRecordBytes == 256 << 20)
  }
}
