import Domain
import Foundation
import Localization

/// A list's rows made on another thread: the rows, the data version they were made at (the list
/// carries them through the changes since, as it carries its own rows), and the summary line made
/// with them, for the width it was made for.
struct BuiltRows<Source: Sendable>: Sendable {
  var rows: Source
  var version: Int
  var language: Language
  var today: Day
  var summary: String
  var summaryWidth: Int
}

/// The large kit lists' rows made on another thread, from the app's first tick (in the order of the
/// sections: the one a user most likely visits first, first) or from a list's first visit, one list
/// at a time (`BackgroundQueue`), each pausing while the app answers an event. A list visited
/// before its rows are in says how far they are and takes them in when they are made
/// (`RecordListScreen.pending`). Shared by every version of `SharedIndexes` of one run of the app.
final class RowsPreparation: @unchecked Sendable {
  /// From how many records a list's rows are made on another thread (below, on the spot: a short
  /// list costs less than a frame). Supervision's 20,000 topics of a million-record committee took
  /// 30–60 ms on the spot while the other builds ran, so they are made here too.
  static let backgroundFrom = 10_000

  /// The thread the rows (and problems by source) are made on.
  let queue = BackgroundQueue()
  /// From how many records (tests lower it).
  let from: Int
  /// The gate the builds pause at (tests hold their own).
  let gate: BackgroundGate

  /// Guards `builds`, `started` and `completed`.
  private let lock = NSLock()
  /// Each list's build, by spec, until the list takes its rows.
  private var builds: [ObjectIdentifier: AnyObject] = [:]
  private var started = false
  /// When each list's rows were made (`DispatchTime`'s uptime in nanoseconds; `bench app`'s
  /// `rows_complete_ms`), by section.
  private var completed: [Section: UInt64] = [:]

  init(from: Int = RowsPreparation.backgroundFrom, gate: BackgroundGate = .app) {
    self.from = from
    self.gate = gate
  }

  /// True the first time only: the builds of the app's first tick start once per run.
  func beginOnce() -> Bool {
    lock.withLock {
      defer { started = true }
      return !started
    }
  }

  /// When each list's rows made on another thread were done (uptime in nanoseconds).
  var completionTimes: [Section: UInt64] { lock.withLock { completed } }

  /// The build of `Spec`'s rows: the one under way or made, else one queued now for `context`.
  /// Nil when the list is short enough to be made on the spot.
  func build<Spec: RecordListSpec>(_ spec: Spec.Type, context: ScreenContext)
    -> BackgroundBuild<BuiltRows<Spec.Source>>?
  {
    guard let count = Spec.rowCount(in: context.data), count >= from else { return nil }
    let key = ObjectIdentifier(spec)
    let (build, isNew): (BackgroundBuild<BuiltRows<Spec.Source>>, Bool) = lock.withLock {
      if let known = builds[key] as? BackgroundBuild<BuiltRows<Spec.Source>> { return (known, false) }
      let made = BackgroundBuild<BuiltRows<Spec.Source>>(gate: gate) { [self] progress in
        let rows = Spec.rows(context: context, progress: progress)
        guard progress.step(done: 1, total: 1) else { return nil }
        // Made with the rows: a summary counts over every record (the consultations' walks
        // eighty thousand), and its counts are kept by the indexes from then on.
        let summary = Spec.summary(context: context)
        let built = BuiltRows(
          rows: rows, version: context.dataVersion, language: context.language, today: context.today,
          summary: summary, summaryWidth: context.body.width)
        let now = DispatchTime.now().uptimeNanoseconds
        lock.withLock { completed[Spec.section] = now }
        return built
      }
      builds[key] = made
      return (made, true)
    }
    if isNew { queue.enqueue(build) }
    return build
  }

  /// Forgets `Spec`'s build once the list has taken its rows (or its build stopped): a later build
  /// of them starts from the data of then.
  func forget<Spec: RecordListSpec>(_ spec: Spec.Type) {
    let build = lock.withLock { builds.removeValue(forKey: ObjectIdentifier(spec)) }
    (build as? BackgroundBuild<BuiltRows<Spec.Source>>)?.cancel()
  }
}

extension RecordListSpec {
  /// Starts this list's rows on another thread if it is long (the app's first tick).
  static func prepareRows(context: ScreenContext) {
    _ = context.indexes.rowsPreparation.build(Self.self, context: context)
  }
}
