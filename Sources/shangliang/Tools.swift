import App
import ArgumentParser
import Domain
import Exchange
import Foundation
import Localization
import Seed
import SharedStore
import Store

extension ExportKind: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}

/// Opens the store `--store` names, a local folder or a shared database.
func openAnyStore(_ options: StoreOptions) throws -> any CommitteeStorage {
  let shared = try options.sharedAddress()
  do throws(StoreError) {
    if let address = shared {
      return try SharedCommitteeStore.open(
        address: address, draftsFolder: options.folder.appendingPathComponent("drafts").path)
    }
    return try CommitteeStore.open(folder: options.folder.path, now: Date())
  } catch {
    throw CLIFailure(error.message(in: options.language))
  }
}

/// The committee's state for commands that only read (a local store is read without its lock).
func readState(_ options: StoreOptions) throws -> CommitteeState {
  if try options.sharedAddress() != nil {
    let store = try openAnyStore(options)
    defer { (store as? SharedCommitteeStore)?.abandon() }
    return store.state
  }
  do throws(StoreError) {
    return try CommitteeStore.readState(folder: options.folder.path)
  } catch {
    throw CLIFailure(error.message(in: options.language))
  }
}

/// Opens a store for a command-line tool, with messages in the user's language.
func openStore(_ options: StoreOptions) throws -> (any CommitteeStorage, ActingUser) {
  let store = try openAnyStore(options)
  let user = OSUser.current()
  do throws(StoreError) {
    let actor = try Startup.actor(
      store: store, userName: user.name, displayName: user.displayName, now: Date())
    return (store, actor)
  } catch {
    throw CLIFailure(error.message(in: options.language))
  }
}

/// Closes a store (final snapshot), reporting a failure in the user's language.
func closeStore(_ store: any CommitteeStorage, _ language: Language) throws {
  do throws(StoreError) {
    try store.close(now: Date())
  } catch {
    throw CLIFailure(error.message(in: language))
  }
}

/// `shangliang check`: verifies the snapshot and journal without changing anything.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Verify a store: counts per kind; exit 0 if sound, 1 with the exact problem otherwise.")

  @OptionGroup var options: StoreOptions

  func run() throws {
    if let address = try options.sharedAddress() {
      try checkShared(address)
      return
    }
    let report = CommitteeStore.check(folder: options.folder.path)
    print(tr("cli.check.folder", options.language, options.folder.path))
    // The counts with each kind's name in the user's language beside the name export takes.
    let names = Dictionary(
      uniqueKeysWithValues: RecordKind.allCases.map {
        (CommitteeModel.pluralName($0), tr($0.nameKey, options.language))
      })
    var labelled = report
    labelled.counts = report.counts.map {
      (kind: "\(names[$0.kind] ?? $0.kind) (\($0.kind))", count: $0.count)
    }
    for line in labelled.lines(in: options.language) { print(line) }
    if !report.isSound { throw ExitCode(1) }
  }
}

/// `shangliang export`: every record of a kind (or all), in a stable order, each with its id;
/// or, with `--kind minutes --id ID`, one consultation's minutes as Markdown.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export records as JSON or CSV (CSV needs --kind), or minutes as Markdown "
      + "(--kind minutes --id ID). Reads the store without locking it.")

  @OptionGroup var options: StoreOptions
  @Option(help: "json, csv, or md (minutes).") var format: String = "json"
  @Option(help: "Which records: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", ")), or minutes.")
  var kind: String?
  @Option(help: "The consultation whose minutes to export (with --kind minutes).") var id: UInt64?
  @Option(help: "Write to this file instead of standard output.") var out: String?
  @Flag(help: "Start CSV with a byte-order mark so that Excel shows Chinese.") var excel = false

  func run() throws {
    let language = options.language
    let state = try readState(options)
    if kind == "minutes" {
      guard let id else { throw CLIFailure(tr("cli.export.minutesNeedID", language)) }
      try emit(
        Data(try Minutes.markdown(state: state, id: id, language: language).utf8), to: out, language: language
      )
      return
    }
    guard let exportFormat = ExportFormat(rawValue: format) else {
      throw CLIFailure(tr("cli.export.badFormat", language, format))
    }
    let exportKind: ExportKind?
    if let kind {
      guard let known = ExportKind(rawValue: kind) else {
        throw CLIFailure(
          tr(
            "cli.export.badKind", language, kind, ExportKind.allCases.map(\.rawValue).joined(separator: ", "))
        )
      }
      exportKind = known
    } else {
      exportKind = nil
    }
    let data: Data
    do throws(ExportError) {
      data = try Exchange.export(state, kind: exportKind, format: exportFormat, excelBOM: excel)
    } catch {
      throw CLIFailure(error.message(in: language))
    }
    try emit(data, to: out, language: language)
  }
}

