import TerminalCore
import Testing

@testable import Widgets

@Suite("Tab bar, status bar, message line and boxes")
struct ShellWidgetsTests {
  static let chineseTabs = ["1 总览", "2 协商", "3 监督", "4 巡河", "5 问题", "6 名册"]
  static let englishTabs = [
    "1 Overview", "2 Consultations", "3 Supervision", "4 Patrols", "5 Problems", "6 Registers",
  ]

  @Test("six Chinese tabs fit at 80 and 120 columns, the active one reversed")
  func chineseTabsFit() {
    for width in [80, 120] {
      var canvas = Canvas(width: width, height: 1)
      TabBar(titles: Self.chineseTabs, active: 1).draw(into: &canvas, rect: canvas.bounds)
      expectLines(canvas, [padded(" 1 总览   2 协商   3 监督   4 巡河   5 问题   6 名册", width)])
      #expect(canvas[10, 0].style == Style(.tabActive, bold: true, reverse: true))
      #expect(canvas[1, 0].style.role == .tabInactive)
    }
  }

  @Test(
    "titles drop their padding before they are cut; then all but the active one are cut with … so the bar stays within 80 columns"
  )
  func longTitlesAreCutAt80() {
    var canvas = Canvas(width: 80, height: 1)
    TabBar(titles: Self.englishTabs, active: 0).draw(into: &canvas, rect: canvas.bounds)
    // Whole titles without their padding fit, so none is cut (ten sections at 80 columns need this).
    let compact = "1 Overview 2 Consultations 3 Supervision 4 Patrols 5 Problems 6 Registers"
    expectLines(canvas, [compact + String(repeating: " ", count: 80 - compact.count)])

    canvas = Canvas(width: 80, height: 1)
    let long = Self.chineseTabs.map { $0 + String($0.dropFirst(2)) + String($0.dropFirst(2)) }
    TabBar(titles: long, active: 5).draw(into: &canvas, rect: canvas.bounds)
    // The active tab keeps its whole title; the others are cut.
    expectLines(canvas, ["1 总览总览总… 2 协商协商…  3 监督监督…  4 巡河巡河…  5 问题问题…  6 名册名册名册"])

    canvas = Canvas(width: 120, height: 1)
    TabBar(titles: long, active: 5).draw(into: &canvas, rect: canvas.bounds)
    expectLines(
      canvas, [padded(" 1 总览总览总览   2 协商协商协商   3 监督监督监督   4 巡河巡河巡河   5 问题问题问题   6 名册名册名册", 120)])
  }

  static let hints = [
    KeyHint(key: "?", label: "帮助"), KeyHint(key: "/", label: "筛选"), KeyHint(key: "s", label: "排序"),
    KeyHint(key: "Enter", label: "打开"), KeyHint(key: "Tab", label: "下一栏"), KeyHint(key: "q", label: "退出"),
  ]

  @Test("the status bar shows where the user is on the left and key hints on the right")
  func statusBarAt80And120() {
    let bar = StatusBar(left: ["协商", "张秘书", "已保存"], hints: Self.hints)
    var canvas = Canvas(width: 80, height: 1)
    bar.draw(into: &canvas, rect: canvas.bounds)
    expectLines(canvas, [" 协商 │ 张秘书 │ 已保存  ? 帮助  / 筛选  s 排序  Enter 打开  Tab 下一栏  q 退出 "])
    canvas = Canvas(width: 120, height: 1)
    bar.draw(into: &canvas, rect: canvas.bounds)
    let right = "? 帮助  / 筛选  s 排序  Enter 打开  Tab 下一栏  q 退出 "
    expectLines(canvas, [padded(" 协商 │ 张秘书 │ 已保存", 120 - right.displayWidth) + right])
    // Keys and labels are told apart by role, so they read without colour too.
    let keyColumn = displayColumns(of: "E", in: canvas.line(0))[0]
    #expect(canvas[keyColumn, 0].style == Style(.key, bold: true))
    #expect(canvas[keyColumn + 6, 0].style.role == .hint)
  }

