import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tmux command that failed.
struct TmuxFailure: Error, CustomStringConvertible {
  var arguments: [String]
  var status: Int32
  var description: String { "tmux \(arguments.joined(separator: " ")) failed with status \(status)" }
}

/// A tmux server of its own (its own socket) running the real `shangliang` binary, for tests
/// that look at the program as a user does.
final class RegistersTmux {
  let socket: String
  let width: Int
  let height: Int

  init(width: Int, height: Int) {
    socket =
      "shangliang-registers-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    self.width = width
    self.height = height
  }

  deinit { stop() }

  /// Ends the server and, should the program outlive it, the program too (it is ours).
  func stop() {
    let pids = ((try? run(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? "").split(separator: "\n")
      .compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
    _ = try? run(["kill-server"])
    for pid in pids where kill(pid, 0) == 0 { kill(pid, SIGKILL) }
  }

  /// Whether tmux can be started here.
  static var isAvailable: Bool { spawn(["tmux", "-V"]).status == 0 }

  /// Runs a program (found on PATH) to its end with stdin and stderr on /dev/null and stdout in a
  /// temp file, and returns its status and output. posix_spawn and waitpid rather than Process:
  /// the tmux server a client starts keeps the client's descriptors, and Foundation's Process
  /// then waited for it forever.
  static func spawn(_ arguments: [String]) -> (status: Int32, output: String) {
    let outputPath = FileManager.default.temporaryDirectory
      .appendingPathComponent("registers-tmux-out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &cArguments, environ)
    guard spawned == 0 else { return (-1, "") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    let exited = (status & 0x7f) == 0
    return (exited ? (status >> 8) & 0xff : -1, output)
  }

  /// Runs one tmux command on this server; returns its output.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    let result = Self.spawn(["tmux", "-L", socket] + arguments)
    if result.status != 0 && arguments.first != "has-session" && arguments.first != "kill-server" {
      throw TmuxFailure(arguments: arguments, status: result.status)
    }
    return result.output
  }

  /// Starts `command` in a detached session of the given size.
  func start(_ command: String) throws {
    try run(["new-session", "-d", "-x", String(width), "-y", String(height), command])
  }

  func keys(_ keys: String...) throws { try run(["send-keys"] + keys) }

  /// Types text literally (Chinese included).
  func type(_ text: String) throws { try run(["send-keys", "-l", text]) }

  var screen: String { (try? run(["capture-pane", "-p"])) ?? "" }

  /// Whether the session is still there (it ends when the program exits).
  var isRunning: Bool { Self.spawn(["tmux", "-L", socket, "has-session"]).status == 0 }

  /// Waits until the screen shows `text`; false after `seconds`.
  func waitFor(_ text: String, seconds: Double = 15) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if screen.contains(text) { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }

  func waitForExit(seconds: Double = 15) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if !isRunning { return true }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return false
  }
}

/// The built `shangliang` next to the test bundle (the same build), else under `.build/debug`.
extension RegistersTmux {
  static func binary() -> URL? {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("shangliang")
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let debug = repository.appendingPathComponent(".build/debug/shangliang")
    return [besideTests, debug].first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}

@Suite(.serialized) struct RegistersInTmux {
  static let sizes = [(120, 40), (80, 24)]

  @Test(arguments: sizes)
  func aMemberAddedThroughTheFormIsThereAfterARestart(width: Int, height: Int) throws {
    guard RegistersTmux.isAvailable else {
      if ProcessInfo.processInfo.environment["CI"] != nil {
        Issue.record("tmux is not installed; the end-to-end tests need it on CI")
      }
      return
    }
    let binary = try #require(RegistersTmux.binary(), "build shangliang first (swift build)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("registers-tmux-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let command = "LANG=C.UTF-8 '\(binary.path)' --store '\(folder.path)' --lang zh"

    let tmux = RegistersTmux(width: width, height: height)
    defer { tmux.stop() }
    try tmux.start(command)
    // An empty store offers the demo; decline it, go to the registers.
    #expect(tmux.waitFor("演示数据"), "\(tmux.screen)")
    try tmux.keys("n")
    try tmux.keys("6")
    #expect(tmux.waitFor("▸委员") || tmux.waitFor("委员 0"), "\(tmux.screen)")
    try tmux.keys("n")
    #expect(tmux.waitFor("新增委员"), "\(tmux.screen)")
    try tmux.type("张三丰")
    try tmux.keys("Tab", "Tab", "Tab", "Tab")
    try tmux.type("13800138000")
    try tmux.keys("C-s")
    #expect(tmux.waitFor("已保存：新增委员“张三丰”"), "\(tmux.screen)")
    #expect(!tmux.screen.contains("┌─ 新增委员"), "the form closed")
    #expect(tmux.screen.contains("张三丰"), "the new member is listed")
    try tmux.keys("q")
    #expect(tmux.waitForExit(), "q should end the program")

    // Start again on the same store: the member is there, phone and all.
    try tmux.start(command)
    #expect(tmux.waitFor("总览"), "\(tmux.screen)")
    try tmux.keys("6")
    #expect(tmux.waitFor("张三丰"), "\(tmux.screen)")
    try tmux.keys("Enter")
    #expect(tmux.waitFor("13800138000"), "\(tmux.screen)")
    // Esc and q apart: sent together, a terminal reads them as Alt-q.
    try tmux.keys("Escape")
    #expect(tmux.waitFor("1 / 1"), "\(tmux.screen)")
    try tmux.keys("q")
    #expect(tmux.waitForExit())
  }
}
