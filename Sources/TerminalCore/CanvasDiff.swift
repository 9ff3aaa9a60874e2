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
