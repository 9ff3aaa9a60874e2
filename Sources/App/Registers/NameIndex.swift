import Domain
import Foundation
import Widgets

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The names of one kind of register record in use (not archived), for the search of a form's
/// reference field: built once per data change, so that a keystroke is one `memmem` scan over a
/// byte buffer and not a walk over every record.
struct NameIndex: Sendable, Equatable {
  let kind: RecordKind
  private(set) var raws: [UInt64] = []
  private(set) var labels: [String] = []
  private(set) var keys = SearchKeys()

  init(kind: RecordKind, data: CommitteeState) {
    self.kind = kind
    func add(_ raw: UInt64, _ label: String) {
      raws.append(raw)
      labels.append(label)
      keys.append(label)
    }
    var found: [(UInt64, String)] = []
    switch kind {
    case .member: found = data.members.values.filter { !$0.archived }.map { ($0.id.raw, $0.name) }
    case .sector: found = data.sectors.values.filter { !$0.archived }.map { ($0.id.raw, $0.name) }
    case .specialCommittee:
      found = data.specialCommittees.values.filter { !$0.archived }.map { ($0.id.raw, $0.name) }
    case .station: found = data.stations.values.filter { !$0.archived }.map { ($0.id.raw, $0.name) }
    default: break
    }
    // The maps iterate in hash order; matches are offered in the order records were added.
    found.sort { $0.0 < $1.0 }
    raws.reserveCapacity(found.count)
    labels.reserveCapacity(found.count)
    for (raw, label) in found { add(raw, label) }
  }

  /// The name a record of this kind is offered under; nil when it is not offered (archived, gone).
  static func label(_ raw: UInt64, kind: RecordKind, in data: CommitteeState) -> String? {
    switch kind {
    case .member: return data.members[ID(raw: raw)].flatMap { $0.archived ? nil : $0.name }
    case .sector: return data.sectors[ID(raw: raw)].flatMap { $0.archived ? nil : $0.name }
    case .specialCommittee:
      return data.specialCommittees[ID(raw: raw)].flatMap { $0.archived ? nil : $0.name }
    case .station: return data.stations[ID(raw: raw)].flatMap { $0.archived ? nil : $0.name }
    default: return nil
    }
  }

  /// Carried to `data` through the records touched since it was built: each touched record of its
  /// kind goes out, comes in at its place by ID or is named again, so the index equals one built
  /// from `data` and a change costs its records, not a pass over fifty thousand members.
  mutating func follow(to data: CommitteeState, touched: Set<RecordRef>) {
    for raw in touched.filter({ $0.kind == kind }).map(\.raw).sorted() {
      var low = 0
      var high = raws.count
      while low < high {
        let mid = (low + high) / 2
        if raws[mid] < raw { low = mid + 1 } else { high = mid }
      }
      let present = low < raws.count && raws[low] == raw
      switch (present, Self.label(raw, kind: kind, in: data)) {
      case (true, nil):
        raws.remove(at: low)
        labels.remove(at: low)
        keys.remove(row: low)
      case (true, let label?):
        labels[low] = label
        keys.replace(row: low, with: label)
      case (false, let label?):
        raws.insert(raw, at: low)
        labels.insert(label, at: low)
        keys.insert(label, at: low)
      case (false, nil): break
      }
    }
  }

  /// Records whose name contains `query` (case-insensitive), at most `limit`, exact names first.
  func search(_ query: String, limit: Int = 30) -> [FieldOption] {
    let needle = SearchKeys.normalize(query)
    guard !needle.isEmpty else { return [] }
    var found: [Int] = []
    keys.bytes.withUnsafeBufferPointer { haystack in
      needle.withUnsafeBufferPointer { pattern in
        var start = 0
        while found.count < limit && start < haystack.count {
          guard let offset = Self.find(pattern, in: haystack, from: start) else { break }
          let row = rowContaining(offset)
          found.append(row)
          start = keys.start(ofRow: row + 1)
        }
      }
    }
    let options = found.map { FieldOption(id: String(raws[$0]), label: labels[$0]) }
    let exact = options.filter { $0.label == query }
    return exact + options.filter { $0.label != query }
  }

  /// The first offset at or after `start` where `pattern` occurs: memchr for its first byte,
  /// then memcmp for the rest (glibc's memmem needs _GNU_SOURCE, which Swift does not set).
  static func find(
    _ pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    guard let base = haystack.baseAddress, let first = pattern.first, let patternBase = pattern.baseAddress
    else { return nil }
    var at = start
    while at + pattern.count <= haystack.count {
      guard let hit = memchr(base + at, Int32(first), haystack.count - pattern.count + 1 - at) else {
        return nil
      }
      let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      if memcmp(base + offset, patternBase, pattern.count) == 0 { return offset }
      at = offset + 1
    }
    return nil
  }

  /// The row whose key holds the byte at `offset`.
  private func rowContaining(_ offset: Int) -> Int {
    let offsets = keys.offsets
    var low = 0
    var high = offsets.count - 1
    while low + 1 < high {
      let mid = (low + high) / 2
      if Int(offsets[mid]) <= offset { low = mid } else { high = mid }
    }
    return low
  }
}
