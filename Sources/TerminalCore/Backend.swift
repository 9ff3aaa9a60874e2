/// What the runtime needs from a terminal: its size, a way to show a frame, and input.
/// The curses backend is one; tests use `VirtualBackend`.
public protocol TerminalBackend: AnyObject {
  /// The terminal's size now.
  var size: Size { get }
  /// Shows a frame (only what changed since the last one is sent) and places the cursor.
  func present(_ canvas: Canvas)
  /// Waits up to `timeoutMilliseconds` for input and returns the events decoded from it
  /// (an empty list when the time ran out).
  func nextEvents(timeoutMilliseconds: Int) -> [Event]
  /// A signal (SIGTERM, SIGHUP, SIGINT) that arrived since the events were read, if any: the
  /// runtime asks between events, so that a long burst (a big paste) never delays quitting.
  func takeSignal() -> Event?
  /// Ctrl-Z: hands the terminal back to the shell until `fg`, then redraws everything.
  func suspend()
}

extension TerminalBackend {
  public func takeSignal() -> Event? { nil }
  public func suspend() {}
}

/// A terminal in memory, for tests: events are queued in, frames are kept for reading.
public final class VirtualBackend: TerminalBackend {
  public var size: Size
  public private(set) var screen: Canvas
  public private(set) var framesPresented = 0
  /// How many times the app asked to be suspended (Ctrl-Z).
  public private(set) var suspensions = 0
  private var queue: [Event] = []
  private var bursts: [[Event]] = []
  private var signalCountdown: (after: Int, event: Event)?

  public init(size: Size = Size(width: 80, height: 24)) {
    self.size = size
    self.screen = Canvas(size: size)
  }

  /// Queues events for the runtime to read.
  public func enqueue(_ events: [Event]) { queue.append(contentsOf: events) }

  /// Queues the characters of `text` as key presses.
  public func type(_ text: String) { queue.append(contentsOf: text.map { .key(.character($0)) }) }

  public var hasPendingEvents: Bool { !queue.isEmpty || !bursts.isEmpty }

  public func present(_ canvas: Canvas) {
    screen = canvas
    framesPresented += 1
  }

  /// Queues events that arrive together, as a paste without bracketed paste mode does: the
  /// runtime gets them in one read.
  public func enqueueBurst(_ events: [Event]) { bursts.append(events) }

  /// A signal that arrives after the runtime has asked `takeSignal` `after` more times.
  public func raise(_ signal: Signal, after polls: Int) {
    signalCountdown = (polls, .signal(signal))
  }

  public func nextEvents(timeoutMilliseconds: Int) -> [Event] {
    if !bursts.isEmpty { return bursts.removeFirst() }
    guard !queue.isEmpty else { return [] }
    return [queue.removeFirst()]
  }

  public func takeSignal() -> Event? {
    guard let (after, event) = signalCountdown else { return nil }
    if after > 0 {
      signalCountdown = (after - 1, event)
      return nil
    }
    signalCountdown = nil
    return event
  }

  public func suspend() { suspensions += 1 }

  /// Changes the size and queues the resize event a terminal would send.
  public func resize(to newSize: Size) {
    size = newSize
    queue.append(.resize(newSize))
  }
}
