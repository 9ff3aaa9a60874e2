import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The scheduling priority of the roll-up's reading, which nobody waits for and which does not pass
/// the app's gate: lower than the thread that answers keys, so that on two cores a move does not
/// wait for its turn. The app's own builds do not use it: they take turns at `BackgroundGate`, one
/// at a time while keys come. A thread whose nice value was raised cannot lower it back without
/// privileges, so a build the app may come to wait for must keep the app's priority (tried: the
/// first `/` on problems then waited seconds on a busy machine).
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
