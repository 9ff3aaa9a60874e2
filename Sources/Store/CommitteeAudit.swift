import Domain
import Foundation
import Localization

/// A record as the audit log keeps it: how it was before a change and after (nil: it did not exist).
public struct AuditedRecord: Equatable, Sendable {
  public var ref: RecordRef
  public var before: RecordValue?
  public var after: RecordValue?

  public init(ref: RecordRef, before: RecordValue?, after: RecordValue?) {
    self.ref = ref
    self.before = before
    self.after = after
  }

  /// The fields that differ, by their names in the code, with the value before and after.
  public var changedFields: [(field: String, before: String, after: String)] {
    Self.differing(Self.fields(of: before), Self.fields(of: after))
  }

  /// The fields whose text differs between `old` and `new`, in the order they first appear.
  static func differing(_ old: [(String, String)], _ new: [(String, String)]) -> [(
    field: String, before: String, after: String
  )] {
    var names = old.map(\.0)
    for (name, _) in new where !names.contains(name) { names.append(name) }
    let oldByName = Dictionary(old, uniquingKeysWith: { first, _ in first })
    let newByName = Dictionary(new, uniquingKeysWith: { first, _ in first })
    return names.compactMap { name in
      let was = oldByName[name] ?? ""
      let now = newByName[name] ?? ""
      return was == now ? nil : (name, was, now)
    }
  }

  /// A record's stored fields and their values as text (what the audit shows, not a format to parse).
  public static func fields(of value: RecordValue?) -> [(String, String)] {
    guard let record = value?.record else { return [] }
    return Mirror(reflecting: record).children.compactMap { child in
      guard let label = child.label, label != "id" else { return nil }
      return (label, Self.text(child.value))
    }
  }

  static func text(_ value: Any) -> String {
    if let string = value as? String { return string }
    let mirror = Mirror(reflecting: value)
    if mirror.displayStyle == .optional {
      guard let inner = mirror.children.first else { return "" }
      return text(inner.value)
    }
    return String(describing: value)
  }

  /// The fields that differ, as a user reads them: the field's name in `language`, and values with
  /// statuses and kinds by their names, references by the name of the record (`name`), yes/no, days.
  public func readableFields(
    in language: Language, name: (RecordRef) -> String?
  ) -> [(field: String, before: String, after: String)] {
    let oldLists = Self.readableLists(before, language: language, name: name)
    let newLists = Self.readableLists(after, language: language, name: name)
    return Self.differing(
      Self.readable(before, language: language, name: name),
      Self.readable(after, language: language, name: name)
    ).map { field in
      let label = Self.fieldName(field.field, language)
      // A list (a record's steps, its past follow-ups): what was added and taken away, not the whole
      // list twice.
      guard let was = oldLists[field.field], let now = newLists[field.field] else {
        return (label, field.before, field.after)
      }
      let separator = language == .zh ? "；" : "; "
      let added = now.filter { !was.contains($0) }
      let removed = was.filter { !now.contains($0) }
      let before =
        removed.isEmpty ? (was.isEmpty ? "" : "…") : removed.map { "− " + $0 }.joined(separator: separator)
      let after = added.isEmpty ? "…" : added.map { "+ " + $0 }.joined(separator: separator)
      return (label, before, after)
    }
  }

  /// The list fields of a record, each element as a user reads it.
  static func readableLists(
    _ value: RecordValue?, language: Language, name: (RecordRef) -> String?
  ) -> [String: [String]] {
    guard let record = value?.record else { return [:] }
    var lists: [String: [String]] = [:]
    for child in Mirror(reflecting: record).children {
      guard let label = child.label, !(child.value is String) else { continue }
      let mirror = Mirror(reflecting: child.value)
      guard mirror.displayStyle == .collection else { continue }
      lists[label] = mirror.children.map { readableText($0.value, language: language, name: name) }
    }
    return lists
  }

  /// The shown name of a record field, `history.field.NAME`, else the code's name (a test checks
  /// that every field of the demo's records has one).
  public static func fieldName(_ label: String, _ language: Language) -> String {
    Strings.shared.entries["history.field.\(label)"] == nil ? label : tr("history.field.\(label)", language)
  }

  /// A record's stored fields, by their names in the code, with their values as a user reads them.
  public static func readable(
    _ value: RecordValue?, language: Language, name: (RecordRef) -> String?
  ) -> [(String, String)] {
    guard let record = value?.record else { return [] }
    return Mirror(reflecting: record).children.compactMap { child in
      guard let label = child.label, label != "id" else { return nil }
      return (label, readableText(child.value, language: language, name: name))
    }
  }

