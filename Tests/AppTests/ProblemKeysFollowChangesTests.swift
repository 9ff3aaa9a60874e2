import Domain
import Testing
import Widgets

@testable import App

/// The problems board's search keys follow each change's records instead of being made again from
/// every problem, and stay what a fresh build would make.
@Suite struct ProblemKeysFollowChanges {
  /// The keys of the same rows built from nothing, as the first `/` of a fresh board would.
  static func fromScratch(_ rows: ProblemRows) -> (all: SearchKeys?, shown: SearchKeys?) {
    var fresh = rows
    fresh.allKeys = nil
    fresh.partialAllKeys = nil
    fresh.keys = nil
    fresh.keyNames = ProblemRows.KeyNames(language: rows.language)
    fresh.buildKeys()
    return (fresh.allKeys, fresh.keys)
  }

  /// The board's keys were carried through the change (not dropped) and equal fresh ones.
  static func expectCarriedAndFresh(_ world: ProblemsWorld, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let rows = world.problems.rows
    let carried = try #require(
      rows.allKeys, "the keys were dropped, not carried", sourceLocation: sourceLocation)
    #expect(carried.count == rows.index.count, sourceLocation: sourceLocation)
    let fresh = fromScratch(rows)
    #expect(carried == fresh.all, sourceLocation: sourceLocation)
    var shown = rows
    shown.keys = nil
    shown.showKeys()
    #expect(shown.keys == fresh.shown, sourceLocation: sourceLocation)
  }

  @Test("raised, assigned, undone and removed problems: the carried keys equal keys made from scratch")
  func theCarriedKeysMatchFreshOnes() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    try world.raise("菜市场排水沟堵塞")
    try world.raise("Drain blocked at the market")
    // An idle tick builds every problem's keys ahead of `/`.
    world.runtime.send(.terminal(.tick))
    world.runtime.run(untilIdle: true)
    #expect(world.problems.rows.allKeys?.count == 3)

    // A new problem through the runtime: its key is added, the others keep theirs.
    let fourth: ProblemID = world.store.state.newID()
    world.apply(.raiseProblem(fourth, .consultation(world.consultation), title: "公园厕所无人保洁", description: ""))
    try Self.expectCarriedAndFresh(world)
    #expect(world.problems.rows.allKeys?.count == 4)

    // Assigned: the problem's status and department change in its key.
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 30), note: ""))
    try Self.expectCarriedAndFresh(world)

    // Undone, twice: the assignment and then the new problem go again.
    world.press(.character("u"))
    #expect(world.problem(first)?.status == .raised)
    try Self.expectCarriedAndFresh(world)
    world.press(.character("u"))
    #expect(world.problem(fourth) == nil)
    try Self.expectCarriedAndFresh(world)
    #expect(world.problems.rows.allKeys?.count == 3)

    // Narrowed by a key filter, the shown keys are those of the rows the filter passes.
    world.apply(.assignProblem(first, world.cityManagement, due: world.today.adding(days: 20), note: ""))
    world.type("b")  // the first department by name
    try Self.expectCarriedAndFresh(world)
    world.type("/路灯")
    #expect(world.problems.shownProblemIDs == [first])
  }

  @Test("a renamed department drops the keys, and the next `/` finds the problem by its new name")
  func aRenameBuildsTheKeysAgain() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 30), note: ""))
    world.runtime.send(.terminal(.tick))
    world.runtime.run(untilIdle: true)
    #expect(world.problems.rows.allKeys != nil)

    world.apply(.putDepartment(Department(id: world.ecology, name: "区水务局")))
    // Every key naming the department would be stale: they are made again, from the new name.
    #expect(world.problems.rows.allKeys == nil)
    world.type("/水务")
    #expect(world.problems.shownProblemIDs == [first])
    #expect(world.problems.rows.allKeys == Self.fromScratch(world.problems.rows).all)
  }
}
