import Domain
import Foundation
import Testing

@testable import Exchange

@Suite struct DutiesExportTests {
  /// 医药卫生界别 with two members: a study in Q1, a fellowship in Q2, one talk, no proposal yet.
  func sample() throws -> CommitteeState {
    let sector = SectorID(raw: 1)
    func day(_ text: String) throws -> Day { try #require(Day(text)) }
    return try Sample.applying([
      .putSector(Sector(id: sector, name: "医药卫生界别")),
      .putMember(Member(id: MemberID(raw: 2), name: "张医生", sector: sector)),
      .putMember(Member(id: MemberID(raw: 3), name: "李护士", sector: sector)),
      .putSectorActivity(
        SectorActivity(
          id: ID(raw: 4), sector: sector, kind: .collectiveStudy, date: try day("2026-02-10"), title: "学习")),
      .putSectorActivity(
        SectorActivity(
          id: ID(raw: 5), sector: sector, kind: .fellowship, date: try day("2026-05-20"), title: "联谊")),
      .putSectorActivity(
        SectorActivity(
          id: ID(raw: 6), sector: sector, kind: .outreachTalk, date: try day("2026-03-03"), title: "宣讲",
          members: [MemberID(raw: 2)])),
    ])
  }

  @Test func theCSVHasARowPerDutyWithTheDayOfTheActivityThatFulfilledIt() throws {
    let state = try sample()
    let today = try #require(Day("2026-07-01"))
    let data = exportDuties(state, year: 2026, format: .csv, today: today, language: .en)
    let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.first == "sector,quarter,duty,done,date,overdue")
    #expect(lines.count == 1 + 8 + 1 + 2, "8 quarterly duties, the proposal, 2 talks")
    #expect(lines[1] == "医药卫生界别,Q1,collective study (quarterly),yes,2026-02-10,")
    #expect(lines[2] == "医药卫生界别,Q1,inspection or fellowship (quarterly),no,,overdue")
    #expect(lines[4] == "医药卫生界别,Q2,inspection or fellowship (quarterly),yes,2026-05-20,")
    #expect(lines[5] == "医药卫生界别,Q3,collective study (quarterly),no,,", "Q3 is not over on 1 July")
    #expect(lines[10] == "医药卫生界别,year,\"outreach talk (each member, yearly): 张医生\",yes,2026-03-03,")
  }

  @Test func theMarkdownIsATableInTheUsersLanguageWithCellsEscaped() throws {
    var state = try sample()
    state = try Sample.applying(
      [.putSector(Sector(id: ID(raw: 7), name: "文化|艺术*界别"))], to: state)
    let today = try #require(Day("2027-01-05"))
    let text = String(
      decoding: exportDuties(state, year: 2026, format: .md, today: today, language: .zh), as: UTF8.self)
    #expect(text.hasPrefix("# 2026年界别委员之家履职情况\n\n| 界别 | 季度 | 职责 | 完成 | 完成日期 | 逾期 |\n"))
    #expect(text.contains("| 医药卫生界别 | 全年 | 集体提案（每年） | 否 |  | 逾期 |"))
    #expect(text.contains("| 文化\\|艺术\\*界别 | 第1季度 |"))
  }
}
