extension Canvas {
  /// A stretch of one row that must be redrawn: cells `x ..< x + width` of row `y`.
  ///
  /// A run never starts on the right half of a wide character and never ends inside one, so a
  /// backend can draw each wide character once, from its left cell.
  public struct Run: Hashable, Sendable {
    public var y: Int
    public var x: Int
    public var width: Int

    public init(y: Int, x: Int, width: Int) {
      self.y = y
      self.x = x
      self.width = width
    }
  }

  /// The runs of cells that differ from `previous`; every row whole when there is no previous
  /// frame or its size differs (after a resize the next frame redraws everything).
  ///
  /// Pure, so that the UI benchmark can time it; the curses backend draws exactly these cells.
  public func changedRuns(from previous: Canvas?) -> [Run] {
    guard let previous, previous.width == width, previous.height == height else {
      guard width > 0 else { return [] }
      return (0..<height).map { Run(y: $0, x: 0, width: width) }
    }
    var runs: [Run] = []
    previous.cells.withUnsafeBufferPointer { old in
      cells.withUnsafeBufferPointer { new in
        for y in 0..<height {
          let rowStart = y * width
          var x = 0
          while x < width {
            if new[rowStart + x] == old[rowStart + x] {
              x += 1
              continue
            }
            var start = x
            if new[rowStart + start].isContinuation && start > 0 { start -= 1 }
            var end = x + 1
            while end < width && new[rowStart + end] != old[rowStart + end] { end += 1 }
            // Do not cut a wide character: its right half goes with it.
            if new[rowStart + end - 1].width == 2 && end < width { end += 1 }
            runs.append(Run(y: y, x: start, width: end - start))
            x = end
          }
        }
      }
    }
    return runs
  }
}

extension Canvas {
  /// Rows `top ..< bottom` of a frame whose content moved up by `by` rows (down when negative):
  /// what a terminal can do with one scroll of that region instead of redrawing its rows.
  public struct Shift: Hashable, Sendable {
    public var top: Int
    public var bottom: Int
    public var by: Int

    public init(top: Int, bottom: Int, by: Int) {
      self.top = top
      self.bottom = bottom
      self.by = by
    }
  }

  /// Whether row `y` of this canvas equals row `otherY` of `other` (same width).
  func rowEquals(_ y: Int, _ other: Canvas, _ otherY: Int) -> Bool {
    cells.withUnsafeBufferPointer { mine in
      other.cells.withUnsafeBufferPointer { theirs in
        let a = y * width
        let b = otherY * width
        for x in 0..<width where mine[a + x] != theirs[b + x] { return false }
        return true
      }
    }
  }

  /// The scroll that turns most of `previous` into this frame: the longest stretch of at least
  /// `minimumRows` rows that equal `previous`'s rows `by` lower (or higher), for `by` up to
  /// `maximumBy`. Nil when nothing moved (or the sizes differ).
  public func shift(from previous: Canvas, minimumRows: Int = 4, maximumBy: Int = 3) -> Shift? {
    guard previous.width == width, previous.height == height, height > 1 else { return nil }
    var best: Shift?
    var bestRows = minimumRows - 1
    for by in (1...max(1, maximumBy)).flatMap({ [$0, -$0] }) {
      var y = max(0, -by)
      let end = min(height, height - by)
      while y < end {
        guard rowEquals(y, previous, y + by), !rowEquals(y, previous, y) else {
          y += 1
          continue
        }
        var stop = y + 1
        while stop < end && rowEquals(stop, previous, stop + by) { stop += 1 }
        if stop - y > bestRows {
          bestRows = stop - y
          // The region holds the rows moved and the rows they came from.
          best = by > 0 ? Shift(top: y, bottom: stop + by, by: by) : Shift(top: y + by, bottom: stop, by: by)
        }
        y = stop
      }
    }
    return best
  }
}
