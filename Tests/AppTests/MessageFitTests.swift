import Foundation
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// Every message the app can put on the message line is read whole at 80 columns: it fits one row
/// of 78 columns, or wraps onto a second, in Chinese and in English. The messages are found where
/// the code makes them (`Message(`, `.say(`, `FieldRefusal(`, `UserMessage(`), plus every Domain
/// refusal, which the message line shows when a save is refused.
@Suite("Messages fit the message line")
struct MessageFitTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

  /// The string keys named inside each call that makes a message.
  static func messageKeys() throws -> Set<String> {
    var keys: Set<String> = []
    let makers = ["Message(", ".say(", "FieldRefusal(", "UserMessage("]
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      let text = Array(try String(contentsOf: url, encoding: .utf8))
      var index = 0
      while index < text.count {
        guard let maker = makers.first(where: { matches($0, text, at: index) }) else {
          index += 1
          continue
        }
        // The call's arguments, to its closing parenthesis.
        var end = index + maker.count
        var depth = 1
        while end < text.count, depth > 0 {
          if text[end] == "(" { depth += 1 } else if text[end] == ")" { depth -= 1 }
          end += 1
        }
        keys.formUnion(quotedKeys(String(text[(index + maker.count)..<end])))
        index += maker.count
      }
    }
    return keys
  }

  static func matches(_ word: String, _ text: [Character], at index: Int) -> Bool {
    let chars = Array(word)
    guard index + chars.count <= text.count else { return false }
    return Array(text[index..<(index + chars.count)]) == chars
  }

  /// Quoted words that are keys of the string tables ("kit.form.discardQuestion").
  static func quotedKeys(_ text: String) -> [String] {
    text.split(separator: "\"").enumerated().compactMap { index, part in
      let word = String(part)
      guard index % 2 == 1, word.contains("."), !word.contains(" "), Strings.shared.contains(word) else {
        return nil
      }
      return word
    }
  }

  @Test("every message, its blanks filled with names of eight columns, takes at most two rows at 80 columns")
  func everyMessageIsReadWhole() throws {
    var keys = try Self.messageKeys()
    keys.formUnion(Strings.shared.entries.keys.filter { $0.hasPrefix("domain.error.") })
    #expect(keys.count > 100, "the scan found the messages")
    let name = "某某某某"
    var tooLong: [String] = []
    for key in keys.sorted() {
      for language in [Language.zh, .en] {
        let text = Strings.shared.text(key, language, Array(repeating: name, count: 6))
        let line = MessageLine(text)
        // Drawn on an 80-column screen's message row, with the row above it free for a second line.
        var canvas = Canvas(size: Size(width: 80, height: 3))
        line.draw(into: &canvas, rect: Rect(x: 0, y: 1, width: 80, height: line.rows(width: 80)))
        let shown = (0..<3).map { canvas.line($0) }.joined()
        if shown.contains("…") && !text.contains("…") {
          tooLong.append("\(key) (\(language)): \(text)")
        }
      }
    }
    #expect(tooLong.isEmpty, "cut on the message line:\n\(tooLong.joined(separator: "\n"))")
  }

  @Test("a message wider than the screen wraps onto the row above the message row, and its last words show")
  func aLongMessageWraps() {
    let text =
      "The follow-up inspection must be within a month of the consultation, by 2026-12-26. If that has passed, hold the consultation again first."
    let line = MessageLine(text)
    #expect(line.rows(width: 80) == 2)
    #expect(MessageLine("已保存").rows(width: 80) == 1)
    var canvas = Canvas(size: Size(width: 80, height: 2))
    line.draw(into: &canvas, rect: Rect(x: 0, y: 0, width: 80, height: 2))
    #expect(canvas.line(0).hasPrefix(" The follow-up inspection"))
    #expect(canvas.line(1).contains("hold the consultation again first."))
  }
}
