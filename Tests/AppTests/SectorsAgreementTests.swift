import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// Cooperation agreements recorded and edited from the cooperation view.
@Suite struct SectorsAgreementStories {
  @Test func aClerkRecordsAnAgreementFromAJointMeetingThenEditsItAndUndoes() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("7"), .character("c"))
    #expect(world.backend.screen.text.contains("Agreements (1;"))
    let meeting = try #require(
      world.runtime.state.data.jointMeetings.values.max { ($0.date, $0.id) < ($1.date, $1.id) })
    let longchang = try #require(world.runtime.state.data.partnerRegions.values.first { $0.name == "隆昌市" })

    world.press(.character("a"))
    #expect(world.backend.screen.text.contains("New cooperation agreement"))
    // Saved with only a title: refused on the regions, as no one else signed it; nothing typed is lost.
    for character in "Water monitoring agreement" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session?.form.focusedField?.id == "regions")
    #expect(world.backend.screen.text.contains("parties"))
    for character in "隆昌" { world.press(.character(character)) }
    world.press(.enter)
    // Past the other parties to the meeting it came from (the newest is offered first), then the terms.
    world.press(.tab, .tab, .right, .tab)
    for character in "Monthly joint sampling" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session == nil, "\(world.backend.screen.text)")
    let agreement = try #require(
      world.runtime.state.data.cooperationAgreements.values.first { $0.title == "Water monitoring agreement" }
    )
    #expect(agreement.regions == [longchang.id])
    #expect(agreement.meeting == meeting.id)
    #expect(agreement.scope == "Monthly joint sampling")
    #expect(agreement.signedOn == DemoWorld.today)
    // It is the newest signed, so it is listed first and selected, with its meeting and terms.
    let screen = world.backend.screen.text
    #expect(screen.contains("Agreements (2;"))
    #expect(screen.contains("› \"Water monitoring agreement\" signed \(DemoWorld.today) · 隆昌市"))
    #expect(screen.contains("From the joint meeting of \(meeting.displayName)"))

    // Edited: the form opens with the agreement in it; the title grows, the number stays.
    world.press(.character("e"))
    #expect(world.backend.screen.text.contains("Edit agreement: Water monitoring agreement"))
    world.press(.end)
    for character in " 2027" { world.press(.character(character)) }
    world.press(.ctrl("s"))
    #expect(
      world.runtime.state.data.cooperationAgreements[agreement.id]?.title == "Water monitoring agreement 2027"
    )
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id]?.meeting == meeting.id)
    #expect(world.runtime.state.data.cooperationAgreements.count == 2)
    world.press(.character("u"))
    #expect(
      world.runtime.state.data.cooperationAgreements[agreement.id]?.title == "Water monitoring agreement")

    // j selects the basin agreement of the demo, and e opens that one.
    world.press(.character("j"), .character("e"))
    #expect(world.backend.screen.text.contains("Edit agreement: 濑溪河流域生态环境保护合作框架协议"))
  }

  @Test func anAgreementIsNotSignedBeforeTheMeetingItCameFrom() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    let data = world.runtime.state.data
    let meeting = try #require(data.jointMeetings.values.max { ($0.date, $0.id) < ($1.date, $1.id) })
    let region = try #require(data.partnerRegions.values.first)
    let early = meeting.date.adding(days: -1)
    let agreement = CooperationAgreement(
      id: data.newID(), title: "提前签订的协议", parties: [], signedOn: early, regions: [region.id],
      meeting: meeting.id)
    let refusal = world.runtime.state.context.check(.putCooperationAgreement(agreement))
    #expect(refusal == .dateBefore(.date, meeting.date))
    #expect(refusal?.message(in: .zh).contains(meeting.date.description) == true)
    var onTime = agreement
    onTime.signedOn = meeting.date
    #expect(world.runtime.state.context.check(.putCooperationAgreement(onTime)) == nil)
  }
}

/// The duty compliance board of any quarter, counted by hand on three homes.
@Suite struct SectorsQuarterStories {
  /// Three homes: A held its study and inspection in the third quarter of 2026, B only its study, C
  /// nothing; none filed a proposal. Today is 26 November 2026, in the fourth quarter.
  static func world(_ language: Language) throws -> TestWorld {
    try TestWorld(language: language, size: Size(width: 120, height: 40)) { store, clock in
      let actor = try Startup.actor(store: store, userName: "hexm", displayName: "何晓敏", now: clock.now())
      func day(_ month: Int, _ date: Int) -> Day {
        Day(year: 2026, month: month, day: date) ?? TestWorld.today
      }
      let homes = [("A 界别", SectorID(raw: 101)), ("B 界别", SectorID(raw: 102)), ("C 界别", SectorID(raw: 103))]
      var changes: [Change] = homes.map { .putSector(Sector(id: $0.1, name: $0.0)) }
      changes += [
        .putSectorActivity(
          SectorActivity(
            id: ID(raw: 201), sector: homes[0].1, kind: .collectiveStudy, date: day(7, 10), title: "学")),
        .putSectorActivity(
          SectorActivity(
            id: ID(raw: 202), sector: homes[0].1, kind: .inspection, date: day(8, 20), title: "察")),
        .putSectorActivity(
          SectorActivity(
            id: ID(raw: 203), sector: homes[1].1, kind: .collectiveStudy, date: day(9, 30), title: "学")),
      ]
      for change in changes { try store.apply(change, actor: actor, now: clock.now()) }
      return actor
    } configure: { state in
      state.section = .sectors
    }
  }

  /// The board's rows (the lines that end in the homes' six-haves count), without the detail beside.
  func rows(_ world: TestWorld) -> [String] {
    world.screen.split(separator: "\n").map(String.init).filter { $0.contains("界别") && $0.contains(" 0/6│") }
  }

  @Test func theBoardStepsQuartersAndYearsMarkingWhatIsOverdueByToday() throws {
    let world = try Self.world(.en)
    world.press([.character("7")])
    // This quarter: nothing held yet, nothing overdue, as the quarter has not ended.
    #expect(world.screen.contains("Q4 2026: 0/3 homes compliant · 0 overdue"), "\(world.screen)")
    #expect(rows(world).count == 3)
    #expect(rows(world).allSatisfy { $0.contains("· to do") && !$0.contains("✗") }, "\(world.screen)")

    // The third quarter has ended: A is compliant; B missed its inspection, C both duties.
    world.press([.character("[")])
    #expect(world.screen.contains("Q3 2026: 1/3 homes compliant · 2 overdue"), "\(world.screen)")
    let third = rows(world)
    #expect(third.first { $0.contains("A 界别") }?.contains("✓ 7/10") == true)
    #expect(
      third.first { $0.contains("B 界别") }.map { $0.contains("✓ 9/30") && $0.contains("✗ overdue") } == true)
    #expect(third.first { $0.contains("C 界别") }?.components(separatedBy: "✗ overdue").count == 3)

    // A year back: 2025 is over, so each home's proposal of that year is overdue as well.
    world.press([.character("<")])
    #expect(world.screen.contains("Q3 2025: 0/3 homes compliant · 3 overdue"), "\(world.screen)")
    // Forward past this quarter: nothing is overdue in a quarter still to come.
    world.press([.character(">"), .character("]"), .character("]")])
    #expect(world.screen.contains("Q1 2027: 0/3 homes compliant · 0 overdue"), "\(world.screen)")
    world.press([.character("[")])
    #expect(world.screen.contains("Q4 2026: 0/3 homes compliant · 0 overdue"))
    #expect(world.state.sectors.chosenQuarter == nil, "back on this quarter, the board follows today again")
  }
}
