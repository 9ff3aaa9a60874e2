import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

extension RegistersWorld {
  /// Adds a sector through the form, as a clerk would, and comes back to the members.
  func addSector(_ name: String) {
    type("]n")
    type(name)
    press(.ctrl("s"))
    type("[")
  }

  /// Writes a file next to the store and returns its path.
  func file(_ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }
}

@Suite struct RegistersImportFromTheScreen {
  @Test func aGoodFileIsImportedAsOneUndoStep() throws {
    let world = try RegistersWorld()
    world.addSector("经济界")
    let path = try world.file("members.csv", "姓名,界别,电话\r\n赵六,经济界,13800000001\r\n钱七,,\r\n")
    world.type("i")
    #expect(world.screen.contains("从 CSV 导入委员"))
    world.type(path)
    world.press(.enter)
    #expect(world.screen.contains("已导入 2 位委员"))
    let zhao = try #require(world.member(named: "赵六"))
    #expect(world.data.sectors[try #require(zhao.sector)]?.name == "经济界")
    #expect(zhao.phone == "13800000001")
    #expect(world.member(named: "钱七") != nil)
    #expect(world.screen.contains("│  赵六"))
    #expect(world.screen.contains("│  钱七"))

    // One undo step takes the whole import back.
    world.type("u")
    #expect(world.member(named: "赵六") == nil)
    #expect(world.member(named: "钱七") == nil)
    #expect(world.screen.contains("已撤销"))
    #expect(!world.screen.contains("│  赵六"))
  }

  @Test func aBadFileImportsNothingAndListsEveryBadRow() throws {
    let world = try RegistersWorld()
    world.addSector("经济界")
    let before = world.data.members.count
    let path = try world.file(
      "bad.csv", "姓名,界别,工作站\n赵六,经济界,\n,经济界,\n孙八,不存在界,\n周九,经济界,无此站\n")
    world.type("i")
    world.type(path)
    world.press(.enter)
    #expect(world.data.members.count == before, "nothing imported")
    #expect(world.member(named: "赵六") == nil)
    let screen = world.screen
    #expect(screen.contains("导入报告"))
    #expect(screen.contains("共发现 3 处问题"))
    #expect(screen.contains("第3行：姓名为空。"))
    #expect(screen.contains("第4行：界别“不存在界”不存在"))
    #expect(screen.contains("第5行：工作站“无此站”不存在"))
    // Esc closes the report; the list is as it was.
    world.press(.escape)
    #expect(!world.screen.contains("导入报告"))
    #expect(world.screen.contains("▸委员"))
  }

  @Test func aMissingFileIsNamedAndNothingChanges() throws {
    let world = try RegistersWorld(language: .en)
    let path = world.folder.appendingPathComponent("nowhere.csv").path
    world.type("i")
    world.type(path)
    world.press(.enter)
    #expect(world.screen.contains("nowhere.csv"))
    #expect(world.data.members.isEmpty)
  }

  @Test func theMembersRegisterExportsAndImportsBack() throws {
    let world = try RegistersWorld()
    world.addSector("经济界")
    world.type("n")
    world.type("吴十")
    world.press(.ctrl("s"))
    let path = world.folder.appendingPathComponent("out.csv").path
    world.type("x")
    world.press(.ctrl("u"))
    world.type(path)
    world.press(.enter)
    #expect(world.screen.contains("已导出 1 条"))
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("吴十"))
    // The exported file imports back as an update of the same member: nothing new appears.
    world.type("i")
    world.type(path)
    world.press(.enter)
    #expect(world.data.members.count == 1)
    #expect(world.screen.contains("已导入 1 位委员"))
  }
}
