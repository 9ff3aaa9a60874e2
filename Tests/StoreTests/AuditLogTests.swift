import Domain
import Foundation
import Testing

@testable import Store

/// A committee store with an admin who adds members, edits one, undoes, imports; closed at the end.
private func auditedCommittee(_ folder: TempFolder, clock: TestClock, options: StoreOptions = StoreOptions())
  throws
{
  let store = try CommitteeStore.open(folder: folder.store, options: options, now: clock.next())
  let admin = ActingUser.staff("wang", .admin)
  try store.apply(
    .putStaffAccount(StaffAccount(id: store.state.newID(), userName: "wang", displayName: "王", role: .admin)),
    actor: admin, now: clock.next())
  let memberID: MemberID = store.state.newID()
  try store.apply(
    .putMember(Member(id: memberID, name: "张三", phone: "13800000001")), actor: admin, now: clock.next())
  try store.apply(
    .putMember(Member(id: memberID, name: "张三", phone: "13900000002")), actor: admin, now: clock.next())
  try store.apply(
    .putStaffAccount(StaffAccount(id: store.state.newID(), userName: "li", displayName: "李", role: .clerk)),
    actor: admin, now: clock.next())
  try store.undo(actor: admin, now: clock.next())
  try store.apply(
    .group([
      .putMember(Member(id: store.state.newID(), name: "甲")),
      .putMember(Member(id: store.state.newID(offset: 1), name: "乙")),
    ]), actor: .staff("li.clerk", .clerk), now: clock.next())
  try store.close(now: clock.next())
}

/// The live segment's bytes, and where each entry starts and ends in it.
private func segment(_ folder: TempFolder) throws -> (path: String, bytes: [UInt8], entries: [Range<Int>]) {
  let audit = folder.store + "/audit"
  let name = try #require(
    try FileManager.default.contentsOfDirectory(atPath: audit).filter { $0.hasPrefix("audit-") }.sorted().last
  )
  let path = audit + "/" + name
  let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  var ranges: [Range<Int>] = []
  var offset = AuditLog.headerSize
  while offset + 4 <= bytes.count {
    let length =
      Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3])
      << 24
    ranges.append(offset..<(offset + 4 + length + 32))
    offset += 4 + length + 32
  }
  return (path, bytes, ranges)
}

