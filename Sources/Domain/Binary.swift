import Foundation
import Localization

/// The version of the binary encoding of domain values, written by the Store into every file header.
///
/// Version 2 is the first to let records gain fields: a value appends new fields at the end of its
/// encoding and reads them only when `reader.payloadVersion` is at least the version that added them,
/// so that every older file still decodes (see docs/STORAGE.md, "Adding a field"). Version 3 added an
/// agreement's partner regions and the joint meeting it came from; version 4 the table of saved views
/// (a build that knows only 3 refuses a version-4 store instead of dropping the views). A field added to a version already
/// released must take a new version: files of that version were written without it.
public enum DomainFormat {
  public static let version: UInt16 = 4
}

/// A value that writes itself to, and reads itself from, the compact binary format.
public protocol BinaryCodable {
  func encode(into writer: inout BinaryWriter)
  init(from reader: inout BinaryReader) throws(BinaryError)
}

/// Why bytes could not be read back as a value, and at which byte offset.
public struct BinaryError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was wrong with the bytes.
  public enum Reason: Equatable, Sendable {
    case truncated
    case overlongVarint
    case invalidUTF8
    case invalidTag(type: String, tag: UInt64)
    case invalidValue(type: String)
    /// Bytes were left over after the value.
    case trailingBytes
  }

  public let offset: Int
  public let reason: Reason

  public init(offset: Int, reason: Reason) {
    self.offset = offset
    self.reason = reason
  }

  public var description: String { "byte \(offset): \(reason)" }
}

/// Appends values to a byte array: LEB128 varints, zigzag integers, length-prefixed UTF-8.
public struct BinaryWriter: Sendable {
  public private(set) var bytes: [UInt8]

