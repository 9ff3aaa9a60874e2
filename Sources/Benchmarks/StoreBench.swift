import Domain
import Foundation
import Store

/// The store benchmark behind `shangliang bench store`: builds an archive of N records through
/// changes, then measures open, snapshot (with applies running during it), apply, undo and memory.
public enum StoreBench {
  /// Makes the change that adds record number `index` to `state`, taking `state.newID(offset: idOffset)`
  /// as its ID (the offset counts records already made in the same import). Swappable for Domain's generator.
  public typealias Generator =
    @Sendable (_ index: Int, _ state: CommitteeState, _ idOffset: UInt64) -> Domain.Change

  /// The measured figures; `json` prints them as one object.
  public struct Figures: Sendable {
    public var records = 0
    public var generateSeconds = 0.0
    public var openSeconds = 0.0
    public var replayedChanges = 0
    public var snapshotSeconds = 0.0
    public var snapshotBytes = 0
    public var appliesDuringSnapshot = 0
    /// When the longest apply during the snapshot started, as a fraction of the snapshot's time.
    public var longestApplyAt = 0.0
    /// How long the call that starts the snapshot took (on the user's thread).
    public var snapshotStartMs = 0.0
    public var applyWaitDuringSnapshotMaxMs = 0.0
    public var applyMedianMicros = 0.0
    public var applyP99Micros = 0.0
    /// The longest single apply with no snapshot running, for comparison with the one during a snapshot.
    public var applyMaxMs = 0.0
    public var undoMedianMicros = 0.0
    /// Bytes the single changes above added to the journal and to the audit log, per change.
    public var journalBytesPerChange = 0.0
    public var auditBytesPerChange = 0.0
    /// Peak resident memory from opening the archive to its final snapshot (the store in use).
    public var peakResidentMB = 0.0
    /// Peak resident memory while generating (before the peak is reset for the phases above).
    public var generatePeakResidentMB = 0.0
    /// The peak split: while opening, and while snapshotting.
    public var openPeakResidentMB = 0.0
    public var snapshotPeakResidentMB = 0.0
    /// Resident memory after each phase, to see where the peak comes from.
    /// Parts of the snapshot and open times, measured alone on the final state.
    public var encodeSeconds = 0.0
    public var checksumSeconds = 0.0
    public var decodeSeconds = 0.0
    /// The same state cut into parts (snapshot format 2): encoding them, and decoding them on two
    /// threads and putting them together, as opening a store does.
    public var encodePartsSeconds = 0.0
    public var decodePartsSeconds = 0.0
    public var residentAfterGenerateMB = 0.0
    public var residentAfterOpenMB = 0.0
    /// The longest applies while the snapshot was written, in milliseconds, longest first.
    public var longestAppliesDuringSnapshotMs: [Double] = []

    public var json: String {
      func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
      let fields: [(String, String)] = [
        ("records", String(records)),
        ("generate_s", number(generateSeconds, 3)),
        ("open_s", number(openSeconds, 3)),
        ("open_replayed_changes", String(replayedChanges)),
        ("snapshot_s", number(snapshotSeconds, 3)),
        ("snapshot_mb", number(Double(snapshotBytes) / 1_048_576, 1)),
        ("applies_during_snapshot", String(appliesDuringSnapshot)),
        ("snapshot_start_ms", number(snapshotStartMs, 3)),
        ("longest_apply_at_fraction", number(longestApplyAt, 3)),
        ("apply_wait_during_snapshot_max_ms", number(applyWaitDuringSnapshotMaxMs, 3)),
        ("apply_median_us", number(applyMedianMicros, 1)),
        ("apply_p99_us", number(applyP99Micros, 1)),
        ("apply_max_without_snapshot_ms", number(applyMaxMs, 3)),
        ("undo_median_us", number(undoMedianMicros, 1)),
        ("journal_bytes_per_change", number(journalBytesPerChange, 1)),
        ("audit_bytes_per_change", number(auditBytesPerChange, 1)),
        ("peak_rss_mb", number(peakResidentMB, 1)),
        ("generate_peak_rss_mb", number(generatePeakResidentMB, 1)),
        ("open_peak_rss_mb", number(openPeakResidentMB, 1)),
        ("snapshot_peak_rss_mb", number(snapshotPeakResidentMB, 1)),
        ("encode_s", number(encodeSeconds, 3)),
        ("checksum_s", number(checksumSeconds, 3)),
        ("decode_s", number(decodeSeconds, 3)),
        ("encode_parts_s", number(encodePartsSeconds, 3)),
        ("decode_parts_s", number(decodePartsSeconds, 3)),
        ("rss_after_generate_mb", number(residentAfterGenerateMB, 1)),
        ("rss_after_open_mb", number(residentAfterOpenMB, 1)),
        (
          "longest_applies_during_snapshot_ms",
          "[" + longestAppliesDuringSnapshotMs.map { number($0, 3) }.joined(separator: ", ") + "]"
        ),
      ]
      return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
  }

