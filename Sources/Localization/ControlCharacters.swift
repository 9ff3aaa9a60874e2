/// Text from files and users shown in messages: control characters (C0, DEL, C1, and the
/// bidirectional overrides that can make a line read backwards) are written as `\u{…}` so that
/// quoting data never moves the cursor, clears the screen or rings the bell.
public enum ControlCharacters {
  /// True for a scalar that must never reach a terminal or a document raw.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }

  /// `text` with every control character written as `\u{XX}` (a tab and a newline too: a quoted
  /// value is one line).
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }
}
