import Testing

@testable import Domain

/// A small deterministic generator, so that a failure can be replayed.
private struct SplitMix {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}

/// The records' table (a persistent B+tree) against a plain dictionary: whatever is done to it, it holds
/// what the dictionary holds, in ID order, and copies taken before a change keep what they held.
@Suite struct RecordTreeTests {
  static func member(_ raw: Int, _ version: Int = 0) -> Member {
    Member(id: MemberID(raw: UInt64(raw)), name: "委员\(raw)", notes: "v\(version)")
  }

  /// Checks everything the table says against the model.
  static func expectSame(
    _ table: RecordTable<Member>, _ model: [UInt64: Member], _ note: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(table.count == model.count, "\(note): count", sourceLocation: sourceLocation)
    #expect(table.isEmpty == model.isEmpty, "\(note): isEmpty", sourceLocation: sourceLocation)
    let sorted = model.keys.sorted()
    #expect(table.keys.map(\.raw) == sorted, "\(note): keys in ID order", sourceLocation: sourceLocation)
    #expect(
      Array(table.values) == sorted.map { model[$0]! }, "\(note): values", sourceLocation: sourceLocation)
    #expect(table.map(\.key.raw) == sorted, "\(note): pairs", sourceLocation: sourceLocation)
    #expect(
      table.storage.map(\.value.value) == sorted.map { model[$0]! }, "\(note): storage",
      sourceLocation: sourceLocation)
    for (raw, member) in model {
      #expect(table[MemberID(raw: raw)] == member, "\(note): record \(raw)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [1, 7, 99])
  func randomInsertsAndRemovalsMatchADictionaryAndCopiesKeepWhatTheyHeld(seed: UInt64) {
    var random = SplitMix(state: seed)
    var table = RecordTable<Member>()
    var model: [UInt64: Member] = [:]
    var copies: [(table: RecordTable<Member>, model: [UInt64: Member])] = []
    for step in 0..<12_000 {
      // Mostly inserts and changes at first, then mostly removals, so the tree grows, then shrinks.
      let raw = random.next(5_000)
      let removing = random.next(100) < (step < 7_000 ? 20 : 75)
      if removing {
        table.set(MemberID(raw: UInt64(raw)), nil)
        model[UInt64(raw)] = nil
      } else if random.next(2) == 0 {
        let member = Self.member(raw, step)
        let inserted = table.insertNew(member)
        #expect(inserted == (model[UInt64(raw)] == nil))
        if inserted { model[UInt64(raw)] = member }
      } else {
        table.set(MemberID(raw: UInt64(raw)), Self.member(raw, step))
        model[UInt64(raw)] = Self.member(raw, step)
      }
      #expect(table.count == model.count)
      if step % 1_000 == 999 {
        Self.expectSame(table, model, "seed \(seed) step \(step)")
        copies.append((table, model))
      }
    }
    for (index, copy) in copies.enumerated() { Self.expectSame(copy.table, copy.model, "copy \(index)") }
  }

  @Test func aCopyIsUnchangedByChangesToTheOriginalAndSharesAllButThePath() {
    var table = RecordTable<Member>()
    for raw in 1...10_000 {
      let added = table.insertNew(Self.member(raw))
      #expect(added)
    }
    let copy = table
    table.set(MemberID(raw: 5_000), Self.member(5_000, 1))
    table.set(MemberID(raw: 20), nil)
    let added = table.insertNew(Self.member(10_001))
    #expect(added)
    #expect(copy.count == 10_000)
    #expect(copy[MemberID(raw: 5_000)] == Self.member(5_000))
    #expect(copy[MemberID(raw: 20)] == Self.member(20))
    #expect(copy[MemberID(raw: 10_001)] == nil)
    #expect(table[MemberID(raw: 5_000)] == Self.member(5_000, 1))
    #expect(table[MemberID(raw: 20)] == nil)
    #expect(table.count == 10_000)
    // Leaves off the changed paths are the same objects in both.
    let before = Self.leaves(copy.storage)
    let after = Self.leaves(table.storage)
    let shared = Set(before.map(ObjectIdentifier.init)).intersection(after.map(ObjectIdentifier.init))
    #expect(before.count > 100)
    #expect(shared.count >= before.count - 3)
  }

  static func leaves(_ tree: RecordTree<Member>) -> [RecordTreeNode<Member>] {
    guard let root = tree.root else { return [] }
    var level = [root]
    for _ in 0..<tree.height { level = level.flatMap(\.children) }
    return level
  }

  @Test func equalityComparesRecordsNotHowTheTreeWasCut() {
    let members = (1...3_000).map { Self.member($0 * 3) }
    var grown = RecordTable<Member>()
    // Inserted out of order, so leaves split in halves rather than packed as the bulk build packs them.
    for member in members.reversed() {
      let added = grown.insertNew(member)
      #expect(added)
    }
    let built = RecordTable(storage: RecordTree(pairs: members.map { ($0.id.raw, RecordBox($0)) })!)
    #expect(Self.leaves(grown.storage).count != Self.leaves(built.storage).count)
    #expect(grown == built)
    var changed = built
    #expect(changed == built)
    changed.set(MemberID(raw: 300), Self.member(300, 1))
    #expect(changed != built)
    #expect(changed != grown)
    changed.set(MemberID(raw: 300), Self.member(300))
    #expect(changed == built)
    #expect(changed == grown)
    changed.set(MemberID(raw: 301), Self.member(301))
    #expect(changed != built)
    changed.set(MemberID(raw: 301), nil)
    changed.set(MemberID(raw: 3), nil)
    #expect(changed != built)
    #expect(RecordTable<Member>() == RecordTable<Member>())
  }

  @Test func theBulkBuildTakesSortedOrUnsortedInputAndRefusesAnIDTwice() throws {
    var random = SplitMix(state: 5)
    var raws = Array(Set((0..<20_000).map { _ in UInt64(random.next(1_000_000)) }))
    for index in raws.indices.reversed() { raws.swapAt(index, random.next(index + 1)) }
    #expect(raws != raws.sorted())
    let model = Dictionary(uniqueKeysWithValues: raws.map { ($0, Self.member(Int($0))) })
    let unsorted = try #require(RecordTree(pairs: raws.map { ($0, RecordBox(model[$0]!)) }))
    Self.expectSame(RecordTable(storage: unsorted), model, "unsorted")
    let sorted = try #require(RecordTree(pairs: raws.sorted().map { ($0, RecordBox(model[$0]!)) }))
    Self.expectSame(RecordTable(storage: sorted), model, "sorted")
    // Leaves are packed full: all but the last hold 64 pairs.
    let leaves = Self.leaves(sorted)
    #expect(leaves.dropLast().allSatisfy { $0.keys.count == RecordTree<Member>.leafCapacity })
    #expect(leaves.count == (raws.count + 63) / 64)
    // A table built in bulk goes on changing like any other.
    var table = RecordTable(storage: sorted)
    var changed = model
    for raw in raws.prefix(3_000) {
      table.set(MemberID(raw: raw), nil)
      changed[raw] = nil
    }
    for raw in 1_000_000..<1_005_000 {
      let added = table.insertNew(Self.member(raw))
      #expect(added)
      changed[UInt64(raw)] = Self.member(raw)
    }
    Self.expectSame(table, changed, "changed after the bulk build")
    Self.expectSame(RecordTable(storage: sorted), model, "the bulk-built tree itself")
    let twice = raws + [raws[17]]
    #expect(RecordTree(pairs: twice.map { ($0, RecordBox(Self.member(Int($0)))) }) == nil)
  }

  @Test func appendingIncreasingIDsPacksLeavesFull() {
    var table = RecordTable<Member>()
    for raw in 1...(64 * 100) {
      let added = table.insertNew(Self.member(raw))
      #expect(added)
    }
    #expect(Self.leaves(table.storage).count == 100)
    #expect(table.storage.height == 2)
  }

  @Test func emptyAndOneRecordTables() throws {
    var table = RecordTable<Member>()
    Self.expectSame(table, [:], "empty")
    #expect(table[MemberID(raw: 0)] == nil)
    table.set(MemberID(raw: 9), nil)
    Self.expectSame(table, [:], "empty after removing nothing")
    let added = table.insertNew(Self.member(9))
    #expect(added)
    let again = table.insertNew(Self.member(9, 1))
    #expect(!again)
    Self.expectSame(table, [9: Self.member(9)], "one")
    let one = table
    table.set(MemberID(raw: 9), nil)
    Self.expectSame(table, [:], "emptied")
    #expect(table.storage.root == nil)
    #expect(table == RecordTable<Member>())
    Self.expectSame(one, [9: Self.member(9)], "the copy of one")
    let built = try #require(RecordTree<Member>(pairs: [(key: UInt64, box: RecordBox<Member>)]()))
    #expect(built.isEmpty && built.root == nil)
    let single = try #require(RecordTree(pairs: [(UInt64(4), RecordBox(Self.member(4)))]))
    Self.expectSame(RecordTable(storage: single), [4: Self.member(4)], "one built")
  }

  /// Growing to thousands of records and removing them all again leaves an empty tree, through every
  /// merge of neighbours and every collapse of the root on the way.
  @Test func removingEverythingInRandomOrderEmptiesTheTree() {
    var random = SplitMix(state: 11)
    var table = RecordTable<Member>()
    for raw in 0..<9_000 {
      let added = table.insertNew(Self.member(raw))
      #expect(added)
    }
    var left = Array(0..<9_000)
    var model = Dictionary(uniqueKeysWithValues: left.map { (UInt64($0), Self.member($0)) })
    while !left.isEmpty {
      let raw = left.remove(at: random.next(left.count))
      table.set(MemberID(raw: UInt64(raw)), nil)
      model[UInt64(raw)] = nil
      if left.count % 997 == 0 { Self.expectSame(table, model, "\(left.count) left") }
    }
    #expect(table.isEmpty && table.storage.root == nil && table.storage.height == 0)
  }
}
