import Foundation
import Store
import StoreFaults
import Testing

/// Builds a store with `count` added notes, left without closing so they are all in the journal.
private func journaledStore(_ folder: TempFolder, count: Int, clock: TestClock) throws -> (NotesState, String)
{
  let store = try NotesStore.open(folder: folder.store, now: clock.next())
  for index in 1...count {
    try store.apply(.add("第\(index)号问题：小花市集占道经营，居民希望规范管理"), actor: "clerk", now: clock.next())
  }
  let state = store.state
  store.abandon()
  return (state, folder.store + "/" + Files.journals(folder.store)[0])
}

@Suite("Torn and damaged files")
struct DamageTests {
  @Test("a journal cut at every byte of its last three records opens with exactly the whole records")
  func truncatedAtEveryOffset() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let (_, journalPath) = try journaledStore(folder, count: 10, clock: clock)
    let pristine = folder.path + "/pristine"
    Files.copyFolder(folder.store, to: pristine)
    let journal = Files.bytes(journalPath)
    let offsets = recordOffsets(journal)
    #expect(offsets.count == 10)
    let journalName = (journalPath as NSString).lastPathComponent
    let firstCut = offsets[7]
    for cut in firstCut..<journal.count {
      Files.copyFolder(pristine, to: folder.store)
      Files.write(Array(journal[0..<cut]), to: folder.store + "/" + journalName)
      let complete = offsets.filter { $0 + 8 + recordLength(journal, at: $0) <= cut }.count
      let store = try NotesStore.open(folder: folder.store, now: clock.next())
      #expect(store.lastSequence == UInt64(complete), "cut at \(cut)")
      #expect(store.state.notes.count == complete)
      #expect((store.report.torn != nil) == !offsets.contains(cut), "cut at \(cut)")
      // It takes new changes after the cut and keeps them.
      try store.apply(.add("截断后的新记录"), actor: "clerk", now: clock.next())
      store.abandon()
      let again = try NotesStore.open(folder: folder.store, now: clock.next())
      #expect(again.lastSequence == UInt64(complete + 1))
      #expect(again.state.notes[UInt64(complete + 1)] == "截断后的新记录")
      #expect(again.report.torn == nil)
      again.abandon()
    }
  }

  @Test("garbage after the last record is cut off, kept in a .torn file, and reported")
  func garbageAppended() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let (state, journalPath) = try journaledStore(folder, count: 5, clock: clock)
    let garbage: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    let good = Files.bytes(journalPath)
    Files.write(good + garbage, to: journalPath)

    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(store.state == state)
    #expect(store.report.torn?.offset == good.count)
    #expect(store.report.torn?.length == garbage.count)
    let kept = try #require(store.report.tornKeptAs)
    #expect(Files.bytes(folder.store + "/" + kept) == garbage)
    #expect(Files.bytes(journalPath) == good)
    #expect(store.report.lines(in: .zh).first?.contains("已截去") == true)
    try store.close(now: clock.next())
  }

  @Test("a flipped byte in the snapshot is refused and nothing is changed")
  func flippedSnapshotByte() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 0..<20 { try store.apply(.add("快照内容\(index)"), actor: "clerk", now: clock.next()) }
    try store.close(now: clock.next())
    let path = folder.store + "/state.snapshot"
    var bytes = Files.bytes(path)
    bytes[bytes.count / 2] ^= 0x10
    Files.write(bytes, to: path)
    let before = Files.contents(folder.store)

    do {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
      Issue.record("a damaged snapshot must be refused")
    } catch {
      guard case .corruptSnapshot(let file, let offset, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "state.snapshot")
      // The notes' state is one part: it starts after the header (52) and a table of one entry (24).
      #expect(offset == 76)
      #expect(error.message(in: .zh).contains("state.snapshot"))
    }
    #expect(Files.contents(folder.store) == before)
  }

  @Test("a flipped byte in a middle record is refused, naming the file and the record's offset")
  func flippedMiddleRecord() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let (_, journalPath) = try journaledStore(folder, count: 10, clock: clock)
    var bytes = Files.bytes(journalPath)
    let offsets = recordOffsets(bytes)
    bytes[offsets[4] + 30] ^= 0x01
    Files.write(bytes, to: journalPath)
    let before = Files.contents(folder.store)

    do {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
      Issue.record("damage with good records after it must be refused")
    } catch {
      guard case .corruptRecord(let file, let offset) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == (journalPath as NSString).lastPathComponent)
      #expect(offset == offsets[4])
      #expect(error.message(in: .en).contains("byte \(offsets[4])"))
    }
    #expect(Files.contents(folder.store) == before)
  }

  @Test(
    "a flipped byte anywhere after the length of the whole last record is damage: refused, named, nothing cut"
  )
  func flippedLastRecord() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let (_, journalPath) = try journaledStore(folder, count: 10, clock: clock)
    let pristine = Files.bytes(journalPath)
    let last = recordOffsets(pristine)[9]
    for position in (last + 4)..<pristine.count {
      var bytes = pristine
      bytes[position] ^= 0x40
      Files.write(bytes, to: journalPath)
      do {
        _ = try NotesStore.open(folder: folder.store, now: clock.next())
        Issue.record("a flip at byte \(position) was cut as torn")
      } catch {
        guard case .damagedRecord(let file, let offset) = error else {
          Issue.record("unexpected \(error) for a flip at byte \(position)")
          continue
        }
        #expect(file == (journalPath as NSString).lastPathComponent)
        #expect(offset == last)
        #expect(error.message(in: .zh).contains("第 \(last) 字节"))
      }
      #expect(Files.bytes(journalPath) == bytes)
    }
  }

  @Test("a whole-length last record ending in zeros (power lost before its data landed) is still torn")
  func zeroFilledLastRecordIsTorn() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let (_, journalPath) = try journaledStore(folder, count: 10, clock: clock)
    var bytes = Files.bytes(journalPath)
    let last = recordOffsets(bytes)[9]
    for position in (last + 4)..<bytes.count { bytes[position] = 0 }
    Files.write(bytes, to: journalPath)

    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect(store.lastSequence == 9)
    #expect(store.report.torn?.offset == last)
    try store.close(now: clock.next())
  }

  @Test("a missing journal in the chain is a sequence gap, refused")
  func sequenceGapRefused() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let faulty = FaultInjectingFileSystem()
    let store = try NotesStore.open(folder: folder.store, fileSystem: faulty, now: clock.next())
    for index in 0..<5 { try store.apply(.add("甲\(index)"), actor: "clerk", now: clock.next()) }
    faulty.inject(.failRename)
    try store.snapshot(now: clock.next())
    #expect(throws: StoreError.self) { try store.waitForSnapshot()?.get() }
    for index in 0..<5 { try store.apply(.add("乙\(index)"), actor: "clerk", now: clock.next()) }
    store.abandon()
    // Two journals now follow the empty snapshot; lose the first.
    #expect(Files.journals(folder.store) == ["journal-0000000000000001.log", "journal-0000000000000006.log"])
    try FileManager.default.removeItem(atPath: folder.store + "/journal-0000000000000001.log")

    do {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
      Issue.record("a gap must be refused")
    } catch {
      guard case .sequenceGap(let file, _, let expected, let found) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == "journal-0000000000000006.log")
      #expect(expected == 1)
      #expect(found == 6)
    }
  }

  @Test("a journal from another store is refused")
  func foreignJournalRefused() throws {
    let one = TempFolder("one")
    let two = TempFolder("two")
    defer {
      one.remove()
      two.remove()
    }
    let clock = TestClock()
    _ = try journaledStore(one, count: 3, clock: clock)
    _ = try journaledStore(two, count: 3, clock: clock)
    let name = "journal-0000000000000001.log"
    Files.write(Files.bytes(two.store + "/" + name), to: one.store + "/" + name)
    #expect {
      _ = try NotesStore.open(folder: one.store, now: clock.next())
    } throws: { error in
      guard let error = error as? StoreError, case .foreignJournal(let file) = error else { return false }
      return file == name
    }
  }

  @Test("a snapshot from a newer program is refused and left untouched")
  func newerFormatRefused() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("新版本"), actor: "clerk", now: clock.next())
    try store.close(now: clock.next())
    let path = folder.store + "/state.snapshot"
    var bytes = Files.bytes(path)
    bytes[8] = 3  // the format field, with the header checksum a newer program would write
    let checksum = CRC32C.checksum(Array(bytes[0..<48]))
    for index in 0..<4 { bytes[48 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt32(index))) }
    Files.write(bytes, to: path)
    let before = Files.contents(folder.store)
    #expect {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
    } throws: { error in
      guard let error = error as? StoreError, case .newerFormat(_, let found, let supported) = error else {
        return false
      }
      return found == 3 && supported == 2
    }
    #expect(Files.contents(folder.store) == before)
  }
}

private func recordLength(_ journal: [UInt8], at offset: Int) -> Int {
  Int(journal[offset]) | Int(journal[offset + 1]) << 8 | Int(journal[offset + 2]) << 16 | Int(
    journal[offset + 3]) << 24
}
