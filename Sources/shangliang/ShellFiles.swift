import ArgumentParser
import Foundation
import Localization

/// `shangliang man`: the manual page (roff), made from the argument parser's own description of
/// every command and option, so that it can never disagree with `--help`.
struct Manual: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "man",
    abstract: "Print the manual page (roff): shangliang man | man -l -",
    discussion: HelpText.examples("man"))

  @OptionGroup var options: StoreOptions

  func run() throws {
    print(try ManualPage.roff(), terminator: "")
  }
}

/// `shangliang install-shell-files`: completions for bash, zsh and fish, and the manual page,
/// written where each shell and `man` look for a user's own files.
struct InstallShellFiles: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install-shell-files",
    abstract: "Install shell completions (bash, zsh, fish) and the manual page for this user.",
    discussion: HelpText.examples("install-shell-files"))

  @OptionGroup var options: StoreOptions
  @Option(help: "Data folder to install into (default: $XDG_DATA_HOME, else ~/.local/share).")
  var prefix: String?
  @Option(help: "fish's configuration folder (default: $XDG_CONFIG_HOME/fish, else ~/.config/fish).")
  var fishConfig: String?

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    let data =
      prefix ?? environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home
      + "/.local/share"
    let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
    let fish = fishConfig ?? config + "/fish"
    let files: [(path: String, contents: String)] = [
      (data + "/bash-completion/completions/shangliang", Shangliang.completionScript(for: .bash)),
      (data + "/zsh/site-functions/_shangliang", Shangliang.completionScript(for: .zsh)),
      (fish + "/completions/shangliang.fish", Shangliang.completionScript(for: .fish)),
      (data + "/man/man1/shangliang.1", try ManualPage.roff()),
    ]
    let language = options.language
    for file in files {
      let url = URL(fileURLWithPath: file.path)
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: url, options: .atomic)
      } catch {
        throw CLIFailure(
          tr("message.fileFailed", language, file.path, (error as NSError).localizedDescription))
      }
      print(tr("cli.shellFiles.wrote", language, file.path))
    }
    print(tr("cli.shellFiles.next", language, data + "/zsh/site-functions"))
  }
}

/// Examples for `--help`, in the user's language (from `--lang` on the command line, else the
/// locale), from the strings tables (`help.examples.<command>`).
enum HelpText {
  static var language: Language {
    let arguments = CommandLine.arguments
    for (index, argument) in arguments.enumerated() {
      if argument == "--lang", index + 1 < arguments.count,
        let chosen = Language(rawValue: arguments[index + 1])
      {
        return chosen
      }
      if argument.hasPrefix("--lang="), let chosen = Language(rawValue: String(argument.dropFirst(7))) {
        return chosen
      }
    }
    return Language.fromEnvironment(ProcessInfo.processInfo.environment)
  }

  /// The examples of `command` ("root" for the program itself), one per line.
  static func examples(_ command: String) -> String {
    tr("help.examples." + command, language)
  }
}

/// The manual page, made from `--experimental-dump-help` (the parser's description of itself).
enum ManualPage {
  struct Tool: Decodable { var command: Command }
  struct Command: Decodable {
    var commandName: String
    var abstract: String?
    var discussion: String?
    var subcommands: [Command]?
    var arguments: [Argument]?
  }
  struct Argument: Decodable {
    struct Name: Decodable {
      var kind: String
      var name: String
    }
    var kind: String
    var shouldDisplay: Bool
    var names: [Name]?
    var valueName: String?
    var defaultValue: String?
    var abstract: String?
    var isOptional: Bool
  }

  static func roff() throws -> String {
    let json = Shangliang._dumpHelp()
    let tool: Tool
    do {
      tool = try JSONDecoder().decode(Tool.self, from: Data(json.utf8))
    } catch {
      throw CLIFailure("the argument parser's description could not be read: \(error)")
    }
    return roff(tool.command)
  }

