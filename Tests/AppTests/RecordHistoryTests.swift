import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// `h` on a record shows its history from the audit log: who, when, and each field before and after.
@Suite struct RecordHistoryTests {
  @Test func hOnAPatrolShowsWhoMadeItAndEachEditBeforeAndAfter() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("4"))
    let patrol = try #require(world.runtime.state.patrols.selectedRef)
    // Someone edits the patrol's observations, then the history is asked for.
    guard case .patrol(var edited)? = world.store.state.value(of: patrol) else {
      Issue.record("the selected row is not a patrol")
      return
    }
    let oldNotes = edited.observations
    edited.observations = "河面漂浮物已清理"
    try world.store.apply(.putPatrol(edited), actor: .staff("hexm", .admin), now: Date())
    world.runtime.send(.dataChanged(world.store.state))
    world.press(.character("h"))
    let history = try #require(world.runtime.state.recordHistory)
    #expect(history.title.hasPrefix("History of patrol"))
    let screen = world.backend.screen.text
    #expect(screen.contains("hexm"))
    #expect(screen.contains("observations"))
    #expect(screen.contains("河面漂浮物已清理"))
    #expect(history.rows.contains { $0.key == "observations" && $0.description.hasPrefix(oldNotes) })
    // Made by the demo, further down: created.
    #expect(history.rows.contains { $0.description == "created" })
    world.press(.escape)
    #expect(world.runtime.state.recordHistory == nil)
  }
}
