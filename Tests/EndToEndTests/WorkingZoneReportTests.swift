import Foundation
import Testing

/// The figures are counted in the day where the committees work, so a report made on a machine
/// set to another time zone says the same: here the demonstration committee's year, read with the
/// machine in UTC, in China, in Los Angeles and on Kiritimati (UTC+14, where the demo's noon-UTC
/// steps already fall on the next day).
@Suite("The report is the same whatever the machine's time zone")
struct WorkingZoneReportTests {
  @Test func theSameReportInEveryTimeZone() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("shangliang-zones-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let binary = try Products.executable("shangliang")
    var environment = Products.environment(locale: ["LANG": "C.UTF-8"])
    environment["SHANGLIANG_STORE"] = nil
    let demo = try Products.run(
      binary, arguments: ["--store", folder.path, "--lang", "en", "demo"], environment: environment)
    try #require(demo.status == 0, "demo: \(demo.error)")
    var reports: [String: String] = [:]
    for zone in ["UTC", "Asia/Shanghai", "America/Los_Angeles", "Pacific/Kiritimati"] {
      var zoned = environment
      zoned["TZ"] = zone
      let report = try Products.run(
        binary, arguments: ["--store", folder.path, "--lang", "en", "report", "--format", "csv"],
        environment: zoned)
      #expect(report.status == 0, "\(zone): \(report.error)")
      reports[zone] = report.output
    }
    let utc = try #require(reports["UTC"])
    #expect(utc.contains("problems"), "the report has figures: \(utc.prefix(300))")
    for (zone, report) in reports { #expect(report == utc, "\(zone) differs from UTC") }
  }
}
