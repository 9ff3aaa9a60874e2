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

/// While keys come, one background build works at a time, so that on two cores the thread that
/// answers them always has a core of its own; once the app is idle, the gate's places are open.
@Suite struct OneBuildAtATimeWhileKeysCome {
  /// A thread that passes `gate` once and says when it got through.
  final class Passer: @unchecked Sendable {
    let through = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    let leave = DispatchSemaphore(value: 0)

    init(_ gate: BackgroundGate, urgent: Bool = false, wanted: Bool = false) {
      let thread = Thread { [self] in
        gate.pass(unless: { urgent }, wanted: { wanted })
        through.signal()
        leave.wait()
        gate.leave()
        done.signal()
      }
      thread.start()
    }

    func passed(within seconds: Double) -> Bool { through.wait(timeout: .now() + seconds) == .success }

    func finish() {
      leave.signal()
      _ = done.wait(timeout: .now() + 30)
    }
  }

  @Test("an idle app lets two builds work together")
  func anIdleAppLetsTwoBuildsWork() {
    let gate = BackgroundGate(places: 2)
    let first = Passer(gate)
    let second = Passer(gate)
    #expect(first.passed(within: 30))
    #expect(second.passed(within: 30))
    #expect(gate.workingCount == 2)
    first.finish()
    second.finish()
    #expect(gate.workingCount == 0)
  }

  @Test("right after a key, a second build waits until the first gives its place back")
  func afterAKeyASecondBuildWaits() {
    // Busy for a minute after each turn: the test does not depend on how fast the machine is.
    let gate = BackgroundGate(places: 2, busyMilliseconds: 60_000)
    gate.hold()
    let first = Passer(gate)
    #expect(!first.passed(within: 0.05), "nothing works while the key is answered")
    gate.release()
    #expect(first.passed(within: 30))
    let second = Passer(gate)
    #expect(!second.passed(within: 0.1), "one build at a time while keys come")
    first.finish()
    #expect(second.passed(within: 30))
    second.finish()
  }

  @Test("a build the app waits for passes at once, without taking a place")
  func aBuildTheAppWaitsForPassesAtOnce() {
    let gate = BackgroundGate(places: 2, busyMilliseconds: 60_000)
    gate.hold()
    let hurried = Passer(gate, urgent: true)
    #expect(hurried.passed(within: 30))
    #expect(gate.workingCount == 0)
    gate.release()
    hurried.finish()
  }

  @Test("a build a user waits for works at once, and the others wait until it is done")
  func aBuildAUserWaitsForGoesFirst() {
    let gate = BackgroundGate(places: 2, busyMilliseconds: 60_000)
    gate.hold()
    gate.release()
    let wanted = Passer(gate, wanted: true)
    #expect(wanted.passed(within: 30), "it takes no place")
    let other = Passer(gate)
    #expect(!other.passed(within: 0.1), "the others step aside while it works")
    wanted.finish()
    #expect(other.passed(within: 30))
    other.finish()
  }
}
