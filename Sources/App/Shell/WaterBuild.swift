import Domain
import Foundation

/// Every river's and segment's water summary, and the patrol counts they are followed with, made on
/// a thread of its own once a large committee is open. The Overview shows them only once the boards'
/// count is in, and the patrols list reads the counts on its first visit: made before the first
/// screen, they cost a large store's opening a tenth of its time; made when first read, they would
/// cost that read (a tick, or a key) a few hundred milliseconds.
enum WaterBuild {
  /// From how many patrols the summaries are made in the background rather than when first read.
  static let backgroundFrom = 20_000

  /// What the build makes.
  struct Made: Sendable {
    let summaries: WaterSummaries
    let counts: PatrolCounts
  }

  /// Starts making `data`'s summaries and counts. Each pass steps aside while a key is answered (a
  /// first visit builds its rows with both cores), unless the build is hurried: the key being
  /// answered is the one waiting for it.
  static func start(from data: CommitteeState, gate: BackgroundGate = .app) -> BackgroundBuild<Made> {
    let build = BackgroundBuild<Made>(gate: gate) { progress in
      guard progress.step(done: 0, total: 2) else { return nil }
      // Two passes over every patrol: each looks at the gate every few hundred patrols.
      let summaries = data.waterSummariesWithSegments(pause: { _ = progress.pauseIfHeld() })
      guard progress.step(done: 1, total: 2) else { return nil }
      return Made(summaries: summaries, counts: PatrolCounts(data, pause: { _ = progress.pauseIfHeld() }))
    }
    build.start(name: "water")
    return build
  }
}
