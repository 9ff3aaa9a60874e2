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
    // Payload version 2: the tables of sector homes and cross-regional cooperation follow.
    Self.write(jointMeetings, &w)
    Self.write(cooperationAgreements, &w)
    Self.write(cooperationResults, &w)
    Self.write(sectorReports, &w)
    Self.write(actionTargets, &w)
    // Payload version 4: the saved views.
    Self.write(savedViews, &w)
  }

  /// Reads the records and rebuilds every index.
  public init(from r: inout BinaryReader) throws(BinaryError) {
    try self.init(from: &r, progress: nil)
  }

  /// Reads the records and rebuilds every index, telling `progress` the reader's offset every
  /// few thousand records (a million-record snapshot takes seconds to read: a progress bar).
  public init(from r: inout BinaryReader, progress: ((Int) -> Void)?) throws(BinaryError) {
    self.init()
    let counter = try r.readVarint()
    var highest: UInt64 = 0
    try Self.read(&members, &r, &highest, progress)
    try Self.read(&sectors, &r, &highest, progress)
    try Self.read(&specialCommittees, &r, &highest, progress)
    try Self.read(&departments, &r, &highest, progress)
    try Self.read(&stations, &r, &highest, progress)
    try Self.read(&partnerRegions, &r, &highest, progress)
    try Self.read(&supervisionTeams, &r, &highest, progress)
    try Self.read(&rivers, &r, &highest, progress)
    try Self.read(&staffAccounts, &r, &highest, progress)
    try Self.read(&consultations, &r, &highest, progress)
    try Self.read(&supervisionItems, &r, &highest, progress)
    try Self.read(&patrols, &r, &highest, progress)
    try Self.read(&visits, &r, &highest, progress)
    try Self.read(&opinionReports, &r, &highest, progress)
    try Self.read(&sectorActivities, &r, &highest, progress)
    try readProblems(&r, &highest, progress)
    if r.payloadVersion >= 2 {
      try Self.read(&jointMeetings, &r, &highest, progress)
      try Self.read(&cooperationAgreements, &r, &highest, progress)
      try Self.read(&cooperationResults, &r, &highest, progress)
      try Self.read(&sectorReports, &r, &highest, progress)
      try Self.read(&actionTargets, &r, &highest, progress)
    }
    if r.payloadVersion >= 4 { try Self.read(&savedViews, &r, &highest, progress) }
    rebuildIndexes(problemsToo: false)
    raiseNextRawID(to: max(counter, highest &+ 1))
  }

  /// Reads the problems and gathers their index entries on the way, so the records are read once.
  private mutating func readProblems(
    _ r: inout BinaryReader, _ highest: inout UInt64, _ progress: ((Int) -> Void)?
  ) throws(BinaryError) {
    let count = try r.readCount()
    var byStatus: [ProblemStatus: [ProblemID]] = [:]
    var byDepartment: [DepartmentID: [ProblemID]] = [:]
    var byDue: [Day: [ProblemID]] = [:]
    for index in 0..<count {
      if index & 4095 == 4095 { progress?(r.offset) }
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
    _ table: inout RecordTable<T>, _ r: inout BinaryReader, _ highest: inout UInt64,
    _ progress: ((Int) -> Void)?
  ) throws(BinaryError) {
    let count = try r.readCount()
    for index in 0..<count {
      if index & 4095 == 4095 { progress?(r.offset) }
      let start = r.offset
      let record = try T(from: &r)
      guard table.insertNew(record) else {
        throw r.failure(.invalidValue(type: "duplicate \(T.self) id \(record.id.raw)"), at: start)
      }
      highest = max(highest, record.id.raw)
    }
  }
}
