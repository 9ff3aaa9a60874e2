import CNcursesw
import Localization
import TerminalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the terminal could not be opened, with a message for the user.
public enum CursesError: Error, Sendable, Equatable {
  /// ncurses could not set up the terminal (no tty, unknown `TERM`).
  case noTerminal(term: String)
  /// A `CursesTerminal` is already open in this process.
  case alreadyOpen

  /// The message in the user's language.
  public func message(_ language: Language) -> String {
    switch self {
    case .noTerminal(let term): return tr("backend.error.noTerminal", language, term.isEmpty ? "?" : term)
    case .alreadyOpen: return tr("backend.error.alreadyOpen", language)
    }
  }
}

/// The real terminal through ncursesw: draws canvases (only what changed, one flush per frame),
/// reads keys, reports resizes and signals, and restores the terminal on every way out.
///
/// Use from one thread. Call `CursesTerminal.exitUnlessUTF8Locale()` (or `checkLocale()`) before
/// creating one.
public final class CursesTerminal: TerminalBackend {
  /// How long to wait for the rest of an escape sequence (ncurses' ESCDELAY and our decoder).
  public static let escapeDelayMilliseconds: Int32 = 25

  let palette: Palette
  private let window: UnsafeMutablePointer<WINDOW>
  private var pairs: [Int16] = []
  private var attributes: [attr_t] = []
  private var lastFrame: Canvas?
  private var cursorShown = false
  private var isOpen = true
  var decoder = InputDecoder()
  var inputErrors = InputErrorCounter()
  var inputClosed = false
  private var screenSize: Size
  /// Whether a list that moved is scrolled on the terminal rather than redrawn.
  private var lineScrolling = true
  /// The descriptor a recording terminal writes to (-1 for the others).
  private var outputDescriptor: Int32 = -1

  /// Starts curses on the terminal: raw keys, no echo, keypad, short Esc delay, hidden cursor,
  /// colours (unless `NO_COLOR` is set or the terminal has none), bracketed paste.
  ///
  /// Installs the signal handlers (SIGINT/SIGTERM/SIGHUP set a flag; fatal signals restore the
  /// terminal then die as they would have) and an at-exit hook that restores the terminal.
  public convenience init(environment: [String: String] = CursesTerminal.processEnvironment())
    throws(CursesError)
  {
    try self.init(environment: environment) { () -> Int32? in
      sl_newterm() == nil ? nil : sl_output_fd()
    }
  }

  /// Curses on a terminal of type `terminalType` that writes to and reads from /dev/null, for
  /// tests: what was drawn can be read back from curses' screen, and input is always at its end.
  convenience init(nullTerminal terminalType: String, environment: [String: String]) throws(CursesError) {
    try self.init(environment: environment) { () -> Int32? in
      var descriptor: Int32 = -1
      return sl_newterm_null(terminalType, &descriptor) == nil ? nil : descriptor
    }
  }

  /// Curses on a terminal of type `terminalType` and `size` that writes to the file at `path`:
  /// for benchmarks of what a frame costs on the wire (`bytesSent`). `lineScrolling` as in `init`.
  public convenience init(
    recordingTo path: String, terminalType: String, size: Size, lineScrolling: Bool = true,
    environment: [String: String] = [:]
  ) throws(CursesError) {
    try self.init(environment: environment, lineScrolling: lineScrolling) { () -> Int32? in
      var descriptor: Int32 = -1
      return sl_newterm_file(terminalType, path, &descriptor) == nil ? nil : descriptor
    }
    _ = resizeterm(Int32(size.height), Int32(size.width))
    screenSize = updateSize()
    outputDescriptor = TerminalGuard.outputDescriptor.load(ordering: .relaxed)
  }

  /// Bytes written to the terminal so far (for a terminal made with `recordingTo`).
  public var bytesSent: Int {
    var status = stat()
    guard outputDescriptor >= 0, fstat(outputDescriptor, &status) == 0 else { return 0 }
    return Int(status.st_size)
  }

