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
    let old = Self.fields(of: before)
    let new = Self.fields(of: after)
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
