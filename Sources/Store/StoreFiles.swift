/// Names and headers of the files in a store folder (see docs/STORAGE.md for the byte layouts).
enum StoreFiles {
  /// The envelope format this program writes; payload versions are the model's business.
  static let format: UInt32 = 1
  /// The snapshot's own format: 2 carries the state in parts with a table of their offsets (format 1,
  /// one payload, is still read).
  static let snapshotFormat: UInt32 = 2

  static let lock = "lock"
  static let snapshot = "state.snapshot"
  static let backups = "backups"
  static let drafts = "drafts"
  static let journalPrefix = "journal-"
  static let journalSuffix = ".log"
  static let tornSuffix = ".torn"
  static let temporarySuffix = ".tmp"
  /// Files kept from before a migration, removed by the next successful open.
  static let oldSuffix = ".pre-migration"

  static let snapshotMagic: [UInt8] = Array("SHLGSNAP".utf8)
  static let journalMagic: [UInt8] = Array("SHLGJRNL".utf8)
  static let draftMagic: [UInt8] = Array("SHLGDRFT".utf8)

  static let snapshotHeaderSize = 52
  static let journalHeaderSize = 36
  /// length(4) + seq(8) + time(8) + actor length(2) + checksum(4).
  static let recordOverhead = 26
  /// A record claiming more than this is damage, not data.
  static let maximumRecordBody = 256 << 20

  static func journalName(firstSequence: UInt64) -> String {
    journalPrefix + hex16(firstSequence) + journalSuffix
  }

  static func backupName(sequence: UInt64) -> String {
    "state-" + hex16(sequence) + ".snapshot"
  }

  static func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }

  /// The first sequence number of a journal from its file name, nil if it is not a journal's name.
  static func journalFirstSequence(_ name: String) -> UInt64? {
    guard name.hasPrefix(journalPrefix), name.hasSuffix(journalSuffix) else { return nil }
    let digits = name.dropFirst(journalPrefix.count).dropLast(journalSuffix.count)
    guard digits.count == 16 else { return nil }
    return UInt64(digits, radix: 16)
  }

  static func backupSequence(_ name: String) -> UInt64? {
    guard name.hasPrefix("state-"), name.hasSuffix(".snapshot") else { return nil }
    return UInt64(name.dropFirst(6).dropLast(9), radix: 16)
  }

  static func journalHeader(payloadVersion: UInt32, storeID: UInt64, firstSequence: UInt64) -> [UInt8] {
    var sink = ByteSink(capacity: journalHeaderSize)
    sink.put(raw: journalMagic)
    sink.put(format)
    sink.put(payloadVersion)
    sink.put(storeID)
    sink.put(firstSequence)
    sink.put(CRC32C.checksum(sink.bytes))
    return sink.bytes
  }

  static func snapshotHeader(
    payloadVersion: UInt32, storeID: UInt64, sequence: UInt64, createdMicros: Int64, payloadLength: Int,
    format: UInt32 = StoreFiles.snapshotFormat
  ) -> [UInt8] {
    var sink = ByteSink(capacity: snapshotHeaderSize)
    sink.put(raw: snapshotMagic)
    sink.put(format)
    sink.put(payloadVersion)
    sink.put(storeID)
    sink.put(sequence)
    sink.put(createdMicros)
    sink.put(UInt64(payloadLength))
    sink.put(CRC32C.checksum(sink.bytes))
    return sink.bytes
  }

  /// One journal record: length, sequence, time, actor, payload, checksum of all before it.
  static func record(sequence: UInt64, micros: Int64, actor: [UInt8], payload: [UInt8]) -> [UInt8] {
    let body = 8 + 8 + 2 + actor.count + payload.count
    var sink = ByteSink(capacity: body + 8)
    sink.put(UInt32(body))
    sink.put(sequence)
    sink.put(micros)
    sink.put(UInt16(actor.count))
    sink.put(raw: actor)
    sink.put(raw: payload)
    sink.put(CRC32C.checksum(sink.bytes))
    return sink.bytes
  }
}
