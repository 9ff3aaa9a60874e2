import TerminalCore
import Testing

@testable import Widgets

@Suite("Charts drawn with block characters")
struct ChartTests {
  @Test("a sparkline scales to its largest value, shows zero as the lowest block and no data as a space")
  func sparkline() {
    #expect(Chart.sparkline([0, 1, 2, 4, 8, nil]) == "▁▂▃▅█ ")
    #expect(Chart.sparkline([3, 3, 3]) == "███")
    #expect(Chart.sparkline([]) == "")
    // A fixed maximum keeps two sparklines comparable.
    #expect(Chart.sparkline([1, 2], maximum: 8) == "▂▃")
  }

  @Test("a bar uses eighth blocks for the remainder and never exceeds its width")
  func bar() {
    #expect(Chart.bar(10, maximum: 10, width: 5) == "█████")
    #expect(Chart.bar(5, maximum: 10, width: 5) == "██▌")
    #expect(Chart.bar(1, maximum: 1000, width: 5) == "▏")
    #expect(Chart.bar(0, maximum: 10, width: 5) == "")
    for value in 0...100 {
      #expect(DisplayWidth.of(Chart.bar(value, maximum: 100, width: 7)) <= 7)
    }
  }

  @Test("bars line up after Chinese labels, numbers right-aligned, marked rows in the overdue role")
  func barsAlign() {
    var canvas = Canvas(width: 30, height: 3)
    Chart.drawBars(
      [("区水利局", 6, true), ("城市管理局", 12, false), ("Water", 3, false)], into: &canvas,
      rect: Rect(x: 0, y: 0, width: 30, height: 3))
    let lines = canvas.lines
    // The labels take 10 columns, so every bar starts in column 11 and every number ends in column 30.
    for line in lines {
      #expect(DisplayWidth.of(line) == 30)
    }
    #expect(lines[1].hasSuffix("12"))
    #expect(lines[0].hasSuffix(" 6"))
    #expect(canvas[11, 0].style.role == .overdue)
    #expect(canvas[11, 1].style.role == .accent)
  }
}
