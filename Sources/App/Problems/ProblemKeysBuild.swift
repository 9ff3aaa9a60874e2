import Domain
import Foundation
import Widgets

/// The problems list's search keys built on another thread, from a copy of its rows taken when the
/// build started, a slice at a time between the events the app answers (`BackgroundGate`), or
/// adopted from those the problems' preparation is still making (`ProblemIndexBuild`). The list
/// takes the keys when they are done and carries them through the changes made meanwhile
/// (`ProblemRows.takeFinishedKeys`). Waiting, hurrying and cancelling are the `BackgroundBuild`'s.
final class ProblemKeysBuild: @unchecked Sendable, Equatable {
  /// Keys built per slice: a few milliseconds, so that an event waits little for the gate.
  static let slice = 4_000

  /// Every problem's keys, the names they were made with, and the problems they are of, by index
  /// position (ID order) as the build started.
  struct Made: Sendable {
    var keys: SearchKeys
    var names: ProblemRows.KeyNames
    var ids: [ProblemID]
  }

  /// The keys being made.
  let build: BackgroundBuild<Made>

  /// A build that makes no keys of its own: it is the build `prepared` is still making them in
  /// (from the state it was started on), which the list then carries through the changes since, as
  /// it would keys it built. Cancelling it stops that build: nobody else takes those keys.
  init(adopting prepared: BackgroundBuild<Made>) {
    build = prepared
    // The list is on screen and its `/` may come at any moment: the builds nobody looks at yet
    // (other lists' rows, the boards' count) give these keys their turn.
    build.markWanted()
  }

  init(_ rows: ProblemRows, gate: BackgroundGate) {
    build = BackgroundBuild(gate: gate) { progress in Self.make(from: rows, progress: progress) }
    build.markWanted()
    build.start(name: "problem keys")
  }

  /// Every problem's keys of `rows`, a slice between two steps of `progress`; nil when it says stop.
  static func make(from rows: ProblemRows, progress: any BuildProgress) -> Made? {
    var copy = rows
    copy.partialAllKeys = nil
    copy.keys = nil
    let total = copy.index.count
    // A step every slice; between two, a look at the gate every few hundred keys, so that a key
    // that comes mid-slice does not wait for the rest of it.
    var sinceStep = slice
    repeat {
      if sinceStep >= slice {
        guard progress.step(done: copy.partialAllKeys?.count ?? 0, total: total) else { return nil }
        sinceStep = 0
      } else {
        guard progress.pauseIfHeld() else { return nil }
      }
      sinceStep += RecordRows.pauseEvery
    } while !copy.continueAllKeys(rows: RecordRows.pauseEvery)
    guard let keys = copy.allKeys else { return nil }
    return Made(keys: keys, names: copy.keyNames, ids: copy.index.ids)
  }

  static func == (lhs: ProblemKeysBuild, rhs: ProblemKeysBuild) -> Bool { lhs.build === rhs.build }

  /// The keys, once built (as they were when the build started).
  var result: Made? { build.result }

  /// Hands the built keys over and lets go of them here (see `BackgroundBuild.take`); nil while
  /// the build runs.
  func take() -> Made? { build.take() }

  /// How far the build is (0...1).
  var fraction: Double { build.fraction }

  /// Stops the build at its next slice (its keys are no longer wanted).
  func cancel() { build.cancel() }

  /// Waits for the build, which no longer pauses for events (the app is waiting for it); true
  /// when it finished in time.
  func hurry(seconds: Double) -> Bool { build.hurry(seconds: seconds) }

  /// Waits for the build to finish (tests); true when it did in time.
  func wait(seconds: Double) -> Bool { build.wait(seconds: seconds) }
}
