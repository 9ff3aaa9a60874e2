import Testing

@testable import TerminalCore

@Suite("Display width: what a character takes on screen")
struct DisplayWidthTests {
  @Test("ASCII letters, digits, punctuation and space take one column")
  func asciiIsNarrow() {
    for scalar in (0x20 as UInt32)...0x7E {
      guard let s = Unicode.Scalar(scalar) else { continue }
      #expect(DisplayWidth.of(s) == 1, "U+\(String(scalar, radix: 16))")
    }
    #expect("shangliang 2026!".displayWidth == 16)
  }

  @Test("CJK ideographs, kana and hangul take two columns")
  func cjkIsWide() {
    for character in ["中", "商", "量", "政", "协", "㐀", "𠀀", "あ", "カ", "한"] as [Character] {
      #expect(DisplayWidth.of(character) == 2, "\(character)")
    }
    #expect("政协商量".displayWidth == 8)
    #expect("河长制abc".displayWidth == 9)
  }

  @Test("Fullwidth punctuation is wide, halfwidth forms are narrow")
  func punctuation() {
    for character in ["，", "。", "、", "；", "：", "？", "！", "（", "）", "「", "」", "《", "Ａ", "１"] as [Character] {
      #expect(DisplayWidth.of(character) == 2, "\(character)")
    }
    for character in ["ｱ", "｡", "…", "·", "—"] as [Character] {
      #expect(DisplayWidth.of(character) == 1, "\(character)")
    }
  }

  @Test("Emoji take two columns; a cluster of several spacing code points takes all their columns")
  func emoji() {
    for character in ["😀", "🌊", "👍", "🚀"] as [Character] {
      #expect(DisplayWidth.of(character) == 2, "\(character)")
    }
    // The skin tone is drawn in a cell of its own rather than silently dropped.
    #expect(DisplayWidth.of(Character("👍🏽")) == 4)
    #expect("🌊巡河".displayWidth == 6)
  }

  @Test("Combining marks take no column of their own")
  func combiningMarks() {
    let acute: Unicode.Scalar = "\u{0301}"
    #expect(DisplayWidth.of(acute) == 0)
    let composed: Character = "e\u{0301}"
    #expect(DisplayWidth.of(composed) == 1)
    #expect("cafe\u{0301}".displayWidth == 4)
    #expect(DisplayWidth.of("\u{200B}" as Unicode.Scalar) == 0)
  }

  @Test("Control characters are zero wide and flagged as control")
  func controls() {
    for character in ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}"] as [Character] {
      #expect(DisplayWidth.of(character) == 0, "\(character.unicodeScalars.first?.value ?? 0)")
      #expect(DisplayWidth.isControl(character))
    }
    #expect(!DisplayWidth.isControl("a"))
    #expect(!DisplayWidth.isControl("中"))
  }
}
