import Foundation

/// The problems list's search keys built on a thread of their own, from a copy of its rows taken
/// when the build started, a slice at a time between the events the app answers
/// (`BackgroundGate`). The list takes the copy when it is done and carries its keys through the
/// changes made meanwhile (`ProblemRows.takeFinishedKeys`).
final class ProblemKeysBuild: @unchecked Sendable, Equatable {
  /// Keys built per slice: a few milliseconds, so that an event waits little for the gate.
  static let slice = 4_000

  /// Guards `built`, `urgent`, `cancelled` and `done`.
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private let gate: BackgroundGate
  /// The prepared build whose keys this one hands over, hurried with it.
  private var adopted: ProblemIndexBuild?
  private var built: ProblemRows?
  private var urgent = false
  private var cancelled = false
  /// Keys built so far, of `total`.
  private var done = 0
  let total: Int

  /// A build that makes no keys of its own: it waits for those `prepared` is still making (from the
  /// state it was started on, whose index is `rows.index`) and hands them over as its own, so that
  /// the list carries them through the changes since, as it would keys it built.
  init(adopting prepared: ProblemIndexBuild, rows: ProblemRows, gate: BackgroundGate) {
    self.gate = gate
    adopted = prepared
    total = max(1, rows.index.count)
    let thread = Thread { [self] in
      while true {
        if lock.withLock({ cancelled }) { break }
        if let (keys, names) = prepared.takeKeys() {
          var copy = rows
          copy.allKeys = keys
          copy.keyNames = names
          lock.withLock {
            built = copy
            done = total
          }
          break
        }
        let count = prepared.keysBuilt
        lock.withLock { done = count }
        usleep(5_000)
      }
      finished.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  init(_ rows: ProblemRows, gate: BackgroundGate) {
    self.gate = gate
    total = max(1, rows.index.count)
    let thread = Thread { [self] in
      var copy = rows
      repeat {
        gate.pass(unless: { self.lock.withLock { self.urgent || self.cancelled } })
        if lock.withLock({ cancelled }) { break }
        let complete = copy.continueAllKeys(rows: Self.slice)
        let count = complete ? total : copy.partialAllKeys?.count ?? 0
        lock.withLock { done = count }
        if complete {
          // Handed over whole: the thread keeps no reference to the keys (see `take`).
          lock.lock()
          built = copy
          copy = ProblemRows()
          lock.unlock()
          break
        }
      } while true
      gate.leave()
      finished.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  static func == (lhs: ProblemKeysBuild, rhs: ProblemKeysBuild) -> Bool { lhs === rhs }

  /// The rows with every problem's keys, once built (as they were when the build started).
  var result: ProblemRows? { lock.withLock { built } }

  /// Hands the built rows over and lets go of them here, so that the taker holds the only copy of
  /// their keys and changes them in place (a shared copy made the first change after the build
  /// copy every key of a million problems); nil while the build runs.
  func take() -> ProblemRows? {
    lock.withLock {
      defer { built = nil }
      return built
    }
  }

  /// How far the build is (0...1).
  var fraction: Double { lock.withLock { Double(done) / Double(total) } }

  /// Stops the build at its next slice (its keys are no longer wanted).
  func cancel() {
    lock.withLock { cancelled = true }
    gate.wake()
  }

  /// Waits for the build, which no longer pauses for events (the app is waiting for it); true
  /// when it finished in time.
  func hurry(seconds: Double) -> Bool {
    adopted?.hurryKeys()
    lock.withLock { urgent = true }
    gate.wake()
    return wait(seconds: seconds)
  }

  /// Waits for the build to finish (tests); true when it did in time.
  func wait(seconds: Double) -> Bool {
    if result != nil { return true }
    guard finished.wait(timeout: .now() + seconds) == .success else { return false }
    finished.signal()
    return true
  }
}
