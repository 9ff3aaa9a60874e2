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
    Self.write(actionTargets, &w)
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
    try Self.read(&consultations, &r, &highest)
    try Self.read(&supervisionItems, &r, &highest)
    try Self.read(&patrols, &r, &highest)
    try Self.read(&visits, &r, &highest)
    try Self.read(&opinionReports, &r, &highest)
    try Self.read(&sectorActivities, &r, &highest)
    try readProblems(&r, &highest)
    if r.payloadVersion >= 2 { try Self.read(&actionTargets, &r, &highest) }
    rebuildIndexes(problemsToo: false)
    raiseNextRawID(to: max(counter, highest &+ 1))
  }

  /// Reads the problems and gathers their index entries on the way, so the records are read once.
  private mutating func readProblems(_ r: inout BinaryReader, _ highest: inout UInt64) throws(BinaryError) {
    let count = try r.readCount()
    var byStatus: [ProblemStatus: [ProblemID]] = [:]
    var byDepartment: [DepartmentID: [ProblemID]] = [:]
    var byDue: [Day: [ProblemID]] = [:]
    for _ in 0..<count {
      let start = r.offset
      let problem = try Problem(from: &r)
      guard problems.insertNew(problem) else {
        throw r.failure(.invalidValue(type: "duplicate Problem id \(problem.id.raw)"), at: start)
      }
      highest = max(highest, problem.id.raw)
      byStatus[problem.status, default: []].append(problem.id)
      if let department = problem.department { byDepartment[department, default: []].append(problem.id) }
      if problem.isOpen, let due = problem.due { byDue[due, default: []].append(problem.id) }
    }
    problemsByStatus = byStatus.mapValues { IDSet($0) }
    problemsByDepartment = byDepartment.mapValues { IDSet($0) }
    openProblemsByDue = byDue.mapValues { IDSet($0) }
  }

  private static func write<T: Record>(_ table: RecordTable<T>, _ w: inout BinaryWriter) {
    w.write(varint: UInt64(table.count))
    for record in table.values { record.encode(into: &w) }
  }

  private static func read<T: Record>(
    _ table: inout RecordTable<T>, _ r: inout BinaryReader, _ highest: inout UInt64
  ) throws(BinaryError) {
    let count = try r.readCount()
    for _ in 0..<count {
      let start = r.offset
      let record = try T(from: &r)
      guard table.insertNew(record) else {
        throw r.failure(.invalidValue(type: "duplicate \(T.self) id \(record.id.raw)"), at: start)
      }
      highest = max(highest, record.id.raw)
    }
  }
}
