import Crypto
import Foundation

/// The audit log: every applied change with its actor, time and what the model says it touched, each
/// entry holding the SHA-256 of the one before it, in segment files that are only ever appended to.
/// Snapshots and journal rotations never touch it; old segments move to `audit/archive/`, and each
/// segment's header carries the last hash of the one before, so the chain survives the move.
///
/// Layout (little-endian), `audit/audit-<first entry number, 16 hex>.log`:
/// header: magic `SHLGAUDT`, u32 format, u32 payload version (of the contents), u64 first entry number, 32 bytes previous hash,
/// u32 CRC-32C of the 56 bytes before it. Then entries: u32 body length N, body, 32 bytes SHA-256 of
/// the body. Body: u64 entry number, 32 bytes hash of the previous entry, u64 journal sequence, i64
/// time in µs, u8 kind (0 change, 1 note), u32 actor length, actor, u32 content length, content.
/// `audit/head` holds the last entry number and hash flushed (magic `SHLGAHED`, u64, 32 bytes, CRC),
/// so that entries cut off the end are noticed.
public final class AuditLog {
  /// How large a segment grows, and how many stay in `audit/` before moving to `audit/archive/`.
  public struct Options: Sendable {
    public var segmentBytes = 8 << 20
    public var liveSegmentsKept = 32
    public init() {}
  }

  /// What an entry records.
  public enum Kind: UInt8, Sendable {
    case change = 0
    case note = 1
  }

  /// Why the log itself wrote a note (content: u8 code, u64 first, u64 last).
  public enum NoteCode: UInt8, Sendable {
    /// The log started on a store that already had changes `1...last`.
    case started = 1
    /// Changes `first...last` were journaled but their entries were lost (a crash between the writes).
    case entriesLostInCrash = 2
    /// On opening, the log ended before entry `last` that its head file names: `first...last` are gone.
    case entriesMissingAtOpen = 3
    /// On opening, entry `first` did not have the hash the head file holds: it was changed.
    case entryChangedAtOpen = 4
    /// Entries for changes `first...last` were written, but the journal lost those changes (power loss).
    case changesLostFromJournal = 5
  }

  public static let folderName = "audit"
  static let archiveName = "archive"
  static let headName = "head"
  static let segmentPrefix = "audit-"
  static let segmentSuffix = ".log"
  static let segmentMagic: [UInt8] = Array("SHLGAUDT".utf8)
  static let headMagic: [UInt8] = Array("SHLGAHED".utf8)
  static let format: UInt32 = 1
  static let headerSize = 60
  static let headSize = 52
  static let zeroHash = [UInt8](repeating: 0, count: 32)

  let folder: String
  let fileSystem: any FileSystem
  let options: Options
  let payloadVersion: UInt32
  private var file: OpenFile?
  private var head: OpenFile?
  private var fileEnd: Int
  private var unsynced = false
  /// The number and hash of the last entry written, and the journal sequence it was for.
  public private(set) var lastNumber: UInt64
  public private(set) var lastHash: [UInt8]
  public private(set) var lastJournalSequence: UInt64
  /// Bytes of entries appended in this run (for the benchmark's bytes per change).
  public private(set) var bytesWritten = 0

  private init(
    folder: String, fileSystem: any FileSystem, options: Options, payloadVersion: UInt32, file: OpenFile,
    head: OpenFile, fileEnd: Int, last: (UInt64, [UInt8], UInt64)
  ) {
    self.payloadVersion = payloadVersion
    self.folder = folder
    self.fileSystem = fileSystem
    self.options = options
    self.file = file
    self.head = head
    self.fileEnd = fileEnd
    (lastNumber, lastHash, lastJournalSequence) = last
  }

  deinit { close(flush: false) }

  static func segmentName(first: UInt64) -> String {
    segmentPrefix + StoreFiles.hex16(first) + segmentSuffix
  }

  static func isSegment(_ name: String) -> Bool {
    name.hasPrefix(segmentPrefix) && name.hasSuffix(segmentSuffix)
      && name.count == segmentPrefix.count + 16 + segmentSuffix.count
  }

  static func header(first: UInt64, previous: [UInt8], payloadVersion: UInt32) -> [UInt8] {
    var sink = ByteSink(capacity: headerSize)
    sink.put(raw: segmentMagic)
    sink.put(format)
    sink.put(payloadVersion)
    sink.put(first)
    sink.put(raw: previous)
    sink.put(CRC32C.checksum(sink.bytes))
    return sink.bytes
  }

