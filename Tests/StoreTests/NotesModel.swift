import Foundation
import Localization
import Store

/// The tiny model the store's tests run on: numbered notes, edited and grouped. It is what the
/// durability engine sees of any model — encodings, a deterministic apply, an inverse for undo.
struct NotesState: Sendable, Equatable {
  var notes: [UInt64: String] = [:]
  var nextID: UInt64 = 1
  var lastEdited: Date?
}

indirect enum NoteChange: Sendable, Equatable {
  case add(String)
  case set(UInt64, String?)
  case group([NoteChange])
  /// Always refused: stands for a change the rules forbid.
  case refuse
}

enum NoteError: Error, Equatable {
  case refused
  case noSuchNote(UInt64)
  case readOnly(String)
}

enum NotesModel: StoreModel {
  typealias State = NotesState
  typealias Change = NoteChange
  typealias ActingUser = String
  typealias Failure = NoteError

  static let payloadVersion: UInt32 = 1

  static func emptyState() -> NotesState { NotesState() }

  static func apply(_ change: NoteChange, to state: NotesState, actor: String, now: Date) throws(NoteError)
    -> ModelApplied<NotesState, NoteChange>
  {
    if actor == "visitor" { throw .readOnly(actor) }
    var state = state
    let inverse: NoteChange
    switch change {
    case .add(let text):
      let id = state.nextID
      state.notes[id] = text
      state.nextID += 1
      inverse = .set(id, nil)
    case .set(let id, let text):
      let old = state.notes[id]
      if old == nil && text == nil { throw .noSuchNote(id) }
      state.notes[id] = text
      inverse = .set(id, old)
    case .group(let changes):
      var inverses: [NoteChange] = []
      for part in changes {
        let applied = try apply(part, to: state, actor: actor, now: now)
        state = applied.state
        inverses.append(applied.inverse)
      }
      inverse = .group(inverses.reversed())
    case .refuse:
      throw .refused
    }
    state.lastEdited = now
    return ModelApplied(state: state, inverse: inverse)
  }

  static func summary(of change: NoteChange, before: NotesState, in language: Language) -> String {
    switch change {
    case .add(let text): return language == .zh ? "新增笔记 \(text)" : "add note \(text)"
    case .set(let id, _): return language == .zh ? "修改笔记 \(id)" : "edit note \(id)"
    case .group(let parts): return language == .zh ? "批量修改 \(parts.count) 项" : "\(parts.count) changes"
    case .refuse: return "refuse"
    }
  }

  static func message(for failure: NoteError, in language: Language) -> String {
    "\(failure)"
  }

  static func counts(in state: NotesState) -> [(kind: String, count: Int)] {
    [("notes", state.notes.count)]
  }

  // MARK: Encoding (little-endian; Fixtures/make-v0-store.py writes the same bytes)

  static func encode(state: NotesState) -> [UInt8] {
    var out: [UInt8] = []
    put(state.nextID, &out)
    put(
      UInt64(bitPattern: state.lastEdited.map { Int64(($0.timeIntervalSince1970 * 1e6).rounded()) } ?? -1),
      &out)
    put(UInt64(state.notes.count), &out)
    for (id, text) in state.notes.sorted(by: { $0.key < $1.key }) {
      put(id, &out)
      put(text, &out)
    }
    return out
  }

  private static func decodeRawState(_ bytes: UnsafeRawBufferPointer) throws(PayloadError) -> NotesState {
    var reader = Reader(bytes: bytes)
    var state = NotesState()
    state.nextID = try reader.u64()
    let micros = Int64(bitPattern: try reader.u64())
    state.lastEdited = micros < 0 ? nil : Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    let count = try reader.u64()
    for _ in 0..<count {
      let id = try reader.u64()
      state.notes[id] = try reader.text()
    }
    guard reader.offset == bytes.count else { throw PayloadError("trailing bytes") }
    return state
  }

  static func encode(change: NoteChange) -> [UInt8] {
    var out: [UInt8] = []
    encode(change, &out)
    return out
  }

  private static func encode(_ change: NoteChange, _ out: inout [UInt8]) {
    switch change {
    case .add(let text):
      out.append(0)
      put(text, &out)
    case .set(let id, let text):
      out.append(1)
      put(id, &out)
      if let text {
        out.append(1)
        put(text, &out)
      } else {
        out.append(0)
      }
    case .group(let parts):
      out.append(2)
      put(UInt64(parts.count), &out)
      for part in parts { encode(part, &out) }
    case .refuse:
      out.append(3)
    }
  }

  private static func decodeRawChange(_ bytes: UnsafeRawBufferPointer) throws(PayloadError)
    -> NoteChange
  {
    var reader = Reader(bytes: bytes)
    let change = try decode(&reader)
    guard reader.offset == bytes.count else { throw PayloadError("trailing bytes") }
    return change
  }

  private static func decode(_ reader: inout Reader) throws(PayloadError) -> NoteChange {
    switch try reader.u8() {
    case 0: return .add(try reader.text())
    case 1:
      let id = try reader.u64()
      return .set(id, try reader.u8() == 1 ? try reader.text() : nil)
    case 2:
      let count = try reader.u64()
      var parts: [NoteChange] = []
      for _ in 0..<count { parts.append(try decode(&reader)) }
      return .group(parts)
    case 3: return .refuse
    default: throw PayloadError("unknown change")
    }
  }

  static func encode(actor: String) -> [UInt8] { Array(actor.utf8) }

  static func decodeActor(_ all: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError) -> String {
    String(decoding: all[range], as: UTF8.self)
  }

  static func decodeState(_ all: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> NotesState
  {
    try all.withUnsafeBytes { raw in
      Result { () throws(PayloadError) in try decodeRawState(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }.get()
  }

  static func decodeChange(_ all: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> NoteChange
  {
    try all.withUnsafeBytes { raw in
      Result { () throws(PayloadError) in try decodeRawChange(UnsafeRawBufferPointer(rebasing: raw[range])) }
    }.get()
  }

  private static func put(_ value: UInt64, _ out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
  }

  private static func put(_ text: String, _ out: inout [UInt8]) {
    put(UInt64(text.utf8.count), &out)
    out.append(contentsOf: text.utf8)
  }

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func u8() throws(PayloadError) -> UInt8 {
      guard offset < bytes.count else { throw PayloadError("cut short") }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func u64() throws(PayloadError) -> UInt64 {
      guard offset + 8 <= bytes.count else { throw PayloadError("cut short") }
      defer { offset += 8 }
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func text() throws(PayloadError) -> String {
      let length = try u64()
      guard length <= UInt64(bytes.count - offset) else { throw PayloadError("cut short") }
      defer { offset += Int(length) }
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + Int(length))]), as: UTF8.self)
    }
  }
}

typealias NotesStore = DurableStore<NotesModel>
