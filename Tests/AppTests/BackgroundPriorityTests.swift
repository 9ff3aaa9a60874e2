import Foundation
import Testing

@testable import App

#if canImport(Glibc)
  import Glibc
#endif

/// The app's background work (counts, keys, indexes) runs below the thread that answers keys, so
/// that on two cores a move does not wait for a build's turn.
@Suite struct BackgroundWorkStepsAside {
  /// Guards the priority a thread read of itself.
  final class Seen: @unchecked Sendable {
    let lock = NSLock()
    var priority: Int32?
  }

  #if os(Linux)
    @Test("a background thread runs at the lowest priority, and the thread that started it keeps its own")
    func aBackgroundThreadRunsBelowTheApp() {
      let mine = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
      let seen = Seen()
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        BackgroundPriority.lowerCurrentThread()
        let priority = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        seen.lock.withLock { seen.priority = priority }
        done.signal()
      }
      thread.start()
      #expect(done.wait(timeout: .now() + 30) == .success)
      #expect(seen.lock.withLock { seen.priority } == BackgroundPriority.nice)
      #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == mine, "only the background thread")
      #expect(BackgroundPriority.nice > mine)
    }
  #endif
}
