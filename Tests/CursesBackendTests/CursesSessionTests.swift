import CNcursesw
import Testing

@testable import CursesBackend
@testable import TerminalCore

#if canImport(Glibc)
  import Glibc
#endif

/// What curses holds in a cell of its screen: the characters (base and marks) and attributes.
func cursesCell(x: Int, y: Int) -> (text: String, attributes: attr_t) {
  var buffer = [UInt32](repeating: 0, count: 8)
  var attributes: attr_t = 0
  var pair: Int16 = 0
  let count = Int(sl_in_wch(Int32(y), Int32(x), &buffer, 8, &attributes, &pair))
  var text = ""
  for value in buffer.prefix(max(0, count)) {
    if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
  }
  return (text, attributes)
}

/// A row of curses' screen as text, reading only the cells where characters start.
func cursesRow(_ y: Int, width: Int) -> String {
  var row = ""
  var x = 0
  while x < width {
    let text = cursesCell(x: x, y: y).text
    row += text
    x += max(1, text.unicodeScalars.first.map { DisplayWidth.of($0) } ?? 1)
  }
  return row
}

/// Curses on a /dev/null terminal; these tests share the process-wide curses state, so they run
/// one after another.
@Suite("CursesTerminal drawing and input, on a /dev/null terminal", .serialized)
struct CursesSessionTests {
  static let environment = ["TERM": "xterm-256color", "NO_COLOR": "1"]

