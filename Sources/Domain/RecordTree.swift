/// A persistent map from record IDs to boxed records: a B+tree keyed by the raw ID, whose leaves hold up
/// to `leafCapacity` (id, box) pairs in ID order and whose branches hold up to `branchCapacity` children.
///
/// Copying is O(1) (one reference); a change copies the path from the root to the leaf it touches when
/// that path is shared with another copy (the store keeps older states for undo and for the background
/// snapshot), and changes nodes in place when they are not, so a state put together record by record
/// copies nothing. Old and new states share every node off the changed path. A table is built from
/// sorted records in one pass (`Builder`), leaves packed full. Iteration is in ID order.
///
/// A key in a branch is the lowest key its child may hold: child `i` holds the keys from `keys[i]` up
/// to `keys[i + 1]` (not included). The first key of a branch bounds nothing (the first child takes
/// every key below the second key) and is not kept up to date when the lowest key changes.
public struct RecordTree<T: Record>: Sendable {
  public typealias Element = (key: ID<T>, value: RecordBox<T>)
  typealias Node = RecordTreeNode<T>

  /// 64 pairs: a leaf's keys fill eight cache lines; a change copies 1 KB of pairs per level.
  static var leafCapacity: Int { 64 }
  static var branchCapacity: Int { 64 }

  var root: Node?
  /// How many branch levels are above the leaves (0: the root is a leaf).
  var height = 0
  public private(set) var count = 0

  public init() {}

  public var isEmpty: Bool { count == 0 }

  public subscript(id: ID<T>) -> RecordBox<T>? {
    guard var node = root else { return nil }
    let key = id.raw
    for _ in 0..<height { node = node.children[node.route(key)] }
    let slot = node.lowerBound(key)
    return slot < node.keys.count && node.keys[slot] == key ? node.boxes[slot] : nil
  }

  /// Puts `box` under `key`, replacing the box there if `replace`; returns the box that was there.
  @discardableResult
  mutating func update(_ box: RecordBox<T>, key: UInt64, replace: Bool = true) -> RecordBox<T>? {
    guard root != nil else {
      root = Node(keys: [key], boxes: [box], children: [])
      height = 0
      count = 1
      return nil
    }
    var old: RecordBox<T>?
    let split = Self.insert(into: &root!, height: height, key: key, box: box, replace: replace, old: &old)
    if let split, let left = root {
      root = Node(keys: [left.keys[0], split.key], boxes: [], children: [left, split.node])
      height += 1
    }
    if old == nil { count += 1 }
    return old
  }

  /// Takes the box under `key` out; returns it (nil if there was none, and then nothing is copied).
  @discardableResult
  mutating func remove(key: UInt64) -> RecordBox<T>? {
    guard root != nil, self[ID(raw: key)] != nil else { return nil }
    let removed = Self.remove(from: &root!, height: height, key: key)
    if removed != nil { count -= 1 }
    while let node = root, height > 0, node.children.count <= 1 {
      root = node.children.first
      height -= 1
    }
    if let node = root, node.keys.isEmpty { root = nil }
    if root == nil { height = 0 }
    return removed
  }

  private static func insert(
    into node: inout Node, height: Int, key: UInt64, box: RecordBox<T>, replace: Bool,
    old: inout RecordBox<T>?
  ) -> (key: UInt64, node: Node)? {
    if height == 0 {
      let slot = node.lowerBound(key)
      if slot < node.keys.count && node.keys[slot] == key {
        old = node.boxes[slot]
        if replace {
          if !isKnownUniquelyReferenced(&node) { node = node.copy() }
          node.boxes[slot] = box
        }
        return nil
      }
      if !isKnownUniquelyReferenced(&node) { node = node.copy() }
      node.keys.insert(key, at: slot)
      node.boxes.insert(box, at: slot)
      guard node.keys.count > leafCapacity else { return nil }
      // Appending (IDs are given out increasing) keeps the left leaf full; else halves.
      let cut = slot == node.keys.count - 1 ? leafCapacity : node.keys.count / 2
      let right = Node(keys: Array(node.keys[cut...]), boxes: Array(node.boxes[cut...]), children: [])
      node.keys.removeSubrange(cut...)
      node.boxes.removeSubrange(cut...)
      return (right.keys[0], right)
    }
    if !isKnownUniquelyReferenced(&node) { node = node.copy() }
    let index = node.route(key)
    guard
      let split = insert(
        into: &node.children[index], height: height - 1, key: key, box: box, replace: replace, old: &old)
    else { return nil }
    node.keys.insert(split.key, at: index + 1)
    node.children.insert(split.node, at: index + 1)
    guard node.children.count > branchCapacity else { return nil }
    let cut = index + 2 == node.children.count ? branchCapacity : node.children.count / 2
    let right = Node(keys: Array(node.keys[cut...]), boxes: [], children: Array(node.children[cut...]))
    node.keys.removeSubrange(cut...)
    node.children.removeSubrange(cut...)
    return (right.keys[0], right)
  }

