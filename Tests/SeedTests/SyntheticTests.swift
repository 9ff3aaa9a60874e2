import Domain
import Foundation
import Testing

@testable import Seed

/// The UTF-8 bytes of every string inside a value, found by reflection so no field is forgotten.
func textBytes(_ value: Any) -> Int {
  if let text = value as? String { return text.utf8.count }
  return Mirror(reflecting: value).children.reduce(0) { $0 + textBytes($1.value) }
}

@Suite struct SyntheticArchiveTests {
  @Test func theArchiveHasExactlyTheRecordsAskedForAndPassesTheRules() throws {
    for count in [0, 1, 150, 5_000] {
      let state = try SyntheticArchive(records: count, seed: 7).state()
      #expect(state.totalCount == count)
      #expect(state.indexesAreConsistent)
    }
  }

  @Test func theSameSeedGivesTheSameArchiveAndAnotherSeedAnotherOne() {
    let first = Array(syntheticChanges(records: 2_000, seed: 42))
    let second = Array(syntheticChanges(records: 2_000, seed: 42))
    let other = Array(syntheticChanges(records: 2_000, seed: 43))
    #expect(first == second)
    #expect(first != other)
  }

  @Test func itLooksLikeARealArchiveWithAboutTwoHundredBytesOfTextPerRecord() throws {
    let count = 20_000
    let state = try SyntheticArchive(records: count, seed: 1).state()
    var bytes = 0
    bytes += state.members.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.problems.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.patrols.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.visits.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.opinionReports.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.consultations.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.sectorActivities.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.supervisionItems.values.reduce(0) { $0 + textBytes($1) }
    bytes += state.stations.values.reduce(0) { $0 + textBytes($1) }
    let average = Double(bytes) / Double(count)
    #expect((170...240).contains(average), "average text per record: \(average) bytes")
    // The mix of a real archive: problems lead, then patrols and visits; members are a few percent.
    #expect(state.problems.count > state.patrols.count)
    #expect(state.patrols.count > state.opinionReports.count)
    #expect(state.visits.count > state.consultations.count)
    #expect(Double(state.members.count) / Double(count) < 0.1)
    #expect(state.problems(status: .closed).count > 0 && state.problems(status: .raised).count > 0)
  }
}

@Suite struct SyntheticDirectBuildTests {
  @Test func theDirectBuildEqualsTheArchiveAppliedThroughTheDomainRules() throws {
    for count in [0, 300, 6_000] {
      let archive = SyntheticArchive(records: count, seed: 11)
      let direct = try archive.build()
      let applied = try archive.state(daysPerGroup: 1)
      #expect(direct == applied, "\(count) records")
      #expect(direct.indexesAreConsistent)
      #expect(direct.problemsByStatus.mapValues(\.count) == applied.problemsByStatus.mapValues(\.count))
    }
  }
}
