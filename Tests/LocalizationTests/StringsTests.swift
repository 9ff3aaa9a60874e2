import Testing

@testable import Localization

@Suite struct StringsTests {
  @Test func shippedTablesLoadWithoutProblems() {
    #expect(Strings.shared.problems.isEmpty, "\(Strings.shared.problems)")
    #expect(Strings.shared.contains("app.name"))
    #expect(tr("app.name", .zh) == "商量")
    #expect(tr("app.name", .en) == "shangliang")
  }

  @Test func everyEntryHasBothLanguagesWithTheSamePlaceholders() {
    for (key, entry) in Strings.shared.entries {
      #expect(!entry.zh.isEmpty && !entry.en.isEmpty, "\(key) lacks a language")
      #expect(placeholders(entry.zh) == placeholders(entry.en), "\(key) placeholders differ")
    }
  }

  @Test func argumentsFillPlaceholdersAndMissingKeysShow() {
    var table = Strings()
    table.add(tsv: "greet\t你好，{0}\tHello, {0}\nmulti\t一\\n二\tone\\ntwo\n", file: "t.tsv")
    #expect(table.text("greet", .zh, ["张三"]) == "你好，张三")
    #expect(table.text("greet", .en, ["Zhang San"]) == "Hello, Zhang San")
    #expect(table.text("multi", .zh) == "一\n二")
    #expect(table.text("nope", .en) == "⟨nope⟩")
  }

  @Test func malformedAndDuplicateLinesAreReported() {
    var table = Strings()
    table.add(tsv: "a\t甲\tA\nbroken line\na\t乙\tB\n", file: "t.tsv")
    #expect(table.problems.map(\.line) == [2, 3])
  }

  @Test func languageFollowsTheEnvironment() {
    #expect(Language.fromEnvironment(["LANG": "en_US.UTF-8"]) == .en)
    #expect(Language.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .zh)
    #expect(Language.fromEnvironment(["LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"]) == .zh)
    #expect(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "en_GB.UTF-8"]) == .en)
    #expect(Language.fromEnvironment([:]) == .zh)
  }

  private func placeholders(_ text: String) -> Set<String> {
    var found: Set<String> = []
    for i in 0..<10 where text.contains("{\(i)}") { found.insert("{\(i)}") }
    return found
  }
}

/// English counts agree with their nouns: "in 1 file", "in 3 files".
@Suite struct CountedNounsTests {
  @Test func aCountChoosesTheNounsForm() {
    var table = Strings()
    table.add(
      tsv: "n\t{0} 个文件，{1} 条\tin {0} {0|file|files}, {1} {1|entry was|entries were} read\n", file: "t.tsv")
    #expect(table.text("n", .en, ["1", "3"]) == "in 1 file, 3 entries were read")
    #expect(table.text("n", .en, ["2", "1"]) == "in 2 files, 1 entry was read")
    #expect(table.text("n", .en, ["0", "1,000"]) == "in 0 files, 1,000 entries were read")
    #expect(table.text("n", .zh, ["1", "3"]) == "1 个文件，3 条")
  }

  /// No English message of the shipped tables says "1 files": every count followed by a plural
  /// noun chooses its form.
  @Test func noShippedMessageSaysOneWithAPlural() throws {
    let plurals = try Regex(
      #"\b1 (?:(?!to |and |of |in |for )[a-z-]+ )?(files|entries|records|rows|characters|bytes|days|months|members|topics|trips|suggestions|visits|consultations|changes|committees|years|sessions|items|fields|columns|lines|homes|parties|activities|problems|loops|meetings|proposals|regions|inspections|rivers|projects|patrols|reports)\b"#
    )
    var saying: [String] = []
    for (key, entry) in Strings.shared.entries {
      let text = Strings.fill(entry.en, Array(repeating: "1", count: 10))
      if text.contains(plurals) { saying.append("\(key): \(text)") }
    }
    #expect(saying.isEmpty, "\(saying.sorted().joined(separator: "\n"))")
  }
}
