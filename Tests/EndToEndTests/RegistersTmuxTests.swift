import Foundation
import Testing

/// A clerk adds a member through the form in a real terminal; it is there after a restart.
@Suite(
  "Registers in a real terminal (tmux)", .serialized)
struct RegistersInTmux {
  static let sizes = [(120, 40), (80, 24)]

  @Test(arguments: sizes)
  func aMemberAddedThroughTheFormIsThereAfterARestart(width: Int, height: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registers-tmux-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = Tmux.commandLine(
      running: try Products.executable("shangliang"), ["--store", folder.path, "--lang", "zh"])

    let tmux = try Tmux(width: width, height: height)
    defer { tmux.stop() }
    try tmux.enter(command)
    // An empty store offers the demo; decline it, go to the registers.
    try tmux.waitForText("演示数据")
    try tmux.type("n")
    try tmux.type("6")
    try tmux.waitForScreen("the members register") {
      $0.joined().contains("委员 0") || $0.joined().contains("▸委员")
    }
    try tmux.type("n")
    try tmux.waitForText("新增委员")
    try tmux.type("张三丰")
    try tmux.press("Tab", "Tab", "Tab", "Tab")
    try tmux.type("13800138000")
    try tmux.press("C-s")
    var screen = try tmux.waitForText("已保存：新增委员“张三丰”")
    #expect(!screen.joined().contains("┌─ 新增委员"), "the form closed")
    #expect(screen.contains { $0.contains("张三丰") }, "the new member is listed")
    try tmux.type("q")
    screen = try tmux.waitForLine(Tmux.ttyRestoredLine)
    #expect(screen.contains("status=0"))

    // Start again on the same store: the member is there, phone and all.
    try tmux.enter(command)
    try tmux.waitForScreen("the app is back") { $0.first?.contains("1 总览") == true }
    try tmux.type("6")
    try tmux.waitForText("张三丰")
    try tmux.press("Enter")
    try tmux.waitForText("13800138000")
    // At 120 columns the phone shows beside the list before Enter too: wait for the detail to
    // have the focus (its hints name Esc), so the Esc below is read after the Enter.
    try tmux.waitForScreen("the detail's hints") { rows in
      let status = rows.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
      return status.contains("Esc")
    }
    // Esc and q apart: sent together, a terminal reads them as Alt-q.
    // The list's count shows beside a detail at 120 columns, so wait for the list's own hints: the app
    // has read the Esc on its own by then.
    try tmux.press("Escape")
    try tmux.waitForScreen("the list's hints after Esc") { rows in
      let status = rows.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
      return status.contains("切换名册") && !status.contains("Esc")
    }
    try tmux.type("q")
    try tmux.waitForLine(Tmux.ttyRestoredLine)
  }
}
