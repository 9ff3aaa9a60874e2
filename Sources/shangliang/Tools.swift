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

/// A progress bar on standard error for reading a store (`label` a key of commandline.tsv), and
/// the closure the store reports to.
func storeProgress(_ label: String, _ language: Language) -> (ProgressLine, StoreProgress) {
  let line = ProgressLine(label: tr(label, language), total: nil, language: language, unit: .bytes)
  return (
    line,
    { done, total in
      line.setTotal(total)
      line.update(done)
    }
  )
}

/// Opens the store `--store` names, a local folder or a shared database; a local store shows a
/// progress bar while a large one is read.
func openAnyStore(_ options: StoreOptions) throws -> any CommitteeStorage {
  let shared = try options.sharedAddress()
  let (line, progress) = storeProgress("progress.open", options.language)
  do throws(StoreError) {
    if let address = shared {
      return try SharedCommitteeStore.open(
        address: address, draftsFolder: options.folder.appendingPathComponent("drafts").path)
    }
    let store = try CommitteeStore.open(folder: options.folder.path, now: Date(), progress: progress)
    line.finish()
    return store
  } catch {
    line.finish()
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
  let (line, progress) = storeProgress("progress.read", options.language)
  do throws(StoreError) {
    let state = try CommitteeStore.readState(folder: options.folder.path, progress: progress)
    line.finish()
    return state
  } catch {
    line.finish()
    throw CLIFailure(error.message(in: options.language))
  }
}

/// Opens a store for a command-line tool, with messages in the user's language.
func openStore(_ options: StoreOptions) throws -> (any CommitteeStorage, ActingUser) {
  let store = try openAnyStore(options)
  do throws(StoreError) {
    let (actor, notice) = try Startup.actor(store: store, user: Identity.current(), now: Date())
    if let notice {
      FileHandle.standardError.write(Data((notice.text(options.language) + "\n").utf8))
    }
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
    abstract: "Verify a store: counts per kind; exit 0 if sound, 1 with the exact problem otherwise.",
    discussion: HelpText.examples("check"))

  @OptionGroup var options: StoreOptions

  func run() throws {
    if let address = try options.sharedAddress() {
      try checkShared(address, language: options.language)
      return
    }
    let (line, progress) = storeProgress("progress.check", options.language)
    let report = CommitteeStore.check(folder: options.folder.path, progress: progress)
    line.finish()
    print(tr("cli.check.folder", options.language, options.folder.path))
    // The counts with each kind's name in the user's language beside the name export takes.
    var labelled = report
    labelled.counts = report.counts.map { (kind: kindLabel($0.kind, options.language), count: $0.count) }
    for line in labelled.lines(in: options.language) { print(line) }
    // The audit log's chain too: history that was edited is damage as much as a bad checksum. Not
    // where there is no store folder to read: "the chain is intact" would vouch for a log never read.
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: options.folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw ExitCode(1) }
    let audit = AuditLog.verify(storeFolder: options.folder.path)
    for line in audit.lines(in: options.language) { print(line) }
    if !report.isSound || !audit.isSound { throw ExitCode(1) }
  }
}

/// A kind as `check` names it: its name in `language` beside the name export takes ("委员 (members)").
func kindLabel(_ kind: String, _ language: Language) -> String {
  guard let found = RecordKind.allCases.first(where: { CommitteeModel.pluralName($0) == kind }) else {
    return kind
  }
  return "\(tr(found.nameKey, language)) (\(kind))"
}

