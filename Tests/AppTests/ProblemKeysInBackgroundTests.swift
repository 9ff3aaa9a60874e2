import Domain
import Testing
import Widgets

@testable import App

/// A large problems list builds its search keys on another thread, pausing while the app answers
/// an event; the keys it takes in are those a build on the spot would make, whatever changed
/// while they were built.
@Suite struct ProblemKeysInBackground {
  @Test("keys built in the background while problems were raised and assigned equal keys built on the spot")
  func backgroundKeysCatchUpWithChanges() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    try world.raise("菜市场排水沟堵塞")
    try world.raise("Drain blocked at the market")
    var rows = ProblemRows(context: world.runtime.state.context)
    let startedAt = world.runtime.state.dataVersion

    // The app is answering an event: the build waits at the gate before its first slice.
    let gate = BackgroundGate()
    gate.hold()
    rows.startKeysInBackground(gate: gate)
    let build = try #require(rows.keysBuild)

    // Meanwhile a new problem is raised and the first one assigned; the rows follow them.
    let fourth: ProblemID = world.store.state.newID()
    world.apply(.raiseProblem(fourth, .consultation(world.consultation), title: "公园厕所无人保洁", description: ""))
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 30), note: ""))
    #expect(build.result == nil, "the build went on while the gate was held")
    rows.update(builtAt: startedAt, context: world.runtime.state.context)
    #expect(rows.allKeys == nil)
    #expect(rows.touchedDuringBuild?.contains(RecordRef(first)) == true)

    // The event answered, the build finishes; an idle tick takes its keys in, caught up.
    gate.release()
    #expect(build.wait(seconds: 30))
    rows.prepareSearchKeys(all: false)
    #expect(rows.keysBuild == nil)
    let taken = try #require(rows.allKeys, "the background keys were dropped, not taken in")
    #expect(taken.count == 4)
    let fresh = ProblemKeysFollowChanges.fromScratch(rows)
    #expect(taken == fresh.all)
    #expect(rows.keys == fresh.shown)
  }

  @Test("a `/` pressed before the keys are in, after a department was renamed, gets keys with the new name")
  func slashBeforeTheKeysAreInWaitsOrBuildsAnew() throws {
    let world = try ProblemsWorld()
    let first = try world.raise("背街小巷路灯不亮")
    try world.raise("菜市场排水沟堵塞")
    world.apply(.assignProblem(first, world.ecology, due: world.today.adding(days: 30), note: ""))
    var rows = ProblemRows(context: world.runtime.state.context)
    let startedAt = world.runtime.state.dataVersion
    let gate = BackgroundGate()
    gate.hold()
    rows.startKeysInBackground(gate: gate)

    // The department is renamed while the build waits: keys made with the old name are stale.
    world.apply(.putDepartment(Department(id: world.ecology, name: "区水务局")))
    rows.update(builtAt: startedAt, context: world.runtime.state.context)

    // `/` comes while the gate is still held (it is answered inside an event): it must not wait
    // for the gate, and must not show matches on the old name.
    rows.prepareSearchKeys(all: true)
    #expect(rows.keysBuild == nil)
    let keys = try #require(rows.keys)
    let fresh = ProblemKeysFollowChanges.fromScratch(rows)
    #expect(keys == fresh.shown)
    #expect(rows.allKeys == fresh.all)
    #expect(keys.count == 2)
    gate.release()
  }

  @Test(
    "a list that adopted the prepared keys and lets them go stops their build: no keys are made for nobody")
  func lettingGoOfAdoptedKeysStopsTheirBuild() throws {
    let world = try ProblemsWorld()
    try world.raise("背街小巷路灯不亮")
    try world.raise("菜市场排水沟堵塞")
    // The app is answering an event: the prepared keys wait at the gate before their first slice.
    let gate = BackgroundGate()
    gate.hold()
    defer { gate.release() }
    let prepared = ProblemIndexBuild(from: world.store.state, language: .zh, gate: gate)
    _ = prepared.take()
    let keys = try #require(prepared.keysBuild, "the index is made, and with it the keys' build")
    let adopted = ProblemKeysBuild(adopting: keys)
    #expect(adopted.result == nil)

    // The list lets the keys go (a `/` that builds them on the spot, say): one cancel stops both.
    adopted.cancel()
    #expect(keys.wait(seconds: 30) == false, "the build ended without keys")
    #expect(keys.isFinished)
    #expect(prepared.takeKeys() == nil)
  }
}
