import Foundation

/// One record found in a journal file: where it is and what it holds (as ranges into the file's bytes).
struct JournalRecord {
  var offset: Int
  var sequence: UInt64
  var micros: Int64
  var actor: Range<Int>
  var payload: Range<Int>
}

/// A journal file read and checked: its header, its good records, and a torn tail if any.
struct ParsedJournal {
  var name: String
  var firstSequence: UInt64
  var payloadVersion: UInt32
  var bytes: [UInt8]
  var records: [JournalRecord]
  /// Offset just past the last good record; equal to the file size when there is no torn tail.
  var goodEnd: Int
  /// The file is shorter than a header: it was being created when the program stopped.
  var headerTorn: Bool

  var tornLength: Int { bytes.count - goodEnd }
  var lastSequence: UInt64 { records.last?.sequence ?? (firstSequence &- 1) }
}

enum JournalParser {
  /// Reads a journal's header and records. A bad record with no good record anywhere after it is a
  /// torn tail (cut later); one with a good record after it is damage, reported with its offset.
  static func parse(
    name: String, bytes: [UInt8], storeID: UInt64, supportedPayload: UInt32
  ) -> Result<ParsedJournal, StoreError> {
    guard let firstFromName = StoreFiles.journalFirstSequence(name) else {
      return .failure(.notAStoreFile(file: name))
    }
    var journal = ParsedJournal(
      name: name, firstSequence: firstFromName, payloadVersion: supportedPayload, bytes: bytes, records: [],
      goodEnd: 0, headerTorn: false)
    if bytes.count < StoreFiles.journalHeaderSize {
      // Only a prefix of a header written by us counts as torn; anything else is not ours.
      let expected = StoreFiles.journalMagic
      let prefix = Array(bytes.prefix(expected.count))
      guard prefix == Array(expected.prefix(prefix.count)) else {
        return .failure(.notAStoreFile(file: name))
      }
      journal.headerTorn = true
      return .success(journal)
    }
    return bytes.withUnsafeBytes { raw -> Result<ParsedJournal, StoreError> in
      var source = ByteSource(raw)
      guard let magic = source.raw(8), Array(magic) == StoreFiles.journalMagic,
        let format = source.u32(), let payloadVersion = source.u32(), let id = source.u64(),
        let first = source.u64(), let checksum = source.u32()
      else { return .failure(.notAStoreFile(file: name)) }
      // The checksum before the version: a flipped bit is damage, not a newer program.
      guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<32])) == checksum else {
        return .failure(.notAStoreFile(file: name))
      }
      if format > StoreFiles.format {
        return .failure(.newerFormat(file: name, found: format, supported: StoreFiles.format))
      }
      guard format == StoreFiles.format else { return .failure(.notAStoreFile(file: name)) }
      if payloadVersion > supportedPayload {
        return .failure(.newerFormat(file: name, found: payloadVersion, supported: supportedPayload))
      }
      guard id == storeID, first == firstFromName else { return .failure(.foreignJournal(file: name)) }
      journal.payloadVersion = payloadVersion
      var offset = StoreFiles.journalHeaderSize
      var expected = first
      while offset < raw.count {
        guard let record = validRecord(raw, at: offset, after: expected &- 1) else {
          if let later = firstValidRecord(raw, from: offset + 1, after: expected &- 1) {
            _ = later
            return .failure(.corruptRecord(file: name, offset: offset))
          }
          // The last record is all there but its checksum fails: it was written whole (the write
          // returned) and changed since, so cutting it would drop an acknowledged change.
          if isWhole(raw, at: offset) { return .failure(.damagedRecord(file: name, offset: offset)) }
          break
        }
        if record.sequence != expected {
          return .failure(
            .sequenceGap(file: name, offset: offset, expected: expected, found: record.sequence))
        }
        journal.records.append(record)
        offset = record.payload.upperBound + 4
        expected += 1
      }
      journal.goodEnd = offset
      return .success(journal)
    }
  }

  /// The record at `offset` if its length is sane, it fits in the file, its sequence number is after
  /// `previous` and its checksum matches.
  static func validRecord(_ raw: UnsafeRawBufferPointer, at offset: Int, after previous: UInt64)
    -> JournalRecord?
  {
    var source = ByteSource(raw, offset: offset)
    guard let body = source.u32().map(Int.init), body >= 18, body <= StoreFiles.maximumRecordBody,
      offset + 8 + body <= raw.count, let sequence = source.u64(), sequence > previous,
      sequence - previous <= 1 << 32, let micros = source.i64(), let actorLength = source.u16().map(Int.init),
      actorLength <= body - 18
    else { return nil }
    let end = offset + 4 + body
    let stored = raw.loadUnaligned(fromByteOffset: end, as: UInt32.self)
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[offset..<end])) == UInt32(littleEndian: stored)
    else { return nil }
    let actorStart = offset + 22
    return JournalRecord(
      offset: offset, sequence: sequence, micros: micros, actor: actorStart..<(actorStart + actorLength),
      payload: (actorStart + actorLength)..<end)
  }

  /// True when the bytes at `offset` hold a whole record by its length field — a sane length that
  /// ends inside the file — and it does not end in zeros. A write cut short leaves the file short
  /// of the length; a power loss after the size grew but before the data landed leaves zeros.
  static func isWhole(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Bool {
    var source = ByteSource(raw, offset: offset)
    guard let body = source.u32().map(Int.init), body >= 18, body <= StoreFiles.maximumRecordBody,
      offset + 8 + body <= raw.count
    else { return false }
    let end = offset + 8 + body
    return raw[(end - 8)..<end].contains { $0 != 0 }
  }

  /// The first good record at or after `start`, searched byte by byte (only on the damage path).
  static func firstValidRecord(_ raw: UnsafeRawBufferPointer, from start: Int, after previous: UInt64) -> Int?
  {
    var offset = start
    while offset + StoreFiles.recordOverhead <= raw.count {
      if validRecord(raw, at: offset, after: previous) != nil { return offset }
      offset += 1
    }
    return nil
  }
}

