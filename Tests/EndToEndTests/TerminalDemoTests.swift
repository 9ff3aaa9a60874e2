import Foundation
import Testing

/// The backend in a real terminal: `shangliang-termdemo` (a bordered screen that echoes what is
/// typed) run in tmux, typed at in Chinese, resized, quit, killed.
@Suite(
  "The terminal backend in a real terminal (tmux)", .serialized)
struct TerminalDemoTests {
  static let title = "商量 · 终端演示"
  static let restored = Tmux.ttyRestoredLine

  /// A tag on the command line, so that `pgrep -f` finds exactly this test's process.
  static func uniqueTag() -> String { "tag-\(UInt64.random(in: 0...UInt64.max))" }

  /// The command line that runs the demo, then says whether the tty settings came back intact.
  static func demoCommand(tag: String, extra: [String] = []) throws -> String {
    Tmux.commandLine(running: try Products.executable("shangliang-termdemo"), ["--tag", tag] + extra)
  }

  /// Every row between the top and bottom border ends in the right border at the last column.
  static func expectBorderAligned(
    _ screen: [String], width: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(screen.count >= 3, sourceLocation: sourceLocation)
    guard screen.count >= 3 else { return }
    #expect(
      screen[0].hasPrefix("┌") && screen[0].hasSuffix("┐"), "\(screen[0])", sourceLocation: sourceLocation)
    for (index, row) in screen.enumerated().dropFirst().dropLast() where !row.isEmpty {
      #expect(
        row.hasSuffix("│") && columns(row) == width, "row \(index) is \(columns(row)) wide: \(row)",
        sourceLocation: sourceLocation)
    }
    let last = screen[screen.count - 1]
    #expect(last.hasPrefix("└") && last.hasSuffix("┘"), sourceLocation: sourceLocation)
  }

  /// Both borders drawn and every row in between ending in the right border at the last column:
  /// what `expectBorderAligned` checks, as a condition to wait for (tmux may be captured mid-redraw).
  static func isWholeFrame(_ screen: [String], width: Int) -> Bool {
    guard screen.count >= 3, screen[0].hasPrefix("┌"), screen[0].hasSuffix("┐") else { return false }
    let last = screen[screen.count - 1]
    guard last.hasPrefix("└"), last.hasSuffix("┘") else { return false }
    return screen.dropFirst().dropLast().allSatisfy {
      $0.isEmpty || ($0.hasSuffix("│") && columns($0) == width)
    }
  }

  /// Waits for a whole frame at the new size: the size line shown and the bottom border drawn (a
  /// capture taken mid-redraw has the first but not yet the second).
  @discardableResult
  static func waitForFrame(_ tmux: Tmux, _ size: String) throws -> [String] {
    let width = Int(size.prefix { $0 != "x" }) ?? 0
    return try tmux.waitForScreen("a whole frame at \(size)") { screen in
      screen.contains { $0.contains("终端大小：\(size)") } && isWholeFrame(screen, width: width)
    }
  }

  /// Display columns of a captured row (CJK and fullwidth punctuation take two).
  static func columns(_ text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      let v = scalar.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
      return total + (wide ? 2 : 1)
    }
  }

  /// The row that contains `text`, and the display column where `text` starts in it.
  static func locate(_ text: String, in screen: [String]) -> (row: Int, column: Int)? {
    for (index, row) in screen.enumerated() {
      if let range = row.range(of: text) { return (index, columns(row[..<range.lowerBound])) }
    }
    return nil
  }

  @Test("Typing Chinese at 120x40: characters land after the label, the border stays, resize redraws")
  func typingChineseAndResizing() throws {
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    try tmux.enter(try Self.demoCommand(tag: Self.uniqueTag()))
    var screen = try tmux.waitForText(Self.title)
    #expect(try tmux.paneValue("#{alternate_on}") == "1", "curses runs on the alternate screen")
    #expect(screen.contains { $0.contains("终端大小：120x40") })
    Self.expectBorderAligned(screen, width: 120)

    try tmux.type("政协委员，河长制abc")
    screen = try tmux.waitForText("政协委员，河长制abc")
    let typed = try #require(Self.locate("政协委员，河长制abc", in: screen))
    let label = try #require(Self.locate("输入：", in: screen))
    #expect(typed.row == 4 && label.row == 4)
    #expect(
      typed.column == label.column + Self.columns("输入：") + 1, "typed text starts one column after the label")
    Self.expectBorderAligned(screen, width: 120)
    // The caret (hardware cursor) sits right after the typed text, visible: input methods need it.
    // The cursor moves after the text is drawn: waited for, as a capture can fall in between.
    try tmux.waitForValue("#{cursor_x},#{cursor_y}", "\(typed.column + 19),4")
    #expect(try tmux.paneValue("#{cursor_flag}") == "1")

    try tmux.press("BSpace")
    try tmux.waitForScreen("Backspace removed c") { $0[4].contains("河长制ab") && !$0[4].contains("abc") }

    try tmux.resize(width: 100, height: 30)
    screen = try Self.waitForFrame(tmux, "100x30")
    #expect(screen.count == 30)
    Self.expectBorderAligned(screen, width: 100)
    #expect(screen[4].contains("政协委员，河长制ab"))

    try tmux.resize(width: 60, height: 15)
    screen = try Self.waitForFrame(tmux, "60x15")
    Self.expectBorderAligned(screen, width: 60)
    try tmux.resize(width: 120, height: 40)
    screen = try Self.waitForFrame(tmux, "120x40")
    Self.expectBorderAligned(screen, width: 120)

    try tmux.press("Escape")
    screen = try tmux.waitForLine(Self.restored)
    #expect(screen.contains { $0.contains("终端演示结束（Esc）") })
    #expect(try tmux.paneValue("#{alternate_on}") == "0", "back on the normal screen")
    #expect(try tmux.paneValue("#{cursor_flag}") == "1", "cursor visible again")
    try tmux.enter("echo shell-$((40+2))")
    try tmux.waitForLine("shell-42")
  }

  @Test("Keys reach the program decoded: arrows, F-keys, Shift-Tab, Ctrl-C as a key, Alt-x, paste")
  func keysArriveDecoded() throws {
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.stop() }
    try tmux.enter(try Self.demoCommand(tag: Self.uniqueTag()))
    try tmux.waitForText(Self.title)
    let keys: [(String, String)] = [
      ("Left", "←"), ("Up", "↑"), ("Home", "Home"), ("End", "End"), ("PPage", "PgUp"), ("NPage", "PgDn"),
      ("F5", "F5"), ("F12", "F12"), ("BTab", "Shift-Tab"), ("DC", "Del"), ("IC", "Ins"), ("C-Left", "Ctrl-←"),
      ("C-c", "Ctrl-C"), ("M-x", "Alt-x"), ("F1", "F1"), ("Tab", "Tab"), ("C-s", "Ctrl-S"),
    ]
    for (name, shown) in keys {
      try tmux.press(name)
      try tmux.waitForText("上一个按键：\(shown)", timeout: .seconds(5))
    }
    // Ctrl-C is a key in raw mode: the program is still running.
    #expect(try tmux.paneValue("#{alternate_on}") == "1")
    try tmux.paste("粘贴第一行\n第二行")
    let screen = try tmux.waitForText("上一个按键：paste 9")
    #expect(screen.contains { $0.contains("粘贴第一行⏎第二行") }, "the paste arrived as one event with its newline")
    // A long paste (many kilobytes, read in several bursts) is still one event.
    let long = String(repeating: "协商监督巡河问题，", count: 300) + "end"
    try tmux.run(["send-keys", "Enter"])
    try tmux.paste(long)
    try tmux.waitForText("上一个按键：paste \(long.count)", timeout: .seconds(20))
    try tmux.press("Escape")
    try tmux.waitForLine(Self.restored)
  }

  @Test("SIGTERM ends the program and gives the terminal back")
  func terminateRestoresTerminal() throws {
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.stop() }
    let tag = Self.uniqueTag()
    try tmux.enter(try Self.demoCommand(tag: tag))
    try tmux.waitForText(Self.title)
    let pids = try Self.processes(tagged: tag)
    try #require(pids.count == 1, "exactly one demo process: \(pids)")
    // The demo waits for input with no timeout; the signal must still end it promptly.
    let clock = ContinuousClock()
    let sent = clock.now
    kill(pids[0], SIGTERM)
    let screen = try tmux.waitForLine(Self.restored)
    #expect(sent.duration(to: clock.now) < .seconds(3), "SIGTERM took \(sent.duration(to: clock.now))")
    #expect(screen.contains { $0.contains("终端演示结束（terminate）") })
    #expect(try tmux.paneValue("#{alternate_on}") == "0")
    #expect(try tmux.paneValue("#{cursor_flag}") == "1")
    try tmux.enter("echo alive-$((6*7))")
    try tmux.waitForLine("alive-42")
  }

  @Test("A crash (a Swift trap) gives the terminal back before the process dies")
  func crashRestoresTerminal() throws {
    // The runtime's backtracer would otherwise wait for a key on a terminal.
    let tmux = try Tmux(width: 100, height: 30, environment: ["SWIFT_BACKTRACE": "interactive=no"])
    defer { tmux.stop() }
    try tmux.enter(try Self.demoCommand(tag: Self.uniqueTag(), extra: ["--crash"]))
    let screen = try tmux.waitForLine(Self.restored, timeout: .seconds(30))
    let status = try #require(screen.first { $0.hasPrefix("status=") && !$0.contains("$") })
    #expect(["status=132", "status=133", "status=134"].contains(status), "died by a signal: \(status)")
    #expect(try tmux.paneValue("#{alternate_on}") == "0")
    #expect(try tmux.paneValue("#{cursor_flag}") == "1")
  }

  @Test("Closing the pane (SIGHUP) ends the program and leaves no process behind")
  func closingThePaneEndsTheProgram() throws {
    let tag = Self.uniqueTag()
    let demo = try Products.executable("shangliang-termdemo").path
    let tmux = try Tmux(width: 120, height: 40)
    defer { tmux.stop() }
    // A second pane keeps the session (and server) alive after the demo's pane is closed.
    try tmux.run(["split-window", "-d", "-h", "exec \(Tmux.quote(demo)) --tag \(tag)"])
    let clock = ContinuousClock()
    var deadline = clock.now.advanced(by: .seconds(10))
    while try Self.processes(tagged: tag).isEmpty && clock.now < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    try #require(try Self.processes(tagged: tag).count == 1, "the demo started")
    Thread.sleep(forTimeInterval: 0.3)
    try tmux.run(["kill-pane", "-t", "{right}"])
    deadline = clock.now.advanced(by: .seconds(5))
    while try !Self.processes(tagged: tag).isEmpty && clock.now < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(try Self.processes(tagged: tag).isEmpty, "the demo is still running after SIGHUP")
    #expect(try tmux.run(["list-panes"]).split(separator: "\n").count == 1)
  }

  /// Process ids of demos started with `--tag tag` (like `pgrep -f`, read from /proc so that
  /// no procps is needed).
  static func processes(tagged tag: String) throws -> [Int32] {
    let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc")
    return entries.compactMap { entry -> Int32? in
      guard let pid = Int32(entry),
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return nil }
      let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      guard let program = arguments.first, program.hasSuffix("shangliang-termdemo"),
        let index = arguments.firstIndex(of: "--tag"), index + 1 < arguments.count,
        arguments[index + 1] == tag
      else { return nil }
      // A zombie has already ended: its status says so.
      let status = FileManager.default.contents(atPath: "/proc/\(entry)/stat").map {
        String(decoding: $0, as: UTF8.self)
      }
      if let status, status.contains(") Z ") { return nil }
      return pid
    }
  }
}
