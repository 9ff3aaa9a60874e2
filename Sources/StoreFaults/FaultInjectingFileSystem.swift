import Foundation
import Store

/// A file system for tests: passes everything to a real one, but fails the operations it is told
/// to fail — the Nth write, short writes, a full disk, I/O errors on sync, a refused rename, or a
/// "crash" after a number of bytes, after which every write and sync fails as if the process had died.
public final class FaultInjectingFileSystem: FileSystem, @unchecked Sendable {
  /// One planned failure.
  public enum Fault: Sendable, Equatable {
    /// The `n`th write from now (1-based) fails with `code`, writing nothing.
    case failWrite(nth: Int, code: Int32)
    /// The `n`th write from now writes only half of its bytes, then the next write fails with ENOSPC.
    case shortWriteThenFull(nth: Int)
    /// The `n`th fsync or fdatasync from now fails with EIO.
    case failSync(nth: Int)
    /// Every rename fails with EIO.
    case failRename
    /// After `bytes` more bytes have been written, nothing more reaches the disk.
    case crashAfter(bytes: Int)
    /// The disk is full: every write fails with ENOSPC until `heal()`.
    case full
  }

  private let base: any FileSystem
  private let guardLock = NSLock()
  private var faults: [Fault] = []
  private var writes = 0
  private var syncs = 0
  private var totalSyncs = 0
  private var bytesWritten = 0
  private var fullAfterShortWrite = false
  private var crashed = false

  public init(base: any FileSystem = POSIXFileSystem()) {
    self.base = base
  }

  /// Plans failures; counting of writes and syncs starts again from now.
  public func inject(_ faults: Fault...) {
    guardLock.withLock {
      self.faults.append(contentsOf: faults)
      writes = 0
      syncs = 0
      bytesWritten = 0
    }
  }

  /// Removes every planned failure, and the simulated crash.
  public func heal() {
    guardLock.withLock {
      faults = []
      crashed = false
      fullAfterShortWrite = false
    }
  }

  /// How many fsync/fdatasync calls (of files and folders) reached this file system so far.
  public var syncCount: Int { guardLock.withLock { totalSyncs } }

  /// True once a `crashAfter` limit was reached.
  public var hasCrashed: Bool { guardLock.withLock { crashed } }

  private func crashError(_ operation: String) -> FileSystemError {
    FileSystemError(operation: operation, path: "(crashed)", code: FileSystemError.simulatedCrash)
  }

  public func open(_ path: String, _ mode: OpenMode) throws(FileSystemError) -> OpenFile {
    if mode != .read, hasCrashed { throw crashError("open") }
    return try base.open(path, mode)
  }

  public func close(_ file: OpenFile) { base.close(file) }

  /// What to do with one write, decided under the lock.
  private enum WritePlan {
    case pass(Int)
    case fail(Int32)
  }

  public func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  {
    let plan: WritePlan = guardLock.withLock {
      if crashed { return .fail(FileSystemError.simulatedCrash) }
      if fullAfterShortWrite || faults.contains(.full) { return .fail(FileSystemError.noSpace) }
      writes += 1
      var count = bytes.count
      for fault in faults {
        switch fault {
        case .failWrite(let nth, let code) where nth == writes:
          return .fail(code)
        case .shortWriteThenFull(let nth) where nth == writes:
          fullAfterShortWrite = true
          count = bytes.count / 2
        case .crashAfter(let limit):
          let room = max(0, limit - bytesWritten)
          if count >= room {
            crashed = true
            count = room
          }
        default:
          break
        }
      }
      bytesWritten += count
      return .pass(count)
    }
    switch plan {
    case .fail(let code):
      throw FileSystemError(operation: "write", path: "#\(file.descriptor)", code: code)
    case .pass(let count):
      if count == 0 && bytes.count > 0 {
        throw crashError("write")
      }
      return try base.write(file, UnsafeRawBufferPointer(rebasing: bytes[0..<count]), at: offset)
    }
  }

  public func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  {
    try base.read(file, into: buffer, at: offset)
  }

  public func size(_ file: OpenFile) throws(FileSystemError) -> Int { try base.size(file) }

  public func truncate(_ file: OpenFile, to length: Int) throws(FileSystemError) {
    if hasCrashed { throw crashError("truncate") }
    try base.truncate(file, to: length)
  }

  private func checkSync(_ operation: String) throws(FileSystemError) {
    let code: Int32? = guardLock.withLock {
      if crashed { return FileSystemError.simulatedCrash }
      syncs += 1
      totalSyncs += 1
      for case .failSync(let nth) in faults where nth == syncs { return FileSystemError.ioError }
      return nil
    }
    if let code { throw FileSystemError(operation: operation, path: "(injected)", code: code) }
  }

  public func fsync(_ file: OpenFile) throws(FileSystemError) {
    try checkSync("fsync")
    try base.fsync(file)
  }

  public func fdatasync(_ file: OpenFile) throws(FileSystemError) {
    try checkSync("fdatasync")
    try base.fdatasync(file)
  }

  public func tryLock(_ file: OpenFile) throws(FileSystemError) -> Bool { try base.tryLock(file) }

  public func rename(_ from: String, to: String) throws(FileSystemError) {
    let refuse = guardLock.withLock { crashed || faults.contains(.failRename) }
    if refuse { throw FileSystemError(operation: "rename", path: from, code: FileSystemError.ioError) }
    try base.rename(from, to: to)
  }

  public func link(_ from: String, to: String) throws(FileSystemError) {
    if hasCrashed { throw crashError("link") }
    try base.link(from, to: to)
  }

  public func unlink(_ path: String) throws(FileSystemError) {
    if hasCrashed { throw crashError("unlink") }
    try base.unlink(path)
  }

  public func list(_ folder: String) throws(FileSystemError) -> [String] { try base.list(folder) }

  public func makeFolder(_ path: String) throws(FileSystemError) {
    if hasCrashed { throw crashError("mkdir") }
    try base.makeFolder(path)
  }

  public func exists(_ path: String) -> Bool { base.exists(path) }

  public func syncFolder(_ path: String) throws(FileSystemError) {
    try checkSync("fsync folder")
    try base.syncFolder(path)
  }
}
