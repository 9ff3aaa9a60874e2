/// What the app accepts as a phone number, in the registers' forms and in an imported roster alike.
public enum PhoneNumber {
  /// What a phone number may hold besides digits: spaces, `+`, `-`, parentheses (ASCII and
  /// full-width, as typed with a Chinese input method), and the extension separators `转`, `#`,
  /// `,` and `x`/`ext` ("023-6388 1234 转 802", "+86 (23) 6388-1234 ext. 802"). Several numbers
  /// are written one after another with `/` or `、`.
  static let marks: Set<Character> = [" ", "+", "-", "(", ")", "（", "）", "转", "#", ",", "/", "、", "."]

  /// Whether `text` reads as one or more phone numbers: at least one digit, and nothing but digits
  /// and the marks above (the letters `x` and `ext` only as an extension).
  public static func isValid(_ text: String) -> Bool {
    let lowered = text.lowercased().replacingOccurrences(of: "ext", with: " ").replacingOccurrences(
      of: "x", with: " ")
    var digits = 0
    for character in lowered {
      // ASCII digits, and full-width ones (０–９) from a Chinese input method; not 一二三.
      let scalars = character.unicodeScalars
      if scalars.count == 1, let scalar = scalars.first,
        (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
      {
        digits += 1
      } else if !marks.contains(character) {
        return false
      }
    }
    return digits > 0
  }
}
