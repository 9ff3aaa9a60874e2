import Domain
import Foundation
import Testing

@testable import Store

/// Records are laid out in memory differently from how they are encoded (a problem's history packed
/// in one buffer, its optional IDs flagged in one byte): the bytes a store holds must not notice.
/// `Fixtures/synthetic-600-v4.snapshot` is the snapshot `generate --records 600` wrote before the
/// records were laid out anew, so it holds the bytes of the old layout.
@Suite("Bytes written before the records' new layout")
struct OldLayoutBytesTests {
  static func fixture() -> [UInt8] {
    Files.bytes(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/synthetic-600-v4.snapshot").path)
  }

  /// The parts of the fixture, each as its bytes.
  static func parts(of bytes: [UInt8]) throws -> [[UInt8]] {
    try SnapshotPartsTests.parts(of: bytes).map { Array(bytes[$0.range]) }
  }

  @Test("a synthetic committee written by the old layout decodes and encodes again to the same bytes")
  func oldBytesRoundTripUnchanged() throws {
    let bytes = Self.fixture()
    #expect(SnapshotPartsTests.u32(bytes, at: 8) == 2)
    let oldParts = try Self.parts(of: bytes)
    let (laid, ranges) = Self.laidOut(oldParts)
    let state = try CommitteeState(bytes: laid, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
    // The fixture has problems at every step of the loop, so histories of one to seven events.
    #expect(state.problems.count > 30)
    #expect(Set(state.problems.values.map(\.history.count)).count >= 5)
    #expect(state.problems.values.contains { $0.department != nil })
    #expect(state.problems.values.contains { $0.department == nil })

    // Records are written in their table's order, which follows the process's hash seed, so the
    // parts are compared by length and content here and record by record below.
    let newParts = state.encodedParts()
    #expect(newParts.joined().count == oldParts.joined().count)
    #expect(newParts.joined().sorted() == oldParts.joined().sorted())
    let (newLaid, newRanges) = Self.laidOut(newParts)
    let again = try CommitteeState(
      bytes: newLaid, parts: newRanges, payloadVersion: UInt32(DomainFormat.version))
    #expect(again == state)
  }

  @Test("every problem of the old bytes encodes alone as the old layout encoded it")
  func eachProblemKeepsItsBytes() throws {
    let bytes = Self.fixture()
    let old = Array(try Self.parts(of: bytes).joined())
    let (laid, ranges) = Self.laidOut(try Self.parts(of: bytes))
    let state = try CommitteeState(bytes: laid, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
    for problem in state.problems.values {
      let encoded = problem.binaryEncoded()
      #expect(Self.contains(old, encoded), "problem \(problem.id.raw)")
      var reader = BinaryReader(encoded)
      #expect(try Problem(from: &reader) == problem)
    }
  }

  static func laidOut(_ parts: [[UInt8]]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    for part in parts {
      ranges.append(bytes.count..<(bytes.count + part.count))
      bytes += part
    }
    return (bytes, ranges)
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count, let first = needle.first else { return needle.isEmpty }
    var index = haystack.startIndex
    while let found = haystack[index...].firstIndex(of: first) {
      if found + needle.count > haystack.count { return false }
      if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
      index = found + 1
    }
    return false
  }
}
