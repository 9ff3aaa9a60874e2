import Domain
import Foundation
import Testing

@testable import Exchange

@Suite struct MinutesTests {
  /// The 小花市集 meeting as a secretary records it.
  func sampleConsultation() throws -> (Consultation, CommitteeState) {
    let day = try #require(Day("2026-05-12"))
    let id = ConsultationID(raw: 20)
    let minutes = """
      一、发言摘要
      何晓敏（主持人）：介绍小花市集打造的背景和前期7次走访调研情况。
      张三委员：市集周末停车位不足，建议错时共享周边单位车位。
      城市管理局：将研究制定整改方案，限期办理并及时反馈。

      二、形成意见
      1. 建议区商务委牵头完善市集业态布局。
      2. 建议城市管理局规范摊位秩序，增设临时停车位。
      """
    let state = try Sample.applying(
      [
        .putDepartment(Department(id: DepartmentID(raw: 13), name: "城市管理局")),
        .openConsultation(
          id,
          ConsultationDetails(
            title: "围绕小花市集打造找短板、提建议", station: StationID(raw: 5), format: .meetingRoomAndSite)),
        .completeStep(id, .selectTopic, .topics(["小花市集打造"])),
        .completeStep(id, .confirmTopic, .confirmedTopic("小花市集打造找短板、提建议")),
        .completeStep(id, .research, .research([ResearchVisit(date: day, place: "小花市集")])),
        .completeStep(
          id, .meeting,
          .meeting(
            Meeting(
              date: day, place: "石坪桥街道政协委员工作站", host: "何晓敏", members: [MemberID(raw: 10), MemberID(raw: 11)],
              departments: [DepartmentID(raw: 13)], residents: "市集摊主、居民代表8人", minutes: minutes))),
      ], to: Sample.withMembers())
    return (try #require(state.consultations[id]), state)
  }

  @Test(arguments: [("zh", "minutes-zh.md"), ("en", "minutes-en.md")])
  func minutesAreLaidOutAsAnOfficialRecord(language: String, golden: String) throws {
    let (consultation, state) = try sampleConsultation()
    let markdown = minutesMarkdown(consultation, state: state, language: language == "zh" ? .zh : .en)
    let url = Sample.fixtures.appendingPathComponent(golden)
    if ProcessInfo.processInfo.environment["SHANGLIANG_UPDATE_GOLDEN"] == "1" {
      try Data(markdown.utf8).write(to: url)
    }
    let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
    #expect(
      markdown == expected,
      "differs from \(golden); rerun with SHANGLIANG_UPDATE_GOLDEN=1 and review the diff")
  }

  @Test func minutesWithoutHeadingsAreAllSpeechesAndAMissingOpinionsSectionSaysNone() throws {
    let (speeches, opinions) = MinutesSections.split("第一段\n\n第二段")
    #expect(speeches == ["第一段", "第二段"] && opinions.isEmpty)
    let split = MinutesSections.split("## 发言摘要\n甲\n### 二、形成意见：\n乙\n形成意见需要长期跟踪落实并定期向委员反馈办理进度")
    #expect(split.speeches == ["甲"])
    #expect(split.opinions == ["乙", "形成意见需要长期跟踪落实并定期向委员反馈办理进度"])
  }

  @Test func aConsultationWhoseMeetingIsNotHeldStillPrintsItsTitleBlock() throws {
    let state = try Sample.applying([
      .openConsultation(ConsultationID(raw: 1), ConsultationDetails(title: "社区停车难协商"))
    ])
    let consultation = try #require(state.consultations[ConsultationID(raw: 1)])
    let markdown = minutesMarkdown(consultation, state: state, language: .zh)
    #expect(markdown.hasPrefix("# 社区停车难协商会议纪要\n"))
    #expect(markdown.contains("**时间**：—"))
    #expect(markdown.contains("## 二、形成意见\n\n（无）"))
  }
}

@Suite struct MinutesEscapingTests {
  @Test func theTemplatesTitleBlockIsNotRepeatedAsSpeeches() {
    let text = """
      时间：2026-05-12
      地点：石坪桥街道政协委员工作站
      主持人：何晓敏
      参加人员：张三、李四
      议题：小花市集

      发言摘要：
      张三委员：停车难。
      时间：周末最拥堵（a speech that starts like a field stays a speech）

      形成意见：
      1. 错时共享车位。
      """
    let (speeches, opinions) = MinutesSections.split(text)
    #expect(speeches == ["张三委员：停车难。", "时间：周末最拥堵（a speech that starts like a field stays a speech）"])
    #expect(opinions == ["1. 错时共享车位。"])
    let english = MinutesSections.split("Time: 2026-05-12\nHost: He\nSummary of speeches:\nZhang: parking.")
    #expect(english.speeches == ["Zhang: parking."])
  }

  @Test func markdownSpecialCharactersInMinutesAreEscaped() throws {
    #expect(MarkdownText.escaped("# 不是标题") == "\\# 不是标题")
    #expect(MarkdownText.escaped("建议*加粗*和_下划线_") == "建议\\*加粗\\*和\\_下划线\\_")
    #expect(MarkdownText.escaped("[链接](x) <b> a|b `c` \\") == "\\[链接\\](x) \\<b\\> a\\|b \\`c\\` \\\\")
    #expect(MarkdownText.escaped("C#语言") == "C#语言", "a # inside a line starts nothing")
    #expect(MarkdownText.escaped("1. 第一条") == "1. 第一条", "numbered opinions stay a list")
  }
}
