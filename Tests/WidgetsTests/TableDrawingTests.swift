import TerminalCore
import Testing

@testable import Widgets

@Suite("Table drawing")
struct TableDrawingTests {
  @Test("the list at 80 columns: header, marker for the overdue row, CJK cut with …, count in the footer")
  func goldenAt80() {
    var state = TableState()
    state.viewportHeight = 5
    var canvas = Canvas(width: 80, height: 7)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    expectLines(
      canvas,
      [
        "  编号│主题                                        │承办单位             │状态  ",
        "     1│石坪桥街道小花市集改造协商                  │区商务委             │办理中",
        "!    2│Old lift retrofit 老旧小区加装电梯          │区住建委             │已逾期",
        "     3│背街小巷整治                                │Urban Mgmt           │已办结",
        "    10│河道垃圾清理（九龙镇段）                    │区水利局             │待交办",
        "                                                                                ",
        "                                                                          4 / 4 ",
      ])
    // Selection by reverse video, so it shows without colour; the overdue row by role and marker.
    #expect(canvas[10, 1].style == Style(.selected, reverse: true))
    #expect(canvas[10, 2].style == Style(.overdue))
    #expect(canvas[0, 2].character == "!")
    #expect(canvas[0, 0].style == Style(.header, bold: true))
  }

  @Test("at 120 columns the flexible columns take the room; at 40 the text is cut with …")
  func goldenAt120And40() {
    var state = TableState()
    state.viewportHeight = 4
    _ = press([.character("j")], sampleTable, &state, sampleRows)
    var canvas = Canvas(width: 120, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    expectLines(
      canvas,
      [
        "  编号│主题                                                                  │承办单位                           │状态  ",
        "     1│石坪桥街道小花市集改造协商                                            │区商务委                           │办理中",
        "!    2│Old lift retrofit 老旧小区加装电梯                                    │区住建委                           │已逾期",
        "     3│背街小巷整治                                                          │Urban Mgmt                         │已办结",
        "    10│河道垃圾清理（九龙镇段）                                              │区水利局                           │待交办",
        padded("", 114) + "4 / 4 ",
      ])
    #expect(canvas[10, 2].style == Style(.selected, bold: true, reverse: true), "selected and overdue")

    canvas = Canvas(width: 40, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    expectLines(
      canvas,
      [
        "  编号│主题             │承办单位│状态  ",
        "     1│石坪桥街道小花市…│区商务委│办理中",
        "!    2│Old lift retrofi…│区住建委│已逾期",
        "     3│背街小巷整治     │Urban M…│已办结",
        "    10│河道垃圾清理（九…│区水利局│待交办",
        "                                  4 / 4 ",
      ])
  }

  @Test("every line is exactly as wide as the rect and separators line up on every row")
  func columnsLineUp() {
    let rows = (0..<30).map { i -> [String] in
      let subjects = ["a", "石坪桥街道小花市集改造协商 第\(i)号", "Mixed 中英 text 混排", "😀表情🎉", "x中", "全角：，。"]
      return ["\(i * 37)", subjects[i % subjects.count], ["区水利局", "Water", "区城管局执法支队"][i % 3], "办"]
    }
    let source = ArrayTableSource(rows: rows, marks: [3: RowMark(marker: "⚠", role: .warning)])
    for width in [80, 120, 41, 57] {
      var canvas = Canvas(width: width, height: 20)
      var state = TableState()
      state.viewportHeight = Table.bodyHeight(for: canvas.bounds)
      _ = press([.character("j"), .character("j"), .character("j")], sampleTable, &state, source)
      sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: source)
      let header = displayColumns(of: "│", in: canvas.line(0))
      #expect(header.count == 3)
      for y in 0..<canvas.height {
        #expect(canvas.line(y).displayWidth == width, "line \(y) at \(width)")
        if y > 0 && y < canvas.height - 1 {
          #expect(displayColumns(of: "│", in: canvas.line(y)) == header, "row \(y) at \(width)")
        }
      }
    }
  }

  @Test("a million rows drawn in a 20-row body ask the source for those 20 rows only")
  func drawsOnlyVisibleRows() {
    let source = CountingSource(rowCount: 1_000_000)
    var state = TableState()
    let rect = Rect(x: 0, y: 0, width: 80, height: 22)
    state.viewportHeight = Table.bodyHeight(for: rect)
    #expect(state.viewportHeight == 20)
    var canvas = Canvas(width: 80, height: 22)
    twoColumns.draw(into: &canvas, rect: rect, state: state, source: source)
    #expect(source.rowsAsked == Set(0..<20))
    #expect(source.textCalls == 40)

    // Moving does not read rows at all; only the next draw does, and only the rows in view.
    source.resetCounts()
    _ = press(Array(repeating: .pageDown, count: 1000) + [.end, .up], twoColumns, &state, source)
    #expect(source.textCalls == 0)
    #expect(state.selection == 999_998)
    twoColumns.draw(into: &canvas, rect: rect, state: state, source: source)
    #expect(source.rowsAsked == Set(999_980..<1_000_000))
    #expect(canvas.line(21).hasSuffix(" 1000000 / 1000000 "))
  }

  @Test("with no rows the body shows the caller's empty text")
  func emptyText() {
    var canvas = Canvas(width: 30, height: 4)
    sampleTable.draw(
      into: &canvas, rect: canvas.bounds, state: TableState(), source: ArrayTableSource(rows: []))
    #expect(canvas.line(1) == padded(" 没有记录", 30))
    #expect(canvas.line(3) == padded("", 23) + " 0 / 0 ")
  }
}
