import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A report's text typed in the full-screen editor survives a killed program, as minutes do.
@Suite("A report's text survives a killed program (tmux)", .serialized)
struct ReportTextTmuxTests {
  func start(store: URL) throws -> Tmux {
    let tmux = try Tmux(width: 120, height: 40)
    let app = try Products.executable("shangliang").path
    try tmux.enter("exec \(Tmux.quote(app)) --store \(Tmux.quote(store.path)) --lang zh")
    return tmux
  }

  @Test func aReportsTextSurvivesSIGKILLAndIsSavedAfterTheRestart() throws {
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "report-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: store) }
    let line = "居民反映：井盖松动，夜间易绊倒。"
    do {
      let tmux = try start(store: store)
      defer { tmux.stop() }
      try tmux.waitForText("演示数据")
      try tmux.type("y")
      try tmux.waitForText("已载入")
      try tmux.type("9")
      try tmux.waitForText("社情民意  共")
      try tmux.type("e")
      try tmux.waitForText("社情民意正文：")
      try tmux.type(line)
      try tmux.waitForText(line)
      // Past the autosave pause, then kill -9: nothing more runs.
      Thread.sleep(forTimeInterval: 2.5)
      let pid = try #require(Int32(try tmux.paneValue("#{pane_pid}")))
      #expect(kill(pid, SIGKILL) == 0)
      Thread.sleep(forTimeInterval: 0.5)
    }
    let tmux = try start(store: store)
    defer { tmux.stop() }
    try tmux.waitForText("草稿")
    try tmux.type("y")
    let editor = try tmux.waitForText("社情民意正文：").joined(separator: "\n")
    #expect(editor.contains(line), "the text typed before the kill is back")
    try tmux.press("C-s")
    try tmux.waitForText("正文已保存")
  }
}
