import TerminalCore
import Testing

@testable import Widgets

@Suite("Table navigation")
struct TableNavigationTests {
  func list(_ rows: Int) -> (CountingSource, TableState) {
    var state = TableState()
    state.viewportHeight = 10
    return (CountingSource(rowCount: rows), state)
  }

  @Test("j/k and arrows move one row, stopping at both ends; the view follows by the least amount")
  func stepByStep() {
    var (source, state) = list(100)
    #expect(press([.character("k"), .up], twoColumns, &state, source) == [.handled, .handled])
    #expect(state.selection == 0)
    _ = press(Array(repeating: .character("j"), count: 9), twoColumns, &state, source)
    #expect(state.selection == 9)
    #expect(state.offset == 0, "row 9 is still in view")
    _ = press([.down], twoColumns, &state, source)
    #expect(state.selection == 10)
    #expect(state.offset == 1, "scrolled by one row, not a jump")
    _ = press(Array(repeating: .up, count: 5), twoColumns, &state, source)
    #expect(state.selection == 5)
    #expect(state.offset == 1)
    _ = press([.up, .up, .up, .up, .up], twoColumns, &state, source)
    #expect(state.selection == 0)
    #expect(state.offset == 0)
  }

  @Test("PgDn and PgUp move the selection and the view together by a page")
  func paging() {
    var (source, state) = list(100)
    _ = press([.character("j"), .character("j"), .pageDown], twoColumns, &state, source)
    #expect(state.selection == 12)
    #expect(state.offset == 10)
    _ = press(Array(repeating: .pageDown, count: 20), twoColumns, &state, source)
    #expect(state.selection == 99)
    #expect(state.offset == 90)
    _ = press([.pageUp], twoColumns, &state, source)
    #expect(state.selection == 89)
    #expect(state.offset == 80)
    _ = press(Array(repeating: .pageUp, count: 20), twoColumns, &state, source)
    #expect(state.selection == 0)
    #expect(state.offset == 0)
  }

  @Test("Home/End and g/G jump to the first and last row")
  func homeAndEnd() {
    var (source, state) = list(1000)
    _ = press([.end], twoColumns, &state, source)
    #expect(state.selection == 999)
    #expect(state.offset == 990)
    _ = press([.home], twoColumns, &state, source)
    #expect((state.selection, state.offset) == (0, 0))
    _ = press([.character("G")], twoColumns, &state, source)
    #expect(state.selectedRow(in: source) == 999)
    _ = press([.character("g")], twoColumns, &state, source)
    #expect(state.selectedRow(in: source) == 0)
  }

  @Test("a jump far out of view centres the selection, like htop")
  func jumpCentres() {
    var (source, state) = list(1000)
    state.selection = 500
    var canvas = Canvas(width: 40, height: 12)
    twoColumns.draw(into: &canvas, rect: canvas.bounds, state: state, source: source)
    #expect(canvas.line(6).hasPrefix("     500│"), "row 500 drawn mid-screen")
    #expect(canvas[2, 6].style.role == .selected)

    // Sorting keeps the selected row and, as it lands far away, brings it to the middle.
    var sorted = TableState()
    sorted.viewportHeight = 10
    _ = press([.end, .character("s"), .character("s")], twoColumns, &sorted, source)
    #expect(sorted.selectedRow(in: source) == 999)
    #expect(sorted.selection > 10 && sorted.selection < 990)
    #expect(sorted.offset == sorted.selection - 5)
  }

  @Test("Enter opens the selected source row; an empty list has nothing to open")
  func enterActivates() {
    var (source, state) = list(100)
    #expect(press([.end, .up, .enter], twoColumns, &state, source).last == .activated(row: 98))
    var empty = TableState()
    #expect(twoColumns.handle(.enter, state: &empty, source: CountingSource(rowCount: 0)) == .handled)
    #expect(twoColumns.handle(.character("x"), state: &empty, source: source) == .ignored)
    #expect(twoColumns.handle(.tab, state: &empty, source: source) == .ignored)
  }
}
