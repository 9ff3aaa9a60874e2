import TerminalCore
import Testing

@testable import Widgets

@Suite("Help overlay, confirm dialog and detail pane")
struct OverlayTests {
  static let help = HelpOverlay(
    title: "帮助",
    rows: [
      .heading("全局"), HelpRow(key: "?", description: "显示帮助"), HelpRow(key: "Tab", description: "下一栏"),
      HelpRow(key: "Shift-Tab", description: "上一栏"), .heading("列表"),
      HelpRow(key: "/", description: "筛选（可输入中文）"), HelpRow(key: "s", description: "按下一列排序"),
      HelpRow(key: "q", description: "退出"),
    ])

  @Test(
    "help is a centred box over the screen, keys and descriptions in aligned columns",
    arguments: [80, 120])
  func helpCentred(width: Int) {
    var canvas = Canvas(width: width, height: 12)
    canvas.fill(canvas.bounds, with: "x")
    Self.help.draw(into: &canvas, area: canvas.bounds, state: HelpOverlayState())
    let x = String(repeating: "x", count: (width - 33) / 2)
    let y = String(repeating: "x", count: width - 33 - (width - 33) / 2)
    expectLines(
      canvas,
      [
        String(repeating: "x", count: width),
        x + "┌─ 帮助 ────────────────────────┐" + y,
        x + "│ 全局                          │" + y,
        x + "│ ?          显示帮助           │" + y,
        x + "│ Tab        下一栏             │" + y,
        x + "│ Shift-Tab  上一栏             │" + y,
        x + "│ 列表                          │" + y,
        x + "│ /          筛选（可输入中文） │" + y,
        x + "│ s          按下一列排序       │" + y,
        x + "│ q          退出               │" + y,
        x + "└───────────────────────────────┘" + y,
        String(repeating: "x", count: width),
      ])
  }

  @Test("help taller than the screen scrolls and says where it is")
  func helpScrolls() {
    let area = Rect(x: 0, y: 0, width: 60, height: 6)
    var state = HelpOverlayState()
    #expect(Self.help.handle(.character("j"), state: &state, in: area) == .handled)
    #expect(Self.help.handle(.pageDown, state: &state, in: area) == .handled)
    #expect(state.scroll == 4)
    #expect(Self.help.handle(.pageDown, state: &state, in: area) == .handled)
    #expect(state.scroll == 4, "stops at the last page")
    #expect(Self.help.handle(.up, state: &state, in: area) == .handled)
    var canvas = Canvas(width: 60, height: 6)
    Self.help.draw(into: &canvas, area: area, state: state)
    expectLines(
      canvas,
      [
        "             ┌─ 帮助 ────────────────────────┐              ",
        "             │ Shift-Tab  上一栏             │              ",
        "             │ 列表                          │              ",
        "             │ /          筛选（可输入中文） │              ",
        "             │ s          按下一列排序       │              ",
        "             └─────────────────────── 4-7/8 ─┘              ",
      ])
    #expect(Self.help.handle(.character("g"), state: &state, in: area) == .handled)
    #expect(state.scroll == 0)
    #expect(Self.help.handle(.character("x"), state: &state, in: area) == .ignored)
    #expect(Self.help.handle(.escape, state: &state, in: area) == .closed)
  }

  static let dialog = ConfirmDialog(
    title: "确认", question: "确定要删除这条巡河记录吗？删除后可以用撤销恢复。", yesLabel: "是(Y)", noLabel: "否(N)")