/// `shangliang export`: every record of a kind (or all), in a stable order, each with its id;
/// or, with `--kind minutes --id ID`, one consultation's minutes as Markdown.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export records as JSON or CSV (CSV needs --kind), or minutes as Markdown "
      + "(--kind minutes --id ID). Reads the store without locking it.",
    discussion: HelpText.examples("export"))

  @OptionGroup var options: StoreOptions
  @Option(help: "json, csv, or md (minutes, duties, water-quality, supervision-plan).") var format: String =
    "json"
  @Option(
    help:
      "Which records: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", ")), minutes, duties, water-quality or supervision-plan."
  )
  var kind: String?
  @Option(help: "The consultation whose minutes to export (with --kind minutes).") var id: UInt64?
  @Option(help: "The year (with --kind duties, default this year; with --kind supervision-plan).") var year:
    String?
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
    if kind == "duties" {
      guard let dutiesFormat = DutiesFormat(rawValue: format) else {
        throw CLIFailure(tr("cli.export.dutiesFormat", language, format))
      }
      let today = Day(workingDayOf: Date())
      var chosen = today.year
      if let year {
        guard let parsed = Int(year), (2000...2100).contains(parsed) else {
          throw CLIFailure(tr("cli.export.badYear", language, year))
        }
        chosen = parsed
      }
      let data = exportDuties(
        state, year: chosen, format: dutiesFormat, today: today, language: language, excelBOM: excel)
      try emit(data, to: out, language: language)
      return
    }
    if kind == "water-quality" {
      if format == "md" {
        try emit(
          Data(WaterQualityExport.markdown(state, language: language).utf8), to: out, language: language)
        return
      }
      guard let exportFormat = ExportFormat(rawValue: format) else {
        throw CLIFailure(tr("cli.export.badFormat", language, format))
      }
      try emit(
        WaterQualityExport.export(state, format: exportFormat, excelBOM: excel), to: out, language: language)
      return
    }
    if kind == "supervision-plan" {
      guard let year else { throw CLIFailure(tr("cli.export.planNeedsYear", language)) }
      guard let planYear = Int(year), (1900...9999).contains(planYear) else {
        throw CLIFailure(tr("cli.export.badYear", language, year))
      }
      switch format {
      case "md":
        try emit(
          Data(SupervisionPlan.markdown(state, year: planYear, language: language).utf8), to: out,
          language: language)
      case "csv":
        try emit(
          SupervisionPlan.csv(state, year: planYear, language: language, excelBOM: excel), to: out,
          language: language)
      default: throw CLIFailure(tr("cli.export.planFormat", language, format))
      }
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
    let rows = ProgressLine(label: tr("progress.export", language), total: nil, language: language)
    do throws(ExportError) {
      data = try Exchange.export(state, kind: exportKind, format: exportFormat, excelBOM: excel) {
        done, total in
        rows.setTotal(total)
        rows.update(done)
      }
      rows.finish()
    } catch {
      rows.finish()
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
  let target = path ?? ExportFile.standardOutput
  do throws(ExportFileError) {
    try ExportFile.write([UInt8](data), to: target)
  } catch {
    throw CLIFailure(error.message(in: language))
  }
  guard let path, path != ExportFile.standardOutput else { return }
  FileHandle.standardError.write(
    Data((tr("cli.wrote", language, ControlCharacters.escaped(path), String(data.count)) + "\n").utf8))
}

/// `shangliang import members FILE.csv`.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import members from CSV (UTF-8 with or without BOM, or GB18030): all rows or none.",
    discussion: HelpText.examples("import"))

  @OptionGroup var options: StoreOptions
  @Argument(help: "What to import: members.") var what: String
  @Argument(help: "The CSV file.") var file: String
  @Option(help: "auto, utf8 or gb18030.") var encoding: TextEncoding = .auto

  func run() throws {
    let language = options.language
    guard what == "members" else { throw CLIFailure(tr("cli.import.onlyMembers", language, what)) }
    let data: Data
    do throws(ExportFileError) {
      data = Data(try ExportFile.read(file))
    } catch {
      throw CLIFailure(error.readMessage(in: language))
    }
    let (store, actor) = try openStore(options)
    switch importMembers(data: data, encoding: encoding, state: store.state) {
    case .failure(let report):
      try closeStore(store, language)
      throw CLIFailure(report.message(in: language))
    case .success(let change):
      let count = if case .group(let changes) = change { changes.count } else { 1 }
      let outcome = ImportOutcome.apply(change, count: count, to: store, actor: actor, now: Date())
      let message = outcome.message(file: ControlCharacters.escaped(file), in: language)
      guard outcome.membersAdded else { throw CLIFailure(message) }
      print(message)
    }
  }
}

/// `shangliang demo`: a working year of the five committees, from the article's cases.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Seed an empty store with the demonstration data.",
    discussion: HelpText.examples("demo"))

  @OptionGroup var options: StoreOptions

  func run() throws {
    let language = options.language
    let (store, actor) = try openStore(options)
    guard Startup.isEmpty(store) else {
      try closeStore(store, language)
      throw CLIFailure(tr("cli.demo.notEmpty", language, options.placeName()))
    }
    let line = ProgressLine(label: tr("progress.demo", language), total: nil, language: language)
    do throws(StoreError) {
      try Startup.loadDemo(into: store, actor: actor, today: Day(workingDayOf: Date())) { done, total in
        line.setTotal(total)
        line.update(done)
      }
      line.finish()
    } catch {
      line.finish()
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
    abstract: "Fill a store with a deterministic synthetic archive of N records (for benchmarks).",
    discussion: HelpText.examples("generate"))

  @OptionGroup var options: StoreOptions
  @Option(help: "How many records.") var records: Int = 100_000
  @Option(help: "The random seed.") var seed: UInt64 = 1

  func run() throws {
    let language = options.language
    let (store, actor) = try openStore(options)
    let started = Date()
    let before = store.state.totalCount
    let line = ProgressLine(label: tr("progress.generate", language), total: records, language: language)
    do throws(StoreError) {
      for step in SyntheticArchive(records: records, seed: seed).groups(days: 30) {
        try store.apply(step.change, actor: actor, now: step.at)
        line.update(min(records, store.state.totalCount - before))
      }
      line.finish()
    } catch {
      line.finish()
      try closeStore(store, language)
      throw CLIFailure(error.message(in: language))
    }
    try closeStore(store, language)
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    print(tr("cli.generate.done", language, String(store.state.totalCount), options.placeName(), seconds))
  }
}
