import Domain
import Foundation
import Seed
import TerminalCore
import Testing

@testable import App

/// A large committee's water summaries and patrol counts are made on a thread of their own once it
/// opens (`WaterBuild`), not before its first screen. Whenever they are first read — after any number
/// of changes made meanwhile — they must equal what the eager way made: a pass over the data as it is.
@Suite struct WaterSummariesMadeInTheBackground {
  /// The demo store with a background build started on its data, as the first tick starts it.
  struct Opened {
    let world: TestWorld
    var indexes = SharedIndexes()
    var data: CommitteeState

    init() throws {
      world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
      data = world.store.state
      indexes.prepareInBackground(data, problemsFrom: .max, participationFrom: .max, waterFrom: 0)
    }

    /// A change applied; the indexes follow it as the app's do (with its touched records, or
    /// without when `forget` says what changed is not known).
    mutating func apply(_ change: Change, forget: Bool = false) throws {
      let before = data
      try world.store.apply(change, actor: .staff("hexm", .admin), now: world.clock.now())
      data = world.store.state
      indexes = indexes.following(from: before, to: data, touched: forget ? nil : world.store.lastTouched)
    }
  }

  /// Patrols added, moved to other rivers and days and classes, and a river's target moved: each
  /// touches what the summaries made from the opened data must be corrected for.
  static func someChanges(_ opened: inout Opened, count: Int, seed: UInt64) throws {
    var random = SeedRandom(seed: seed)
    let members = opened.data.members.values.filter { !$0.archived }.map(\.id).sorted()
    try #require(!members.isEmpty && !opened.data.rivers.isEmpty)
    for step in 0..<count {
      let data = opened.data
      let rivers = data.rivers.values.sorted { $0.id < $1.id }
      let river = rivers[random.below(rivers.count)]
      let quality = WaterQuality.allCases[random.below(WaterQuality.allCases.count)]
      switch random.below(3) {
      case 0:
        try opened.apply(
          .putPatrol(
            Patrol(
              id: data.newID(), river: river.id, segment: river.segments.first ?? "",
              date: opened.world.state.today.adding(days: -random.below(700)),
              members: [members[random.below(members.count)]], waterQuality: quality)))
      case 1:
        var patrol = try #require(data.patrols.values.sorted { $0.id < $1.id }.randomElement(using: &random))
        patrol.river = river.id
        patrol.segment = river.segments.last ?? ""
        patrol.waterQuality = step % 4 == 0 ? nil : quality
        try opened.apply(.putPatrol(patrol))
      default:
        var moved = river
        moved.targetClass = WaterQuality.allCases[random.below(4)]
        try opened.apply(.putRiver(moved))
      }
    }
  }

  @Test("made from the opened data, then read after forty changes: equal to a pass over the data now")
  func madeBeforeChangesEqualsAPassAfterThem() throws {
    var opened = try Opened()
    try Self.someChanges(&opened, count: 40, seed: 14)
    #expect(
      opened.indexes.waterSummariesWithSegments(opened.data) == opened.data.waterSummariesWithSegments())
    #expect(opened.indexes.patrolCounts(opened.data) == PatrolCounts(opened.data))
    // Taken once: later changes follow the summaries as usual.
    try Self.someChanges(&opened, count: 10, seed: 15)
    #expect(
      opened.indexes.waterSummariesWithSegments(opened.data) == opened.data.waterSummariesWithSegments())
  }

  @Test("the patrols list's counts read first take the build too, and the summaries come with them")
  func patrolCountsReadFirstTakeTheBuild() throws {
    var opened = try Opened()
    try Self.someChanges(&opened, count: 20, seed: 16)
    #expect(opened.indexes.patrolCounts(opened.data) == PatrolCounts(opened.data))
    #expect(
      opened.indexes.waterSummariesWithSegments(opened.data) == opened.data.waterSummariesWithSegments())
  }

  @Test("a change whose touched records are not known: the build is dropped and a pass made instead")
  func unknownChangesDropTheBuild() throws {
    var opened = try Opened()
    try Self.someChanges(&opened, count: 5, seed: 17)
    let river = try #require(opened.data.rivers.values.min { $0.id < $1.id })
    var moved = river
    moved.targetClass = river.targetClass == .classI ? .classV : .classI
    try opened.apply(.putRiver(moved), forget: true)
    #expect(
      opened.indexes.waterSummariesWithSegments(opened.data) == opened.data.waterSummariesWithSegments())
    #expect(opened.indexes.patrolCounts(opened.data) == PatrolCounts(opened.data))
  }
}
