import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension Thread {
  /// Names the calling thread for the system (the move trace reads it from `/proc`): Foundation
  /// on Linux does not hand a thread's `name` on. At most 15 bytes are kept.
  static func nameCurrent(_ name: String) {
    #if canImport(Glibc)
      // A GNU extension Glibc's module does not export: looked up by name.
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np") else { return }
      typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
      let short = String(decoding: Array(name.utf8.prefix(15)), as: UTF8.self)
      _ = unsafeBitCast(symbol, to: SetName.self)(pthread_self(), short)
    #endif
  }
}

/// Lets work on other threads (a list's rows or search keys, the boards' count) step aside while
/// the app answers an event, and keeps it to one thread at a time while keys come: on two cores
/// the thread that answers keys then always has a core of its own. `Runtime` holds the app's gate
/// for each event's turn, from the key to the frame handed to the terminal; the work passes it
/// between slices and, between two passes, holds one of the gate's places (`places`).
final class BackgroundGate: @unchecked Sendable {
  /// The gate `Runtime` holds.
  static let app = BackgroundGate(places: 2)
  /// Held while the problems' index and keys are prepared after opening (`ProblemIndexBuild`): the
  /// lists' own key builds wait behind it, so that on two cores the largest list's keys, which the
  /// first `/` most often needs, are not shared out among five lists' builds.
  static let prepared = BackgroundGate(places: nil)

  /// How long after an event's turn the app counts as busy (the next key of a burst, of key repeat,
  /// comes sooner): one thread at work meanwhile, the gate's places once the app is idle.
  let busyNanoseconds: UInt64

  /// Guards everything below; waiting work sleeps on it.
  private let condition = NSCondition()
  private var holds = 0
  /// How many threads may be at work between two passes while the app is idle (nil: any number);
  /// one while it is busy.
  private let places: Int?
  /// The threads at work, each between its pass and its next pass (or `leave`).
  private var working: [pthread_t] = []
  /// The threads at work on a build a user waits for (a list shown before its rows are in): they
  /// take no place, and the others give theirs up at their next pass, so that it runs on its own.
  private var wantedWorking: [pthread_t] = []
  /// When the last turn ended (uptime in nanoseconds).
  private var lastRelease: UInt64 = 0

  /// A gate with `places` for work while the app is idle (nil: no limit, one while busy neither),
  /// busy for `busyMilliseconds` after each turn.
  init(places: Int? = nil, busyMilliseconds: UInt64 = 40) {
    self.places = places
    busyNanoseconds = busyMilliseconds * 1_000_000
  }

  func hold() { condition.withLock { holds += 1 } }

  /// Whether an event is being answered now: work in the middle of a long slice (a sort of a
  /// million rows) asks this every few hundred steps and waits at the gate when it is.
  var isHeld: Bool { condition.withLock { holds > 0 } }

  func release() {
    condition.withLock {
      holds = max(0, holds - 1)
      if holds == 0 {
        lastRelease = DispatchTime.now().uptimeNanoseconds
        condition.broadcast()
      }
    }
  }

  /// Returns when nothing holds the gate and a place is free (the caller's own, from its last pass,
  /// is given back first), or at once when `urgent` says the app waits for the work itself (a `/`
  /// pressed before its keys were in: pausing then would wait forever); urgent work takes no place.
  /// A build a user waits for (`wanted`) still pauses while an event is answered, but takes no place
  /// and has the others give theirs up.
  func pass(unless urgent: () -> Bool, wanted: () -> Bool = { false }) {
    let me = pthread_self()
    condition.withLock {
      leaveLocked(me)
      while !urgent() {
        guard holds == 0 else {
          condition.wait()
          continue
        }
        guard let places else { return }
        if wanted() {
          wantedWorking.append(me)
          return
        }
        let now = DispatchTime.now().uptimeNanoseconds
        let busyUntil = lastRelease &+ busyNanoseconds
        let open = (now >= busyUntil ? places : 1) - wantedWorking.count
        if working.count < open {
          working.append(me)
          return
        }
        // A place frees at the next pass of a thread at work; more places once the app is idle.
        if now < busyUntil, working.count < places - wantedWorking.count {
          _ = condition.wait(until: Date(timeIntervalSinceNow: Double(busyUntil - now) / 1e9))
        } else {
          condition.wait()
        }
      }
    }
  }

  /// Gives the caller's place back: its work is done (or waits elsewhere).
  func leave() {
    let me = pthread_self()
    condition.withLock { leaveLocked(me) }
  }

  private func leaveLocked(_ thread: pthread_t) {
    if let index = working.firstIndex(where: { pthread_equal($0, thread) != 0 }) {
      working.remove(at: index)
    } else if let index = wantedWorking.firstIndex(where: { pthread_equal($0, thread) != 0 }) {
      wantedWorking.remove(at: index)
    } else {
      return
    }
    condition.broadcast()
  }

  /// How many threads are at work between two passes (tests).
  var workingCount: Int { condition.withLock { working.count + wantedWorking.count } }

  /// Wakes work paused at the gate, so that it reads its `urgent` again.
  func wake() { condition.withLock { condition.broadcast() } }
}
