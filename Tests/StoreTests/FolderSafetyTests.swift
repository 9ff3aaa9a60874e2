import Foundation
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Links and other users cannot make the store write elsewhere")
struct FolderSafetyTests {
  /// A file outside the store that a planted link points at; it must never change.
  private func victim(_ folder: TempFolder) -> String {
    let path = folder.path + "/victim.txt"
    Files.write(Array("重要文件".utf8), to: path)
    return path
  }

  @Test("a lock file planted as a link is refused; its target is untouched")
  func plantedLock() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let target = victim(folder)
    try FileManager.default.createDirectory(atPath: folder.store, withIntermediateDirectories: true)
    chmod(folder.store, 0o700)
    try FileManager.default.createSymbolicLink(atPath: folder.store + "/lock", withDestinationPath: target)
    do {
      _ = try NotesStore.open(folder: folder.store, now: TestClock().next())
      Issue.record("a planted lock link must be refused")
    } catch {
      #expect(error.message(in: .en).contains("symbolic link"))
    }
    #expect(Files.bytes(target) == Array("重要文件".utf8))
  }

  @Test("a snapshot or draft temporary planted as a link is replaced, never written through")
  func plantedTemporaries() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let target = victim(folder)
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("小花市集占道经营"), actor: "clerk", now: clock.next())
    try FileManager.default.createSymbolicLink(
      atPath: folder.store + "/state.snapshot.tmp", withDestinationPath: target)
    try store.snapshot(now: clock.next())
    #expect(try store.waitForSnapshot()?.get() == 1)

    let draftName = "6d696e757465732e31.draft"  // "minutes.1" in hex
    try FileManager.default.createSymbolicLink(
      atPath: folder.store + "/drafts/" + draftName + ".tmp", withDestinationPath: target)
    try store.saveDraft(key: "minutes.1", text: "第一位委员发言", now: clock.next())
    #expect(store.drafts().first?.text == "第一位委员发言")
    try store.close(now: clock.next())
    #expect(Files.bytes(target) == Array("重要文件".utf8))
  }

  @Test("a store folder other users may write in is refused, naming chmod 700")
  func writableByOthers() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(atPath: folder.store, withIntermediateDirectories: true)
    chmod(folder.store, 0o777)
    do {
      _ = try NotesStore.open(folder: folder.store, now: TestClock().next())
      Issue.record("a folder writable by others must be refused")
    } catch {
      guard case .unsafeFolder(_, nil, true) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(error.message(in: .zh).contains("chmod 700 \(folder.store)"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.store + "/lock"))
  }

  @Test("a store folder owned by another user is refused, naming chown")
  func ownedByAnother() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let store: String
    if geteuid() == 0 {
      // As root: give the folder to "nobody".
      try FileManager.default.createDirectory(atPath: folder.store, withIntermediateDirectories: true)
      chmod(folder.store, 0o700)
      #expect(chown(folder.store, 65534, 65534) == 0)
      store = folder.store
    } else {
      // As anyone else: the root folder belongs to root.
      store = "/"
    }
    do {
      _ = try NotesStore.open(folder: store, now: TestClock().next())
      Issue.record("a folder of another user must be refused")
    } catch {
      guard case .unsafeFolder(_, let owner?, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(owner != geteuid())
      #expect(error.message(in: .en).contains("chown"))
    }
  }
}
