import TerminalCore

/// How wide a column is: a fixed number of display columns, or a share of what is left over.
public enum ColumnWidth: Sendable, Hashable {
  /// Exactly this many display columns (less only when the screen is too narrow).
  case fixed(Int)
  /// A share of the columns left after the fixed ones, never less than `min`.
  case flex(Int, min: Int)

  /// One share of the remaining width, at least `min` columns.
  public static func flex(min: Int = 1) -> ColumnWidth { .flex(1, min: min) }
}

/// Splits a width in display columns between columns laid out side by side.
public enum Columns {
  /// The display width of each column when `specs` share `total` columns with `gap` columns
  /// between neighbours. When there is a flexible column the widths (plus gaps) add up to
  /// exactly `total`; when the screen is too narrow, columns are shrunk from the right.
  public static func widths(_ specs: [ColumnWidth], total: Int, gap: Int = 0) -> [Int] {
    guard !specs.isEmpty else { return [] }
    let available = max(0, total - gap * (specs.count - 1))
    var widths = specs.map { spec -> Int in
      if case .fixed(let w) = spec { return max(0, w) }
      return 0
    }
    let fixedSum = widths.reduce(0, +)
    let flexIndices = specs.indices.filter { if case .flex = specs[$0] { return true } else { return false } }
    let shares = flexIndices.reduce(0) { sum, i in
      if case .flex(let share, _) = specs[i] { return sum + max(1, share) }
      return sum
    }
    var remaining = max(0, available - fixedSum)
    if shares > 0 {
      let pool = remaining
      for i in flexIndices {
        guard case .flex(let share, let minimum) = specs[i] else { continue }
        widths[i] = max(max(0, minimum), pool * max(1, share) / shares)
      }
      let used = flexIndices.reduce(0) { $0 + widths[$1] }
      remaining = pool - used
      // Rounding leaves a few columns over: hand them out left to right so the row is full.
      var k = 0
      while remaining > 0 {
        widths[flexIndices[k % flexIndices.count]] += 1
        remaining -= 1
        k += 1
      }
    }
    // A flex column's minimum pushed the row past the width: take the columns back first from
    // flex columns still wider than their minimum (the widest first), so that a fixed column at
    // the end (a count) is not the one cut.
    var over = widths.reduce(0, +) - available
    while over > 0 {
      let roomy = flexIndices.filter { i in
        if case .flex(_, let minimum) = specs[i] { return widths[i] > max(0, minimum) }
        return false
      }
      guard let widest = roomy.max(by: { widths[$0] < widths[$1] }) else { break }
      widths[widest] -= 1
      over -= 1
    }
    // Too narrow: take columns back from the right until everything fits.
    var excess = widths.reduce(0, +) - available
    var i = widths.count - 1
    while excess > 0 && i >= 0 {
      let take = min(excess, widths[i])
      widths[i] -= take
      excess -= take
      i -= 1
    }
    return widths
  }
}
