import Domain
import Foundation
import Store
import Testing

/// A demo store written by the release that used payload version 1 (a snapshot of the demo data and a
/// journal of 25 changes), committed so that every later format change must still read it.
private func copyOfVersionOneDemo(into folder: TempFolder) throws -> String {
  try copyOfFixture("v1-demo-store", into: folder)
}

private func copyOfFixture(_ name: String, into folder: TempFolder) throws -> String {
  let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/" + name).path
  try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
  try FileManager.default.copyItem(atPath: fixture, toPath: folder.store)
  return folder.store
}

@Suite("Committee stores written by earlier releases")
struct CommitteeFormatTests {
  @Test("a payload-version-1 demo store opens with every record, is migrated, and reopens the same")
  func versionOneDemoOpens() throws {
    let folder = TempFolder("v1-demo")
    defer { folder.remove() }
    let path = try copyOfVersionOneDemo(into: folder)
    let clock = TestClock()

    let store = try CommitteeStore.open(folder: path, now: clock.next())
    #expect(store.report.migratedFromPayloadVersion == 1)
    #expect(store.report.replayedChanges == 25)
    let state = store.state
    // Counts as `shangliang check` printed them for the fixture when it was made.
    #expect(state.count(of: .member) == 273)
    #expect(state.count(of: .consultation) == 160)
    #expect(state.count(of: .supervisionItem) == 22)
    #expect(state.count(of: .patrol) == 130)
    #expect(state.count(of: .visit) == 152)
    #expect(state.count(of: .opinionReport) == 41)
    #expect(state.count(of: .sectorActivity) == 376)
    #expect(state.count(of: .problem) == 215)
    try store.close(now: clock.next())

    let reopened = try CommitteeStore.open(folder: path, now: clock.next())
    #expect(reopened.report.migratedFromPayloadVersion == nil)
    #expect(reopened.state == state)
    try reopened.close(now: clock.next())
  }

  /// Version 2 was written by a release that had no agreement regions or meeting: a reader that took
  /// those fields from version 2 read the next record's bytes as them, and the store would not open.
  @Test("a payload-version-2 demo store (a snapshot and one journal change) opens and is migrated")
  func versionTwoDemoOpens() throws {
    let folder = TempFolder("v2-demo")
    defer { folder.remove() }
    let path = try copyOfFixture("v2-demo-store", into: folder)
    let clock = TestClock()

    let store = try CommitteeStore.open(folder: path, now: clock.next())
    #expect(store.report.migratedFromPayloadVersion == 2)
    #expect(store.report.replayedChanges == 1)
    let state = store.state
    // Counts as `shangliang check` printed them for the fixture when it was made.
    #expect(state.count(of: .member) == 243)
    #expect(state.count(of: .consultation) == 160)
    #expect(state.count(of: .supervisionItem) == 26)
    #expect(state.count(of: .patrol) == 222)
    #expect(state.count(of: .problem) == 216)
    #expect(state.count(of: .cooperationAgreement) == 1)
    #expect(state.count(of: .cooperationResult) == 42)
    #expect(state.count(of: .jointMeeting) == 4)
    #expect(state.members.values.contains { $0.name == "格式二委员丙" && $0.phone == "13900000003" })
    let agreement = try #require(state.cooperationAgreements.values.first)
    #expect(agreement.regions.isEmpty && agreement.meeting == nil)
    #expect(!agreement.parties.isEmpty)
    try store.close(now: clock.next())

    let reopened = try CommitteeStore.open(folder: path, now: clock.next())
    #expect(reopened.report.migratedFromPayloadVersion == nil)
    #expect(reopened.state == state)
    try reopened.close(now: clock.next())
  }
}
