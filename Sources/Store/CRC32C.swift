/// CRC-32C (Castagnoli), the checksum of every snapshot and journal record; slicing-by-16 (sixteen
/// bytes a step through sixteen tables of 256 entries, 16 KiB in all) so that a snapshot of a few
/// hundred megabytes is checked in a fraction of a second: about a quarter faster than slicing-by-8.
public enum CRC32C {
  private static let tables: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 16 * 256)
    for index in 0..<256 {
      var crc = UInt32(index)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
      table[index] = crc
    }
    for index in 0..<256 {
      var crc = table[index]
      for slice in 1..<16 {
        crc = table[Int(crc & 0xFF)] ^ (crc >> 8)
        table[slice * 256 + index] = crc
      }
    }
    return table
  }()

  /// The checksum of `bytes`, continuing from `previous` (start with 0).
  public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
    var crc = ~previous
    guard var pointer = bytes.baseAddress else { return previous }
    var remaining = bytes.count
    tables.withUnsafeBufferPointer { table in
      let t = table.baseAddress.unsafelyUnwrapped
      /// The entry of table `slice` for the low byte of `value`.
      @inline(__always) func at(_ slice: Int, _ value: UInt32) -> UInt32 {
        t[slice &* 256 &+ Int(value & 0xFF)]
      }
      while remaining >= 16 {
        let first = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        let second = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let a = UInt32(truncatingIfNeeded: first) ^ crc
        let b = UInt32(truncatingIfNeeded: first >> 32)
        let c = UInt32(truncatingIfNeeded: second)
        let d = UInt32(truncatingIfNeeded: second >> 32)
        let high =
          at(15, a) ^ at(14, a >> 8) ^ at(13, a >> 16) ^ at(12, a >> 24)
          ^ at(11, b) ^ at(10, b >> 8) ^ at(9, b >> 16) ^ at(8, b >> 24)
        let low =
          at(7, c) ^ at(6, c >> 8) ^ at(5, c >> 16) ^ at(4, c >> 24)
          ^ at(3, d) ^ at(2, d >> 8) ^ at(1, d >> 16) ^ at(0, d >> 24)
        crc = high ^ low
        pointer += 16
        remaining -= 16
      }
      while remaining > 0 {
        crc = t[Int((crc ^ UInt32(pointer.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
        pointer += 1
        remaining -= 1
      }
    }
    return ~crc
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }
}
