import Foundation
import TerminalCore
import Testing

/// Compares a rendered screen with a checked-in text file under `Tests/AppTests/Golden/`.
/// To re-record on purpose: `SHANGLIANG_RECORD=1 swift test --filter AppTests`, then review the diff.
enum GoldenFile {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static func assertMatches(
    _ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = folder.appendingPathComponent(name + ".txt")
    // Each row between bars, so trailing spaces and the right edge are visible in the file.
    let actual = canvas.lines.map { "|" + $0 + "|" }.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["SHANGLIANG_RECORD"] == "1" {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
      Issue.record(
        "golden file \(name).txt is missing; record it with SHANGLIANG_RECORD=1",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      var diff: [String] = []
      for i in 0..<max(e.count, a.count) {
        let el = i < e.count ? String(e[i]) : "<none>"
        let al = i < a.count ? String(a[i]) : "<none>"
        if el != al { diff.append("row \(i):\n  expected \(el)\n  actual   \(al)") }
      }
      let shown = Array(diff.prefix(12)).joined(separator: "\n")
      Issue.record(
        Comment(rawValue: "screen differs from \(name).txt:\n\(shown)"),
        sourceLocation: sourceLocation)
    }
  }
}
