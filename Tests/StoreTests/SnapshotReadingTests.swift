import Domain
import Foundation
import Testing

@testable import Store

/// Opening a store reads its format-2 snapshot part by part, on the threads that decode the parts:
/// the whole file is never in memory at once (at a million records it was 300 MB more at the peak).
@Suite("Snapshots read part by part")
struct SnapshotReadingTests {
  @Test("no read of the snapshot is larger than its largest part, and the state is the same")
  func readsNoMoreThanAPartAtATime() throws {
    let folder = TempFolder("parts-reading")
    defer { folder.remove() }
    let clock = TestClock()
    let state = try SnapshotPartsTests.demoStore(folder, clock: clock)
    let bytes = Files.bytes(folder.store + "/state.snapshot")
    let parts = try SnapshotPartsTests.parts(of: bytes)
    let largestPart = parts.map(\.range.count).max() ?? 0
    #expect(parts.count > 10 && largestPart < bytes.count / 5, "\(parts.count) parts in \(bytes.count) bytes")

    let reads = ReadRecorder()
    let store = try CommitteeStore.open(folder: folder.store, fileSystem: reads, now: clock.next())
    #expect(store.state == state)
    try store.close(now: clock.next())
    let snapshotReads = reads.sizes(of: "state.snapshot")
    // Every byte was read once (the header and table, then each part), none of it in one piece.
    #expect(snapshotReads.reduce(0, +) >= bytes.count)
    #expect(snapshotReads.max() ?? 0 <= largestPart)
  }

  @Test("a format-1 snapshot, one payload, is still read whole and opens")
  func formatOneIsReadWhole() throws {
    let folder = TempFolder("parts-reading-v1")
    defer { folder.remove() }
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/v2-demo-store").path
    try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: fixture, toPath: folder.store)
    let size = Files.bytes(folder.store + "/state.snapshot").count
    let reads = ReadRecorder()
    let state = try CommitteeStore.readState(folder: folder.store, fileSystem: reads)
    #expect(state.count(of: .member) > 0)
    #expect(reads.sizes(of: "state.snapshot").max() == size)
  }
}

/// The real file system, noting the size of every read by the file's name.
private final class ReadRecorder: FileSystem, @unchecked Sendable {
  private let base = POSIXFileSystem()
  private let lock = NSLock()
  private var names: [Int32: String] = [:]
  private var reads: [(name: String, size: Int)] = []

  func sizes(of name: String) -> [Int] { lock.withLock { reads.filter { $0.name == name }.map(\.size) } }

  func open(_ path: String, _ mode: OpenMode) throws(FileSystemError) -> OpenFile {
    let file = try base.open(path, mode)
    let name = String(path.split(separator: "/").last ?? "")
    lock.withLock { names[file.descriptor] = name }
    return file
  }
  func close(_ file: OpenFile) { base.close(file) }
  func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int
  {
    try base.write(file, bytes, at: offset)
  }
  func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  {
    let got = try base.read(file, into: buffer, at: offset)
    lock.withLock { reads.append((names[file.descriptor] ?? "?", got)) }
    return got
  }
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