/// `shangliang minutes`: one consultation's minutes as an official Markdown 会议纪要.
struct Minutes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export a consultation's minutes as Markdown.")

  @OptionGroup var options: StoreOptions
  @Option(help: "The consultation's id (as shown by export).") var id: UInt64
  @Option(help: "Write to this file instead of standard output.") var out: String?

  func run() throws {
    let state = try readState(options)
    let text = try Self.markdown(state: state, id: id, language: options.language)
    try emit(Data(text.utf8), to: out, language: options.language)
  }

  /// The minutes of consultation `id` as an official 会议纪要 in Markdown.
  static func markdown(state: CommitteeState, id: UInt64, language: Language) throws -> String {
    guard let consultation = state.consultations[ConsultationID(raw: id)] else {
      throw CLIFailure(tr("cli.minutes.noSuchConsultation", language, String(id)))
    }
    return minutesMarkdown(consultation, state: state, language: language)
  }
}

func emit(_ data: Data, to path: String?, language: Language) throws {
  guard let path else {
    FileHandle.standardOutput.write(data)
    return
  }
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw CLIFailure(tr("message.fileFailed", language, path, (error as NSError).localizedDescription))
  }
  FileHandle.standardError.write(Data((tr("cli.wrote", language, path, String(data.count)) + "\n").utf8))
}

/// `shangliang import members FILE.csv`.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import members from CSV (UTF-8 with or without BOM, or GB18030): all rows or none.")

  @OptionGroup var options: StoreOptions
  @Argument(help: "What to import: members.") var what: String
  @Argument(help: "The CSV file.") var file: String
  @Option(help: "auto, utf8 or gb18030.") var encoding: TextEncoding = .auto

  func run() throws {
    let language = options.language
    guard what == "members" else { throw CLIFailure(tr("cli.import.onlyMembers", language, what)) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: file))
    } catch {
      throw CLIFailure(tr("message.fileFailed", language, file, (error as NSError).localizedDescription))
    }
    let (store, actor) = try openStore(options)
    switch importMembers(data: data, encoding: encoding, state: store.state) {
    case .failure(let report):
      try closeStore(store, language)
      throw CLIFailure(report.message(in: language))
    case .success(let change):
      do throws(StoreError) {
        try store.apply(change, actor: actor, now: Date())
      } catch {
        try closeStore(store, language)
        throw CLIFailure(error.message(in: language))
      }
      let count = if case .group(let changes) = change { changes.count } else { 1 }
      try closeStore(store, language)
      print(tr("cli.import.done", language, String(count), file))
    }
  }
}

/// `shangliang demo`: a working year of the five committees, from the article's cases.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Seed an empty store with the demonstration data.")

  @OptionGroup var options: StoreOptions

  func run() throws {
    let language = options.language
    let (store, actor) = try openStore(options)
    guard Startup.isEmpty(store) else {
      try closeStore(store, language)
      throw CLIFailure(tr("cli.demo.notEmpty", language, options.placeName()))
    }
    do throws(StoreError) {
      try Startup.loadDemo(into: store, actor: actor, today: Day(Date(), .current))
    } catch {
      try closeStore(store, language)
      throw CLIFailure(error.message(in: language))
    }
    try closeStore(store, language)
    print(tr("cli.demo.done", language, String(store.state.totalCount), options.placeName()))
  }
}

/// `shangliang generate --records N`: a deterministic synthetic archive for benchmarks.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fill a store with a deterministic synthetic archive of N records (for benchmarks).")

  @OptionGroup var options: StoreOptions
  @Option(help: "How many records.") var records: Int = 100_000
  @Option(help: "The random seed.") var seed: UInt64 = 1

  func run() throws {
    let language = options.language
    let (store, actor) = try openStore(options)
    let started = Date()
    var applied = 0
    do throws(StoreError) {
      for step in SyntheticArchive(records: records, seed: seed).groups(days: 30) {
        try store.apply(step.change, actor: actor, now: step.at)
        applied += 1
      }
    } catch {
      try closeStore(store, language)
      throw CLIFailure(error.message(in: language))
    }
    try closeStore(store, language)
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    print(tr("cli.generate.done", language, String(store.state.totalCount), options.placeName(), seconds))
  }
}