  @Test("a confirm dialog centres its question and brackets the focused answer", arguments: [80, 120])
  func confirmCentred(width: Int) {
    var canvas = Canvas(width: width, height: 10)
    Self.dialog.draw(into: &canvas, area: canvas.bounds, state: ConfirmState())
    let l = String(repeating: " ", count: (width - 52) / 2)
    expectLines(
      canvas,
      [
        padded("", width),
        padded("", width),
        l + "┌─ 确认 ───────────────────────────────────────────┐" + l,
        l + "│                                                  │" + l,
        l + "│ 确定要删除这条巡河记录吗？删除后可以用撤销恢复。 │" + l,
        l + "│                                                  │" + l,
        l + "│                 是(Y)    [否(N)]                 │" + l,
        l + "└──────────────────────────────────────────────────┘" + l,
        padded("", width),
        padded("", width),
      ])
    let focused = displayColumns(of: "[", in: canvas.line(6))[0]
    #expect(canvas[focused, 6].style == Style(.selected, bold: true, reverse: true))
  }

  @Test("on a narrow screen the question wraps, never starting a line with punctuation")
  func confirmWraps() {
    var canvas = Canvas(width: 40, height: 9)
    Self.dialog.draw(into: &canvas, area: canvas.bounds, state: ConfirmState(focus: .yes))
    expectLines(
      canvas,
      [
        "                                        ",
        "  ┌─ 确认 ───────────────────────────┐  ",
        "  │                                  │  ",
        "  │ 确定要删除这条巡河记录吗？删除后 │  ",
        "  │ 可以用撤销恢复。                 │  ",
        "  │                                  │  ",
        "  │        [是(Y)]    否(N)          │  ",
        "  └──────────────────────────────────┘  ",
        "                                        ",
      ])
  }

  @Test("y and n answer, arrows move the focus, Enter takes it, Esc cancels")
  func confirmKeys() {
    var state = ConfirmState()
    #expect(Self.dialog.handle(.enter, state: &state) == .cancelled, "the safe answer has the focus first")
    #expect(Self.dialog.handle(.left, state: &state) == .handled)
    #expect(state.focus == .yes)
    #expect(Self.dialog.handle(.enter, state: &state) == .confirmed)
    #expect(Self.dialog.handle(.right, state: &state) == .handled)
    #expect(state.focus == .no)
    #expect(Self.dialog.handle(.character("y"), state: &state) == .confirmed)
    #expect(Self.dialog.handle(.character("N"), state: &state) == .cancelled)
    #expect(Self.dialog.handle(.escape, state: &state) == .cancelled)
    #expect(Self.dialog.handle(.character("x"), state: &state) == .ignored)
  }

  @Test("a detail pane aligns labels by display width and wraps values beside them")
  func detailPane() {
    let pane = DetailPane(rows: [
      DetailRow(label: "主题", value: "石坪桥街道小花市集改造协商，涉及摊位布局与噪声管理"),
      DetailRow(label: "承办单位", value: "区商务委"),
      DetailRow(label: "Deadline", value: "2026-12-31", style: Style(.overdue)),
    ])
    var canvas = Canvas(width: 40, height: 5)
    let total = pane.draw(into: &canvas, rect: canvas.bounds)
    #expect(total == 4)
    expectLines(
      canvas,
      [
        "主题      石坪桥街道小花市集改造协商，涉",
        "          及摊位布局与噪声管理          ",
        "承办单位  区商务委                      ",
        "Deadline  2026-12-31                    ",
        "                                        ",
      ])
    #expect(canvas[10, 3].style == Style(.overdue))

    canvas = Canvas(width: 80, height: 2)
    pane.draw(into: &canvas, rect: canvas.bounds, scroll: 1)
    expectLines(canvas, [padded("承办单位  区商务委", 80), padded("Deadline  2026-12-31", 80)])
  }

  @Test("an indented value keeps its indent on its wrapped lines")
  func indentedValueWrapsUnderItself() {
    let pane = DetailPane(rows: [DetailRow(label: "", value: "    参加：张建中、李明、王芳、赵磊")])
    let lines = pane.lines(width: 14).map(\.text)
    #expect(lines.count > 1)
    for line in lines { #expect(line.hasPrefix("    "), "\(line) lost its indent") }
    #expect(lines.map { $0.dropFirst(4) }.joined() == "参加：张建中、李明、王芳、赵磊")
  }
}
