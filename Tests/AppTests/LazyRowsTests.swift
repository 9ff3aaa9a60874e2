import Domain
import Foundation
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// A following list's search keys built on a thread of their own (a list of twenty thousand
/// records or more): the visit does not wait for them, and what `/` finds is never stale.
@Suite struct FollowingListKeysInTheBackground {
  /// The demo committee's patrols, the rows made with their keys left to a background build that
  /// waits at `gate` until the test lets it go.
  static func patrols(gate: BackgroundGate) throws -> (TestWorld, RecordRows, ScreenContext) {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let context = world.state.context
    let rows = RecordRows(following: PatrolsList.self, context: context, keysInBackgroundFrom: 0, gate: gate)
    return (world, rows, context)
  }

  @Test("keys built while changes came in are taken in caught up with them")
  func keysBuiltMeanwhileFollowTheChanges() throws {
    let gate = BackgroundGate()
    gate.hold()
    var (world, rows, first) = try Self.patrols(gate: gate)
    #expect(rows.searchKeys == nil, "the keys are not made with the rows")
    #expect(rows.keysPending)
    // Two patrols change while the build waits: one moves to the top, one is new.
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var moved = try #require(store.state.patrols.values.min { $0.id < $1.id })
    moved.date = first.today
    try store.apply(.putPatrol(moved), actor: admin, now: world.clock.now())
    var changes = ChangeLog()
    changes.record(version: 1, touched: store.lastTouched)
    let river = try #require(store.state.rivers.keys.min())
    let newID: PatrolID = store.state.newID()
    try store.apply(
      .putPatrol(Patrol(id: newID, river: river, date: first.today, members: moved.members)),
      actor: admin, now: world.clock.now())
    changes.record(version: 2, touched: store.lastTouched)
    let context = ScreenContext(
      data: store.state, dataVersion: 2, language: first.language, today: first.today, actor: first.actor,
      body: first.body, changes: changes)
    let followed = rows.follow(PatrolsList.self, builtAt: 0, context: context)
    #expect(followed)
    #expect(rows.searchKeys == nil, "still building")
    // An idle tick before the build is done changes nothing.
    rows.prepareSearchKeys(all: false)
    #expect(rows.searchKeys == nil)
    gate.release()
    #expect(rows.keysBuild?.build.wait(seconds: 30) == true)
    rows.prepareSearchKeys(all: false)
    #expect(rows.searchKeys != nil, "taken in on the next tick")
    LazyRowsMatch.expect(rows, equals: PatrolsList.rowsMadeWhole(context: context), PatrolsList.self)
    var state = TableState()
    Table(columns: PatrolsList.columns(context: context)).setFilter(
      first.today.description, state: &state, source: rows)
    let found = Set((state.matches ?? []).map { rows.ref(row: Int($0)) })
    #expect(found.contains(RecordRef(newID)), "the new patrol is found by its day")
    #expect(found.contains(moved.ref), "and the one moved to it")
  }

  @Test("/ before a build is half done makes the keys at once, and they are right")
  func slashBeforeHalfBuildsAtOnce() throws {
    let gate = BackgroundGate()
    gate.hold()
    var (_, rows, context) = try Self.patrols(gate: gate)
    let build = try #require(rows.keysBuild?.build)
    #expect(build.fraction < 0.5)
    rows.prepareSearchKeys(all: true)
    #expect(rows.keysBuild == nil, "the build is let go")
    LazyRowsMatch.expect(rows, equals: PatrolsList.rowsMadeWhole(context: context), PatrolsList.self)
    gate.release()
    // Let go, the build stops instead of making keys nobody takes.
    #expect(build.wait(seconds: 30) == false, "stopped, it finishes nothing")
    let finished = build.result != nil
    #expect(!finished)
  }

  @Test("a short list makes its keys with its rows")
  func aShortListHasItsKeysAtOnce() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let rows = VisitsList.rows(context: world.state.context)
    #expect(rows.rowCount > 0 && rows.rowCount < RecordRows.keysInBackgroundFrom)
    #expect(rows.searchKeys?.count == rows.rowCount)
  }

  @Test("a list's cells are made for the rows drawn, not for every record")
  func cellsAreMadeForTheRowsDrawn() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let context = world.state.context
    let made = Counter()
    let cells = RowCells { ref in
      made.add()
      return PatrolsList.record(ref, in: context.data).map { PatrolsList.cells($0, context: context) } ?? []
    }
    let whole = PatrolsList.rowsMadeWhole(context: context)
    // The keys' build waits at a gate held until the end: only drawing makes cells here.
    let gate = BackgroundGate()
    gate.hold()
    defer { gate.release() }
    let rows = RecordRows(
      entries: whole.rows.map { RecordRow(ref: $0.ref, cells: [], mark: $0.mark, facets: $0.facets) },
      facetCount: 1, cells: cells, madeFrom: context, keysInBackgroundFrom: 0, gate: gate)
    #expect(rows.rowCount > 40)
    #expect(made.value == 0, "no cell made with the rows")
    var canvas = Canvas(width: 120, height: 40)
    var state = TableState()
    state.viewportHeight = 20
    Table(columns: PatrolsList.columns(context: context)).draw(
      into: &canvas, rect: Rect(x: 0, y: 0, width: 120, height: 24), state: state, source: rows)
    #expect(made.value > 0 && made.value <= 24, "only the rows drawn: \(made.value)")
    let drawn = made.value
    Table(columns: PatrolsList.columns(context: context)).draw(
      into: &canvas, rect: Rect(x: 0, y: 0, width: 120, height: 24), state: state, source: rows)
    #expect(made.value == drawn, "a second frame makes none again")
  }
}

/// Counts calls from a `@Sendable` closure.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  func add() { lock.withLock { count += 1 } }
  var value: Int { lock.withLock { count } }
}
