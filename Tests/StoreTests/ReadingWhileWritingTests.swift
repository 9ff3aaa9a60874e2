import Foundation
import Store
import Testing

/// The real file system, except that opening `state.snapshot` for reading lets a snapshot of
/// another process finish right then: the new snapshot is renamed in and the journals it covers
/// are deleted, after the folder was listed and before they are read.
private final class RotationDuringRead: FileSystem, @unchecked Sendable {
  let base = POSIXFileSystem()
  let folder: String
  let next: [String: [UInt8]]
  let covered: [String]
  private var rotated = false

  init(folder: String, next: [String: [UInt8]], covered: [String]) {
    self.folder = folder
    self.next = next
    self.covered = covered
  }

  func open(_ path: String, _ mode: OpenMode) throws(FileSystemError) -> OpenFile {
    let file = try base.open(path, mode)
    if !rotated, mode == .read, path.hasSuffix("/state.snapshot") {
      rotated = true
      for (name, bytes) in next {
        Files.write(bytes, to: folder + "/" + name + ".new")
        try base.rename(folder + "/" + name + ".new", to: folder + "/" + name)
      }
      for name in covered { try base.unlink(folder + "/" + name) }
    }
    return file
  }
  func close(_ file: OpenFile) { base.close(file) }
  func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int
  {
    try base.write(file, bytes, at: offset)
  }
  func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    throws(FileSystemError)
    -> Int
  { try base.read(file, into: buffer, at: offset) }
  func size(_ file: OpenFile) throws(FileSystemError) -> Int { try base.size(file) }
  func truncate(_ file: OpenFile, to length: Int) throws(FileSystemError) {
    try base.truncate(file, to: length)
  }
  func fsync(_ file: OpenFile) throws(FileSystemError) { try base.fsync(file) }
  func fdatasync(_ file: OpenFile) throws(FileSystemError) { try base.fdatasync(file) }
  func tryLock(_ file: OpenFile) throws(FileSystemError) -> Bool { try base.tryLock(file) }
  func rename(_ from: String, to: String) throws(FileSystemError) { try base.rename(from, to: to) }
  func link(_ from: String, to: String) throws(FileSystemError) { try base.link(from, to: to) }
  func unlink(_ path: String) throws(FileSystemError) { try base.unlink(path) }
  func list(_ folder: String) throws(FileSystemError) -> [String] { try base.list(folder) }
  func makeFolder(_ path: String) throws(FileSystemError) { try base.makeFolder(path) }
  func exists(_ path: String) -> Bool { base.exists(path) }
  func syncFolder(_ path: String) throws(FileSystemError) { try base.syncFolder(path) }
}

@Suite("Reading a store another process is writing")
struct ReadingWhileWritingTests {
  @Test("check and export read through a snapshot that removes a journal between listing and reading")
  func journalRemovedByRotation() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    for index in 1...5 { try store.apply(.add("第\(index)条"), actor: "clerk", now: clock.next()) }
    store.abandon()
    let before = folder.path + "/before"
    Files.copyFolder(folder.store, to: before)
    let oldJournals = Files.journals(folder.store)

    // What the other process's snapshot leaves: a new snapshot and a fresh journal.
    let writer = try NotesStore.open(folder: folder.store, now: clock.next())
    try writer.snapshot(now: clock.next())
    _ = try writer.waitForSnapshot()?.get()
    writer.abandon()
    var next = ["state.snapshot": Files.bytes(folder.store + "/state.snapshot")]
    for name in Files.journals(folder.store) { next[name] = Files.bytes(folder.store + "/" + name) }
    #expect(Files.journals(folder.store) != oldJournals)

    for read in 0..<2 {
      Files.copyFolder(before, to: folder.store)
      let racing = RotationDuringRead(folder: folder.store, next: next, covered: oldJournals)
      if read == 0 {
        let report = NotesStore.check(folder: folder.store, fileSystem: racing)
        #expect(report.isSound, "\(String(describing: report.problem))")
        #expect(report.lastSequence == 5)
      } else {
        let state = try NotesStore.readState(folder: folder.store, fileSystem: racing)
        #expect(state.notes.count == 5)
      }
    }
  }

  @Test("a flipped bit in the snapshot header's format is damage, not a newer program")
  func headerChecksumBeforeVersion() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let store = try NotesStore.open(folder: folder.store, now: clock.next())
    try store.apply(.add("格式"), actor: "clerk", now: clock.next())
    try store.close(now: clock.next())
    let path = folder.store + "/state.snapshot"
    var bytes = Files.bytes(path)
    bytes[9] ^= 0x01  // format 1 becomes 257
    Files.write(bytes, to: path)
    do {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
      Issue.record("a damaged header must be refused")
    } catch {
      guard case .corruptSnapshot(_, 0, let reason) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(reason == "header checksum")
    }
  }
}
