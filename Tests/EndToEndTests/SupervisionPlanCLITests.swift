import Foundation
import Testing

@Suite("shangliang export --kind supervision-plan")
struct SupervisionPlanCLITests {
  @Test("The demo's plan of a year comes out as Markdown titled in the chosen language, and as CSV")
  func theDemoPlanIsExported() throws {
    let binary = try Products.executable("shangliang")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let environment = Products.environment(locale: ["LANG": "C.UTF-8"])
    let demo = try Products.run(
      binary, arguments: ["demo", "--store", folder.path], environment: environment)
    #expect(demo.status == 0, "stderr: \(demo.error)")
    // The demo's year ends today, so its decided topics are in this year's plan or last year's.
    let year = Calendar(identifier: .gregorian).component(.year, from: Date())
    var found = false
    for plan in [year, year - 1] {
      let zh = try Products.run(
        binary,
        arguments: [
          "export", "--kind", "supervision-plan", "--year", String(plan), "--format", "md", "--lang", "zh",
          "--store", folder.path,
        ],
        environment: environment)
      #expect(zh.status == 0, "stderr: \(zh.error)")
      #expect(zh.output.hasPrefix("# \(plan) 年度民主监督计划"))
      found = found || zh.output.contains("长江生态环境保护民主监督")
      let en = try Products.run(
        binary,
        arguments: [
          "export", "--kind", "supervision-plan", "--year", String(plan), "--format", "csv", "--lang", "en",
          "--store", folder.path,
        ],
        environment: environment)
      #expect(en.status == 0, "stderr: \(en.error)")
      #expect(en.output.hasPrefix("ID,Topic,Teams,Lead committee"))
    }
    #expect(found, "the Yangtze topic is in one of the two plans")
    let missing = try Products.run(
      binary,
      arguments: [
        "export", "--kind", "supervision-plan", "--format", "md", "--lang", "en", "--store", folder.path,
      ],
      environment: environment)
    #expect(missing.status != 0)
    #expect(missing.error.contains("--year"))
    let json = try Products.run(
      binary,
      arguments: [
        "export", "--kind", "supervision-plan", "--year", String(year), "--format", "json", "--lang", "zh",
        "--store", folder.path,
      ],
      environment: environment)
    #expect(json.status != 0)
    #expect(json.error.contains("“json”"))
  }
}