  public init(capacity: Int = 256) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  public mutating func write(varint value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  public mutating func write(_ value: Int) {
    let v = Int64(value)
    write(varint: UInt64(bitPattern: (v << 1) ^ (v >> 63)))
  }

  public mutating func write(_ value: UInt64) { write(varint: value) }

  public mutating func write(_ value: UInt8) { bytes.append(value) }

  public mutating func write(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

  public mutating func write(_ value: String) {
    var text = value
    text.withUTF8 { utf8 in
      write(varint: UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  /// A Date as whole milliseconds since 1970.
  public mutating func write(_ value: Date) {
    write(Int((value.timeIntervalSince1970 * 1000).rounded()))
  }

  public mutating func write(_ value: Day) {
    write(varint: UInt64(value.year) << 9 | UInt64(value.month) << 5 | UInt64(value.day))
  }

  public mutating func write<T: BinaryCodable>(_ value: T) {
    value.encode(into: &self)
  }

  public mutating func write<T: BinaryCodable>(_ value: T?) {
    if let value {
      bytes.append(1)
      value.encode(into: &self)
    } else {
      bytes.append(0)
    }
  }

  public mutating func write<T: BinaryCodable>(_ values: [T]) {
    write(varint: UInt64(values.count))
    for value in values { value.encode(into: &self) }
  }

  public mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }
}

/// Reads values back from bytes; on bad input throws a `BinaryError` naming the offset, never traps.
public struct BinaryReader: Sendable {
  public let bytes: [UInt8]
  public private(set) var offset: Int
  /// The format version of the file these bytes came from: fields added in a later version are
  /// read only when this is at least that version, and take their defaults otherwise.
  public let payloadVersion: UInt32
  /// Record numbers to read as other numbers (a change written under numbers that were taken by
  /// the time it is saved); empty when reading a file. Only record IDs and references follow it.
  public var renumbering: [UInt64: UInt64] = [:]
  /// Strings read before, so that a name, place or note repeated across records is kept once.
  private var sharedStrings = SharedStrings()
  /// Added to every offset a failure names: these bytes were read out of a larger file (a part of a
  /// snapshot read on its own), and damage is named by its place in the file.
  public var reportedBase = 0

  public init(_ bytes: [UInt8], offset: Int = 0, payloadVersion: UInt32 = UInt32(DomainFormat.version)) {
    self.bytes = bytes
    self.offset = offset
    self.payloadVersion = payloadVersion
  }

  /// A record number as read, after `renumbering`.
  @inline(__always)
  public mutating func readRecordNumber() throws(BinaryError) -> UInt64 {
    let raw = try readVarint()
    if renumbering.isEmpty { return raw }
    return renumbering[raw] ?? raw
  }

  public var isAtEnd: Bool { offset >= bytes.count }
  public var remaining: Int { bytes.count - offset }

  public func failure(_ reason: BinaryError.Reason, at position: Int? = nil) -> BinaryError {
    BinaryError(offset: (position ?? offset) + reportedBase, reason: reason)
  }

  @inline(__always)
  public mutating func readVarint() throws(BinaryError) -> UInt64 {
    // Most varints (lengths, small numbers, tags) are one byte.
    if offset < bytes.count {
      let byte = bytes[offset]
      if byte < 0x80 {
        offset += 1
        return UInt64(byte)
      }
    }
    return try readLongVarint()
  }

  private mutating func readLongVarint() throws(BinaryError) -> UInt64 {
    let start = offset
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < bytes.count else { throw failure(.truncated, at: start) }
      let byte = bytes[offset]
      offset += 1
      if shift == 63 && byte > 1 { throw failure(.overlongVarint, at: start) }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
      if shift > 63 { throw failure(.overlongVarint, at: start) }
    }
  }

  public mutating func readInt() throws(BinaryError) -> Int {
    let start = offset
    let raw = try readVarint()
    let value = Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    guard let result = Int(exactly: value) else { throw failure(.invalidValue(type: "Int"), at: start) }
    return result
  }

  public mutating func readUInt64() throws(BinaryError) -> UInt64 { try readVarint() }

  public mutating func readByte() throws(BinaryError) -> UInt8 {
    guard offset < bytes.count else { throw failure(.truncated) }
    let byte = bytes[offset]
    offset += 1
    return byte
  }

  public mutating func readUInt16() throws(BinaryError) -> UInt16 {
    let low = try readByte()
    let high = try readByte()
    return UInt16(low) | UInt16(high) << 8
  }

  public mutating func readBool() throws(BinaryError) -> Bool {
    let start = offset
    switch try readByte() {
    case 0: return false
    case 1: return true
    default: throw failure(.invalidValue(type: "Bool"), at: start)
    }
  }

  public mutating func readString() throws(BinaryError) -> String {
    let start = offset
    let length = try readVarint()
    guard length <= UInt64(remaining) else { throw failure(.truncated, at: start) }
    let begin = offset
    let end = offset + Int(length)
    if begin == end { return "" }
    let text = bytes.withUnsafeBufferPointer { buffer -> String? in
      let slice = UnsafeBufferPointer(rebasing: buffer[begin..<end])
      // Up to 15 bytes a String holds its text inline (no allocation): sharing would save nothing.
      if slice.count <= 15 || slice.count > SharedStrings.longest {
        return makeString(slice)
      }
      return sharedStrings.string(for: slice)
    }
    guard let text else { throw failure(.invalidUTF8, at: begin) }
    offset = end
    return text
  }

  /// Reads a string as `readString` does, refusing the same bytes at the same offsets, but appends
  /// its UTF-8 length (a varint) and its UTF-8 to `buffer` instead of making a `String`: for texts
  /// kept packed in memory (a problem's history), which made a string for each text only to copy its
  /// bytes out and let it go.
  mutating func readString(appendingTo buffer: inout [UInt8]) throws(BinaryError) {
    let start = offset
    let length = try readVarint()
    guard length <= UInt64(remaining) else { throw failure(.truncated, at: start) }
    let begin = offset
    let end = offset + Int(length)
    let wellFormed = bytes.withUnsafeBufferPointer {
      isValidUTF8(UnsafeBufferPointer(rebasing: $0[begin..<end]))
    }
    guard wellFormed else { throw failure(.invalidUTF8, at: begin) }
    var rest = Int(length)
    while rest >= 0x80 {
      buffer.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    buffer.append(UInt8(rest))
    buffer.append(contentsOf: bytes[begin..<end])
    offset = end
  }

  /// Moves past `count` bytes (at most `remaining`; the caller checks).
  mutating func skip(_ count: Int) { offset += min(count, remaining) }

  public mutating func readDate() throws(BinaryError) -> Date {
    Date(timeIntervalSince1970: Double(try readInt()) / 1000)
  }

  public mutating func readDay() throws(BinaryError) -> Day {
    let start = offset
    let packed = try readVarint()
    guard
      let day = Day(
        year: Int(truncatingIfNeeded: packed >> 9), month: Int(packed >> 5 & 0xF), day: Int(packed & 0x1F))
    else { throw failure(.invalidValue(type: "Day"), at: start) }
    return day
  }

  public mutating func read<T: BinaryCodable>(_ type: T.Type = T.self) throws(BinaryError) -> T {
    try T(from: &self)
  }

  public mutating func readOptional<T: BinaryCodable>(_ type: T.Type = T.self) throws(BinaryError) -> T? {
    try readBool() ? try T(from: &self) : nil
  }

  /// A count of elements that could possibly follow (each takes at least one byte).
  public mutating func readCount() throws(BinaryError) -> Int {
    let start = offset
    let count = try readVarint()
    guard count <= UInt64(remaining) else { throw failure(.truncated, at: start) }
    return Int(count)
  }

  public mutating func readArray<T: BinaryCodable>(_ type: T.Type = T.self) throws(BinaryError) -> [T] {
    let count = try readCount()
    var result: [T] = []
    result.reserveCapacity(count)
    for _ in 0..<count { result.append(try T(from: &self)) }
    return result
  }

  /// Reads a one-byte tag of an enum with a raw value, failing on an unknown tag.
  public mutating func readEnum<T: RawRepresentable>(_ type: T.Type = T.self) throws(BinaryError) -> T
  where T.RawValue == UInt8 {
    let start = offset
    let raw = try readByte()
    guard let value = T(rawValue: raw) else {
      throw failure(.invalidTag(type: String(describing: T.self), tag: UInt64(raw)), at: start)
    }
    return value
  }
}

extension BinaryCodable {
  /// The value's bytes.
  public func binaryEncoded() -> [UInt8] {
    var writer = BinaryWriter()
    encode(into: &writer)
    return writer.bytes
  }

  /// Reads a value that must take exactly all of `bytes`.
  public init(binary bytes: [UInt8]) throws(BinaryError) {
    var reader = BinaryReader(bytes)
    self = try Self(from: &reader)
    guard reader.isAtEnd else { throw reader.failure(.trailingBytes) }
  }
}

extension BinaryError {
  /// What is wrong with the bytes, in `language`, naming the offset.
  public func message(in language: Language) -> String {
    let what: String
    switch reason {
    case .truncated: what = tr("domain.binary.truncated", language)
    case .overlongVarint, .invalidValue, .invalidTag: what = tr("domain.binary.invalid", language)
    case .invalidUTF8: what = tr("domain.binary.invalidUTF8", language)
    case .trailingBytes: what = tr("domain.binary.trailingBytes", language)
    }
    return tr("domain.binary.error", language, String(offset), what)
  }
}

extension String: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(self) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { self = try reader.readString() }
}

extension Int: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(self) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { self = try reader.readInt() }
}

extension Bool: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(self) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { self = try reader.readBool() }
}

extension Date: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(self) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { self = try reader.readDate() }
}

