import TerminalCore
import Testing

@testable import Widgets

/// A small deterministic generator, so that a failure can be replayed.
private struct SplitMix {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}

@Suite("Text area: wrapping only the edited and the needed lines gives the same lines as wrapping all")
struct TextAreaRewrapTests {
  /// Solid Chinese, where no line break comes back to where it was.
  static let solid = Array("河道治理协商委员")

  @Test("typing early in a long solid paragraph keeps the view right", arguments: [10, 40])
  func solidParagraph(width: Int) {
    var area = TextArea(text: String(repeating: "政协委员围绕河道治理", count: 200), width: width, height: 6)
    area.moveCaret(to: .init(paragraph: 0, offset: 25))
    for ch in "加强巡河" { area.handle(.character(ch)) }
    let full = Text.wrapForDisplay(area.text, to: width)
    let (line, _) = area.caretLine()
    let top = max(0, line.line - 5)
    let shown = full[top..<(top + 6)].map { $0 + String(repeating: " ", count: width - $0.displayWidth) }
    #expect(area.visibleLines == shown)
    #expect(!area.paragraphs[0].complete)
    area.handle(.ctrlEnd)
    #expect(area.layout(0) == Text.wrapRanges(area.paragraph(0), to: width))
    #expect(area.visibleLines.last?.hasPrefix("河道治理") == true)
  }

  static let alphabet = Array("河道治理协商委员，。、！？（）“”abc de  f 1234")

  @Test("random typing, deleting and pasting in one long paragraph", arguments: [7, 12, 40])
  func randomEdits(width: Int) {
    var random = SplitMix(state: UInt64(width))
    let start = String((0..<600).map { _ in Self.alphabet[random.next(Self.alphabet.count)] })
    var area = TextArea(text: start, width: width, height: 10)
    for round in 0..<400 {
      let count = area.paragraph(0).count
      area.moveCaret(to: .init(paragraph: 0, offset: random.next(count + 1)))
      switch random.next(4) {
      case 0: area.handle(.backspace)
      case 1: area.handle(.delete)
      case 2:
        let run = String(
          (0..<(1 + random.next(30))).map { _ in Self.alphabet[random.next(Self.alphabet.count)] })
        area.paste(run)
      default: area.handle(.character(Self.alphabet[random.next(Self.alphabet.count)]))
      }
      let full = Text.wrapRanges(area.paragraph(0), to: width)
      let cached = area.paragraphs[0]
      // What is kept is always exact: a prefix of the full wrap, reaching past the caret.
      #expect(cached.layoutWidth == width)
      #expect(Array(full.prefix(cached.lines.count)) == cached.lines, "round \(round)")
      #expect(cached.complete == (cached.lines.count == full.count), "round \(round)")
      #expect(area.caretInView != nil, "round \(round)")
      if round % 50 == 0 {
        #expect(area.layout(0) == full, "round \(round)")
      }
      if Array(full.prefix(cached.lines.count)) != cached.lines { return }
    }
  }
}
