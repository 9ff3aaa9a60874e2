/// Display width in terminal columns, as ncursesw measures it (glibc `wcwidth`, C.UTF-8).
///
/// CJK ideographs and wide emoji take 2 columns, combining marks 0, control characters 0 (they are
/// never drawn: `Canvas` replaces them). Every clip, pad, truncate and wrap goes through here.
public enum DisplayWidth {
  /// Columns taken by one code point: 0, 1 or 2.
  @inlinable
  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return 1 }
    if v >= 0x4E00 && v <= 0x9FFF { return 2 }
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    return slowWidth(v)
  }

  @usableFromInline
  static func slowWidth(_ v: UInt32) -> Int {
    if contains(WidthTable.zero, v) { return 0 }
    if contains(WidthTable.wide, v) { return 2 }
    return 1
  }

  static func contains(_ ranges: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
    var low = 0
    var high = ranges.count - 1
    while low <= high {
      let mid = (low + high) / 2
      let (a, b) = ranges[mid]
      if v < a {
        high = mid - 1
      } else if v > b {
        low = mid + 1
      } else {
        return true
      }
    }
    return false
  }

  /// Columns taken by one character (grapheme cluster): the width of its first code point.
  /// The canvas draws a cluster as its first code point plus the zero-width ones after it.
  @inlinable
  public static func of(_ character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    return of(first)
  }

  /// Columns taken by a string.
  public static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for character in text { total += of(character) }
    return total
  }

  /// Whether a character is a control character that must never reach the terminal.
  @inlinable
  public static func isControl(_ character: Character) -> Bool {
    guard let v = character.unicodeScalars.first?.value else { return true }
    return v < 0x20 || (v >= 0x7F && v < 0xA0)
  }
}

extension StringProtocol {
  /// Columns this text takes on a terminal.
  public var displayWidth: Int { DisplayWidth.of(self) }
}
