import Localization

/// How a file is opened through a `FileSystem`.
public enum OpenMode: Sendable, Equatable {
  /// Read only; the file must exist.
  case read
  /// Read and write; created (owner-only) when missing, never truncated.
  case readWriteCreate
  /// Write only; created (owner-only) or truncated to zero.
  case createTruncate
  /// Write only; created (owner-only), failing if anything is already there (temporary files).
  case createNew
}

/// An open file of a `FileSystem`: a plain descriptor number, owned by whoever opened it.
public struct OpenFile: Sendable, Hashable {
  public let descriptor: Int32
  public init(descriptor: Int32) { self.descriptor = descriptor }
}

/// A failed file operation: which operation, on which path, and the system's error number.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
  public var operation: String
  public var path: String
  public var code: Int32

  public init(operation: String, path: String, code: Int32) {
    self.operation = operation
    self.path = path
    self.code = code
  }

  /// `errno` values the store reacts to by name.
  public static let noSpace: Int32 = 28  // ENOSPC
  public static let ioError: Int32 = 5  // EIO
  public static let wouldBlock: Int32 = 11  // EWOULDBLOCK / EAGAIN
  public static let notFound: Int32 = 2  // ENOENT
  /// Not a system error: the fault-injecting file system pretends the process died here.
  public static let simulatedCrash: Int32 = -1

  public static let quotaExceeded: Int32 = 122  // EDQUOT

  /// True when the write failed for want of space (a full disk or a used-up quota).
  public var isDiskFull: Bool { code == Self.noSpace || code == Self.quotaExceeded }

  public var description: String { "\(operation) \(path): error \(code)" }

  /// The failure in words for a user: the file (when it has a name) and what the error means
  /// and asks for, never a bare error number.
  public func reason(in language: Language) -> String {
    let sentence =
      code == Self.simulatedCrash ? "(simulated crash)" : SystemErrorText.sentence(code, language)
    guard !path.hasPrefix("#"), !path.hasPrefix("(") else { return sentence }
    return tr("robust.fs.reason", language, ControlCharacters.escaped(path), sentence)
  }
}

/// Every file operation the store needs. Files are opened without following a symbolic link
/// (a link planted in the store folder must not make the store write somewhere else). All store I/O goes through it, so that tests can put
/// a `FaultInjectingFileSystem` in between and break things on purpose.
public protocol FileSystem: Sendable {
  func open(_ path: String, _ mode: OpenMode) throws(FileSystemError) -> OpenFile
  func close(_ file: OpenFile)
  /// One positional write; may write fewer bytes than given (the caller loops).
  func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError)
    -> Int
  /// One positional read; returns 0 at the end of the file.
  func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  func size(_ file: OpenFile) throws(FileSystemError) -> Int
  func truncate(_ file: OpenFile, to length: Int) throws(FileSystemError)
  func fsync(_ file: OpenFile) throws(FileSystemError)
  func fdatasync(_ file: OpenFile) throws(FileSystemError)
  /// Takes an exclusive `flock` without waiting; false when another open file holds it.
  func tryLock(_ file: OpenFile) throws(FileSystemError) -> Bool
  func rename(_ from: String, to: String) throws(FileSystemError)
  func link(_ from: String, to: String) throws(FileSystemError)
  func unlink(_ path: String) throws(FileSystemError)
  /// Names in a folder (no `.` or `..`), unsorted.
  func list(_ folder: String) throws(FileSystemError) -> [String]
  /// Creates a folder (and missing parents) with owner-only permissions; succeeds if it already exists.
  func makeFolder(_ path: String) throws(FileSystemError)
  func exists(_ path: String) -> Bool
  /// Makes renames and creations inside a folder durable.
  func syncFolder(_ path: String) throws(FileSystemError)
}

extension FileSystem {
  /// Writes all of `bytes` at `offset`, looping over short writes.
  func writeAll(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) {
    var done = 0
    while done < bytes.count {
      let rest = UnsafeRawBufferPointer(rebasing: bytes[done...])
      let written = try write(file, rest, at: offset + done)
      if written <= 0 {
        throw FileSystemError(operation: "write", path: "#\(file.descriptor)", code: FileSystemError.ioError)
      }
      done += written
    }
  }

  func writeAll(_ file: OpenFile, _ bytes: [UInt8], at offset: Int) throws(FileSystemError) {
    let result: Result<Void, FileSystemError> = bytes.withUnsafeBytes { raw in
      do throws(FileSystemError) {
        try writeAll(file, raw, at: offset)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try result.get()
  }

  /// The whole content of a file.
  func readWholeFile(_ path: String) throws(FileSystemError) -> [UInt8] {
    let file = try open(path, .read)
    defer { close(file) }
    return try readBytes(file, at: 0, count: try size(file))
  }

  /// Reads `count` bytes of an open file from `offset` into the start of `buffer` (grown if it is
  /// shorter), and says how many were read: fewer only where the file ends. A buffer used again for
  /// each of many reads is memory the system has already given, so no read waits for fresh pages.
  func read(_ file: OpenFile, at offset: Int, count: Int, into buffer: inout [UInt8]) throws(FileSystemError)
    -> Int
  {
    if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
    let (done, failure) = buffer.withUnsafeMutableBytes { raw in
      fill(UnsafeMutableRawBufferPointer(rebasing: raw[0..<max(count, 0)]), from: file, at: offset)
    }
    if let failure { throw failure }
    return done
  }

  /// `count` bytes of an open file from `offset`, fewer only where the file ends. The buffer is not
  /// zeroed first: every byte returned was read.
  func readBytes(_ file: OpenFile, at offset: Int, count: Int) throws(FileSystemError) -> [UInt8] {
    var failure: FileSystemError?
    let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buffer, initialized in
      let done: Int
      (done, failure) = fill(UnsafeMutableRawBufferPointer(buffer), from: file, at: offset)
      initialized = done
    }
    if let failure { throw failure }
    return bytes
  }

  /// Fills `raw` from `offset` until it is full or the file ends: the bytes read, and the error that
  /// stopped it early (returned, not thrown: the callers fill buffers inside closures).
  private func fill(_ raw: UnsafeMutableRawBufferPointer, from file: OpenFile, at offset: Int)
    -> (done: Int, failure: FileSystemError?)
  {
    var done = 0
    while done < raw.count {
      do throws(FileSystemError) {
        let got = try read(
          file, into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]), at: offset + done)
        if got == 0 { break }
        done += got
      } catch {
        return (done, error)
      }
    }
    return (done, nil)
  }

  /// Writes a small file whole: temp file, optional data sync, rename over the target.
  func replaceFile(_ path: String, with bytes: [UInt8], sync: Bool) throws(FileSystemError) {
    let temporary = path + ".tmp"
    // A stale temporary (or a link planted in its place) is removed, never written through.
    try? unlink(temporary)
    let file = try open(temporary, .createNew)
    do throws(FileSystemError) {
      try writeAll(file, bytes, at: 0)
      if sync { try fdatasync(file) }
    } catch {
      close(file)
      try? unlink(temporary)
      throw error
    }
    close(file)
    try rename(temporary, to: path)
  }
}
