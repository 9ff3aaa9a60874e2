import Domain
import Foundation
import Testing

@testable import Exchange

/// Imports that must be refused with a message that points at the problem, importing nothing.
@Suite struct ImportBounds {
  func problems(_ data: Data, encoding: TextEncoding = .auto) throws -> [ImportProblem] {
    switch importMembers(data: data, encoding: encoding, state: try Sample.registers()) {
    case .success: return []
    case .failure(let report): return report.problems
    }
  }

  @Test func aUTF8FileWithOneBadByteIsRefusedAtItsLineNotReadAsGB18030() throws {
    var bytes = Array("姓名,电话\n王芳,13800000000\n李强,".utf8)
    bytes.append(0xFF)
    bytes += Array("13900000000\n".utf8)
    let found = try problems(Data(bytes))
    #expect(found.count == 1)
    let problem = try #require(found.first)
    #expect(problem.line == 3)
    let message = problem.message(in: .zh)
    #expect(message.contains("UTF-8") || message.contains("utf8"))
    #expect(message.contains("第3行"))
    #expect(!message.contains("鐜"))
  }

  @Test func aGB18030FileIsStillTakenInAuto() throws {
    let text = "姓名,界别\n张三,医药卫生界别\n"
    let data = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
    #expect(TextEncoding.detect(data) == .gb18030)
    #expect(try TextEncoding.auto.decode(data) == text)
  }

  @Test func aNameWithANULIsRefused() throws {
    let found = try problems(Data("姓名\n王\u{0}芳\n".utf8))
    #expect(found.map(\.line) == [2])
    #expect(found.first?.message(in: .en).contains("control character") == true)
  }

  @Test func notesMayKeepLineBreaks() throws {
    let found = try problems(Data("姓名,备注\n王芳,\"第一行\n第二行\"\n".utf8))
    #expect(found.isEmpty)
  }

  @Test func aFileTooLargeIsRefusedBeforeItIsRead() throws {
    let found = try problems(Data(count: ImportLimits.fileBytes + 1))
    #expect(found.first?.message(in: .en).contains("Split it into several files") == true)
  }

  @Test func tooManyRowsAreRefused() throws {
    let text = "姓名\n" + String(repeating: "王\n", count: ImportLimits.rows + 1)
    let found = try problems(Data(text.utf8))
    #expect(found.first?.message(in: .zh).contains("超过一次导入的上限") == true)
  }

  @Test func aFieldTooLongIsRefusedNamingItsColumn() throws {
    let text = "姓名,备注\n王芳," + String(repeating: "长", count: ImportLimits.fieldBytes) + "\n"
    let found = try problems(Data(text.utf8))
    #expect(found.map(\.line) == [2])
    #expect(found.first?.message(in: .zh).contains("“备注”一栏") == true)
  }
}
