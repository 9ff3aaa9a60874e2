import Foundation
import Logging

/// The log file in the store folder; never the screen while curses runs.
struct FileLog: LogHandler {
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]
  let handle: FileHandle?

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    guard let handle else { return }
    let line = "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(event.message)\n"
    handle.write(Data(line.utf8))
  }

  /// A logger writing to `shangliang.log` in the store folder (created if needed).
  static func start(folder: URL) -> Logger {
    try? FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let url = folder.appendingPathComponent("shangliang.log")
    if !FileManager.default.fileExists(atPath: url.path) {
      _ = FileManager.default.createFile(
        atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
    }
    let handle = try? FileHandle(forWritingTo: url)
    _ = try? handle?.seekToEnd()
    return Logger(label: "shangliang") { _ in FileLog(handle: handle) }
  }
}