  /// Date and minute in the working zone (China Standard Time), as the rest of the history shows times.
  static let timeFormat = Date.VerbatimFormatStyle(
    format:
      "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
    timeZone: .working, calendar: Calendar(identifier: .gregorian))

  static func readableText(_ value: Any, language: Language, name: (RecordRef) -> String?) -> String {
    if let string = value as? String { return string }
    if let flag = value as? Bool { return tr(flag ? "history.value.yes" : "history.value.no", language) }
    if let id = value as? any AnyRecordID, let ref = id.recordRef { return name(ref) ?? "#\(ref.raw)" }
    if let named = value as? any NamedByKey { return tr(named.nameKey, language) }
    if let format = value as? ConsultationFormat { return format.name(in: language) }
    if let date = value as? Date { return date.formatted(Self.timeFormat) }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
      guard let inner = mirror.children.first else { return "" }
      return readableText(inner.value, language: language, name: name)
    case .enum where !mirror.children.isEmpty:
      // A case with a payload (a step's record): the payload, as the case's name means nothing to a user.
      return mirror.children.map { readableText($0.value, language: language, name: name) }
        .filter { !$0.isEmpty }.joined(separator: " · ")
    case .collection, .set:
      return mirror.children.map { readableText($0.value, language: language, name: name) }
        .listed(language)
    case .struct where !(value is CustomStringConvertible), .tuple:
      // A part of a record (an evaluation, a stage's record): its filled parts, without Swift's names.
      return mirror.children.map { readableText($0.value, language: language, name: name) }
        .filter { !$0.isEmpty }.joined(separator: " · ")
    default:
      return String(describing: value)
    }
  }
}

/// A change as the audit log keeps it: the change itself and the records it touched, before and after.
public struct AuditedChange: Sendable {
  public var change: Domain.Change
  public var records: [AuditedRecord]
}

extension CommitteeModel {
  /// The change's journal payload, then each record it touched with its value before and after.
  public static func auditContent(
    of change: Domain.Change, payload: [UInt8], before: CommitteeState,
    applied: ModelApplied<CommitteeState, Domain.Change>
  ) -> [UInt8] {
    let refs: [RecordRef]
    if case .revert(_, let versions, _, _) = applied.inverse {
      refs = versions.map(\.ref)
    } else if case .revert(_, let versions, _, _) = change {
      refs = versions.map(\.ref)
    } else {
      refs = []
    }
    var writer = BinaryWriter(capacity: 16 + refs.count * 320)
    writer.write(varint: UInt64(refs.count))
    for ref in refs {
      writer.write(ref)
      writer.write(before.value(of: ref))
      writer.write(applied.state.value(of: ref))
    }
    // u32 payload length, the payload, then the records.
    var content: [UInt8] = []
    content.reserveCapacity(4 + payload.count + writer.bytes.count)
    withUnsafeBytes(of: UInt32(payload.count).littleEndian) { content.append(contentsOf: $0) }
    content.append(contentsOf: payload)
    content.append(contentsOf: writer.bytes)
    return content
  }

  /// Reads back what `auditContent` wrote (nil if the bytes are not such a content).
  public static func decodeAudit(_ content: [UInt8], version: UInt32) -> AuditedChange? {
    guard content.count >= 4 else { return nil }
    let length = Int(content[0]) | Int(content[1]) << 8 | Int(content[2]) << 16 | Int(content[3]) << 24
    guard 4 + length <= content.count else { return nil }
    do throws(BinaryError) {
      var inner = BinaryReader(Array(content[4..<(4 + length)]), payloadVersion: version)
      let change = try Domain.Change(from: &inner)
      var reader = BinaryReader(content, offset: 4 + length, payloadVersion: version)
      let count = try reader.readCount()
      var records: [AuditedRecord] = []
      for _ in 0..<count {
        let ref: RecordRef = try reader.read()
        let before: RecordValue? = try reader.readOptional()
        let after: RecordValue? = try reader.readOptional()
        records.append(AuditedRecord(ref: ref, before: before, after: after))
      }
      return AuditedChange(change: change, records: records)
    } catch {
      return nil
    }
  }

  /// The user name and role of an audit entry's actor (nil for the log's own notes).
  public static func auditActor(_ bytes: [UInt8]) -> Domain.ActingUser? {
    guard !bytes.isEmpty else { return nil }
    return try? decodeActor(bytes, range: 0..<bytes.count, version: payloadVersion)
  }
}
