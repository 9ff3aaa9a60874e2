import TerminalCore
import Testing

@testable import Widgets

@Suite("Table sort and filter")
struct TableSortFilterTests {
  func subjects(_ state: TableState, _ source: ArrayTableSource) -> [String] {
    (0..<state.count(in: source)).map { source.text(row: state.row(at: $0), column: 1) }
  }

  @Test("s sorts by the next sortable column, S reverses, and the header shows ▲ or ▼")
  func sortCycle() {
    var state = TableState()
    _ = press([.character("s")], sampleTable, &state, sampleRows)
    #expect(state.sort == TableSort(column: 0, ascending: true))
    // Cells sort as text: "10" comes before "2".
    #expect((0..<4).map { sampleRows.text(row: state.row(at: $0), column: 0) } == ["1", "10", "2", "3"])

    _ = press([.character("s")], sampleTable, &state, sampleRows)
    #expect(state.sort == TableSort(column: 1, ascending: true))
    var canvas = Canvas(width: 40, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(canvas.line(0) == "  编号│主题▲            │承办单位│状态  ")
    #expect(subjects(state, sampleRows).first == "Old lift retrofit 老旧小区加装电梯")

    _ = press([.character("S")], sampleTable, &state, sampleRows)
    #expect(state.sort == TableSort(column: 1, ascending: false))
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(canvas.line(0) == "  编号│主题▼            │承办单位│状态  ")
    #expect(subjects(state, sampleRows).last == "Old lift retrofit 老旧小区加装电梯")

    // 状态 is not sortable: after 承办单位 the list goes back to the source's order.
    _ = press([.character("s"), .character("s")], sampleTable, &state, sampleRows)
    #expect(state.sort == nil)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(displayColumns(of: "▲", in: canvas.line(0)).isEmpty)
    #expect(displayColumns(of: "▼", in: canvas.line(0)).isEmpty)
  }

  @Test("a source that grew after a sort, before its reload, is drawn and selected without trapping")
  func sortedSourceThatGrewBeforeItsReload() {
    var state = TableState()
    _ = press([.character("s")], sampleTable, &state, sampleRows)
    #expect(state.sort != nil)
    // A record arrives (another user's change) and the screen draws before the table is reloaded.
    let grown = ArrayTableSource(
      rows: sampleRows.rows + [["11", "新增：滨江步道照明", "区城管局", "待交办"]], marks: [:])
    state.selection = 4
    #expect(state.selectedRow(in: grown) == 4, "the new row reads as itself until the reload sorts it")
    var canvas = Canvas(width: 40, height: 7)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: grown)
    #expect(canvas.text.contains("滨江步道"))
  }

  @Test("sorting keeps the selected record selected")
  func sortKeepsSelection() {
    var state = TableState()
    _ = press([.character("j"), .character("j")], sampleTable, &state, sampleRows)
    #expect(state.selectedRow(in: sampleRows) == 2)
    _ = press([.character("s"), .character("s"), .character("S")], sampleTable, &state, sampleRows)
    #expect(state.selectedRow(in: sampleRows) == 2)
    #expect(state.selection == 0, "背街… comes first when sorting 主题 descending")
  }

