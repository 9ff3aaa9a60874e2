import Domain
import Foundation
import Widgets

/// A following list's search keys built on a thread of their own from its first visit, from the
/// rows' references as they were then, a slice at a time between the events the app answers
/// (`BackgroundGate`), so that the visit draws at once and `/` seldom waits. The list takes the
/// keys in on a tick or at `/` (`RecordRows.takeFinishedKeys`), those of the rows relisted
/// meanwhile made again. Waiting, hurrying and cancelling are the `BackgroundBuild`'s.
final class RowKeysBuild: @unchecked Sendable {
  /// Keys built per slice: a few milliseconds, so that an event waits little for the gate.
  static let slice = 2_000

  /// The rows the keys are of, in order.
  let refs: [RecordRef]
  /// The keys being made; it passes the app's gate and waits while the problems' keys are
  /// prepared (`BackgroundGate.prepared`).
  let build: BackgroundBuild<SearchKeys>

  init(refs: [RecordRef], cells: RowCells, gate: BackgroundGate) {
    self.refs = refs
    build = BackgroundBuild(gates: [gate, .prepared]) { progress in
      var keys = SearchKeys()
      keys.reserve(rows: refs.count, bytes: refs.count * 48)
      var row = 0
      while row < refs.count {
        guard progress.step(done: row, total: refs.count) else { return nil }
        let end = min(refs.count, row + Self.slice)
        while row < end {
          // A key that comes mid-slice waits a few hundred rows at most.
          if row % RecordRows.pauseEvery == 0, !progress.pauseIfHeld() { return nil }
          keys.append(cells.key(of: refs[row]))
          row += 1
        }
        if row == Self.slice { keys.reserveLikeSoFar(rows: refs.count) }
      }
      keys.fit()
      return keys
    }
    // Made for a list on screen, whose `/` may come at any moment: the builds nobody looks at yet
    // (other lists' rows, the boards' count) give it their turn.
    build.markWanted()
    build.start(name: "row keys")
  }

  /// The references and their keys, once built.
  var result: ([RecordRef], SearchKeys)? { build.result.map { (refs, $0) } }

  /// How far the build is (0...1).
  var fraction: Double { build.fraction }

  /// Stops the build at its next slice (its keys are no longer wanted).
  func cancel() { build.cancel() }

  /// Waits for the build, which no longer pauses for events (the app is waiting for it); true
  /// when it finished in time.
  func hurry(seconds: Double) -> Bool { build.hurry(seconds: seconds) }

  /// Waits for the build to finish (tests); true when it did in time.
  func wait(seconds: Double) -> Bool { build.wait(seconds: seconds) }

  /// The build as the rows hold it: when the last copy of the rows lets go (rows made anew, the
  /// section's rows dropped), the build stops instead of making keys nobody will take.
  final class Handle: @unchecked Sendable {
    let build: RowKeysBuild
    init(_ build: RowKeysBuild) { self.build = build }
    deinit { build.cancel() }
  }
}

extension RowKeysBuild {
  /// A finished build's keys carried to the rows as they are now: each row the build knew and
  /// that was not relisted since keeps its key; the others (a few) are made by `key` (of a row).
  static func carry<ID: Hashable>(
    _ built: SearchKeys, builtRows: some Sequence<ID>, to rows: [ID], relisted: Set<ID>, key: (Int) -> String
  ) -> SearchKeys {
    var builtRow: [ID: Int32] = [:]
    builtRow.reserveCapacity(rows.count)
    for (row, id) in builtRows.enumerated() { builtRow[id] = Int32(row) }
    var carried: [Int32] = []
    var fresh: [Int] = []
    for (row, id) in rows.enumerated() {
      if !relisted.contains(id), let old = builtRow[id] { carried.append(old) } else { fresh.append(row) }
    }
    var keys = built.gather(carried)
    // In row order, so that each lands where its row is.
    for row in fresh { keys.insert(key(row), at: row) }
    return keys
  }
}