  /// Runs the benchmark in `folder` (emptied first, removed after unless `keep`).
  public static func run(
    records: Int, folder: String, keep: Bool = false, generator: Generator = simpleRecord
  ) throws(StoreError) -> Figures {
    try? FileManager.default.removeItem(atPath: folder)
    defer { if !keep { try? FileManager.default.removeItem(atPath: folder) } }
    var figures = Figures()
    figures.records = records
    let admin = ActingUser.staff("bench", .admin)
    var clock = Date(timeIntervalSince1970: 1_780_000_000)
    func tick() -> Date {
      clock = clock.addingTimeInterval(0.001)
      return clock
    }

    // Generate: imports of 1,000 records each, one journal record per import, as an import would.
    var started = now()
    do {
      let store = try CommitteeStore.open(folder: folder, now: tick())
      let account = StaffAccount(id: store.state.newID(), userName: "bench", displayName: "基准", role: .admin)
      try store.apply(.putStaffAccount(account), actor: admin, now: tick())
      var made = 0
      while made < records {
        let count = min(1_000, records - made)
        let state = store.state
        let batch = (made..<(made + count)).map { index in generator(index, state, UInt64(index - made)) }
        try store.apply(.group(batch), actor: admin, now: tick())
        made += count
      }
      try store.close(now: tick())
    }
    figures.generateSeconds = seconds(since: started)
    figures.generatePeakResidentMB = peakResidentMegabytes()
    returnFreeMemory()
    figures.residentAfterGenerateMB = residentMegabytes("VmRSS:")

    // Leave a journal of a thousand single changes behind, as a day's work before a crash.
    do {
      let store = try CommitteeStore.open(folder: folder, now: tick())
      for index in 0..<1_000 {
        try store.apply(generator(records + index, store.state, 0), actor: admin, now: tick())
      }
      try store.sync()
      store.abandon()
    }

    // Memory the previous phases freed goes back first, so the peak is the open's own.
    returnFreeMemory()
    resetPeak()
    started = now()
    let store = try CommitteeStore.open(folder: folder, now: tick())
    figures.openSeconds = seconds(since: started)
    figures.replayedChanges = store.report.replayedChanges
    figures.openPeakResidentMB = peakResidentMegabytes()
    var peak = figures.openPeakResidentMB
    returnFreeMemory()
    figures.residentAfterOpenMB = residentMegabytes("VmRSS:")

    // Apply one change at a time (no fsync: that is the disk's figure, not ours).
    var applyTimes: [Double] = []
    let journalBefore = store.journalBytesWritten
    let auditBefore = store.audit?.bytesWritten ?? 0
    for index in 0..<5_000 {
      let change = generator(records + 1_000 + index, store.state, 0)
      let start = now()
      try store.apply(change, actor: admin, now: tick())
      applyTimes.append(micros(since: start))
    }
    figures.applyMedianMicros = percentile(applyTimes, 0.5)
    figures.applyP99Micros = percentile(applyTimes, 0.99)
    figures.applyMaxMs = (applyTimes.max() ?? 0) / 1_000
    figures.journalBytesPerChange = Double(store.journalBytesWritten - journalBefore) / 5_000
    figures.auditBytesPerChange = Double((store.audit?.bytesWritten ?? 0) - auditBefore) / 5_000

    var undoTimes: [Double] = []
    for _ in 0..<100 {
      let start = now()
      try store.undo(actor: admin, now: tick())
      undoTimes.append(micros(since: start))
    }
    figures.undoMedianMicros = percentile(undoTimes, 0.5)

    // Snapshot in the background while changes keep coming, one a millisecond (far faster than
    // people type, slow enough to leave the snapshot its share of two cores).
    peak = max(peak, peakResidentMegabytes())
    returnFreeMemory()
    resetPeak()
    started = now()
    try store.snapshot(now: tick())
    // Starting it happens on the user's thread too, so it counts as a wait.
    figures.snapshotStartMs = micros(since: started) / 1_000
    var waits: [Double] = [figures.snapshotStartMs]
    var startsAt: [Double] = [0]
    var applied = 0
    while store.isSnapshotting {
      let change = generator(records + 10_000 + applied, store.state, 0)
      let start = now()
      try store.apply(change, actor: admin, now: tick())
      let took = micros(since: start)
      waits.append(took / 1_000)
      startsAt.append(Double(start - started))
      applied += 1
      _ = store.takeSnapshotResults()
      if took < 1_000 { usleep(UInt32(1_000 - took)) }
    }
    figures.snapshotSeconds = seconds(since: started)
    if let worst = waits.indices.max(by: { waits[$0] < waits[$1] }) {
      figures.longestApplyAt = startsAt[worst] / 1e9 / figures.snapshotSeconds
    }
    for result in store.takeSnapshotResults() {
      if case .failure(let error) = result { throw error }
    }
    figures.appliesDuringSnapshot = applied
    waits.sort(by: >)
    figures.applyWaitDuringSnapshotMaxMs = waits.first ?? 0
    figures.longestAppliesDuringSnapshotMs = Array(waits.prefix(5))
    figures.snapshotBytes = store.snapshotFileBytes
    figures.snapshotPeakResidentMB = peakResidentMegabytes()
    figures.peakResidentMB = max(peak, figures.snapshotPeakResidentMB)
    let finalState = store.state
    try store.close(now: tick())
    started = now()
    let payload = CommitteeModel.encode(state: finalState)
    figures.encodeSeconds = seconds(since: started)
    started = now()
    _ = CRC32C.checksum(payload)
    figures.checksumSeconds = seconds(since: started)
    started = now()
    _ = try? CommitteeModel.decodeState(
      payload, range: 0..<payload.count, version: CommitteeModel.payloadVersion)
    figures.decodeSeconds = seconds(since: started)
    started = now()
    var parts: [UInt8] = []
    var ranges: [Range<Int>] = []
    for part in CommitteeModel.encodeParts(
      state: finalState, partBytes: StoreOptions.defaultSnapshotPartBytes)
    {
      ranges.append(parts.count..<(parts.count + part.count))
      parts += part
    }
    figures.encodePartsSeconds = seconds(since: started)
    started = now()
    _ = try? CommitteeState(bytes: parts, parts: ranges, payloadVersion: CommitteeModel.payloadVersion)
    figures.decodePartsSeconds = seconds(since: started)
    return figures
  }

