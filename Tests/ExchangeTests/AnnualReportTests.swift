import Domain
import Exchange
import Foundation
import Localization
import Seed
import Testing

@Suite("The year's work summary")
struct AnnualReportTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 0)

  @Test("the demo's 2026 summary matches the reviewed file, in Chinese and in English")
  func demoSummaryMatchesGolden() throws {
    let state = try Demo.state(today: Self.today)
    let report = AnnualReport(state: state, year: 2026, today: Self.today)
    for language in [Language.zh, .en] {
      let name = "annual-report-2026-\(language).md"
      let text = report.markdown(in: language)
      let url = Sample.fixtures.appendingPathComponent(name)
      if ProcessInfo.processInfo.environment["SHANGLIANG_RECORD"] == "1" {
        try Data(text.utf8).write(to: url)
        continue
      }
      let expected = try String(contentsOf: url, encoding: .utf8)
      #expect(text == expected, "\(name) differs; after review, record again with SHANGLIANG_RECORD=1")
    }
  }

  @Test("every figure has a name and a definition in both languages, and the CSV has one row per figure")
  func everyFigureIsDefined() throws {
    let state = try Demo.state(today: Self.today)
    let report = AnnualReport(state: state, year: 2026, today: Self.today)
    #expect(report.figures.count >= 20)
    for figure in report.figures {
      for language in [Language.zh, .en] {
        #expect(tr("report.figure.\(figure.key)", language) != "report.figure.\(figure.key)")
        #expect(tr("report.def.\(figure.key)", language) != "report.def.\(figure.key)")
      }
    }
    let csv = report.csv(in: .en)
    let rows = csv.split(separator: "\r\n")
    #expect(rows.count == report.figures.count + 1)
    #expect(rows.first == "Section,Figure,Value,Definition")
  }

  @Test(
    "figures follow the year: an empty year counts nothing, and the summary's closed loops match the tally")
  func figuresFollowTheYear() throws {
    let state = try Demo.state(today: Self.today)
    let empty = AnnualReport(state: state, year: 1999, today: Self.today)
    #expect(empty.value("problems.raised") == "0")
    #expect(empty.value("consultations.held") == "0")
    #expect(empty.value("problems.closureRate") == "—")
    let report = AnnualReport(state: state, year: 2026, today: Self.today)
    let closedByHand = state.problems.values.filter { problem in
      guard problem.status == .closed, let at = problem.history.last(where: { $0.status == .closed })?.at
      else {
        return false
      }
      return Day(at, TimeZone(identifier: "UTC") ?? .current).year == 2026
    }.count
    #expect(report.value("problems.closed") == String(closedByHand))
  }
}
