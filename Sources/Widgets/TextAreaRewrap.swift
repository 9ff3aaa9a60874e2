import TerminalCore

// Re-wrapping only the lines an edit can touch, so that typing in a long paragraph costs a few
// lines of wrapping rather than the whole paragraph.
//
// Two facts about `Text.wrapRanges` make this exact rather than approximate:
// - the lines from a line start on depend only on the characters from there on, so wrapping a
//   slice that begins at a line start gives the same lines, except the slice's last one, which
//   the slice's end may have cut short;
// - a line's break is decided within `width + 1` non-space characters of its start (plus the
//   spaces that hang after it, which stay in that line), so lines that start more than
//   `width + 2` characters before an edit cannot change.
// Once a new line starts where an old one did (after the edit, shifted by the length change),
// every later line is the old one shifted.
extension TextArea {
  mutating func rewrap(_ paragraph: Int, at offset: Int, removed: Int, inserted: Int) {
    guard paragraphs[paragraph].layoutWidth == width else { return }
    let old = paragraphs[paragraph].lines
    let chars = paragraphs[paragraph].chars
    let n = chars.count
    let delta = inserted - removed
    let firstLine = TextArea.lineIndex(of: max(0, offset - width - 2), in: old)
    var result = Array(old[..<firstLine])
    var windowStart = old[firstLine].lowerBound
    var windowLength = (offset - windowStart) + inserted + 3 * width + 4
    let editEnd = offset + inserted
    while true {
      let windowEnd = min(n, windowStart + windowLength)
      var ranges = Text.wrapRanges(Array(chars[windowStart..<windowEnd]), to: width)
      if windowEnd < n { ranges.removeLast() }
      if ranges.isEmpty {
        windowLength *= 2
        continue
      }
      for range in ranges {
        let start = range.lowerBound + windowStart
        if start >= editEnd && start > 0, let oldIndex = TextArea.lineStarting(at: start - delta, in: old) {
          result.append(
            contentsOf: old[oldIndex...].map { ($0.lowerBound + delta)..<($0.upperBound + delta) })
          paragraphs[paragraph].lines = result
          return
        }
        result.append(start..<(range.upperBound + windowStart))
      }
      if windowEnd == n {
        if result.isEmpty { result = [0..<0] }
        paragraphs[paragraph].lines = result
        return
      }
      windowStart = result[result.count - 1].upperBound
      windowLength *= 2
    }
  }

  /// The index of the old line that starts exactly at `offset`, if any.
  static func lineStarting(at offset: Int, in lines: [Range<Int>]) -> Int? {
    guard offset >= 0, let first = lines.first, offset >= first.lowerBound else { return nil }
    let index = lineIndex(of: offset, in: lines)
    return lines[index].lowerBound == offset ? index : nil
  }
}
