import Domain
import Foundation
import Testing

@testable import Exchange

@Suite struct ImportMembersTests {
  func imported(_ text: String, into state: CommitteeState) throws -> CommitteeState {
    let change = try importMembers(data: Data(text.utf8), state: state).get()
    return try Sample.applying([change], to: state)
  }

  func report(_ data: Data, _ state: CommitteeState, encoding: TextEncoding = .auto) throws -> ImportReport {
    switch importMembers(data: data, encoding: encoding, state: state) {
    case .success(let change): throw UnexpectedSuccess(change: change)
    case .failure(let report): return report
    }
  }

  struct UnexpectedSuccess: Error { var change: Change }

  @Test func aClerksFileWithChineseHeadersBecomesOneGroupOfNewMembers() throws {
    let registers = try Sample.registers()
    let file = "姓名,界别,专委会,工作站,电话,备注\n赵六,医药卫生界别,教科卫体委员会,大坪街道委员工作站、袁家岗社区委员工作室,13900000002,\n钱七,,,,,新任委员\n"
    let change = try importMembers(data: Data(file.utf8), state: registers).get()
    guard case .group(let changes) = change else {
      Issue.record("expected one group, got \(change)")
      return
    }
    #expect(changes.count == 2)
    let state = try Sample.applying([change], to: registers)
    let zhao = try #require(state.members.values.first { $0.name == "赵六" })
    #expect(zhao.sector == SectorID(raw: 1))
    #expect(zhao.specialCommittee == SpecialCommitteeID(raw: 3))
    #expect(zhao.stations == [StationID(raw: 5), StationID(raw: 6)])
    #expect(zhao.phone == "13900000002")
    let qian = try #require(state.members.values.first { $0.name == "钱七" })
    #expect(qian.sector == nil && qian.notes == "新任委员")
    #expect(zhao.id != qian.id)
  }

  @Test func englishHeadersInAnyOrderAndAByteOrderMarkAreAccepted() throws {
    let file = Data([0xEF, 0xBB, 0xBF]) + Data("Phone, Name ,sector\r\n13700000003,孙八,九三学社界别\r\n".utf8)
    let state = try Sample.applying(
      [importMembers(data: file, state: Sample.registers()).get()], to: Sample.registers())
    let sun = try #require(state.members.values.first)
    #expect(sun.name == "孙八" && sun.sector == SectorID(raw: 2) && sun.phone == "13700000003")
  }

