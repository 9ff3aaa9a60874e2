import Exchange
import Foundation
import Localization

/// Writing export files so that a failure never leaves half a file behind, and nothing that is
/// not a regular file (a device, a FIFO) is replaced (see `ExportFile`).
enum FileWriting {
  static func write(_ data: Data, to path: String) throws(ExportFileError) {
    try ExportFile.write([UInt8](data), to: path)
  }

  /// What went wrong writing a file, in both languages.
  static func message(_ error: ExportFileError) -> UserMessage {
    UserMessage(zh: error.message(in: .zh), en: error.message(in: .en))
  }
}
