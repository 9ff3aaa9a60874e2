import Exchange
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A scratch folder for one test.
private struct Scratch {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
  init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
  func remove() { try? FileManager.default.removeItem(atPath: path) }
  func file(_ name: String) -> String { path + "/" + name }
}

private func info(_ path: String, follow: Bool = false) -> stat {
  var result = stat()
  _ = follow ? stat(path, &result) : lstat(path, &result)
  return result
}

private func text(_ path: String) -> String? {
  try? String(contentsOfFile: path, encoding: .utf8)
}

@Suite struct ExportFiles {
  let members = Array("姓名,电话\n王芳,13800000000\n".utf8)

  @Test func aNewExportIsOwnerOnlyForItHoldsPhoneNumbers() throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    let path = scratch.file("members.csv")
    try ExportFile.write(members, to: path)
    #expect(text(path) == "姓名,电话\n王芳,13800000000\n")
    #expect(info(path).st_mode & 0o777 == 0o600)
  }

  @Test func anExistingFileIsReplacedWholeAndBecomesOwnerOnly() throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    let path = scratch.file("members.csv")
    _ = FileManager.default.createFile(
      atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
    let before = info(path).st_ino
    try ExportFile.write(members, to: path)
    #expect(text(path)?.hasPrefix("姓名") == true)
    #expect(info(path).st_ino != before)
    #expect(info(path).st_mode & 0o777 == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["members.csv"])
  }

  @Test func aSymbolicLinkIsFollowedAndStaysALinkAsWithCp() throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    let target = scratch.file("real.csv")
    _ = FileManager.default.createFile(atPath: target, contents: Data("old".utf8))
    try FileManager.default.createSymbolicLink(atPath: scratch.file("link.csv"), withDestinationPath: target)
    try ExportFile.write(members, to: scratch.file("link.csv"))
    #expect(info(scratch.file("link.csv")).st_mode & S_IFMT == S_IFLNK)
    #expect(text(target)?.hasPrefix("姓名") == true)
  }

  @Test func aFIFOIsWrittenThroughNotReplaced() async throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    let fifo = scratch.file("pipe")
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Task.detached { () -> [UInt8] in
      let descriptor = open(fifo, O_RDONLY)
      defer { close(descriptor) }
      var bytes: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let got = read(descriptor, &buffer, buffer.count)
        if got <= 0 { break }
        bytes += buffer[0..<got]
      }
      return bytes
    }
    try ExportFile.write(members, to: fifo)
    #expect(await reader.value == members)
    #expect(info(fifo).st_mode & S_IFMT == S_IFIFO)
  }

  @Test func aFolderOrAMissingFolderIsRefusedInWords() throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    do {
      try ExportFile.write(members, to: scratch.path)
      Issue.record("writing over a folder must fail")
    } catch {
      #expect(error.message(in: .en).contains("it is a folder, not a file"))
    }
    do {
      try ExportFile.write(members, to: scratch.file("missing/members.csv"))
      Issue.record("writing into a missing folder must fail")
    } catch {
      #expect(error.message(in: .zh).contains("文件或目录不存在"))
      #expect(!error.message(in: .en).contains("error 2"))
    }
  }

  @Test func overwritingIsReportedForFilesAndLinksButNotForDevicesOrNewPaths() throws {
    let scratch = Scratch()
    defer { scratch.remove() }
    _ = FileManager.default.createFile(atPath: scratch.file("a.csv"), contents: Data())
    #expect(ExportFile.wouldOverwrite(scratch.file("a.csv")))
    #expect(!ExportFile.wouldOverwrite(scratch.file("b.csv")))
    #expect(!ExportFile.wouldOverwrite("/dev/null"))
    #expect(!ExportFile.wouldOverwrite("-"))
    #expect(ExportFile.target(of: "/dev/null") == .special)
  }

  @Test func aPathTypedInTheAppIsMadeAbsoluteSoTheMessageSaysWhereTheFileWent() {
    func resolved(_ path: String) -> String {
      ExportFile.resolved(path, home: "/home/clerk", workingDirectory: "/srv/office")
    }
    #expect(resolved("members.csv") == "/srv/office/members.csv")
    #expect(resolved("./out/members.csv") == "/srv/office/out/members.csv")
    #expect(resolved("~/members.csv") == "/home/clerk/members.csv")
    #expect(resolved("~") == "/home/clerk")
    #expect(resolved("/srv/exports/members.csv") == "/srv/exports/members.csv")
    #expect(resolved("-") == "-")
    // Without a home folder, "~/x" is a folder named ~ where the app started, as it would be for cp.
    #expect(
      ExportFile.resolved("~/x.csv", home: nil, workingDirectory: "/srv/office/") == "/srv/office/~/x.csv")
  }
}
