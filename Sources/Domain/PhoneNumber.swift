/// What the app accepts as a phone number, in the registers' forms and in an imported roster alike.
public enum PhoneNumber {
  /// What a phone number may hold besides digits: spaces, `+`, `-`, parentheses (ASCII and
  /// full-width, as typed with a Chinese input method), and the extension separators `转`, `#`,
  /// `,` and `x`/`ext` ("023-6388 1234 转 802", "+86 (23) 6388-1234 ext. 802"). Several numbers
  /// are written one after another with `/` or `、`.
  static let marks: Set<Character> = [" ", "+", "-", "(", ")", "（", "）", "转", "#", ",", "/", "、", "."]

  /// The fewest digits a number has before its extension: a local landline without its area code
  /// has 7 or 8, a mobile 11. Fewer is a slip ("12", a number cut short), not a phone.
  public static let minimumDigits = 7

  /// Whether `text` reads as one or more phone numbers: each of at least `minimumDigits` digits
  /// before its extension, and nothing but digits and the marks above (the letters `x` and `ext` only
  /// as an extension).
  public static func isValid(_ text: String) -> Bool {
    let lowered = text.lowercased().replacingOccurrences(of: "ext", with: "转").replacingOccurrences(
      of: "x", with: "转")
    var numbers = 0
    var digits = 0
    var inExtension = false
    // Whether the number just ended (at a `/`, a `、` or the end) is long enough.
    func endNumber() -> Bool {
      defer {
        digits = 0
        inExtension = false
      }
      if digits == 0 && !inExtension { return true }  // "a / / b": an empty slot between marks
      numbers += 1
      return digits >= minimumDigits
    }
    for character in lowered {
      // ASCII digits, and full-width ones (０–９) from a Chinese input method; not 一二三.
      let scalars = character.unicodeScalars
      if scalars.count == 1, let scalar = scalars.first,
        (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
      {
        if !inExtension { digits += 1 }
      } else if character == "/" || character == "、" {
        if !endNumber() { return false }
      } else if character == "转" || character == "#" || character == "," {
        inExtension = true
      } else if !marks.contains(character) {
        return false
      }
    }
    return endNumber() && numbers > 0
  }
}
