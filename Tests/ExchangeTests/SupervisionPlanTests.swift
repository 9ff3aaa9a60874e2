import Domain
import Foundation
import Seed
import Testing

@testable import Exchange

/// The annual supervision plan as the general office hands it out.
@Suite struct SupervisionPlanTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_000)

  @Test func theMarkdownPlanIsTitledInTheUsersLanguageAndListsEveryDecidedTopicOfTheYear() throws {
    let state = try Demo.state(today: Self.today)
    let yangtze = try #require(state.supervisionItems.values.first { $0.title == "长江生态环境保护民主监督" })
    let year = try #require(yangtze.planYear)
    let zh = SupervisionPlan.markdown(state, year: year, language: .zh)
    #expect(zh.hasPrefix("# \(year) 年度民主监督计划\n"))
    let planned = state.supervisionItems.values.filter { $0.stage == .decided && $0.planYear == year }
    #expect(!planned.isEmpty)
    let tableRows = zh.split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst()
    #expect(tableRows.count == planned.count)
    let yangtzeRow = try #require(tableRows.first { $0.contains("长江生态环境保护民主监督") })
    #expect(yangtzeRow.contains("人口资源环境委员会"))
    #expect(yangtzeRow.contains("| 13 | 61 |"))
    #expect(yangtzeRow.contains("表扬闭环"))
    // Topics not yet decided are not in the plan.
    let undecided = state.supervisionItems.values.filter { $0.stage != .decided }
    #expect(!undecided.isEmpty && undecided.allSatisfy { !zh.contains("| \($0.title) |") })
    let en = SupervisionPlan.markdown(state, year: year, language: .en)
    #expect(en.hasPrefix("# Annual supervision plan \(year)\n"))
    #expect(en.contains("| commended |"))
  }

  @Test func theCSVPlanHasAHeaderInTheUsersLanguageAndOneRowPerTopic() throws {
    let state = try Demo.state(today: Self.today)
    let year = try #require(
      state.supervisionItems.values.first { $0.title == "营商环境优化提升民主监督" }?.planYear)
    let data = SupervisionPlan.csv(state, year: year, language: .zh)
    let rows = try CSV.read(String(decoding: data, as: UTF8.self))
    #expect(rows.first?.fields.prefix(2) == ["编号", "监督议题"])
    #expect(rows.count - 1 == state.supervisionPlan(year: year).count)
    let redone = try #require(rows.first { $0.fields.contains("营商环境优化提升民主监督") })
    #expect(redone.fields.last == "1", "redone once")
    #expect(
      SupervisionPlan.csv(state, year: year, language: .zh, excelBOM: true).prefix(3)
        == Data([0xEF, 0xBB, 0xBF]))
  }

  @Test func aYearWithoutDecidedTopicsSaysSo() throws {
    let state = try Demo.state(today: Self.today)
    let text = SupervisionPlan.markdown(state, year: 2001, language: .en)
    #expect(text.contains("0 supervision topics."))
    #expect(text.contains("No topic has been decided"))
    #expect(!text.contains("|"))
  }
}
