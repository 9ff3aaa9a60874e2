import CNcursesw
import Synchronization
import TerminalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process-wide terminal state shared with signal handlers and the at-exit hook.
///
/// Handlers only touch atomics (setting a flag), except the fatal-signal handler, which makes a
/// best-effort restore of the terminal before dying with the default action.
enum TerminalGuard {
  /// Signals received and not yet delivered as events, one bit each.
  static let pendingSignals = Atomic<UInt32>(0)
  /// True between a successful curses start and the (single) restore.
  static let cursesActive = Atomic<Bool>(false)
  /// The file descriptor curses writes to, for the bracketed-paste escape.
  static let outputDescriptor = Atomic<Int32>(1)
  private static let handlersInstalled = Atomic<Bool>(false)
  /// The actions our fatal-signal handler replaced (the Swift runtime's backtracer, usually),
  /// indexed by signal number; written once before the handlers are installed, then only read.
  nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(
    capacity: 128)

  static let interruptBit: UInt32 = 1
  static let terminateBit: UInt32 = 2
  static let hangupBit: UInt32 = 4

  /// The signals whose default action kills the process with a core: Swift traps are SIGILL or
  /// SIGTRAP, `abort()` is SIGABRT.
  static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

  /// Installs the handlers and the at-exit hook once per process. Must run before curses
  /// starts, so that ncurses sees our SIGINT/SIGTERM handlers and does not install its own.
  static func installHandlers() {
    guard
      handlersInstalled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        .exchanged
    else { return }
    // Touch every static before a handler can run, so a handler never runs a lazy initialiser.
    _ = pendingSignals.load(ordering: .relaxed)
    _ = cursesActive.load(ordering: .relaxed)
    _ = outputDescriptor.load(ordering: .relaxed)
    previousActions.initialize(repeating: sigaction(), count: 128)

    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { TerminalGuard.note(signal: $0) }
      #else
        action.__sigaction_u.__sa_handler = { TerminalGuard.note(signal: $0) }
      #endif
      sigaction(signal, &action, nil)
    }
    for signal in fatalSignals {
      var action = sigaction()
      sigemptyset(&action.sa_mask)
      // Reset to the default action on entry and do not block the signal, so that raising it
      // again from the handler ends the process the way it would have without us.
      action.sa_flags = Int32(truncatingIfNeeded: SA_NODEFER)
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { TerminalGuard.dieRestoringTerminal(signal: $0) }
      #else
        action.__sigaction_u.__sa_handler = { TerminalGuard.dieRestoringTerminal(signal: $0) }
      #endif
      sigaction(signal, &action, previousActions + Int(signal))
    }
    atexit { TerminalGuard.restoreTerminal() }
  }

  static func note(signal: Int32) {
    switch signal {
    case SIGINT: pendingSignals.bitwiseOr(interruptBit, ordering: .relaxed)
    case SIGTERM: pendingSignals.bitwiseOr(terminateBit, ordering: .relaxed)
    case SIGHUP: pendingSignals.bitwiseOr(hangupBit, ordering: .relaxed)
    default: break
    }
  }

  /// Restores the terminal, puts back the action we replaced and raises the signal again, so
  /// that the process ends the way it would have without us (with the runtime's backtrace, now
  /// on a usable terminal, or with the default action).
  static func dieRestoringTerminal(signal: Int32) {
    restoreTerminal()
    if signal >= 0 && signal < 128 { sigaction(signal, previousActions + Int(signal), nil) }
    raise(signal)
  }

  /// Takes the signals received since the last call, as events (interrupt, terminate, hangup).
  static func takeSignals() -> [Event] {
    let bits = pendingSignals.exchange(0, ordering: .acquiringAndReleasing)
    guard bits != 0 else { return [] }
    var events: [Event] = []
    if bits & interruptBit != 0 { events.append(.signal(.interrupt)) }
    if bits & terminateBit != 0 { events.append(.signal(.terminate)) }
    if bits & hangupBit != 0 { events.append(.signal(.hangup)) }
    return events
  }

  /// Gives the terminal back as it was: curses off, cursor visible, bracketed paste off.
  /// Runs at most once per curses session, whoever calls it first (shutdown, deinit, at-exit,
  /// a fatal signal).
  static func restoreTerminal() {
    guard cursesActive.exchange(false, ordering: .acquiringAndReleasing) else { return }
    _ = curs_set(1)
    _ = endwin()
    let off: StaticString = "\u{1B}[?2004l"
    _ = write(outputDescriptor.load(ordering: .relaxed), off.utf8Start, off.utf8CodeUnitCount)
  }
}
