import Foundation
import Testing

@testable import Store

/// The checksum under every file the store writes: CRC-32C, as other programs compute it, whatever
/// the length of the bytes and however they are cut into pieces.
@Suite("CRC-32C")
struct ChecksumTests {
  /// The checksum one bit at a time, straight from the definition (reflected, polynomial 0x82F63B78).
  static func bitByBit(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }

  @Test func theStandardCheckValuesComeOut() {
    // The check value of the CRC catalogue, and the test vectors of RFC 3720 (iSCSI), B.4.
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
  }

  @Test func everyLengthAgreesWithTheDefinition() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for length in 0...bytes.count {
      let piece = Array(bytes[0..<length])
      #expect(CRC32C.checksum(piece) == Self.bitByBit(piece), "length \(length)")
    }
  }

  @Test func aChecksumContinuedPieceByPieceEqualsTheWholeOne() {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<200).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let whole = CRC32C.checksum(bytes)
    for cut in 0...bytes.count {
      let first = CRC32C.checksum(bytes[0..<cut])
      let continued = bytes[cut...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
      #expect(continued == whole, "cut at \(cut)")
    }
  }
}
