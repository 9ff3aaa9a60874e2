import Foundation
import Testing

@testable import Domain

/// Reading a state back shares what repeats (strings, empty step notes) and keeps large parts out of
/// line; none of it may change what is read, or let bad bytes through.
@Suite struct DecodingSharesTests {
  /// The address of a string's bytes, to tell one shared string from two equal ones.
  private func storage(of text: String) -> UnsafeRawPointer? {
    text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
  }

  @Test func aRepeatedStringIsReadOnceAndSharedAndStillEqual() throws {
    let place = "渝中区解放碑街道七星岗社区委员工作室"
    var writer = BinaryWriter()
    for _ in 0..<3 { writer.write(place) }
    writer.write("别的地方：大坪街道委员工作站")
    writer.write(place)
    var reader = BinaryReader(writer.bytes)
    let first = try reader.readString()
    let second = try reader.readString()
    let third = try reader.readString()
    let other = try reader.readString()
    let again = try reader.readString()
    #expect([first, second, third, again].allSatisfy { $0 == place })
    #expect(other == "别的地方：大坪街道委员工作站")
    #expect(storage(of: first) != nil)
    #expect(storage(of: second) == storage(of: first), "the second reading shares the first's bytes")
    #expect(storage(of: again) == storage(of: first), "a string read in between does not evict it")
    #expect(reader.isAtEnd)
  }

