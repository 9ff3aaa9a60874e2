#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A query ready for scanning: its bytes and the byte to look for first (the one rarest in the
/// keys, so memchr stops as seldom as possible: in Chinese text the lead bytes are few and
/// frequent, digits are everywhere in record numbers).
struct Needle {
  let bytes: [UInt8]
  let anchor: Int

  init(_ bytes: [UInt8], frequencies: [Int]? = nil) {
    self.bytes = bytes
    var best = max(0, bytes.count - 1)
    if let frequencies, frequencies.count == 256 {
      for i in bytes.indices where frequencies[Int(bytes[i])] < frequencies[Int(bytes[best])] { best = i }
    }
    self.anchor = best
  }

  /// A needle anchored at a chosen byte (tests try every position).
  init(_ bytes: [UInt8], anchor: Int) {
    self.bytes = bytes
    self.anchor = min(max(0, anchor), max(0, bytes.count - 1))
  }
}

/// Substring search over `SearchKeys` bytes: memchr for the needle's anchor byte, then memcmp.
enum ByteSearch {
  /// Every row whose key contains `needle`, in row order, scanning the whole buffer once.
  static func allRows(in keys: SearchKeys, containing needle: Needle) -> [Int32] {
    var result: [Int32] = []
    let k = needle.bytes.count
    guard k > 0, keys.count > 0 else { return result }
    keys.bytes.withUnsafeBufferPointer { hay in
      keys.offsets.withUnsafeBufferPointer { offsets in
        needle.bytes.withUnsafeBufferPointer { nd in
          guard let base = hay.baseAddress, let np = nd.baseAddress else { return }
          let anchor = needle.anchor
          let anchorByte = Int32(nd[anchor])
          let end = hay.count
          var p = anchor
          var row = 0
          while p < end {
            guard let hit = memchr(base + p, anchorByte, end - p) else { break }
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = q - anchor
            if start + k <= end && memcmp(base + start, np, k) == 0 {
              while Int(offsets[row + 1]) <= start { row += 1 }
              result.append(Int32(row))
              // One hit per row is enough: go on from the next row.
              p = Int(offsets[row + 1]) + anchor
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

  /// The rows among `candidates` whose key contains `needle`, in the candidates' order.
  static func filter(_ candidates: [Int32], in keys: SearchKeys, containing needle: Needle) -> [Int32] {
    var result: [Int32] = []
    guard !needle.bytes.isEmpty else { return candidates }
    result.reserveCapacity(candidates.count)
    keys.bytes.withUnsafeBufferPointer { hay in
      keys.offsets.withUnsafeBufferPointer { offsets in
        needle.bytes.withUnsafeBufferPointer { nd in
          guard let base = hay.baseAddress, let np = nd.baseAddress else { return }
          for candidate in candidates {
            let row = Int(candidate)
            let start = Int(offsets[row])
            if contains(
              base + start, count: Int(offsets[row + 1]) - start, np, nd.count, anchor: needle.anchor)
            {
              result.append(candidate)
            }
          }
        }
      }
    }
    return result
  }

  /// Whether `count` bytes at `haystack` contain the `k` bytes at `needle`.
  @inline(__always)
  static func contains(
    _ haystack: UnsafePointer<UInt8>, count: Int, _ needle: UnsafePointer<UInt8>, _ k: Int, anchor: Int
  ) -> Bool {
    if k > count { return false }
    let anchorByte = Int32(needle[anchor])
    let last = count - k + anchor  // the last place the anchor can be
    var p = anchor
    while p <= last {
      guard let hit = memchr(haystack + p, anchorByte, last - p + 1) else { return false }
      let q = haystack.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if memcmp(haystack + q - anchor, needle, k) == 0 { return true }
      p = q + 1
    }
    return false
  }

  /// Whether `haystack` contains `needle` (for queries and cell texts, which are short).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { nd in
        guard let h = hay.baseAddress, let n = nd.baseAddress else { return false }
        return contains(h, count: hay.count, n, nd.count, anchor: nd.count - 1)
      }
    }
  }
}
