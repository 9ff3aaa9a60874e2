import Foundation
import Testing

/// A private tmux server for one test, to drive a real program in a real terminal.
///
/// Each instance has its own socket (`tmux -L shangliang-test-<random>`) and one session of the
/// given size running `sh` (prompt `$ `) under `LANG=C.UTF-8`, with no user configuration. Keys go
/// in with `send-keys` (literal text, including Chinese, with `type`), the screen comes out with
/// `capture-pane -p`. Always end with `stop()` (`defer { tmux.stop() }`); `deinit` stops the
/// server too, so a failing test never leaves one behind.
///
/// ```swift
/// let tmux = try Tmux(width: 120, height: 40)
/// defer { tmux.stop() }
/// try tmux.enter("\(try Products.executable("shangliang").path) --lang en")
/// try tmux.waitForText("Overview")
/// try tmux.type("q")
/// ```
///
/// Without tmux, creating a `Tmux` throws `Failure.notInstalled`, so a tmux test fails (never
/// skips): `scripts/test`, the README's test command, installs tmux first.
final class Tmux {
  /// What went wrong driving tmux; the message carries the screen when a wait timed out.
  enum Failure: Error, CustomStringConvertible {
    case notInstalled
    case commandFailed(arguments: [String], status: Int32, error: String)
    case timedOut(waitingFor: String, screen: [String])

    var description: String {
      switch self {
      case .notInstalled:
        return "tmux is not installed: run scripts/test (it installs tmux), or apt-get install -y tmux"
      case .commandFailed(let arguments, let status, let error):
        return "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(error)"
      case .timedOut(let what, let screen):
        return "timed out waiting for \(what); the screen was:\n" + screen.joined(separator: "\n")
      }
    }
  }

  /// The tmux executable found on PATH, if any.
  static let executable: URL? = findOnPath("tmux")

  /// Always true: tmux tests run everywhere and fail without tmux. Kept so that suites written
  /// with `.enabled(if: Tmux.shouldRun, …)` on other branches still compile and still run.
  static var shouldRun: Bool { true }

  let socket: String
  /// The socket file, removed at `stop()` (tmux leaves it behind).
  private(set) var socketPath: String?
  private(set) var width: Int
  private(set) var height: Int
  private var stopped = false

  /// Starts a server on a fresh socket with one detached session of `width` x `height` running
  /// `command` (default: `sh` with the prompt `$ `). `environment` adds to the session's
  /// environment (which starts with `LANG=C.UTF-8`).
  init(width: Int, height: Int, command: String = "sh", environment: [String: String] = [:]) throws {
    guard Self.executable != nil else { throw Failure.notInstalled }
    socket = "shangliang-test-\(UInt64.random(in: 0...UInt64.max))"
    self.width = width
    self.height = height
    var arguments = ["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)"]
    let sessionEnvironment = ["LANG": "C.UTF-8", "PS1": "$ ", "HISTFILE": "/dev/null"]
      .merging(environment) { $1 }
    for (name, value) in sessionEnvironment.sorted(by: { $0.key < $1.key }) {
      arguments += ["-e", "\(name)=\(value)"]
    }
    arguments.append(command)
    try run(arguments)
    socketPath = try? paneValue("#{socket_path}")
  }

  deinit { stop() }

  /// Kills the server (and everything running in it). Safe to call more than once.
  func stop() {
    guard !stopped else { return }
    stopped = true
    _ = try? run(["kill-server"])
    if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
  }

  /// Runs a tmux command against this server and returns its standard output.
  @discardableResult
  func run(_ arguments: [String]) throws -> String {
    guard let executable = Self.executable else { throw Failure.notInstalled }
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    environment["LC_ALL"] = nil
    environment["LANG"] = "C.UTF-8"
    let result = try Subprocess.run(executable, ["-u", "-L", socket] + arguments, environment: environment)
    guard result.status == 0 else {
      throw Failure.commandFailed(arguments: arguments, status: result.status, error: result.error)
    }
    return result.output
  }