  @Test func invalidUTF8IsRefusedAtItsOffsetWhateverItsLengthAndWhatWasReadBefore() {
    // Short strings are made inline, middle-sized ones go through the shared strings, long ones not.
    for length in [2, 15, 16, 40, 128, 256, 257, 600] {
      let valid = Array(repeating: UInt8(ascii: "a"), count: length)
      var broken = valid
      broken[length / 2] = 0xFF
      var writer = BinaryWriter()
      writer.write(String(decoding: valid, as: UTF8.self))
      let brokenAt = writer.bytes.count
      writer.write(varint: UInt64(length))
      writer.append(bytes: broken)
      var reader = BinaryReader(writer.bytes)
      #expect((try? reader.readString()) == String(decoding: valid, as: UTF8.self))
      let lengthBytes = length < 128 ? 1 : 2
      #expect(throws: BinaryError(offset: brokenAt + lengthBytes, reason: .invalidUTF8), "length \(length)") {
        try reader.readString()
      }
    }
  }

  @Test func manyDifferentStringsAllReadBackAsWritten() throws {
    // Far more strings than the shared strings hold: slots are taken over, never confused.
    let texts = (0..<50_000).map { "第\($0 % 7_919)号委员关于背街小巷改造的建议\($0 % 3)" }
    var writer = BinaryWriter()
    for text in texts { writer.write(text) }
    var reader = BinaryReader(writer.bytes)
    for text in texts { #expect(try reader.readString() == text) }
    #expect(reader.isAtEnd)
  }

  @Test func patrolsReadBackEqualWithAndWithoutStepNotes() throws {
    let day = try #require(Day(year: 2026, month: 5, day: 12))
    let planned = Patrol(id: ID(raw: 1), river: ID(raw: 2), segment: "城区段", date: day, members: [ID(raw: 3)])
    let written = Patrol(
      id: ID(raw: 4), river: ID(raw: 2), date: day, members: [],
      stepNotes: [.findProblems: "岸边有垃圾堆放", .pushImplementation: "已清理"], waterQuality: .classIII)
    let onlyLast = Patrol(
      id: ID(raw: 5), river: ID(raw: 2), date: day, members: [], stepNotes: [.pushImplementation: "已整改"])
    for patrol in [planned, written, onlyLast] {
      let decoded = try Patrol(binary: patrol.binaryEncoded())
      #expect(decoded == patrol)
      #expect(decoded.stepNotes.count == PatrolStep.allCases.count)
    }
    let twoPlanned = try [planned, planned].map { try Patrol(binary: $0.binaryEncoded()) }
    #expect(twoPlanned[0].nextStep == .inspectSite && twoPlanned[0].isOpen)
  }

  @Test func stepNotesOfAnOlderFileArePaddedToEveryStep() throws {
    var writer = BinaryWriter()
    writer.write(varint: 9)  // id
    writer.write(varint: 2)  // river
    writer.write("城区段")
    writer.write(try #require(Day(year: 2024, month: 1, day: 3)))
    writer.write([MemberID]())
    writer.write(["看了现场", ""])  // two notes only
    writer.write("")  // observations
    writer.write(Int?.none)  // water quality
    var reader = BinaryReader(writer.bytes, payloadVersion: 1)
    let patrol = try Patrol(from: &reader)
    #expect(reader.isAtEnd)
    #expect(patrol.stepNotes == ["看了现场", "", "", "", ""])
    #expect(patrol.nextStep == .listenToResidents)

    var empty = BinaryWriter()
    empty.write(varint: 9)
    empty.write(varint: 2)
    empty.write("")
    empty.write(try #require(Day(year: 2024, month: 1, day: 3)))
    empty.write([MemberID]())
    empty.write([String]())  // no notes at all
    empty.write("")
    empty.write(Int?.none)
    reader = BinaryReader(empty.bytes, payloadVersion: 1)
    #expect(try Patrol(from: &reader).stepNotes == ["", "", "", "", ""])
  }

  @Test func aProblemsMeasuresReadBackAndCanBeSetAndCleared() throws {
    var problem = Problem(
      id: ID(raw: 7), source: .patrol(ID(raw: 1)), title: "河岸垃圾", raisedBy: "li",
      raisedAt: Date(timeIntervalSince1970: 1_780_000_000))
    #expect(try Problem(binary: problem.binaryEncoded()) == problem)
    let evaluation = SupervisionEvaluation(
      rectification: .good, cooperation: .excellent, satisfaction: .fair, note: "整改到位",
      at: Date(timeIntervalSince1970: 1_780_100_000), by: "head")
    problem.measures = evaluation
    let decoded = try Problem(binary: problem.binaryEncoded())
    #expect(decoded == problem)
    #expect(decoded.measures == evaluation)
    var changed = decoded
    changed.measures?.note = "复查后仍需整改"
    #expect(changed.measures?.note == "复查后仍需整改")
    #expect(decoded.measures?.note == "整改到位", "a copy keeps its own evaluation")
    #expect(changed != decoded)
    changed.measures = nil
    #expect(changed.measures == nil)
    #expect(try Problem(binary: changed.binaryEncoded()).measures == nil)
  }

  @Test func theAuditSeesAProblemsMeasuresAsAFieldNotItsStorage() throws {
    var problem = Problem(
      id: ID(raw: 7), source: .patrol(ID(raw: 1)), title: "河岸垃圾", raisedBy: "li",
      raisedAt: Date(timeIntervalSince1970: 1_780_000_000))
    problem.measures = SupervisionEvaluation(rectification: .good, cooperation: .good, satisfaction: .good)
    let children = Array(Mirror(reflecting: problem).children)
    let labels = children.compactMap(\.label)
    #expect(labels.contains("measures") && !labels.contains("measuresHeld"))
    #expect(labels.count == 18, "every stored field of a problem, measures once")
    let measures = children.first { $0.label == "measures" }?.value as? SupervisionEvaluation?
    #expect(measures??.rectification == .good)
  }

  @Test func daysKeepTheirOrderAndPartsInTheirSmallerForm() throws {
    let days = try [(1, 1, 1), (1999, 12, 31), (2026, 2, 28), (2026, 3, 1), (2028, 2, 29), (9999, 12, 31)].map
    {
      try #require(Day(year: $0.0, month: $0.1, day: $0.2))
    }
    #expect(days == days.sorted())
    #expect(days.map(\.year) == [1, 1999, 2026, 2026, 2028, 9999])
    #expect(days.map(\.month) == [1, 12, 2, 3, 2, 12])
    #expect(days[2].adding(days: 1) == days[3])
    #expect(Set(days + days).count == days.count)
    for day in days { #expect(try Day(binary: day.binaryEncoded()) == day) }
    #expect(MemoryLayout<Day?>.size <= 8, "an optional day fits in a word")
  }
}