  @Test("hints that do not fit are dropped whole, never cut or overflowing")
  func statusBarDropsHints() {
    let bar = StatusBar(left: ["监督", "石坪桥街道工作委员会办公室", "未保存"], hints: Self.hints)
    var canvas = Canvas(width: 80, height: 1)
    bar.draw(into: &canvas, rect: canvas.bounds)
    #expect(bar.visibleHints(in: 80).map(\.key) == ["?", "/", "s", "Enter"])
    expectLines(canvas, [" 监督 │ 石坪桥街道工作委员会办公室 │ 未保存  ? 帮助  / 筛选  s 排序  Enter 打开 "])
    #expect(canvas.line(0).displayWidth == 80)
    #expect(bar.visibleHints(in: 30).isEmpty)
  }

  @Test("a left piece can carry its own style, and a left part too wide is cut with …")
  func statusItems() {
    let bar = StatusBar(
      items: [StatusItem("巡河"), StatusItem("李办事员"), StatusItem("未保存", style: Style(.warning, bold: true))],
      hints: [KeyHint(key: "q", label: "退出")])
    var canvas = Canvas(width: 80, height: 1)
    bar.draw(into: &canvas, rect: canvas.bounds)
    expectLines(canvas, [padded(" 巡河 │ 李办事员 │ 未保存", 73) + "q 退出 "])
    let unsaved = displayColumns(of: "未", in: canvas.line(0))[0]
    #expect(canvas[unsaved, 0].style == Style(.warning, bold: true))
    #expect(canvas[1, 0].style == Style(.statusBar))

    canvas = Canvas(width: 16, height: 1)
    bar.draw(into: &canvas, rect: canvas.bounds)
    expectLines(canvas, [" 巡河 │ 李办事… "])
  }

  @Test("a message line shows one line in its kind's style, cut to the width")
  func messageLine() {
    var canvas = Canvas(width: 80, height: 1)
    MessageLine("已保存到 石坪桥街道小花市集改造协商", kind: .ok).draw(into: &canvas, rect: canvas.bounds)
    expectLines(canvas, [padded(" 已保存到 石坪桥街道小花市集改造协商", 80)])
    #expect(canvas[1, 0].style == Style(.ok))

    canvas = Canvas(width: 20, height: 1)
    MessageLine("无法写入数据目录：权限不足\n第二行", kind: .error).draw(into: &canvas, rect: canvas.bounds)
    expectLines(canvas, [" 无法写入数据目录：…"])
    #expect(canvas[1, 0].style == Style(.error, bold: true))
    #expect(MessageKind.warning.style == Style(.warning, bold: true))
  }

  @Test("a box has line corners and its title in the top border")
  func box() {
    var canvas = Canvas(width: 20, height: 4)
    Box.draw(into: &canvas, rect: canvas.bounds, title: "巡河记录")
    expectLines(
      canvas,
      [
        "┌─ 巡河记录 ───────┐",
        "│                  │",
        "│                  │",
        "└──────────────────┘",
      ])
    #expect(canvas[0, 0].style == Style(.border))
    #expect(canvas[3, 0].style == Style(.title, bold: true))
    // The line characters must be one column each, as ncursesw counts them under C.UTF-8.
    for ch in [Box.horizontal, Box.vertical, Box.topLeft, Box.bottomRight, Table.ascendingIndicator, "…"] {
      #expect(DisplayWidth.of(ch) == 1)
    }
  }

  @Test("fixed columns keep their width and flexible ones share the rest exactly")
  func columnWidths() {
    #expect(
      Columns.widths([.fixed(4), .flex(2, min: 10), .flex(1, min: 8), .fixed(6)], total: 80, gap: 1) == [
        4, 45, 22, 6,
      ])
    #expect(Columns.widths([.fixed(4), .flex(min: 5), .fixed(6)], total: 20, gap: 1) == [4, 8, 6])
    // Too narrow for the minimums: the rightmost columns give way.
    #expect(Columns.widths([.fixed(10), .flex(min: 10), .fixed(10)], total: 25, gap: 1) == [10, 10, 3])
    #expect(Columns.widths([.fixed(3), .fixed(3)], total: 20) == [3, 3])
  }
}
