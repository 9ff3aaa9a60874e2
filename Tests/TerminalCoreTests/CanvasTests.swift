import Testing

@testable import TerminalCore

/// Checks the wide-glyph invariant over a whole canvas: every wide cell is followed by its
/// continuation, every continuation follows a wide cell, and every row is exactly `width` wide.
func expectWideGlyphInvariant(_ canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
  for y in 0..<canvas.height {
    for x in 0..<canvas.width {
      let cell = canvas[x, y]
      if cell.width == 2 {
        #expect(
          x + 1 < canvas.width, "wide glyph at the right edge (\(x),\(y))", sourceLocation: sourceLocation)
        #expect(
          canvas[x + 1, y].isContinuation, "wide glyph without its right half at (\(x),\(y))",
          sourceLocation: sourceLocation)
        #expect(DisplayWidth.of(cell.character) == 2, sourceLocation: sourceLocation)
      } else if cell.isContinuation {
        #expect(
          x > 0 && canvas[x - 1, y].width == 2, "orphan right half at (\(x),\(y))",
          sourceLocation: sourceLocation)
      } else {
        #expect(
          DisplayWidth.of(cell.character) == 1, "narrow cell holds \(cell.character)",
          sourceLocation: sourceLocation)
      }
    }
    #expect(
      canvas.line(y).displayWidth == canvas.width, "row \(y): \(canvas.line(y))",
      sourceLocation: sourceLocation)
  }
}

@Suite("Canvas: wide glyphs own their right neighbour")
struct CanvasTests {
  @Test("A wide character fills its cell and a continuation")
  func wideCharacterTakesTwoCells() {
    var canvas = Canvas(width: 8, height: 1)
    #expect(canvas.put("中", x: 2, y: 0) == 2)
    #expect(canvas[2, 0].character == "中")
    #expect(canvas[2, 0].width == 2)
    #expect(canvas[3, 0].isContinuation)
    #expect(canvas.line(0) == "  中    ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("Overwriting the left half of a wide glyph blanks the right half")
  func overwriteLeftHalf() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.put("商", x: 1, y: 0)
    canvas.put("a", x: 1, y: 0)
    #expect(canvas.line(0) == " a    ")
    #expect(!canvas[2, 0].isContinuation)
    expectWideGlyphInvariant(canvas)
  }

  @Test("Overwriting the right half of a wide glyph blanks the left half")
  func overwriteRightHalf() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.put("😀", x: 1, y: 0)
    canvas.put("b", x: 2, y: 0)
    #expect(canvas.line(0) == "  b   ")
    #expect(canvas[1, 0].character == " ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("A wide glyph written one column over another blanks the old one's left half")
  func wideOverWide() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.put("中", x: 0, y: 0)
    canvas.put("文", x: 1, y: 0)
    #expect(canvas.line(0) == " 文   ")
    canvas.put("🌊", x: 2, y: 0)
    #expect(canvas.line(0) == "  🌊  ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("A wide glyph that would cross the right edge becomes a blank")
  func wideAtRightEdge() {
    var canvas = Canvas(width: 5, height: 1)
    canvas.write("abcd", x: 0, y: 0)
    #expect(canvas.put("中", x: 4, y: 0) == 1)
    #expect(canvas.line(0) == "abcd ")
    canvas.write("ab中文", x: 0, y: 0)
    #expect(canvas.line(0) == "ab中 ")
    canvas.put("x", x: 4, y: 0)
    canvas.put("😀", x: 4, y: 0)
    #expect(canvas.line(0) == "ab中 ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("A wide glyph past a write limit leaves a blank and stops there")
  func wideAtWriteLimit() {
    var canvas = Canvas(width: 10, height: 1)
    canvas.fill(canvas.bounds, with: "#")
    let end = canvas.write("ab中文", x: 1, y: 0, limit: 5)
    #expect(canvas.line(0) == "#ab中 ####")
    #expect(end == 6)
    canvas.write("商量政协", x: 0, y: 0, limit: 3)
    #expect(canvas.line(0) == "商 中 ####")
    expectWideGlyphInvariant(canvas)
  }

  @Test("Writing from a negative column shows only what falls on screen")
  func writeCutByLeftEdge() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("中文ab", x: -1, y: 0)
    #expect(canvas.line(0) == " 文ab ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("Control characters show as a replacement character, never reach the screen")
  func controlCharactersAreReplaced() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.write("a\u{1B}b", x: 0, y: 0)
    #expect(canvas.line(0) == "a\u{FFFD}b ")
  }

