import Foundation
import Testing

/// A clerk imports a roster with a bad phone number: the refusal reads in one language, the
/// user's, from its first word.
@Suite("A failed command speaks one language")
struct FailureLanguageTests {
  func importBadRoster(_ arguments: [String], locale: String) throws -> Subprocess.Result {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("shangliang-failure-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("roster.csv")
    try Data("姓名,电话\n张三,abc\n".utf8).write(to: csv)
    var environment = Products.environment(locale: ["LANG": locale])
    environment["SHANGLIANG_STORE"] = nil
    return try Products.run(
      try Products.executable("shangliang"),
      arguments: ["--store", folder.appendingPathComponent("store").path, "import", "members", csv.path]
        + arguments,
      environment: environment)
  }

  @Test("in Chinese the refusal starts 错误：, not the parser's English Error:")
  func chineseFailureHasAChinesePrefix() throws {
    let result = try importBadRoster([], locale: "C.UTF-8")
    #expect(result.status == 1)
    #expect(result.error.hasPrefix("错误：未导入任何记录"), "\(result.error)")
  }

  @Test("--lang en after the command makes it English from the first word")
  func englishByOption() throws {
    let result = try importBadRoster(["--lang", "en"], locale: "C.UTF-8")
    #expect(result.status == 1)
    #expect(result.error.hasPrefix("Error: Nothing was imported"), "\(result.error)")
  }
}
