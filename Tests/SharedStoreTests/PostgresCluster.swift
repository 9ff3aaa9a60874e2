import Domain
import Foundation
import Testing

@testable import SharedStore

/// A throwaway PostgreSQL server for one test suite: initdb into a temporary folder, listening only on
/// a unix socket there, run as the `postgres` system user when the tests run as root. Missing
/// PostgreSQL is a failure, never a skip: CI installs it (`.ci/run`).
final class PostgresCluster: @unchecked Sendable {
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  let folder: String
  let binaries: String
  /// The socket's number (and, over TLS, the TCP port on 127.0.0.1 too).
  private(set) var port = 5432
  let ownerPassword = "owner-secret"
  private(set) var stopped = true

  var dataFolder: String { folder + "/data" }

  /// The owner's address for committee `committee` (the owner sets up tables and users).
  func address(user: String = "owner", password: String? = nil, committee: String = "xicheng")
    -> SharedAddress
  {
    SharedAddress(
      user: user, host: nil, socketFolder: folder, port: port, database: "postgres", committee: committee,
      password: password ?? (user == "owner" ? ownerPassword : user + "-pw"), tls: .disable,
      rootCertificates: nil)
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

  deinit { destroy() }

  /// Stops the server and removes its folder (each test calls it when done; deinit is the backstop).
  func destroy() {
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

  /// Restarts the server listening on 127.0.0.1 too, on a port of its own, with TLS on and a
  /// self-signed certificate for `dbserver.example` (made with openssl), as a district server
  /// reached over the network has; returns the certificate's path.
  func restartOverTLS() throws -> String {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
      throw Missing(description: "openssl is not installed (it makes the test server's certificate)")
    }
    stop()
    let (certificate, key) = (folder + "/server.crt", folder + "/server.key")
    try Self.run(
      "/usr/bin/openssl",
      [
        "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=dbserver.example", "-out", certificate,
        "-keyout", key,
      ])
    try Self.run("/bin/chmod", ["600", key])
    try Self.giveToServerUser(certificate)
    try Self.giveToServerUser(key)
    port = Int.random(in: 20_000...60_000)
    try runAsServerUser(
      "pg_ctl",
      [
        "-D", dataFolder, "-l", folder + "/server.log", "-w", "-t", "30", "-o",
        "-k \(folder) -c listen_addresses=127.0.0.1 -p \(port) -c fsync=off -c ssl=on"
          + " -c ssl_cert_file=\(certificate) -c ssl_key_file=\(key)",
        "start",
      ])
    stopped = false
    return certificate
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
      if role >= 0, let role = Role(rawValue: UInt8(role)) {
        try SharedAdmin.grant(address(), user: user, role: role, committee: committee)
      } else {
        try psql("GRANT shangliang_staff TO \(user)")
      }
    }
  }

  // MARK: Processes

  private var runsAsRoot: Bool { geteuid() == 0 }

  /// Runs a server tool as the server's user. Its output goes to a file, not a pipe: the server that
  /// `pg_ctl start` leaves running would hold a pipe open, and reading it would never end.
  @discardableResult
  private func runAsServerUser(_ tool: String, _ arguments: [String]) throws -> String {
    let output = folder + "/tool-output.txt"
    if runsAsRoot {
      return try Self.run(
        "/usr/sbin/runuser", ["-u", "postgres", "--", binaries + "/" + tool] + arguments, outputFile: output)
    }
    return try Self.run(binaries + "/" + tool, arguments, outputFile: output)
  }

  private static func giveToServerUser(_ path: String) throws {
    guard geteuid() == 0 else { return }
    try run("/bin/chown", ["postgres", path])
  }

  /// Runs a program and waits for it, its output (both streams) into `outputFile` or a file of its own.
  /// posix_spawn and waitpid, not Foundation's Process: the server `pg_ctl` leaves behind must hold no
  /// pipe of ours, and the wait must not depend on a run loop.
  @discardableResult
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String] = [:],
    outputFile: String? = nil
  ) throws -> String {
    let output = outputFile ?? NSTemporaryDirectory() + "shangliang-pg-out-" + UUID().uuidString
    defer { if outputFile == nil { try? FileManager.default.removeItem(atPath: output) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    guard spawned == 0 else {
      throw Missing(description: "cannot run \(executable): error \(spawned)")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    // Exited normally with status 0: the low 7 bits (signal) and the exit code are both zero.
    guard status == 0 else {
      throw Missing(
        description: "\(executable) \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
    }
    return text
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

/// A value handed between the test's threads; the test makes sure only one uses it at a time.
final class Handed<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// Runs a part of a story in the test itself, where its expectations are recorded against the test.
/// (The store's network work runs apart from the test's threads, so blocking here is safe.)
func inline<T>(_ body: () throws -> T) rethrows -> T { try body() }

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
