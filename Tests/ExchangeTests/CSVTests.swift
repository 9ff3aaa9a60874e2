import Foundation
import Testing

@testable import Exchange

@Suite struct CSVTests {
  @Test func fieldsWithCommasQuotesLineBreaksAndChineseAreQuotedOnlyWhenNeeded() {
    let text = CSV.write([
      ["姓名", "备注"],
      ["张三", "爱说\"好商量\"，也爱说, 逗号"],
      ["李四", "第一行\n第二行"],
      ["王五", "平常"],
    ])
    #expect(
      text
        == "姓名,备注\r\n张三,\"爱说\"\"好商量\"\"，也爱说, 逗号\"\r\n李四,\"第一行\n第二行\"\r\n王五,平常\r\n")
  }

  @Test func whatIsWrittenReadsBackIntoTheSameFieldsWithTheirStartingLines() throws {
    let rows = [
      ["name", "notes"],
      ["张三", "a,b"],
      ["李四", "line one\r\nline two"],
      ["", "\"quoted\""],
      ["赵六", ""],
    ]
    let read = try CSV.read(CSV.write(rows))
    #expect(read.map(\.fields) == rows)
    #expect(read.map(\.line) == [1, 2, 3, 5, 6])
  }

  @Test func readingAcceptsLineFeedsABOMAndBlankLines() throws {
    let read = try CSV.read("\u{FEFF}姓名,界别\n张三,医药卫生界别\n\n李四,\n")
    #expect(
      read == [
        CSV.Row(line: 1, fields: ["姓名", "界别"]),
        CSV.Row(line: 2, fields: ["张三", "医药卫生界别"]),
        CSV.Row(line: 4, fields: ["李四", ""]),
      ])
  }

  @Test func aLastLineWithoutLineEndIsStillARecord() throws {
    #expect(try CSV.read("a,b\r\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
  }

  @Test func aQuoteLeftOpenIsAnErrorNamingItsLine() {
    #expect(throws: CSVError.unclosedQuote(line: 2)) {
      try CSV.read("a,b\nc,\"open\nstill open\n")
    }
  }
}

@Suite struct TextEncodingTests {
  @Test func utf8WithAndWithoutBOMDecodesToTheSameText() throws {
    let plain = Data("姓名,界别\n".utf8)
    let withBOM = Data([0xEF, 0xBB, 0xBF]) + plain
    #expect(try TextEncoding.auto.decode(plain) == "姓名,界别\n")
    #expect(try TextEncoding.auto.decode(withBOM) == "姓名,界别\n")
    #expect(try TextEncoding.utf8.decode(withBOM) == "姓名,界别\n")
    #expect(TextEncoding.detect(withBOM) == .utf8)
  }

  @Test func gb18030BytesAreDetectedAndConverted() throws {
    // "姓名,界别\n张三,医药卫生界别\n" as Chinese Excel saves it (bytes made with Python's gb18030 codec).
    let bytes: [UInt8] = [
      0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xBD, 0xE7, 0xB1, 0xF0, 0x0A, 0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xD2, 0xBD,
      0xD2, 0xA9, 0xCE, 0xC0, 0xC9, 0xFA, 0xBD, 0xE7, 0xB1, 0xF0, 0x0A,
    ]
    let data = Data(bytes)
    #expect(TextEncoding.detect(data) == .gb18030)
    #expect(try TextEncoding.auto.decode(data) == "姓名,界别\n张三,医药卫生界别\n")
    #expect(try TextEncoding.gb18030.decode(data) == "姓名,界别\n张三,医药卫生界别\n")
  }

  @Test func bytesThatAreNotUTF8AreRefusedWhenUTF8IsDemanded() {
    #expect(throws: DecodingError.invalidBytes(encoding: .utf8, offset: 3)) {
      try TextEncoding.utf8.decode(Data([0x61, 0x62, 0x63, 0xD0, 0xD5]))
    }
  }

  @Test func aCutGB18030CharacterIsRefusedWithItsOffset() {
    #expect(throws: DecodingError.invalidBytes(encoding: .gb18030, offset: 2)) {
      try TextEncoding.gb18030.decode(Data([0xD0, 0xD5, 0xC3]))
    }
  }
}