extension Day: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(self) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { self = try reader.readDay() }
}

extension ID: BinaryCodable {
  public func encode(into writer: inout BinaryWriter) { writer.write(varint: raw) }
  public init(from reader: inout BinaryReader) throws(BinaryError) { raw = try reader.readRecordNumber() }
}

/// The strings a reader has made, by a hash of their bytes, so that bytes read again give the string
/// made the first time: a record's department, place, actor or stock phrase is then one allocation
/// shared by every record that repeats it, rather than one per record, and is neither validated nor
/// copied again.
///
/// A direct-mapped cache (each hash has one slot, a newer string takes it over) of bounded size: it
/// holds the strings of the recent records, not of all of them, so a long run of unique notes costs
/// a hash each and no memory beyond the slots. It grows with the strings read, so the reader of one
/// small change never pays for a large one.
struct SharedStrings: Sendable {
  /// Strings longer than this are read as they are: long notes are rarely repeated word for word.
  static let longest = 128
  private static let firstSlots = 64
  private static let mostSlots = 1 << 14

  private var hashes: [UInt64] = []
  private var strings: [String] = []
  /// Strings made since the cache last grew.
  private var made = 0

  /// The string of these bytes, shared when the same bytes were read recently; nil when they are not
  /// UTF-8.
  mutating func string(for bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let hash = Self.hash(bytes)
    if !hashes.isEmpty {
      let slot = Int(truncatingIfNeeded: hash >> 1) & (hashes.count - 1)
      if hashes[slot] == hash, Self.bytes(of: strings[slot], equal: bytes) { return strings[slot] }
    }
    guard let text = makeString(bytes) else { return nil }
    remember(text, hash)
    return text
  }

