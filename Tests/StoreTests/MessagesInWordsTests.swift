import Foundation
import Localization
import Store
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Messages name the real cause in words")
struct MessagesInWordsTests {
  @Test("a permission error says permission, not disk space; no bare error numbers")
  func permissionIsNotDiskSpace() {
    let denied = StoreError.fileSystem(
      FileSystemError(operation: "open", path: "/srv/store/lock", code: EACCES))
    for language in [Language.zh, .en] {
      let text = denied.message(in: language)
      #expect(!text.contains("磁盘空间") && !text.contains("disk space"), "\(text)")
      #expect(!text.contains("error 13"))
    }
    #expect(denied.message(in: .en).contains("permission denied"))
    #expect(denied.message(in: .zh).contains("没有权限"))
  }

  @Test("a full disk asks for space, a path through a file says so, an unknown number is the system's words")
  func eachCauseItsSentence() {
    let full = StoreError.writeFailed(FileSystemError(operation: "write", path: "#7", code: ENOSPC))
    #expect(full.message(in: .en).contains("the disk is full"))
    #expect(!full.message(in: .en).contains("#7"))
    let notFolder = StoreError.fileSystem(
      FileSystemError(operation: "mkdir", path: "/etc/passwd/x", code: ENOTDIR))
    #expect(notFolder.message(in: .en).contains("a part of the path is not a folder"))
    #expect(!notFolder.message(in: .en).contains("error 20"))
    let other = FileSystemError(operation: "read", path: "/x", code: EXDEV).reason(in: .en)
    #expect(other.contains(String(cString: strerror(EXDEV))))
  }

  @Test("a path with control characters is quoted escaped")
  func controlCharactersInPaths() {
    let text = FileSystemError(operation: "open", path: "store/\u{1B}[2Jx", code: ENOENT).reason(in: .en)
    #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
  }
}
