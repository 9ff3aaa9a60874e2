import TerminalCore
import Testing

/// Compares a canvas with expected lines, naming the first line that differs.
func expectLines(
  _ canvas: Canvas, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
  let actual = canvas.lines
  #expect(actual.count == expected.count, "line count", sourceLocation: sourceLocation)
  for (i, (a, e)) in zip(actual, expected).enumerated() where a != e {
    Issue.record("line \(i) differs:\n  got  \"\(a)\"\n  want \"\(e)\"", sourceLocation: sourceLocation)
  }
}

/// The display columns at which `character` appears in a line of text.
func displayColumns(of character: Character, in line: String) -> [Int] {
  var columns: [Int] = []
  var x = 0
  for ch in line {
    if ch == character { columns.append(x) }
    x += DisplayWidth.of(ch)
  }
  return columns
}

/// The same text padded to fit a rect (for building expected lines of wide screens).
func padded(_ text: String, _ width: Int) -> String { Text.pad(text, to: width) }