  /// `openScreen` starts curses and returns the descriptor it writes to (nil when it failed).
  ///
  /// With `lineScrolling` (the default) ncurses may scroll lines on the terminal (`idlok`): a list
  /// moved by one row then costs one scroll and the new row, not the whole list body again.
  private init(
    environment: [String: String], lineScrolling: Bool = true, openScreen: () -> Int32?
  ) throws(CursesError) {
    TerminalGuard.installHandlers()
    guard !TerminalGuard.cursesActive.load(ordering: .acquiring) else { throw .alreadyOpen }
    // A terminal that cannot place the cursor would show only the status line.
    if environment["TERM"] == "dumb" { throw .noTerminal(term: "dumb") }
    _ = set_escdelay(Self.escapeDelayMilliseconds)
    guard let descriptor = openScreen(), let window = sl_stdscr() else {
      throw .noTerminal(term: environment["TERM"] ?? "")
    }
    TerminalGuard.outputDescriptor.store(descriptor, ordering: .relaxed)
    TerminalGuard.cursesActive.store(true, ordering: .releasing)
    guard sl_can_address_cursor() != 0 else {
      TerminalGuard.restoreTerminal()
      throw .noTerminal(term: environment["TERM"] ?? "")
    }
    self.window = window
    // Again on the new screen: some ncurses versions copy the default only at start-up, and an
    // ESCDELAY in the environment must not make Esc slow.
    _ = set_escdelay(Self.escapeDelayMilliseconds)
    _ = raw()
    _ = noecho()
    _ = nonl()
    _ = keypad(window, true)
    _ = meta(window, true)
    _ = leaveok(window, false)
    _ = idlok(window, lineScrolling)
    self.lineScrolling = lineScrolling
    _ = curs_set(0)
    let colour = Palette.wantsColour(terminalHasColour: has_colors(), environment: environment)
    palette = Palette(usesColour: colour && start_color() != ERR)
    screenSize = Size(width: Int(sl_getmaxx(window)), height: Int(sl_getmaxy(window)))
    setUpAttributes()
    _ = wnoutrefresh(window)
    _ = doupdate()
    writeToTerminal("\u{1B}[?2004h")
  }

  deinit { shutdown() }

