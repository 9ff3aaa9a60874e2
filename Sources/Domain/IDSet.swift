import Collections

/// A persistent set of IDs of one kind, stored as a bitmap of 64-ID words in a persistent map:
/// copying is O(1), and IDs (which come from one counter, so are dense) cost about a bit each.
public struct IDSet<T>: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral {
  private var words: TreeDictionary<UInt64, UInt64>
  public private(set) var count: Int

  public init() {
    words = [:]
    count = 0
  }

  /// Builds a set in bulk (much faster than inserting one by one).
  public init(_ ids: some Sequence<ID<T>>) {
    var raws = ids.map(\.raw)
    raws.sort()
    var words: TreeDictionary<UInt64, UInt64> = [:]
    var count = 0
    var index = 0
    while index < raws.count {
      let key = raws[index] >> 6
      var bits: UInt64 = 0
      while index < raws.count, raws[index] >> 6 == key {
        let bit: UInt64 = 1 << (raws[index] & 63)
        if bits & bit == 0 { count += 1 }
        bits |= bit
        index += 1
      }
      words[key] = bits
    }
    self.words = words
    self.count = count
  }

  public init(arrayLiteral ids: ID<T>...) { self.init(ids) }

  public var isEmpty: Bool { count == 0 }

  public func contains(_ id: ID<T>) -> Bool {
    (words[id.raw >> 6] ?? 0) & (1 << (id.raw & 63)) != 0
  }

  @discardableResult
  public mutating func insert(_ id: ID<T>) -> Bool {
    let key = id.raw >> 6
    let bit: UInt64 = 1 << (id.raw & 63)
    let old = words[key] ?? 0
    if old & bit != 0 { return false }
    words[key] = old | bit
    count += 1
    return true
  }

  @discardableResult
  public mutating func remove(_ id: ID<T>) -> Bool {
    let key = id.raw >> 6
    let bit: UInt64 = 1 << (id.raw & 63)
    guard let old = words[key], old & bit != 0 else { return false }
    let new = old & ~bit
    words[key] = new == 0 ? nil : new
    count -= 1
    return true
  }

  /// The IDs in ascending order.
  public func sorted() -> [ID<T>] {
    var result: [ID<T>] = []
    result.reserveCapacity(count)
    for key in words.keys.sorted() {
      var bits = words[key] ?? 0
      while bits != 0 {
        let low = UInt64(bits.trailingZeroBitCount)
        result.append(ID(raw: key << 6 | low))
        bits &= bits - 1
      }
    }
    return result
  }

  public func makeIterator() -> IndexingIterator<[ID<T>]> { sorted().makeIterator() }
}
