import Foundation
import Localization

/// Writing export files so that a failure never leaves half a file behind.
enum FileWriting {
  static func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try data.write(to: url, options: [.atomic])
  }

  /// What went wrong with a file, in both languages.
  static func message(_ error: any Error, path: String) -> UserMessage {
    let reason = (error as NSError).localizedDescription
    return UserMessage(
      zh: tr("message.fileFailed", .zh, path, reason), en: tr("message.fileFailed", .en, path, reason))
  }
}