  static func sha256(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }

  // MARK: Opening

  /// Opens the log of the store in `storeFolder` for appending (creating it on first use). What it finds
  /// amiss at the end — entries the head file names but the log lacks, a crash between the journal's
  /// write and the log's — it writes down as a note in the chain, never by changing what is there.
  static func open(
    storeFolder: String, fileSystem fs: any FileSystem, options: Options = Options(), payloadVersion: UInt32,
    storeLastSequence: UInt64, now: Date
  ) throws(FileSystemError) -> AuditLog {
    let folder = storeFolder + "/" + folderName
    try fs.makeFolder(folder)
    try fs.makeFolder(folder + "/" + archiveName)
    let head = try fs.open(folder + "/" + headName, .readWriteCreate)
    let names = try fs.list(folder).filter(isSegment).sorted()
    let micros = Stamp.micros(now)
    guard let lastName = names.last else {
      let (file, end) = try createSegment(
        folder: folder, first: 1, previous: zeroHash, payloadVersion: payloadVersion, fileSystem: fs)
      let log = AuditLog(
        folder: folder, fileSystem: fs, options: options, payloadVersion: payloadVersion, file: file,
        head: head,
        fileEnd: end, last: (0, zeroHash, 0))
      if storeLastSequence > 0 {
        try log.note(.started, 1, storeLastSequence, journalSequence: storeLastSequence, micros: micros)
      }
      try log.sync()
      return log
    }
    let path = folder + "/" + lastName
    let bytes = try fs.readWholeFile(path)
    let scan = AuditSegmentScan(bytes)
    if !scan.headerIsValid {
      // A header cut short is a crash while the segment was being made: it never held an entry.
      // A whole header that is wrong is damage: refuse, so that nothing is written after it.
      guard bytes.count < headerSize else {
        throw FileSystemError(operation: "read audit log", path: path, code: 5)
      }
      fs.close(head)
      try fs.unlink(path)
      try fs.syncFolder(folder)
      return try open(
        storeFolder: storeFolder, fileSystem: fs, options: options, payloadVersion: payloadVersion,
        storeLastSequence: storeLastSequence, now: now)
    }
    var last = (scan.firstNumber &- 1, scan.previousHash, storeLastSequence)
    if let entry = scan.entries.last { last = (entry.number, entry.hash, entry.journalSequence) }
    let file: OpenFile
    let end: Int
    if scan.tornBytes == 0 && scan.payloadVersion == payloadVersion {
      file = try fs.open(path, .readWriteCreate)
      end = bytes.count
    } else if scan.entries.isEmpty {
      // No whole entry yet: only a crash's unfinished entry (or an older version's empty segment).
      (file, end) = try createSegment(
        folder: folder, first: scan.firstNumber, previous: scan.previousHash, payloadVersion: payloadVersion,
        fileSystem: fs)
    } else {
      // Something unfinished at the end (left as it is, for `verify` to report), or contents of an older
      // payload version: go on in a new segment.
      (file, end) = try createSegment(
        folder: folder, first: last.0 &+ 1, previous: last.1, payloadVersion: payloadVersion, fileSystem: fs)
    }
    let log = AuditLog(
      folder: folder, fileSystem: fs, options: options, payloadVersion: payloadVersion, file: file,
      head: head,
      fileEnd: end, last: last)
    if let flushed = readHead(try fs.readWholeFile(folder + "/" + headName)) {
      if flushed.number > log.lastNumber {
        try log.note(
          .entriesMissingAtOpen, log.lastNumber + 1, flushed.number, journalSequence: storeLastSequence,
          micros: micros)
      } else if let entry = scan.entries.first(where: { $0.number == flushed.number }),
        entry.hash != flushed.hash
      {
        try log.note(
          .entryChangedAtOpen, flushed.number, flushed.number, journalSequence: storeLastSequence,
          micros: micros)
      }
    }
    if log.lastJournalSequence < storeLastSequence {
      try log.note(
        .entriesLostInCrash, log.lastJournalSequence + 1, storeLastSequence,
        journalSequence: storeLastSequence,
        micros: micros)
    } else if log.lastJournalSequence > storeLastSequence {
      try log.note(
        .changesLostFromJournal, storeLastSequence + 1, log.lastJournalSequence,
        journalSequence: storeLastSequence,
        micros: micros)
    }
    try log.sync()
    return log
  }

