import Foundation
import Testing

@testable import Domain

/// A problem's history is packed in one buffer and its optional IDs share a byte of flags, to save
/// memory at a million records; what a problem holds, how it compares and how it is encoded stay
/// as they were with an array of events and plain optionals.
@Suite struct ProblemLayoutTests {
  /// Seeded events: every status, times with fractions of a millisecond, empty, short, Chinese and
  /// long texts (a length over 127 takes two bytes).
  static func events(seed: UInt64, count: Int) -> [ProblemEvent] {
    var random = seed
    func next() -> UInt64 {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return random >> 33
    }
    let texts = ["", "a", "王五", "已反馈。", String(repeating: "河长制落实", count: 12), "note with é"]
    return (0..<count).map { _ in
      ProblemEvent(
        status: ProblemStatus.allCases[Int(next() % 7)],
        actor: texts[Int(next() % UInt64(texts.count))],
        at: Date(timeIntervalSince1970: 1_700_000_000 + Double(next() % 10_000_000) / 7),
        note: texts[Int(next() % UInt64(texts.count))])
    }
  }

  @Test func packedEventsEncodeAsTheArrayOfEventsDid() throws {
    for seed in 0..<40 {
      let events = Self.events(seed: UInt64(seed), count: seed % 9)
      var asArray = BinaryWriter()
      asArray.write(events)
      var packed = BinaryWriter()
      PackedProblemHistory(events).encode(into: &packed)
      #expect(packed.bytes == asArray.bytes, "seed \(seed)")

      var reader = BinaryReader(asArray.bytes)
      let read = try PackedProblemHistory(from: &reader)
      #expect(reader.isAtEnd)
      var arrayReader = BinaryReader(asArray.bytes)
      #expect(read.events == (try arrayReader.readArray(ProblemEvent.self)), "seed \(seed)")
    }
  }

  @Test func aHistoryReadFromAFileIsPackedAsItsEventsWouldBe() throws {
    // The texts go from the file into the buffer without strings made for them: the buffer must be
    // the one the events, read as strings, pack into.
    for seed in 0..<40 {
      let events = Self.events(seed: UInt64(seed), count: seed % 9)
      var writer = BinaryWriter()
      writer.write(events)
      var reader = BinaryReader(writer.bytes)
      let read = try PackedProblemHistory(from: &reader)
      var eventsReader = BinaryReader(writer.bytes)
      let asEvents = PackedProblemHistory(try eventsReader.readArray(ProblemEvent.self))
      #expect(read.bytes == asEvents.bytes, "seed \(seed)")
    }
  }

  @Test func aHistoryTextThatIsNotUTF8IsRefusedAtItsByteAsAnyStringIs() throws {
    let events = [
      ProblemEvent(status: .assigned, actor: "王五", at: Date(timeIntervalSince1970: 1), note: "已交办")
    ]
    var writer = BinaryWriter()
    writer.write(events)
    let clean = writer.bytes
    // The note's second byte: the lead byte of 已 followed by a byte that cannot follow it.
    let noteStart = clean.count - "已交办".utf8.count
    for (damaged, at) in [(noteStart + 1, noteStart), (3, 3)] {
      var bytes = clean
      bytes[damaged] = 0x41
      var reader = BinaryReader(bytes)
      var asString = BinaryReader(bytes)
      #expect(throws: BinaryError(offset: at, reason: .invalidUTF8)) {
        try PackedProblemHistory(from: &reader)
      }
      #expect(throws: BinaryError(offset: at, reason: .invalidUTF8)) {
        try asString.readArray(ProblemEvent.self)
      }
    }
  }

  @Test func aProblemKeepsItsHistoryExactlyInMemory() {
    let raised = Date(timeIntervalSince1970: 1_750_000_000.123_456)
    var problem = Problem(
      id: ID(raw: 7), source: .patrol(ID(raw: 3)), title: "河道垃圾", raisedBy: "clerk", raisedAt: raised)
    #expect(problem.history == [ProblemEvent(status: .raised, actor: "clerk", at: raised, note: "")])
    let events = Self.events(seed: 99, count: 6)
    problem.history.append(contentsOf: events)
    #expect(problem.history.count == 7)
    #expect(problem.history.dropFirst().elementsEqual(events))
    // Times are not rounded to the codec's milliseconds while only in memory.
    #expect(problem.history.first?.at == raised)
    for status in ProblemStatus.allCases {
      #expect(problem.lastTime(of: status) == problem.history.last { $0.status == status }?.at)
    }
  }

  @Test func historiesThatReadTheSameCompareEqualAsBefore() {
    let at = Date(timeIntervalSince1970: 1_750_000_000)
    var composed = Problem(
      id: ID(raw: 1), source: .visit(ID(raw: 2)), title: "t", raisedBy: "a", raisedAt: at)
    var decomposed = composed
    composed.history = [ProblemEvent(status: .replied, actor: "a", at: at, note: "caf\u{E9}")]
    decomposed.history = [ProblemEvent(status: .replied, actor: "a", at: at, note: "cafe\u{301}")]
    // Swift's strings compare by meaning, so the two spellings were equal events and stay equal.
    #expect(composed.history == decomposed.history)
    #expect(composed == decomposed)
    decomposed.history[0].note = "tea"
    #expect(composed != decomposed)
  }

  @Test func theOptionalIDsAreThereOrNotIndependently() throws {
    var problem = Problem(
      id: ID(raw: 1), source: .consultation(ID(raw: 2)), title: "t", raisedBy: "a",
      raisedAt: Date(timeIntervalSince1970: 1_750_000_000))
    #expect(problem.department == nil && problem.raisedByMember == nil)
    problem.department = ID(raw: 0)
    #expect(problem.department == ID(raw: 0) && problem.raisedByMember == nil)
    problem.raisedByMember = ID(raw: 42)
    #expect(problem.department == ID(raw: 0) && problem.raisedByMember == ID(raw: 42))
    problem.department = nil
    #expect(problem.department == nil && problem.raisedByMember == ID(raw: 42))
    var reader = BinaryReader(problem.binaryEncoded())
    #expect(try Problem(from: &reader) == problem)

    var other = problem
    other.raisedByMember = nil
    #expect(other != problem)
    other.raisedByMember = ID(raw: 42)
    #expect(other == problem)
  }
}
