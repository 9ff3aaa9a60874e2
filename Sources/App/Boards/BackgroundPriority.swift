import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The scheduling priority of the app's background work that nobody waits for and that does not
/// step aside at each key (the members' participation, the roll-up's reading):
/// lower than the thread that answers keys. On two cores these builds otherwise take turns with
/// it, and a move waits a few milliseconds for a turn; at the lowest priority they run in every
/// moment it leaves, and step aside at once. Work the app may wait for (a list's search keys at
/// `/`, the problems' index at their first visit) keeps the app's priority: a thread whose app
/// waits for it would be last in line on a machine busy with other programs. So does the boards'
/// count, which already pauses while a key is answered: lowered too, it was ready 50% later while
/// a session worked (the Overview says "counting…" that much longer).
enum BackgroundPriority {
  /// The nice value of a background thread. On Linux it is the thread's own, and it weighs only
  /// against the threads of this app's session (the kernel's autogroups): other programs do not
  /// starve the builds because of it.
  static let nice: Int32 = 19

  /// Lowers the calling thread's priority: the first thing each background thread does.
  static func lowerCurrentThread() {
    #if os(Linux)
      // `who` 0 is the calling thread: Linux keeps a nice value per thread, not per process.
      _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
    #endif
  }
}
