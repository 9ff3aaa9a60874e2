import Collections
import HashTreeCollections

/// The records of one kind by ID: a persistent map (copying is O(1)) whose values are boxed, so that
/// inserting and copying move pointers rather than whole records.
public struct RecordTable<T: Record>: Sendable, Equatable {
  public typealias Storage = TreeDictionary<ID<T>, RecordBox<T>>

  public private(set) var storage: Storage

  public init() { storage = [:] }

  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }

  public subscript(id: ID<T>) -> T? { storage[id]?.value }

  public var keys: Storage.Keys { storage.keys }

  /// Every record, in no particular order.
  public var values: LazyMapCollection<Storage.Values, T> { storage.values.lazy.map(\.value) }

  mutating func set(_ id: ID<T>, _ value: T?) {
    storage[id] = value.map(RecordBox.init)
  }

  /// Adds a record whose ID is not yet present; false if it was.
  mutating func insertNew(_ value: T) -> Bool {
    storage.updateValue(RecordBox(value), forKey: value.id) == nil
  }
}

/// An immutable box around one record, shared between copies of the state.
public final class RecordBox<T: Record>: Sendable, Equatable {
  public let value: T

  public init(_ value: T) { self.value = value }

  public static func == (lhs: RecordBox, rhs: RecordBox) -> Bool { lhs === rhs || lhs.value == rhs.value }
}

extension RecordTable: Sequence {
  /// Iterates `(key: id, value: record)` pairs, as `TreeDictionary` does, so that code written
  /// against the unboxed table keeps working.
  public func makeIterator() -> some IteratorProtocol<(key: ID<T>, value: T)> {
    storage.lazy.map { (key: $0.key, value: $0.value.value) }.makeIterator()
  }
}

extension RecordTable {
  /// Adds a record boxed elsewhere (a state put together from parts decoded on other threads) whose ID
  /// is not yet present; false if it was.
  mutating func insertNew(box: RecordBox<T>) -> Bool {
    storage.updateValue(box, forKey: box.value.id) == nil
  }
}
