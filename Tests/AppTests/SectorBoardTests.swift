import Domain
import Foundation
import Localization
import Seed
import Testing
import Widgets

@testable import App

@Suite struct SectorBoardModelTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 0)
  static let demo: CommitteeState? = try? Demo.state(today: today)

  @Test func theBoardHasARowPerHomeAndMarksWhatIsDoneOverdueOrStillToDo() throws {
    let data = try #require(Self.demo)
    let rows = SectorBoard.rows(data, year: 2026, quarter: 4, today: Self.today)
    #expect(rows.count == 22)
    let health = try #require(rows.first { $0.home.name == "医药卫生界别" })
    let cells = health.cells(.zh, data: data)
    #expect(cells[0] == "医药卫生界别")
    #expect(cells[1] == "· 待办", "the fourth quarter's study is still to be held")
    let third = SectorBoard.rows(data, year: 2026, quarter: 3, today: Self.today)
    let late = third.filter { !$0.compliance.study.done }
    #expect(late.allSatisfy { $0.cells(.en, data: data)[1] == "✗ overdue" })
    let rollUp = data.dutyRollUp(year: 2026, quarter: 3, today: Self.today)
    let line = SectorBoard.rollUpLine(rollUp, .en)
    #expect(line.hasPrefix("Q3 2026: \(rollUp.fullyCompliant)/22 homes compliant"))
    #expect(SectorBoard.havesLine(rollUp, .zh).hasPrefix("六有：有场所 22 · "))
  }

  @Test func quartersStepAcrossYears() {
    #expect(SectorBoard.step(year: 2026, quarter: 1, by: -1) == (2025, 4))
    #expect(SectorBoard.step(year: 2026, quarter: 4, by: 1) == (2027, 1))
    #expect(SectorBoard.step(year: 2026, quarter: 2, by: 1) == (2026, 3))
  }

  @Test func aHomesDetailNamesTheHeadConvenerTheLiaisonAndItsReports() throws {
    let data = try #require(Self.demo)
    let rows = SectorBoard.rows(data, year: 2026, quarter: 4, today: Self.today)
    let reported = try #require(rows.first { !data.sectorReports(sector: $0.sector).isEmpty })
    let lines = SectorBoard.detail(reported, data: data, language: .en)
    #expect(lines.contains { $0.0 == "Conveners" && $0.1.contains("(head of the lead unit)") })
    #expect(lines.contains { $0.0 == "Liaison" && $0.1.contains(reported.home.liaisonName) })
    #expect(lines.contains { $0.0 == "Report" })
  }

  @Test func theCooperationViewCountsTheYear() throws {
    let data = try #require(Self.demo)
    let line = CooperationView.totalsLine(data.cooperationTotals(year: 2026), .en)
    #expect(
      line
        == "Cross-regional 2026: 4 joint meetings · 6 consultations · 12 inspections · 58 suggestions · 4 major projects · 26 problems solved"
    )
    let lines = CooperationView.lines(data, year: 2026, language: .zh)
    #expect(lines.filter { $0.hasPrefix("联席会议") }.count == 4)
    #expect(lines.contains { $0.contains("濑溪河流域生态环境保护合作框架协议") && $0.contains("7 方") })
  }

  @Test func theActivityFormMakesAPutOfTheActivityAndKeepsItsMode() throws {
    let data = try #require(Self.demo)
    let sector = try #require(data.sectors.values.first { $0.name == "医药卫生界别" })
    let fields = SectorActivityForm.fields(
      sector: sector.id, data: data, search: { _ in [] }, today: Self.today, language: .zh)
    let form = FormState(
      fields: fields, today: try #require(FormDate(year: 2026, month: 11, day: 26)), describe: { $0.key })
    var values = form.values
    values["title"] = .text("第四季度集体学习")
    values["online"] = .choice("online")
    let change = try #require(
      SectorActivityForm.change(id: ID(raw: 99_999), sector: sector.id, values: values))
    guard case .putSectorActivity(let activity) = change else {
      Issue.record("not a put of an activity: \(change)")
      return
    }
    #expect(activity.kind == .collectiveStudy && activity.date == Self.today)
    #expect(activity.online && activity.onSite)
    #expect(activity.place == "医药卫生界别委员之家")
  }
}

@Suite struct ConsultationEditModelTests {
  func values(_ fields: [FormField]) throws -> [FieldID: FieldValue] {
    FormState(
      fields: fields, today: try #require(FormDate(year: 2026, month: 11, day: 26)), describe: { $0.key }
    )
    .values
  }

  @Test func theDetailsFormShowsAConsultationAsItIsAndGivesItBackUnchanged() throws {
    let data = try #require(SectorBoardModelTests.demo)
    let basin = try #require(data.consultations.values.first { $0.details.title.contains("濑溪河") })
    let fields = ConsultationDetailsForm.fields(basin.details, data: data, language: .zh)
    let back = ConsultationDetailsForm.details(try values(fields))
    #expect(back == basin.details, "an untouched form changes nothing (the \"other\" format 小院协商 included)")
    let market = try #require(data.consultations(inSeries: "小花市集").last)
    #expect(
      ConsultationDetailsForm.details(
        try values(ConsultationDetailsForm.fields(market.details, data: data, language: .en)))
        == market.details)
  }

  @Test func anOtherFormatIsTypedInAndASeriesNamed() throws {
    let data = try #require(SectorBoardModelTests.demo)
    var form = try values(ConsultationDetailsForm.fields(nil, data: data, language: .zh))
    form["title"] = .text("田坎上的协商")
    form["format"] = .choice(ConsultationDetailsForm.otherFormat)
    form["otherFormat"] = .text(" 田坎会 ")
    form["series"] = .text("小花市集")
    form["received"] = .text("隆昌委员甲\n\n 泸县委员乙 ")
    let details = ConsultationDetailsForm.details(form)
    #expect(details.format == .other("田坎会"))
    #expect(details.series == "小花市集")
    #expect(details.receivedMembers == ["隆昌委员甲", "泸县委员乙"])
  }

  @Test func aResearchVisitIsAddedAndTheSeriesReadsAsOneThread() throws {
    let data = try #require(SectorBoardModelTests.demo)
    var form = try values(ResearchVisitForm.fields(today: SectorBoardModelTests.today, language: .zh))
    form["place"] = .text("小花市集夜市")
    let id = ConsultationID(raw: 7)
    #expect(
      ResearchVisitForm.change(id, values: form)
        == .addResearchVisit(id, ResearchVisit(date: SectorBoardModelTests.today, place: "小花市集夜市")))
    let lines = SeriesThread.lines("小花市集", data: data, language: .zh)
    #expect(lines.first == "专题系列“小花市集”：走访 7 次，协商 3 次")
    #expect(lines.count == 4)
  }
}