  @Test("typing Chinese after / narrows the rows live; Esc clears; the caret sits after the text")
  func chineseFilter() {
    var state = TableState()
    state.viewportHeight = 4
    #expect(press([.character("/")], sampleTable, &state, sampleRows) == [.handled])
    #expect(state.isEditingFilter)
    type("区", sampleTable, &state, sampleRows)
    #expect(state.count(in: sampleRows) == 3)
    type("水", sampleTable, &state, sampleRows)
    #expect(subjects(state, sampleRows) == ["河道垃圾清理（九龙镇段）"])

    var canvas = Canvas(width: 40, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(canvas.line(5) == "/区水                             1 / 4 ")
    #expect(canvas.cursor == Point(x: 5, y: 5), "an input method puts its window at the caret")

    _ = press([.backspace], sampleTable, &state, sampleRows)
    #expect(state.filter == "区")
    #expect(state.count(in: sampleRows) == 3)
    _ = press([.escape], sampleTable, &state, sampleRows)
    #expect(state.filter.isEmpty)
    #expect(!state.isEditingFilter)
    #expect(state.count(in: sampleRows) == 4)
    canvas = Canvas(width: 40, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(canvas.cursor == nil)
  }

  @Test("Enter keeps the filter and gives the keys back to the list; Esc then clears it")
  func enterKeepsFilter() {
    var state = TableState()
    _ = press([.character("/")], sampleTable, &state, sampleRows)
    type("OLD", sampleTable, &state, sampleRows)
    #expect(state.count(in: sampleRows) == 1, "case does not matter")
    _ = press([.enter], sampleTable, &state, sampleRows)
    #expect(!state.isEditingFilter)
    #expect(state.filter == "OLD")
    #expect(press([.enter], sampleTable, &state, sampleRows) == [.activated(row: 1)])
    var canvas = Canvas(width: 40, height: 6)
    sampleTable.draw(into: &canvas, rect: canvas.bounds, state: state, source: sampleRows)
    #expect(canvas.line(5) == "/OLD                              1 / 4 ")
    #expect(canvas.cursor == nil)
    #expect(press([.escape], sampleTable, &state, sampleRows) == [.handled])
    #expect(state.count(in: sampleRows) == 4)
    #expect(press([.escape], sampleTable, &state, sampleRows) == [.ignored], "nothing left to clear")
  }

  @Test("pasted text goes into the filter line, newlines as spaces")
  func pasteIntoFilter() {
    var state = TableState()
    #expect(sampleTable.handle(.paste("小花"), state: &state, source: sampleRows) == .ignored)
    _ = sampleTable.handle(.key(.character("/")), state: &state, source: sampleRows)
    #expect(sampleTable.handle(.paste("小花市集\n"), state: &state, source: sampleRows) == .handled)
    #expect(state.filter == "小花市集 ")
    #expect(state.count(in: sampleRows) == 0)
    _ = press([.backspace], sampleTable, &state, sampleRows)
    #expect(subjects(state, sampleRows) == ["石坪桥街道小花市集改造协商"])
  }

  @Test("S on an unsorted list sorts the first column descending")
  func reverseFromUnsorted() {
    var state = TableState()
    _ = press([.character("S")], sampleTable, &state, sampleRows)
    #expect(state.sort == TableSort(column: 0, ascending: false))
    #expect((0..<4).map { sampleRows.text(row: state.row(at: $0), column: 0) } == ["3", "2", "10", "1"])
  }

  @Test("after the rows change, reload sorts and filters again and keeps the selected record")
  func reloadAfterChange() {
    var source = sampleRows
    var state = TableState()
    _ = press([.character("s"), .character("s"), .character("/")], sampleTable, &state, source)
    type("区", sampleTable, &state, source)
    _ = press([.enter, .home, .character("j")], sampleTable, &state, source)
    #expect(state.selectedRow(in: source) == 3)
    source.rows.append(["11", "AAA 区政协提案督办", "区政协", "办理中"])
    source.rows[0][2] = "街道办"
    sampleTable.reload(state: &state, source: source)
    #expect(subjects(state, source) == ["AAA 区政协提案督办", "Old lift retrofit 老旧小区加装电梯", "河道垃圾清理（九龙镇段）"])
    #expect(state.selectedRow(in: source) == 3)
    #expect(state.filter == "区")
  }

  @Test("a filter on a sorted list lists its matches in sorted order")
  func filterFollowsSort() {
    var state = TableState()
    _ = press([.character("s"), .character("s"), .character("/")], sampleTable, &state, sampleRows)
    type("区", sampleTable, &state, sampleRows)
    #expect(subjects(state, sampleRows) == ["Old lift retrofit 老旧小区加装电梯", "河道垃圾清理（九龙镇段）", "石坪桥街道小花市集改造协商"])
    _ = press([.enter, .character("S")], sampleTable, &state, sampleRows)
    #expect(subjects(state, sampleRows) == ["石坪桥街道小花市集改造协商", "河道垃圾清理（九龙镇段）", "Old lift retrofit 老旧小区加装电梯"])
  }

  @Test("a longer query searches only the previous matches; stepping back reuses them")
  func narrowingReusesMatches() {
    let source = CountingSource(rowCount: 9000, withKeys: true)
    var state = TableState()
    _ = press([.character("/")], twoColumns, &state, source)
    type("花", twoColumns, &state, source)
    #expect(state.rowsExaminedByLastFilter == 9000)
    #expect(state.count(in: source) == 3000)
    type("市", twoColumns, &state, source)
    #expect(state.rowsExaminedByLastFilter == 3000, "only the rows that matched 花")
    #expect(state.count(in: source) == 3000)
    type("集改造 第1", twoColumns, &state, source)
    let narrowed = state.count(in: source)
    #expect(narrowed == (0..<9000).filter { CountingSource.subject($0).contains("花市集改造 第1") }.count)
    type("2", twoColumns, &state, source)
    #expect(state.rowsExaminedByLastFilter == narrowed, "only the rows that matched …第1")
    #expect(state.count(in: source) < narrowed)
    _ = press([.backspace, .backspace], twoColumns, &state, source)
    #expect(state.filter == "花市集改造 第")
    #expect(state.rowsExaminedByLastFilter == 0, "the earlier result was kept")
    #expect(state.count(in: source) == 3000)
    #expect(source.textCalls == 0, "the search reads the keys, never the cells")
  }

  @Test("without search keys from the source the filter reads the cells, with the same result")
  func filterWithoutKeys() {
    let plain = CountingSource(rowCount: 300)
    let keyed = CountingSource(rowCount: 300, withKeys: true)
    for query in ["jiulong", "坪街道加装", "第12", "Jiulong 镇河道"] {
      var a = TableState()
      var b = TableState()
      twoColumns.setFilter(query, state: &a, source: plain)
      twoColumns.setFilter(query, state: &b, source: keyed)
      #expect(a.matches == b.matches, "\(query)")
      #expect(a.matches?.isEmpty == false, "\(query)")
    }
  }

  @Test("the byte search agrees with a plain substring search, whichever byte it looks for first")
  func byteSearchAgreesWithContains() {
    let texts = ["ab", "石坪桥", "桥石", "", "Jiulong 镇 第12号", "第1号第12号", "aaa", "坪坪坪桥"]
    let keys = SearchKeys(count: texts.count) { texts[$0] }
    let queries = ["b", "石", "桥", "桥桥", "AB石", "第12", "jiulong 镇", "aa", "坪桥", "号第", "ab\u{0}石"]
    for query in queries {
      let bytes = SearchKeys.normalize(query)
      let expected = texts.indices.filter { texts[$0].lowercased().contains(query.lowercased()) }.map {
        Int32($0)
      }
      for anchor in bytes.indices {
        let needle = Needle(bytes, anchor: anchor)
        #expect(ByteSearch.allRows(in: keys, containing: needle) == expected, "\(query) @\(anchor)")
        let all = texts.indices.map { Int32($0) }
        #expect(ByteSearch.filter(all.reversed(), in: keys, containing: needle) == expected.reversed())
      }
      let rare = Needle(bytes, frequencies: keys.byteFrequencies)
      #expect(ByteSearch.allRows(in: keys, containing: rare) == expected, "\(query) by frequency")
    }
    // A row never matches across into the next: 石坪桥 is followed by 桥石.
    #expect(ByteSearch.allRows(in: keys, containing: Needle(SearchKeys.normalize("桥桥"))).isEmpty)
  }
}
