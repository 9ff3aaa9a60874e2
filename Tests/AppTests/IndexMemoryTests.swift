import Domain
import Foundation
import Seed
import Testing

@testable import App

/// The heap the problems-by-source and participation indexes take as sorted pairs
/// (`SortedGroups`) against the dictionaries of small arrays they replaced, built from the same
/// synthetic archive. Run on purpose with `SHANGLIANG_BENCH=<records> swift test --filter
/// IndexMemory`; it prints both figures (glibc's heap in use, from `malloc_stats`) and checks that
/// the pairs take less.
@Suite(.serialized) struct IndexMemory {
  static let records = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] ?? "") ?? 0

  @Test(.enabled(if: records > 0)) func sortedPairsTakeLessHeapThanDictionariesOfArrays() throws {
    let data = try SyntheticArchive(records: Self.records, seed: 7).state()
    // As `problemsBySource` and `Participation` were made before the pairs.
    let dictionaryBySource = Self.heapGrowth {
      var index: [RecordRef: [ProblemID]] = [:]
      for (id, box) in data.problems.storage { index[box.value.source.ref, default: []].append(id) }
      return index
    }
    let pairsBySource = Self.heapGrowth { SharedIndexes.problemsBySource(data, progress: nil) }
    let dictionaryParticipation = Self.heapGrowth { () -> [[UInt64: [UInt64]]] in
      var patrols: [UInt64: [UInt64]] = [:]
      var visits: [UInt64: [UInt64]] = [:]
      var consultations: [UInt64: [UInt64]] = [:]
      var activities: [UInt64: [UInt64]] = [:]
      for p in data.patrols.values {
        for m in Set(p.members) { patrols[m.raw, default: []].append(p.id.raw) }
      }
      for v in data.visits.values { for m in Set(v.members) { visits[m.raw, default: []].append(v.id.raw) } }
      for c in data.consultations.values {
        for m in Set((c.meeting?.members ?? []) + c.details.dispatchedMembers) {
          consultations[m.raw, default: []].append(c.id.raw)
        }
      }
      for a in data.sectorActivities.values {
        for m in Set(a.members) { activities[m.raw, default: []].append(a.id.raw) }
      }
      return [patrols, visits, consultations, activities]
    }
    let pairsParticipation = Self.heapGrowth { () -> Participation in
      var index = Participation(data)
      // Only the kinds the dictionaries above hold.
      index.teams = SortedGroups()
      index.supervision = SortedGroups()
      index.reports = SortedGroups()
      return index
    }
    print(
      "IndexMemory \(Self.records) records, \(data.problems.count) problems: problems by source "
        + "\(dictionaryBySource / 1024) KiB as dictionaries, \(pairsBySource / 1024) KiB as pairs; "
        + "participation (patrols, visits, consultations, activities) \(dictionaryParticipation / 1024) KiB "
        + "as dictionaries, \(pairsParticipation / 1024) KiB as pairs")
    #expect(pairsBySource < dictionaryBySource)
    #expect(pairsParticipation < dictionaryParticipation)
  }

  /// The heap in use held by what `make` returns, while it is held.
  static func heapGrowth<T>(_ make: () -> T?) -> Int {
    let before = heapInUse()
    let made = make()
    let after = heapInUse()
    withExtendedLifetime(made) {}
    return after - before
  }

  /// glibc's heap in use (the "Total" of `malloc_stats`, read back from standard error); 0 where
  /// there is no `malloc_stats`.
  static func heapInUse() -> Int {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_stats") else { return 0 }
    typealias Stats = @convention(c) () -> Void
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("heap-\(getpid()).txt").path
    let file = open(path, O_CREAT | O_TRUNC | O_RDWR, 0o600)
    guard file >= 0 else { return 0 }
    defer {
      close(file)
      unlink(path)
    }
    fflush(nil)
    let saved = dup(2)
    dup2(file, 2)
    unsafeBitCast(symbol, to: Stats.self)()
    fflush(nil)
    dup2(saved, 2)
    close(saved)
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    // The last "in use bytes" line is the total over every arena, mapped blocks included.
    let line = text.split(separator: "\n").last { $0.contains("in use bytes") } ?? ""
    return Int(line.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? 0
  }
}
