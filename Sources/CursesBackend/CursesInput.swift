import CNcursesw
import TerminalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decides when failed reads mean the terminal is gone: the tty reports an I/O error a few
/// times in a row, or reads that should have waited keep failing at once.
struct InputErrorCounter: Sendable {
  /// Consecutive errors that name a vanished tty (EIO, ENXIO, EBADF) before giving up.
  var hardLimit = 3
  /// Consecutive failures of reads that were asked to wait (or block) and returned at once.
  var immediateLimit = 20
  private(set) var hardErrors = 0
  private(set) var immediateErrors = 0

  /// Records a failed read; returns true when the input must be considered closed.
  mutating func noteError(
    errno code: Int32, askedToWaitMilliseconds wait: Int, waitedMilliseconds waited: Int
  )
    -> Bool
  {
    if code == EIO || code == ENXIO || code == EBADF {
      hardErrors += 1
    } else if code != EINTR && (wait < 0 || (wait > 0 && waited * 2 < wait)) {
      immediateErrors += 1
    } else {
      hardErrors = 0
      immediateErrors = 0
    }
    return hardErrors >= hardLimit || immediateErrors >= immediateLimit
  }

  /// Records a successful read.
  mutating func noteSuccess() {
    hardErrors = 0
    immediateErrors = 0
  }
}

extension CursesTerminal {
  /// Inputs read in one call at most: a paste arrives as one burst and is read whole.
  static let maximumBurst = 65_536

  /// Reads what the user typed. Waits up to `timeoutMilliseconds` for the first input (a negative
  /// value waits until there is some), then takes whatever else is already there without
  /// waiting: a paste arrives whole. Returns an empty list when the time ran out.
  /// A signal comes back as `.signal` within about 100 ms, even while waiting forever; a
  /// vanished terminal as `.inputClosed` (and from then on on every call).
  public func nextEvents(timeoutMilliseconds: Int) -> [Event] {
    let signals = TerminalGuard.takeSignals()
    if !signals.isEmpty { return signals }
    if inputClosed { return [.inputClosed] }
    var events: [Event] = []
    let escapeWait = Int(Self.escapeDelayMilliseconds)
    // While a sequence is half read, wait only the Esc delay for the rest of it.
    let budget = decoder.isWaiting ? escapeWait : timeoutMilliseconds
    let clock = ContinuousClock()
    let start = clock.now
    var gotInput = false
    var reads = 0
    while reads < Self.maximumBurst {
      reads += 1
      let wait: Int
      if gotInput {
        wait = decoder.isWaiting ? escapeWait : 0
      } else if budget < 0 {
        wait = Self.signalPollMilliseconds
      } else {
        wait = max(
          0, min(budget - Self.milliseconds(start.duration(to: clock.now)), Self.signalPollMilliseconds))
      }
      wtimeout(cursesWindow, Int32(clamping: wait))
      errno = 0
      var value: UInt32 = 0
      let started = clock.now
      let result = sl_get_wch(&value)
      if result == ERR {
        let code = errno
        let waited = Self.milliseconds(started.duration(to: clock.now))
        if inputErrors.noteError(errno: code, askedToWaitMilliseconds: wait, waitedMilliseconds: waited) {
          inputClosed = true
          return TerminalGuard.takeSignals() + events + [.inputClosed]
        }
        if !gotInput {
          // Wait in slices so that a signal is seen soon even if curses retries after EINTR.
          let signals = TerminalGuard.takeSignals()
          if !signals.isEmpty { return signals }
          if budget < 0 || Self.milliseconds(start.duration(to: clock.now)) < budget { continue }
        }
        if decoder.isWaiting { events += decoder.idle() }
        break
      }
      gotInput = true
      inputErrors.noteSuccess()
      events += decoder.feed(rawInput(result: result, value: value))
    }
    return TerminalGuard.takeSignals() + events
  }

  /// A signal that arrived since the last read (the runtime asks between the events of a burst).
  public func takeSignal() -> Event? {
    TerminalGuard.takeSignals().first
  }

  /// The longest single wait, so that a signal never waits longer than this to be delivered.
  static let signalPollMilliseconds = 100

  static func milliseconds(_ duration: Duration) -> Int {
    let parts = duration.components
    return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
  }

  private func rawInput(result: Int32, value: UInt32) -> RawInput {
    guard result == KEY_CODE_YES else { return .code(value) }
    let code = Int32(bitPattern: value)
    if code == KEY_RESIZE {
      invalidateFrame()
      return .resize(updateSize())
    }
    if let key = Self.key(forKeyCode: code) { return .key(key) }
    return .unknownKeyCode(code)
  }

  /// The key for an ncurses `KEY_*` code, or nil when it is not one we use.
  static func key(forKeyCode code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_IC: return .insert
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    default: break
    }
    for n in 1...12 where code == sl_key_f(Int32(n)) { return .function(n) }
    // Ctrl with arrows, Home and End have no KEY_* constant; ncurses names them from terminfo.
    guard let name = keyname(code) else { return nil }
    switch String(cString: name) {
    case "kUP5": return .ctrlUp
    case "kDN5": return .ctrlDown
    case "kLFT5": return .ctrlLeft
    case "kRIT5": return .ctrlRight
    case "kHOM5": return .ctrlHome
    case "kEND5": return .ctrlEnd
    default: return nil
    }
  }
}
