import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// A registers world for stories: a real store in a temp folder, a virtual terminal, a fixed
/// clock on 2026-11-26, and the runtime between them, opened on the 名册 section.
final class RegistersWorld {
  static let today = TestWorld.today
  let world: TestWorld

  var store: CommitteeStore { world.store }
  var backend: VirtualBackend { world.backend }
  var runtime: Runtime { world.runtime }
  var folder: URL { world.folder }

  /// `demo` loads the demonstration data through the shell's own offer; `reader` opens the store
  /// as a user without an account (the first user, `hexm`, is still made admin).
  init(
    language: Language = .zh, size: Size = Size(width: 120, height: 40), demo: Bool = false,
    reader: Bool = false
  ) throws {
    world = try TestWorld(language: language, size: size) { store, clock in
      let admin = try Startup.actor(store: store, userName: "hexm", displayName: "何小明", now: clock.now())
      return reader ? .reader("guest") : admin
    } configure: { state in
      if demo { state.dialog = .offerDemo }
    }
    if demo { backend.type("y") }
    backend.type("6")
    runtime.run(untilIdle: true)
  }

  /// Types text and keys, then lets the runtime work until nothing is left.
  func type(_ text: String) { world.type(text) }

  func press(_ keys: Key...) { world.press(keys) }

  var screen: String { backend.screen.text }
  var data: CommitteeState { runtime.state.data }

  func member(named name: String) -> Member? { data.members.values.first { $0.name == name } }
}

@Suite struct RegistersStories {
  @Test func aClerkBuildsASectorWithMembersArchivesOneFiltersAndUndoes() throws {
    let world = try RegistersWorld()
    #expect(world.screen.contains("▸委员"))
    // Sectors are one step right; a new sector through the form.
    world.type("]")
    #expect(world.screen.contains("▸界别"))
    world.type("n")
    #expect(world.screen.contains("新增界别"))
    world.type("经济界")
    world.press(.ctrl("s"))
    let sector = try #require(world.data.sectors.values.first { $0.name == "经济界" })
    #expect(world.screen.contains("已保存：新增界别“经济界”"))
    #expect(!world.screen.contains("新增界别 "), "the form closed")

    // Members, one step back: three of them in the sector, names typed as characters and the
    // sector found by typing part of its name.
    world.type("[")
    for name in ["张三", "李四", "王五"] {
      world.type("n")
      world.type(name)
      world.press(.tab)
      world.type("经济")
      #expect(world.screen.contains("> 经济界"), "the match is offered as the clerk types")
      world.press(.enter)
      world.press(.ctrl("s"))
      #expect(world.screen.contains("已保存：新增委员“\(name)”"))
    }
    let members = world.data.members.values.filter { $0.sector == sector.id }
    #expect(Set(members.map(\.name)) == ["张三", "李四", "王五"])
    #expect(world.screen.contains("▸委员            3"))

    // The last saved member stays selected; archive 李四 (the second row): kept in the store,
    // gone from the list.
    let wang = try #require(world.member(named: "王五"))
    #expect(world.runtime.state.registers.selectedRef == RecordRef(wang.id))
    world.type("g")
    world.press(.down)
    world.type("d")
    let li = try #require(world.member(named: "李四"))
    #expect(li.archived)
    #expect(world.screen.contains("已保存：归档委员“李四”"))
    #expect(!world.screen.contains("│  李四"))
    // A shows it again, marked.
    world.type("A")
    #expect(world.screen.contains("│- 李四（"))
    #expect(world.screen.contains("含已归档"))
    world.type("A")

    // Filter by a Chinese name.
    world.type("/王五")
    world.press(.enter)
    #expect(world.screen.contains("│  王五"))
    #expect(!world.screen.contains("│  张三"))
    #expect(world.screen.contains("/王五"))

    // Undo: the archive is taken back, announced, and the list follows.
    world.type("u")
    #expect(world.member(named: "李四")?.archived == false)
    #expect(world.screen.contains("已撤销"))
    world.press(.escape)
    #expect(world.screen.contains("│  李四"))
    #expect(world.screen.contains("│  张三"))
  }
}

@Suite struct RegistersRulesOnTheScreen {
  @Test func aReaderSeesEverythingButMayNotChangeAnything() throws {
    let world = try RegistersWorld(reader: true)
    let before = world.data
    for key in ["n", "e", "d", "i"] {
      world.type(key)
      #expect(world.screen.contains("guest"), "\(key) names the reader")
      #expect(world.screen.contains("只读") || world.screen.contains("没有"), "\(key): \(world.screen)")
      #expect(!world.screen.contains("┌─ 新增"), "\(key) opened no form")
    }
    #expect(world.data == before)
    // Reading still works: the staff register lists the admin account.
    world.type("[")
    #expect(world.screen.contains("hexm"))
  }

  @Test func aDomainRefusalLandsOnItsFieldAndNothingTypedIsLost() throws {
    let world = try RegistersWorld()
    world.type("[")  // staff accounts
    #expect(world.screen.contains("▸工作人员"))
    world.type("n")
    world.type("hexm")
    world.press(.tab)
    world.type("另一个何小明")
    world.press(.ctrl("s"))
    let screen = world.screen
    #expect(screen.contains("┌─ 新增工作账户"), "the form stays open")
    #expect(screen.contains("! 系统用户名"), "the field is marked")
    #expect(screen.contains("hexm"), "the typed user name is kept")
    #expect(screen.contains("另一个何小明"), "the typed name is kept")
    #expect(world.data.staffAccounts.count == 1, "nothing was saved")
    // The focus went to the field in error: correcting it saves.
    world.type("2")
    world.press(.ctrl("s"))
    #expect(world.data.staffAccounts.values.contains { $0.userName == "hexm2" && $0.displayName == "另一个何小明" })
    #expect(!world.screen.contains("┌─ 新增工作账户"))
  }

  @Test func escapeWithChangesAsksFirst() throws {
    let world = try RegistersWorld()
    world.type("n")
    world.type("赵六")
    world.press(.escape)
    #expect(world.screen.contains("放弃未保存的修改"), "the kit's one question, as every form asks")
    world.type("n")
    #expect(world.screen.contains("┌─ 新增委员"), "No keeps the form")
    #expect(world.screen.contains("赵六"))
    world.press(.escape)
    world.type("y")
    #expect(!world.screen.contains("┌─ 新增委员"), "Yes discards")
    #expect(world.data.members.isEmpty)
    // Without changes Esc closes at once.
    world.type("n")
    world.press(.escape)
    #expect(!world.screen.contains("┌─ 新增委员"))
  }
}
