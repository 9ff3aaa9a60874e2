import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a slow interaction was made of (`SHANGLIANG_BENCH_TRACE=MS` with `bench app`): for each one
/// slower than MS, its phases, the main thread's time waiting for a core and its faults, and the CPU
/// each other thread of the app used meanwhile, on standard error. Read from `/proc` (Linux).
struct MoveTrace {
  /// Slower than this (ms) is printed; nil: no trace.
  static let threshold: Double? = ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_TRACE"].flatMap(
    Double.init)

  /// One thread's name and CPU time, and the time it sat runnable without a core (nanoseconds).
  struct ThreadTimes {
    var name: String
    var run: UInt64
    var wait: UInt64
  }

  var threads: [String: ThreadTimes] = [:]
  var faults = 0
  var majorFaults = 0
  var involuntary = 0
  var voluntary = 0

  /// The calling thread's CPU time (nanoseconds).
  static func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  static func read(_ path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The app's threads and the main thread's counters now.
  static func now() -> MoveTrace {
    var trace = MoveTrace()
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    for tid in tasks {
      guard let schedstat = read("/proc/self/task/\(tid)/schedstat") else { continue }
      let fields = schedstat.split(separator: " ").compactMap {
        UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      guard fields.count >= 2 else { continue }
      let name = (read("/proc/self/task/\(tid)/comm") ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
      trace.threads[tid] = ThreadTimes(name: name, run: fields[0], wait: fields[1])
    }
    var usage = rusage()
    // RUSAGE_THREAD (1): the calling thread alone; Glibc does not export its name to Swift.
    getrusage(__rusage_who_t(1), &usage)
    trace.faults = usage.ru_minflt
    trace.majorFaults = usage.ru_majflt
    trace.involuntary = usage.ru_nivcsw
    trace.voluntary = usage.ru_nvcsw
    return trace
  }

  /// One line: the phases, the main thread's (the pid's) run and wait, and the others' CPU.
  static func line(
    _ label: String, took: Double, phases: [(String, Double)], from before: MoveTrace, to after: MoveTrace
  ) -> String {
    let main = "\(getpid())"
    func ms(_ nanoseconds: UInt64) -> String { String(format: "%.2f", Double(nanoseconds) / 1e6) }
    var text = String(format: "slow %@ %.2f ms:", label, took)
    for (name, ms) in phases { text += String(format: " %@ %.2f", name, ms) }
    if let a = before.threads[main], let b = after.threads[main] {
      text += " | main run \(ms(b.run &- a.run)) wait \(ms(b.wait &- a.wait))"
    }
    text += " faults \(after.faults - before.faults)/\(after.majorFaults - before.majorFaults)"
    text += " csw \(after.voluntary - before.voluntary)v/\(after.involuntary - before.involuntary)i |"
    for (tid, b) in after.threads.sorted(by: { $0.key < $1.key }) where tid != main {
      let ran = b.run &- (before.threads[tid]?.run ?? 0)
      if ran > 100_000 { text += " \(b.name)(\(tid)) \(ms(ran))" }
    }
    return text + "\n"
  }
}
