import Domain
import Foundation
import Store
import StoreFaults
import Testing

@testable import App

/// An import of three members into a store on a disk that may fill up.
private struct ImportOnADisk {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
    .path
  let disk = FaultInjectingFileSystem()
  let clock = TestClock(Day(year: 2026, month: 11, day: 26)!)

  func open() throws -> (CommitteeStore, ActingUser) {
    let store = try CommitteeStore.open(folder: folder, fileSystem: disk, now: clock.now())
    let actor = try Startup.actor(store: store, userName: "wangli", displayName: "王丽", now: clock.now())
    return (store, actor)
  }

  func change(_ store: CommitteeStore) -> Change {
    let names = ["王芳", "李强", "张伟"]
    return .group(
      names.indices.map { .putMember(Member(id: store.state.newID(offset: UInt64($0)), name: names[$0])) })
  }

  func membersAfterReopening() throws -> Int {
    disk.heal()
    let store = try CommitteeStore.open(folder: folder, now: clock.now())
    defer { try? store.close(now: clock.now()) }
    return store.state.members.count
  }

  func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

@Suite struct ImportOutcomes {
  @Test func onAFullDiskNothingIsImportedAndTheMessageSaysARetryIsSafe() throws {
    let world = ImportOnADisk()
    defer { world.remove() }
    let (store, actor) = try world.open()
    world.disk.inject(.full)
    let outcome = ImportOutcome.apply(
      world.change(store), count: 3, to: store, actor: actor, now: world.clock.now())
    #expect(!outcome.membersAdded)
    #expect(outcome.message(file: "m.csv", in: .zh).contains("没有导入任何委员"))
    #expect(outcome.message(file: "m.csv", in: .en).contains("safe to try again"))
    #expect(try world.membersAfterReopening() == 0)
  }

  @Test func whenOnlyTheLastSnapshotFailsTheMembersAreImportedAndTheMessageSaysNotToRerun() throws {
    let world = ImportOnADisk()
    defer { world.remove() }
    let (store, actor) = try world.open()
    // The audit entry and the journal record go through; the next write (the final snapshot's new
    // journal) finds the disk full.
    world.disk.inject(.failWrite(nth: 3, code: FileSystemError.noSpace))
    let outcome = ImportOutcome.apply(
      world.change(store), count: 3, to: store, actor: actor, now: world.clock.now())
    #expect(outcome.membersAdded)
    let zh = outcome.message(file: "m.csv", in: .zh)
    #expect(zh.contains("已从 m.csv 导入 3 名委员"))
    #expect(zh.contains("不要重复导入"))
    #expect(try world.membersAfterReopening() == 3)
  }
}
