import Foundation
import Testing

@testable import Widgets

/// A key is made for every row of a million-row list: Chinese text skips the Unicode tables, and
/// every character still comes out as the lower-case form a query is compared in.
@Suite struct SearchKeyNormalize {
  /// How keys were made before the shortcut: each scalar asked the tables, and became a String.
  static func byTheTables(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    for scalar in text.unicodeScalars {
      if scalar.value == 0 { continue }
      if scalar.isASCII {
        let b = UInt8(scalar.value)
        out.append(b >= 65 && b <= 90 ? b + 32 : b)
      } else if scalar.properties.changesWhenLowercased {
        out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
      } else {
        out.append(contentsOf: String(scalar).utf8)
      }
    }
    return out
  }

  @Test("every scalar of the Basic Multilingual Plane and the next is keyed as the tables key it")
  func everyScalarAsTheTablesSay() {
    var differing: [UInt32] = []
    for value in UInt32(1)...0x1_FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = String(Character(scalar))
      if SearchKeys.normalize(text) != Self.byTheTables(text) { differing.append(value) }
    }
    #expect(differing.isEmpty, "differ: \(differing.prefix(10).map { String($0, radix: 16) })")
  }

  @Test(
    "a line of a real record: Chinese, full-width Latin, Greek and ASCII, lower-cased where they have case")
  func aMixedLine() {
    let line = "区生态环境局 ＡＢＣ路灯 ΣΑΣ Street-7 社区\u{0}尾"
    #expect(SearchKeys.normalize(line) == Self.byTheTables(line))
    #expect(String(decoding: SearchKeys.normalize("ＡＢＣ路灯 Street"), as: UTF8.self) == "ａｂｃ路灯 street")
    var keys = SearchKeys()
    keys.append(line)
    #expect(keys.bytes == Self.byTheTables(line) + [0])
    #expect(keys.byteFrequencies[Int(UInt8(ascii: "s"))] == 1)
  }
}
