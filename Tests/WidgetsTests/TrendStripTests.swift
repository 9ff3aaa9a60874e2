import TerminalCore
import Testing

@testable import Widgets

@Suite struct TrendStripTests {
  let points = [
    TrendMonth(year: 2025, month: 11, level: 3, missed: true),
    TrendMonth(year: 2026, month: 1, level: 1, missed: false),
    TrendMonth(year: 2026, month: 2, level: 0, missed: false),
    TrendMonth(year: 2026, month: 4, level: 5, missed: true),
  ]

  @Test func eachMonthIsABarAMonthWithoutReadingsADotAndAMissedMonthIsMarkedWithoutColour() {
    let rows = TrendStrip.rows(points, width: 40)
    #expect(rows.bars == "▅·▂▁·█")
    #expect(rows.marks == "!    !")
    #expect(rows.years == "2025")
    #expect(displayColumns(of: "!", in: rows.marks) == [0, 5], "the marks sit under the missed months")
  }

  @Test func whenTheMonthsDoNotFitTheLatestAreShownWithTheirYear() {
    let rows = TrendStrip.rows(points, width: 4)
    #expect(rows.bars == "▂▁·█")
    #expect(rows.marks == "   !")
    #expect(rows.years == "2026")
    #expect(TrendStrip.rows([], width: 10).bars == "")
  }

  @Test func theStripIsDrawnOnThreeRowsWithMissedBarsInTheWarningStyle() {
    var canvas = Canvas(width: 8, height: 3)
    TrendStrip.draw(points, into: &canvas, x: 1, y: 0, width: 7)
    expectLines(canvas, [" ▅·▂▁·█ ", " !    ! ", " 2025   "])
    #expect(canvas[1, 0].style.role == .warning)
    #expect(canvas[3, 0].style.role == .normal)
  }

  @Test func aMeterFillsItsShareAndTicksATargetReachedWithCJKLabelsAligned() {
    #expect(Meter.bar(50, of: 100, columns: 10) == "█████░░░░░")
    #expect(Meter.bar(130, of: 100, columns: 4) == "████")
    #expect(Meter.bar(0, of: 0, columns: 3) == "░░░")
    let river = Meter.line(label: "巡百河", value: 84, target: 100, labelWidth: 8, width: 30)
    let enterprise = Meter.line(label: "访百企", value: 120, target: 100, labelWidth: 8, width: 30)
    #expect(river == "巡百河   ███████████░░░ 84/100", "84% of 14 columns is 11 blocks")
    #expect(enterprise.hasSuffix(" 120/100 ✓"))
    #expect(river.displayWidth == 30)
    #expect(enterprise.displayWidth == 30)
    #expect(displayColumns(of: "█", in: river).first == displayColumns(of: "█", in: enterprise).first)
    #expect(Meter.line(label: "入百户", value: 3, target: 100, labelWidth: 6, width: 12) == "入百户 3/100")
  }
}
