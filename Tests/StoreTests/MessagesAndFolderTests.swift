import Foundation
import Localization
import Store
import Testing

@Suite("Messages and the store folder")
struct MessagesAndFolderTests {
  @Test("every store error has a message in Chinese and in English, with the file and offset filled in")
  func everyErrorHasBothMessages() {
    let cause = FileSystemError(operation: "write", path: "journal", code: FileSystemError.noSpace)
    let errors: [StoreError] = [
      .locked(folder: "/data", pid: 42), .locked(folder: "/data", pid: nil), .fileSystem(cause),
      .newerFormat(file: "state.snapshot", found: 2, supported: 1), .notAStoreFile(file: "x.log"),
      .corruptSnapshot(file: "state.snapshot", offset: 52, reason: "checksum"),
      .corruptRecord(file: "journal-1.log", offset: 123),
      .sequenceGap(file: "journal-1.log", offset: 36, expected: 5, found: 7),
      .foreignJournal(file: "journal-1.log"),
      .missingSnapshot(file: "state.snapshot"),
      .replayFailed(file: "journal-1.log", offset: 99, reason: "bad"),
      .rejected(RejectedChange(zh: "不允许", en: "not allowed", underlying: cause)), .writeFailed(cause),
      .syncFailed(cause), .snapshotFailed(cause), .unusable("disk"), .nothingToUndo, .nothingToRedo,
      .draftFailed(cause),
    ]
    for error in errors {
      for language in Language.allCases {
        let message = error.message(in: language)
        #expect(!message.contains("⟨"), "missing text for \(error) in \(language)")
        #expect(!message.contains("{0}"), "unfilled placeholder for \(error) in \(language)")
      }
    }
    #expect(
      StoreError.corruptRecord(file: "journal-1.log", offset: 123).message(in: .zh).contains("第 123 字节"))
    #expect(StoreError.locked(folder: "/data", pid: 42).message(in: .en).contains("process 42"))
    #expect(Strings.shared.problems.filter { $0.file == "store.tsv" }.isEmpty)
  }

  @Test("the store folder and its files are readable by their owner only")
  func ownerOnlyPermissions() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let store = try NotesStore.open(folder: folder.store)
    try store.apply(.add("权限"), actor: "clerk", now: Date())
    try store.saveDraft(key: "k", text: "草稿", now: Date())
    try store.close(now: Date())
    func mode(_ path: String) -> Int {
      ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? -1
    }
    #expect(mode(folder.store) == 0o700)
    #expect(mode(folder.store + "/backups") == 0o700)
    #expect(mode(folder.store + "/drafts") == 0o700)
    #expect(mode(folder.store + "/audit") == 0o700)
    #expect(mode(folder.store + "/audit/archive") == 0o700)
    for name in Files.names(folder.store) where name != "backups" && name != "drafts" && name != "audit" {
      #expect(mode(folder.store + "/" + name) == 0o600, "\(name)")
    }
    for name in Files.names(folder.store + "/audit") where name != "archive" {
      #expect(mode(folder.store + "/audit/" + name) == 0o600, "\(name)")
    }
    for name in Files.names(folder.store + "/drafts") {
      #expect(mode(folder.store + "/drafts/" + name) == 0o600, "\(name)")
    }
  }
}
