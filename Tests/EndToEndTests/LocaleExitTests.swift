import Foundation
import Testing

@Suite("Under a non-UTF-8 locale the programs refuse to start, before touching the screen")
struct LocaleExitTests {
  func expectLocaleRefusal(_ name: String) throws {
    let binary = try Products.executable(name)
    let result = try Products.run(binary, environment: Products.environment(locale: ["LANG": "C"]))
    #expect(result.status != 0, "\(name) exited 0 under LANG=C")
    #expect(result.error.contains("export LANG=C.UTF-8"), "stderr: \(result.error)")
    #expect(result.error.contains("zh_CN.UTF-8"))
    #expect(result.error.contains("UTF-8 字符环境"), "the message is bilingual")
    #expect(!result.output.contains("\u{1B}["), "nothing was drawn on the terminal")
  }

  @Test("shangliang under LANG=C prints the bilingual locale message and exits non-zero")
  func shangliangRefusesNonUTF8() throws {
    try expectLocaleRefusal("shangliang")
  }

  @Test("The terminal demo under LANG=C prints the same message and exits non-zero")
  func demoRefusesNonUTF8() throws {
    try expectLocaleRefusal("shangliang-termdemo")
  }
}

@Suite("A UTF-8 locale that is not installed is named, with how to see the installed ones")
struct MissingLocaleTests {
  @Test func aMissingLocaleIsNamed() throws {
    let binary = try Products.executable("shangliang")
    let missing = "xx_XX.UTF-8"
    let result = try Products.run(binary, environment: Products.environment(locale: ["LANG": missing]))
    #expect(result.status != 0)
    #expect(result.error.contains(missing), "stderr: \(result.error)")
    #expect(result.error.contains("locale -a"))
  }
}