  private static func remove(from node: inout Node, height: Int, key: UInt64) -> RecordBox<T>? {
    if !isKnownUniquelyReferenced(&node) { node = node.copy() }
    if height == 0 {
      let slot = node.lowerBound(key)
      guard slot < node.keys.count, node.keys[slot] == key else { return nil }
      node.keys.remove(at: slot)
      return node.boxes.remove(at: slot)
    }
    let index = node.route(key)
    guard let removed = remove(from: &node.children[index], height: height - 1, key: key) else { return nil }
    let size = node.children[index].keys.count
    if size == 0 {
      node.keys.remove(at: index)
      node.children.remove(at: index)
      return removed
    }
    // A node fallen below a quarter full is merged into a neighbour when both fit in one.
    let capacity = height == 1 ? leafCapacity : branchCapacity
    guard size < capacity / 4 else { return removed }
    let left = index > 0 ? index - 1 : index
    let right = left + 1
    guard right < node.children.count,
      node.children[left].keys.count + node.children[right].keys.count <= capacity
    else { return removed }
    if !isKnownUniquelyReferenced(&node.children[left]) { node.children[left] = node.children[left].copy() }
    let target = node.children[left]
    let taken = node.children[right]
    if height == 1 {
      target.keys.append(contentsOf: taken.keys)
      target.boxes.append(contentsOf: taken.boxes)
    } else {
      // The right node's first key bounds nothing; the parent's key for it does.
      target.keys.append(node.keys[right])
      target.keys.append(contentsOf: taken.keys.dropFirst())
      target.children.append(contentsOf: taken.children)
    }
    node.keys.remove(at: right)
    node.children.remove(at: right)
    return removed
  }
}

/// One node of a `RecordTree`: a leaf (keys and boxes) or a branch (keys and children). Changed only
/// while uniquely referenced, so never while another thread can see it.
final class RecordTreeNode<T: Record>: @unchecked Sendable {
  var keys: [UInt64]
  var boxes: [RecordBox<T>]
  var children: [RecordTreeNode<T>]

  init(keys: [UInt64], boxes: [RecordBox<T>], children: [RecordTreeNode<T>]) {
    self.keys = keys
    self.boxes = boxes
    self.children = children
  }

  func copy() -> RecordTreeNode { RecordTreeNode(keys: keys, boxes: boxes, children: children) }

  /// The first slot whose key is not below `key`.
  @inline(__always)
  func lowerBound(_ key: UInt64) -> Int {
    keys.withUnsafeBufferPointer { keys in
      var low = 0
      var high = keys.count
      while low < high {
        let middle = (low + high) >> 1
        if keys[middle] < key { low = middle + 1 } else { high = middle }
      }
      return low
    }
  }

  /// The child of a branch that holds `key` if anything does: the last whose key is not above it.
  @inline(__always)
  func route(_ key: UInt64) -> Int {
    keys.withUnsafeBufferPointer { keys in
      var low = 1
      var high = keys.count
      while low < high {
        let middle = (low + high) >> 1
        if keys[middle] <= key { low = middle + 1 } else { high = middle }
      }
      return low - 1
    }
  }
}

// MARK: Building in one pass

extension RecordTree {
  /// Builds a tree from pairs given in increasing ID order, leaves packed full, in one pass.
  struct Builder {
    private var leaves: [Node] = []
    private var keys: [UInt64] = []
    private var boxes: [RecordBox<T>] = []
    private var count = 0
    private var last: UInt64?

