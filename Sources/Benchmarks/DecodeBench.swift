import Domain
import Foundation
import Store

/// Decoding a committee's state, timed and weighed (`shangliang bench decode --from DIR`): how long
/// the state of a store takes to read from its bytes, and how much memory the decoded state holds,
/// in all and per kind of record.
public enum DecodeBench {
  /// The measured figures; `json` prints them as one object.
  public struct Figures: Sendable {
    public var records = 0
    public var payloadBytes = 0
    public var decodeMs: [Double] = []
    /// Resident memory the decoded state adds (after freed memory is given back), in MB.
    public var stateMB = 0.0
    /// Per kind of record present: how many, the MB their decoded table adds, bytes per record.
    public var kinds: [(name: String, count: Int, megabytes: Double)] = []

    public var json: String {
      let sorted = decodeMs.sorted()
      func percentile(_ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
      }
      func number(_ value: Double) -> String { String(format: "%.1f", value) }
      let perKind = kinds.map { kind in
        "\"\(kind.name)\": {\"count\": \(kind.count), \"mb\": \(number(kind.megabytes)), "
          + "\"bytes_per_record\": \(number(kind.megabytes * 1_048_576 / Double(max(kind.count, 1))))}"
      }
      let fields: [(String, String)] = [
        ("records", String(records)),
        ("payload_mb", number(Double(payloadBytes) / 1_048_576)),
        ("runs", String(decodeMs.count)),
        ("decode_ms_p50", number(percentile(0.5))),
        ("decode_ms_max", number(sorted.last ?? 0)),
        ("state_mb", number(stateMB)),
        ("bytes_per_record", number(stateMB * 1_048_576 / Double(max(records, 1)))),
        ("kinds", "{" + perKind.joined(separator: ", ") + "}"),
      ]
      return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
  }

  /// Reads the store in `folder` (without locking it), encodes its state as a snapshot would, and
  /// decodes those bytes `runs` times, then once per kind of record alone.
  public static func run(folder: String, runs: Int) throws(StoreError) -> Figures {
    let payload = CommitteeModel.encode(
      state: try CommitteeStore.readState(folder: folder), capacity: 1 << 20)
    var figures = Figures()
    figures.payloadBytes = payload.count
    for _ in 0..<max(1, runs) {
      let started = DispatchTime.now().uptimeNanoseconds
      let state = try decode(payload)
      figures.decodeMs.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
      figures.records = state.totalCount
    }
    figures.stateMB = try weigh(payload)
    let state = try decode(payload)
    for kind in order where state.count(of: kind) > 0 {
      var writer = BinaryWriter(capacity: 1 << 20)
      writer.write(varint: state.nextRawID)
      for other in order { write(other == kind ? other : nil, of: state, into: &writer) }
      figures.kinds.append(("\(kind)", state.count(of: kind), try weigh(writer.bytes)))
    }
    return figures
  }

  /// The tables in the order the state's encoding holds them.
  static let order: [RecordKind] = [
    .member, .sector, .specialCommittee, .department, .station, .partnerRegion, .supervisionTeam, .river,
    .staffAccount, .consultation, .supervisionItem, .patrol, .visit, .opinionReport, .sectorActivity,
    .problem,
    .jointMeeting, .cooperationAgreement, .cooperationResult, .sectorReport, .actionTargets, .savedView,
  ]

  private static func decode(_ payload: [UInt8]) throws(StoreError) -> CommitteeState {
    do {
      return try CommitteeModel.decodeState(
        payload, range: 0..<payload.count, version: CommitteeModel.payloadVersion)
    } catch {
      throw .corruptSnapshot(file: "(bench)", offset: 0, reason: error.reason)
    }
  }

  /// The resident MB that decoding `payload` adds while the state is held.
  private static func weigh(_ payload: [UInt8]) throws(StoreError) -> Double {
    StoreBench.returnFreeMemory()
    let before = StoreBench.residentMegabytes()
    let state = try decode(payload)
    StoreBench.returnFreeMemory()
    let after = StoreBench.residentMegabytes()
    withExtendedLifetime(state) {}
    return after - before
  }

  /// Writes the table of `kind` (an empty table when nil) as the state's encoding holds it.
  private static func write(_ kind: RecordKind?, of state: CommitteeState, into w: inout BinaryWriter) {
    func table<T: Record>(_ table: RecordTable<T>) {
      w.write(varint: UInt64(table.count))
      for record in table.values { record.encode(into: &w) }
    }
    switch kind {
    case nil: w.write(varint: UInt64(0))
    case .member: table(state.members)
    case .sector: table(state.sectors)
    case .specialCommittee: table(state.specialCommittees)
    case .department: table(state.departments)
    case .station: table(state.stations)
    case .partnerRegion: table(state.partnerRegions)
    case .supervisionTeam: table(state.supervisionTeams)
    case .river: table(state.rivers)
    case .staffAccount: table(state.staffAccounts)
    case .consultation: table(state.consultations)
    case .supervisionItem: table(state.supervisionItems)
    case .patrol: table(state.patrols)
    case .visit: table(state.visits)
    case .opinionReport: table(state.opinionReports)
    case .sectorActivity: table(state.sectorActivities)
    case .problem: table(state.problems)
    case .jointMeeting: table(state.jointMeetings)
    case .cooperationAgreement: table(state.cooperationAgreements)
    case .cooperationResult: table(state.cooperationResults)
    case .sectorReport: table(state.sectorReports)
    case .actionTargets: table(state.actionTargets)
    case .savedView: table(state.savedViews)
    }
  }
}
