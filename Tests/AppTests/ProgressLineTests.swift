import Foundation
import TerminalCore
import Testing

@testable import App

#if canImport(Glibc)
  import Glibc
#endif

@Suite("The progress line on standard error: bar, count, rate and time left")
struct ProgressLineTests {
  @Test("Halfway through a million at 10,000 a second: a half-full bar, the count, the rate, 50 s left")
  func halfway() {
    let line = ProgressLine.line(
      label: "Generating", done: 500_000, total: 1_000_000, elapsed: 50, width: 100, language: .en)
    #expect(line.contains("500,000/1,000,000"), "\(line)")
    #expect(line.contains("10,000/s"), "\(line)")
    #expect(line.contains("0:50 left"), "\(line)")
    let bar = line.drop { $0 != "[" }.prefix { $0 != "]" }
    #expect(bar.filter { $0 == "█" }.count == bar.filter { $0 == "░" }.count, "\(line)")
  }

  @Test("In Chinese the words are Chinese, and the line never passes the terminal's width")
  func chineseAndNarrow() {
    let line = ProgressLine.line(
      label: "生成记录", done: 412_000, total: 1_000_000, elapsed: 64, width: 200, language: .zh)
    #expect(line.contains("剩余 1:32"), "\(line)")
    #expect(line.contains("/秒"), "\(line)")
    for width in [20, 40, 60] {
      let narrow = ProgressLine.line(
        label: "生成记录", done: 412_000, total: 1_000_000, elapsed: 64, width: width, language: .zh)
      #expect(DisplayWidth.of(narrow) <= width, "\(width): \(narrow)")
    }
  }

  @Test("Work of unknown size shows the count and time spent, no bar")
  func unknownTotal() {
    let line = ProgressLine.line(
      label: "Exporting", done: 12_345, total: nil, elapsed: 3, width: 80, language: .en)
    #expect(line == "Exporting 12,345 · 4,115/s · 0:03 elapsed")
  }

  @Test("Not on a terminal: nothing is drawn at all")
  func silentWhenNotATerminal() throws {
    var pipeEnds: [Int32] = [0, 0]
    #expect(pipe(&pipeEnds) == 0)
    defer {
      close(pipeEnds[0])
      close(pipeEnds[1])
    }
    let progress = ProgressLine(label: "Checking", total: 10, language: .en, output: pipeEnds[1])
    #expect(!progress.isShown)
    for done in 0...10 { progress.update(done) }
    progress.finish()
    var waiting = pollfd(fd: pipeEnds[0], events: Int16(POLLIN), revents: 0)
    #expect(poll(&waiting, 1, 0) == 0, "the pipe is empty")
  }
}
