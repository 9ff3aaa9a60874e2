import Foundation
import Testing

@testable import Domain

@Suite struct CodecTests {
  @Test func primitivesRoundTripAtTheirEdges() throws {
    var writer = BinaryWriter()
    let ints = [0, 1, -1, 63, -64, 64, Int.max, Int.min, 1_000_000]
    let varints: [UInt64] = [0, 127, 128, 16_383, 16_384, UInt64.max]
    for value in ints { writer.write(value) }
    for value in varints { writer.write(varint: value) }
    writer.write("政协 ✓ 🐟")
    writer.write("")
    writer.write(true)
    writer.write(UInt16(0xBEEF))
    writer.write(day("2028-02-29"))
    writer.write(Date(timeIntervalSince1970: 1_764_000_000.25))
    writer.write(Optional<String>.none)
    writer.write(Optional("有"))
    writer.write(["a", "乙"])
    var reader = BinaryReader(writer.bytes)
    for value in ints { #expect(try reader.readInt() == value) }
    for value in varints { #expect(try reader.readVarint() == value) }
    #expect(try reader.readString() == "政协 ✓ 🐟")
    #expect(try reader.readString() == "")
    #expect(try reader.readBool())
    #expect(try reader.readUInt16() == 0xBEEF)
    #expect(try reader.readDay() == day("2028-02-29"))
    #expect(try reader.readDate() == Date(timeIntervalSince1970: 1_764_000_000.25))
    #expect(try reader.readOptional(String.self) == nil)
    #expect(try reader.readOptional(String.self) == "有")
    #expect(try reader.readArray(String.self) == ["a", "乙"])
    #expect(reader.isAtEnd)
  }

  @Test func aWholeStateRoundTripsAndItsIndexesAreRebuilt() throws {
    let story = try richStory()
    #expect(RecordKind.allCases.allSatisfy { story.state.count(of: $0) > 0 }, "the fixture has every kind")
    var writer = BinaryWriter()
    story.state.encode(into: &writer)
    var reader = BinaryReader(writer.bytes)
    let decoded = try CommitteeState(from: &reader)
    #expect(reader.isAtEnd)
    #expect(decoded == story.state)
    #expect(decoded.indexesAreConsistent)
    #expect(decoded.problemsByStatus == story.state.problemsByStatus)
    #expect(decoded.openProblemsByDue == story.state.openProblemsByDue)
    #expect(decoded.nextRawID == story.state.nextRawID)
    #expect(
      decoded.overdueProblems(today: day("2026-03-01")).map(\.id)
        == story.state.overdueProblems(today: day("2026-03-01")).map(\.id))
  }

  @Test func everyKindOfChangeRoundTrips() throws {
    let story = try richStory()
    let changes = everyChange(in: story.state)
    var tags: Set<UInt8> = []
    var putKinds: Set<RecordKind> = []
    for change in changes {
      var writer = BinaryWriter()
      change.encode(into: &writer)
      tags.insert(writer.bytes[0])
      if let value = change.putValue { putKinds.insert(value.kind) }
      var reader = BinaryReader(writer.bytes)
      let decoded = try Change(from: &reader)
      #expect(decoded == change)
      #expect(reader.isAtEnd)
      #expect(!change.summary(in: .zh).isEmpty && !change.summary(in: .zh).contains("⟨"))
      #expect(!change.summary(in: .en, before: story.state).contains("⟨"))
    }
    #expect(
      tags == Set(0...25).union([70, 71]).union(50...53).union(30...37).union([90, 91, 95]),
      "every Change tag is covered")
    #expect(putKinds.count == 18, "every kind with a put change is covered")
  }

  @Test func truncatedBytesThrowNamingTheOffsetAndNeverCrash() throws {
    let story = try richStory()
    var writer = BinaryWriter()
    story.state.encode(into: &writer)
    let bytes = writer.bytes
    for length in 0..<bytes.count {
      var reader = BinaryReader(Array(bytes[0..<length]))
      do {
        _ = try CommitteeState(from: &reader)
        Issue.record("a state cut to \(length) of \(bytes.count) bytes decoded")
      } catch {
        #expect(error.offset <= length)
        #expect(error.offset >= 0)
      }
    }
    for change in everyChange(in: story.state) {
      var w = BinaryWriter()
      change.encode(into: &w)
      for length in 0..<w.bytes.count {
        var reader = BinaryReader(Array(w.bytes[0..<length]))
        #expect(throws: BinaryError.self) { try Change(from: &reader) }
      }
    }
  }

  @Test func flippedBytesAreRefusedOrDecodedButNeverCrash() throws {
    let story = try richStory()
    var writer = BinaryWriter()
    story.state.encode(into: &writer)
    var refused = 0
    var generator = SystemRandomNumberGenerator()
    for index in 0..<writer.bytes.count {
      var bytes = writer.bytes
      bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
      var reader = BinaryReader(bytes)
      if (try? CommitteeState(from: &reader)) == nil { refused += 1 }
    }
    #expect(refused > 0)
  }

