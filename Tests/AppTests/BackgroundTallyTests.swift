import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// A committee too large to count between two keys: the boards' tally is counted on another thread,
/// the Overview says how far the count is, and the figures appear when it is done.
@Suite struct BackgroundTallyTests {
  @Test("a large committee is usable at once: the Overview shows the count's progress, then its figures")
  func theOverviewShowsProgressThenFigures() throws {
    // Every committee counts as large here, so the demo year is counted in the background.
    let world = try TestWorld(language: .en, size: Size(width: 120, height: 40)) { store, clock in
      try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    } configure: { state in
      state.tally.backgroundFrom = 1
    }
    for event in world.runtime.perform(.loadDemo) { world.runtime.send(event) }
    world.runtime.run(untilIdle: true)
    #expect(world.state.section == .overview)

    // Drawn while the count may still run: either the progress line or, if the count was quick,
    // nothing yet taken (a tick takes it). The count itself must finish.
    #expect(world.state.tally.tally == nil)
    #expect(world.state.context.tallyProgress != nil)
    #expect(world.screen.contains("Counting the boards…"))
    // The rivers' water summaries, not shown until the count is in, were not made for this screen.
    #expect(world.state.overview.figures.rivers.isEmpty)
    // Another section works meanwhile.
    world.press([.character("5")])
    #expect(world.state.section == .problems)
    #expect(!world.state.problems.shownProblemIDs.isEmpty)
    world.press([.character("1")])

    #expect(world.state.tally.waitForCount(seconds: 60))
    world.runtime.housekeeping()
    world.runtime.run(untilIdle: true)
    let counted = BoardTally(state: world.state.data)
    #expect(world.state.tally.tally == counted)
    #expect(world.state.context.tallyProgress == nil)
    #expect(!world.screen.contains("Counting the boards…"))
    let expected = OverviewFigures(
      tally: counted, data: world.state.data, period: .year(world.state.today.year), today: world.state.today)
    #expect(world.state.overview.figures == expected)
    #expect(!expected.rivers.isEmpty, "the demo's rivers have readings, so the check above covers them")
  }

  @Test("a change made while the count runs is in the figures once the count is taken")
  func aChangeDuringTheCountIsKept() throws {
    let world = try TestWorld(language: .en, size: Size(width: 120, height: 40)) { store, clock in
      try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
    } configure: { state in
      state.tally.backgroundFrom = 1
    }
    for event in world.runtime.perform(.loadDemo) { world.runtime.send(event) }
    world.runtime.run(untilIdle: true)
    // A problem raised while the count (of the data before it) runs.
    let consultation = try #require(world.state.data.consultations.values.first?.id)
    world.apply(
      .raiseProblem(world.state.data.newID(), .consultation(consultation), title: "路灯不亮", description: ""))
    #expect(world.state.tally.waitForCount(seconds: 60))
    world.runtime.housekeeping()
    world.runtime.run(untilIdle: true)
    #expect(world.state.context.tallyProgress == nil)
    #expect(world.state.tally.tally == BoardTally(state: world.state.data))
  }
}

/// The problems-by-source index the consultation rows read on every frame follows each change's
/// records instead of being made again from every problem.
@Suite struct SharedIndexesFollowChanges {
  @Test("after a problem is raised and one is moved, the carried index equals one made from scratch")
  func theCarriedIndexMatchesAFreshOne() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    // Made once, before the changes, as a first frame of the consultations would.
    _ = world.state.indexes.problemsBySource(world.state.data)
    let consultations = world.state.data.consultations.values.map(\.id).sorted()
    let first = try #require(consultations.first)
    let id = world.state.data.newID() as ProblemID
    world.apply(.raiseProblem(id, .consultation(first), title: "路灯不亮", description: ""))

    let carried = world.state.indexes.problemsBySource(world.state.data)
    let fresh = SharedIndexes().problemsBySource(world.state.data)
    #expect(carried == fresh)
    #expect(
      world.state.indexes.problems(from: .consultation(first), in: world.state.data).contains { $0.id == id })
    // Undone: the problem leaves the index again.
    world.press([.character("u")])
    #expect(world.state.data.problems[id] == nil)
    #expect(
      world.state.indexes.problemsBySource(world.state.data)
        == SharedIndexes().problemsBySource(world.state.data))
  }
}
