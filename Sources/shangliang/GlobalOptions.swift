import Foundation
import Localization

/// `--store` and `--lang` anywhere on the command line, as git takes `-C` before its subcommand.
///
/// swift-argument-parser only gives an option to the command that declares it, so
/// `shangliang --store DIR check` would reach the root command, which has no `--store`. Before
/// parsing, the global options written before the subcommand's name are moved after it (to the
/// end, ahead of any `--`), where every command's `StoreOptions` takes them.
enum GlobalArguments {
  /// The options every command takes, each with a value.
  static let names: Set<String> = ["--store", "--lang"]
  /// Flags that ask about the program itself rather than run a command.
  static let programWide: Set<String> = ["-h", "--help", "--version", "--generate-completion-script"]

  /// The language `--lang` names anywhere in `arguments` (the last one wins, as the parser takes
  /// it), else the environment's.
  static func language(in arguments: [String], environment: [String: String]) -> Language {
    var named: Language?
    for (index, argument) in arguments.enumerated() {
      if argument == "--lang", index + 1 < arguments.count {
        named = Language(rawValue: arguments[index + 1]) ?? named
      } else if argument.hasPrefix("--lang=") {
        named = Language(rawValue: String(argument.dropFirst("--lang=".count))) ?? named
      }
    }
    return named ?? Language.fromEnvironment(environment)
  }

  /// The word written where a command's name goes that names no command (`shangliang chek`),
  /// with the command it most likely meant; nil when the arguments name a command, or none.
  ///
  /// The parser would take such a word as an argument of the default command and answer, in
  /// English only, with the usage of `run`, a command the user never typed.
  static func unknownCommand(in arguments: [String], subcommands: Set<String>) -> (
    word: String, meant: String?
  )? {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if names.contains(argument) {
        index += 2
      } else if let equals = argument.firstIndex(of: "="), names.contains(String(argument[..<equals])) {
        index += 1
      } else {
        break
      }
    }
    guard index < arguments.count else { return nil }
    let word = arguments[index]
    // `help` is the parser's own (`shangliang help check`).
    guard !word.hasPrefix("-"), word != "help", !subcommands.contains(word) else { return nil }
    let nearest = subcommands.map { ($0, editDistance(word.lowercased(), $0)) }
      .filter { $0.1 <= max(1, min(2, $0.0.count / 3)) }
      .min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return (word, nearest?.0)
  }

  /// The number of characters to insert, delete or replace to make `a` into `b` (Levenshtein).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in stride(from: 1, through: b.count, by: 1) {
        let replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, replace)
      }
      previous = current
    }
    return previous[b.count]
  }

  /// `arguments` (without the program name) with leading global options moved behind the
  /// subcommand path, when one follows them; otherwise unchanged (the default command has them).
  static func normalized(_ arguments: [String], subcommands: Set<String>) -> [String] {
    var globals: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if names.contains(argument), index + 1 < arguments.count {
        globals += [argument, arguments[index + 1]]
        index += 2
      } else if let equals = argument.firstIndex(of: "="), names.contains(String(argument[..<equals])) {
        globals.append(argument)
        index += 1
      } else {
        break
      }
    }
    guard !globals.isEmpty else { return arguments }
    guard index < arguments.count, subcommands.contains(arguments[index]) else {
      // `shangliang --lang zh --help`: the program's own help (in that language), not the
      // default command's, which is what the parser would show with the options left in.
      let rest = arguments[index...]
      if rest.contains(where: { Self.programWide.contains($0) }) { return Array(rest) }
      return arguments
    }
    var rest = Array(arguments[index...])
    let end = rest.firstIndex(of: "--") ?? rest.count
    rest.insert(contentsOf: globals, at: end)
    return rest
  }
}