  @Test func invalidInputsAreNamedPrecisely() {
    var reader = BinaryReader([0x02, 0xFF, 0xFE])
    #expect(throws: BinaryError(offset: 1, reason: .invalidUTF8)) { try reader.readString() }
    reader = BinaryReader([0x05, 0x41])
    #expect(throws: BinaryError(offset: 0, reason: .truncated)) { try reader.readString() }
    reader = BinaryReader(Array(repeating: 0xFF, count: 10) + [0x01])
    #expect(throws: BinaryError(offset: 0, reason: .overlongVarint)) { try reader.readVarint() }
    reader = BinaryReader([0x02])
    #expect(throws: BinaryError(offset: 0, reason: .invalidValue(type: "Bool"))) { try reader.readBool() }
    reader = BinaryReader([99])
    #expect(throws: BinaryError(offset: 0, reason: .invalidTag(type: "Change", tag: 99))) {
      try Change(from: &reader)
    }
    var writer = BinaryWriter()
    writer.write(varint: UInt64(2026) << 9 | 2 << 5 | 30)  // 2026-02-30
    reader = BinaryReader(writer.bytes)
    #expect(throws: BinaryError(offset: 0, reason: .invalidValue(type: "Day"))) { try reader.readDay() }
  }

  @Test func aWholeValueMustTakeExactlyItsBytesAndTheErrorSaysWhere() throws {
    let change = Change.recordMinutes(ID(raw: 7), "纪要")
    let bytes = change.binaryEncoded()
    #expect(try Change(binary: bytes) == change)
    #expect(throws: BinaryError(offset: bytes.count, reason: .trailingBytes)) {
      try Change(binary: bytes + [0])
    }
    do {
      _ = try Change(binary: Array(bytes.dropLast(2)))
      Issue.record("a cut change decoded")
    } catch {
      #expect(error.message(in: .zh).contains("字节"))
      #expect(error.message(in: .en).hasPrefix("The data is damaged at byte \(error.offset)"))
    }
  }

  @Test func idSetsBuiltInBulkEqualSetsBuiltOneByOne() {
    let raws: [UInt64] = [5, 64, 63, 1000, 5, 129, 0, 1_000_000]
    var oneByOne = IDSet<Problem>()
    for raw in raws { oneByOne.insert(ID(raw: raw)) }
    let bulk = IDSet<Problem>(raws.map { ID(raw: $0) })
    #expect(bulk == oneByOne)
    let sparse: [UInt64] = [1, 1 << 40, 1 << 50, 1]
    var sparseOneByOne = IDSet<Problem>()
    for raw in sparse { sparseOneByOne.insert(ID(raw: raw)) }
    #expect(IDSet<Problem>(sparse.map { ID(raw: $0) }) == sparseOneByOne)
    #expect(IDSet<Problem>([]).isEmpty)
    #expect(bulk.count == 7)
    #expect(bulk.sorted().map(\.raw) == [0, 5, 63, 64, 129, 1000, 1_000_000])
    var shrinking = bulk
    let removed = shrinking.remove(ID(raw: 64))
    let removedAgain = shrinking.remove(ID(raw: 64))
    #expect(removed && !removedAgain)
    #expect(!shrinking.contains(ID(raw: 64)) && bulk.contains(ID(raw: 64)), "copies are independent")
  }

  @Test func theUTF8CheckAgreesWithTheStandardLibrary() {
    var samples: [[UInt8]] = [
      Array("政协 ✓ 🐟 abc".utf8), [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80],
      [0xF0, 0x8F, 0xBF, 0xBF], [0xE4, 0xB8], [0x80], [0xF5, 0x80, 0x80, 0x80], [0xEF, 0xBF, 0xBD],
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let length = Int.random(in: 0...6, using: &generator)
      samples.append((0..<length).map { _ in UInt8.random(in: 0x7E...0xFF, using: &generator) })
    }
    for bytes in samples {
      let ours = bytes.withUnsafeBufferPointer { isValidUTF8($0) }
      #expect(ours == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
    }
  }

  @Test func readingAStringRefusesExactlyTheBytesTheStandardLibraryRefuses() {
    // The reader's quick string maker mends and compares instead of validating: a mended sequence that
    // happens to be as long as the bad one (three bytes for U+FFFD) must still be refused.
    var samples: [[UInt8]] = [
      Array("政协 ✓ 🐟 abc".utf8), [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xE4, 0xB8], [0x80], [0xF5, 0x80, 0x80, 0x80],
      [0xEF, 0xBF, 0xBD], [0xEF, 0xBF], Array("二十个字以上的一段中文，用来走过长字符串的路径。".utf8) + [0xFF],
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let length = Int.random(in: 0...40, using: &generator)
      samples.append((0..<length).map { _ in UInt8.random(in: 0x7E...0xFF, using: &generator) })
    }
    for bytes in samples {
      let made = bytes.withUnsafeBufferPointer { makeString($0) }
      #expect(made == String(validating: bytes, as: UTF8.self), "\(bytes)")
    }
  }
}
