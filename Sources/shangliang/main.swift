import App
import ArgumentParser
import Foundation
import Localization
import SharedStore

/// The command line: the TUI by default, plus tools that work on a store without the screen.
struct Shangliang: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shangliang",
    abstract: "商量 — 政协协商·监督·巡河工作台 / CPPCC consultation, supervision and patrol workbench.",
    discussion: HelpText.examples("root"),
    version: "0.1.0",
    subcommands: [
      Run.self, Check.self, Export.self, Minutes.self, Import.self, DemoCommand.self, Generate.self,
      Bench.self, Report.self, Verify.self, History.self, Migrate.self, SetupShared.self, Rollup.self,
      Keys.self, Manual.self, InstallShellFiles.self,
    ],
    defaultSubcommand: Run.self
  )
}

/// Options every command that opens a store shares.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Store folder (default: $XDG_DATA_HOME/shangliang or ~/.local/share/shangliang), or a shared store "
        + "postgresql://user@host:port/db?committee=NAME. Default: $SHANGLIANG_STORE."))
  var store: String?

  @Option(name: .long, help: "Language: zh or en (default: from LC_ALL / LC_MESSAGES / LANG).")
  var lang: Language?

  var language: Language {
    lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
  }

  /// `--store`, else `SHANGLIANG_STORE`.
  var storeText: String? {
    store ?? ProcessInfo.processInfo.environment["SHANGLIANG_STORE"].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The shared store named, if the store is one.
  func sharedAddress() throws -> SharedAddress? {
    guard let text = storeText, SharedAddress.isSharedURL(text) else { return nil }
    do throws(SharedStoreError) {
      return try SharedAddress.parse(text)
    } catch {
      throw CLIFailure(error.message(in: language))
    }
  }

  /// The local store's folder; for a shared store, the folder on this machine for its log and drafts.
  var folder: URL {
    if let text = storeText {
      if !SharedAddress.isSharedURL(text) { return URL(fileURLWithPath: text) }
      let committee = (try? SharedAddress.parse(text).committee) ?? "shared"
      return StoreLocation.defaultFolder(environment: ProcessInfo.processInfo.environment)
        .appendingPathComponent("shared-" + committee)
    }
    return StoreLocation.defaultFolder(environment: ProcessInfo.processInfo.environment)
  }

  /// Where the data is, for messages: the folder or the address (without a password).
  func placeName() -> String {
    if let address = try? sharedAddress() { return address.description }
    return folder.path
  }
}

extension Language: ExpressibleByArgument {}

/// Prints the key table (the README's is made from it).
struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the key table as Markdown.")
  @OptionGroup var options: StoreOptions
  func run() {
    print(Keymap.markdownTable())
  }
}

/// The names of the subcommands, for moving global options behind them.
let subcommandNames = Set(
  Shangliang.configuration.subcommands.map { $0._commandName })
if let unknown = GlobalArguments.unknownCommand(
  in: Array(CommandLine.arguments.dropFirst()), subcommands: subcommandNames)
{
  let language = GlobalArguments.language(
    in: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
  var text = tr("ux4.cli.unknownCommand", language, ControlCharacters.escaped(unknown.word))
  if let meant = unknown.meant { text += tr("ux4.cli.didYouMean", language, meant) }
  FileHandle.standardError.write(Data((text + "\n").utf8))
  // 64 (EX_USAGE), as the parser answers any other misuse.
  exit(64)
}
let arguments = GlobalArguments.normalized(
  Array(CommandLine.arguments.dropFirst()), subcommands: subcommandNames)
do {
  var command = try Shangliang.parseAsRoot(arguments)
  try command.run()
} catch let failure as CLIFailure {
  // Our own failures are already in the user's language: the parser's English "Error: " before a
  // Chinese sentence would mix the two, so the prefix comes from the string tables too.
  let language = GlobalArguments.language(in: arguments, environment: ProcessInfo.processInfo.environment)
  FileHandle.standardError.write(Data((tr("tester.cli.failure", language, failure.description) + "\n").utf8))
  exit(EXIT_FAILURE)
} catch {
  // The parser's own answers (a misused command line) in the user's language, with its exit code;
  // help and the version are printed as the parser prints them.
  let code = Shangliang.exitCode(for: error)
  let language = GlobalArguments.language(in: arguments, environment: ProcessInfo.processInfo.environment)
  guard code != .success, language != .en else { Shangliang.exit(withError: error) }
  let text = ParserErrorText.localized(Shangliang.fullMessage(for: error), language: language)
  FileHandle.standardError.write(Data((text + "\n").utf8))
  exit(code.rawValue)
}
