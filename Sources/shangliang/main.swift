import App
import ArgumentParser
import Foundation
import Localization

/// The command line: the TUI by default, plus tools that work on a store without the screen.
struct Shangliang: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shangliang",
    abstract: "商量 — 政协协商·监督·巡河工作台 / CPPCC consultation, supervision and patrol workbench.",
    discussion: HelpText.examples("root"),
    version: "0.1.0",
    subcommands: [
      Run.self, Check.self, Export.self, Minutes.self, Import.self, DemoCommand.self, Generate.self,
      Bench.self, Report.self, Verify.self, History.self,
      Keys.self, Manual.self, InstallShellFiles.self,
    ],
    defaultSubcommand: Run.self
  )
}

/// Options every command that opens a store shares.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Store folder (default: $SHANGLIANG_STORE, else $XDG_DATA_HOME/shangliang or ~/.local/share/shangliang)."
  )
  var store: String?

  @Option(name: .long, help: "Language: zh or en (default: from LC_ALL / LC_MESSAGES / LANG).")
  var lang: Language?

  var language: Language {
    lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
  }

  var folder: URL {
    if let store { return URL(fileURLWithPath: store) }
    return StoreLocation.defaultFolder(environment: ProcessInfo.processInfo.environment)
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
Shangliang.main(
  GlobalArguments.normalized(Array(CommandLine.arguments.dropFirst()), subcommands: subcommandNames))
