import Domain
import Foundation

/// The strings a decoded state holds, per kind of record (`shangliang bench decode --strings`): how
/// many, how many are long enough to be an allocation of their own (over 15 UTF-8 bytes), how many
/// such allocations there are (strings that share one count once), how many distinct texts, and the
/// bytes those allocations take. Tells whether sharing repeated texts or packing a record's texts
/// would pay, before either is written.
public enum StringCensus {
  /// One kind's figures.
  public struct Count: Sendable {
    public var strings = 0
    public var heapStrings = 0
    public var allocations = 0
    public var distinctTexts = 0
    /// What the allocations take: a 32-byte header, the bytes and a terminating zero, in malloc's
    /// 16-byte steps with its 8 bytes of bookkeeping.
    public var allocatedBytes = 0
    /// What they would take if every distinct text were allocated once.
    public var bytesIfShared = 0
    /// Per field name (the last label on the way to it): heap strings, their allocations, distinct
    /// texts, and how many are longer than the reader shares (128 bytes).
    public var byField: [String: (heap: Int, allocations: Int, distinct: Int, long: Int)] = [:]
  }

  /// The census of every kind present in `state`, as JSON lines (one object per kind).
  public static func json(of state: CommitteeState) -> String {
    var lines: [String] = []
    func census<T: Record>(_ name: String, _ table: RecordTable<T>) {
      guard !table.isEmpty else { return }
      let count = Self.count(table.storage.values.lazy.map(\.value))
      let fields = count.byField.sorted { $0.value.heap > $1.value.heap }.prefix(8).map {
        "\"\($0.key)\": [\($0.value.heap), \($0.value.allocations), \($0.value.distinct), \($0.value.long)]"
      }
      lines.append(
        "{\"kind\": \"\(name)\", \"records\": \(table.count), \"strings\": \(count.strings), "
          + "\"heap_strings\": \(count.heapStrings), \"allocations\": \(count.allocations), "
          + "\"distinct\": \(count.distinctTexts), "
          + "\"allocated_mb\": \(String(format: "%.1f", Double(count.allocatedBytes) / 1_048_576)), "
          + "\"mb_if_shared\": \(String(format: "%.1f", Double(count.bytesIfShared) / 1_048_576)), "
          + "\"by_field\": {\(fields.joined(separator: ", "))}}")
    }
    census("member", state.members)
    census("station", state.stations)
    census("consultation", state.consultations)
    census("supervisionItem", state.supervisionItems)
    census("patrol", state.patrols)
    census("visit", state.visits)
    census("opinionReport", state.opinionReports)
    census("sectorActivity", state.sectorActivities)
    census("problem", state.problems)
    return lines.joined(separator: "\n")
  }

  static func count<S: Sequence>(_ records: S) -> Count {
    var count = Count()
    var seenAllocations = Set<UInt>()
    var seenTexts = Set<String>()
    func cost(_ length: Int) -> Int { (32 + length + 1 + 8 + 15) / 16 * 16 }
    func visit(_ value: Any, label: String) {
      if let text = value as? String {
        count.strings += 1
        let length = text.utf8.count
        guard length > 15 else { return }
        count.heapStrings += 1
        count.byField[label, default: (0, 0, 0, 0)].heap += 1
        if length > 128 { count.byField[label, default: (0, 0, 0, 0)].long += 1 }
        let address = text.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } ?? 0
        if seenAllocations.insert(address).inserted {
          count.allocations += 1
          count.allocatedBytes += cost(length)
          count.byField[label, default: (0, 0, 0, 0)].allocations += 1
        }
        if seenTexts.insert(text).inserted {
          count.distinctTexts += 1
          count.bytesIfShared += cost(length)
          count.byField[label, default: (0, 0, 0, 0)].distinct += 1
        }
        return
      }
      for child in Mirror(reflecting: value).children {
        // A problem's history is packed: its mirror makes the events afresh, they are not held.
        if child.label == "history" { continue }
        visit(child.value, label: child.label.map { $0.hasPrefix(".") ? label : $0 } ?? label)
      }
    }
    for record in records { visit(record, label: "") }
    return count
  }
}
