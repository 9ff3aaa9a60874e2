import Foundation
import Store
import Testing

@Suite("Undo, redo and drafts")
struct HistoryAndDraftTests {
  @Test("undo takes back the last change, is journaled, and survives a restart; redo does it again")
  func undoRedo() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("张三"), actor: "clerk", now: clock.next())
    let afterFirst = store.state.notes
    try store.apply(.set(1, "张三（已调整界别）"), actor: "clerk", now: clock.next())
    #expect(store.canUndo)
    let step = try store.undo(actor: "clerk", now: clock.next())
    #expect(step.message(in: .zh) == "已撤销：修改笔记 1")
    #expect(store.state.notes == afterFirst)
    #expect(store.lastSequence == 3)
    store.abandon()

    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(reopened.state.notes == afterFirst)
    try reopened.close(now: clock.next())

    let again = try NotesStore.open(folder: folder.store, now: clock.next())
    try again.apply(.add("李四"), actor: "clerk", now: clock.next())
    let undone = try again.undo(actor: "clerk", now: clock.next())
    #expect(undone.message(in: .en) == "Undone: add note 李四")
    #expect(again.state.notes[2] == nil)
    let redone = try again.redo(actor: "clerk", now: clock.next())
    #expect(redone.message(in: .zh) == "已重做：新增笔记 李四")
    #expect(again.state.notes[2] == "李四")
    #expect(throws: StoreError.self) { try again.redo(actor: "clerk", now: clock.next()) }
    try again.close(now: clock.next())
  }

  @Test("undo goes back at most the configured number of changes")
  func undoDepth() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(
      folder: folder.store, options: StoreOptions(undoDepth: 3), now: clock.next())
    for index in 0..<5 { try store.apply(.add("第\(index)"), actor: "clerk", now: clock.next()) }
    for _ in 0..<3 { try store.undo(actor: "clerk", now: clock.next()) }
    #expect(!store.canUndo)
    #expect(store.state.notes.count == 2)
    do {
      try store.undo(actor: "clerk", now: clock.next())
      Issue.record("nothing is left to undo")
    } catch {
      #expect(error.message(in: .zh) == "没有可以撤销的操作。")
    }
    try store.close(now: clock.next())
  }

  @Test("a group of changes is undone whole")
  func groupUndo() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("原有"), actor: "clerk", now: clock.next())
    let before = store.state.notes
    try store.apply(.group([.add("导入1"), .add("导入2"), .set(1, "导入时修改")]), actor: "clerk", now: clock.next())
    #expect(store.state.notes.count == 3)
    try store.undo(actor: "clerk", now: clock.next())
    #expect(store.state.notes == before)
    try store.close(now: clock.next())
  }

  @Test("drafts survive a crash and a reopen; the newest text of a key wins; discard removes it")
  func draftsSurvive() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.saveDraft(key: "consultation/12/minutes", text: "会议纪要：第一稿", now: clock.next())
    try store.saveDraft(key: "consultation/12/minutes", text: "会议纪要：第二稿，补充了居民意见", now: clock.next())
    try store.saveDraft(key: "problem/3/reply", text: "部门答复草稿", now: clock.next())
    store.abandon()

    let reopened = try NotesStore.open(folder: folder.store, now: clock.next())
    let drafts = reopened.drafts()
    #expect(drafts.count == 2)
    #expect(drafts.first { $0.key == "consultation/12/minutes" }?.text == "会议纪要：第二稿，补充了居民意见")
    #expect(drafts.first?.key == "problem/3/reply")  // newest first
    try reopened.discardDraft(key: "problem/3/reply")
    #expect(reopened.drafts().map(\.key) == ["consultation/12/minutes"])
    try reopened.close(now: clock.next())
  }
}
