import Testing

@testable import TerminalCore

@Suite("Frame diff: only changed cells are redrawn, wide glyphs whole")
struct CanvasDiffTests {
  /// The previous frame with the runs copied over from the new one: must equal the new frame.
  func apply(_ runs: [Canvas.Run], from new: Canvas, onto old: Canvas) -> [Cell] {
    var cells = old.cells
    for run in runs {
      for x in run.x..<(run.x + run.width) { cells[run.y * new.width + x] = new[x, run.y] }
    }
    return cells
  }

  func expectWellFormed(
    _ runs: [Canvas.Run], in canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for run in runs {
      #expect(
        run.width > 0 && run.x >= 0 && run.x + run.width <= canvas.width, sourceLocation: sourceLocation)
      #expect(
        !canvas[run.x, run.y].isContinuation, "run starts on a right half", sourceLocation: sourceLocation)
      let last = canvas[run.x + run.width - 1, run.y]
      #expect(last.width != 2, "run ends inside a wide glyph", sourceLocation: sourceLocation)
    }
  }

  @Test("The first frame, or one of another size, is drawn whole")
  func firstFrameIsWhole() {
    var canvas = Canvas(width: 5, height: 3)
    canvas.write("商量", x: 0, y: 1)
    #expect(canvas.changedRuns(from: nil) == (0..<3).map { Canvas.Run(y: $0, x: 0, width: 5) })
    #expect(canvas.changedRuns(from: Canvas(width: 6, height: 3)).count == 3)
    #expect(Canvas(width: 0, height: 4).changedRuns(from: nil).isEmpty)
  }

  @Test("An unchanged frame draws nothing; one changed cell is one run of one cell")
  func minimalRuns() {
    var old = Canvas(width: 20, height: 4)
    old.write("政协委员 river patrol", x: 0, y: 1)
    #expect(old.changedRuns(from: old).isEmpty)
    var new = old
    new.put("R", x: 13, y: 1)
    #expect(new.changedRuns(from: old) == [Canvas.Run(y: 1, x: 13, width: 1)])
    new.restyle(x: 5, y: 3, width: 2) { $0.role = .selected }
    #expect(
      new.changedRuns(from: old) == [Canvas.Run(y: 1, x: 13, width: 1), Canvas.Run(y: 3, x: 5, width: 2)])
  }

  @Test("A changed wide glyph is redrawn with both halves")
  func wideGlyphsStayWhole() {
    var old = Canvas(width: 8, height: 1)
    old.write("中文ab", x: 0, y: 0)
    var new = old
    new.put("汉", x: 2, y: 0)
    #expect(new.changedRuns(from: old) == [Canvas.Run(y: 0, x: 2, width: 2)])
    // Only the right half's style changed: the run still starts on the left half.
    var restyled = old
    restyled.restyle(x: 1, y: 0, width: 1) { $0.bold = true }
    #expect(restyled.changedRuns(from: old) == [Canvas.Run(y: 0, x: 0, width: 2)])
    // A narrow character over the right half: the left half became a blank and is redrawn too.
    var split = old
    split.put("x", x: 3, y: 0)
    #expect(split.changedRuns(from: old) == [Canvas.Run(y: 0, x: 2, width: 2)])
  }

  @Test("Applying the runs to the old frame gives the new frame", arguments: 1...30)
  func runsReproduceTheFrame(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let glyphs: [Character] = ["a", "中", "😀", "，", " ", "河", "Z", "b"]
    let width = Int.random(in: 1...30, using: &rng)
    var old = Canvas(width: width, height: 4)
    for y in 0..<4 {
      old.write(String((0..<width).map { _ in glyphs.randomElement(using: &rng) ?? "a" }), x: 0, y: y)
    }
    var new = old
    for _ in 0..<Int.random(in: 0...12, using: &rng) {
      let x = Int.random(in: 0..<width, using: &rng)
      let y = Int.random(in: 0..<4, using: &rng)
      if Bool.random(using: &rng) {
        new.put(glyphs.randomElement(using: &rng) ?? "a", x: x, y: y)
      } else {
        new.restyle(x: x, y: y, width: Int.random(in: 1...3, using: &rng)) { $0.role = .warning }
      }
    }
    let runs = new.changedRuns(from: old)
    #expect(apply(runs, from: new, onto: old) == new.cells)
    expectWellFormed(runs, in: new)
    let changed = zip(old.cells, new.cells).filter { $0 != $1 }.count
    #expect(runs.reduce(0) { $0 + $1.width } <= changed + 2 * runs.count, "runs cover far more than changed")
  }
}

@Suite("Scrolling instead of redrawing: a list moved by a row is found as one shift")
struct CanvasShiftTests {
  func list(first: Int, height: Int = 12) -> Canvas {
    var canvas = Canvas(width: 20, height: height)
    canvas.write("header", x: 0, y: 0)
    for line in 1..<(height - 1) { canvas.write("row \(first + line) 委员", x: 0, y: line) }
    canvas.write("footer \(first)", x: 0, y: height - 1)
    return canvas
  }

  @Test("Moving down one row: the body scrolls up by one between the header and the footer")
  func downByOne() throws {
    let before = list(first: 0)
    let after = list(first: 1)
    let shift = try #require(after.shift(from: before))
    #expect(shift == Canvas.Shift(top: 1, bottom: 11, by: 1))
    let scrolled = before.scrolled(shift)
    // After the scroll only the new last row of the body (and the footer) differ.
    let changedRows = Set(after.changedRuns(from: scrolled).map(\.y))
    #expect(changedRows == [10, 11])
  }

  @Test("Moving up two rows scrolls down by two; an unchanged or unrelated frame is no shift")
  func upAndNothing() throws {
    let shift = try #require(list(first: 3).shift(from: list(first: 5)))
    #expect(shift.by == -2)
    #expect(Set(list(first: 3).changedRuns(from: list(first: 5).scrolled(shift)).map(\.y)) == [1, 2, 11])
    #expect(list(first: 3).shift(from: list(first: 3)) == nil)
    var blank = Canvas(width: 20, height: 12)
    blank.write("other", x: 0, y: 5)
    #expect(list(first: 3).shift(from: blank) == nil)
  }
}