  /// The environment of this process, as a dictionary.
  public static func processEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }

  /// Restores the terminal (curses off, cursor shown, bracketed paste off). Safe to call more
  /// than once and from any exit path; only the first call does anything.
  public func shutdown() {
    guard isOpen else { return }
    isOpen = false
    TerminalGuard.restoreTerminal()
  }

  public var size: Size { screenSize }

  /// Ctrl-Z: gives the terminal back and stops the process as a shell's job (SIGTSTP with its
  /// default action); `fg` continues it here, and the whole screen is drawn again.
  public func suspend() {
    guard isOpen else { return }
    writeToTerminal("\u{1B}[?2004l")
    _ = endwin()
    var previous = sigaction()
    var stop = sigaction()
    sigemptyset(&stop.sa_mask)
    #if canImport(Glibc)
      stop.__sigaction_handler.sa_handler = SIG_DFL
    #else
      stop.__sigaction_u.__sa_handler = SIG_DFL
    #endif
    sigaction(SIGTSTP, &stop, &previous)
    kill(getpid(), SIGTSTP)
    // Continued (fg): back to our own handling and a full redraw.
    sigaction(SIGTSTP, &previous, nil)
    invalidateFrame()
    _ = wrefresh(window)
    writeToTerminal("\u{1B}[?2004h")
    _ = updateSize()
  }

  /// Whether colours are in use (false under `NO_COLOR` or on a monochrome terminal).
  public var usesColour: Bool { palette.usesColour }

  public func present(_ canvas: Canvas) {
    guard isOpen else { return }
    // A list moved by a row or three: scroll that region on the terminal (one escape sequence
    // with idlok) and draw only what the scroll did not bring, not every row of the list again.
    if lineScrolling, let last = lastFrame, let shift = canvas.shift(from: last) {
      _ = wsetscrreg(window, Int32(shift.top), Int32(shift.bottom - 1))
      _ = scrollok(window, true)
      _ = wscrl(window, Int32(shift.by))
      _ = scrollok(window, false)
      _ = wsetscrreg(window, 0, Int32(max(0, sl_getmaxy(window) - 1)))
      lastFrame = last.scrolled(shift)
    }
    let runs = canvas.changedRuns(from: lastFrame)
    if lastFrame == nil { _ = werase(window) }
    let maxX = Int(sl_getmaxx(window))
    let maxY = Int(sl_getmaxy(window))
    for run in runs where run.y < maxY {
      var x = run.x
      let end = min(run.x + run.width, maxX)
      while x < end {
        let cell = canvas[x, run.y]
        if !cell.isContinuation && (cell.width < 2 || x + 1 < maxX) { draw(cell, x: x, y: run.y) }
        x += 1
      }
    }
    placeCursor(canvas.cursor, maxX: maxX, maxY: maxY)
    _ = wnoutrefresh(window)
    _ = doupdate()
    lastFrame = canvas
  }

  /// Forgets the last frame, so the next one is drawn whole (after a resize).
  func invalidateFrame() {
    lastFrame = nil
    _ = clearok(sl_curscr(), true)
  }

  func updateSize() -> Size {
    screenSize = Size(width: Int(sl_getmaxx(window)), height: Int(sl_getmaxy(window)))
    return screenSize
  }

  var cursesWindow: UnsafeMutablePointer<WINDOW> { window }

  private func placeCursor(_ cursor: Point?, maxX: Int, maxY: Int) {
    if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < maxX, cursor.y < maxY {
      _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
      if !cursorShown {
        _ = curs_set(1)
        cursorShown = true
      }
    } else if cursorShown {
      _ = curs_set(0)
      cursorShown = false
    }
  }

  private func draw(_ cell: Cell, x: Int, y: Int) {
    let index = Self.styleIndex(cell.style)
    let attrs = attributes[index]
    let pair = pairs[Int(cell.style.role.rawValue)]
    let scalars = cell.character.unicodeScalars
    guard let base = scalars.first else { return }
    // What libc cannot print (unassigned code points) we measure as one column; draw it as
    // U+FFFD, which is one column too, rather than let curses improvise.
    if base.value >= 0x80 && sl_wcwidth(base.value) < 0 {
      _ = sl_mvadd_wch(Int32(y), Int32(x), 0xFFFD, attrs, pair)
      return
    }
    if scalars.count == 1 {
      _ = sl_mvadd_wch(Int32(y), Int32(x), base.value, attrs, pair)
      return
    }
    var chars: [UInt32] = [base.value]
    let capacity = Int(sl_ccharw_max())
    for scalar in scalars.dropFirst() where Self.isCombiningMark(scalar) && chars.count < capacity {
      chars.append(scalar.value)
    }
    if chars.count == 1 {
      _ = sl_mvadd_wch(Int32(y), Int32(x), base.value, attrs, pair)
    } else {
      _ = chars.withUnsafeBufferPointer { buffer in
        sl_mvadd_wchars(Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), attrs, pair)
      }
    }
  }

  /// Marks drawn in the base character's cell. Variation selectors are left out: they can make
  /// a terminal draw a character wider than `wcwidth` says, which would shift the rest of the row.
  static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false
    default: break
    }
    // Hangul jamo vowels and finals join the initial before them into one syllable.
    if (0x1160...0x11FF).contains(scalar.value) || (0xD7B0...0xD7FF).contains(scalar.value) {
      return DisplayWidth.of(scalar) == 0
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return DisplayWidth.of(scalar) == 0
    default: return false
    }
  }

  /// Index into the attribute table: the role, and the style's three emphasis bits.
  static func styleIndex(_ style: Style) -> Int {
    var index = Int(style.role.rawValue) << 3
    if style.bold { index |= 1 }
    if style.underline { index |= 2 }
    if style.reverse { index |= 4 }
    return index
  }

  private func setUpAttributes() {
    let roles = Role.allCases
    var hasDefaultColours = false
    if palette.usesColour {
      hasDefaultColours = use_default_colors() != ERR
    }
    let canPair = palette.usesColour && Int(sl_color_pairs()) > roles.count && Int(sl_colors()) >= 8
    pairs = Array(repeating: 0, count: roles.count)
    for role in roles where canPair && role != .normal {
      let look = palette.look(for: role)
      let pair = Int16(role.rawValue)
      let foreground = Self.curses(look.foreground, fallback: Int16(COLOR_WHITE), defaults: hasDefaultColours)
      let background = Self.curses(look.background, fallback: Int16(COLOR_BLACK), defaults: hasDefaultColours)
      if init_pair(pair, foreground, background) != ERR { pairs[Int(role.rawValue)] = pair }
    }
    let count = (roles.count) << 3
    attributes = Array(repeating: sl_a_normal(), count: count)
    for role in roles {
      for bits in 0..<8 {
        let style = Style(role, bold: bits & 1 != 0, underline: bits & 2 != 0, reverse: bits & 4 != 0)
        attributes[Self.styleIndex(style)] = Self.curses(palette.look(for: style).attributes)
      }
    }
  }

  static func curses(_ attributes: Palette.Attributes) -> attr_t {
    var result = sl_a_normal()
    if attributes.contains(.bold) { result |= sl_a_bold() }
    if attributes.contains(.underline) { result |= sl_a_underline() }
    if attributes.contains(.reverse) { result |= sl_a_reverse() }
    if attributes.contains(.dim) { result |= sl_a_dim() }
    return result
  }

  static func curses(_ colour: Palette.Colour, fallback: Int16, defaults: Bool) -> Int16 {
    switch colour {
    case .terminalDefault: return defaults ? -1 : fallback
    case .black: return Int16(COLOR_BLACK)
    case .red: return Int16(COLOR_RED)
    case .green: return Int16(COLOR_GREEN)
    case .yellow: return Int16(COLOR_YELLOW)
    case .blue: return Int16(COLOR_BLUE)
    case .magenta: return Int16(COLOR_MAGENTA)
    case .cyan: return Int16(COLOR_CYAN)
    case .white: return Int16(COLOR_WHITE)
    }
  }

  private func writeToTerminal(_ text: String) {
    let descriptor = TerminalGuard.outputDescriptor.load(ordering: .relaxed)
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
