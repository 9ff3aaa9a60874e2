import Domain
import Foundation
import Seed
import Testing

@testable import Exchange

@Suite struct ExportTests {
  static let today = Day(year: 2026, month: 11, day: 26) ?? Day(daysSinceEpoch: 20_600)

  func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

  @Test func membersExportAsCSVWithQuotingOfCommasQuotesLineBreaksAndChinese() throws {
    let data = try export(Sample.withMembers(), kind: .members, format: .csv)
    #expect(
      text(data) == """
        id,name,sector,committee,stations,phone,notes,archived\r
        10,张三,医药卫生界别,教科卫体委员会,大坪街道委员工作站；袁家岗社区委员工作室,13800000001,"主任医师, 擅长""全科""诊疗",false\r
        11,李四,九三学社界别,,,,"第一行
        第二行",false\r
        12,王五,,,,,,true\r

        """)
  }

  @Test func theExcelFlagAddsAByteOrderMarkAndNothingElse() throws {
    let state = try Sample.withMembers()
    let plain = try export(state, kind: .members, format: .csv)
    let excel = try export(state, kind: .members, format: .csv, excelBOM: true)
    #expect(!plain.starts(with: [0xEF, 0xBB, 0xBF]))
    #expect(excel == Data([0xEF, 0xBB, 0xBF]) + plain)
  }

  @Test func anEmptyRegisterStillExportsItsHeaderRowForEveryKind() throws {
    for kind in ExportKind.allCases {
      let rows = try CSV.read(text(export(CommitteeState(), kind: kind, format: .csv)))
      #expect(rows.count == 1, "\(kind)")
      #expect(rows.first?.fields == ExportTable(kind, of: CommitteeState()).columns)
      #expect(rows.first?.fields.first == "id")
    }
    #expect(
      text(try export(CommitteeState(), kind: .members, format: .csv))
        == "id,name,sector,committee,stations,phone,notes,archived\r\n")
    #expect(text(try export(CommitteeState(), kind: .problems, format: .json)) == "[]\n")
  }

  @Test func everyKindOfTheDemoExportsEveryRecordInIDOrderWithItsID() throws {
    let state = try Demo.state(today: Self.today)
    for kind in ExportKind.allCases {
      let rows = try CSV.read(text(export(state, kind: kind, format: .csv)))
      let width = rows.first?.fields.count ?? 0
      #expect(rows.count == state.count(of: kind.recordKind) + 1, "\(kind)")
      #expect(rows.allSatisfy { $0.fields.count == width }, "\(kind) has ragged rows")
      let ids = rows.dropFirst().compactMap { UInt64($0.fields[0]) }
      #expect(ids.count == rows.count - 1 && ids == ids.sorted(), "\(kind) ids")
    }
  }

  @Test func jsonOfAllKindsIsOneObjectKeyedByKindAndTheSameOnEveryExport() throws {
    let state = try Demo.state(today: Self.today)
    let first = try export(state, kind: nil, format: .json)
    let second = try export(state, kind: nil, format: .json)
    #expect(first == second)
    let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    #expect(Set(object.keys) == Set(ExportKind.allCases.map(\.rawValue)))
    for kind in ExportKind.allCases {
      let records = try #require(object[kind.rawValue] as? [[String: Any]])
      #expect(records.count == state.count(of: kind.recordKind), "\(kind)")
      #expect(records.allSatisfy { $0["id"] is Int }, "\(kind) ids")
    }
    // Keys follow the table's columns, and Chinese stays readable rather than \u-escaped.
    let members = text(try export(Sample.withMembers(), kind: .members, format: .json))
    #expect(members.hasPrefix("[\n  {\n    \"id\": 10,\n    \"name\": \"张三\","))
    #expect(members.contains("\"notes\": \"第一行\\n第二行\""))
    #expect(members.contains("\"stations\": [\n      \"大坪街道委员工作站\",\n      \"袁家岗社区委员工作室\"\n    ]"))
  }

  @Test func csvOfEveryKindAtOnceIsRefusedWithAMessage() {
    #expect(throws: ExportError.csvNeedsOneKind) { try export(CommitteeState(), kind: nil, format: .csv) }
    #expect(ExportError.csvNeedsOneKind.message(in: .en).contains("--kind"))
    #expect(ExportError.csvNeedsOneKind.message(in: .zh).contains("--kind"))
  }

  @Test func nestedValuesBecomeCompactJSONInsideACSVCell() throws {
    let state = try Demo.state(today: Self.today)
    let rows = try CSV.read(text(export(state, kind: .problems, format: .csv)))
    let header = try #require(rows.first?.fields)
    let history = try #require(header.firstIndex(of: "history"))
    let cell = try #require(rows.dropFirst().first?.fields[history])
    let parsed = try JSONSerialization.jsonObject(with: Data(cell.utf8)) as? [[String: Any]]
    #expect(parsed?.first?["status"] as? String == "raised")
  }
}

@Suite struct JSONWriterTests {
  @Test func theStreamedExportIsTheSameAsTheWholeValueWritten() throws {
    let state = try Demo.state(today: ExportTests.today)
    let streamed = try export(state, kind: nil, format: .json)
    let whole = ExportValue.object(
      ExportKind.allCases.map { ($0.rawValue, jsonValue(ExportTable($0, of: state))) })
    var bytes: [UInt8] = []
    JSONText.write(whole, into: &bytes, indent: Array("  ".utf8), level: 0)
    #expect(streamed == Data(bytes + [10]))
  }

  @Test func controlCharactersQuotesAndLineSeparatorsAreEscapedAndChineseIsNot() {
    let value = ExportValue.list([.string("引号\"反斜杠\\换行\n制表\t\u{1}分隔\u{2028}“中文”")])
    #expect(value.compactJSON == "[\"引号\\\"反斜杠\\\\换行\\n制表\\t\\u0001分隔\\u2028“中文”\"]")
    let parsed = try? JSONSerialization.jsonObject(with: Data(value.compactJSON.utf8)) as? [String]
    #expect(parsed == ["引号\"反斜杠\\换行\n制表\t\u{1}分隔\u{2028}“中文”"])
  }
}
