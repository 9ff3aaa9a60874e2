import Domain
import Foundation

/// Every river's and segment's water summary, and the patrol counts they are followed with, made on
/// a thread of its own once a large committee is open. The Overview shows them only once the boards'
/// count is in, and the patrols list reads the counts on its first visit: made before the first
/// screen, they cost a large store's opening a tenth of its time; made when first read, they would
/// cost that read (a tick, or a key) a few hundred milliseconds.
final class WaterBuild: @unchecked Sendable {
  /// From how many patrols the summaries are made in the background rather than when first read.
  static let backgroundFrom = 20_000

  /// The data the summaries are made from.
  let source: CommitteeState
  private let lock = NSLock()
  private let finished = DispatchSemaphore(value: 0)
  private var made: (summaries: WaterSummaries, counts: PatrolCounts)?
  /// Someone waits for the summaries: the build no longer steps aside for keys.
  private var urgent = false

  init(from data: CommitteeState, gate: BackgroundGate = .app) {
    source = data
    let thread = Thread { [self] in
      // Each pass steps aside while a key is answered (a first visit builds its rows with both
      // cores), unless the key being answered is the one waiting for the summaries.
      gate.pass(unless: { self.lock.withLock { self.urgent } })
      let summaries = data.waterSummariesWithSegments()
      gate.pass(unless: { self.lock.withLock { self.urgent } })
      let counts = PatrolCounts(data)
      lock.withLock { made = (summaries, counts) }
      finished.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The summaries and counts of `source`, waiting for them if they are not made yet.
  func wait(gate: BackgroundGate = .app) -> (summaries: WaterSummaries, counts: PatrolCounts) {
    if let made = lock.withLock({ made }) { return made }
    lock.withLock { urgent = true }
    gate.wake()
    finished.wait()
    finished.signal()
    return lock.withLock { made } ?? (source.waterSummariesWithSegments(), PatrolCounts(source))
  }
}
