import Foundation
import Testing

@testable import Domain

/// The state cut into parts that decode on their own (snapshots of a million records are read on two
/// threads, or part by part as a database sends them): whatever the cut, the same state comes back.
@Suite struct StatePartsTests {
  /// The rich district with many more members, so that tables are cut across parts.
  static func largeState() throws -> CommitteeState {
    var story = try richStory()
    for index in 0..<600 {
      let id: MemberID = story.newID()
      try story.run(
        .putMember(Member(id: id, name: "委员\(index)", notes: String(repeating: "履职记录", count: index % 7))))
    }
    return story.state
  }

  /// The parts laid end to end in one buffer, with the range of each.
  static func laidOut(_ parts: [[UInt8]]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    for part in parts {
      ranges.append(bytes.count..<(bytes.count + part.count))
      bytes += part
    }
    return (bytes, ranges)
  }

  @Test func partsOfAnySizeDecodeToTheStateTheWholeEncodingGives() throws {
    let state = try Self.largeState()
    let sequential = try CommitteeState(binary: state.binaryEncoded())
    for partBytes in [1, 300, 4_096, StateParts.targetBytes] {
      let parts = state.encodedParts(partBytes: partBytes)
      if partBytes <= 4_096 { #expect(parts.count > 3, "parts of \(partBytes) bytes: \(parts.count)") }
      let (bytes, ranges) = Self.laidOut(parts)
      let decoded = try CommitteeState(
        bytes: bytes, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
      #expect(decoded == sequential, "parts of \(partBytes) bytes")
      #expect(decoded.nextRawID == state.nextRawID)
      // The indexes are rebuilt too: the problems by status are those of the original.
      #expect(decoded.problemsByStatus == state.problemsByStatus)
      #expect(decoded.supervisionItemsByStage == state.supervisionItemsByStage)
    }
  }

  @Test func eachRecordKeepsItsOwnEncodingInsideAPart() throws {
    let state = try Self.largeState()
    // A part is sections of records: every record's bytes appear in the parts exactly as in the whole.
    let whole = state.binaryEncoded()
    let parts = state.encodedParts(partBytes: 4_096)
    let member = try #require(state.members.values.first { $0.name == "委员599" })
    let encoded = member.binaryEncoded()
    #expect(whole.count > encoded.count)
    #expect(parts.contains { part in part.count >= encoded.count && Self.contains(part, encoded) })
  }

  @Test func partsDecodedInAnyOrderMakeTheSameState() throws {
    let state = try Self.largeState()
    let parts = state.encodedParts(partBytes: 2_000)
    let decoded = try parts.reversed().map { part in
      try CommitteeState.decodePart(part, range: 0..<part.count, payloadVersion: UInt32(DomainFormat.version))
    }
    #expect(try CommitteeState(assembling: decoded) == state)
  }

  @Test func anEmptyStateIsOnePartHoldingTheCounter() throws {
    var state = CommitteeState()
    state.raiseNextRawID(to: 42)
    let parts = state.encodedParts()
    #expect(parts.count == 1)
    let decoded = try CommitteeState.decodePart(parts[0], range: 0..<parts[0].count, payloadVersion: 4)
    #expect(try CommitteeState(assembling: [decoded]).nextRawID == 42)
  }

  @Test func aRecordInTwoPartsIsRefusedAtTheSecondPartsOffset() throws {
    let state = try Self.largeState()
    let parts = state.encodedParts(partBytes: 4_096)
    // The last part again, as if written twice: its records' IDs are already there.
    let (bytes, ranges) = Self.laidOut(parts + [parts[parts.count - 1]])
    #expect {
      _ = try CommitteeState(bytes: bytes, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
    } throws: { error in
      guard let error = error as? BinaryError, case .invalidValue(let what) = error.reason else {
        return false
      }
      return what.contains("duplicate") && error.offset == ranges[ranges.count - 1].lowerBound
    }
  }

  @Test func aPartCutShortIsRefusedNotReadIntoTheNext() throws {
    let state = try Self.largeState()
    let parts = state.encodedParts(partBytes: 4_096)
    var (bytes, ranges) = Self.laidOut(parts)
    // The first part claims to end 10 bytes early: its last record runs into the second part.
    ranges[0] = ranges[0].lowerBound..<(ranges[0].upperBound - 10)
    ranges[1] = ranges[0].upperBound..<ranges[1].upperBound
    #expect(throws: BinaryError.self) {
      _ = try CommitteeState(bytes: bytes, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
    }
    // An unknown section tag is refused at its offset.
    bytes[ranges[2].lowerBound] = 200
    #expect {
      _ = try CommitteeState.decodePart(bytes, range: ranges[2], payloadVersion: UInt32(DomainFormat.version))
    } throws: { error in
      (error as? BinaryError)?.offset == ranges[2].lowerBound
    }
  }

  @Test func theIndexesGatheredWhileDecodingPartsAreThoseRebuiltFromTheTables() throws {
    let state = try Self.largeState()
    // Every index has entries to compare, so that an index left empty cannot pass.
    #expect(!state.problemsByDepartment.isEmpty && !state.openProblemsByDue.isEmpty)
    #expect(!state.consultationsByStation.isEmpty && !state.supervisionItemsByStage.isEmpty)
    var rebuilt = state
    rebuilt.rebuildIndexes(problemsToo: true)
    for partBytes in [300, 4_096, StateParts.targetBytes] {
      let (bytes, ranges) = Self.laidOut(state.encodedParts(partBytes: partBytes))
      let decoded = try CommitteeState(
        bytes: bytes, parts: ranges, payloadVersion: UInt32(DomainFormat.version))
      #expect(decoded.problemsByStatus == rebuilt.problemsByStatus, "parts of \(partBytes) bytes")
      #expect(decoded.problemsByDepartment == rebuilt.problemsByDepartment)
      #expect(decoded.openProblemsByDue == rebuilt.openProblemsByDue)
      #expect(decoded.supervisionItemsByStage == rebuilt.supervisionItemsByStage)
      #expect(decoded.consultationsByStation == rebuilt.consultationsByStation)
    }
  }

  @Test func aPartReadOnItsOwnNamesDamageByItsOffsetInTheFile() throws {
    let state = try Self.largeState()
    let parts = state.encodedParts(partBytes: 4_096)
    // The third part, read alone out of a file where it began at byte 10,000.
    var part = parts[2]
    part[0] = 200
    #expect {
      _ = try CommitteeState.decodePart(
        part, range: 0..<part.count, payloadVersion: UInt32(DomainFormat.version), fileOffset: 10_000)
    } throws: { error in
      (error as? BinaryError)?.offset == 10_000
    }
    // The last part read twice, each alone: the copy is refused at its own offset in the file.
    let last = parts[parts.count - 1]
    let decoded = try parts.enumerated().map { index, bytes in
      try CommitteeState.decodePart(
        bytes, range: 0..<bytes.count, payloadVersion: UInt32(DomainFormat.version), fileOffset: index * 5_000
      )
    }
    let again = try CommitteeState.decodePart(
      last, range: 0..<last.count, payloadVersion: UInt32(DomainFormat.version), fileOffset: 999_000)
    #expect {
      _ = try CommitteeState(assembling: decoded + [again])
    } throws: { error in
      (error as? BinaryError)?.offset == 999_000
    }
  }

  @Test func partsHandedOneAtATimeAreTheSamePartsEveryTime() throws {
    let state = try Self.largeState()
    // A snapshot is written from two passes (the lengths, then the bytes): both must see the same parts.
    var first: [[UInt8]] = []
    state.forEachEncodedPart(partBytes: 2_000) { first.append($0) }
    var lengths: [Int] = []
    state.forEachEncodedPart(partBytes: 2_000) { lengths.append($0.count) }
    #expect(first.count > 3)
    #expect(first == state.encodedParts(partBytes: 2_000))
    #expect(lengths == first.map(\.count))
  }

  @Test func workIsSharedByTwoThreadsAndEveryPieceIsDoneOnce() {
    let seen = Seen()
    ParallelWork.run(count: 500) { index in seen.add(index) }
    #expect(seen.sorted == Array(0..<500))
    #expect(seen.threads == 2)
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == first && Array(haystack[index..<(index + needle.count)]) == needle { return true }
      index += 1
    }
    return false
  }
}

/// Which indexes ran, and on how many threads.
private final class Seen: @unchecked Sendable {
  private let lock = NSLock()
  private var indexes: [Int] = []
  private var threadIDs: Set<UInt> = []

  func add(_ index: Int) {
    let thread = UInt(pthread_self())
    // Long enough that the second thread gets pieces too.
    usleep(200)
    lock.withLock {
      indexes.append(index)
      threadIDs.insert(thread)
    }
  }

  var sorted: [Int] { lock.withLock { indexes.sorted() } }
  var threads: Int { lock.withLock { threadIDs.count } }
}
