import TerminalCore

// Wrapping only what is needed: the lines an edit can touch, and the lines something looks at.
//
// Two facts about `Text.wrapRanges` make this exact rather than approximate:
// - the lines from a line start on depend only on the characters from there on, so wrapping a
//   slice that begins at a line start gives the same lines, except the slice's last one, which
//   the slice's end may have cut short;
// - a line's break is decided within `width + 1` non-space characters of its start (plus the
//   spaces that hang after it, which stay in that line), so lines that start more than
//   `width + 2` characters before an edit cannot change.
// Once a new line starts where an old one did (after the edit, shifted by the length change),
// every later line is the old one shifted. When no such line turns up near the edit (solid
// Chinese text, where one more character moves every later line), the lines after the edit
// are dropped and wrapped again only as far as the view or the caret needs them.
extension TextArea {
  /// Characters wrapped at a time when lines are added on demand.
  static func window(width: Int) -> Int { 4 * width + 8 }

  /// Appends lines after `lines` (which end on a line start) until `enough` says so or the
  /// paragraph ends; returns whether it ended.
  static func extend(
    _ lines: inout [Range<Int>], chars: [Character], width: Int, until enough: ([Range<Int>]) -> Bool
  ) -> Bool {
    let n = chars.count
    if n == 0 {
      if lines.isEmpty { lines = [0..<0] }
      return true
    }
    var start = lines.last?.upperBound ?? 0
    var length = window(width: width)
    while start < n {
      if enough(lines) { return false }
      let end = min(n, start + length)
      var ranges = Text.wrapRanges(Array(chars[start..<end]), to: width)
      if end < n { ranges.removeLast() }
      if ranges.isEmpty {
        length *= 2
        continue
      }
      lines.append(contentsOf: ranges.map { ($0.lowerBound + start)..<($0.upperBound + start) })
      start = lines[lines.count - 1].upperBound
    }
    return true
  }

  /// Brings a paragraph's cached lines up to date after `removed` characters at `offset` were
  /// replaced by `inserted` ones, wrapping one window around the edit.
  mutating func rewrap(_ paragraph: Int, at offset: Int, removed: Int, inserted: Int) {
    guard paragraphs[paragraph].layoutWidth == width, !paragraphs[paragraph].lines.isEmpty else { return }
    let old = paragraphs[paragraph].lines
    let oldComplete = paragraphs[paragraph].complete
    paragraphs[paragraph].lines = []
    let chars = paragraphs[paragraph].chars
    let n = chars.count
    let delta = inserted - removed
    let firstLine = TextArea.lineIndex(of: max(0, offset - width - 2), in: old)
    var result = Array(old[..<firstLine])
    let windowStart = old[firstLine].lowerBound
    let windowEnd = min(n, offset + inserted + TextArea.window(width: width))
    let editEnd = offset + inserted
    var ranges = Text.wrapRanges(Array(chars[windowStart..<windowEnd]), to: width)
    if windowEnd < n { ranges.removeLast() }
    var complete = windowEnd == n
    for range in ranges {
      let start = range.lowerBound + windowStart
      if start >= editEnd && start > 0, let oldIndex = TextArea.lineStarting(at: start - delta, in: old) {
        result.append(contentsOf: old[oldIndex...].map { ($0.lowerBound + delta)..<($0.upperBound + delta) })
        complete = oldComplete
        break
      }
      result.append(start..<(range.upperBound + windowStart))
    }
    paragraphs[paragraph].lines = result
    paragraphs[paragraph].complete = complete
  }

  /// The index of the old line that starts exactly at `offset`, if any.
  static func lineStarting(at offset: Int, in lines: [Range<Int>]) -> Int? {
    guard offset >= 0, let first = lines.first, offset >= first.lowerBound else { return nil }
    let index = lineIndex(of: offset, in: lines)
    return lines[index].lowerBound == offset ? index : nil
  }
}
