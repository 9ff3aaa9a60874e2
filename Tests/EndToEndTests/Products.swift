import Foundation

/// Finds the executables `swift build` / `swift test` made, in the build products directory the
/// test runner itself lives in (e.g. `.build/debug`).
enum Products {
  enum Failure: Error, CustomStringConvertible {
    case notBuilt(name: String, searched: [String])
    var description: String {
      switch self {
      case .notBuilt(let name, let searched):
        return "\(name) is not built (run swift build); looked in: \(searched.joined(separator: ", "))"
      }
    }
  }

  /// Candidate directories, best first: the running test binary's folder, the main bundle's,
  /// and `.build/debug` next to this package.
  static func directories() -> [URL] {
    var result: [URL] = []
    let selfExe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    if selfExe.path != "/proc/self/exe" { result.append(selfExe.deletingLastPathComponent()) }
    if let executable = Bundle.main.executableURL { result.append(executable.deletingLastPathComponent()) }
    result.append(Bundle.main.bundleURL)
    result.append(Bundle.main.bundleURL.deletingLastPathComponent())
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    result.append(packageRoot.appendingPathComponent(".build/debug"))
    return result
  }

  /// The built executable called `name`.
  static func executable(_ name: String) throws -> URL {
    let searched = directories()
    for directory in searched {
      let candidate = directory.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw Failure.notBuilt(name: name, searched: searched.map(\.path))
  }

  /// Runs an executable without a terminal and returns its exit status and output.
  static func run(_ executable: URL, arguments: [String] = [], environment: [String: String]) throws
    -> Subprocess.Result
  {
    try Subprocess.run(executable, arguments, environment: environment)
  }

  /// The environment of this process with the locale variables replaced by `locale`.
  static func environment(locale: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    for name in ["LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANG", "LANGUAGE"] { environment[name] = nil }
    return environment.merging(locale) { $1 }
  }
}
