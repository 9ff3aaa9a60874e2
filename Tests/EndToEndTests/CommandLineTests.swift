import Foundation
import Testing

/// A user tries the command line the way git taught them: options before or after the
/// subcommand, a store named once in the environment, and no screen drawn into a pipe.
@Suite("The command line behaves like the tools people know")
struct CommandLineTests {
  /// A fresh, empty folder for one test's store.
  func freshFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("shangliang-cli-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Subprocess.Result {
    let binary = try Products.executable("shangliang")
    var environment = Products.environment(locale: ["LANG": "C.UTF-8"])
    environment["SHANGLIANG_STORE"] = nil
    return try Products.run(binary, arguments: arguments, environment: environment.merging(extra) { $1 })
  }

  @Test(
    "--store and --lang work before the subcommand, after it, and mixed",
    arguments: [
      ["--store", "{}", "check"], ["check", "--store", "{}"], ["--lang", "en", "--store={}", "check"],
      ["--store", "{}", "check", "--lang", "en"],
    ])
  func globalOptionsAnywhere(pattern: [String]) throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let arguments = pattern.map { $0.replacingOccurrences(of: "{}", with: folder.path) }
    let result = try run(arguments + (pattern.contains("--lang") ? [] : ["--lang", "en"]))
    #expect(result.status == 0, "\(arguments): \(result.error)")
    #expect(result.output.contains("Store: \(folder.path)"), "\(arguments) printed: \(result.output)")
  }

  @Test(
    "A mistyped command is named, with the command meant, in the user's language; exit 64",
    arguments: [
      (["chek"], "没有“chek”这个命令", "shangliang check？"),
      (
        ["--lang", "en", "--store", "/nowhere", "exprot"], "There is no command \"exprot\"",
        "shangliang export?"
      ),
      (["--lang", "en", "frobnicate"], "There is no command \"frobnicate\"", nil),
    ])
  func aMistypedCommandIsNamed(arguments: [String], says: String, meant: String?) throws {
    let result = try run(arguments)
    #expect(result.status == 64, "\(arguments)")
    #expect(result.error.contains(says), "\(arguments): \(result.error)")
    if let meant { #expect(result.error.contains(meant), "\(arguments): \(result.error)") }
    // Not the parser's English usage of a command the user never typed.
    #expect(!result.error.contains("shangliang run"), "\(arguments): \(result.error)")
  }

  @Test(
    "The parser's refusals are in the user's language, with its exit code and the usage",
    arguments: [
      (["generate", "--records", "x"], "'--records <records>' 的值 'x' 无效", "is invalid"),
      (["check", "surplus"], "多余的参数 'surplus'", "Unexpected argument"),
      (["import", "members"], "缺少参数 '<file>'", "Missing expected argument"),
      (["check", "--nonsense"], "没有选项 '--nonsense'", "Unknown option"),
      (["check", "--lang", "fr"], "'--lang <lang>' 的值 'fr' 无效。可用的值：'zh'、'en'。", "Please provide"),
    ])
  func parserRefusalsInChinese(arguments: [String], says: String, english: String) throws {
    let result = try run(arguments, environment: ["LANG": "zh_CN.UTF-8"])
    #expect(result.status == 64, "\(arguments)")
    #expect(result.error.contains("错误：" + says), "\(arguments): \(result.error)")
    #expect(!result.error.contains(english), "\(arguments): \(result.error)")
    #expect(result.error.contains("用法： shangliang"), "\(arguments): \(result.error)")
    #expect(result.error.contains("详见 'shangliang"), "\(arguments): \(result.error)")
    // In English, the parser's own words.
    let english = try run(arguments, environment: ["LANG": "en_US.UTF-8"])
    #expect(english.status == 64)
    #expect(english.error.contains("Error: "), "\(arguments): \(english.error)")
  }

  @Test("A global option before a nested command reaches it: --lang zh before import members")
  func globalOptionBeforeANestedCommand() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("none.csv")
    let result = try run(["--lang", "zh", "--store", folder.path, "import", "members", csv.path])
    #expect(result.status == 1)
    #expect(result.error.contains(csv.path), "the missing file is named: \(result.error)")
    #expect(!result.error.contains("Unexpected argument"), "\(result.error)")
  }

  @Test("check on a path that is no store folder names the problem and vouches for no audit log")
  func checkOnAFileVouchesForNothing() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("notes.txt")
    try Data("not a store".utf8).write(to: file)
    for path in [file.path, folder.appendingPathComponent("missing").path] {
      let result = try run(["--store", path, "check", "--lang", "en"])
      #expect(result.status == 1, "\(path): \(result.output)")
      #expect(result.output.contains(path), "the path is named: \(result.output)")
      #expect(!result.output.contains("Audit log"), "an audit log never read was reported: \(result.output)")
    }
  }

  @Test("SHANGLIANG_STORE names the store when --store is not given; --store still wins")
  func environmentNamesTheStore() throws {
    let named = try freshFolder()
    let other = try freshFolder()
    defer {
      try? FileManager.default.removeItem(at: named)
      try? FileManager.default.removeItem(at: other)
    }
    let fromEnvironment = try run(["check", "--lang", "en"], environment: ["SHANGLIANG_STORE": named.path])
    #expect(fromEnvironment.status == 0, "\(fromEnvironment.error)")
    #expect(fromEnvironment.output.contains("Store: \(named.path)"), "\(fromEnvironment.output)")
    let overridden = try run(
      ["--store", other.path, "check", "--lang", "en"], environment: ["SHANGLIANG_STORE": named.path])
    #expect(overridden.output.contains("Store: \(other.path)"), "\(overridden.output)")
  }

  @Test(
    "Without a terminal on standard input the app says so in the user's language and exits 2",
    arguments: [("en", "needs a terminal"), ("zh", "需要在终端里运行")])
  func noTerminalOnStandardInput(language: String, words: String) throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try run(["--store", folder.path, "--lang", language], environment: ["TERM": "xterm"])
    #expect(result.status == 2, "stderr: \(result.error)")
    #expect(result.error.contains(words), "stderr: \(result.error)")
    #expect(!result.output.contains("\u{1B}["), "nothing was drawn")
  }

  @Test("Long work into a pipe prints its result and no progress bar (no escape codes, no \\r)")
  func noProgressWithoutATerminal() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let generated = try run(["--store", folder.path, "--lang", "en", "generate", "--records", "2000"])
    #expect(generated.status == 0, "\(generated.error)")
    #expect(generated.output.contains("Generated"), "\(generated.output)")
    let checked = try run(["--store", folder.path, "--lang", "en", "check"])
    #expect(checked.status == 0)
    for result in [generated, checked] {
      #expect(!result.error.contains("\r") && !result.error.contains("\u{1B}"), "stderr: \(result.error)")
    }
  }

  @Test("The manual page is made from the parser's own definitions: every command and option is in it")
  func manualPage() throws {
    let result = try run(["man"])
    #expect(result.status == 0, "\(result.error)")
    let page = result.output
    #expect(page.hasPrefix(".TH SHANGLIANG 1"))
    for command in ["check", "export", "import", "demo", "generate", "bench app", "bench store", "keys"] {
      #expect(page.contains(".SS \"shangliang \(command)\""), "no section for \(command)")
    }
    for option in ["\\-\\-store", "\\-\\-lang", "\\-\\-records", "\\-\\-encoding", "\\-\\-excel"] {
      #expect(page.contains(option), "\(option) is missing")
    }
    #expect(page.contains("SHANGLIANG_STORE"))
    #expect(page.contains("Examples:") && page.contains("示例："), "examples in both languages")
  }

  @Test(
    "install-shell-files puts bash, zsh and fish completions and the manual page where they are looked for"
  )
  func installShellFiles() throws {
    let folder = try freshFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("share").path
    let fish = folder.appendingPathComponent("fish").path
    let result = try run(["install-shell-files", "--prefix", data, "--fish-config", fish, "--lang", "en"])
    #expect(result.status == 0, "\(result.error)")
    let files = [
      (data + "/bash-completion/completions/shangliang", "complete"),
      (data + "/zsh/site-functions/_shangliang", "#compdef shangliang"),
      (fish + "/completions/shangliang.fish", "complete -c 'shangliang'"),
      (data + "/man/man1/shangliang.1", ".TH SHANGLIANG 1"),
    ]
    for (path, marker) in files {
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      #expect(text.contains(marker), "\(path) lacks \(marker)")
      #expect(result.output.contains(path), "the user is told where \(path) went")
    }
    let bash = (try? String(contentsOfFile: files[0].0, encoding: .utf8)) ?? ""
    #expect(bash.contains("generate") && bash.contains("--records"), "completions know the subcommands")
  }

  @Test("--help shows examples in the user's language, also when --lang comes before it")
  func helpExamples() throws {
    let english = try run(["--lang", "en", "--help"])
    #expect(english.output.contains("Examples:"), "\(english.output)")
    #expect(english.output.contains("SUBCOMMANDS"), "the program's help, not the default command's")
    let chinese = try run(["export", "--help", "--lang", "zh"])
    #expect(chinese.output.contains("示例："), "\(chinese.output)")
  }
}
