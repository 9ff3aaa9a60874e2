import Foundation
import Testing

/// The real `shangliang` in a real terminal: every section, help, a Chinese filter, resizing,
/// quitting, and closing the terminal.
@Suite(
  "The application in a real terminal (tmux)", .serialized)
struct AppShellTmuxTests {
  static let sections = ["总览", "协商", "监督", "巡河", "问题", "名册"]

  /// A fresh store folder for one test.
  static func storeFolder() -> String {
    let path = NSTemporaryDirectory() + "shangliang-e2e-\(UInt64.random(in: 0...UInt64.max))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func appCommand(store: String, extra: [String] = []) throws -> String {
    Tmux.commandLine(running: try Products.executable("shangliang"), ["--store", store] + extra)
  }

  @Test("A clerk visits every section, reads help, filters in Chinese, resizes and quits with q")
  func aClerksTour() throws {
    let store = Self.storeFolder()
    defer { try? FileManager.default.removeItem(atPath: store) }
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    try tmux.enter(try Self.appCommand(store: store, extra: ["--lang", "zh"]))
    // A new store offers the demonstration data; take it, so the lists have rows.
    try tmux.waitForText("演示数据")
    try tmux.type("y")
    var screen = try tmux.waitForText("已载入演示数据")
    #expect(screen.count == 40)

    for (index, title) in Self.sections.enumerated() {
      try tmux.type(String(index + 1))
      screen = try tmux.waitForScreen("section \(title) is active") { rows in
        rows.last?.hasPrefix(" \(title)") == true
      }
      #expect(screen[0].contains("\(index + 1) \(title)"))
    }

    try tmux.type("?")
    screen = try tmux.waitForText("按键帮助")
    #expect(screen.contains { $0.contains("退出") })
    try tmux.press("Escape")
    screen = try tmux.waitForScreen("help closed") { !$0.joined().contains("按键帮助") }

    // The members register: a filter typed in Chinese appears where the filter line is, and
    // every row of the table keeps its right edge.
    try tmux.type("6")
    try tmux.waitForText("委员")
    try tmux.type("/")
    try tmux.type("何晓")
    screen = try tmux.waitForText("/何晓")
    let filterRow = try #require(screen.firstIndex { $0.contains("/何晓") })
    #expect(screen.contains { $0.contains("何晓敏") }, "the matching member is listed")
    // The caret sits right after the typed text, so an input method's window appears there.
    let line = screen[filterRow]
    let caretColumn = TerminalDemoTests.columns(line[..<line.range(of: "/何晓")!.upperBound])
    #expect(try tmux.paneValue("#{cursor_x},#{cursor_y}") == "\(caretColumn),\(filterRow)")
    for row in screen where row.contains("│") {
      #expect(TerminalDemoTests.columns(row) <= 120, "a row overflows: \(row)")
    }
    try tmux.press("Escape")

    try tmux.resize(width: 60, height: 15)
    screen = try tmux.waitForText("60x15")
    #expect(screen.joined().contains("80x24"), "the too-small screen says what it needs")
    try tmux.resize(width: 120, height: 40)
    screen = try tmux.waitForScreen("the layout is back") { $0.first?.contains("1 总览") == true }

    try tmux.type("q")
    screen = try tmux.waitForLine(Tmux.ttyRestoredLine)
    #expect(screen.contains("status=0"))
    #expect(try tmux.paneValue("#{alternate_on}") == "0")
    try tmux.enter("echo usable-$((40+2))")
    try tmux.waitForLine("usable-42")
  }

  @Test("Closing the terminal (SIGHUP) ends the program, keeps the data and leaves nothing behind")
  func closingTheTerminal() throws {
    let store = Self.storeFolder()
    defer { try? FileManager.default.removeItem(atPath: store) }
    let tag = "hup-\(UInt64.random(in: 0...UInt64.max))"
    let app = try Products.executable("shangliang").path
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    try tmux.run([
      "split-window", "-d", "-h", "exec \(Tmux.quote(app)) --store \(Tmux.quote(store + "/" + tag))",
    ])
    let clock = ContinuousClock()
    var deadline = clock.now.advanced(by: .seconds(10))
    while try Self.processes(store: store + "/" + tag).isEmpty && clock.now < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    try #require(try Self.processes(store: store + "/" + tag).count == 1, "the app started")
    Thread.sleep(forTimeInterval: 0.5)
    try tmux.run(["kill-pane", "-t", "{right}"])
    deadline = clock.now.advanced(by: .seconds(10))
    while try !Self.processes(store: store + "/" + tag).isEmpty && clock.now < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(try Self.processes(store: store + "/" + tag).isEmpty, "shangliang still runs after SIGHUP")
    // It closed the store cleanly: the lock is free and the store is sound.
    let check = try Products.run(
      URL(fileURLWithPath: app), arguments: ["check", "--store", store + "/" + tag],
      environment: Products.environment(locale: ["LANG": "C.UTF-8"]))
    #expect(check.status == 0, "check after SIGHUP: \(check.output)")
  }

  /// Process ids of shangliang runs on the store folder `store` (read from /proc).
  static func processes(store: String) throws -> [Int32] {
    try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap { entry -> Int32? in
      guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      guard let index = arguments.firstIndex(of: "--store"), index + 1 < arguments.count,
        arguments[index + 1] == store
      else { return nil }
      let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat").map {
        String(decoding: $0, as: UTF8.self)
      }
      return stat?.contains(") Z ") == true ? nil : pid
    }
  }
}
