import App
import ArgumentParser
import Domain
import Exchange
import Foundation
import Localization
import SharedStore
import Store

/// `shangliang check` on a shared store: counts per kind, and the changes every app skips, in
/// `language` (the command's `--lang`), each kind named as `check` names it on a folder.
func checkShared(_ address: SharedAddress, language: Language) throws {
  let store: SharedCommitteeStore
  do throws(SharedStoreError) {
    store = try SharedCommitteeStore.openOrFail(address: address, draftsFolder: NSTemporaryDirectory())
  } catch {
    throw CLIFailure(error.message(in: language))
  }
  defer { store.abandon() }
  print(
    tr(
      "cli.check.shared", language, address.description, String(store.lastSequence),
      String(store.snapshotSequence)))
  for (kind, count) in CommitteeModel.counts(in: store.state) {
    print("  \(kindLabel(kind, language)): \(count)")
  }
  for skipped in store.skippedChanges {
    print(tr("cli.check.skipped", language, String(skipped.sequence), skipped.reason))
  }
}

/// `shangliang migrate --from A --to B`: a committee from a folder into a shared database or back,
/// with the records counted on both sides.
struct Migrate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Move a committee between a store folder and a shared database (either way); counts are checked.")

  @Option(help: "A store folder or postgresql://… address to read from.") var from: String
  @Option(help: "A store folder or postgresql://… address to write to (it must be empty).") var to: String
  @Option(name: .long, help: "Language: zh or en.") var lang: Language?

  func run() throws {
    let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    let outcome: SharedMigration.Outcome
    do {
      switch (SharedAddress.isSharedURL(from), SharedAddress.isSharedURL(to)) {
      case (false, true):
        outcome = try SharedMigration.toShared(folder: from, address: try SharedAddress.parse(to))
      case (true, false):
        outcome = try SharedMigration.toLocal(address: try SharedAddress.parse(from), folder: to)
      default:
        throw CLIFailure(tr("cli.migrate.oneOfEach", language))
      }
    } catch let error as SharedStoreError {
      throw CLIFailure(error.message(in: language))
    } catch let error as StoreError {
      throw CLIFailure(error.message(in: language))
    }
    for (source, target) in zip(outcome.source, outcome.target) {
      print("  \(source.kind): \(source.count) → \(target.count)")
    }
    guard outcome.matches else { throw CLIFailure(tr("cli.migrate.countsDiffer", language)) }
    print(tr("cli.migrate.done", language, from, to))
  }
}

/// `shangliang setup-shared`: creates the tables, committees and users (run by the database's owner).
struct SetupShared: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "setup-shared",
    abstract: "Create or update the shared tables, add committees, give users roles (database owner only).")

  @Option(help: "postgresql://owner@host:port/db?committee=NAME") var store: String
  @Option(help: "Another committee to add (repeatable).") var committee: [String] = []
  @Option(help: "USER:ROLE, role one of clerk, secretary, head, admin (repeatable).") var grant: [String] = []
  @Option(name: .long, help: "Language: zh or en.") var lang: Language?

  func run() throws {
    let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    do {
      let address = try SharedAddress.parse(store)
      try SharedAdmin.setup(address, committees: [address.committee] + committee)
      for item in grant {
        let parts = item.split(separator: ":").map(String.init)
        guard parts.count == 2, let role = Role.allCases.first(where: { "\($0)" == parts[1] }) else {
          throw CLIFailure(tr("cli.setupShared.badGrant", language, item))
        }
        try SharedAdmin.grant(address, user: parts[0], role: role, committee: address.committee)
      }
      for (name, changes) in try SharedAdmin.committees(address) {
        print(tr("cli.setupShared.committee", language, name, String(changes)))
      }
    } catch let error as SharedStoreError {
      throw CLIFailure(error.message(in: language))
    }
  }
}

/// `shangliang rollup`: a city committee's read-only view of its districts, each committee's records
/// in one JSON document with the committee's name beside them; with `--board`, the boards' figures
/// with a committee column and a total row.
struct Rollup: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read several committees of a shared database at once: JSON with a committee field per part.")

  @Option(help: "postgresql://user@host:port/db?committee=any (default: $SHANGLIANG_STORE).") var store:
    String?
  @Option(help: "A committee to include (repeatable; default: every committee in the database).")
  var committee: [String] = []
  @Option(help: "Which records (as for export); default all.") var kind: ExportKind?
  @Option(help: "Write to this file instead of standard output.") var out: String?
  @Option(name: .long, help: "Language: zh or en.") var lang: Language?
  @Flag(help: "The boards' figures instead of the records: one row per committee and their total.")
  var board = false
  @Option(help: "With --board: the period, 2026, 2026Q3, 2026-10 or all (default: this year).")
  var period: String?
  @Flag(help: "With --board: CSV instead of Markdown.") var csv = false

  func run() throws {
    let language = lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    let text = store ?? ProcessInfo.processInfo.environment["SHANGLIANG_STORE"] ?? ""
    var parts: [String] = []
    var states: [(name: String, data: CommitteeState)] = []
    let today = Day(workingDayOf: Date())
    let shown: Period
    if let period {
      guard let parsed = Period(parsing: period) else {
        throw CLIFailure(tr("shared3.rollup.badPeriod", language, period))
      }
      shown = parsed
    } else {
      shown = .year(today.year)
    }
    do {
      let base = try SharedAddress.parse(text)
      let names = committee.isEmpty ? try SharedAdmin.committees(base).map(\.name) : committee
      for name in names {
        var address = base
        address.committee = name
        let shared = try SharedCommitteeStore.openOrFail(
          address: address, draftsFolder: NSTemporaryDirectory())
        let state = shared.state
        shared.abandon()
        if board {
          states.append((name, state))
          continue
        }
        let data = try Exchange.export(state, kind: kind, format: .json, excelBOM: false)
        parts.append(
          "{\"committee\": \(jsonString(name)), \"records\": \(String(decoding: data, as: UTF8.self))}")
      }
    } catch let error as SharedStoreError {
      throw CLIFailure(error.message(in: language))
    } catch let error as ExportError {
      throw CLIFailure(error.message(in: language))
    }
    if board {
      let rollup = RollupBoard(committees: states, period: shown, today: today)
      let data =
        csv
        ? rollup.csv(language: language, today: today)
        : Data(rollup.markdown(language: language, today: today).utf8)
      try emit(data, to: out, language: language)
      return
    }
    try emit(Data(("[\n" + parts.joined(separator: ",\n") + "\n]\n").utf8), to: out, language: language)
  }

  private func jsonString(_ text: String) -> String {
    let escaped = text.unicodeScalars.map { scalar -> String in
      switch scalar {
      case "\"": return "\\\""
      case "\\": return "\\\\"
      case let c where c.value < 0x20: return String(format: "\\u%04x", c.value)
      default: return String(scalar)
      }
    }
    return "\"" + escaped.joined() + "\""
  }
}
