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

  /// Columns taken by one character (grapheme cluster): the sum of its code points' widths, as
  /// curses and `wcwidth` count them. A cluster is one cell when only its first code point takes
  /// columns (a letter and its combining marks, Hangul jamo); one whose later code points take
  /// columns too (👍🏽, a flag, a ZWJ family) is drawn as one cell per such code point, so that
  /// nothing of it is lost and the row is exactly as wide as curses thinks.
  @inlinable
  public static func of(_ character: Character) -> Int {
    var scalars = character.unicodeScalars.makeIterator()
    guard let first = scalars.next() else { return 0 }
    var total = of(first)
    while let next = scalars.next() { total += of(next) }
    return total
  }

  /// The cells a cluster is drawn as: itself when only its first code point takes columns,
  /// else each code point that takes columns on its own (the zero-width joiners and selectors
  /// between them are dropped, as a terminal cell cannot hold them).
  public static func cells(of character: Character) -> [Character] {
    let scalars = character.unicodeScalars
    guard scalars.count > 1, scalars.dropFirst().contains(where: { of($0) > 0 }) else { return [character] }
    return scalars.filter { of($0) > 0 }.map { Character($0) }
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
