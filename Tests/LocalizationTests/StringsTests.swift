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
