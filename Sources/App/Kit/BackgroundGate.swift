import Foundation

/// Lets work on other threads (a list's search keys) step aside while the app answers an event:
/// on two cores it would otherwise take the time a key needs. `Runtime.send` holds the app's gate
/// for each event; the work passes it between slices.
final class BackgroundGate: @unchecked Sendable {
  /// The gate `Runtime.send` holds.
  static let app = BackgroundGate()
  /// Held while the problems' index and keys are prepared after opening (`ProblemIndexBuild`): the
  /// lists' own key builds wait behind it, so that on two cores the largest list's keys, which the
  /// first `/` most often needs, are not shared out among five lists' builds.
  static let prepared = BackgroundGate()

  /// Guards `holds`; waiting work sleeps on it.
  private let condition = NSCondition()
  private var holds = 0

  func hold() { condition.withLock { holds += 1 } }

  func release() {
    condition.withLock {
      holds = max(0, holds - 1)
      if holds == 0 { condition.broadcast() }
    }
  }

  /// Returns when nothing holds the gate, or at once when `urgent` says the app waits for the
  /// work itself (a `/` pressed before its keys were in: pausing then would wait forever).
  func pass(unless urgent: () -> Bool) {
    condition.withLock {
      while holds > 0 && !urgent() { condition.wait() }
    }
  }

  /// Wakes work paused at the gate, so that it reads its `urgent` again.
  func wake() { condition.withLock { condition.broadcast() } }
}
