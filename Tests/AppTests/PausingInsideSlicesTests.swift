import Foundation
import Testing

@testable import App

/// Work with no slices of its own (a sort of a million rows) still steps aside while a key is
/// answered: a key that came in the middle of it does not wait for the rest of it.
@Suite struct PausingInsideSlices {
  /// What the sort on the build's thread has done so far.
  final class Sorting: @unchecked Sendable {
    let lock = NSLock()
    var comparisons = 0
    let started = DispatchSemaphore(value: 0)
    let goOn = DispatchSemaphore(value: 0)

    var count: Int { lock.withLock { comparisons } }
  }

  @Test("a sort on another thread pauses while a key is answered, and ends sorted after it")
  func aSortPausesWhileAKeyIsAnswered() {
    let gate = BackgroundGate()
    let sorting = Sorting()
    let values = (0..<200_000).map { ($0 &* 7_919) % 200_003 }
    let build = BackgroundBuild<[Int]>(gate: gate) { progress in
      var sorted = values
      let wanted = progress.sort(&sorted) { left, right in
        let first = sorting.lock.withLock {
          sorting.comparisons += 1
          return sorting.comparisons == 1
        }
        if first {
          // The key comes in the middle of the sort.
          sorting.started.signal()
          sorting.goOn.wait()
        }
        return left < right
      }
      return wanted ? sorted : nil
    }
    build.start(name: "test sort")
    #expect(sorting.started.wait(timeout: .now() + 30) == .success)
    gate.hold()
    sorting.goOn.signal()
    // Within a few hundred comparisons the sort sees the gate held and waits there.
    Thread.sleep(forTimeInterval: 0.2)
    let paused = sorting.count
    Thread.sleep(forTimeInterval: 0.2)
    #expect(sorting.count == paused, "no comparison while the key is answered")
    #expect(paused < 2 * 512, "it paused within its next look at the gate")
    #expect(!build.isFinished)
    gate.release()
    #expect(build.wait(seconds: 60))
    #expect(build.result == values.sorted())
  }
}
