/// Measuring, fitting and wrapping text by display columns (never by characters or bytes).
public enum Text {
  /// How `pad` places text in its columns.
  public enum Alignment: Sendable {
    case left
    case right
    case center
  }

  /// The text cut to at most `columns` columns; a cut ends in `…`.
  public static func truncate(_ text: some StringProtocol, to columns: Int) -> String {
    guard columns > 0 else { return "" }
    var total = 0
    var fits = true
    for ch in text {
      total += DisplayWidth.of(ch)
      if total > columns {
        fits = false
        break
      }
    }
    if fits { return String(text) }
    var out = ""
    var used = 0
    for ch in text {
      let w = DisplayWidth.of(ch)
      if used + w > columns - 1 { break }
      out.append(ch)
      used += w
    }
    out.append("…")
    return out
  }

  /// The text fitted to exactly `columns` columns: truncated with `…` if longer, padded with
  /// spaces if shorter.
  public static func pad(_ text: some StringProtocol, to columns: Int, align: Alignment = .left) -> String {
    let cut = truncate(text, to: columns)
    let gap = columns - DisplayWidth.of(cut)
    guard gap > 0 else { return cut }
    switch align {
    case .left: return cut + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + cut
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
    }
  }

  /// Closing punctuation that must not start a line (Chinese line-breaking rule).
  public static let closingPunctuation: Set<Character> = [
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》", "〉", "”", "’", "…", "·",
    "～", "％", ",", ".", ";", ":", "?", "!", ")", "]", "}", "%",
  ]

  /// Opening punctuation that must not end a line.
  public static let openingPunctuation: Set<Character> = [
    "（", "「", "『", "【", "《", "〈", "“", "‘", "(", "[", "{",
  ]

  /// Marks written doubled that a line never splits (破折号 ——, 省略号 ……).
  public static let inseparablePairs: Set<Character> = ["—", "…"]

  /// The text wrapped to `columns`, one string per screen line. Hard newlines start new lines.
  /// Joining the lines (with "\n" where the text had one) gives back the text: spaces at a break
  /// stay at the end of their line, where they hang past the limit like in any word processor.
  /// Every line is at most `columns` wide once its trailing spaces are left out.
  public static func wrap(_ text: some StringProtocol, to columns: Int) -> [String] {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let chars = Array(paragraph)
      for range in wrapRanges(chars, to: columns) {
        lines.append(String(chars[range]))
      }
    }
    return lines
  }

  /// `wrap` with the hanging spaces at each break dropped: what a reader sees.
  public static func wrapForDisplay(_ text: some StringProtocol, to columns: Int) -> [String] {
    wrap(text, to: columns).map { line in
      var s = Substring(line)
      while s.last == " " { s = s.dropLast() }
      return String(s)
    }
  }

  /// Where the screen lines of one paragraph (no newlines) start and end, as character ranges.
  /// An empty paragraph is one empty line. Editors use this to map a caret to a screen position.
  public static func wrapRanges(_ chars: [Character], to columns: Int) -> [Range<Int>] {
    let n = chars.count
    if n == 0 { return [0..<0] }
    let limit = max(1, columns)
    var ranges: [Range<Int>] = []
    var start = 0
    while start < n {
      var committed = 0
      var pendingSpaces = 0
      var lastBreak = -1
      var j = start
      var end = n
      while j < n {
        let ch = chars[j]
        if j > start && canBreak(chars, before: j) { lastBreak = j }
        if ch == " " {
          // Spaces hang: they never force a break themselves.
          pendingSpaces += 1
          j += 1
          continue
        }
        let candidate = committed + pendingSpaces + DisplayWidth.of(ch)
        if candidate > limit {
          if lastBreak > start {
            end = lastBreak
          } else if j > start {
            // A word longer than the line: cut it, but not just before closing punctuation.
            end = (closingPunctuation.contains(ch) && j - 1 > start) ? j - 1 : j
          } else {
            end = j + 1
          }
          break
        }
        committed = candidate
        pendingSpaces = 0
        j += 1
      }
      if j >= n { end = n }
      // Spaces right after the break belong to this line (they hang), so the next starts on text.
      while end < n && chars[end] == " " { end += 1 }
      ranges.append(start..<end)
      start = end
    }
    return ranges
  }

  /// Whether a line may break between `chars[index - 1]` and `chars[index]`.
  static func canBreak(_ chars: [Character], before index: Int) -> Bool {
    let previous = chars[index - 1]
    let next = chars[index]
    if next == " " { return false }
    // Closing punctuation stays off the start of a line even after a space ("好 ，").
    if closingPunctuation.contains(next) { return false }
    if previous == " " { return true }
    if openingPunctuation.contains(previous) { return false }
    // A dash of two em dashes (——) or an ellipsis (……) is one mark: never split across lines.
    if previous == next && inseparablePairs.contains(next) { return false }
    return DisplayWidth.of(previous) == 2 || DisplayWidth.of(next) == 2
  }
}
