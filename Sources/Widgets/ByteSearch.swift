#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Substring search over `SearchKeys` bytes: memchr for the needle's last byte (a UTF-8
/// continuation byte for Chinese, so candidates are rare), then memcmp for the rest.
enum ByteSearch {
  /// Every row whose key contains `needle`, in row order, scanning the whole buffer once.
  static func allRows(in keys: SearchKeys, containing needle: [UInt8]) -> [Int32] {
    var result: [Int32] = []
    let k = needle.count
    guard k > 0, keys.count > 0 else { return result }
    keys.bytes.withUnsafeBufferPointer { hay in
      keys.offsets.withUnsafeBufferPointer { offsets in
        needle.withUnsafeBufferPointer { nd in
          guard let base = hay.baseAddress, let np = nd.baseAddress else { return }
          let last = Int32(nd[k - 1])
          let end = hay.count
          var p = k - 1
          var row = 0
          while p < end {
            guard let hit = memchr(base + p, last, end - p) else { break }
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = q - (k - 1)
            if k == 1 || memcmp(base + start, np, k - 1) == 0 {
              while offsets[row + 1] <= start { row += 1 }
              result.append(Int32(row))
              // One hit per row is enough: go on from the next row.
              p = offsets[row + 1] + k - 1
              row += 1
            } else {
              p = q + 1
            }
          }
        }
      }
    }
    return result
  }

  /// Whether one row's key contains `needle`.
  static func row(_ row: Int, in keys: SearchKeys, contains needle: [UInt8]) -> Bool {
    keys.bytes.withUnsafeBufferPointer { hay in
      guard let base = hay.baseAddress else { return false }
      return contains(base + keys.offsets[row], count: keys.offsets[row + 1] - keys.offsets[row], needle)
    }
  }

  /// The rows among `candidates` whose key contains `needle`, in the candidates' order.
  static func filter(_ candidates: [Int32], in keys: SearchKeys, containing needle: [UInt8]) -> [Int32] {
    var result: [Int32] = []
    keys.bytes.withUnsafeBufferPointer { hay in
      keys.offsets.withUnsafeBufferPointer { offsets in
        guard let base = hay.baseAddress else { return }
        for candidate in candidates {
          let row = Int(candidate)
          let start = offsets[row]
          if contains(base + start, count: offsets[row + 1] - start, needle) { result.append(candidate) }
        }
      }
    }
    return result
  }

  /// Whether `count` bytes at `haystack` contain `needle`.
  static func contains(_ haystack: UnsafePointer<UInt8>, count: Int, _ needle: [UInt8]) -> Bool {
    let k = needle.count
    if k == 0 { return true }
    if k > count { return false }
    return needle.withUnsafeBufferPointer { nd in
      guard let np = nd.baseAddress else { return false }
      let last = Int32(nd[k - 1])
      var p = k - 1
      while p < count {
        guard let hit = memchr(haystack + p, last, count - p) else { return false }
        let q = haystack.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if k == 1 || memcmp(haystack + q - (k - 1), np, k - 1) == 0 { return true }
        p = q + 1
      }
      return false
    }
  }

  /// Whether `haystack` contains `needle` (for queries, which are short).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    haystack.withUnsafeBufferPointer { hay in
      guard let base = hay.baseAddress else { return needle.isEmpty }
      return contains(base, count: hay.count, needle)
    }
  }
}
