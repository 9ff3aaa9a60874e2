import TerminalCore

/// A mark on a row that shows with or without colour: a one-column marker character in the
/// table's marker column ("!") and a role for the whole row (e.g. `.overdue`).
public struct RowMark: Sendable, Hashable {
  public var marker: Character
  public var role: Role

  public init(marker: Character, role: Role) {
    self.marker = marker
    self.role = role
  }
}

/// Where a table gets its rows. The table asks only for the rows it draws, so a source can hold
/// a million records without making a million strings per frame.
public protocol TableDataSource {
  /// How many rows there are (before filtering).
  var rowCount: Int { get }
  /// The text of one cell, already translated and formatted.
  func text(row: Int, column: Int) -> String
  /// An optional mark for a row (overdue, warning …). Default: none.
  func mark(row: Int) -> RowMark?
  /// Lower-cased search keys for every row, kept by the source so a filter keystroke is a byte
  /// scan. Default: nil, and the table builds each row's key from its cells while filtering
  /// (fine for a few thousand rows, slow for a million).
  var searchKeys: SearchKeys? { get }
  /// The rows in sorted order for a column, when the source can do better than comparing cell
  /// texts. Default: nil, and the table sorts by `text(row:column:)`.
  func sortedRows(column: Int, ascending: Bool) -> [Int32]?
}

extension TableDataSource {
  public func mark(row: Int) -> RowMark? { nil }
  public var searchKeys: SearchKeys? { nil }
  public func sortedRows(column: Int, ascending: Bool) -> [Int32]? { nil }
}

/// Every row's search text, lower-cased UTF-8 in one contiguous buffer (rows separated by a
/// zero byte, which no query contains), so filtering is a memchr/memcmp scan and not a
/// million `String.contains` calls.
public struct SearchKeys: Sendable, Equatable {
  public private(set) var bytes: [UInt8] = []
  /// Where each row starts in `bytes`; one more entry than rows, the last is `bytes.count`. Four
  /// bytes a row, not eight: the keys of a million rows are a few hundred megabytes at most.
  public private(set) var offsets: [UInt32] = [0]
  /// How often each byte value occurs, so a search can look for a query's rarest byte first.
  public private(set) var byteFrequencies = [Int](repeating: 0, count: 256)

  public init() {}

  /// Keys for `count` rows, each made by `key(row)`.
  public init(count: Int, key: (Int) -> String) {
    reserve(rows: count, bytes: count * 48)
    for row in 0..<count {
      append(key(row))
      if row == 2_000 { reserveLikeSoFar(rows: count) }
    }
    fit()
  }

  public var count: Int { offsets.count - 1 }

  public mutating func reserve(rows: Int, bytes byteCount: Int) {
    offsets.reserveCapacity(rows + 1)
    bytes.reserveCapacity(byteCount)
  }

  /// Makes room for `rows` keys in all as long, on average, as those appended so far (and a
  /// little more): called once a first slice of a large list's keys is in, so that the buffer grows
  /// once to about its final size instead of doubling up to twice it.
  public mutating func reserveLikeSoFar(rows: Int) {
    guard count > 0, rows > count else { return }
    let perRow = Double(bytes.count) / Double(count)
    reserve(rows: rows, bytes: Int(perRow * Double(rows) * 1.03) + 64)
  }

  /// Gives back the room the buffers hold beyond their keys when it is more than an eighth of them
  /// (the keys of a million rows are over a hundred megabytes: doubling left up to half unused).
  /// A little room is left, so that the keys changes re-make do not double the buffer at once.
  public mutating func fit() {
    if bytes.capacity - bytes.count > bytes.count / 8 { bytes = Self.copyWithRoom(bytes) }
    if offsets.capacity - offsets.count > offsets.count / 8 { offsets = Self.copyWithRoom(offsets) }
  }

  private static func copyWithRoom<T>(_ array: [T]) -> [T] {
    var copy: [T] = []
    copy.reserveCapacity(array.count + array.count / 32 + 256)
    copy.append(contentsOf: array)
    return copy
  }

  /// Adds the next row's key.
  public mutating func append(_ text: String) {
    let start = bytes.count
    SearchKeys.normalize(text, into: &bytes)
    for b in bytes[start...] { byteFrequencies[Int(b)] += 1 }
    bytes.append(0)
    offsets.append(Self.offset(bytes.count))
  }

  /// An offset into `bytes` as held in `offsets` (keys past 4 GiB are refused).
  static func offset(_ value: Int) -> UInt32 {
    guard let offset = UInt32(exactly: value) else { preconditionFailure("search keys past 4 GiB") }
    return offset
  }

  /// Where row `row`'s key starts in `bytes` (`row == count`: the end of the last key).
  @inline(__always)
  public func start(ofRow row: Int) -> Int { Int(offsets[row]) }

