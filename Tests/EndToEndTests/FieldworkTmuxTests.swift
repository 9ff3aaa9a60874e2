import Foundation
import Testing

/// A patrol recorded in Chinese in a real terminal, a problem raised from it; after a restart the
/// problem is on the board with its source.
@Suite(
  "Patrols in a real terminal (tmux)", .serialized)
struct FieldworkInTmux {
  @Test func aPatrolWithClassIVAndItsProblemAreThereAfterARestart() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-tmux-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = Tmux.commandLine(
      running: try Products.executable("shangliang"), ["--store", folder.path, "--lang", "zh"])

    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    try tmux.enter(command)
    try tmux.waitForText("演示数据")
    try tmux.type("y")
    try tmux.waitForText("已载入")
    try tmux.type("4")
    try tmux.waitForText("五步：看现场")
    try tmux.type("n")
    try tmux.waitForText("记录巡河")
    // River: the first (长江); segment 夔门段; today's date kept; member 张建中; water class IV.
    try tmux.press("Right", "Tab")
    try tmux.type("夔门段")
    try tmux.press("Tab", "Tab")
    try tmux.type("张建中")
    try tmux.waitForText("> 张建中")
    try tmux.press("Enter", "Tab", "Tab", "Right", "Right", "Right", "Right", "Right")
    try tmux.waitForText("< Ⅳ类 >")
    try tmux.press("C-s")
    var screen = try tmux.waitForText("已保存：新增巡河“夔门段")
    #expect(screen.contains { $0.contains("夔门段") && $0.contains("Ⅳ类") && $0.contains("张建中") })
    // The first step, then a problem found on it.
    try tmux.type("a")
    try tmux.waitForText("看现场")
    try tmux.type("排污口有污水直排")
    try tmux.press("C-s")
    try tmux.waitForText("记录：看现场")
    try tmux.type("P")
    try tmux.waitForText("提出问题 · 来源")
    try tmux.type("夔门段排污口污水直排")
    try tmux.press("C-s")
    try tmux.waitForText("已保存：提出问题“夔门段排污口污水直排”")
    try tmux.type("q")
    screen = try tmux.waitForLine(Tmux.ttyRestoredLine)
    #expect(screen.contains("status=0"))

    // Again: the problem is in the list, its source in the detail beside it.
    try tmux.enter(command)
    try tmux.waitForScreen("the app is back") { $0.first?.contains("1 总览") == true }
    try tmux.type("5")
    try tmux.waitForText("问题")
    try tmux.type("/")
    try tmux.type("夔门段排污口")
    screen = try tmux.waitForText("夔门段排污口污水直排")
    #expect(
      screen.contains { $0.contains("夔门段排污口污水直排") && $0.contains("│") }
        && screen.contains { $0.contains("来源") && $0.contains("巡河·夔门段") },
      "the list shows the problem and the detail its source: \(screen.joined(separator: "\n"))")
    // Open it and jump to the patrol.
    try tmux.press("Enter")
    try tmux.press("Enter")
    screen = try tmux.waitForText("闭环经过")
    #expect(screen.contains { $0.contains("提出人") && $0.contains("张建中") }, "the member who raised it")
    try tmux.type("o")
    screen = try tmux.waitForText("长江巡河")
    #expect(screen.contains { $0.contains("Ⅳ类") })
    try tmux.type("q")
    try tmux.waitForLine(Tmux.ttyRestoredLine)
  }
}
