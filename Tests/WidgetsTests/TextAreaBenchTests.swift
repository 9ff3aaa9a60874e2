import Foundation
import TerminalCore
import Testing

@testable import Widgets

/// Per-keystroke cost on a 20,000-character document. Runs only with SHANGLIANG_BENCH=1 (in
/// release: `SHANGLIANG_BENCH=1 swift test -c release --filter TextAreaBench`); prints figures,
/// never asserts timings.
@Suite(
  "Text area benchmark", .enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
struct TextAreaBenchTests {
  static let sample = Array("政协委员围绕河道治理开展专题协商，提出了三条具体建议。Members agreed on 3 actions. ")

  /// Pure Chinese without punctuation: every line is full, so an insertion shifts every later
  /// line of its paragraph, the worst case for re-wrapping.
  static let solid = Array("政协委员围绕河道治理开展专题协商提出具体建议会议认为应当加强巡河工作落实河长制责任")

  static func document(paragraphs: Int, each: Int, from sample: [Character] = sample) -> String {
    (0..<paragraphs).map { p in
      String((0..<each).map { sample[(p * 7 + $0) % sample.count] })
    }.joined(separator: "\n")
  }

  static func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
  static func p99(_ values: [Duration]) -> Duration { values.sorted()[values.count * 99 / 100] }

  static func micros(_ d: Duration) -> String {
    let us = Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    return String(format: "%.1f µs", us)
  }

  /// CPU time of this thread: unlike the wall clock, it leaves out the time other processes
  /// had the core (the machine is shared), which otherwise shows up as spikes in the tail.
  static func cpuTime() -> Duration {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return .seconds(t.tv_sec) + .nanoseconds(t.tv_nsec)
  }

  static func cpu(_ body: () -> Void) -> Duration {
    let start = cpuTime()
    body()
    return cpuTime() - start
  }

  func measure(_ name: String, paragraphs: Int, each: Int, from sample: [Character] = sample) {
    let document = Self.document(paragraphs: paragraphs, each: each, from: sample)
    var area = TextArea(text: document, width: 80, height: 24)
    let startCount = area.characterCount
    area.moveCaret(to: .init(paragraph: paragraphs / 2, offset: each / 2))
    var inserts: [Duration] = []
    var draws: [Duration] = []
    var moves: [Duration] = []
    var canvas = Canvas(width: 80, height: 24)
    for i in 0..<2000 {
      let ch = sample[i % sample.count]
      inserts.append(Self.cpu { area.handle(.character(ch)) })
      draws.append(Self.cpu { area.draw(into: &canvas, in: canvas.bounds) })
      if i % 10 == 0 {
        moves.append(Self.cpu { area.handle(.down) })
        moves.append(Self.cpu { area.handle(.up) })
      }
    }
    var pasteArea = area
    let pasteText = Self.document(paragraphs: 20, each: 250)
    let paste = Self.cpu { pasteArea.paste(pasteText) }
    let undo = Self.cpu { pasteArea.undo() }
    print(
      "bench text area \(name) (\(startCount) chars), thread CPU time: insert median \(Self.micros(Self.median(inserts)))"
        + ", p99 \(Self.micros(Self.p99(inserts))); draw 80x24 median \(Self.micros(Self.median(draws)))"
        + ", p99 \(Self.micros(Self.p99(draws)))"
        + "; ↑/↓ median \(Self.micros(Self.median(moves)))"
        + "; paste 5,000 chars \(Self.micros(paste)); undo it \(Self.micros(undo))")
    #expect(area.characterCount == startCount + 2000)
    #expect(pasteArea.characterCount == area.characterCount)
  }

  @Test("typing in 100 paragraphs of 200 characters")
  func manyParagraphs() { measure("100 × 200", paragraphs: 100, each: 200) }

  @Test("typing in one paragraph of 20,000 characters")
  func oneParagraph() { measure("1 × 20000", paragraphs: 1, each: 20_000) }

  @Test("typing in one paragraph of 20,000 Chinese characters without punctuation")
  func oneSolidParagraph() { measure("1 × 20000 solid", paragraphs: 1, each: 20_000, from: Self.solid) }
}
