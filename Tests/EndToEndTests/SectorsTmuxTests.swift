import Foundation
import Testing

/// A secretary records this quarter's collective study of 医药卫生界别 in a real terminal and
/// sees the duty compliance board change; undo takes it back.
@Suite("Sector homes in a real terminal (tmux)", .serialized)
struct SectorsInTmux {
  @Test func recordingAQuartersStudyTurnsTheBoardsMarkForTheHome() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sectors-tmux-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = Tmux.commandLine(
      running: try Products.executable("shangliang"), ["--store", folder.path, "--lang", "zh"])

    let tmux = try Tmux(width: 80, height: 24)
    defer { tmux.stop() }
    try tmux.enter(command)
    // An empty store offers the demo: take it, then go to the sector homes and find the home.
    try tmux.waitForText("演示数据")
    try tmux.type("y")
    try tmux.waitForText("已载入演示数据", timeout: .seconds(60))
    try tmux.type("7")
    try tmux.waitForText("委员之家  ")
    try tmux.type("/")
    try tmux.type("医药卫生")
    try tmux.press("Enter")
    var screen = try tmux.waitForScreen("the home's row with its study still to do") {
      $0.contains { $0.contains("医药卫生界别") && $0.contains("· 待办") }
    }
    let before = try #require(screen.first { $0.contains("家全部履职") })

    try tmux.type("a")
    try tmux.waitForText("记录界别活动：医药卫生界别")
    try tmux.press("Tab", "Tab")
    try tmux.type("本季度集体学习")
    try tmux.press("C-s")
    screen = try tmux.waitForText("已保存。u 可撤销。")
    let row = try #require(screen.first { $0.contains("医药卫生界别") })
    #expect(row.contains("✓"), "the study is marked done: \(row)")
    #expect(!row.contains("· 待办 "), "no duty of the quarter is left to do for the home")
    let after = try #require(screen.first { $0.contains("家全部履职") })
    #expect(after != before, "the heads' roll-up counts the home: \(before) → \(after)")

    // Undo puts the board back as it was.
    try tmux.type("u")
    try tmux.waitForScreen("the study undone") {
      $0.contains { $0.contains("医药卫生界别") && $0.contains("· 待办") }
    }
    try tmux.type("q")
    try tmux.waitForLine(Tmux.ttyRestoredLine)
  }
}
