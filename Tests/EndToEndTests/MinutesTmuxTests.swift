import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The secretary's minutes survive a killed process and a closed terminal.
@Suite(
  "Minutes survive a killed program and a closed terminal (tmux)", .serialized)
struct MinutesTmuxTests {
  /// Starts the app in a fresh terminal on `store`; `exec`, so the pane's process is the app.
  func start(store: URL) throws -> Tmux {
    let tmux = try Tmux(width: 120, height: 40)
    let app = try Products.executable("shangliang").path
    try tmux.enter("exec \(Tmux.quote(app)) --store \(Tmux.quote(store.path)) --lang zh")
    return tmux
  }

  /// The pane's process: the app itself, after `exec`.
  func appPID(_ tmux: Tmux) throws -> Int32 {
    try #require(Int32(try tmux.paneValue("#{pane_pid}")))
  }

  let lines = [
    "时间：今天下午，地点：社区会议室。",
    "何晓敏委员：加装电梯资金分摊难，建议设立专项补贴。",
    "李明委员：施工期间居民出行不便，建议错峰施工。",
  ]
  let late = "周建国委员：最后补充一句。"

  /// Opens the demo, a finished consultation's minutes, types three lines, waits past the
  /// autosave, types one more, and hands the tmux session back to be killed some way.
  func typeMinutes(store: URL) throws -> Tmux {
    let tmux = try start(store: store)
    try tmux.waitForText("演示数据")
    try tmux.type("y")
    try tmux.waitForText("已载入")
    try tmux.type("2")
    try tmux.waitForText("协商题目")
    // Only finished consultations: each has a meeting and minutes. `t` cycles where a session
    // stands: the twelve steps of both kinds, then finished.
    try tmux.type(String(repeating: "t", count: 13))
    try tmux.waitForText("进展：已完成")
    try tmux.press("Enter", "m")
    try tmux.waitForText("会议纪要：")
    for line in lines {
      try tmux.type(line)
      try tmux.press("Enter")
    }
    try tmux.waitForText(lines[2])
    Thread.sleep(forTimeInterval: 2.5)
    try tmux.type(late)
    try tmux.waitForText(late)
    return tmux
  }

  /// Starts again on the same store: the draft is offered; taking it opens it in the editor.
  func draftIsOffered(store: URL) throws {
    let tmux = try start(store: store)
    defer { tmux.stop() }
    let offer = try tmux.waitForText("草稿").joined(separator: "\n")
    #expect(offer.contains(String(lines[0].prefix(5))), "the offer shows the draft's first line: \(offer)")
    try tmux.type("y")
    let editor = try tmux.waitForText("会议纪要：").joined(separator: "\n")
    for line in lines { #expect(editor.contains(line), "typed more than 2 s before the end: \(line)") }
  }

  @Test func minutesSurviveSIGKILL() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minutes-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: store) }
    let tmux = try typeMinutes(store: store)
    defer { tmux.stop() }
    let pid = try appPID(tmux)
    #expect(kill(pid, SIGKILL) == 0)
    Thread.sleep(forTimeInterval: 0.5)
    tmux.stop()
    try draftIsOffered(store: store)
  }

  @Test func minutesSurviveAClosedTerminal() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minutes-hup-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: store) }
    let tmux = try typeMinutes(store: store)
    defer { tmux.stop() }
    let pid = try appPID(tmux)
    // Closing the terminal: the pane goes away and the program gets SIGHUP.
    tmux.stop()
    let deadline = Date().addingTimeInterval(10)
    while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    #expect(kill(pid, 0) != 0, "the program ended after its terminal closed")
    try draftIsOffered(store: store)
  }
}