    init() {
      keys.reserveCapacity(RecordTree.leafCapacity)
      boxes.reserveCapacity(RecordTree.leafCapacity)
    }

    /// Adds a pair after every pair added so far; false (and nothing added) if its key is not above theirs.
    @inline(__always)
    mutating func append(key: UInt64, box: RecordBox<T>) -> Bool {
      if let last, key <= last { return false }
      last = key
      keys.append(key)
      boxes.append(box)
      count += 1
      if keys.count == RecordTree.leafCapacity { closeLeaf() }
      return true
    }

    private mutating func closeLeaf() {
      guard !keys.isEmpty else { return }
      leaves.append(Node(keys: keys, boxes: boxes, children: []))
      keys = []
      boxes = []
      keys.reserveCapacity(RecordTree.leafCapacity)
      boxes.reserveCapacity(RecordTree.leafCapacity)
    }

    mutating func build() -> RecordTree {
      closeLeaf()
      var tree = RecordTree()
      guard !leaves.isEmpty else { return tree }
      var level = leaves
      leaves = []
      var height = 0
      while level.count > 1 {
        var next: [Node] = []
        next.reserveCapacity((level.count + RecordTree.branchCapacity - 1) / RecordTree.branchCapacity)
        var start = 0
        while start < level.count {
          let end = Swift.min(start + RecordTree.branchCapacity, level.count)
          let children = Array(level[start..<end])
          next.append(Node(keys: children.map { $0.keys[0] }, boxes: [], children: children))
          start = end
        }
        level = next
        height += 1
      }
      tree.root = level[0]
      tree.height = height
      tree.count = count
      return tree
    }
  }

  /// A tree of `pairs` in any order; nil if a key is there twice.
  init?(pairs: some Sequence<(key: UInt64, box: RecordBox<T>)>) {
    var sorted = Array(pairs)
    if !Self.isSorted(sorted) { sorted.sort { $0.key < $1.key } }
    var builder = Builder()
    for pair in sorted where !builder.append(key: pair.key, box: pair.box) { return nil }
    self = builder.build()
  }

  /// Whether `pairs` are in increasing key order already (a snapshot written from a tree is).
  static func isSorted(_ pairs: [(key: UInt64, box: RecordBox<T>)]) -> Bool {
    pairs.withUnsafeBufferPointer { pairs in
      guard pairs.count > 1 else { return true }
      for index in 1..<pairs.count where pairs[index - 1].key > pairs[index].key { return false }
      return true
    }
  }
}

// MARK: Iteration and equality

extension RecordTree: Collection {
  /// A place in the tree: a leaf and a slot in it. Valid for the tree it was taken from.
  public struct Index: Comparable {
    let leaf: Node?
    let slot: Int
    /// The key there (`UInt64.max` and no leaf at the end).
    let key: UInt64

    public static func == (lhs: Index, rhs: Index) -> Bool {
      lhs.key == rhs.key && (lhs.leaf == nil) == (rhs.leaf == nil)
    }

    public static func < (lhs: Index, rhs: Index) -> Bool {
      guard rhs.leaf != nil else { return lhs.leaf != nil }
      return lhs.leaf != nil && lhs.key < rhs.key
    }

    init(_ leaf: Node, _ slot: Int) {
      self.leaf = leaf
      self.slot = slot
      key = leaf.keys[slot]
    }

    init() {
      leaf = nil
      slot = 0
      key = .max
    }
  }

  public var startIndex: Index {
    guard var node = root else { return Index() }
    for _ in 0..<height { node = node.children[0] }
    return Index(node, 0)
  }

  public var endIndex: Index { Index() }

  public func index(after index: Index) -> Index {
    guard let leaf = index.leaf else { preconditionFailure("no index after the end") }
    if index.slot + 1 < leaf.keys.count { return Index(leaf, index.slot + 1) }
    // The next leaf: the leftmost one under the deepest branch on the way down with a child to the right.
    guard var node = root else { return Index() }
    var right: (node: Node, child: Int, height: Int)?
    for level in stride(from: height, to: 0, by: -1) {
      let child = node.route(index.key)
      if child + 1 < node.children.count { right = (node, child + 1, level - 1) }
      node = node.children[child]
    }
    guard let right else { return Index() }
    var next = right.node.children[right.child]
    for _ in 0..<right.height { next = next.children[0] }
    return Index(next, 0)
  }

