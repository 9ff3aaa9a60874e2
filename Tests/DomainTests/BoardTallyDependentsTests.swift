import Foundation
import Testing

@testable import Domain

/// The tally takes a record's facts out by counting them again in the state it last counted, so a
/// record whose facts hang on another one (a problem on its source's stations or river, a
/// consultation on its station's hall, a reading on its river's target) must be counted again when
/// that one changes, though no change touched it. After each such change the tally followed change
/// by change must equal a count afresh, and the figures must move where the records went.
@Suite("The tally follows the records a change reaches through others")
struct BoardTallyDependentsTests {
  /// A committee with two halls, a street station under the first, a consultation there with one
  /// problem, and a patrol with a water reading on one of two rivers with one problem of its own.
  struct Committee {
    var story = Story(today: day("2026-11-26"))
    var tally = BoardTally()
    var hallA: StationID = ID(raw: 0)
    var hallB: StationID = ID(raw: 0)
    var street: StationID = ID(raw: 0)
    var consultation: ConsultationID = ID(raw: 0)
    var patrol: PatrolID = ID(raw: 0)
    var riverA: RiverID = ID(raw: 0)
    var riverB: RiverID = ID(raw: 0)

    /// Applies a change and follows it in the tally with the records it touched, as the app does.
    mutating func run(_ change: Change) throws {
      let touched = try story.run(change)
      tally.follow(touched, to: story.state)
    }

    static func make() throws -> Committee {
      var committee = Committee()
      committee.hallA = try committee.story.addStation("东区委员工作厅", .districtHall)
      committee.hallB = try committee.story.addStation("西区委员工作厅", .districtHall)
      committee.street = try committee.story.addStation(
        "石坪桥街道委员工作站", .streetStation, parent: committee.hallA)
      committee.riverA = try committee.story.addRiver("濑溪河")
      committee.riverB = try committee.story.addRiver("梅溪河")
      let member = try committee.story.addMember("张三")
      committee.tally = BoardTally(state: committee.story.state)
      committee.consultation = committee.story.newID()
      try committee.run(
        .openConsultation(
          committee.consultation, ConsultationDetails(title: "小花市集", station: committee.street)))
      try committee.run(
        .raiseProblem(
          committee.story.newID(), .consultation(committee.consultation), title: "摊位占道", description: ""))
      committee.patrol = committee.story.newID()
      try committee.run(
        .putPatrol(
          Patrol(
            id: committee.patrol, river: committee.riverA, date: day("2026-06-01"), members: [member],
            waterQuality: .classIII)))
      try committee.run(
        .raiseProblem(committee.story.newID(), .patrol(committee.patrol), title: "排污口", description: ""))
      return committee
    }

    func raised(_ facet: Facet) -> Int { tally.total(.raised, facet, in: .allTime) }
  }

  @Test("a street moved to another hall takes its consultation's problem with it")
  func aStationMoves() throws {
    var committee = try Committee.make()
    #expect(committee.raised(.station(committee.hallA)) == 1)
    var street = try #require(committee.story.state.stations[committee.street])
    street.parent = committee.hallB
    try committee.run(.putStation(street))
    #expect(committee.raised(.station(committee.hallA)) == 0)
    #expect(committee.raised(.station(committee.hallB)) == 1)
    #expect(committee.tally == BoardTally(state: committee.story.state))
  }

  @Test("a consultation moved to another station moves its problem's stations")
  func aSourceMoves() throws {
    var committee = try Committee.make()
    try committee.run(
      .editConsultation(committee.consultation, ConsultationDetails(title: "小花市集", station: committee.hallB)))
    #expect(committee.raised(.station(committee.street)) == 0)
    #expect(committee.raised(.station(committee.hallA)) == 0)
    #expect(committee.raised(.station(committee.hallB)) == 1)
    #expect(committee.tally == BoardTally(state: committee.story.state))
  }

  @Test("a patrol moved to another river moves its problem and its reading; a new target counts them again")
  func aPatrolMovesAndItsRiverChangesTarget() throws {
    var committee = try Committee.make()
    #expect(committee.raised(.river(committee.riverA)) == 1)
    var patrol = try #require(committee.story.state.patrols[committee.patrol])
    patrol.river = committee.riverB
    try committee.run(.putPatrol(patrol))
    #expect(committee.raised(.river(committee.riverA)) == 0)
    #expect(committee.raised(.river(committee.riverB)) == 1)
    #expect(committee.tally.total(.readingsMet, .river(committee.riverB), in: .allTime) == 1)
    var river = try #require(committee.story.state.rivers[committee.riverB])
    river.targetClass = .classII
    try committee.run(.putRiver(river))
    // Class III no longer meets a class II target.
    #expect(committee.tally.total(.readingsMet, .river(committee.riverB), in: .allTime) == 0)
    #expect(committee.tally.total(.readings, .river(committee.riverB), in: .allTime) == 1)
    #expect(committee.tally == BoardTally(state: committee.story.state))
  }

  @Test("an undo that puts a station back is followed like any change")
  func anUndoPutsTheStationBack() throws {
    var committee = try Committee.make()
    let before = committee.story.state
    var street = try #require(committee.story.state.stations[committee.street])
    street.parent = committee.hallB
    try committee.run(.putStation(street))
    let ref = RecordRef(committee.street)
    try committee.run(.restore([RecordVersion(ref, before.value(of: ref))]))
    #expect(committee.raised(.station(committee.hallA)) == 1)
    #expect(committee.raised(.station(committee.hallB)) == 0)
    #expect(committee.tally == BoardTally(state: committee.story.state))
  }
}
