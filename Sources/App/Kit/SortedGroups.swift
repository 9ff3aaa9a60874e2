/// Values grouped by key, held as two parallel arrays sorted by key and then by value: the pairs of
/// an index such as "problems by the record that raised them" or "patrols by member" without a
/// dictionary entry and an array of its own per key. At a million records a dictionary of small
/// arrays spent more on its buckets, the arrays' headers and their room to grow than on the values.
/// A key's values are found by two binary searches; putting a pair in or taking one out moves the
/// pairs after it (one memmove each, a few megabytes at most), which a change pays once per record
/// it touched.
struct SortedGroups<Key: Comparable & Hashable & Sendable, Value: Comparable & Sendable>: Sendable, Equatable
{
  /// The key of each pair, in order.
  private(set) var keys: [Key] = []
  /// The value of each pair, in order within its key.
  private(set) var values: [Value] = []

  init() {}

  /// The pairs `keys[i]`, `values[i]` in any order, each pair once.
  init(keys unorderedKeys: [Key], values unorderedValues: [Value]) {
    precondition(unorderedKeys.count == unorderedValues.count)
    var order = [Int32](unsafeUninitializedCapacity: unorderedKeys.count) { buffer, count in
      for i in 0..<buffer.count { buffer[i] = Int32(i) }
      count = buffer.count
    }
    unorderedKeys.withUnsafeBufferPointer { k in
      unorderedValues.withUnsafeBufferPointer { v in
        order.sort { a, b in
          let ka = k[Int(a)]
          let kb = k[Int(b)]
          return ka == kb ? v[Int(a)] < v[Int(b)] : ka < kb
        }
      }
    }
    keys.reserveCapacity(order.count)
    values.reserveCapacity(order.count)
    for i in order {
      keys.append(unorderedKeys[Int(i)])
      values.append(unorderedValues[Int(i)])
    }
  }

  /// How many pairs there are.
  var count: Int { keys.count }

  /// The positions of `key`'s pairs.
  func range(of key: Key) -> Range<Int> {
    let low = firstIndex(from: 0) { $0 < key }
    let high = firstIndex(from: low) { $0 <= key }
    return low..<high
  }

  /// `key`'s values in order (empty when it has none).
  subscript(key: Key) -> ArraySlice<Value> { values[range(of: key)] }

  /// Puts the pair in its place; nothing when it is there already.
  mutating func insert(_ value: Value, for key: Key) {
    let place = position(key, value)
    if place < keys.count, keys[place] == key, values[place] == value { return }
    keys.insert(key, at: place)
    values.insert(value, at: place)
  }

  /// Takes the pair out, if it is there.
  mutating func remove(_ value: Value, for key: Key) {
    let place = position(key, value)
    guard place < keys.count, keys[place] == key, values[place] == value else { return }
    keys.remove(at: place)
    values.remove(at: place)
  }

  /// Every key with its values (tests compare indexes made in different ways).
  var dictionary: [Key: [Value]] {
    var out: [Key: [Value]] = [:]
    for (key, value) in zip(keys, values) { out[key, default: []].append(value) }
    return out
  }

  /// The first position from `start` whose key fails `below` (keys are sorted, so `below` holds
  /// for a prefix).
  private func firstIndex(from start: Int, where below: (Key) -> Bool) -> Int {
    var low = start
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if below(keys[middle]) { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Where the pair is, or would go.
  private func position(_ key: Key, _ value: Value) -> Int {
    let range = range(of: key)
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      if values[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