private func write(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

@Suite("The audit log: who did what, tamper-evident")
struct AuditLogTests {
  @Test("every change is in the audit log with its actor and the fields before and after, across snapshots")
  func everyChangeIsAudited() throws {
    let folder = TempFolder("audit")
    defer { folder.remove() }
    let clock = TestClock()
    try auditedCommittee(folder, clock: clock)
    // Closing wrote a snapshot, which deleted the journals: the audit log still has everything.
    let entries = AuditLog.readEntries(storeFolder: folder.store).filter { $0.kind == .change }
    #expect(entries.count == 6)
    let audited = entries.compactMap { CommitteeModel.decodeAudit($0.content, version: $0.payloadVersion) }
    #expect(audited.count == 6)
    #expect(
      entries.map { CommitteeModel.auditActor($0.actor)?.userName } == [
        "wang", "wang", "wang", "wang", "wang", "li.clerk",
      ])
    // The phone edit: before and after.
    let edit = try #require(audited[2].records.first)
    #expect(edit.changedFields.map(\.field) == ["phone"])
    #expect(
      edit.changedFields.first?.before == "13800000001" && edit.changedFields.first?.after == "13900000002")
    // The staff role given, then undone: both with their actor.
    guard case .staffAccount(let given)? = audited[3].records.first?.after else {
      Issue.record("the staff account given is not in the log")
      return
    }
    #expect(given.role == .clerk && given.userName == "li")
    guard case .revert = audited[4].change else {
      Issue.record("the undo is not in the log as a revert")
      return
    }
    #expect(audited[4].records.first?.after == nil)
    // The import: one entry, both members created.
    #expect(audited[5].records.count == 2 && audited[5].records.allSatisfy { $0.before == nil })
    #expect(AuditLog.verify(storeFolder: folder.store).isSound)

    // Reopened and changed again, the chain goes on.
    let store = try CommitteeStore.open(folder: folder.store, now: clock.next())
    try store.apply(
      .putDepartment(Department(id: store.state.newID(), name: "区水利局")), actor: .staff("wang", .admin),
      now: clock.next())
    try store.close(now: clock.next())
    let verification = AuditLog.verify(storeFolder: folder.store)
    #expect(verification.isSound)
    #expect(verification.lastNumber == 7)
  }

  @Test("an edited entry is named by verify")
  func editedEntry() throws {
    let folder = TempFolder("audit-edit")
    defer { folder.remove() }
    try auditedCommittee(folder, clock: TestClock())
    var (path, bytes, entries) = try segment(folder)
    bytes[entries[2].upperBound - 40] ^= 0x01  // a byte of entry #3's content
    try write(bytes, to: path)
    let problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .edited && problem.number == 3)
    #expect(problem.message(in: .en).contains("#3 was edited"))
    #expect(problem.message(in: .zh).contains("第 3 条被改动过"))
  }

  @Test("an entry edited and given a fresh hash is still named: the next entry holds the old hash")
  func rehashedEntry() throws {
    let folder = TempFolder("audit-rehash")
    defer { folder.remove() }
    try auditedCommittee(folder, clock: TestClock())
    var (path, bytes, entries) = try segment(folder)
    let entry = entries[1]
    bytes[entry.upperBound - 40] ^= 0x01
    let hash = AuditLog.sha256(Array(bytes[(entry.lowerBound + 4)..<(entry.upperBound - 32)]))
    bytes.replaceSubrange((entry.upperBound - 32)..<entry.upperBound, with: hash)
    try write(bytes, to: path)
    let problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .edited && problem.number == 2)
  }

  @Test("reordered entries are named by verify")
  func reorderedEntries() throws {
    let folder = TempFolder("audit-reorder")
    defer { folder.remove() }
    try auditedCommittee(folder, clock: TestClock())
    let (path, bytes, entries) = try segment(folder)
    let swapped =
      Array(bytes[..<entries[1].lowerBound]) + Array(bytes[entries[2]]) + Array(bytes[entries[1]])
      + Array(bytes[entries[2].upperBound...])
    try write(swapped, to: path)
    let problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .reordered && problem.number == 2)
  }

  @Test("an inserted entry is named by verify")
  func insertedEntry() throws {
    let folder = TempFolder("audit-insert")
    defer { folder.remove() }
    try auditedCommittee(folder, clock: TestClock())
    let (path, bytes, entries) = try segment(folder)
    let copied =
      Array(bytes[..<entries[2].upperBound]) + Array(bytes[entries[1]])
      + Array(bytes[entries[2].upperBound...])
    try write(copied, to: path)
    let problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .inserted && problem.number == 2)
  }

  @Test("a removed entry is named by verify")
  func removedEntry() throws {
    let folder = TempFolder("audit-remove")
    defer { folder.remove() }
    try auditedCommittee(folder, clock: TestClock())
    let (path, bytes, entries) = try segment(folder)
    try write(Array(bytes[..<entries[2].lowerBound]) + Array(bytes[entries[2].upperBound...]), to: path)
    let problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .removed && problem.number == 3)
  }

  @Test("entries cut off the end, whole or in part, are named by verify, and reopening keeps the finding")
  func truncatedLog() throws {
    let folder = TempFolder("audit-truncate")
    defer { folder.remove() }
    let clock = TestClock()
    try auditedCommittee(folder, clock: clock)
    let (path, bytes, entries) = try segment(folder)
    let last = try #require(entries.last)
    // Cut inside the last entry.
    try write(Array(bytes[..<(last.lowerBound + 10)]), to: path)
    var problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .truncated && problem.number == UInt64(entries.count))
    // The whole last entry gone: the head file still names it.
    try write(Array(bytes[..<last.lowerBound]), to: path)
    problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .truncated && problem.number == UInt64(entries.count))
    // Opening the store does not hide it: the log writes down what it found, and verify still names it.
    let store = try CommitteeStore.open(folder: folder.store, now: clock.next())
    try store.apply(
      .putDepartment(Department(id: store.state.newID(), name: "区水利局")), actor: .staff("wang", .admin),
      now: clock.next())
    try store.close(now: clock.next())
    problem = try #require(AuditLog.verify(storeFolder: folder.store).problem)
    #expect(problem.kind == .foundAtOpen && problem.number == UInt64(entries.count))
  }

  @Test("old segments are archived, and the chain runs through them")
  func segmentsAreArchived() throws {
    let folder = TempFolder("audit-archive")
    defer { folder.remove() }
    var options = StoreOptions()
    options.audit.segmentBytes = 300
    options.audit.liveSegmentsKept = 2
    let clock = TestClock()
    try auditedCommittee(folder, clock: clock, options: options)
    let verification = AuditLog.verify(storeFolder: folder.store)
    #expect(verification.isSound)
    #expect(verification.archivedSegments >= 1)
    #expect(verification.segments - verification.archivedSegments == 2)
    #expect(verification.lastNumber == 6)
    // An admin may move the archive away; the live segments still verify from their header.
    try FileManager.default.removeItem(atPath: folder.store + "/audit/archive")
    let rest = AuditLog.verify(storeFolder: folder.store)
    #expect(rest.isSound)
    #expect(rest.firstNumber > 1)
  }

  @Test("a segment cut inside its header by a crash is set aside on open, and the chain goes on")
  func segmentCutInItsHeader() throws {
    let folder = TempFolder("audit-header")
    defer { folder.remove() }
    let clock = TestClock()
    try auditedCommittee(folder, clock: clock)
    let half = Array(AuditLog.header(first: 7, previous: AuditLog.zeroHash, payloadVersion: 2).prefix(20))
    try write(half, to: folder.store + "/audit/" + AuditLog.segmentName(first: 7))
    let store = try CommitteeStore.open(folder: folder.store, now: clock.next())
    try store.apply(
      .putDepartment(Department(id: store.state.newID(), name: "区水利局")), actor: .staff("wang", .admin),
      now: clock.next())
    try store.close(now: clock.next())
    let verification = AuditLog.verify(storeFolder: folder.store)
    #expect(verification.isSound)
    #expect(verification.lastNumber == 7)
  }
}