  private static func createSegment(
    folder: String, first: UInt64, previous: [UInt8], payloadVersion: UInt32, fileSystem fs: any FileSystem
  ) throws(FileSystemError) -> (OpenFile, Int) {
    let header = header(first: first, previous: previous, payloadVersion: payloadVersion)
    let file = try fs.open(folder + "/" + segmentName(first: first), .createTruncate)
    do throws(FileSystemError) {
      try fs.writeAll(file, header, at: 0)
      try fs.fdatasync(file)
      try fs.syncFolder(folder)
    } catch {
      fs.close(file)
      throw error
    }
    return (file, header.count)
  }

  static func readHead(_ bytes: [UInt8]) -> (number: UInt64, hash: [UInt8])? {
    guard bytes.count >= headSize, Array(bytes[0..<8]) == headMagic else { return nil }
    let stored = bytes.withUnsafeBytes {
      UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
    }
    guard CRC32C.checksum(Array(bytes[0..<48])) == stored else { return nil }
    let number = bytes.withUnsafeBytes {
      UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }
    return (number, Array(bytes[16..<48]))
  }

  // MARK: Appending

  /// Appends one entry. Written at once (so that it survives the program being killed, like the journal
  /// record before it), flushed with the journal on `sync`.
  func append(
    journalSequence: UInt64, micros: Int64, kind: Kind, actor: [UInt8], content: [UInt8]
  ) throws(FileSystemError) {
    var sink = ByteSink(capacity: 72 + actor.count + content.count)
    sink.put(UInt32(0))
    sink.put(lastNumber + 1)
    sink.put(raw: lastHash)
    sink.put(journalSequence)
    sink.put(micros)
    sink.put(kind.rawValue)
    sink.put(UInt32(actor.count))
    sink.put(raw: actor)
    sink.put(UInt32(content.count))
    sink.put(raw: content)
    sink.patch(UInt32(sink.bytes.count - 4), at: 0)
    let hash = sink.bytes.withUnsafeBytes {
      Array(SHA256.hash(data: UnsafeRawBufferPointer(rebasing: $0[4...])))
    }
    sink.put(raw: hash)
    if fileEnd > Self.headerSize && fileEnd + sink.bytes.count > options.segmentBytes {
      try rotate()
    }
    // EBADF: the log was closed.
    guard let target = file else { throw FileSystemError(operation: "append", path: folder, code: 9) }
    do throws(FileSystemError) {
      try fileSystem.writeAll(target, sink.bytes, at: fileEnd)
    } catch {
      // Cut what may have reached the file: it was never a whole entry.
      try? fileSystem.truncate(target, to: fileEnd)
      throw error
    }
    fileEnd += sink.bytes.count
    bytesWritten += sink.bytes.count
    lastNumber += 1
    lastHash = hash
    lastJournalSequence = journalSequence
    unsynced = true
  }

  /// Where the log stands, to take back an entry whose change could not be journaled.
  struct Mark {
    var fileEnd: Int
    var lastNumber: UInt64
    var lastHash: [UInt8]
    var lastJournalSequence: UInt64
  }

  var mark: Mark {
    Mark(
      fileEnd: fileEnd, lastNumber: lastNumber, lastHash: lastHash, lastJournalSequence: lastJournalSequence)
  }

  /// Takes back entries appended since `mark` (their change never reached the journal). Only entries
  /// not yet flushed are ever taken back; if the cut fails, the next open notes the difference.
  func takeBack(to mark: Mark) {
    guard let file, mark.fileEnd <= fileEnd, mark.fileEnd >= Self.headerSize else { return }
    try? fileSystem.truncate(file, to: mark.fileEnd)
    fileEnd = mark.fileEnd
    lastNumber = mark.lastNumber
    lastHash = mark.lastHash
    lastJournalSequence = mark.lastJournalSequence
  }

  func note(_ code: NoteCode, _ first: UInt64, _ last: UInt64, journalSequence: UInt64, micros: Int64)
    throws(FileSystemError)
  {
    var sink = ByteSink(capacity: 17)
    sink.put(code.rawValue)
    sink.put(first)
    sink.put(last)
    try append(journalSequence: journalSequence, micros: micros, kind: .note, actor: [], content: sink.bytes)
  }

