import Domain
import Foundation
import Testing

@testable import SharedStore

/// A throwaway PostgreSQL server for one test suite: initdb into a temporary folder, listening only on
/// a unix socket there, run as the `postgres` system user when the tests run as root. Missing
/// PostgreSQL is a failure, never a skip: CI installs it (`.ci/run`).
final class PostgresCluster {
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  let folder: String
  let binaries: String
  let port = 5432
  let ownerPassword = "owner-secret"
  private(set) var stopped = true

  var dataFolder: String { folder + "/data" }

  /// The owner's address for committee `committee` (the owner sets up tables and users).
  func address(user: String = "owner", password: String? = nil, committee: String = "xicheng")
    -> SharedAddress
  {
    SharedAddress(
      user: user, host: nil, socketFolder: folder, port: port, database: "postgres", committee: committee,
      password: password ?? (user == "owner" ? ownerPassword : user + "-pw"), requiresTLS: false)
  }

  init() throws {
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    guard
      let newest = versions.compactMap(Int.init).sorted().last,
      FileManager.default.isExecutableFile(atPath: "\(root)/\(newest)/bin/initdb")
    else {
      throw Missing(
        description: "PostgreSQL is not installed (no \(root)/*/bin/initdb): apt-get install -y postgresql")
    }
    binaries = "\(root)/\(newest)/bin"
    folder = NSTemporaryDirectory() + "shangliang-pg-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let passwordFile = folder + "/owner.pw"
    try Data(ownerPassword.utf8).write(to: URL(fileURLWithPath: passwordFile))
    try Self.giveToServerUser(folder)
    try Self.giveToServerUser(passwordFile)
    try runAsServerUser(
      "initdb",
      ["-D", dataFolder, "-U", "owner", "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8"])
    try start()
  }

  deinit {
    stop(immediately: true)
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// Starts the server and waits until it answers. `fsync=off` keeps thousands of commits quick; a
  /// killed server still loses nothing acknowledged (the WAL reached the kernel before the answer).
  func start() throws {
    try runAsServerUser(
      "pg_ctl",
      [
        "-D", dataFolder, "-l", folder + "/server.log", "-w", "-t", "30", "-o",
        "-k \(folder) -c listen_addresses='' -p \(port) -c fsync=off -c max_connections=200",
        "start",
      ])
    stopped = false
  }

  func stop(immediately: Bool = false) {
    guard !stopped else { return }
    _ = try? runAsServerUser(
      "pg_ctl", ["-D", dataFolder, "-m", immediately ? "immediate" : "fast", "-w", "stop"])
    stopped = true
  }

  /// Kills the server and all its processes with SIGKILL, as a crash or a pulled plug of the process would.
  func kill() throws {
    let text = try String(contentsOfFile: dataFolder + "/postmaster.pid", encoding: .utf8)
    guard let line = text.split(separator: "\n").first, let pid = Int32(line) else {
      throw Missing(description: "no server pid in postmaster.pid")
    }
    let children = Self.children(of: pid)
    _ = Foundation.kill(pid, SIGKILL)
    for child in children { _ = Foundation.kill(child, SIGKILL) }
    // Wait for the processes to be gone, so that a restart finds no old shared memory in use.
    for _ in 0..<200 where ([pid] + children).contains(where: { Foundation.kill($0, 0) == 0 }) {
      usleep(20_000)
    }
    stopped = true
  }

  /// Runs SQL as the owner with psql (setup in tests, where the point is not the Swift client).
  @discardableResult
  func psql(_ sql: String, user: String = "owner") throws -> String {
    let password = user == "owner" ? ownerPassword : user + "-pw"
    return try Self.run(
      binaries + "/psql",
      [
        "-h", folder, "-p", String(port), "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-c",
        sql,
      ],
      environment: ["PGPASSWORD": password])
  }

  /// Creates the tables, committee `committee`, and a login with a role in it for each user.
  func setUpCommittee(_ committee: String = "xicheng", users: [(String, Int)]) throws {
    try SharedAdmin.setup(address(), committees: [committee])
    for (user, role) in users {
      try psql(
        "DO $$ BEGIN CREATE ROLE \(user) LOGIN PASSWORD '\(user)-pw'; EXCEPTION WHEN duplicate_object THEN END $$"
      )
      if let role = Role(rawValue: UInt8(role)) {
        try SharedAdmin.grant(address(), user: user, role: role, committee: committee)
      } else {
        try psql("GRANT shangliang_staff TO \(user)")
      }
    }
  }

  // MARK: Processes

  private var runsAsRoot: Bool { geteuid() == 0 }

  @discardableResult
  private func runAsServerUser(_ tool: String, _ arguments: [String]) throws -> String {
    if runsAsRoot {
      return try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", binaries + "/" + tool] + arguments)
    }
    return try Self.run(binaries + "/" + tool, arguments)
  }

  private static func giveToServerUser(_ path: String) throws {
    guard geteuid() == 0 else { return }
    try run("/bin/chown", ["postgres", path])
  }

  @discardableResult
  static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws
    -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Missing(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(text)")
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func children(of parent: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
      guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 2 && Int32(fields[1]) == parent
    }
  }
}

/// Runs blocking store work on a thread of its own, so that the tests' async threads stay free for the
/// database library (which answers on them).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      do {
        continuation.resume(returning: try body())
      } catch {
        continuation.resume(throwing: error)
      }
    }
    thread.stackSize = 8 << 20
    thread.start()
  }
}
