import Localization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  private let systemWrite = Glibc.write
  private let systemRead = Glibc.read
#else
  private let systemWrite = Darwin.write
  private let systemRead = Darwin.read
#endif

/// A failed export write: the path, the step and the system's error number, worded for users.
public struct ExportFileError: Error, Sendable, Equatable {
  public var path: String
  public var code: Int32

  public init(path: String, code: Int32) {
    self.path = path
    self.code = code
  }

  public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

  /// Writing failed (`message`), or reading (`readMessage`).
  public func readMessage(in language: Language) -> String {
    tr(
      "robust.file.readFailed", language, ControlCharacters.escaped(path),
      SystemErrorText.sentence(code, language))
  }

  public func message(in language: Language) -> String {
    tr(
      "robust.export.failed", language, ControlCharacters.escaped(path),
      SystemErrorText.sentence(code, language))
  }
}

/// Writes an export where the user asked, the way `cp` does, and never harms what is there:
/// - `-` is standard output;
/// - a new path or a regular file gets a temporary file beside it (created exclusively, 0600),
///   flushed, then renamed over it, so it is the old content or the new, never half;
/// - a device, a FIFO or a socket is written through (renaming over `/dev/null` as root would
///   replace the system's null device with a file);
/// - a symbolic link is followed and its target written in place, as `cp` does.
/// Exports hold members' phone numbers: what is created is owner-only (0600) whatever the umask.
public enum ExportFile {
  public static let standardOutput = "-"

  /// What is at `path` now, deciding how it is written.
  public enum Target: Equatable, Sendable {
    case standardOutput
    case newFile
    case regularFile
    case symbolicLink
    case special
    case folder
  }

  /// The path a user typed in the app, made absolute so that the message says where the file went:
  /// `~` and `~/…` are the home folder (no shell expands them there), and a relative path is taken
  /// from the folder the app was started in. Standard output stays `-`.
  public static func resolved(_ path: String, home: String?, workingDirectory: String) -> String {
    if path == standardOutput || path.hasPrefix("/") { return path }
    if let home, !home.isEmpty {
      if path == "~" { return home }
      if path.hasPrefix("~/") { return (home.hasSuffix("/") ? home : home + "/") + path.dropFirst(2) }
    }
    let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
    return base + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
  }

  public static func target(of path: String) -> Target {
    if path == standardOutput { return .standardOutput }
    var info = stat()
    guard lstat(path, &info) == 0 else { return .newFile }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFLNK: return .symbolicLink
    case S_IFDIR: return .folder
    default: return .special
    }
  }

  /// True when writing would replace content the user may want to keep (the app asks first).
  public static func wouldOverwrite(_ path: String) -> Bool {
    switch target(of: path) {
    case .regularFile, .symbolicLink: return true
    default: return false
    }
  }

  public static func write(_ bytes: [UInt8], to path: String) throws(ExportFileError) {
    switch target(of: path) {
    case .standardOutput:
      try writeAll(STDOUT_FILENO, bytes, path: path)
    case .folder:
      throw ExportFileError(path: path, code: EISDIR)
    case .special, .symbolicLink:
      try writeThrough(bytes, to: path)
    case .newFile, .regularFile:
      try replace(path, with: bytes)
    }
  }

  /// The whole content of the file at `path` (an import), with a failure in words.
  public static func read(_ path: String) throws(ExportFileError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ExportFileError(path: path, code: errno) }
    defer { _ = close(descriptor) }
    var info = stat()
    if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
      throw ExportFileError(path: path, code: EISDIR)
    }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if got < 0 {
        if errno == EINTR { continue }
        throw ExportFileError(path: path, code: errno)
      }
      if got == 0 { break }
      bytes += buffer[0..<got]
    }
    return bytes
  }

  private static func writeThrough(_ bytes: [UInt8], to path: String) throws(ExportFileError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(0o600))
    guard descriptor >= 0 else { throw ExportFileError(path: path, code: errno) }
    defer { _ = close(descriptor) }
    try writeAll(descriptor, bytes, path: path)
  }

  private static func replace(_ path: String, with bytes: [UInt8]) throws(ExportFileError) {
    var descriptor: Int32 = -1
    var temporary = ""
    for attempt in 0..<100 {
      temporary = path + ".\(getpid()).\(attempt).tmp"
      descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
      if descriptor >= 0 || errno != EEXIST { break }
    }
    guard descriptor >= 0 else { throw ExportFileError(path: path, code: errno) }
    do throws(ExportFileError) {
      // The umask may have taken bits away, never added them; make sure of owner-only anyway.
      _ = fchmod(descriptor, mode_t(0o600))
      try writeAll(descriptor, bytes, path: path)
      if fsync(descriptor) != 0 { throw ExportFileError(path: path, code: errno) }
    } catch {
      _ = close(descriptor)
      _ = unlink(temporary)
      throw error
    }
    _ = close(descriptor)
    if rename(temporary, path) != 0 {
      let code = errno
      _ = unlink(temporary)
      throw ExportFileError(path: path, code: code)
    }
  }

  private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(ExportFileError) {
    var done = 0
    while done < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        systemWrite(descriptor, raw.baseAddress.map { $0 + done }, bytes.count - done)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw ExportFileError(path: path, code: errno)
      }
      if written == 0 { throw ExportFileError(path: path, code: EIO) }
      done += written
    }
  }
}
