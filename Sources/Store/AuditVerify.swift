import Foundation
import Localization

/// The first thing found wrong in the audit log's chain, naming the entry.
public struct AuditProblem: Equatable, Sendable {
  /// What happened to the entry.
  public enum Kind: String, Sendable {
    /// Its bytes no longer hash to what it holds, or no longer to what the next entry holds.
    case edited
    /// It is there, but not where it belongs.
    case reordered
    /// An entry that does not belong to the chain (a second entry with the same number).
    case inserted
    /// It is missing from the middle of the chain.
    case removed
    /// It is missing from the end, or cut short.
    case truncated
    /// A segment file's header is damaged.
    case damagedSegment
    /// The log noticed, when the store was opened, that entries had been removed or changed.
    case foundAtOpen
  }

  public var kind: Kind
  /// The entry named (its number in the chain).
  public var number: UInt64
  public var file: String
  public var offset: Int

  public func message(in language: Language) -> String {
    tr("audit.problem.\(kind.rawValue)", language, String(number), file, String(offset))
  }
}

/// What walking the audit log found.
public struct AuditVerification: Sendable {
  public var entries = 0
  public var firstNumber: UInt64 = 0
  public var lastNumber: UInt64 = 0
  public var segments = 0
  public var archivedSegments = 0
  public var problem: AuditProblem?
  /// Notes the log wrote itself about crashes (not tampering): they are listed, and the chain is sound.
  public var crashNotes: [AuditEntry] = []
  /// Bytes of an entry that a crash left unfinished after the last one flushed (harmless).
  public var unfinishedBytes = 0

  public var isSound: Bool { problem == nil }

  public func lines(in language: Language) -> [String] {
    var lines = [
      tr(
        "audit.verify.summary", language, String(entries), String(firstNumber), String(lastNumber),
        String(segments), String(archivedSegments))
    ]
    if firstNumber > 1 { lines.append(tr("audit.verify.archivedAway", language, String(firstNumber))) }
    for note in crashNotes {
      if let (code, first, last) = AuditLog.decodeNote(note.content) {
        lines.append(tr("audit.note.\(code)", language, String(first), String(last)))
      }
    }
    if unfinishedBytes > 0 { lines.append(tr("audit.verify.unfinished", language, String(unfinishedBytes))) }
    if let problem {
      lines.append(problem.message(in: language))
    } else {
      lines.append(tr("audit.verify.sound", language))
    }
    return lines
  }
}

extension AuditLog {
  /// Every entry of the store's audit log, archived segments first, in file order (nothing is checked).
  public static func readEntries(storeFolder: String, fileSystem fs: any FileSystem = POSIXFileSystem())
    -> [AuditEntry]
  {
    segmentScans(storeFolder: storeFolder, fileSystem: fs).flatMap(\.scan.entries)
  }

  static func segmentScans(storeFolder: String, fileSystem fs: any FileSystem)
    -> [(name: String, archived: Bool, scan: AuditSegmentScan)]
  {
    let folder = storeFolder + "/" + folderName
    let archived = ((try? fs.list(folder + "/" + archiveName)) ?? []).filter(isSegment).map { ($0, true) }
    let live = ((try? fs.list(folder)) ?? []).filter(isSegment).map { ($0, false) }
    var seen: Set<String> = []
    return (archived + live).sorted { $0.0 < $1.0 }.compactMap { name, isArchived in
      guard seen.insert(name).inserted else { return nil }
      let path = folder + "/" + (isArchived ? archiveName + "/" : "") + name
      guard let bytes = try? fs.readWholeFile(path) else { return nil }
      var scan = AuditSegmentScan(bytes)
      let shown = (isArchived ? folderName + "/" + archiveName + "/" : folderName + "/") + name
      for index in scan.entries.indices { scan.entries[index].file = shown }
      return (shown, isArchived, scan)
    }
  }

