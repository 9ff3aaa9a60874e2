import Foundation
import Localization

/// The argument parser's answers to a misused command line ("Unexpected argument 'x'", "Missing
/// expected argument '<path>'", "The value 'x' is invalid for '--records <records>'"), put in the
/// user's language: the parser speaks English only, so its message is read line by line and each
/// sentence it makes is said again from the string tables. Names typed by the user, option names and
/// the usage line stay as they were; a sentence this does not know is left in English.
enum ParserErrorText {
  /// `full` (the parser's `fullMessage`) in `language`.
  static func localized(_ full: String, language: Language) -> String {
    guard language != .en else { return full }
    return full.components(separatedBy: "\n").map { line(String($0), language) }.joined(separator: "\n")
  }

  /// One line: the error, its help, the usage, the pointer to `--help`.
  static func line(_ text: String, _ language: Language) -> String {
    if let rest = text.dropping(prefix: "Error: ") {
      return tr("left5.cli.error", language, sentence(rest, language))
    }
    if let rest = text.dropping(prefix: "Usage: ") { return tr("left5.cli.usage", language) + " " + rest }
    if let rest = text.dropping(prefix: "Help:  ") { return tr("left5.cli.help", language) + " " + rest }
    if let rest = text.dropping(prefix: "  See '"),
      let command = rest.dropping(suffix: "' for more information.")
    {
      return "  " + tr("left5.cli.seeHelp", language, command)
    }
    return text
  }

  /// One of the parser's sentences, with what it quotes carried over.
  static func sentence(_ text: String, _ language: Language) -> String {
    for (pattern, key) in patterns {
      guard let match = text.wholeMatch(of: pattern) else { continue }
      let quoted = match.output.dropFirst().compactMap { $0.substring.map(String.init) }
      return Strings.shared.text(key, language, quoted)
    }
    // The value's reasons (". Please provide one of 'zh' and 'en'.") after a known sentence.
    if let range = text.range(of: ". Please provide one of ") {
      let said = sentence(String(text[..<range.lowerBound]), language)
      if text[range.upperBound...].hasPrefix("the following:") {
        return said + tr("left5.cli.oneOfBelow", language)
      }
      let values = text[range.upperBound...].matches(of: valueList).map { String($0.output.1) }
      return said + tr("left5.cli.oneOf", language, values.map { "'\($0)'" }.joined(separator: "、"))
    }
    return text
  }

  nonisolated(unsafe) static let valueList = /'([^']*)'/
  /// The parser's sentences (`ErrorMessageGenerator`), each with the key of its translation; the
  /// captures are the key's arguments in order.
  nonisolated(unsafe) static let patterns: [(Regex<AnyRegexOutput>, String)] = [
    (Regex(/Unexpected argument '(.*)'/), "left5.cli.unexpected"),
    (Regex(/(\d+) unexpected arguments: (.*)/), "left5.cli.unexpectedMany"),
    (Regex(/Missing expected argument '(.*)'/), "left5.cli.missing"),
    (Regex(/Missing one of: (.*)/), "left5.cli.missingOneOf"),
    (Regex(/Unknown option '([^']*)'\. Did you mean '([^']*)'\?/), "left5.cli.unknownOptionMeant"),
    (Regex(/Unknown option '(.*)'/), "left5.cli.unknownOption"),
    (Regex(/Missing value for '(.*)'/), "left5.cli.missingValue"),
    (Regex(/The value '(.*)' is invalid for '([^']*)'/), "left5.cli.invalidValue"),
    (Regex(/The value '(.*)' is invalid for '([^']*)': (.*)/), "left5.cli.invalidValueBecause"),
    (Regex(/The value '(.*)' is invalid\./), "left5.cli.invalidValueAlone"),
    (
      Regex(/The option '(.*)' does not take any value, but '(.*)' was specified\./),
      "left5.cli.takesNoValue"
    ),
    (Regex(/Missing required subcommand\./), "left5.cli.missingSubcommand"),
    (Regex(/Invalid option: (.*)/), "left5.cli.invalidOption"),
  ]
}

extension String {
  fileprivate func dropping(prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }

  fileprivate func dropping(suffix: String) -> String? {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : nil
  }
}
