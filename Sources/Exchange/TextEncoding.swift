import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The character encoding of a file to import: UTF-8 (with or without BOM), GB18030 as saved by
/// Chinese Excel, or detected (valid UTF-8 is UTF-8, anything else is taken as GB18030).
public enum TextEncoding: String, Sendable, CaseIterable {
  case auto
  case utf8
  case gb18030
}

/// Why the bytes of a file could not be read as text.
public enum DecodingError: Error, Equatable, Sendable {
  /// Not valid in the encoding; `offset` is the first bad byte.
  case invalidBytes(encoding: TextEncoding, offset: Int)
  /// The system has no GB18030 converter.
  case converterUnavailable
}

extension TextEncoding {
  /// The text of `data` in this encoding, without a leading BOM.
  public func decode(_ data: Data) throws(DecodingError) -> String {
    switch self {
    case .utf8:
      return try Self.decodeUTF8(data)
    case .gb18030:
      return try Self.decodeGB18030(data)
    case .auto:
      do throws(DecodingError) {
        return try Self.decodeUTF8(data)
      } catch {
        // GB18030 takes almost any bytes: a UTF-8 file with one bad byte would come out as
        // mojibake (王芳 → 鐜嬭姵). A file that is mostly good UTF-8 is UTF-8 with a bad byte.
        if Self.looksLikeUTF8(data) { throw error }
      }
      return try Self.decodeGB18030(data)
    }
  }

  /// The encoding `.auto` settles on for `data`.
  public static func detect(_ data: Data) -> TextEncoding {
    (try? decodeUTF8(data)) != nil || looksLikeUTF8(data) ? .utf8 : .gb18030
  }

  /// More well-formed UTF-8 multi-byte sequences than bytes that break UTF-8: Chinese text in
  /// GB18030 breaks UTF-8 at nearly every character, so it never looks like this.
  static func looksLikeUTF8(_ data: Data) -> Bool {
    var good = 0
    var bad = 0
    var index = data.startIndex
    while index < data.endIndex {
      let lead = data[index]
      let length: Int
      switch lead {
      case 0x00...0x7F:
        index += 1
        continue
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      if length > 0, index + length <= data.endIndex,
        data[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      {
        good += 1
        index += length
      } else {
        bad += 1
        index += 1
      }
    }
    return good > bad
  }

  static func decodeUTF8(_ data: Data) throws(DecodingError) -> String {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    // Validate by hand so the message can name the first bad byte.
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length: Int
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: throw .invalidBytes(encoding: .utf8, offset: index)
      }
      guard index + length <= bytes.count else { throw .invalidBytes(encoding: .utf8, offset: index) }
      if length > 1 {
        for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 {
          throw .invalidBytes(encoding: .utf8, offset: index)
        }
        let second = bytes[index + 1]
        let badSecond =
          (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
          || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)
        if badSecond { throw .invalidBytes(encoding: .utf8, offset: index) }
      }
      index += length
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func decodeGB18030(_ data: Data) throws(DecodingError) -> String {
    let bytes = [UInt8](data)
    if bytes.isEmpty { return "" }
    let converter = iconv_open("UTF-8", "GB18030")
    guard let converter, converter != iconv_t(bitPattern: -1) else { throw .converterUnavailable }
    defer { iconv_close(converter) }
    // GB18030 uses at most 4 bytes per character and UTF-8 at most 4, so the output fits in this.
    var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
    var input = bytes
    let inputCount = input.count
    let outputCount = output.count
    var failedAt: Int? = nil
    var produced = 0
    input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
          .assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inputCount
        var outLeft = outputCount
        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        if result == -1 || inLeft != 0 { failedAt = inputCount - inLeft }
        produced = outputCount - outLeft
      }
    }
    if let failedAt { throw .invalidBytes(encoding: .gb18030, offset: failedAt) }
    var text = String(decoding: output[..<produced], as: UTF8.self)
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return text
  }
}
