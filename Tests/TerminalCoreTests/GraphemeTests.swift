import Testing

@testable import TerminalCore

@Suite struct GraphemeClusters {
  static let name = "张👍🏽三👨‍👩‍👧🇨🇳"

  @Test func aClusterIsAsWideAsCursesCountsItsCodePoints() {
    #expect(DisplayWidth.of(Character("👍🏽")) == DisplayWidth.of("👍" as Unicode.Scalar) * 2)
    #expect(DisplayWidth.of(Character("🇨🇳")) == 2 * DisplayWidth.of("🇨" as Unicode.Scalar))
    // Conjoining jamo: the initial takes the columns, the vowel and final join it.
    #expect(DisplayWidth.of(Character("\u{1112}\u{1161}\u{11AB}")) == 2)
    #expect(DisplayWidth.cells(of: "\u{1112}\u{1161}\u{11AB}") == ["\u{1112}\u{1161}\u{11AB}"])
    #expect(DisplayWidth.cells(of: "👍🏽") == ["👍", "🏽"])
  }

  @Test(arguments: 1...14)
  func truncatingNeverSplitsAClusterAndSaysItCut(columns: Int) {
    let cut = Text.truncate(Self.name, to: columns)
    #expect(cut.displayWidth <= columns)
    if Self.name.displayWidth > columns {
      #expect(cut.hasSuffix("…"))
      #expect(Self.name.hasPrefix(String(cut.dropLast())))
    } else {
      #expect(cut == Self.name)
    }
  }

  @Test(arguments: [4, 7, 10, 13, 20])
  func aRowIsNeverWiderThanTheCanvasAndLosesNoCodePointThatFits(width: Int) {
    var canvas = Canvas(width: width, height: 1)
    let end = canvas.write(Self.name, x: 0, y: 0)
    #expect(canvas.line(0).displayWidth == width)
    #expect(end <= width + 1)
    if width >= Self.name.displayWidth {
      let line = canvas.line(0)
      for part in ["张", "👍", "🏽", "三", "👨", "👩", "👧", "🇨", "🇳"] {
        #expect(
          part.unicodeScalars.allSatisfy { line.unicodeScalars.contains($0) }, "\(part) at width \(width)")
      }
    }
  }

  @Test func hangulWrittenAsJamoStaysOneSyllableInOneCell() {
    var canvas = Canvas(width: 6, height: 1)
    canvas.write("\u{1112}\u{1161}\u{11AB}글", x: 0, y: 0)
    #expect(canvas[0, 0].character == "\u{1112}\u{1161}\u{11AB}")
    #expect(canvas[0, 0].width == 2)
    #expect(canvas[2, 0].character == "글")
  }
}
