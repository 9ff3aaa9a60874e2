import Foundation
import Store

/// A fresh folder under the system's temp folder, removed by `remove()`.
struct TempFolder {
  let path: String

  init(_ label: String = "store") {
    path = NSTemporaryDirectory() + "shangliang-tests-\(label)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  var store: String { path + "/store" }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A fixed clock for tests: each call is one second after the previous.
final class TestClock {
  private var current = Date(timeIntervalSince1970: 1_780_000_000.123_456_7)
  func next() -> Date {
    current = current.addingTimeInterval(1.000_000_3)
    return current
  }
}

enum Files {
  static func bytes(_ path: String) -> [UInt8] {
    (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
  }

  static func write(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  static func names(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  static func journals(_ folder: String) -> [String] {
    names(folder).filter { $0.hasPrefix("journal-") && $0.hasSuffix(".log") }
  }

  /// Every regular file under a folder with its bytes, to prove that nothing changed.
  static func contents(_ folder: String) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)
    while let name = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
      if !isFolder.boolValue && name != "lock" { result[name] = bytes(folder + "/" + name) }
    }
    return result
  }

  static func copyFolder(_ from: String, to: String) {
    try? FileManager.default.removeItem(atPath: to)
    try? FileManager.default.copyItem(atPath: from, toPath: to)
  }
}

/// Offsets of the records in a journal file (after its 36-byte header), read from their lengths.
func recordOffsets(_ journal: [UInt8]) -> [Int] {
  var offsets: [Int] = []
  var offset = 36
  while offset + 4 <= journal.count {
    let length =
      Int(journal[offset]) | Int(journal[offset + 1]) << 8 | Int(journal[offset + 2]) << 16
      | Int(journal[offset + 3]) << 24
    guard offset + 8 + length <= journal.count else { break }
    offsets.append(offset)
    offset += 8 + length
  }
  return offsets
}

/// The state reached by applying `changes` one by one with the store's own rounding of times.
func directlyApplied(_ changes: [(NoteChange, Date)], actor: String = "clerk") throws -> NotesState {
  var state = NotesModel.emptyState()
  for (change, now) in changes {
    state = try NotesModel.apply(change, to: state, actor: actor, now: Stamp.rounded(now)).state
  }
  return state
}
