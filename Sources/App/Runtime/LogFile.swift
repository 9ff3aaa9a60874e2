import Foundation
import Store

/// The app's log file: appends lines and never stops the program. A full disk or any other write
/// error drops the line (the log is the least important thing the app writes) and is remembered,
/// so the screen can say the disk is full. The same line repeated is written once, then counted.
public final class LogFile: @unchecked Sendable {
  public let path: String
  private let fileSystem: any FileSystem
  private let lock = NSLock()
  private var file: OpenFile?
  private var lastMessage: String?
  private var repeats = 0
  private var failure: FileSystemError?

  /// Opens (or creates, owner-only) the log at `path`; a log that cannot be opened writes nothing.
  public init(path: String, fileSystem: any FileSystem = POSIXFileSystem()) {
    self.path = path
    self.fileSystem = fileSystem
    do throws(FileSystemError) {
      file = try fileSystem.open(path, .readWriteCreate)
    } catch {
      failure = error
    }
  }

  deinit {
    if let file { fileSystem.close(file) }
  }

  /// The last write error, cleared by the next line written whole.
  public var lastFailure: FileSystemError? { lock.withLock { failure } }

  /// Appends one line with the time. A line equal to the one before is only counted; the count
  /// is written before the next different line.
  public func write(_ message: String, now: Date = Date()) {
    lock.withLock {
      if message == lastMessage {
        repeats += 1
        return
      }
      if repeats > 0 {
        append("\(Self.stamp(now)) (the line above repeated \(repeats) more times)\n")
      }
      repeats = 0
      lastMessage = message
      append("\(Self.stamp(now)) \(message)\n")
    }
  }

  private func append(_ line: String) {
    guard let file else { return }
    do throws(FileSystemError) {
      // O_APPEND is not in the file system's vocabulary: the end is asked for each time; only one
      // process writes the log (the store's lock).
      let end = try fileSystem.size(file)
      let bytes = Array(line.utf8)
      var done = 0
      while done < bytes.count {
        let result = bytes.withUnsafeBytes { raw -> Result<Int, FileSystemError> in
          do throws(FileSystemError) {
            return .success(
              try fileSystem.write(file, UnsafeRawBufferPointer(rebasing: raw[done...]), at: end + done))
          } catch {
            return .failure(error)
          }
        }
        let written = try result.get()
        if written <= 0 {
          throw FileSystemError(operation: "write", path: path, code: FileSystemError.noSpace)
        }
        done += written
      }
      failure = nil
    } catch {
      failure = error
    }
  }

  private static func stamp(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
