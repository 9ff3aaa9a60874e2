import Foundation
import Testing

/// A secretary proposes a topic in Chinese in a real terminal and takes it to 定; after a restart
/// it is in the annual plan.
@Suite(
  "Supervision in a real terminal (tmux)", .serialized,
  .enabled(if: Tmux.shouldRun, "tmux is not installed: skipped (with CI set these tests fail instead)"))
struct SupervisionInTmux {
  @Test func aTopicProposedInChineseAndDecidedIsDecidedAfterARestart() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supervision-tmux-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = Tmux.commandLine(
      running: try Products.executable("shangliang"), ["--store", folder.path, "--lang", "zh"])
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    try tmux.enter(command)
    // An empty store offers the demo: take it, for its members and committees.
    try tmux.waitForText("演示数据")
    try tmux.type("y")
    try tmux.waitForScreen("the demo is loaded") { $0.first?.contains("1 总览") == true }
    try tmux.type("3")
    try tmux.waitForText("长江生态环境保护民主监督")

    // 提
    try tmux.type("n")
    try tmux.waitForText("提出监督议题（提）")
    try tmux.type("解放碑夜间噪音治理民主监督")
    try tmux.press("Tab", "Tab")
    try tmux.type("何晓敏")
    try tmux.waitForText("何晓敏")
    try tmux.press("Enter", "Tab")
    try tmux.type("经济")
    try tmux.waitForText("经济委员会")
    try tmux.press("Enter", "C-s")
    try tmux.waitForText("提出监督议题“解放碑夜间噪音治理民主监督”")
    // 议: the summary is the sixth field.
    try tmux.type("a")
    try tmux.waitForText("专委会议定（议）")
    try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab")
    try tmux.type("同意提交主席会议审议")
    try tmux.press("C-s")
    try tmux.waitForText("专委会议定监督议题")
    // 审, passed.
    try tmux.type("a")
    try tmux.waitForText("主席会议审议（审）")
    try tmux.press("C-s")
    try tmux.waitForText("主席会议审议监督议题")
    // 定, into this year's plan.
    try tmux.type("a")
    try tmux.waitForText("常委会确定（定）")
    try tmux.press("C-s")
    try tmux.waitForText("年度计划")
    try tmux.type("q")
    let closed = try tmux.waitForLine(Tmux.ttyRestoredLine)
    #expect(closed.contains("status=0"))

    // Again on the same store: the topic is there, decided, with its dated stages.
    try tmux.enter(command)
    try tmux.waitForScreen("the app is back") { $0.first?.contains("1 总览") == true }
    try tmux.type("3")
    try tmux.waitForText("解放碑夜间噪音治理民主监督")
    try tmux.type("/")
    try tmux.type("解放碑夜间")
    try tmux.press("Enter")
    let row = try tmux.waitForText("已列入计划")
    #expect(row.contains { $0.contains("解放碑夜间噪音治理民主监督") && $0.contains("已列入计划") })
    // The timeline shows beside the list at 120 columns too, so wait for it to take the screen:
    // its title on the first row, where the list has its summary.
    try tmux.press("Enter")
    let detail = try tmux.waitForScreen("the topic's timeline") {
      $0.count > 1 && $0[1].contains("解放碑夜间噪音治理民主监督") && !$0[1].contains("共")
    }
    #expect(detail.contains { $0.contains("常委会确定") })
    #expect(detail.contains { $0.contains("专委会议定") })
    #expect(detail.contains { $0.contains("同意提交主席会议审议") })
    // Esc and q apart: sent together, a terminal reads them as Alt-q.
    try tmux.press("Escape")
    try tmux.waitForScreen("the list again") { $0.count > 1 && $0[1].contains("监督  共") }
    try tmux.type("q")
    try tmux.waitForLine(Tmux.ttyRestoredLine)
  }
}
