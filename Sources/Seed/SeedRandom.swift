/// A small deterministic random number generator (SplitMix64): the same seed gives the same demo and
/// the same synthetic archive on every machine and every run, which `SystemRandomNumberGenerator` cannot.
public struct SeedRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (bound > 0); the tiny modulo bias does not matter for made-up data.
  public mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  /// A number in the closed range.
  public mutating func between(_ low: Int, _ high: Int) -> Int {
    low + below(high - low + 1)
  }

  /// True with the given probability (0…1).
  public mutating func chance(_ probability: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < probability
  }

  /// One element of a non-empty array.
  public mutating func pick<T>(_ items: [T]) -> T {
    items[below(items.count)]
  }

  /// `count` different elements of `items` (all of them when it has fewer), in random order.
  public mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
    var pool = items
    var result: [T] = []
    let wanted = min(count, pool.count)
    result.reserveCapacity(wanted)
    for _ in 0..<wanted {
      let index = below(pool.count)
      result.append(pool[index])
      pool.swapAt(index, pool.count - 1)
      pool.removeLast()
    }
    return result
  }
}

extension SeedRandom {
  /// `count` different indices below `bound`, cheap when count is much smaller than bound.
  public mutating func distinctIndices(_ count: Int, below bound: Int) -> [Int] {
    let wanted = min(count, bound)
    var result: [Int] = []
    result.reserveCapacity(wanted)
    while result.count < wanted {
      let index = below(bound)
      if !result.contains(index) { result.append(index) }
    }
    return result
  }
}