  /// The code and range of a note written by the log itself.
  public static func decodeNote(_ content: [UInt8]) -> (UInt8, UInt64, UInt64)? {
    guard content.count == 17 else { return nil }
    return content.withUnsafeBytes { raw in
      (
        raw[0], UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 9, as: UInt64.self))
      )
    }
  }

  /// Walks the chain from the oldest segment present and names the first entry that was edited,
  /// reordered, inserted or removed, or cut off the end (which the head file shows). Reads only.
  public static func verify(storeFolder: String, fileSystem fs: any FileSystem = POSIXFileSystem())
    -> AuditVerification
  {
    var result = AuditVerification()
    let scans = segmentScans(storeFolder: storeFolder, fileSystem: fs)
    result.segments = scans.count
    result.archivedSegments = scans.filter(\.archived).count
    let headBytes = (try? fs.readWholeFile(storeFolder + "/" + folderName + "/" + headName)) ?? []
    let head = readHead(headBytes)
    var entries: [AuditEntry] = []
    for (index, segment) in scans.enumerated() {
      guard segment.scan.headerIsValid else {
        result.problem = AuditProblem(
          kind: .damagedSegment, number: entries.last.map { $0.number + 1 } ?? 1, file: segment.name,
          offset: 0)
        return result
      }
      entries += segment.scan.entries
      if segment.scan.tornBytes > 0 {
        let next = entries.last.map { $0.number + 1 } ?? segment.scan.firstNumber
        // After the last entry flushed, an unfinished entry is what a crash leaves; anywhere else it is damage.
        let isLast = index == scans.count - 1 || scans[(index + 1)...].allSatisfy { $0.scan.entries.isEmpty }
        if isLast, head.map({ $0.number < next }) ?? true {
          result.unfinishedBytes = segment.scan.tornBytes
        } else {
          result.problem = AuditProblem(
            kind: .truncated, number: next, file: segment.name, offset: segment.scan.tornOffset)
          return result
        }
      }
    }
    result.entries = entries.count
    guard let first = scans.first?.scan else { return result }
    result.firstNumber = first.firstNumber
    var expected = first.firstNumber
    var lastHash = first.previousHash
    let positions = Dictionary(entries.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<UInt64> = []
    for (index, entry) in entries.enumerated() {
      func problem(_ kind: AuditProblem.Kind, _ number: UInt64) -> AuditProblem {
        AuditProblem(kind: kind, number: number, file: entry.file, offset: entry.offset)
      }
      if !entry.hashMatches {
        result.problem = problem(.edited, entry.number)
      } else if entry.number == expected {
        if entry.previousHash != lastHash {
          // Its own hash is right, so the entry before it changed (and was given a new hash).
          result.problem = problem(index == 0 ? .removed : .edited, expected &- 1)
        }
      } else if entry.number > expected {
        let later = positions[expected].map { $0 > index } ?? false
        result.problem = problem(later ? .reordered : .removed, expected)
      } else {
        result.problem = problem(seen.contains(entry.number) ? .inserted : .reordered, entry.number)
      }
      if result.problem != nil { return result }
      seen.insert(entry.number)
      if entry.kind == .note, let (code, first, _) = decodeNote(entry.content) {
        switch NoteCode(rawValue: code) {
        case .entriesMissingAtOpen, .entryChangedAtOpen:
          result.problem = problem(.foundAtOpen, first)
          return result
        case .entriesLostInCrash, .changesLostFromJournal:
          result.crashNotes.append(entry)
        case .started, nil:
          break
        }
      }
      expected = entry.number + 1
      lastHash = entry.hash
    }
    result.lastNumber = expected &- 1
    if let head {
      if head.number > result.lastNumber {
        let file = entries.last?.file ?? scans.last?.name ?? folderName
        result.problem = AuditProblem(kind: .truncated, number: result.lastNumber + 1, file: file, offset: 0)
      } else if let index = positions[head.number], entries[index].hash != head.hash {
        result.problem = AuditProblem(
          kind: .edited, number: head.number, file: entries[index].file, offset: entries[index].offset)
      }
    }
    return result
  }
}
