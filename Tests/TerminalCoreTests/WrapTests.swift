import Testing

@testable import TerminalCore

@Suite("Wrapping Chinese and English text by display columns")
struct WrapTests {
  static let closing: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」"]

  /// A random paragraph of Chinese, English words, spaces, punctuation, digits and emoji.
  static func paragraph(_ rng: inout SeededGenerator) -> String {
    let ideographs = Array("政协委员会商量监督巡河问题部门河长制协商意见办理")
    let words = ["river", "patrol", "CPPCC", "a", "consultation", "supervision", "ok", "2026", "x"]
    let punctuation: [Character] = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "（", "「", ",", "."]
    let emoji: [Character] = ["😀", "🌊", "👍"]
    var text = ""
    for _ in 0..<Int.random(in: 0...60, using: &rng) {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0...3:
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
          text.append(ideographs.randomElement(using: &rng) ?? "中")
        }
      case 4, 5: text += words.randomElement(using: &rng) ?? "x"
      case 6: text += String(repeating: " ", count: Int.random(in: 1...3, using: &rng))
      case 7, 8: text.append(punctuation.randomElement(using: &rng) ?? "，")
      default: text.append(emoji.randomElement(using: &rng) ?? "😀")
      }
    }
    return text
  }

  static func trimmed(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }

  /// Whether the text has a place where the line-breaking rule allows a break.
  static func hasBreakOpportunity(_ line: String) -> Bool {
    let chars = Array(line)
    guard chars.count > 1 else { return false }
    return (1..<chars.count).contains { Text.canBreak(chars, before: $0) }
  }

  @Test("Joining the lines gives back the text; no line is wider than the limit", arguments: 1...40)
  func wrapProperties(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    for _ in 0..<25 {
      let text = Self.paragraph(&rng)
      let columns = Int.random(in: 2...80, using: &rng)
      let lines = Text.wrap(text, to: columns)
      #expect(lines.joined() == text, "\(columns) columns: \(text)")
      for line in lines {
        #expect(Self.trimmed(line).displayWidth <= columns, "\(columns) columns: [\(line)] of \(text)")
      }
      for index in lines.indices.dropFirst() {
        guard let first = lines[index].first, Self.closing.contains(first) else { continue }
        // Allowed only after a single run that had nowhere to break.
        #expect(
          !Self.hasBreakOpportunity(Self.trimmed(lines[index - 1])),
          "\(columns) columns: line starts with \(first) after [\(lines[index - 1])] in \(text)")
      }
      #expect(Text.wrapForDisplay(text, to: columns) == lines.map(Self.trimmed))
    }
  }

  @Test("English breaks at spaces and never splits a word that fits", arguments: [10, 12, 20, 33])
  func englishBreaksAtSpaces(columns: Int) {
    let words = "the committee heard the river patrol report and sent every problem to a department"
      .split(separator: " ").map(String.init)
    let lines = Text.wrap(words.joined(separator: " "), to: columns)
    #expect(lines.count > 1)
    #expect(lines.flatMap { $0.split(separator: " ").map(String.init) } == words)
    for line in lines.dropLast() {
      #expect(line.hasSuffix(" "), "[\(line)] ends inside a word")
    }
  }

  @Test("Chinese breaks between ideographs and keeps closing punctuation with the text before it")
  func chineseRule() {
    #expect(Text.wrap("政协委员会", to: 4) == ["政协", "委员", "会"])
    // "会" would end a line of 4 columns and "，" start the next: the break moves back one.
    #expect(Text.wrap("委员会，商量", to: 6) == ["委员", "会，商", "量"])
    #expect(Text.wrap("看（一）", to: 6) == ["看", "（一）"])
  }

  @Test("Hard newlines start new lines and empty paragraphs stay")
  func hardNewlines() {
    #expect(Text.wrap("第一行\n\nsecond", to: 10) == ["第一行", "", "second"])
    #expect(Text.wrap("", to: 10) == [""])
  }

  @Test("A word longer than the line is cut, spaces at a break hang at the end of the line")
  func longWordsAndHangingSpaces() {
    #expect(Text.wrap("supervision", to: 4) == ["supe", "rvis", "ion"])
    #expect(Text.wrap("ab   cd", to: 3) == ["ab   ", "cd"])
    #expect(Text.wrapForDisplay("ab   cd", to: 3) == ["ab", "cd"])
  }
}

/// The Chinese line-breaking rules (禁则) a reader of the detail panes and messages relies on, as
/// they read in prose: closing marks stay with the text before them, opening marks with the text
/// after them, doubled marks stay whole, and English breaks between words.
@Suite("Chinese line breaking in prose")
struct ChineseLineBreakingTests {
  static let closing: [Character] = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "…"]
  static let opening: [Character] = ["（", "《", "「", "『"]

  @Test("no line starts with a closing mark and none ends with an opening mark, at every width")
  func marksStayWithTheirText() {
    // From 8 columns on: narrower, 区）， (six columns, no break allowed inside) cannot stay whole.
    let prose =
      "委员们在调研中发现，小区物业服务质量不高（尤其是老旧小区），群众反映较多。建议：一、"
      + "由街道牵头，组织《物业管理条例》学习；二、建立「红黑榜」——每季度公布一次……你说呢？好！"
      + "『共建共治』的方案，要在年底前落实。"
    for columns in 8...60 {
      let lines = Text.wrapForDisplay(prose, to: columns)
      #expect(lines.joined() == prose, "\(columns)")
      for (index, line) in lines.enumerated() {
        #expect(line.displayWidth <= columns, "\(columns): [\(line)] is too wide")
        if index > 0, let first = line.first {
          #expect(!Self.closing.contains(first), "\(columns): [\(line)] starts with \(first)")
        }
        if index < lines.count - 1, let last = line.last {
          #expect(!Self.opening.contains(last), "\(columns): [\(line)] ends with \(last)")
        }
      }
    }
  }

  @Test("a dash (——) and an ellipsis (……) are never split")
  func doubledMarksStayWhole() {
    // Five columns hold 建议 and the first half of the dash: the whole dash moves down.
    #expect(Text.wrap("建议——公布", to: 5) == ["建议", "——公", "布"])
    #expect(Text.wrap("等等……好", to: 5) == ["等", "等……", "好"])
    #expect(Text.canBreak(Array("——"), before: 1) == false)
    #expect(Text.canBreak(Array("……"), before: 1) == false)
    for columns in 4...12 {
      for line in Text.wrap("一二三——四五六……七八九——十", to: columns) {
        #expect(!line.hasPrefix("—") || line.hasPrefix("——"), "\(columns): [\(line)]")
        #expect(!line.hasPrefix("…"), "\(columns): [\(line)]")
      }
    }
  }

  @Test("English in a Chinese sentence breaks between words, not inside them")
  func englishWordsStayWhole() {
    let lines = Text.wrapForDisplay("委员提出 river patrol report 的问题", to: 12)
    #expect(lines == ["委员提出", "river patrol", "report 的问", "题"])
  }
}
