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

  /// What went wrong reading a file, in both languages, in words rather than an error domain.
  static func message(_ error: any Error, path: String) -> UserMessage {
    let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? 0
    func reason(_ language: Language) -> String {
      code != 0
        ? SystemErrorText.sentence(Int32(truncatingIfNeeded: code), language)
        : (error as NSError).localizedDescription
    }
    return UserMessage(
      zh: tr("robust.file.readFailed", .zh, ControlCharacters.escaped(path), reason(.zh)),
      en: tr("robust.file.readFailed", .en, ControlCharacters.escaped(path), reason(.en)))
  }
}
