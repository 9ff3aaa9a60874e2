import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives the real binary in a tmux server of its own (its own socket, so it never touches the
/// user's sessions): start, send keys, read the screen, kill.
struct MinutesTmux {
  let socket: String
  let session = "minutes"

  init() {
    socket = "shangliang-minutes-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
  }

  static var isAvailable: Bool { (try? run(["-V"]).status) == 0 }

  @discardableResult
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    // posix_spawn and waitpid, with the output in a file: Foundation's Process waits for the
    // tmux server that new-session leaves behind, and a pipe would be held open by it.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    let line =
      (["tmux"] + arguments).map(quote).joined(separator: " ")
      + " >" + quote(file.path) + " 2>/dev/null </dev/null"
    let argv = ["/bin/sh", "-c", line]
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArgs { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ)
    guard spawned == 0 else { return (-1, "") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    let exited = (status & 0x7f) == 0
    return (exited ? (status >> 8) & 0xff : -1, output)
  }

  @discardableResult
  func tmux(_ arguments: String...) throws -> String {
    try Self.run(["-L", socket] + arguments).output
  }

  /// Starts `command` in a 120x40 window; `exec` so the pane's process is the program itself.
  func start(_ command: String) throws {
    try tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "exec " + command)
  }

  func screen() throws -> String { try tmux("capture-pane", "-p", "-t", session) }

  func keys(_ keys: String...) throws {
    for key in keys { try tmux("send-keys", "-t", session, key) }
  }

  /// Types text literally (Chinese included), as an input method would hand it over.
  func type(_ text: String) throws { try tmux("send-keys", "-t", session, "-l", text) }

  func panePID() throws -> Int32? {
    Int32(
      try tmux("display-message", "-p", "-t", session, "#{pane_pid}").trimmingCharacters(
        in: .whitespacesAndNewlines))
  }

  /// Waits until the screen shows `text`; returns the screen, or nil after `seconds`.
  func waitFor(_ text: String, seconds: Double = 15) throws -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let shown = try screen()
      if shown.contains(text) { return shown }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return nil
  }

  func killServer() { _ = try? tmux("kill-server") }
}

/// The secretary's minutes survive a killed process and a closed terminal.
@Suite(.serialized) struct MinutesTmuxTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static var binary: String {
    ProcessInfo.processInfo.environment["SHANGLIANG_BINARY"]
      ?? root.appendingPathComponent(".build/debug/shangliang").path
  }

  /// Whether the test can run here; on CI a missing tmux or binary is a failure, not a skip.
  func ready() -> Bool {
    let onCI = ProcessInfo.processInfo.environment["CI"] != nil
    guard MinutesTmux.isAvailable else {
      if onCI { Issue.record("tmux is missing on CI") }
      return false
    }
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      Issue.record("no shangliang binary at \(Self.binary): run `swift build` first")
      return false
    }
    return true
  }

  func command(store: URL) -> String {
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \(Self.binary) --store \(store.path) --lang zh"
  }

  let lines = [
    "时间：今天下午，地点：社区会议室。",
    "何晓敏委员：加装电梯资金分摊难，建议设立专项补贴。",
    "李明委员：施工期间居民出行不便，建议错峰施工。",
  ]
  let late = "周建国委员：最后补充一句。"

  /// Opens the demo, a finished consultation's minutes, types three lines, waits past the
  /// autosave, types one more, and hands the tmux session back to be killed some way.
  func typeMinutes(_ tmux: MinutesTmux, store: URL) throws {
    try tmux.start(command(store: store))
    #expect(try tmux.waitFor("演示数据") != nil, "the demo is offered on an empty store")
    try tmux.keys("y")
    #expect(try tmux.waitFor("已载入") != nil || tmux.waitFor("总览") != nil)
    try tmux.keys("2")
    #expect(try tmux.waitFor("协商题目") != nil)
    // Only finished consultations: each has a meeting and minutes.
    try tmux.keys("f", "Left", "C-s")
    #expect(try tmux.waitFor("筛选：步骤 已完成") != nil)
    try tmux.keys("Enter", "m")
    #expect(try tmux.waitFor("会议纪要：") != nil)
    for line in lines {
      try tmux.type(line)
      try tmux.keys("Enter")
    }
    #expect(try tmux.waitFor(lines[2]) != nil)
    Thread.sleep(forTimeInterval: 2.5)
    try tmux.type(late)
    #expect(try tmux.waitFor(late) != nil)
  }

  /// Starts again on the same store: the draft is offered; taking it opens it in the editor.
  func draftIsOffered(_ tmux: MinutesTmux, store: URL) throws {
    try tmux.start(command(store: store))
    let offer = try tmux.waitFor("草稿")
    #expect(
      offer?.contains(String(lines[0].prefix(5))) == true,
      "the offer shows the draft's first line: \(offer ?? "")")
    try tmux.keys("y")
    let editor = try #require(try tmux.waitFor("会议纪要："))
    for line in lines { #expect(editor.contains(line), "typed more than 2 s before the end: \(line)") }
  }

  @Test func minutesSurviveSIGKILL() throws {
    guard ready() else { return }
    let tmux = MinutesTmux()
    defer { tmux.killServer() }
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minutes-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: store) }
    try typeMinutes(tmux, store: store)
    let pid = try #require(try tmux.panePID())
    #expect(kill(pid, SIGKILL) == 0)
    Thread.sleep(forTimeInterval: 0.5)
    try tmux.tmux("kill-session", "-t", tmux.session)
    try draftIsOffered(tmux, store: store)
  }

  @Test func minutesSurviveAClosedTerminal() throws {
    guard ready() else { return }
    let tmux = MinutesTmux()
    defer { tmux.killServer() }
    let store = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minutes-hup-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: store) }
    try typeMinutes(tmux, store: store)
    let pid = try #require(try tmux.panePID())
    // Closing the terminal: the pane goes away and the program gets SIGHUP.
    try tmux.tmux("kill-session", "-t", tmux.session)
    let deadline = Date().addingTimeInterval(10)
    while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
    #expect(kill(pid, 0) != 0, "the program ended after its terminal closed")
    try draftIsOffered(tmux, store: store)
  }
}
