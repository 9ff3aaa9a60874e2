import Domain
import Foundation
import Testing

@testable import SharedStore

/// The commands an office's administrator runs on a shared store, run as the built `shangliang`
/// program against a throwaway server: `migrate` up and back down, `check` and `export` on both kinds
/// of store, each agreeing with the other.
@Suite(.serialized)
struct SharedCommandsTests {
  /// What a run of the program printed (both streams) and how it ended.
  struct Outcome {
    var status: Int32
    var output: String
  }

  /// The `shangliang` program `swift build` made, beside this test bundle.
  static func program() throws -> String {
    let here = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
      here.appendingPathComponent("shangliang").path,
      packageRoot.appendingPathComponent(".build/debug/shangliang").path,
    ]
    guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
      throw PostgresCluster.Missing(
        description:
          "shangliang is not built (run swift build); looked at \(candidates.joined(separator: ", "))")
    }
    return found
  }

  /// Runs the program with the owner's password and the server's port in the environment, as an
  /// administrator's shell would have them (`PGPASSWORD`, `PGPORT`).
  static func run(
    _ arguments: [String], cluster: PostgresCluster, port: Int, store: String? = nil
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try program())
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["PGPASSWORD"] = cluster.ownerPassword
    environment["PGPORT"] = String(port)
    environment["SHANGLIANG_STORE"] = store
    process.environment = environment
    let output = cluster.folder + "/command-output-" + UUID().uuidString
    guard FileManager.default.createFile(atPath: output, contents: nil) else {
      throw PostgresCluster.Missing(description: "cannot create \(output)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    defer { try? handle.close() }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    return Outcome(status: process.terminationStatus, output: text)
  }

  /// The lines `check` prints per kind ("member (members): 12"), on either kind of store.
  static func countLines(_ output: String) -> [String] {
    lines(output).filter { $0.contains("): ") }
  }

  /// The lines `migrate` prints per kind ("members: 12 → 12").
  static func movedLines(_ output: String) -> [String] {
    lines(output).filter { line in
      let sides = line.split(separator: ": ").last?.split(separator: " → ") ?? []
      return line.split(separator: ": ").count == 2 && sides.count == 2 && sides.allSatisfy { Int($0) != nil }
    }
  }

  static func lines(_ output: String) -> [String] {
    output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
  }

  @Test func migrateUpAndBackWithCheckAndExportAgreeingOnBothKindsOfStore() async throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    try cluster.setUpCommittee("xicheng", users: [])
    let port = cluster.address().port
    let shared = "postgresql://owner@/postgres?host=\(cluster.folder)&committee=xicheng"
    let local = cluster.folder + "/office"
    let back = cluster.folder + "/back"
    try inline {
      func run(_ arguments: [String]) throws -> Outcome {
        try Self.run(arguments, cluster: cluster, port: port)
      }
      // The office's local store, with the demonstration data.
      let demo = try run(["--store", local, "--lang", "en", "demo"])
      #expect(demo.status == 0, "\(demo.output)")

      // Up into the shared database: every kind counted on both sides, and the counts agree.
      let up = try run(["migrate", "--from", local, "--to", shared, "--lang", "en"])
      #expect(up.status == 0, "\(up.output)")
      let moved = Self.movedLines(up.output)
      #expect(moved.count > 10, "\(up.output)")
      for line in moved {
        let sides = line.split(separator: ":").last?.split(separator: "→").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        #expect(sides?.count == 2 && sides?.first == sides?.last, "\(line)")
      }
      #expect(moved.contains { $0.hasPrefix("members: ") && !$0.hasPrefix("members: 0 ") })

      // `check` on the shared store counts what `check` on the folder counts, in either language.
      let checkedLocal = try run(["--store", local, "--lang", "en", "check"])
      let checkedShared = try run(["--store", shared, "--lang", "en", "check"])
      #expect(checkedLocal.status == 0, "\(checkedLocal.output)")
      #expect(checkedShared.status == 0, "\(checkedShared.output)")
      #expect(checkedShared.output.contains("Shared store"), "\(checkedShared.output)")
      #expect(Self.countLines(checkedShared.output).count > 10)
      #expect(Self.countLines(checkedShared.output) == Self.countLines(checkedLocal.output))
      // The address may come from `SHANGLIANG_STORE` instead of `--store`, as the app takes it.
      let fromEnvironment = try Self.run(
        ["--lang", "en", "check"], cluster: cluster, port: port, store: shared)
      #expect(fromEnvironment.status == 0, "\(fromEnvironment.output)")
      #expect(Self.countLines(fromEnvironment.output) == Self.countLines(checkedShared.output))
      #expect(fromEnvironment.output.contains("Shared store"), "\(fromEnvironment.output)")
      let inChinese = try run(["--store", shared, "--lang", "zh", "check"])
      #expect(inChinese.status == 0, "\(inChinese.output)")
      #expect(inChinese.output.contains("共享库"), "\(inChinese.output)")
      #expect(inChinese.output.contains("委员 (members)"), "\(inChinese.output)")

      // `export` reads the same records from either store, byte for byte.
      let exportedLocal = try run(["--store", local, "--lang", "en", "export", "--format", "json"])
      let exportedShared = try run(["--store", shared, "--lang", "en", "export", "--format", "json"])
      #expect(exportedShared.status == 0, "\(exportedShared.output.prefix(500))")
      #expect(exportedShared.output.count > 10_000)
      #expect(exportedShared.output == exportedLocal.output)
      let membersCSV = try run(
        ["--store", shared, "--lang", "en", "export", "--kind", "members", "--format", "csv"])
      #expect(membersCSV.status == 0, "\(membersCSV.output.prefix(500))")
      #expect(Self.lines(membersCSV.output).count > 200)

      // A change committed after the snapshot is in the next check and export: they read the stream
      // after the snapshot too, as an app opening does.
      try SharedAdmin.grant(cluster.address(), user: "owner", role: .admin, committee: "xicheng")
      let app = try SharedCommitteeStore.openOrFail(
        address: cluster.address(committee: "xicheng"), draftsFolder: cluster.folder + "/drafts")
      try app.apply(
        .putMember(Member(id: app.state.newID(), name: "迁移后新委员")), actor: app.identity, now: Date())
      app.abandon()
      let afterChange = try run(["--store", shared, "--lang", "en", "check"])
      #expect(afterChange.output.contains("1 change, snapshot up to 0"), "\(afterChange.output)")
      let members = try #require(Self.countLines(checkedLocal.output).first { $0.contains("(members)") })
      let count = Int(members.split(separator: " ").last ?? "") ?? 0
      #expect(Self.countLines(afterChange.output).contains("member (members): \(count + 1)"))
      let exportedAfter = try run(["--store", shared, "--lang", "en", "export", "--kind", "members"])
      #expect(exportedAfter.output.contains("迁移后新委员"))

      // And back down into a new folder: counted on both sides again, and the folder checks and
      // exports the same as the shared store it came from.
      let down = try run(["migrate", "--from", shared, "--to", back, "--lang", "en"])
      #expect(down.status == 0, "\(down.output)")
      #expect(Self.movedLines(down.output).count == moved.count)
      #expect(Self.movedLines(down.output).contains("members: \(count + 1) → \(count + 1)"))
      let checkedBack = try run(["--store", back, "--lang", "en", "check"])
      #expect(checkedBack.status == 0, "\(checkedBack.output)")
      #expect(Self.countLines(checkedBack.output) == Self.countLines(afterChange.output))
      let exportedBack = try run(["--store", back, "--lang", "en", "export", "--format", "json"])
      let exportedSharedNow = try run(["--store", shared, "--lang", "en", "export", "--format", "json"])
      #expect(exportedBack.output.count > 10_000)
      #expect(exportedBack.output == exportedSharedNow.output)

      // Migrating into a committee that holds data is refused, in the user's language, and nothing is
      // overwritten.
      for (language, words) in [("en", "already"), ("zh", "已")] {
        let again = try run(["migrate", "--from", local, "--to", shared, "--lang", language])
        #expect(again.status != 0)
        #expect(again.output.contains("xicheng") && again.output.contains(words), "\(again.output)")
      }
      let unchanged = try run(["--store", shared, "--lang", "en", "check"])
      #expect(Self.countLines(unchanged.output) == Self.countLines(afterChange.output))
    }
  }
}
