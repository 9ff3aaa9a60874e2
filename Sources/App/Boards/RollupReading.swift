import Domain
import Foundation

/// Where the roll-up reads a shared database's committees. A source is made for each roll-up (`c`)
/// and used from the roll-up's own thread only: the names first, then each committee but this app's
/// own, then `close`.
public struct RollupSource: Sendable {
  /// This app's committee: counted from the records in memory instead of read again.
  public var own: String
  /// The database's committees, in the order the roll-up lists them.
  public var names: @Sendable () -> Result<[String], UserMessage>
  /// One committee's records as they stand now.
  public var read: @Sendable (String) -> Result<CommitteeState, UserMessage>
  /// Lets the source's connection go.
  public var close: @Sendable () -> Void

  public init(
    own: String, names: @escaping @Sendable () -> Result<[String], UserMessage>,
    read: @escaping @Sendable (String) -> Result<CommitteeState, UserMessage>,
    close: @escaping @Sendable () -> Void = {}
  ) {
    self.own = own
    self.names = names
    self.read = read
    self.close = close
  }
}

/// One reading of the committees for the roll-up, on a thread of its own: each committee is read
/// and counted in turn while the app keeps answering keys (it pauses while one is answered, as the
/// boards' background count does). The roll-up shows what it has so far; `cancel` (Esc) stops it
/// at its next step.
public final class RollupReading: @unchecked Sendable, Equatable {
  /// Where one committee stands.
  enum Status: Equatable, Sendable {
    case waiting
    case reading
    /// Counted so far (0...1).
    case counting(Double)
    case counted(BoardTally)
    /// Why it could not be read.
    case failed(UserMessage)
  }

  /// What the reading has so far.
  struct Progress: Equatable, Sendable {
    /// Nil until the names are in.
    var names: [String]?
    var statuses: [Status] = []
    /// Why not even the names could be read.
    var failure: UserMessage?
    var finished = false

    /// The committee being read or counted, with its place (1-based).
    var current: (index: Int, name: String, status: Status)? {
      guard let names else { return nil }
      for (index, status) in statuses.enumerated() {
        switch status {
        case .reading, .counting: return (index + 1, names[index], status)
        default: continue
        }
      }
      return nil
    }

    var countedCount: Int {
      statuses.reduce(0) { if case .counted = $1 { $0 + 1 } else { $0 } }
    }
  }

  /// How this app's own committee is counted: already counted, being counted by the boards' own
  /// background count (waited for, not counted twice), or to count here.
  enum Own: @unchecked Sendable {
    case counted(BoardTally)
    case countedByBoards(BackgroundTally)
    case toCount(CommitteeState)
  }

  public static func == (lhs: RollupReading, rhs: RollupReading) -> Bool { lhs === rhs }

  /// Guards everything below; the thread waits on it while held.
  private let lock = NSCondition()
  private let finishedSignal = DispatchSemaphore(value: 0)
  private var state = Progress()
  private var cancelled = false
  /// Set by the thread when it stopped for a cancel: from then on the reading cannot be taken up again.
  private var stopped = false
  /// How many events are being answered: while above zero the reading pauses at its next step.
  private var holds = 0

  init(source: RollupSource, own: Own) {
    let thread = Thread { [self] in
      BackgroundPriority.lowerCurrentThread()
      run(source, own: own)
      source.close()
      lock.withLock { state.finished = true }
      finishedSignal.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  private func run(_ source: RollupSource, own: Own) {
    if pause() { return }
    let names: [String]
    switch source.names() {
    case .failure(let why):
      lock.withLock { state.failure = why }
      return
    case .success(let read):
      names = read
      lock.withLock {
        state.names = read
        state.statuses = Array(repeating: .waiting, count: read.count)
      }
    }
    for (index, name) in names.enumerated() {
      if pause() { return }
      set(index, .reading)
      let data: CommitteeState
      if name == source.own {
        switch own {
        case .counted(let tally):
          set(index, .counted(tally))
          continue
        case .countedByBoards(let count):
          while !count.wait(seconds: 0.2) {
            if pause() { return }
            set(index, .counting(count.fraction))
          }
          if let tally = count.result {
            set(index, .counted(tally))
            continue
          }
          return
        case .toCount(let state):
          data = state
        }
      } else {
        switch source.read(name) {
        case .failure(let why):
          set(index, .failed(why))
          continue
        case .success(let read):
          data = read
        }
      }
      if pause() { return }
      let total = Double(max(1, BoardTally.recordsToCount(in: data)))
      set(index, .counting(0))
      let tally = BoardTally(state: data) { done in
        self.lock.withLock {
          self.state.statuses[index] = .counting(min(1, Double(done) / total))
          // Paused at a step (every few thousand records) while the app answers an event.
          while self.holds > 0 && !self.cancelled { self.lock.wait() }
        }
      }
      if pause() { return }
      set(index, .counted(tally))
    }
  }

  private func set(_ index: Int, _ status: Status) {
    lock.withLock { state.statuses[index] = status }
  }

  /// Waits while an event is answered; true when the reading was cancelled (it stops there).
  private func pause() -> Bool {
    lock.withLock {
      while holds > 0 && !cancelled { lock.wait() }
      if cancelled { stopped = true }
      return cancelled
    }
  }

  /// What the reading has so far.
  var progress: Progress { lock.withLock { state } }

  /// Holds the reading back while an event is answered; returns itself for `release`, nil when done.
  func hold() -> RollupReading? {
    lock.withLock {
      guard !state.finished else { return nil }
      holds += 1
      return self
    }
  }

  func release() {
    lock.withLock {
      holds = max(0, holds - 1)
      if holds == 0 { lock.broadcast() }
    }
  }

  /// Stops at the next step: nothing more is read or counted (Esc leaves the roll-up at once).
  func cancel() {
    lock.withLock {
      cancelled = true
      lock.broadcast()
    }
  }

  /// Takes a cancelled reading up again where it is, when its thread has not stopped yet (Esc, then
  /// `c` again while a committee is still being read): nothing read is read twice. False when it
  /// stopped or finished; a new reading is needed then.
  func resume() -> Bool {
    lock.withLock {
      guard !stopped, !state.finished else { return false }
      cancelled = false
      return true
    }
  }

  /// Waits for the reading to end (for tests); true when it did in time.
  public func wait(seconds: Double) -> Bool {
    if lock.withLock({ state.finished }) { return true }
    guard finishedSignal.wait(timeout: .now() + seconds) == .success else { return false }
    finishedSignal.signal()
    return true
  }
}