  public subscript(position: Index) -> Element {
    guard let leaf = position.leaf else { preconditionFailure("no element at the end") }
    return (ID(raw: leaf.keys[position.slot]), leaf.boxes[position.slot])
  }

  /// Walks the leaves in ID order (faster than stepping indexes).
  public struct Iterator: IteratorProtocol {
    private var path: [(node: Node, next: Int)] = []
    private var keys: [UInt64] = []
    private var boxes: [RecordBox<T>] = []
    private var position = 0
    private let height: Int

    init(_ tree: RecordTree) {
      height = tree.height
      if let root = tree.root { descend(root, height: height) }
    }

    private mutating func descend(_ node: Node, height: Int) {
      var node = node
      for _ in 0..<height {
        path.append((node, 1))
        node = node.children[0]
      }
      keys = node.keys
      boxes = node.boxes
      position = 0
    }

    public mutating func next() -> Element? {
      while position == keys.count {
        while let last = path.last, last.next == last.node.children.count { path.removeLast() }
        guard let last = path.last else { return nil }
        path[path.count - 1].next += 1
        descend(last.node.children[last.next], height: height - path.count)
      }
      defer { position += 1 }
      return (ID(raw: keys[position]), boxes[position])
    }
  }

  public func makeIterator() -> Iterator { Iterator(self) }

  public var underestimatedCount: Int { count }

  /// The boxes in ID order.
  public var values: Values { Values(tree: self) }

  /// The IDs in increasing order.
  public var keys: Keys { Keys(tree: self) }

  public struct Values: Collection, Sendable {
    let tree: RecordTree
    public var count: Int { tree.count }
    public var isEmpty: Bool { tree.isEmpty }
    public var underestimatedCount: Int { tree.count }
    public var startIndex: Index { tree.startIndex }
    public var endIndex: Index { tree.endIndex }
    public func index(after index: Index) -> Index { tree.index(after: index) }
    public subscript(position: Index) -> RecordBox<T> { tree[position].value }

    public struct Iterator: IteratorProtocol {
      var base: RecordTree.Iterator
      public mutating func next() -> RecordBox<T>? { base.next()?.value }
    }

    public func makeIterator() -> Iterator { Iterator(base: tree.makeIterator()) }
  }

  public struct Keys: Collection, Sendable {
    let tree: RecordTree
    public var count: Int { tree.count }
    public var isEmpty: Bool { tree.isEmpty }
    public var underestimatedCount: Int { tree.count }
    public var startIndex: Index { tree.startIndex }
    public var endIndex: Index { tree.endIndex }
    public func index(after index: Index) -> Index { tree.index(after: index) }
    public subscript(position: Index) -> ID<T> { ID(raw: position.key) }

    public struct Iterator: IteratorProtocol {
      var base: RecordTree.Iterator
      public mutating func next() -> ID<T>? { base.next()?.key }
    }

    public func makeIterator() -> Iterator { Iterator(base: tree.makeIterator()) }
  }
}

extension RecordTree: Equatable {
  /// Equal when they hold equal records under the same IDs. Nodes shared by both (everything off the
  /// path a change copied) are equal without being read.
  public static func == (lhs: RecordTree, rhs: RecordTree) -> Bool {
    guard lhs.count == rhs.count else { return false }
    guard let left = lhs.root, let right = rhs.root else { return true }
    if lhs.height == rhs.height, let same = aligned(left, right, height: lhs.height) { return same }
    return lhs.elementsEqual(rhs) { $0.key == $1.key && $0.value == $1.value }
  }

  /// Whether two nodes at the same height hold equal records; nil if they are cut differently (then
  /// only a walk through both can tell).
  private static func aligned(_ left: Node, _ right: Node, height: Int) -> Bool? {
    if left === right { return true }
    guard left.keys == right.keys else { return nil }
    if height == 0 {
      for (one, other) in zip(left.boxes, right.boxes) where one != other { return false }
      return true
    }
    var result = true
    for (one, other) in zip(left.children, right.children) {
      guard let same = aligned(one, other, height: height - 1) else { return nil }
      result = result && same
      if !result { return false }
    }
    return result
  }
}
