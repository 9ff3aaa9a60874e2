import Glibc

/// The real file system: thin wrappers over POSIX calls, files and folders owner-only.
public struct POSIXFileSystem: FileSystem {
  public init() {}

  private func fail(_ operation: String, _ path: String) -> FileSystemError {
    FileSystemError(operation: operation, path: path, code: errno)
  }

  private func name(_ file: OpenFile) -> String { "#\(file.descriptor)" }

  public func open(_ path: String, _ mode: OpenMode) throws(FileSystemError) -> OpenFile {
    let flags: Int32
    switch mode {
    case .read: flags = O_RDONLY
    case .readWriteCreate: flags = O_RDWR | O_CREAT
    case .createTruncate: flags = O_WRONLY | O_CREAT | O_TRUNC
    case .createNew: flags = O_WRONLY | O_CREAT | O_EXCL
    }
    while true {
      let descriptor = Glibc.open(path, flags | O_CLOEXEC | O_NOFOLLOW, mode_t(0o600))
      if descriptor >= 0 { return OpenFile(descriptor: descriptor) }
      if errno != EINTR { throw fail("open", path) }
    }
  }

  public func close(_ file: OpenFile) {
    _ = Glibc.close(file.descriptor)
  }

  public func write(_ file: OpenFile, _ bytes: UnsafeRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  {
    while true {
      let written = pwrite(file.descriptor, bytes.baseAddress, bytes.count, off_t(offset))
      if written >= 0 { return written }
      if errno != EINTR { throw fail("write", name(file)) }
    }
  }

  public func read(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
    throws(FileSystemError) -> Int
  {
    while true {
      let got = pread(file.descriptor, buffer.baseAddress, buffer.count, off_t(offset))
      if got >= 0 { return got }
      if errno != EINTR { throw fail("read", name(file)) }
    }
  }

  public func size(_ file: OpenFile) throws(FileSystemError) -> Int {
    var info = stat()
    if fstat(file.descriptor, &info) != 0 { throw fail("stat", name(file)) }
    return Int(info.st_size)
  }

  public func truncate(_ file: OpenFile, to length: Int) throws(FileSystemError) {
    if ftruncate(file.descriptor, off_t(length)) != 0 { throw fail("truncate", name(file)) }
  }

  public func fsync(_ file: OpenFile) throws(FileSystemError) {
    if Glibc.fsync(file.descriptor) != 0 { throw fail("fsync", name(file)) }
  }

  public func fdatasync(_ file: OpenFile) throws(FileSystemError) {
    if Glibc.fdatasync(file.descriptor) != 0 { throw fail("fdatasync", name(file)) }
  }

  public func tryLock(_ file: OpenFile) throws(FileSystemError) -> Bool {
    while true {
      if flock(file.descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
      if errno == EWOULDBLOCK { return false }
      if errno != EINTR { throw fail("flock", name(file)) }
    }
  }

  public func rename(_ from: String, to: String) throws(FileSystemError) {
    if Glibc.rename(from, to) != 0 { throw fail("rename", from) }
  }

  public func link(_ from: String, to: String) throws(FileSystemError) {
    if Glibc.link(from, to) != 0 { throw fail("link", from) }
  }

  public func unlink(_ path: String) throws(FileSystemError) {
    if Glibc.unlink(path) != 0 { throw fail("unlink", path) }
  }

  public func list(_ folder: String) throws(FileSystemError) -> [String] {
    guard let directory = opendir(folder) else { throw fail("list", folder) }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
        pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Creates missing parent folders too (all owner-only).
  public func makeFolder(_ path: String) throws(FileSystemError) {
    if mkdir(path, mode_t(0o700)) == 0 || errno == EEXIST { return }
    guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex else {
      throw fail("mkdir", path)
    }
    try makeFolder(String(path[..<slash]))
    if mkdir(path, mode_t(0o700)) != 0 && errno != EEXIST { throw fail("mkdir", path) }
  }

  public func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  public func syncFolder(_ path: String) throws(FileSystemError) {
    let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if descriptor < 0 { throw fail("open folder", path) }
    defer { _ = Glibc.close(descriptor) }
    if Glibc.fsync(descriptor) != 0 { throw fail("fsync folder", path) }
  }
}