  /// Types text literally (`send-keys -l`): Chinese arrives as the program would get it from an
  /// input method, one character at a time.
  func type(_ text: String) throws { try run(["send-keys", "-l", "--", text]) }

  /// Presses keys by tmux name: `Enter`, `Escape`, `C-c`, `M-x`, `Left`, `F5`, `BTab`, `PPage`…
  func press(_ keys: String...) throws { try run(["send-keys"] + keys) }

  /// Types a command line into the pane's shell and presses Enter.
  func enter(_ commandLine: String) throws {
    try type(commandLine)
    try press("Enter")
  }

  /// Pastes text the way a terminal does (`paste-buffer -p`): bracketed when the program asked
  /// for bracketed paste.
  func paste(_ text: String) throws {
    try run(["set-buffer", "-b", "shangliang-test", "--", text])
    try run(["paste-buffer", "-p", "-d", "-b", "shangliang-test"])
  }

  /// The visible screen, one string per row (trailing spaces trimmed by tmux).
  func screen() throws -> [String] {
    let text = try run(["capture-pane", "-p"])
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// A value of the pane from a tmux format, e.g. `#{cursor_x}`, `#{alternate_on}`.
  func paneValue(_ format: String) throws -> String {
    try run(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Polls the screen until `condition` holds (every 50 ms, up to `timeout`) and returns it.
  @discardableResult
  func waitForScreen(
    _ what: String, timeout: Duration = .seconds(10), until condition: ([String]) -> Bool
  ) throws -> [String] {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var last: [String] = []
    while clock.now < deadline {
      last = try screen()
      if condition(last) { return last }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure.timedOut(waitingFor: what, screen: last)
  }

  /// Waits until some row contains `text`.
  @discardableResult
  func waitForText(_ text: String, timeout: Duration = .seconds(10)) throws -> [String] {
    try waitForScreen("\"\(text)\"", timeout: timeout) { $0.contains { $0.contains(text) } }
  }

  /// Waits until some row is exactly `line` (trailing spaces aside). Use it for output that
  /// must not be confused with the command line that printed it.
  @discardableResult
  func waitForLine(_ line: String, timeout: Duration = .seconds(10)) throws -> [String] {
    try waitForScreen("a line \"\(line)\"", timeout: timeout) { rows in
      rows.contains { row in
        var trimmed = Substring(row)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return trimmed == line
      }
    }
  }

  /// Waits until a pane value (a tmux format) equals `expected`.
  func waitForValue(_ format: String, _ expected: String, timeout: Duration = .seconds(10)) throws {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var last = ""
    while clock.now < deadline {
      last = try paneValue(format)
      if last == expected { return }
      Thread.sleep(forTimeInterval: 0.05)
    }
    throw Failure.timedOut(waitingFor: "\(format) == \(expected) (was \(last))", screen: try screen())
  }

  /// Resizes the window (the terminal the program sees) to `width` x `height`.
  func resize(width: Int, height: Int) throws {
    try run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    self.width = width
    self.height = height
  }

  /// Closes the pane, as closing a terminal window does: its processes get SIGHUP.
  func killPane() throws { try run(["kill-pane"]) }

  /// The line `commandLine(running:)` prints when the tty settings after the program equal those
  /// before it (computed by the shell, so the command line itself never shows it).
  static let ttyRestoredLine = "TTY-RESTORED-42"

  /// A shell command line that runs `executable` with `arguments`, then prints `status=<code>`
  /// and `ttyRestoredLine` when `stty -g` is the same as before (`TTY-BROKEN-42` otherwise).
  /// Type it with `enter`, then `waitForLine(Tmux.ttyRestoredLine)` after the program ends.
  static func commandLine(running executable: URL, _ arguments: [String] = []) -> String {
    let program = ([executable.path] + arguments).map(quote).joined(separator: " ")
    return "S=$(stty -g); \(program); echo \"status=$?\"; "
      + "if [ \"$S\" = \"$(stty -g)\" ]; then echo TTY-RESTORED-$((40+2)); else echo TTY-BROKEN-$((40+2)); fi"
  }

  /// `text` quoted for `sh`.
  static func quote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  static func findOnPath(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }
}
