import App
import Foundation
import Logging
import Store

/// The log file in the store folder; never the screen while curses runs. Writing it never stops
/// the program: a full disk drops the line (see `LogFile`).
struct FileLog: LogHandler {
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]
  let file: LogFile

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    file.write("\(event.level) \(event.message)")
  }

  /// A logger writing to `shangliang.log` in the store folder (created if needed), and the file.
  static func start(folder: URL) -> (Logger, LogFile) {
    let fileSystem = POSIXFileSystem()
    try? fileSystem.makeFolder(folder.path)
    let file = LogFile(path: folder.appendingPathComponent("shangliang.log").path, fileSystem: fileSystem)
    return (Logger(label: "shangliang") { _ in FileLog(file: file) }, file)
  }
}
