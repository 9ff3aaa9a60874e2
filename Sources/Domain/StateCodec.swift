import Collections
import Foundation

extension CommitteeState: BinaryCodable {
  public func encode(into w: inout BinaryWriter) {
    w.write(varint: nextRawID)
    Self.write(members, &w)
    Self.write(sectors, &w)
    Self.write(specialCommittees, &w)
    Self.write(departments, &w)
    Self.write(stations, &w)
    Self.write(partnerRegions, &w)
    Self.write(supervisionTeams, &w)
    Self.write(rivers, &w)
    Self.write(staffAccounts, &w)
    Self.write(consultations, &w)
    Self.write(supervisionItems, &w)
    Self.write(patrols, &w)
    Self.write(visits, &w)
    Self.write(opinionReports, &w)
    Self.write(sectorActivities, &w)
    Self.write(problems, &w)
  }

  /// Reads the records and rebuilds every index.
  public init(from r: inout BinaryReader) throws(BinaryError) {
    self.init()
    let counter = try r.readVarint()
    var highest: UInt64 = 0
    try Self.read(&members, &r, &highest)
    try Self.read(&sectors, &r, &highest)
    try Self.read(&specialCommittees, &r, &highest)
    try Self.read(&departments, &r, &highest)
    try Self.read(&stations, &r, &highest)
    try Self.read(&partnerRegions, &r, &highest)
    try Self.read(&supervisionTeams, &r, &highest)
    try Self.read(&rivers, &r, &highest)
    try Self.read(&staffAccounts, &r, &highest)
    var consultationTable: TreeDictionary<ConsultationID, Consultation> = [:]
    try Self.read(&consultationTable, &r, &highest)
    for consultation in consultationTable.values { setConsultation(consultation.id, consultation) }
    var itemTable: TreeDictionary<SupervisionItemID, SupervisionItem> = [:]
    try Self.read(&itemTable, &r, &highest)
    for item in itemTable.values { setSupervisionItem(item.id, item) }
    try Self.read(&patrols, &r, &highest)
    try Self.read(&visits, &r, &highest)
    try Self.read(&opinionReports, &r, &highest)
    try Self.read(&sectorActivities, &r, &highest)
    var problemTable: TreeDictionary<ProblemID, Problem> = [:]
    try Self.read(&problemTable, &r, &highest)
    for problem in problemTable.values { setProblem(problem.id, problem) }
    raiseNextRawID(to: max(counter, highest &+ 1))
  }

  private static func write<T: Record>(_ table: TreeDictionary<ID<T>, T>, _ w: inout BinaryWriter) {
    w.write(varint: UInt64(table.count))
    for record in table.values { record.encode(into: &w) }
  }

  private static func read<T: Record>(
    _ table: inout TreeDictionary<ID<T>, T>, _ r: inout BinaryReader, _ highest: inout UInt64
  ) throws(BinaryError) {
    let count = try r.readCount()
    for _ in 0..<count {
      let start = r.offset
      let record = try T(from: &r)
      guard table.updateValue(record, forKey: record.id) == nil else {
        throw r.failure(.invalidValue(type: "duplicate \(T.self) id \(record.id.raw)"), at: start)
      }
      highest = max(highest, record.id.raw)
    }
  }
}
