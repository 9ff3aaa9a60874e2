import TerminalCore

/// What a list can be asked to do; the keymap's list actions name these.
public enum TableCommand: Sendable, Hashable {
  case moveDown, moveUp, pageDown, pageUp, first, last
  /// Open the filter line (keys then go into it).
  case editFilter
  /// Sort by the next sortable column (then back to the source's order); reverse the sort.
  case sort, reverseSort
  /// Enter on a row: `.activated(row:)`.
  case open
  /// Close the filter line and clear its text.
  case clearFilter
}

extension Table {
  /// Keys of the list: j/k ↑↓, PgUp/PgDn and Ctrl-F/Ctrl-B, Home/End and g/G, `s` (sort by the next column) and
  /// `S` (reverse it), `/` (filter), Enter (open), Esc (clear the filter). While the filter line
  /// is open, characters go into it, Backspace edits, Enter keeps it, Esc clears it; ↑↓ and
  /// PgUp/PgDn still move the selection.
  public func handle(_ key: Key, state: inout TableState, source: some TableDataSource) -> TableOutcome {
    refreshIfResized(state: &state, source: source)
    if state.isEditingFilter {
      switch key {
      case .character(let c):
        setFilter(state.filter + String(c), state: &state, source: source)
        return .handled
      case .backspace:
        if !state.filter.isEmpty { setFilter(String(state.filter.dropLast()), state: &state, source: source) }
        return .handled
      case .enter:
        state.isEditingFilter = false
        return .handled
      case .escape:
        state.isEditingFilter = false
        setFilter("", state: &state, source: source)
        return .handled
      case .up, .down, .pageUp, .pageDown, .ctrl("f"), .ctrl("b"):
        break
      default:
        return .ignored
      }
    }
    let command: TableCommand
    switch key {
    case .down, .character("j"): command = .moveDown
    case .up, .character("k"): command = .moveUp
    case .pageDown, .ctrl("f"): command = .pageDown
    case .pageUp, .ctrl("b"): command = .pageUp
    case .home, .ctrlHome, .character("g"): command = .first
    case .end, .ctrlEnd, .character("G"): command = .last
    case .character("/"): command = .editFilter
    case .character("s"): command = .sort
    case .character("S"): command = .reverseSort
    case .enter: command = .open
    case .escape: command = .clearFilter
    default: return .ignored
    }
    return perform(command, state: &state, source: source)
  }

  /// Carries out one command (the keymap names them; `handle(_:)` maps the default keys).
  public func perform(_ command: TableCommand, state: inout TableState, source: some TableDataSource)
    -> TableOutcome
  {
    refreshIfResized(state: &state, source: source)
    let count = state.count(in: source)
    let page = max(1, state.viewportHeight)
    switch command {
    case .moveDown:
      state.selection += 1
      state.reveal(count: count, centered: false)
    case .moveUp:
      state.selection -= 1
      state.reveal(count: count, centered: false)
    case .pageDown:
      // Page like htop: the selection and the view move together.
      state.selection += page
      state.offset += page
      state.reveal(count: count, centered: false)
    case .pageUp:
      state.selection -= page
      state.offset -= page
      state.reveal(count: count, centered: false)
    case .first:
      state.selection = 0
      state.reveal(count: count, centered: false)
    case .last:
      state.selection = count - 1
      state.reveal(count: count, centered: false)
    case .editFilter:
      state.isEditingFilter = true
    case .sort:
      setSort(nextSort(after: state.sort), state: &state, source: source)
    case .reverseSort:
      // Reverse the current sort; unsorted, start with the first column descending.
      var sort = state.sort ?? nextSort(after: nil)
      sort?.ascending.toggle()
      setSort(sort, state: &state, source: source)
    case .open:
      guard let row = state.selectedRow(in: source) else { return .handled }
      return .activated(row: row)
    case .clearFilter:
      guard !state.filter.isEmpty || state.isEditingFilter else { return .ignored }
      state.isEditingFilter = false
      setFilter("", state: &state, source: source)
    }
    return .handled
  }

  /// Moves the selection to a source row if it is shown (centred when it was out of view);
  /// false when the row is filtered out.
  @discardableResult
  public func select(row: Int, state: inout TableState, source: some TableDataSource) -> Bool {
    let position: Int?
    if let matches = state.matches {
      position = matches.firstIndex(of: Int32(row))
    } else if let order = state.order {
      position = order.firstIndex(of: Int32(row))
    } else {
      position = row < source.rowCount ? row : nil
    }
    guard let position else { return false }
    state.selection = position
    state.reveal(count: state.count(in: source), centered: true)
    return true
  }

