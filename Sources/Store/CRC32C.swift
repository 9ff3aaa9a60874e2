/// CRC-32C (Castagnoli), the checksum of every snapshot and journal record; slicing-by-8 so that
/// a snapshot of a few hundred megabytes is checked in a fraction of a second.
public enum CRC32C {
  private static let tables: [UInt32] = {
    var table = [UInt32](repeating: 0, count: 8 * 256)
    for index in 0..<256 {
      var crc = UInt32(index)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
      table[index] = crc
    }
    for index in 0..<256 {
      var crc = table[index]
      for slice in 1..<8 {
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
      while remaining >= 8 {
        let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        let low = UInt32(truncatingIfNeeded: word) ^ crc
        let high = UInt32(truncatingIfNeeded: word >> 32)
        crc =
          t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
          ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
          ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
          ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
        pointer += 8
        remaining -= 8
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
