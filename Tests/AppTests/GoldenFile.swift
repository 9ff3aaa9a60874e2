import Foundation
import TerminalCore
import Testing

/// Compares a rendered screen with checked-in files under `Tests/AppTests/Golden/`: the text
/// (`<name>.txt`) and the colour roles (`<name>.roles.txt`, one letter per cell, see `roleLetter`),
/// so a screen that loses its overdue colour or its selection fails like one that loses a word.
/// To re-record on purpose: `SHANGLIANG_RECORD=1 swift test --filter AppTests`, then review the diff.
enum GoldenFile {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  /// One letter per role, in `Role` order (`a` normal, `b` title, …); upper case when reversed
  /// (the selection), so emphasis that holds without colour is checked too.
  static func roleLetter(_ style: Style) -> Character {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let letter = letters[Int(style.role.rawValue) % letters.count]
    return style.reverse ? Character(letter.uppercased()) : letter
  }

  /// Every row's roles, between bars like the text.
  static func roles(_ canvas: Canvas) -> String {
    var rows: [String] = []
    for y in 0..<canvas.height {
      var row = "|"
      for x in 0..<canvas.width { row.append(roleLetter(canvas[x, y].style)) }
      rows.append(row + "|")
    }
    return rows.joined(separator: "\n") + "\n"
  }

  static func assertMatches(
    _ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    // Each row between bars, so trailing spaces and the right edge are visible in the file.
    let text = canvas.lines.map { "|" + $0 + "|" }.joined(separator: "\n") + "\n"
    compare(text, file: name + ".txt", what: "screen", sourceLocation: sourceLocation)
    compare(roles(canvas), file: name + ".roles.txt", what: "colour roles", sourceLocation: sourceLocation)
  }

  static func compare(_ actual: String, file: String, what: String, sourceLocation: SourceLocation) {
    let url = folder.appendingPathComponent(file)
    if ProcessInfo.processInfo.environment["SHANGLIANG_RECORD"] == "1" {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8) else {
      Issue.record(
        "golden file \(file) is missing; record it with SHANGLIANG_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    guard expected != actual else { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(e.count, a.count) {
      let el = i < e.count ? String(e[i]) : "<none>"
      let al = i < a.count ? String(a[i]) : "<none>"
      if el != al { diff.append("row \(i):\n  expected \(el)\n  actual   \(al)") }
    }
    let shown = Array(diff.prefix(12)).joined(separator: "\n")
    Issue.record(Comment(rawValue: "\(what) differs from \(file):\n\(shown)"), sourceLocation: sourceLocation)
  }
}