  /// Puts `text` in place of a row's key. The rows after it move in the buffer (one memmove), so
  /// following a change costs the touched rows, not every row's key made again.
  public mutating func replace(row: Int, with text: String) {
    splice(row: row, removing: true, inserting: SearchKeys.normalize(text))
  }

  /// Inserts a key so that it becomes row `row`.
  public mutating func insert(_ text: String, at row: Int) {
    splice(row: row, removing: false, inserting: SearchKeys.normalize(text))
  }

  /// Removes row `row`'s key.
  public mutating func remove(row: Int) {
    splice(row: row, removing: true, inserting: nil)
  }

  private mutating func splice(row: Int, removing: Bool, inserting key: [UInt8]?) {
    guard row >= 0, row <= count, !removing || row < count else { return }
    let start = Int(offsets[row])
    let oldEnd = removing ? Int(offsets[row + 1]) : start
    for b in bytes[start..<oldEnd] where b != 0 { byteFrequencies[Int(b)] -= 1 }
    var new: [UInt8] = []
    if let key {
      for b in key { byteFrequencies[Int(b)] += 1 }
      new = key
      new.append(0)
    }
    bytes.replaceSubrange(start..<oldEnd, with: new)
    // The row's own end comes or goes; every later row's start moves by the change in length.
    if removing && key == nil { offsets.remove(at: row + 1) }
    if !removing { offsets.insert(Self.offset(start), at: row + 1) }
    let delta = new.count - (oldEnd - start)
    // Refused past 4 GiB, as `append` does.
    _ = Self.offset(bytes.count)
    if delta > 0 {
      let up = UInt32(delta)
      for i in (row + 1)..<offsets.count { offsets[i] &+= up }
    } else if delta < 0 {
      let down = UInt32(-delta)
      for i in (row + 1)..<offsets.count { offsets[i] &-= down }
    }
  }

  /// The keys of some rows, in the given order (the rows a filter shows): the bytes copied, no key
  /// made again.
  public func gather(_ rows: [Int32]) -> SearchKeys {
    var result = SearchKeys()
    var total = 0
    for row in rows { total += start(ofRow: Int(row) + 1) - start(ofRow: Int(row)) }
    result.reserve(rows: rows.count, bytes: total)
    for row in rows {
      let range = start(ofRow: Int(row))..<start(ofRow: Int(row) + 1)
      result.bytes.append(contentsOf: bytes[range])
      result.offsets.append(Self.offset(result.bytes.count))
    }
    for b in result.bytes where b != 0 { result.byteFrequencies[Int(b)] += 1 }
    return result
  }

  /// How a key or a query is compared: lower-cased UTF-8 without zero bytes.
  public static func normalize(_ text: some StringProtocol) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    normalize(text, into: &out)
    return out
  }

  /// Appends `text` normalized to `out`. Chinese text is most of every key: the scripts from
  /// U+3000 to U+9FFF (CJK punctuation, kana, ideographs) have no case, so their bytes are copied
  /// without asking the Unicode tables, and no scalar becomes a String of its own.
  static func normalize(_ text: some StringProtocol, into out: inout [UInt8]) {
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if value == 0 { continue }
      if value < 0x80 {
        let b = UInt8(value)
        out.append(b >= 65 && b <= 90 ? b + 32 : b)
      } else if (0x3000...0x9FFF).contains(value) || !scalar.properties.changesWhenLowercased {
        appendUTF8(value, to: &out)
      } else {
        out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
      }
    }
  }

  /// A scalar's UTF-8 bytes.
  private static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
    switch value {
    case ..<0x800:
      out.append(UInt8(0xC0 | (value >> 6)))
      out.append(UInt8(0x80 | (value & 0x3F)))
    case ..<0x10000:
      out.append(UInt8(0xE0 | (value >> 12)))
      out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (value & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (value >> 18)))
      out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (value & 0x3F)))
    }
  }
}

/// A table source over rows held in memory; for the short lists of most screens and for tests.
public struct ArrayTableSource: TableDataSource, Sendable {
  /// The cells, row by row; changing them rebuilds the search keys (then call `Table.reload`).
  public var rows: [[String]] {
    didSet { searchKeys = Self.keys(for: rows) }
  }
  public var marks: [Int: RowMark]
  public private(set) var searchKeys: SearchKeys?

  public init(rows: [[String]], marks: [Int: RowMark] = [:]) {
    self.rows = rows
    self.marks = marks
    self.searchKeys = Self.keys(for: rows)
  }

  static func keys(for rows: [[String]]) -> SearchKeys {
    SearchKeys(count: rows.count) { rows[$0].joined(separator: " ") }
  }

  public var rowCount: Int { rows.count }

  public func text(row: Int, column: Int) -> String {
    guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return "" }
    return rows[row][column]
  }

  public func mark(row: Int) -> RowMark? { marks[row] }
}