  @Test func aGB18030FileFromChineseExcelIsDetectedOrReadWhenNamed() throws {
    // Made with: '姓名,界别,电话\n张三,医药卫生界别,13800000001\n李四,,\n'.encode('gb18030')
    let data = try Sample.fixture("members-gb18030.csv")
    #expect(TextEncoding.detect(data) == .gb18030)
    for encoding in [TextEncoding.auto, .gb18030] {
      let state = try Sample.applying(
        [importMembers(data: data, encoding: encoding, state: Sample.registers()).get()],
        to: Sample.registers())
      #expect(state.members.values.map(\.name).sorted() == ["张三", "李四"])
      #expect(state.members.values.first { $0.name == "张三" }?.sector == SectorID(raw: 1))
    }
    let refused = try report(data, Sample.registers(), encoding: .utf8)
    #expect(
      refused.problems == [
        ImportProblem(line: 1, reason: .unreadable(.invalidBytes(encoding: .utf8, offset: 0)))
      ])
  }

  @Test func aFileWithBadRowsImportsNothingAndListsEveryBadRowByLine() throws {
    let file = """
      姓名,界别,专委会,工作站
      周一,医药卫生界别,,
      吴二,不存在的界别,,
      ,九三学社界别,,
      郑三,,,"袁家岗社区委员工作室；
      火星工作站"
      冯四,,未知委员会,
      陈五,已撤销界别,,
      卫六,,,,多出的字段

      """
    let found = try report(Data(file.utf8), Sample.registers())
    #expect(
      found.problems == [
        ImportProblem(line: 3, reason: .unknownSector("不存在的界别")),
        ImportProblem(line: 4, reason: .nameMissing),
        ImportProblem(line: 5, reason: .unknownStation("火星工作站")),
        ImportProblem(line: 7, reason: .unknownCommittee("未知委员会")),
        ImportProblem(line: 8, reason: .archived("已撤销界别")),
        ImportProblem(line: 9, reason: .tooManyFields(expected: 4, found: 5)),
      ])
    let zh = found.message(in: .zh)
    let en = found.message(in: .en)
    #expect(zh.contains("第3行：界别“不存在的界别”不存在"))
    #expect(zh.contains("第4行：姓名为空"))
    #expect(en.contains("Line 5: There is no station \"火星工作站\""))
    #expect(en.hasPrefix("Nothing was imported; 6 problem(s) found."))
  }

  @Test func aPhoneTheRegistersFormWouldRefuseIsRefusedOnItsLineAndGoodOnesPass() throws {
    let file = """
      姓名,电话
      周一,023-6388 1234 转 802
      吴二,请联系办公室
      郑三,１３９００００００７
      冯四,
      陈五,13900000008 / 13900000009

      """
    let found = try report(Data(file.utf8), Sample.registers())
    #expect(found.problems == [ImportProblem(line: 3, reason: .badPhone("请联系办公室"))])
    #expect(found.message(in: .zh).contains("第3行：电话“请联系办公室”不是电话号码"))
    #expect(found.message(in: .en).contains("Line 3: The phone \"请联系办公室\" is not a phone number"))
    // Without the bad row the rest imports, full-width digits and extensions included.
    let good = file.replacingOccurrences(of: "吴二,请联系办公室\n", with: "")
    let state = try imported(good, into: Sample.registers())
    #expect(state.members.values.first { $0.name == "郑三" }?.phone == "１３９００００００７")
    #expect(state.members.values.first { $0.name == "冯四" }?.phone == "")
  }

  @Test func aRepeatedColumnIsRefusedNamingBothColumns() throws {
    let found = try report(Data("姓名,界别,name\n张三,,\n".utf8), Sample.registers())
    #expect(
      found.problems == [ImportProblem(line: 1, reason: .duplicateColumn(name: "name", first: 1, second: 3))])
    #expect(found.message(in: .zh).contains("第 1 列和第 3 列"))
  }

  @Test func emptyFilesHeaderOnlyFilesAndFilesWithoutNamesOrWithUnknownColumnsAreRefusedClearly() throws {
    let registers = try Sample.registers()
    #expect(try report(Data(), registers).problems == [ImportProblem(line: 0, reason: .empty)])
    #expect(try report(Data("\r\n\r\n".utf8), registers).problems == [ImportProblem(line: 0, reason: .empty)])
    #expect(try report(Data("姓名,界别\n".utf8), registers).problems == [ImportProblem(line: 0, reason: .noRows)])
    #expect(
      try report(Data("界别,电话\n医药卫生界别,1\n".utf8), registers).problems == [
        ImportProblem(line: 1, reason: .noNameColumn)
      ])
    #expect(
      try report(Data("姓名,生日\n张三,1970\n".utf8), registers).problems == [
        ImportProblem(line: 1, reason: .unknownColumn("生日"))
      ])
    #expect(ImportProblem(line: 0, reason: .empty).message(in: .zh).contains("空"))
    #expect(ImportProblem(line: 0, reason: .empty).message(in: .en).contains("empty"))
  }

  @Test func exportedMembersImportBackUnchangedIntoTheSameStore() throws {
    let state = try Sample.withMembers()
    let file = try export(state, kind: .members, format: .csv, excelBOM: true)
    let again = try imported(String(decoding: file, as: UTF8.self), into: state)
    #expect(again.members == state.members)
  }

  @Test func exportedMembersImportIntoAnotherStoreWithTheSameRegistersAsNewMembers() throws {
    let file = try export(Sample.withMembers(), kind: .members, format: .csv)
    let fresh = try Sample.registers()
    let change = try importMembers(data: file, state: fresh).get()
    let state = try Sample.applying([change], to: fresh)
    func withoutID(_ m: Member) -> Member {
      var copy = m
      copy.id = MemberID(raw: 0)
      return copy
    }
    let expected = Sample.members.map(withoutID)
    let got = state.members.values.sorted { $0.id < $1.id }.map(withoutID)
    #expect(got == expected)
  }

  @Test func theTemplateFromAnEmptyRegisterAcceptsRowsTypedUnderIt() throws {
    let template = String(decoding: try export(CommitteeState(), kind: .members, format: .csv), as: UTF8.self)
    let state = try imported(template + ",褚九,医药卫生界别,,,,,\r\n", into: Sample.registers())
    #expect(state.members.values.map(\.name) == ["褚九"])
  }
}

@Suite struct ImportAmbiguityTests {
  @Test func aNameSharedByTwoRecordsOrAMemberUpdatedTwiceIsAnErrorForThatRow() throws {
    let state = try Sample.applying(
      [
        .putSector(Sector(id: SectorID(raw: 30), name: "医药卫生界别")),
        .putMember(Member(id: MemberID(raw: 31), name: "老委员")),
      ], to: Sample.registers())
    let file = "id,姓名,界别\n,甲,医药卫生界别\n31,老委员,\n31,老委员改名,\n"
    guard case .failure(let report) = importMembers(data: Data(file.utf8), state: state) else {
      Issue.record("a file with bad rows was imported")
      return
    }
    #expect(
      report.problems == [
        ImportProblem(line: 2, reason: .ambiguous("医药卫生界别")),
        ImportProblem(line: 4, reason: .duplicateID("31", firstLine: 3)),
      ])
    #expect(report.message(in: .zh).contains("第4行：编号 31 已在第3行更新过"))
  }
}