  @Test("A frame lands in curses cell by cell: CJK once from its left cell, marks kept, no VS16")
  func drawsFrame() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    defer { terminal.shutdown() }
    #expect(!terminal.usesColour)
    #expect(get_escdelay() == 25, "Esc must not wait ncurses' default second")
    let size = terminal.size
    #expect(size.width > 10 && size.height > 3)
    var canvas = Canvas(size: size)
    canvas.write("政协a😀e\u{0301}❤\u{FE0F}|\u{0378}|", x: 0, y: 0)
    canvas.write("selected", x: 2, y: 1, style: Style(.selected))
    terminal.present(canvas)
    #expect(cursesCell(x: 0, y: 0).text == "政")
    #expect(cursesCell(x: 2, y: 0).text == "协")
    #expect(cursesCell(x: 4, y: 0).text == "a")
    #expect(cursesCell(x: 5, y: 0).text == "😀")
    #expect(cursesCell(x: 7, y: 0).text == "e\u{0301}")
    #expect(cursesCell(x: 8, y: 0).text == "❤")
    #expect(cursesCell(x: 9, y: 0).text == "|")
    #expect(cursesCell(x: 10, y: 0).text == "\u{FFFD}", "what libc cannot print is drawn as U+FFFD")
    #expect(cursesCell(x: 11, y: 0).text == "|")
    #expect(cursesRow(0, width: 10) == "政协a😀e\u{0301}❤|")
    #expect(cursesCell(x: 2, y: 1).attributes & sl_a_reverse() != 0, "selection shows in reverse video")
    #expect(cursesCell(x: 1, y: 1).attributes & sl_a_reverse() == 0)
  }

  @Test("A list moved by one row is scrolled on the terminal, and the screen still equals the frame")
  func scrolledListEqualsTheFrame() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    defer { terminal.shutdown() }
    let size = terminal.size
    func frame(first: Int) -> Canvas {
      var canvas = Canvas(size: size)
      canvas.write("标题 header", x: 0, y: 0, style: Style(.header))
      for line in 1..<(size.height - 1) {
        let selected = line == size.height - 2
        canvas.write("第\(first + line)行 委员 row", x: 0, y: line, style: selected ? Style(.selected) : .normal)
      }
      canvas.write("共 \(first) 行", x: 0, y: size.height - 1)
      return canvas
    }
    terminal.present(frame(first: 0))
    for first in [1, 2, 5, 4] {
      let canvas = frame(first: first)
      terminal.present(canvas)
      for y in 0..<size.height {
        var expected = canvas.line(y)
        while expected.last == " " { expected.removeLast() }
        var shown = cursesRow(y, width: size.width)
        while shown.last == " " { shown.removeLast() }
        #expect(shown == expected, "row \(y) after moving to \(first)")
      }
    }
  }

  @Test("Only changed cells are redrawn; after a resize-style invalidation everything is")
  func drawsOnlyChanges() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    defer { terminal.shutdown() }
    var canvas = Canvas(size: terminal.size)
    canvas.write("商量 shangliang", x: 0, y: 2)
    terminal.present(canvas)
    // Scribble on curses' screen behind the backend's back, in a cell the next frame keeps.
    _ = sl_mvadd_wch(2, 6, UInt32(UInt8(ascii: "#")), sl_a_normal(), 0)
    canvas.write("巡河", x: 0, y: 3)
    terminal.present(canvas)
    #expect(cursesCell(x: 6, y: 2).text == "#", "an unchanged cell was redrawn")
    #expect(cursesRow(3, width: 4) == "巡河")
    terminal.invalidateFrame()
    terminal.present(canvas)
    #expect(cursesRow(2, width: 15) == "商量 shangliang", "a full redraw must repaint every cell")
  }

  @Test("The hardware cursor sits on the caret when there is one")
  func cursorPlacement() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    defer { terminal.shutdown() }
    var canvas = Canvas(size: terminal.size)
    canvas.write("输入：", x: 0, y: 1)
    canvas.cursor = Point(x: 6, y: 1)
    terminal.present(canvas)
    let window = try #require(sl_stdscr())
    #expect(sl_getcury(window) == 1 && sl_getcurx(window) == 6)
  }

  @Test("Signals arrive as events; an input at its end is reported closed, not spun on")
  func signalsAndClosedInput() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    defer { terminal.shutdown() }
    // kill, not raise: test threads block signals, so the process-wide delivery is what a real
    // SIGTERM looks like. Delivery is asynchronous: read until it shows.
    kill(getpid(), SIGTERM)
    #expect(Self.firstEvents(terminal) == [.signal(.terminate)])
    kill(getpid(), SIGHUP)
    #expect(Self.firstEvents(terminal) == [.signal(.hangup)])
    kill(getpid(), SIGINT)
    #expect(Self.firstEvents(terminal) == [.signal(.interrupt)])
    var calls = 0
    var events: [Event] = []
    while calls < 200 && events.isEmpty {
      calls += 1
      events = terminal.nextEvents(timeoutMilliseconds: 200)
    }
    #expect(events == [.inputClosed])
    #expect(calls <= 25, "gave up after \(calls) calls")
    #expect(terminal.nextEvents(timeoutMilliseconds: 200) == [.inputClosed])
  }

  /// The first non-empty events within a second of short reads (a /dev/null input reports
  /// closed after a while, so few reads are made).
  static func firstEvents(_ terminal: CursesTerminal) -> [Event] {
    for _ in 0..<100 {
      if TerminalGuard.pendingSignals.load(ordering: .acquiring) != 0 { break }
      usleep(10_000)
    }
    return terminal.nextEvents(timeoutMilliseconds: 0)
  }

  @Test("Shutdown restores once; a second terminal cannot open while one is open")
  func shutdownOnce() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    let activeWhileOpen = TerminalGuard.cursesActive.load(ordering: .acquiring)
    #expect(activeWhileOpen)
    #expect(throws: CursesError.alreadyOpen) {
      _ = try CursesTerminal(nullTerminal: "xterm-256color", environment: Self.environment)
    }
    terminal.shutdown()
    let activeAfterShutdown = TerminalGuard.cursesActive.load(ordering: .acquiring)
    #expect(!activeAfterShutdown)
    terminal.shutdown()
    terminal.present(Canvas(size: terminal.size))
    let again = try CursesTerminal(nullTerminal: "xterm-256color", environment: ["TERM": "xterm-256color"])
    #expect(again.usesColour, "xterm-256color has colours and NO_COLOR is unset")
    again.shutdown()
  }

  @Test("A terminal without colours gets attributes only: selection still in reverse video")
  func monochromeTerminal() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let terminal = try CursesTerminal(nullTerminal: "vt100", environment: ["TERM": "vt100"])
    defer { terminal.shutdown() }
    #expect(!terminal.usesColour)
    var canvas = Canvas(size: terminal.size)
    canvas.write("逾期", x: 0, y: 0, style: Style(.overdue))
    canvas.write("选中", x: 0, y: 1, style: Style(.selected))
    terminal.present(canvas)
    let overdue = cursesCell(x: 0, y: 0).attributes
    #expect(overdue & sl_a_bold() != 0 && overdue & sl_a_underline() != 0)
    #expect(cursesCell(x: 0, y: 1).attributes & sl_a_reverse() != 0)
  }

  @Test("An unknown terminal type is a typed error with a message")
  func unknownTerminal() {
    #expect(throws: CursesError.noTerminal(term: "no-such-terminal")) {
      _ = try CursesTerminal(nullTerminal: "no-such-terminal", environment: ["TERM": "no-such-terminal"])
    }
    #expect(CursesError.noTerminal(term: "dumb").message(.en).contains("TERM=dumb"))
  }

  @Test("TERM=dumb, which cannot place the cursor, is refused like an unknown terminal")
  func dumbTerminal() {
    #expect(throws: CursesError.noTerminal(term: "dumb")) {
      _ = try CursesTerminal(nullTerminal: "dumb", environment: ["TERM": "dumb"])
    }
  }
}
