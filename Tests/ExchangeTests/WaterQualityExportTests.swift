import Domain
import Foundation
import Testing

@testable import Exchange

@Suite struct WaterQualityExportTests {
  /// 草堂河 (target II) read four times over two years, 长江 (default III) once, one patrol unmeasured.
  func twoRivers() throws -> CommitteeState {
    let member = MemberID(raw: 1)
    var changes: [Change] = [
      .putMember(Member(id: member, name: "李靖")),
      .putRiver(River(id: RiverID(raw: 2), name: "草堂河", segments: ["草堂段", "白帝段"], targetClass: .classII)),
      .putRiver(River(id: RiverID(raw: 3), name: "长江", segments: ["夔门段"])),
    ]
    let readings: [(UInt64, UInt64, String, String, WaterQuality?)] = [
      (10, 2, "白帝段", "2025-03-08", .classII), (11, 2, "草堂段", "2025-03-20", .classIV),
      (12, 2, "草堂段", "2026-01-05", .classI), (13, 2, "草堂段", "2026-02-01", .classII),
      (14, 3, "夔门段", "2026-02-02", .classIII), (15, 3, "夔门段", "2026-03-02", nil),
    ]
    for (id, river, segment, date, quality) in readings {
      changes.append(
        .putPatrol(
          Patrol(
            id: PatrolID(raw: id), river: RiverID(raw: river), segment: segment,
            date: Day(date) ?? Day(daysSinceEpoch: 0),
            members: [member], waterQuality: quality)))
    }
    return try Sample.applying(changes)
  }

  @Test func theCSVHasARowPerReadingWithTheTargetAndWhetherItWasMet() throws {
    let data = WaterQualityExport.export(try twoRivers(), format: .csv)
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(
      text
        == [
          "river,segment,date,class,target,met",
          "草堂河,白帝段,2025-03-08,II,II,true",
          "草堂河,草堂段,2025-03-20,IV,II,false",
          "草堂河,草堂段,2026-01-05,I,II,true",
          "草堂河,草堂段,2026-02-01,II,II,true",
          "长江,夔门段,2026-02-02,III,III,true",
        ].map { $0 + "\r\n" }.joined())
  }

  @Test func theJSONHasTheSameRowsAsObjects() throws {
    let data = WaterQualityExport.export(try twoRivers(), format: .json)
    let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    #expect(rows.count == 5)
    #expect(rows[1]["river"] as? String == "草堂河")
    #expect(rows[1]["class"] as? String == "IV")
    #expect(rows[1]["met"] as? Bool == false)
    #expect(rows[4]["target"] as? String == "III")
  }

  @Test func theMarkdownShowsEachRiversTrendAndMarksReadingsWorseThanTheTarget() throws {
    let state = try twoRivers()
    let zh = WaterQualityExport.markdown(state, language: .zh)
    #expect(zh.hasPrefix("# 一江五河水质趋势\n"))
    #expect(zh.contains("## 草堂河"))
    #expect(zh.contains("目标：Ⅱ类 · 最新：Ⅱ类 (2026-02-01 草堂段) · 连续达标：1 年"))
    // March 2025's worst reading was IV, worse than II; the year's mean (II, IV) is III, also missed.
    #expect(zh.contains("| 2025 |  |  | IV* |"))
    #expect(zh.contains("| III* |\n"))
    #expect(zh.contains("`▅▁▂`"), "a bar per month with readings, taller for worse water")
    let en = WaterQualityExport.markdown(state, language: .en)
    #expect(
      en.contains("Target: class III · latest: class III (2026-02-02 夔门段) · years running at target: 1"))
    #expect(!en.contains("2026-03-02"), "a patrol without a reading is left out")
  }
}