  /// Events beyond keys: pasted text goes into an open filter line (newlines become spaces).
  public func handle(_ event: Event, state: inout TableState, source: some TableDataSource) -> TableOutcome {
    switch event {
    case .key(let key):
      return handle(key, state: &state, source: source)
    case .paste(let text) where state.isEditingFilter:
      let clean = String(text.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
      setFilter(state.filter + clean, state: &state, source: source)
      return .handled
    default:
      return .ignored
    }
  }

  /// After the source's rows changed: sorts and filters again, keeping the selected row when it
  /// is still there.
  public func reload(state: inout TableState, source: some TableDataSource) {
    let sort = state.sort
    state.sort = nil
    state.order = nil
    setSort(sort, state: &state, source: source, force: true)
  }

  /// Sorts by a column (nil: the source's order), keeping the selected row selected.
  public func setSort(_ sort: TableSort?, state: inout TableState, source: some TableDataSource) {
    setSort(sort, state: &state, source: source, force: false)
  }

  /// Sets the filter text, keeping the selected row selected when it still matches.
  public func setFilter(_ text: String, state: inout TableState, source: some TableDataSource) {
    let kept = state.selectedRow(in: source)
    state.filter = text
    let needle = SearchKeys.normalize(text)
    state.rowsExaminedByLastFilter = 0
    guard !needle.isEmpty else {
      state.levels = []
      restore(kept, state: &state, source: source)
      return
    }
    // Drop the steps the new query no longer contains; what is left can be narrowed.
    while let top = state.levels.last, !ByteSearch.contains(needle, top.query) { state.levels.removeLast() }
    if let top = state.levels.last, top.query == needle {
      restore(kept, state: &state, source: source)
      return
    }
    let rows: [Int32]
    if let top = state.levels.last {
      rows = narrow(top.rows, to: needle, source: source)
      state.rowsExaminedByLastFilter = top.rows.count
    } else {
      rows = scanAll(for: needle, order: state.order, source: source)
      state.rowsExaminedByLastFilter = source.rowCount
    }
    state.levels.append(FilterLevel(query: needle, rows: rows))
    restore(kept, state: &state, source: source)
  }

  // MARK: Internals

  func setSort(_ sort: TableSort?, state: inout TableState, source: some TableDataSource, force: Bool) {
    guard force || sort != state.sort else { return }
    let kept = state.selectedRow(in: source)
    state.sort = sort
    state.order = sort.map { sortedRows($0, source: source) }
    // The matches must follow the new order: search again from scratch.
    let filter = state.filter
    state.levels = []
    state.filter = ""
    if !filter.isEmpty {
      state.selection = 0
      setFilter(filter, state: &state, source: source)
    }
    restore(kept, state: &state, source: source)
  }

  /// A source's rows count changed behind the state's back: a stale sort would hide or
  /// invent rows, so sort and filter again.
  func refreshIfResized(state: inout TableState, source: some TableDataSource) {
    if let order = state.order, order.count != source.rowCount { reload(state: &state, source: source) }
  }

  /// `s` walks the sortable columns, then back to the source's order.
  func nextSort(after sort: TableSort?) -> TableSort? {
    let sortable = columns.indices.filter { columns[$0].sortable }
    guard !sortable.isEmpty else { return nil }
    guard let sort else { return TableSort(column: sortable[0]) }
    guard let next = sortable.first(where: { $0 > sort.column }) else { return nil }
    return TableSort(column: next)
  }

  func sortedRows(_ sort: TableSort, source: some TableDataSource) -> [Int32] {
    if let given = source.sortedRows(column: sort.column, ascending: sort.ascending) { return given }
    let n = source.rowCount
    // UTF-8 bytes compare in code point order, like `String` for NFC text, but much faster.
    let keys = (0..<n).map { Array(source.text(row: $0, column: sort.column).utf8) }
    var order = (0..<n).map { Int32($0) }
    // Ties keep the source's order in both directions, so reversing is predictable.
    let ascending = sort.ascending
    order.sort { a, b in
      let ka = keys[Int(a)]
      let kb = keys[Int(b)]
      if ka == kb { return a < b }
      return ka.lexicographicallyPrecedes(kb) == ascending
    }
    return order
  }

  func scanAll(for needle: [UInt8], order: [Int32]?, source: some TableDataSource) -> [Int32] {
    guard let keys = source.searchKeys, keys.count == source.rowCount else {
      return narrow(order ?? (0..<source.rowCount).map { Int32($0) }, to: needle, source: source)
    }
    let found = ByteSearch.allRows(in: keys, containing: Needle(needle, frequencies: keys.byteFrequencies))
    guard let order else { return found }
    // The scan finds rows in source order; the list shows them in sorted order.
    var hit = [Bool](repeating: false, count: source.rowCount)
    for row in found { hit[Int(row)] = true }
    var result: [Int32] = []
    result.reserveCapacity(found.count)
    for row in order where hit[Int(row)] { result.append(row) }
    return result
  }

  func narrow(_ candidates: [Int32], to needle: [UInt8], source: some TableDataSource) -> [Int32] {
    if let keys = source.searchKeys, keys.count == source.rowCount {
      return ByteSearch.filter(
        candidates, in: keys, containing: Needle(needle, frequencies: keys.byteFrequencies))
    }
    // No keys kept by the source: build each candidate's key from its cells.
    return candidates.filter { candidate in
      let row = Int(candidate)
      let text = columns.indices.map { source.text(row: row, column: $0) }.joined(separator: " ")
      return ByteSearch.contains(SearchKeys.normalize(text), needle)
    }
  }

  /// Puts the selection back on `row` if it is shown, else on the first row, centred.
  func restore(_ row: Int?, state: inout TableState, source: some TableDataSource) {
    let count = state.count(in: source)
    var position = 0
    if let row {
      if let matches = state.matches {
        position = matches.firstIndex(of: Int32(row)) ?? 0
      } else if let order = state.order {
        position = order.firstIndex(of: Int32(row)) ?? 0
      } else {
        position = row
      }
    }
    state.selection = position
    state.reveal(count: count, centered: true)
  }
}
