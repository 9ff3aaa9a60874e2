/// The records of one kind by ID: a persistent map (copying is O(1), a change copies one path of a
/// B+tree, see `RecordTree`) whose values are boxed, so that inserting and copying move pointers rather
/// than whole records. Iteration (`keys`, `values`, the pairs) is in increasing ID order.
public struct RecordTable<T: Record>: Sendable, Equatable {
  public typealias Storage = RecordTree<T>

  public private(set) var storage: Storage

  public init() { storage = Storage() }

  init(storage: Storage) { self.storage = storage }

  public var count: Int { storage.count }
  public var isEmpty: Bool { storage.isEmpty }

  public subscript(id: ID<T>) -> T? { storage[id]?.value }

  /// The IDs in increasing order.
  public var keys: Storage.Keys { storage.keys }

  /// Every record, in increasing ID order.
  public var values: LazyMapCollection<Storage.Values, T> { storage.values.lazy.map(\.value) }

  mutating func set(_ id: ID<T>, _ value: T?) {
    if let value {
      storage.update(RecordBox(value), key: id.raw)
    } else {
      storage.remove(key: id.raw)
    }
  }

  /// Adds a record whose ID is not yet present; false if it was.
  mutating func insertNew(_ value: T) -> Bool {
    insertNew(box: RecordBox(value))
  }
}

/// An immutable box around one record, shared between copies of the state.
public final class RecordBox<T: Record>: Sendable, Equatable {
  public let value: T

  public init(_ value: T) { self.value = value }

  public static func == (lhs: RecordBox, rhs: RecordBox) -> Bool { lhs === rhs || lhs.value == rhs.value }
}

extension RecordTable: Sequence {
  /// Iterates `(key: id, value: record)` pairs in increasing ID order.
  public func makeIterator() -> some IteratorProtocol<(key: ID<T>, value: T)> {
    storage.lazy.map { (key: $0.key, value: $0.value.value) }.makeIterator()
  }

  public var underestimatedCount: Int { storage.count }
}

extension RecordTable {
  /// Adds a record boxed elsewhere whose ID is not yet present; false if it was.
  mutating func insertNew(box: RecordBox<T>) -> Bool {
    storage.update(box, key: box.value.id.raw, replace: false) == nil
  }
}
