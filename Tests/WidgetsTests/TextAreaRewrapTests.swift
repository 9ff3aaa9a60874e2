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

@Suite("Text area: re-wrapping only the edited lines gives the same lines as wrapping everything")
struct TextAreaRewrapTests {
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
      let chars = area.paragraph(0)
      let cached = area.paragraphs[0]
      #expect(cached.layoutWidth == width)
      #expect(cached.lines == Text.wrapRanges(chars, to: width), "round \(round)")
      if cached.lines != Text.wrapRanges(chars, to: width) { return }
    }
  }
}
