import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The registers' rows are carried through each change by the records it touched, never rebuilt
/// from every record: after every step they must be exactly the rows a fresh build makes.
@Suite struct RegisterRowsFollowChanges {
  /// Every register's rows, as last carried.
  struct Registers {
    var rows: [RegisterKind: RegisterRows] = [:]

    init(_ data: CommitteeState) {
      for kind in RegisterKind.allCases {
        rows[kind] = RegisterRows(kind: kind, data: data, language: .zh, showArchived: true)
      }
    }

    /// Carries every register to `data`; returns the registers that had to be built anew.
    mutating func follow(to data: CommitteeState, touched: [RecordRef]?) throws -> Set<RegisterKind> {
      let touched = try #require(touched, "the store says which records the step touched")
      var rebuilt: Set<RegisterKind> = []
      for kind in RegisterKind.allCases {
        var carried = try #require(rows[kind])
        if !carried.follow(to: data, touched: Set(touched)) {
          rebuilt.insert(kind)
          carried = RegisterRows(kind: kind, data: data, language: .zh, showArchived: true)
        }
        let fresh = RegisterRows(kind: kind, data: data, language: .zh, showArchived: true)
        #expect(carried.ids == fresh.ids, "\(kind)")
        #expect(carried.depths == fresh.depths, "\(kind)")
        #expect(carried.counts == fresh.counts, "\(kind)")
        #expect(carried.searchKeys == fresh.searchKeys, "\(kind)")
        rows[kind] = carried
      }
      return rebuilt
    }

    /// Carries every register and expects none had to be built anew.
    mutating func expectCarried(
      to data: CommitteeState, touched: [RecordRef]?, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
      let rebuilt = try follow(to: data, touched: touched)
      #expect(
        rebuilt.isEmpty, "built anew: \(rebuilt), touched: \(touched ?? [])", sourceLocation: sourceLocation)
    }
  }

  @Test(
    "a member added, moved to another sector, archived, the archive undone and redone: every register follows"
  )
  func aMemberComesMovesAndIsArchived() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var registers = Registers(store.state)
    let data = store.state
    let sectors = data.sectors.keys.sorted()
    let stations = data.stations.keys.sorted()
    let committee = try #require(data.specialCommittees.keys.sorted().first)
    try #require(sectors.count >= 2 && stations.count >= 2)

    let member: MemberID = data.newID()
    try store.apply(
      .putMember(
        Member(
          id: member, name: "新委员", sector: sectors[0], specialCommittee: committee,
          stations: [stations[0], stations[1]])),
      actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)

    // Moved to another sector and one station fewer: the counts of both sectors change.
    try store.apply(
      .putMember(
        Member(
          id: member, name: "新委员", sector: sectors[1], specialCommittee: committee, stations: [stations[1]])
      ), actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    let sectorRows = try #require(registers.rows[.sectors])
    let second = try #require(sectorRows.row(of: sectors[1].raw))
    #expect(
      sectorRows.text(row: second, column: 3)
        == String(store.state.members.values.filter { $0.sector == sectors[1] && !$0.archived }.count))

    try store.apply(.archive(RecordRef(member)), actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.undo(actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.redo(actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    // Undo back to before the member came: it goes from every register.
    for _ in 0..<3 {
      try store.undo(actor: admin, now: world.clock.now())
      try registers.expectCarried(to: store.state, touched: store.lastTouched)
    }
    #expect(registers.rows[.members]?.row(of: member.raw) == nil)
  }

  @Test("problems, patrols and a consultation move the counts of departments, rivers and regions")
  func countsFollowOtherRecords() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var registers = Registers(store.state)
    let data = store.state
    let department = try #require(data.departments.keys.sorted().first)
    let river = try #require(data.rivers.keys.sorted().first)
    let region = try #require(data.partnerRegions.keys.sorted().first)
    let member = try #require(data.members.values.filter { !$0.archived }.map(\.id).sorted().first)

    let consultation: ConsultationID = data.newID()
    try store.apply(
      .openConsultation(
        consultation, ConsultationDetails(title: "跨区协商", kind: .crossRegional, partnerRegions: [region])),
      actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    let problem: ProblemID = store.state.newID()
    try store.apply(
      .raiseProblem(problem, .consultation(consultation), title: "界河垃圾", description: ""), actor: admin,
      now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.apply(
      .assignProblem(problem, department, due: world.state.today.adding(days: 30), note: ""), actor: admin,
      now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.apply(
      .putPatrol(Patrol(id: store.state.newID(), river: river, date: world.state.today, members: [member])),
      actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.undo(actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
    try store.undo(actor: admin, now: world.clock.now())
    try registers.expectCarried(to: store.state, touched: store.lastTouched)
  }

  @Test(
    "a sector renamed: the members register shows the new name, built anew since every member's cell may hold it"
  )
  func aRenameIsBuiltAnew() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let store = world.store
    var registers = Registers(store.state)
    let sector = try #require(store.state.sectors.values.sorted { $0.id < $1.id }.first)
    var renamed = sector
    renamed.name = "新界别"
    try store.apply(.putSector(renamed), actor: .staff("hexm", .admin), now: world.clock.now())
    #expect(try registers.follow(to: store.state, touched: store.lastTouched) == [.members])
  }

  @Test("the registers list on screen carries its rows through a save, an undo and a redo (Ctrl-R)")
  func theListOnScreenFollows() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    world.press([.character("6")])
    let before = world.state.dataVersion
    let member: MemberID = world.state.data.newID()
    world.apply(.putMember(Member(id: member, name: "New Member")), tag: EffectTag(.registers, "test"))
    #expect(world.state.changes.touched(since: before)?.contains(RecordRef(member)) == true)
    world.press([.character("u")])
    world.press([.ctrl("r")])
    #expect(world.state.data.members[member] != nil)
    // Redo says what it touched, as undo does: the screens follow it instead of rebuilding.
    let afterUndo = world.state.dataVersion - 1
    #expect(world.state.changes.touched(since: afterUndo) == [RecordRef(member)])
    let shown = world.state.registers.lists.members.source
    let fresh = RegisterRows(kind: .members, data: world.state.data, language: .en, showArchived: true)
    #expect(shown?.ids == fresh.ids)
    #expect(shown?.searchKeys == fresh.searchKeys)
  }
}
