import Foundation

/// The table of user-facing text, read from `Resources/strings/*.tsv`.
///
/// Each line of a table is `key<TAB>中文<TAB>English`; `#` starts a comment line. `\n` and `\t`
/// in a text stand for a newline and a tab. `{0}`, `{1}`, … are replaced by arguments.
public struct Strings: Sendable {
  /// One entry: the text in each language.
  public struct Entry: Sendable, Equatable {
    public var zh: String
    public var en: String

    public func text(_ language: Language) -> String {
      language == .zh ? zh : en
    }
  }

  /// A problem found while reading a table (used by tests and `check`).
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file):\(line): \(reason)" }
  }

  public private(set) var entries: [String: Entry] = [:]
  public private(set) var problems: [Problem] = []

  public init() {}

  /// The table shipped with the program.
  public static let shared: Strings = loadBundled()

  /// Reads every `.tsv` file of a folder, in name order.
  public static func load(folder: URL) -> Strings {
    var table = Strings()
    let names =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".tsv") }.sorted()
    for name in names {
      let url = folder.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
      else {
        table.problems.append(Problem(file: name, line: 0, reason: "not readable as UTF-8"))
        continue
      }
      table.add(tsv: text, file: name)
    }
    return table
  }

  /// Adds the entries of one table's text.
  public mutating func add(tsv text: String, file: String) {
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3 else {
        problems.append(
          Problem(
            file: file, line: lineNumber, reason: "expected 3 tab-separated fields, found \(fields.count)"))
        continue
      }
      let key = String(fields[0])
      if entries[key] != nil {
        problems.append(Problem(file: file, line: lineNumber, reason: "duplicate key \(key)"))
      }
      entries[key] = Entry(zh: Self.unescape(fields[1]), en: Self.unescape(fields[2]))
    }
  }

  /// The text of `key` in `language`, with `{0}`, `{1}`, … replaced by `arguments`.
  /// A missing key shows as `⟨key⟩`, so that it is seen and fixed rather than hidden.
  public func text(_ key: String, _ language: Language, _ arguments: [String] = []) -> String {
    guard let entry = entries[key] else { return "⟨\(key)⟩" }
    return Self.fill(entry.text(language), arguments)
  }

  public func contains(_ key: String) -> Bool { entries[key] != nil }

  static func fill(_ template: String, _ arguments: [String]) -> String {
    guard !arguments.isEmpty, template.contains("{") else { return template }
    var result = template.contains("|") ? choosingCounts(template, arguments) : template
    for (index, argument) in arguments.enumerated() {
      result = result.replacingOccurrences(of: "{\(index)}", with: argument)
    }
    return result
  }

  /// `{0|file|files}` becomes the first form when argument 0 is 1 and the second otherwise, so that
  /// English says "1 file" and "3 files" ("in {0} {0|file|files}"); Chinese needs none.
  static func choosingCounts(_ template: String, _ arguments: [String]) -> String {
    template.replacing(/\{(\d)\|([^|{}]*)\|([^|{}]*)\}/) { match in
      guard let index = Int(match.output.1), index < arguments.count else { return String(match.output.0) }
      return String(arguments[index] == "1" ? match.output.2 : match.output.3)
    }
  }

  static func unescape(_ field: Substring) -> String {
    guard field.contains("\\") else { return String(field) }
    var out = ""
    var escaping = false
    for ch in field {
      if escaping {
        switch ch {
        case "n": out.append("\n")
        case "t": out.append("\t")
        default: out.append(ch)
        }
        escaping = false
      } else if ch == "\\" {
        escaping = true
      } else {
        out.append(ch)
      }
    }
    return out
  }

  private static func loadBundled() -> Strings {
    // `.process` copies every table flat into the bundle's root folder.
    if let url = Bundle.module.resourceURL,
      FileManager.default.fileExists(atPath: url.appendingPathComponent("common.tsv").path)
    {
      return load(folder: url)
    }
    var table = Strings()
    table.problems.append(
      Problem(file: "Resources/strings", line: 0, reason: "tables not found in the bundle"))
    return table
  }
}

/// Shorthand used across the program: the shipped text of `key` in `language`.
public func tr(_ key: String, _ language: Language, _ arguments: String...) -> String {
  Strings.shared.text(key, language, arguments)
}