  /// Starts a new segment whose header carries the last hash, and moves segments beyond the number
  /// kept into `archive/`.
  private func rotate() throws(FileSystemError) {
    if let file {
      try fileSystem.fdatasync(file)
      fileSystem.close(file)
    }
    file = nil
    let (next, end) = try Self.createSegment(
      folder: folder, first: lastNumber + 1, previous: lastHash, payloadVersion: payloadVersion,
      fileSystem: fileSystem)
    file = next
    fileEnd = end
    let live = try fileSystem.list(folder).filter(Self.isSegment).sorted()
    if live.count > options.liveSegmentsKept {
      for name in live.prefix(live.count - options.liveSegmentsKept) {
        try fileSystem.rename(folder + "/" + name, to: folder + "/" + Self.archiveName + "/" + name)
      }
      try fileSystem.syncFolder(folder + "/" + Self.archiveName)
      try fileSystem.syncFolder(folder)
    }
  }

  /// Flushes the entries written (`fdatasync`), then records the last one in the head file.
  func sync() throws(FileSystemError) {
    guard unsynced, let file else { return }
    try fileSystem.fdatasync(file)
    var sink = ByteSink(capacity: Self.headSize)
    sink.put(raw: Self.headMagic)
    sink.put(lastNumber)
    sink.put(raw: lastHash)
    sink.put(CRC32C.checksum(sink.bytes))
    if let head { try fileSystem.writeAll(head, sink.bytes, at: 0) }
    unsynced = false
  }

  func close(flush: Bool) {
    if flush { try? sync() }
    if let file { fileSystem.close(file) }
    if let head { fileSystem.close(head) }
    file = nil
    head = nil
  }
}

/// One entry read back from a segment.
public struct AuditEntry: Sendable {
  public var number: UInt64
  public var previousHash: [UInt8]
  public var journalSequence: UInt64
  public var micros: Int64
  public var kind: AuditLog.Kind
  public var actor: [UInt8]
  public var content: [UInt8]
  public var hash: [UInt8]
  /// Whether the stored hash is the SHA-256 of the body as it is now.
  public var hashMatches: Bool
  /// The payload version of the segment it is in (how to read `content`).
  public var payloadVersion: UInt32 = 0
  public var file = ""
  public var offset: Int

  public var date: Date { Stamp.date(micros) }
}

/// The entries of one segment file, as far as they can be read.
struct AuditSegmentScan {
  var headerIsValid = false
  var firstNumber: UInt64 = 1
  var payloadVersion: UInt32 = 0
  var previousHash = AuditLog.zeroHash
  var entries: [AuditEntry] = []
  /// Bytes after the last whole entry (an entry cut short, or garbage).
  var tornBytes = 0
  var tornOffset = 0

  init(_ bytes: [UInt8]) {
    guard bytes.count >= AuditLog.headerSize, Array(bytes[0..<8]) == AuditLog.segmentMagic else {
      tornBytes = bytes.count
      return
    }
    bytes.withUnsafeBytes { raw in
      let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
      guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<56])) == stored else { return }
      headerIsValid = true
      payloadVersion = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
      firstNumber = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
      previousHash = Array(raw[24..<56])
      var offset = AuditLog.headerSize
      while offset < raw.count {
        guard var entry = Self.entry(raw, at: offset) else { break }
        entry.0.payloadVersion = payloadVersion
        entries.append(entry.0)
        offset = entry.1
      }
      tornOffset = offset
      tornBytes = raw.count - offset
    }
  }

  /// The entry at `offset` and the offset after it, or nil if no whole entry is there.
  static func entry(_ raw: UnsafeRawBufferPointer, at offset: Int) -> (AuditEntry, Int)? {
    guard offset + 4 <= raw.count else { return nil }
    let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    let bodyStart = offset + 4
    guard length >= 65, bodyStart + length + 32 <= raw.count else { return nil }
    let body = UnsafeRawBufferPointer(rebasing: raw[bodyStart..<(bodyStart + length)])
    let stored = Array(raw[(bodyStart + length)..<(bodyStart + length + 32)])
    var source = ByteSource(body)
    guard let number = source.u64(), let previous = source.raw(32), let journal = source.u64(),
      let micros = source.i64(), let kindRaw = source.u8(), let actorLength = source.u32(),
      let actor = source.raw(Int(actorLength)), let contentLength = source.u32(),
      let content = source.raw(Int(contentLength))
    else { return nil }
    let entry = AuditEntry(
      number: number, previousHash: Array(previous), journalSequence: journal, micros: micros,
      kind: AuditLog.Kind(rawValue: kindRaw) ?? .note, actor: Array(actor), content: Array(content),
      hash: stored,
      hashMatches: Array(SHA256.hash(data: body)) == stored, offset: offset)
    return (entry, bodyStart + length + 32)
  }
}
