/// Little-endian appends for the store's own headers and records.
struct ByteSink {
  var bytes: [UInt8] = []

  init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

  mutating func put(_ value: UInt8) { bytes.append(value) }
  mutating func put(_ value: UInt16) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  mutating func put(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  mutating func put(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }
  mutating func put(_ value: Int64) { put(UInt64(bitPattern: value)) }
  mutating func put<C: Collection>(raw: C) where C.Element == UInt8 { bytes.append(contentsOf: raw) }

  /// Overwrites four bytes already appended (used for lengths known only at the end).
  mutating func patch(_ value: UInt32, at offset: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
      for index in 0..<4 { bytes[offset + index] = raw[index] }
    }
  }
}

/// Little-endian reads over a byte buffer; every read checks the bounds and returns nil past the end.
struct ByteSource {
  let bytes: UnsafeRawBufferPointer
  var offset: Int

  init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  var remaining: Int { bytes.count - offset }

  private mutating func load<T: FixedWidthInteger>(_ type: T.Type) -> T? {
    let size = MemoryLayout<T>.size
    guard offset >= 0, remaining >= size else { return nil }
    let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    offset += size
    return value
  }

  mutating func u8() -> UInt8? { load(UInt8.self) }
  mutating func u16() -> UInt16? { load(UInt16.self) }
  mutating func u32() -> UInt32? { load(UInt32.self) }
  mutating func u64() -> UInt64? { load(UInt64.self) }
  mutating func i64() -> Int64? { load(Int64.self) }

  mutating func raw(_ count: Int) -> UnsafeRawBufferPointer? {
    guard count >= 0, remaining >= count else { return nil }
    let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    offset += count
    return slice
  }
}
