import Domain
import Foundation
import Localization
import Seed
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
    #expect(screen.contains("Observations"))
    #expect(screen.contains("河面漂浮物已清理"))
    #expect(history.rows.contains { $0.key == "Observations" && $0.description.hasPrefix(oldNotes) })
    // Made by the demo, further down: created.
    #expect(history.rows.contains { $0.description == "created" })
    world.press(.escape)
    #expect(world.runtime.state.recordHistory == nil)
  }
}

/// The history speaks the user's language: fields by their names, values by what they mean.
@Suite struct ReadableHistoryTests {
  @Test func everyFieldOfEveryKindOfRecordInTheDemoHasANameInBothLanguages() throws {
    let state = try Demo.state(today: try #require(Day(year: 2026, month: 11, day: 30)))
    var labels: Set<String> = []
    var kindsSeen: Set<RecordKind> = []
    for raw in 1..<state.nextRawID {
      for kind in RecordKind.allCases {
        guard let record = state.value(of: RecordRef(kind, raw))?.record else { continue }
        kindsSeen.insert(kind)
        for child in Mirror(reflecting: record).children {
          if let label = child.label, label != "id" { labels.insert(label) }
        }
      }
    }
    #expect(kindsSeen == Set(RecordKind.allCases), "the demo lacks a kind, so its fields go unchecked")
    let unnamed = labels.filter { label in
      Language.allCases.contains { AuditedRecord.fieldName(label, $0) == label }
    }
    #expect(unnamed.isEmpty, "fields without a shown name: \(unnamed.sorted())")
  }
}
