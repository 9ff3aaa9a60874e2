import Foundation

/// A problem's history held in one byte buffer, only in memory: as an array of `ProblemEvent`s each
/// event took 48 bytes plus the array's header, about 290 bytes a problem at a million records, for
/// five small events. Packed, an event is its status, its time and its two texts' UTF-8 (about 20
/// bytes). The codec reads and writes the same bytes as for `[ProblemEvent]`.
struct PackedProblemHistory: Sendable {
  /// Per event: the status, the time (the `Double` of `timeIntervalSince1970`, 8 bytes, little
  /// endian, so no time is rounded in memory), then the actor and the note, each a varint length
  /// and its UTF-8.
  private(set) var bytes: [UInt8]

  init() { bytes = [] }

  init(_ events: [ProblemEvent]) {
    var packed: [UInt8] = []
    packed.reserveCapacity(
      events.reduce(0) { $0 + Self.packedSize(textLengths: $1.actor.utf8.count, $1.note.utf8.count) })
    for event in events { Self.append(event.status, event.actor, event.at, event.note, to: &packed) }
    bytes = packed
  }

  /// Reads the events as the codec writes `[ProblemEvent]`, checking each as `ProblemEvent` does.
  init(from r: inout BinaryReader) throws(BinaryError) {
    let count = try r.readCount()
    var packed: [UInt8] = []
    // The exact size first, from the texts' lengths on a copy of the reader: a buffer reserved by
    // guess and grown was a quarter larger than its events at a million problems.
    packed.reserveCapacity(Self.packedSize(of: count, in: r) ?? count * 24)
    for _ in 0..<count {
      let status: ProblemStatus = try r.readEnum()
      packed.append(status.rawValue)
      // The texts go from the reader's bytes into the buffer, checked as strings are, without a
      // string made for each (two for every event of every problem: a sixth of decoding a million
      // records). The time comes after the actor in the file and before it here: its place is kept.
      let time = packed.count
      packed.append(contentsOf: repeatElement(0, count: 8))
      try r.readString(appendingTo: &packed)
      let bits = try r.readDate().timeIntervalSince1970.bitPattern
      for index in 0..<8 { packed[time + index] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index))) }
      try r.readString(appendingTo: &packed)
    }
    bytes = packed
  }

  /// The bytes an event takes packed, given its texts' UTF-8 lengths.
  static func packedSize(textLengths actor: Int, _ note: Int) -> Int {
    func varintSize(_ length: Int) -> Int {
      var size = 1
      var rest = length >> 7
      while rest > 0 {
        size += 1
        rest >>= 7
      }
      return size
    }
    return 1 + 8 + varintSize(actor) + actor + varintSize(note) + note
  }

  /// The packed size of the `count` events `reader` is at, read without making their texts (nil
  /// when they do not read: the reading proper then names the damage).
  private static func packedSize(of count: Int, in reader: BinaryReader) -> Int? {
    var r = reader
    var total = 0
    do throws(BinaryError) {
      for _ in 0..<count {
        _ = try r.readByte()
        let actor = try r.readCount()
        guard actor <= r.remaining else { return nil }
        r.skip(actor)
        _ = try r.readVarint()
        let note = try r.readCount()
        guard note <= r.remaining else { return nil }
        r.skip(note)
        total += packedSize(textLengths: actor, note)
      }
    } catch {
      return nil
    }
    return total
  }

  /// Writes the events exactly as `w.write([ProblemEvent])` would.
  func encode(into w: inout BinaryWriter) {
    w.write(varint: UInt64(count))
    forEach { status, actor, at, note in
      w.write(status.rawValue)
      w.write(actor())
      w.write(at)
      w.write(note())
    }
  }

  var isEmpty: Bool { bytes.isEmpty }

  var count: Int {
    var n = 0
    forEach { _, _, _, _ in n += 1 }
    return n
  }

  var events: [ProblemEvent] {
    var result: [ProblemEvent] = []
    forEach { status, actor, at, note in
      result.append(ProblemEvent(status: status, actor: actor(), at: at, note: note()))
    }
    return result
  }

  /// The time of the last event of `status`, read without making the events' texts.
  func lastTime(of status: ProblemStatus) -> Date? {
    var found: Date?
    forEach { eventStatus, _, at, _ in
      if eventStatus == status { found = at }
    }
    return found
  }

  /// Calls `body` with each event in order; its texts are made only when asked for.
  private func forEach(_ body: (ProblemStatus, () -> String, Date, () -> String) -> Void) {
    bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < buffer.count {
        // Only `append` writes these bytes, so every status is one of the cases.
        let status = ProblemStatus(rawValue: buffer[offset]) ?? .raised
        offset += 1
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(buffer[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        let actor = Self.text(in: buffer, at: &offset)
        let note = Self.text(in: buffer, at: &offset)
        body(
          status, { String(decoding: UnsafeBufferPointer(rebasing: buffer[actor]), as: UTF8.self) },
          Date(timeIntervalSince1970: Double(bitPattern: bits)),
          { String(decoding: UnsafeBufferPointer(rebasing: buffer[note]), as: UTF8.self) })
      }
    }
  }

  private static func text(in buffer: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> Range<Int> {
    var length = 0
    var shift = 0
    while true {
      let byte = buffer[offset]
      offset += 1
      length |= Int(byte & 0x7F) << shift
      if byte < 0x80 { break }
      shift += 7
    }
    defer { offset += length }
    return offset..<(offset + length)
  }

  private static func append(
    _ status: ProblemStatus, _ actor: String, _ at: Date, _ note: String, to packed: inout [UInt8]
  ) {
    packed.append(status.rawValue)
    let bits = at.timeIntervalSince1970.bitPattern
    for index in 0..<8 { packed.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(index)))) }
    appendText(actor, to: &packed)
    appendText(note, to: &packed)
  }

  private static func appendText(_ text: String, to packed: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
      var length = utf8.count
      while length >= 0x80 {
        packed.append(UInt8(length & 0x7F) | 0x80)
        length >>= 7
      }
      packed.append(UInt8(length))
      packed.append(contentsOf: utf8)
    }
  }
}

extension PackedProblemHistory: Equatable {
  /// Equal events, as `[ProblemEvent]` compares them: the same bytes are the same events, and
  /// different bytes may still hold equal texts (Unicode-equivalent spellings) or equal times (0
  /// and -0), so those are compared as events.
  static func == (lhs: PackedProblemHistory, rhs: PackedProblemHistory) -> Bool {
    lhs.bytes == rhs.bytes || lhs.events == rhs.events
  }
}
