import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// What the registers, the problems and the sector homes keep beside their rows at a large size —
/// what each member took part in, the forms' name indexes, the problems' index prepared in the
/// background — follows each change's touched records instead of a walk over every record: after
/// every step of a seeded run of changes, undos and redos, each must equal one made afresh.
@Suite struct SectionIndexesFollowChanges {
  /// A seeded run of changes to the records those indexes read, each applied, undone or redone
  /// through the store; `after` is told each step's data and touched records.
  static func seededRun(
    _ world: TestWorld, steps: Int, seed: UInt64,
    after: (_ before: CommitteeState, _ data: CommitteeState, _ touched: [RecordRef]?) -> Void
  ) throws -> Int {
    let store = world.store
    let admin = ActingUser.staff("hexm", .admin)
    var random = SeedRandom(seed: seed)
    let members = store.state.members.values.filter { !$0.archived }.map(\.id).sorted()
    try #require(members.count >= 3 && !store.state.rivers.isEmpty && !store.state.sectors.isEmpty)
    func someMembers() -> [MemberID] {
      (0..<(1 + random.below(3))).map { _ in members[random.below(members.count)] }
    }
    func someDay() -> Day { world.state.today.adding(days: -random.below(400)) }
    var applied = 0
    for step in 0..<steps {
      let data = store.state
      var change: Change?
      switch random.below(11) {
      case 0:
        if let river = data.rivers.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random) {
          change = .putPatrol(
            Patrol(id: data.newID(), river: river.id, date: someDay(), members: someMembers()))
        }
      case 1:
        // Another patrol's members: some leave it, some join.
        if var patrol = data.patrols.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random) {
          patrol.members = someMembers()
          change = .putPatrol(patrol)
        }
      case 2:
        change = .putVisit(
          Visit(
            id: data.newID(), kind: VisitKind.actions[random.below(VisitKind.actions.count)], date: someDay(),
            members: someMembers(), place: "走访点\(step)"))
      case 3:
        change = .putOpinionReport(
          OpinionReport(
            id: data.newID(), title: "社情民意\(step)", text: "正文",
            submitter: members[random.below(members.count)],
            date: someDay()))
      case 4:
        if let sector = data.sectors.keys.sorted().randomElement(using: &random) {
          change = .putSectorActivity(
            SectorActivity(
              id: data.newID(), sector: sector, kind: .outreachTalk, date: someDay(), title: "宣讲\(step)",
              members: someMembers()))
        }
      case 5:
        change = .proposeSupervisionItem(
          data.newID(), SupervisionProposal(title: "监督\(step)", proposers: someMembers()))
      case 6:
        // A member archived or back, renamed, or new: the forms' name index moves.
        if random.chance(0.3) {
          change = .putMember(Member(id: data.newID(), name: "新委员\(step)"))
        } else if var member = data.members[members[random.below(members.count)]] {
          if random.chance(0.5) { member.archived.toggle() } else { member.name = "改名\(step)" }
          change = .putMember(member)
        }
      case 7:
        if var sector = data.sectors.values.sorted(by: { $0.id < $1.id }).randomElement(using: &random) {
          if random.chance(0.5) { sector.archived.toggle() } else { sector.name = "委员之家\(step)" }
          change = .putSector(sector)
        }
      case 8:
        // A problem raised from a consultation, or one moved along: the problems' index moves.
        if let consultation = data.consultations.keys.sorted().randomElement(using: &random) {
          change = .raiseProblem(
            data.newID(), .consultation(consultation), title: "问题\(step)", description: "")
        }
      default:
        change = nil
      }
      let before = store.state
      if let change {
        if (try? store.apply(change, actor: admin, now: world.clock.now())) != nil { applied += 1 }
      } else if random.chance(0.5) {
        _ = try? store.undo(actor: admin, now: world.clock.now())
      } else {
        _ = try? store.redo(actor: admin, now: world.clock.now())
      }
      after(before, store.state, store.lastTouched)
    }
    return applied
  }

  @Test("a hundred and twenty seeded changes: what each member took part in equals a recount at every step")
  func participationFollowsEveryChange() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    var indexes = SharedIndexes()
    // Made once on the spot (the demo is small), then only followed.
    _ = try #require(indexes.participation(world.store.state))
    let applied = try Self.seededRun(world, steps: 120, seed: 21) { before, data, touched in
      indexes = indexes.following(from: before, to: data, touched: touched)
      #expect(indexes.participation(data) == Participation(data), "participation differs from a recount")
    }
    #expect(applied > 60)
  }

  @Test(
    "the forms' name indexes follow members, homes and stations as they come, go, are renamed or archived")
  func nameIndexesFollowEveryChange() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let kinds: [RecordKind] = [.member, .sector, .specialCommittee, .station]
    var followed = Dictionary(
      uniqueKeysWithValues: kinds.map { ($0, NameIndex(kind: $0, data: world.store.state)) })
    var renamedOrArchived = 0
    let applied = try Self.seededRun(world, steps: 120, seed: 22) { before, data, touched in
      let touched = Set(touched ?? [])
      for kind in kinds {
        followed[kind]?.follow(to: data, touched: touched)
        #expect(followed[kind] == NameIndex(kind: kind, data: data), "the \(kind) name index differs")
      }
      if before.members != data.members || before.sectors != data.sectors { renamedOrArchived += 1 }
    }
    #expect(applied > 60 && renamedOrArchived > 10)
    // A member archived is no longer offered; saved again, offered under the new name.
    let member = try #require(world.store.state.members.values.filter { !$0.archived }.min { $0.id < $1.id })
    var archived = member
    archived.archived = true
    try world.store.apply(.putMember(archived), actor: .staff("hexm", .admin), now: world.clock.now())
    followed[.member]?.follow(to: world.store.state, touched: [RecordRef(member.id)])
    #expect(followed[.member]?.search(member.name).contains { $0.id == String(member.id.raw) } == false)
  }

  @Test("indexes prepared in the background and taken after changes equal ones made from the data then")
  func preparedIndexesCatchUpWithTheChangesMadeMeanwhile() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    var indexes = SharedIndexes()
    // From any size here, so that the demo committee takes the large committee's path.
    indexes.prepareInBackground(world.store.state, problemsFrom: 0, participationFrom: 0)
    let applied = try Self.seededRun(world, steps: 60, seed: 23) { before, data, touched in
      indexes = indexes.following(from: before, to: data, touched: touched)
    }
    #expect(applied > 30)
    let data = world.store.state
    let index = try #require(indexes.takeProblemIndex(data), "the problems' index was prepared")
    #expect(index == ProblemIndex(data: data))
    #expect(indexes.takeProblemIndex(data) == nil, "taken once; the list follows it from there")
    // Participation: nil while counting ("counting…" in the member detail), then caught up.
    var participation = indexes.participation(data)
    let deadline = Date().addingTimeInterval(30)
    while participation == nil && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.01)
      participation = indexes.participation(data)
    }
    #expect(participation == Participation(data))
  }

  @Test(
    "problems' keys still being prepared when the list shows are adopted when done, carried through the changes since"
  )
  func keysAdoptedFromThePreparedBuildEqualKeysMadeAfresh() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let start = world.store.state
    let build = ProblemIndexBuild(from: start, language: .zh)
    var touched: Set<RecordRef> = []
    let applied = try Self.seededRun(world, steps: 60, seed: 31) { _, _, refs in
      touched.formUnion(refs ?? [])
    }
    #expect(applied > 30)
    let data = world.store.state
    // The list as its first visit makes it while the prepared keys are still on their way.
    var rows = ProblemRows()
    rows.data = data
    rows.index = ProblemIndex(data: data)
    rows.language = .zh
    _ = build.take()
    rows.keysBuild = ProblemKeysBuild(adopting: try #require(build.keysBuild))
    rows.touchedDuringBuild = touched
    rows.refreshPositions()
    try #require(rows.keysBuild?.wait(seconds: 30) == true, "the prepared keys were handed over")
    rows.takeFinishedKeys()
    // The same keys as made on the spot from the data now.
    var fresh = ProblemRows()
    fresh.data = data
    fresh.index = ProblemIndex(data: data)
    fresh.language = .zh
    fresh.refreshPositions()
    while !fresh.continueAllKeys(rows: 100_000) {}
    #expect(rows.allKeys != nil)
    #expect(rows.allKeys == fresh.allKeys)
  }

  @Test("a member's detail says counting… while what they took part in is counted, and lists it once counted")
  func theMemberDetailSaysCountingMeanwhile() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let data = world.store.state
    // A member who patrolled: the counted row names patrols, the counting one does not yet.
    let patroller = try #require(data.patrols.values.min { $0.id < $1.id }?.members.first)
    let member = try #require(data.members[patroller])
    let counting = RegisterDetail.rows(RecordRef(member.id), data: data, participation: nil, language: .en)
    let counted = RegisterDetail.rows(
      RecordRef(member.id), data: data, participation: Participation(data), language: .en)
    let label = tr("registers.took.patrols", .en)
    #expect(counting.first { $0.label == label }?.value == "counting…")
    #expect(counted.first { $0.label == label }?.value != "counting…")
    #expect(
      counting.count == counted.count, "the same rows, so the pane keeps its shape when the count comes")
  }

  @Test("a home of many members without a talk names the first thirty and how many more")
  func aLargeHomeNamesTheFirstThirty() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let admin = ActingUser.staff("hexm", .admin)
    let home = try #require(world.store.state.sectors.values.filter { !$0.archived }.min { $0.id < $1.id })
    for n in 0..<45 {
      try world.store.apply(
        .putMember(Member(id: world.store.state.newID(), name: "成员\(n)", sector: home.id)), actor: admin,
        now: world.clock.now())
    }
    let data = world.store.state
    let today = world.state.today
    let compliance = data.dutyCompliance(
      sector: home.id, year: today.year, quarter: today.quarter, today: today)
    let missing = compliance.membersWithoutTalk.count
    try #require(missing > SectorBoard.namesListed)
    let lines = SectorBoard.detail(
      SectorBoardRow(sector: home.id, compliance: compliance, home: home), data: data, language: .zh)
    let without = try #require(lines.first { $0.0 == tr("sectors.detail.withoutTalk", .zh) }?.1)
    #expect(without.hasSuffix("等 \(missing - SectorBoard.namesListed) 人"))
    #expect(without.components(separatedBy: Language.zh.listSeparator).count == SectorBoard.namesListed)
  }
}
