import Domain
import Foundation

/// The boards' tally as the app keeps it: one for the boards and the Overview together, brought up
/// to the data when one of them is shown or the data changes while it is (only the records each
/// change touched, or all of them when that is not known), never inside `draw`. A committee too
/// large to count between two keys is counted on another thread; until it is done the readers
/// show how far the count is (`progress`) and the rest of the app works as usual.
public struct LiveTally: Sendable, Equatable {
  public private(set) var tally: BoardTally?
  private(set) var version = -1
  /// The count running in the background, if any.
  private(set) var counting: BackgroundTally?
  /// From how many records to count the whole committee in the background instead of at once.
  public var backgroundFrom = 20_000

  public init() {}

  public static func == (lhs: LiveTally, rhs: LiveTally) -> Bool {
    lhs.tally == rhs.tally && lhs.version == rhs.version && lhs.counting === rhs.counting
      && lhs.backgroundFrom == rhs.backgroundFrom
  }

  /// The sections that read the tally.
  static let readers: Set<Section> = [.overview, .boards]

  /// How far a background count is (0...1); nil when none is running.
  public var progress: Double? { counting?.fraction }

  /// Follows the data to `dataVersion`. While a background count runs, nothing changes until it is
  /// done; then the count is taken and caught up with the changes made meanwhile.
  mutating func follow(_ data: CommitteeState, dataVersion: Int, changes: ChangeLog) {
    if let running = counting {
      guard let counted = running.result else { return }
      counting = nil
      tally = counted
      version = running.version
    }
    guard version != dataVersion || tally == nil else { return }
    if var current = tally, let touched = changes.touched(since: version) {
      // Let go of the stored copy first, so the counts are changed in place, not copied whole.
      tally = nil
      current.follow(touched, to: data)
      tally = current
    } else if BoardTally.recordsToCount(in: data) >= backgroundFrom {
      tally = nil
      counting = BackgroundTally(data, version: dataVersion)
      return
    } else {
      tally = BoardTally(state: data)
    }
    version = dataVersion
  }

  /// How the roll-up counts this app's own committee at `dataVersion`: the tally when it is up to
  /// date, the background count when one runs for that version (waited for, not counted twice), else
  /// counted by the roll-up from `data`.
  func ownForRollup(_ data: CommitteeState, _ dataVersion: Int) -> RollupReading.Own {
    if let counting, counting.version == dataVersion { return .countedByBoards(counting) }
    if let tally, version == dataVersion, counting == nil { return .counted(tally) }
    return .toCount(data)
  }

  /// True when a background count has finished and waits to be taken by `follow`.
  var hasFinishedCount: Bool { counting?.result != nil }

  /// Holds a background count back while a key is answered: on two cores the
  /// count otherwise takes the time a first visit needs to build its rows. It resumes after.
  /// Returns the count held, for `release()` after; nil when none is running.
  func holdBackground() -> BackgroundTally? {
    guard let counting, counting.result == nil else { return nil }
    counting.hold()
    return counting
  }

  /// Waits for a background count to finish (for tests and the benchmark); true when it did in time.
  public func waitForCount(seconds: Double) -> Bool {
    guard let counting else { return true }
    return counting.wait(seconds: seconds)
  }
}

/// One count of a whole committee on a thread of its own, with how far it is.
final class BackgroundTally: @unchecked Sendable {
  let version: Int
  let total: Int
  /// Guards `done`, `counted` and `holds`; the count waits on it while held.
  private let lock = NSCondition()
  private let finished = DispatchSemaphore(value: 0)
  private var done = 0
  private var counted: BoardTally?
  /// How many keys are being answered: while above zero the count pauses at its next step.
  private var holds = 0

  init(_ data: CommitteeState, version: Int) {
    self.version = version
    self.total = max(1, BoardTally.recordsToCount(in: data))
    let thread = Thread { [self] in
      Thread.nameCurrent("tally")
      let tally = BoardTally(state: data) { done in
        self.lock.withLock {
          self.done = done
          // Paused at a step (every 256 records) while the app answers a key; a hold lasts one
          // key, so the wait is bounded, and the count goes on as soon as it ends.
          while self.holds > 0 { self.lock.wait() }
        }
        // And takes its turn with the other builds, so that the thread answering keys keeps a
        // core of its own: every few thousand records, or at once while a key is answered.
        if done % 4_096 == 0 || BackgroundGate.app.isHeld { BackgroundGate.app.pass(unless: { false }) }
      }
      BackgroundGate.app.leave()
      lock.withLock { counted = tally }
      finished.signal()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  func hold() { lock.withLock { holds += 1 } }

  func release() {
    lock.withLock {
      holds = max(0, holds - 1)
      if holds == 0 { lock.broadcast() }
    }
  }

  var fraction: Double { lock.withLock { min(1, Double(done) / Double(total)) } }

  var result: BoardTally? { lock.withLock { counted } }

  func wait(seconds: Double) -> Bool {
    if result != nil { return true }
    guard finished.wait(timeout: .now() + seconds) == .success else { return false }
    finished.signal()
    return true
  }
}

extension ScreenContext {
  /// The tally of the shell when it has one; empty while the shell counts in the background (the
  /// readers show the progress instead); else counted now (a context made outside the shell).
  var boardTally: BoardTally {
    if let tally { return tally }
    return tallyProgress != nil ? BoardTally() : BoardTally(state: data)
  }
}
