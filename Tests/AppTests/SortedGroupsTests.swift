import Domain
import TerminalCore
import Testing

@testable import App

/// The sorted pairs that replaced dictionaries of small arrays in the problems-by-source and
/// participation indexes: built from pairs in any order, or carried through insertions and
/// removals, they answer as a dictionary of sorted arrays would, and two made either way are equal.
@Suite struct SortedGroupsTests {
  @Test("built from shuffled pairs, each key's values come in order, and missing keys have none")
  func builtFromPairs() {
    var random = SystemRandomNumberGenerator()
    var model: [UInt64: Set<UInt64>] = [:]
    var keys: [UInt64] = []
    var values: [UInt64] = []
    for _ in 0..<2_000 {
      let key = UInt64.random(in: 0..<200, using: &random)
      let value = UInt64.random(in: 0..<5_000, using: &random)
      guard model[key, default: []].insert(value).inserted else { continue }
      keys.append(key)
      values.append(value)
    }
    let groups = SortedGroups(keys: keys, values: values)
    #expect(groups.count == keys.count)
    for key in UInt64(0)..<210 {
      #expect(Array(groups[key]) == (model[key] ?? []).sorted(), "key \(key)")
    }
    #expect(groups.dictionary == model.mapValues { $0.sorted() })
  }

  @Test("insertions and removals in any order leave what a fresh build from the same pairs holds")
  func followsInsertionsAndRemovals() {
    var random = SystemRandomNumberGenerator()
    var model: Set<[UInt64]> = []
    var groups = SortedGroups<UInt64, UInt64>()
    for step in 0..<4_000 {
      let key = UInt64.random(in: 0..<50, using: &random)
      let value = UInt64.random(in: 0..<300, using: &random)
      if step % 3 == 2, let gone = model.randomElement(using: &random) {
        model.remove(gone)
        groups.remove(gone[1], for: gone[0])
      } else {
        model.insert([key, value])
        groups.insert(value, for: key)
      }
    }
    // Removing a pair that is not there, or inserting one that is, changes nothing.
    groups.remove(999, for: 7)
    if let some = model.first { groups.insert(some[1], for: some[0]) }
    let pairs = Array(model)
    #expect(groups == SortedGroups(keys: pairs.map { $0[0] }, values: pairs.map { $0[1] }))
    #expect(groups.count == model.count)
  }

  @Test("problems by source and participation of the demo are those a dictionary pass finds")
  func demoIndexesMatchAPass() throws {
    let data = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40)).state.data
    var bySource: [RecordRef: [ProblemID]] = [:]
    for problem in data.problems.values { bySource[problem.source.ref, default: []].append(problem.id) }
    #expect(SharedIndexes().problemsBySource(data).dictionary == bySource.mapValues { $0.sorted() })
    var patrols: [UInt64: [PatrolID]] = [:]
    for patrol in data.patrols.values {
      for member in Set(patrol.members) { patrols[member.raw, default: []].append(patrol.id) }
    }
    #expect(!patrols.isEmpty)
    #expect(Participation(data).patrols.dictionary == patrols.mapValues { $0.sorted() })
  }
}