  private mutating func remember(_ text: String, _ hash: UInt64) {
    made += 1
    if made > hashes.count * 2 && hashes.count < Self.mostSlots { grow() }
    let slot = Int(truncatingIfNeeded: hash >> 1) & (hashes.count - 1)
    hashes[slot] = hash
    strings[slot] = text
  }

  private mutating func grow() {
    let slots = hashes.isEmpty ? Self.firstSlots : hashes.count * 2
    var newHashes = [UInt64](repeating: 0, count: slots)
    var newStrings = [String](repeating: "", count: slots)
    for (hash, text) in zip(hashes, strings) where hash != 0 {
      let slot = Int(truncatingIfNeeded: hash >> 1) & (slots - 1)
      newHashes[slot] = hash
      newStrings[slot] = text
    }
    hashes = newHashes
    strings = newStrings
    made = 0
  }

  private static func bytes(of text: String, equal bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { stored in
      guard stored.count == bytes.count, let left = stored.baseAddress, let right = bytes.baseAddress else {
        return false
      }
      return memcmp(left, right, bytes.count) == 0
    } ?? false
  }

  /// A 64-bit hash of the bytes, eight at a time, never 0 (0 marks an empty slot). Mixed so that the
  /// low bits, which pick the slot, depend on every byte.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let raw = UnsafeRawBufferPointer(bytes)
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    while index + 8 <= raw.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      hash ^= hash >> 32
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < raw.count {
      tail |= UInt64(raw[index]) << shift
      shift += 8
      index += 1
    }
    hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 29
    return hash | 1
  }
}

/// The string of these bytes, or nil when they are not well-formed UTF-8.
///
/// `String(decoding:as:)` takes the standard library's fast path for a buffer of bytes (one pass that
/// checks and copies), where `String(validating:as:)` goes through generic code that looks up type
/// metadata on every call: at a million records that was a fifth of the open's decoding. It mends bad
/// bytes instead of failing, and what it makes is always well-formed, so the bytes were well-formed
/// exactly when the string holds the same bytes.
@inline(__always)
func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
  var text = String(decoding: bytes, as: UTF8.self)
  let same = text.withUTF8 { made in
    guard made.count == bytes.count, let left = made.baseAddress, let right = bytes.baseAddress else {
      return made.count == bytes.count
    }
    return memcmp(left, right, bytes.count) == 0
  }
  return same ? text : nil
}

/// True when the bytes are well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  var index = 0
  let count = bytes.count
  while index < count {
    let lead = bytes[index]
    if lead < 0x80 {
      index += 1
      continue
    }
    func continuation(_ offset: Int) -> UInt8? {
      let position = index + offset
      guard position < count, bytes[position] & 0xC0 == 0x80 else { return nil }
      return bytes[position]
    }
    switch lead {
    case 0xC2...0xDF:
      guard continuation(1) != nil else { return false }
      index += 2
    case 0xE0...0xEF:
      guard let second = continuation(1), continuation(2) != nil else { return false }
      if lead == 0xE0 && second < 0xA0 { return false }
      if lead == 0xED && second >= 0xA0 { return false }
      index += 3
    case 0xF0...0xF4:
      guard let second = continuation(1), continuation(2) != nil, continuation(3) != nil else { return false }
      if lead == 0xF0 && second < 0x90 { return false }
      if lead == 0xF4 && second >= 0x90 { return false }
      index += 4
    default:
      return false
    }
  }
  return true
}