  static func roff(_ root: Command) -> String {
    var out = ".TH SHANGLIANG 1 \"\" \"shangliang\" \"User Commands\"\n"
    out += ".SH NAME\nshangliang \\- \(escape(root.abstract ?? ""))\n"
    out += ".SH SYNOPSIS\n.B shangliang\n[\\fB\\-\\-store\\fR \\fIDIR\\fR] [\\fB\\-\\-lang\\fR zh|en] "
    out += "[\\fIcommand\\fR] [\\fIoptions\\fR]\n"
    out += ".SH DESCRIPTION\n"
    out += "Without a command, the full-screen application opens (it needs a terminal). "
    out += "\\fB\\-\\-store\\fR and \\fB\\-\\-lang\\fR may come before or after the command. "
    out += "The store is \\fB\\-\\-store\\fR, else \\fB$SHANGLIANG_STORE\\fR, else "
    out += "\\fB$XDG_DATA_HOME/shangliang\\fR or \\fB~/.local/share/shangliang\\fR.\n"
    out += ".SH EXAMPLES\n" + examples("root")
    out += ".SH COMMANDS\n"
    for command in root.subcommands ?? [] { out += section(command, path: ["shangliang"]) }
    out += ".SH ENVIRONMENT\n"
    out += ".TP\n.B SHANGLIANG_STORE\nThe store folder when \\fB\\-\\-store\\fR is not given.\n"
    out += ".TP\n.B LC_ALL, LC_MESSAGES, LANG\nThe language when \\fB\\-\\-lang\\fR is not given "
    out += "(English when it starts with en, Chinese otherwise); the locale must be UTF-8.\n"
    out += ".TP\n.B NO_COLOR\nNo colours on the screen.\n"
    out += ".SH EXIT STATUS\n0 on success; 1 when the work failed (the message says why); "
    out += "2 for a usage error, or when the application is started without a terminal.\n"
    out += ".SH FILES\nThe store folder holds the snapshot, the journal, a lock, drafts, backups and "
    out += "\\fIshangliang.log\\fR.\n"
    return out
  }

  static func section(_ command: Command, path: [String]) -> String {
    let names = path + [command.commandName]
    var out = ".SS \"\(names.joined(separator: " "))\"\n"
    if let abstract = command.abstract { out += escape(abstract) + "\n" }
    let shown = (command.arguments ?? []).filter { $0.shouldDisplay && !isHelp($0) }
    for argument in shown {
      out += ".TP\n" + label(argument) + "\n"
      var text = escape(argument.abstract ?? "")
      if let value = argument.defaultValue, !value.isEmpty { text += " (default: \(escape(value)))" }
      out += text + "\n"
    }
    if Strings.shared.contains("help.examples." + command.commandName) {
      out += ".PP\n" + examples(command.commandName)
    }
    for sub in command.subcommands ?? [] { out += section(sub, path: names) }
    return out
  }

  static func isHelp(_ argument: Argument) -> Bool {
    let names = (argument.names ?? []).map(\.name)
    return names.contains("help") || names.contains("version")
  }

  static func label(_ argument: Argument) -> String {
    let value = argument.valueName.map { " \\fI\(escape($0))\\fR" } ?? ""
    if argument.kind == "positional" { return "\\fI\(escape(argument.valueName ?? "value"))\\fR" }
    let names = (argument.names ?? []).map { name in
      (name.kind == "short" ? "\\-" : "\\-\\-") + escape(name.name)
    }
    return "\\fB" + names.joined(separator: ", ") + "\\fR" + (argument.kind == "option" ? value : "")
  }

  /// A command's examples in English, then in Chinese (one page serves both).
  static func examples(_ command: String) -> String {
    paragraph(tr("help.examples." + command, .en)) + ".PP\n" + paragraph(tr("help.examples." + command, .zh))
  }

  /// Lines kept as they are (examples are laid out by hand).
  static func paragraph(_ text: String) -> String {
    ".nf\n"
      + text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }
      .joined(separator: "\n") + "\n.fi\n"
  }

  /// Text safe for roff: backslashes and leading dots or quotes cannot start a request.
  static func escape(_ text: String) -> String {
    var result = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
    if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
    return result
  }
}
