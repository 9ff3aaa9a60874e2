import Domain
import Foundation
import Widgets

/// A following list's search keys built on a thread of their own from its first visit, from the
/// rows' references as they were then, a slice at a time between the events the app answers
/// (`BackgroundGate`), so that the visit draws at once and `/` seldom waits. The list takes the
/// keys in on a tick or at `/` (`RecordRows.takeFinishedKeys`), those of the rows relisted
/// meanwhile made again.
final class RowKeysBuild: @unchecked Sendable {
  /// Keys built per slice: a few milliseconds, so that an event waits little for the gate.
  static let slice = 2_000

  /// Guards `built`, `urgent`, `cancelled` and `done`.
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private let gate: BackgroundGate
  private var built: SearchKeys?
  private var urgent = false
  private var cancelled = false
  /// Keys built so far, of `refs.count`.
  private var done = 0
  /// The rows the keys are of, in order.
  let refs: [RecordRef]

  init(refs: [RecordRef], cells: RowCells, gate: BackgroundGate) {
    self.refs = refs
    self.gate = gate
    let thread = Thread { [self] in
      var keys = SearchKeys()
      keys.reserve(rows: refs.count, bytes: refs.count * 48)
      var row = 0
      while row < refs.count {
        gate.pass(unless: { self.lock.withLock { self.urgent || self.cancelled } })
        BackgroundGate.prepared.pass(unless: { self.lock.withLock { self.urgent || self.cancelled } })
        if lock.withLock({ cancelled }) { break }
        let end = min(refs.count, row + Self.slice)
        while row < end {
          keys.append(cells.key(of: refs[row]))
          row += 1
        }
        lock.withLock { done = row }
      }
      if row == refs.count { lock.withLock { built = keys } }
      finished.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The references and their keys, once built.
  var result: ([RecordRef], SearchKeys)? { lock.withLock { built.map { (refs, $0) } } }

  /// How far the build is (0...1).
  var fraction: Double { lock.withLock { Double(done) / Double(max(1, refs.count)) } }

  /// Stops the build at its next slice (its keys are no longer wanted).
  func cancel() {
    lock.withLock { cancelled = true }
    gate.wake()
    BackgroundGate.prepared.wake()
  }

  /// Waits for the build, which no longer pauses for events (the app is waiting for it); true
  /// when it finished in time.
  func hurry(seconds: Double) -> Bool {
    lock.withLock { urgent = true }
    gate.wake()
    BackgroundGate.prepared.wake()
    return wait(seconds: seconds)
  }

  /// Waits for the build to finish (tests); true when it did in time.
  func wait(seconds: Double) -> Bool {
    if result != nil { return true }
    guard finished.wait(timeout: .now() + seconds) == .success else { return false }
    finished.signal()
    return result != nil
  }

  /// The build as the rows hold it: when the last copy of the rows lets go (rows made anew, the
  /// section's rows dropped), the build stops instead of making keys nobody will take.
  final class Handle: @unchecked Sendable {
    let build: RowKeysBuild
    init(_ build: RowKeysBuild) { self.build = build }
    deinit { build.cancel() }
  }
}