  @Test("Fill over half a wide glyph blanks the other half; fill with a wide character tiles it")
  func fillKeepsInvariant() {
    var canvas = Canvas(width: 7, height: 2)
    canvas.write("中文中文", x: 0, y: 0)
    canvas.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: Style(.selected))
    #expect(canvas.line(0) == "    中 ")
    canvas.fill(Rect(x: 0, y: 1, width: 7, height: 1), with: "河")
    #expect(canvas.line(1) == "河河河 ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("Restyling keeps the characters")
  func restyleKeepsText() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("监督ok", x: 0, y: 0)
    canvas.restyle(x: 0, y: 0, width: 6) { $0.reverse = true }
    #expect(canvas.line(0) == "监督ok")
    #expect((0..<6).allSatisfy { canvas[$0, 0].style.reverse })
    expectWideGlyphInvariant(canvas)
  }

  @Test("Blitting at an odd column keeps wide glyphs whole or blanks them at the seams")
  func blitAtSeams() {
    var inner = Canvas(width: 4, height: 1)
    inner.write("协商", x: 0, y: 0)
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("中文中", x: 0, y: 0)
    canvas.blit(inner, x: 1, y: 0)
    #expect(canvas.line(0) == " 协商 ")
    canvas.blit(inner, x: 3, y: 0)
    #expect(canvas.line(0) == " 协协 ")
    expectWideGlyphInvariant(canvas)
  }

  @Test("Out-of-bounds drawing is ignored and reading outside gives a blank")
  func outOfBounds() {
    var canvas = Canvas(width: 3, height: 2)
    #expect(canvas.put("a", x: 3, y: 0) == 0)
    #expect(canvas.put("a", x: 0, y: 2) == 0)
    #expect(canvas.put("a", x: -1, y: 0) == 0)
    #expect(canvas[-1, 0] == .blank)
    #expect(canvas.lines == ["   ", "   "])
  }

  @Test("Random drawing with CJK and emoji never breaks the invariant", arguments: 1...20)
  func randomDrawing(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let glyphs: [Character] = ["a", "中", "😀", "，", "e\u{0301}", " ", "河", "Z", "🌊", "…"]
    var canvas = Canvas(width: Int.random(in: 1...13, using: &rng), height: 3)
    for _ in 0..<200 {
      let x = Int.random(in: -2...(canvas.width + 1), using: &rng)
      let y = Int.random(in: 0..<3, using: &rng)
      switch Int.random(in: 0..<4, using: &rng) {
      case 0: canvas.put(glyphs.randomElement(using: &rng) ?? "a", x: x, y: y)
      case 1:
        let text = String(
          (0..<Int.random(in: 0...6, using: &rng)).map { _ in glyphs.randomElement(using: &rng) ?? "a" })
        canvas.write(text, x: x, y: y, limit: Int.random(in: 0...8, using: &rng))
      case 2:
        canvas.fill(
          Rect(x: x, y: y, width: Int.random(in: 0...5, using: &rng), height: 1),
          with: glyphs.randomElement(using: &rng) ?? " ")
      default:
        var small = Canvas(width: Int.random(in: 1...5, using: &rng), height: 1)
        small.write("中a文😀", x: Int.random(in: -1...1, using: &rng), y: 0)
        canvas.blit(small, x: x, y: y)
      }
    }
    expectWideGlyphInvariant(canvas)
  }
}

/// A small deterministic random generator (SplitMix64), so that property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = (seed &+ 1) &* 0xD1B5_4A32_D192_ED03 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
