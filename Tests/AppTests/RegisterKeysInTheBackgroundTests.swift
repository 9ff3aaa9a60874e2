import Domain
import Foundation
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// A large members register shows its rows at once and builds its search keys on a thread of its
/// own: what `/` finds is never stale, whatever changed while the keys were being built.
@Suite struct RegisterKeysInTheBackground {
  static let admin = ActingUser.staff("hexm", .admin)

  /// The demo committee's members, their keys left to a build that waits at `gate`.
  static func members(gate: BackgroundGate) throws -> (TestWorld, RegisterRows) {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let rows = RegisterRows(
      kind: .members, data: world.store.state, language: .zh, showArchived: true, keysInBackgroundFrom: 0,
      gate: gate)
    return (world, rows)
  }

  /// The members register made on the spot from `data`, keys and all.
  static func madeOnTheSpot(_ data: CommitteeState, language: Language = .zh) -> RegisterRows {
    RegisterRows(
      kind: .members, data: data, language: language, showArchived: true, keysInBackgroundFrom: .max)
  }

  @Test("keys built while a member came, one was renamed and one archived equal keys made on the spot")
  func keysBuiltMeanwhileFollowTheChanges() throws {
    let gate = BackgroundGate()
    gate.hold()
    var (world, rows) = try Self.members(gate: gate)
    #expect(rows.searchKeys == nil, "the keys are not made with the rows")
    #expect(rows.keysPending)
    #expect(rows.ids == Self.madeOnTheSpot(world.store.state).ids, "the rows themselves are all there")
    let store = world.store
    var touched: Set<RecordRef> = []
    let newcomer: MemberID = store.state.newID()
    try store.apply(
      .putMember(Member(id: newcomer, name: "新来的委员", phone: "13800000000")), actor: Self.admin,
      now: world.clock.now())
    touched.formUnion(store.lastTouched ?? [])
    var renamed = try #require(store.state.members.values.min { $0.id < $1.id })
    renamed.name = "改了名的委员"
    try store.apply(.putMember(renamed), actor: Self.admin, now: world.clock.now())
    touched.formUnion(store.lastTouched ?? [])
    let archived = try #require(
      store.state.members.values.filter { $0.id != renamed.id && $0.id != newcomer }.min { $0.id < $1.id })
    try store.apply(.archive(RecordRef(archived.id)), actor: Self.admin, now: world.clock.now())
    touched.formUnion(store.lastTouched ?? [])

    let followed = rows.follow(to: store.state, touched: touched)
    #expect(followed, "the rows follow without their keys")
    #expect(rows.searchKeys == nil, "still building")
    rows.prepareSearchKeys(all: false)
    #expect(rows.searchKeys == nil, "an idle tick before the build is done changes nothing")
    gate.release()
    #expect(rows.keysBuild?.build.wait(seconds: 30) == true)
    rows.prepareSearchKeys(all: false)
    let fresh = Self.madeOnTheSpot(store.state)
    #expect(rows.ids == fresh.ids)
    #expect(rows.archived == fresh.archived)
    #expect(rows.searchKeys != nil, "taken in on the next tick")
    #expect(rows.searchKeys == fresh.searchKeys, "caught up with the three changes")
    var state = TableState()
    Table(columns: RegisterRows.columns(.members, language: .zh)).setFilter(
      "改了名", state: &state, source: rows)
    let found = (state.matches ?? []).map { rows.ref(row: Int($0)) }
    #expect(found == [RecordRef(renamed.id)], "the renamed member is found by the new name")
  }

  @Test("/ before the build is half done makes the keys at once, and the build stops")
  func slashBeforeHalfMakesThemAtOnce() throws {
    let gate = BackgroundGate()
    gate.hold()
    var (world, rows) = try Self.members(gate: gate)
    let build = try #require(rows.keysBuild?.build)
    #expect(build.fraction < 0.5)
    rows.prepareSearchKeys(all: true)
    #expect(rows.keysBuild == nil, "the build is let go")
    #expect(rows.searchKeys == Self.madeOnTheSpot(world.store.state).searchKeys)
    gate.release()
    #expect(build.wait(seconds: 30) == false, "stopped, it finishes nothing")
  }

  @Test(
    "a committee of six thousand members: the register shows at once, and / finds a member saved meanwhile")
  func aLargeRegisterShowsAtOnceAndFindsWhatCameMeanwhile() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let first = world.store.state.nextRawID
    let many = (0..<6_000).map { index in
      Change.putMember(Member(id: ID(raw: first + UInt64(index)), name: "Member \(index)"))
    }
    world.apply(.group(many))
    let count = world.state.data.members.count
    #expect(count >= RegisterRows.keysInBackgroundFrom)

    world.press([.character("6")])
    let shown = try #require(world.state.registers.lists.members.source)
    #expect(shown.rowCount == count, "every member is listed on the first visit")
    #expect(world.screen.contains(shown.text(row: 0, column: 0)), "and drawn")

    // Saved while the keys may still be in the making.
    let late: MemberID = world.state.data.newID()
    world.apply(.putMember(Member(id: late, name: "Zhou Latecomer")), tag: EffectTag(.registers, "test"))
    world.press([.character("/")])
    world.type("Latecomer")
    #expect(world.state.registers.selectedRef == RecordRef(late), "found, and selected")
    #expect(world.screen.contains("Zhou Latecomer"))
    let keys = world.state.registers.lists.members.source?.searchKeys
    #expect(keys == Self.madeOnTheSpot(world.state.data, language: .en).searchKeys)
  }
}