  private static let phrases = [
    "九龙坡区石坪桥街道委员工作站", "围绕小花市集占道经营问题开展微协商", "居民代表反映夜间噪音扰民", "区城市管理局现场答复整改时限",
    "濑溪河荣昌段联合巡河发现垃圾堆积", "建议增设垃圾收集点并明确河长责任", "三合村灌溉用水短缺需跨区域协调", "企业反映天然气供应不稳定影响生产",
    "社情民意信息：背街小巷井盖缺失", "委员跟踪问效，回头看整改落实情况", "群众满意度测评结果良好", "长江岸线保护专题监督调研",
  ]

  /// The default record: a member with about 200 bytes of Chinese notes, every fiftieth a department.
  public static let simpleRecord: Generator = { index, state, idOffset in
    var notes = "第\(index)号："
    var seed = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
    while notes.utf8.count < 190 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      notes += phrases[Int(seed >> 33) % phrases.count] + "，"
    }
    if index % 50 == 49 {
      return .putDepartment(Department(id: state.newID(offset: idOffset), name: "部门\(index)", contact: notes))
    }
    return .putMember(
      Member(
        id: state.newID(offset: idOffset), name: "委员\(index)", phone: "138\(10_000_000 + index % 90_000_000)",
        notes: notes))
  }

  private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
  private static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
  private static func micros(since start: UInt64) -> Double { Double(now() - start) / 1e3 }

  private static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction))]
  }

  /// Asks glibc to give freed memory back (`malloc_trim`, looked up at run time as Swift does not
  /// import it), so that the resident figures after each phase show live memory.
  static func returnFreeMemory() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    typealias Trim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
  }

  /// Resets VmHWM to the current resident size (Linux: "5" written to /proc/self/clear_refs).
  static func resetPeak() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
  }

  /// VmHWM from /proc/self/status: the most memory this process has had resident.
  public static func peakResidentMegabytes() -> Double { residentMegabytes("VmHWM:") }

  /// VmRSS from /proc/self/status: the memory resident now.
  public static func residentMegabytes() -> Double { residentMegabytes("VmRSS:") }

  private static func residentMegabytes(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix(field) {
      let digits = line.filter(\.isNumber)
      return (Double(digits) ?? 0) / 1024
    }
    return 0
  }
}
