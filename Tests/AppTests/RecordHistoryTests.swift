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

  @Test func historyTimesAreInTheWorkingZoneWhateverTheMachinesZone() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("4"))
    let patrol = try #require(world.runtime.state.patrols.selectedRef)
    guard case .patrol(var edited)? = world.store.state.value(of: patrol) else {
      Issue.record("the selected row is not a patrol")
      return
    }
    edited.observations = "夜间补记"
    // 20:30 UTC on 30 November is 04:30 on 1 December in Beijing, where the committee works.
    let evening = try #require(
      ISO8601DateFormatter().date(from: "2026-11-30T20:30:00Z"))
    try world.store.apply(.putPatrol(edited), actor: .staff("hexm", .admin), now: evening)
    world.runtime.send(.dataChanged(world.store.state))
    world.press(.character("h"))
    let headings = try #require(world.runtime.state.recordHistory).rows.filter(\.isHeading).map(\.description)
    #expect(headings.contains { $0.hasPrefix("2026-12-01 04:30") }, "\(headings)")
    #expect(!headings.contains { $0.hasPrefix("2026-11-30 20:30") })
  }

  @Test func aProblemsHistoryNamesItsDepartmentNotItsInternalNumber() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("5"))
    let id = try #require(world.runtime.state.problems.selectedProblemID)
    let problem = try #require(world.store.state.problems[id])
    let department = try #require(problem.department.flatMap { world.store.state.departments[$0]?.name })
    world.press(.character("h"))
    let headings = try #require(world.runtime.state.recordHistory).rows.filter(\.isHeading).map(\.description)
    let assigned = try #require(headings.first { $0.contains("Assigned problem") })
    #expect(assigned.contains("Assigned problem \(problem.title) to \(department)"))
    #expect(!headings.contains { $0.contains("#\(id.raw)") }, "no internal record number on screen")
    #expect(headings.allSatisfy { !$0.contains("（") }, "English puts the role in ASCII parentheses")
  }
}

/// The history speaks the user's language: fields by their names, values by what they mean.
@Suite struct ReadableHistoryTests {
  @Test func everyFieldOfEveryKindOfRecordInTheDemoHasANameInBothLanguages() throws {
    var state = try Demo.state(today: try #require(Day(year: 2026, month: 11, day: 30)))
    // The demo keeps no one's saved views: one is added, so that its fields are checked too.
    let view = SavedView(
      id: state.newID(), owner: "demo", place: "boards", slot: 1, name: "本季度",
      settings: [ViewSetting("period", "2026Q4")])
    state = try apply(.saveView(view), to: state, actor: .staff("demo", .clerk), now: Date()).state
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