/// A snapshot file read and checked.
struct ParsedSnapshot {
  var storeID: UInt64
  var sequence: UInt64
  var payloadVersion: UInt32
  var createdMicros: Int64
  var payloadRange: Range<Int>
  var storedChecksum: UInt32
  /// 1: one payload; 2: the payload is a table of parts and the parts (`parts`).
  var format: UInt32 = 1
  var parts: [SnapshotPart] = []
}

enum SnapshotParser {
  static func checksumFailure(name: String, range: Range<Int>) -> StoreError {
    .corruptSnapshot(
      file: name, offset: range.lowerBound,
      reason: "checksum of bytes \(range.lowerBound)..<\(range.upperBound)")
  }

  /// The payload's checksum, computed on another thread for large payloads so that it overlaps
  /// with decoding (open time is mostly decoding).
  static func checksumInBackground(_ bytes: [UInt8], range: Range<Int>) -> () -> UInt32 {
    let compute: @Sendable () -> UInt32 = {
      bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
    guard range.count > 1 << 20 else {
      let value = compute()
      return { value }
    }
    let box = ChecksumBox()
    let thread = Thread { box.finish(compute()) }
    thread.start()
    return { box.wait() }
  }

  static func parse(name: String, raw: UnsafeRawBufferPointer, supportedPayload: UInt32)
    -> Result<ParsedSnapshot, StoreError>
  {
    let trailer =
      raw.count >= 4
      ? UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self)) : 0
    return parse(
      name: name, head: raw, fileSize: raw.count, trailer: trailer, supportedPayload: supportedPayload)
  }

  /// How many of a snapshot's first bytes `parse(name:head:…)` needs, given its first
  /// `headerAndCount` bytes (or fewer if the file is shorter): the header, and for format 2 the count
  /// and the table of parts.
  static let headerAndCount = StoreFiles.snapshotHeaderSize + 4
  static func headLength(first: UnsafeRawBufferPointer, fileSize: Int) -> Int {
    guard first.count >= headerAndCount,
      UInt32(littleEndian: first.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == 2
    else { return min(fileSize, headerAndCount) }
    let count = Int(
      UInt32(littleEndian: first.loadUnaligned(fromByteOffset: headerAndCount - 4, as: UInt32.self)))
    return min(fileSize, headerAndCount + count * SnapshotPartTable.entrySize)
  }

  /// The same as `parse(name:raw:…)` from the file's first bytes only (`head`: the header, and for
  /// format 2 the part table, as `headLength` tells) and its last four (`trailer`), so that a
  /// format-2 snapshot's parts can be read one by one afterwards instead of the whole file first.
  static func parse(
    name: String, head raw: UnsafeRawBufferPointer, fileSize: Int, trailer: UInt32, supportedPayload: UInt32
  ) -> Result<ParsedSnapshot, StoreError> {
    var source = ByteSource(raw)
    guard let magic = source.raw(8), Array(magic) == StoreFiles.snapshotMagic, let format = source.u32()
    else {
      if fileSize < 12 {
        return .failure(.corruptSnapshot(file: name, offset: fileSize, reason: "too short"))
      }
      return .failure(.notAStoreFile(file: name))
    }
    guard let payloadVersion = source.u32(), let id = source.u64(), let sequence = source.u64(),
      let created = source.i64(), let length = source.u64(), let headerChecksum = source.u32()
    else { return .failure(.corruptSnapshot(file: name, offset: fileSize, reason: "header cut short")) }
    // The checksum first: a flipped bit in the format field must read as damage, not as a
    // "newer program" (every format keeps this 48-byte header and its checksum).
    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<48])) == headerChecksum else {
      return .failure(.corruptSnapshot(file: name, offset: 0, reason: "header checksum"))
    }
    if format > StoreFiles.snapshotFormat {
      return .failure(.newerFormat(file: name, found: format, supported: StoreFiles.snapshotFormat))
    }
    guard format == 1 || format == 2 else { return .failure(.notAStoreFile(file: name)) }
    if payloadVersion > supportedPayload {
      return .failure(.newerFormat(file: name, found: payloadVersion, supported: supportedPayload))
    }
    let start = StoreFiles.snapshotHeaderSize
    guard length <= UInt64(fileSize), start + Int(length) + 4 == fileSize else {
      return .failure(
        .corruptSnapshot(
          file: name, offset: min(fileSize, start + Int(min(length, 1 << 40))), reason: "length"))
    }
    let end = start + Int(length)
    // The four bytes after the payload are the file's last (the length was just checked).
    let stored = trailer
    var parts: [SnapshotPart] = []
    if format == 2 {
      // The table of parts is checked here; each part's checksum by the thread that decodes it.
      switch SnapshotPartTable.parse(raw, payload: start..<end, storedChecksum: stored) {
      case .success(let table): parts = table
      case .failure(let damage):
        return .failure(.corruptSnapshot(file: name, offset: damage.offset, reason: damage.reason))
      }
    }
    // A format-1 payload's checksum is left to the caller, which checks it while decoding.
    return .success(
      ParsedSnapshot(
        storeID: id, sequence: sequence, payloadVersion: payloadVersion, createdMicros: created,
        payloadRange: start..<end, storedChecksum: stored, format: format, parts: parts))
  }
}

/// The result of a checksum computed on another thread.
private final class ChecksumBox: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var value: UInt32 = 0

  func finish(_ value: UInt32) {
    self.value = value
    done.signal()
  }

  func wait() -> UInt32 {
    done.wait()
    return value
  }
}
