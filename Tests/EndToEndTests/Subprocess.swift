import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program and waits for it, with what a program started from a shell would have: no
/// blocked signals, default signal actions, no inherited descriptors beyond stdin/out/err.
///
/// Foundation's `Process` is not used because (1) test threads block signals and a child
/// inherits that mask, which leaves a tmux server deaf to SIGCHLD and SIGTERM, and (2) it learns
/// of a child's exit through a descriptor the tmux server inherits, so it would wait forever.
enum Subprocess {
  /// How a run ended and what it printed.
  struct Result {
    var status: Int32
    var output: String
    var error: String
  }

  enum Failure: Error, CustomStringConvertible {
    case spawnFailed(path: String, code: Int32)
    var description: String {
      switch self {
      case .spawnFailed(let path, let code):
        return "could not start \(path): \(String(cString: strerror(code)))"
      }
    }
  }

  /// Runs `executable` with `arguments` and `environment`; standard input is /dev/null, output
  /// and error are collected through files. The status is the exit code, or 128 + the signal.
  static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Result {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("shangliang-subprocess-\(UInt64.random(in: 0...UInt64.max))")
    let outPath = base.path + ".out"
    let errPath = base.path + ".err"
    defer {
      unlink(outPath)
      unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // Close what this process has open (glibc ignores closing a descriptor that is not open).
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
      posix_spawn_file_actions_addclose(&actions, descriptor)
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable.path] + arguments).map { strdup($0) }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") }
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, executable.path, &actions, &attributes, argv + [nil], envp + [nil])
    guard code == 0 else { throw Failure.spawnFailed(path: executable.path, code: code) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let signal = status & 0x7F
    let exitCode = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return Result(status: exitCode, output: output, error: error)
  }
}
