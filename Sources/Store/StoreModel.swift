import Foundation
import Localization

/// A payload that could not be decoded: why, in plain words (shown with the file and offset).
public struct PayloadError: Error, Sendable, Equatable {
  public var reason: String
  /// Where in the bytes the damage is, when the model can tell (a part of a snapshot that failed).
  public var offset: Int?
  public init(_ reason: String, offset: Int? = nil) {
    self.reason = reason
    self.offset = offset
  }
}

/// What applying one change produced: the new state, and the change that takes it back.
public struct ModelApplied<State: Sendable, Change: Sendable>: Sendable {
  public var state: State
  /// Applied to `state`, gives back the state before; used for undo (and its inverse for redo).
  public var inverse: Change

  public init(state: State, inverse: Change) {
    self.state = state
    self.inverse = inverse
  }
}

/// What the durable store needs to know about the data it keeps: how to encode the state, changes and
/// actors, how to apply a change, and how to name things for people. The store itself never looks
/// inside a payload.
public protocol StoreModel: SendableMetatype {
  associatedtype State: Sendable
  associatedtype Change: Sendable
  associatedtype ActingUser: Sendable
  associatedtype Failure: Error
  /// A part of the state decoded on its own, waiting to be put together with the others.
  associatedtype StatePart: Sendable = State

  /// Version of the payload encoding, written in every file header; older ones are migrated.
  static var payloadVersion: UInt32 { get }
  static func emptyState() -> State

  static func encode(state: State) -> [UInt8]
  /// Encodes into a buffer made `capacity` bytes large up front (the last snapshot's size and some),
  /// so that a large state is not copied each time the buffer doubles.
  static func encode(state: State, capacity: Int) -> [UInt8]
  /// Decodes the state from `bytes[range]` (the whole file is passed, so that nothing is copied).
  static func decodeState(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError) -> State
  /// The same, telling `progress` how far into `bytes` it has read now and then (for a progress bar).
  static func decodeState(
    _ bytes: [UInt8], range: Range<Int>, version: UInt32, progress: ((Int) -> Void)?
  ) throws(PayloadError) -> State
  /// The state as parts that decode independently (snapshot format 2, the shared store's rows); never
  /// empty, at least the counter's part.
  static func encodeParts(state: State, partBytes: Int) -> [[UInt8]]
  /// The same parts handed to `body` one at a time, each made as it is asked for and kept by nobody
  /// after (the same parts in the same order every time for the same state).
  static func forEachPart(state: State, partBytes: Int, _ body: ([UInt8]) -> Void)
  /// Decodes one part from `bytes[range]`; called on several threads at once, one part each.
  /// `fileOffset` is where `bytes` begin in the file (a part read on its own): damage is named there.
  static func decodePart(_ bytes: [UInt8], range: Range<Int>, version: UInt32, fileOffset: Int)
    throws(PayloadError) -> StatePart
  /// The state made of every decoded part; a failure names the offset of the part at fault.
  static func assemble(_ parts: [StatePart]) throws(PayloadError) -> State
  static func encode(change: Change) -> [UInt8]
  static func decodeChange(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> Change
  static func encode(actor: ActingUser) -> [UInt8]
  static func decodeActor(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> ActingUser

  /// Validates and applies a change; must be deterministic, since the journal is replayed through it.
  static func apply(_ change: Change, to state: State, actor: ActingUser, now: Date) throws(Failure)
    -> ModelApplied<State, Change>
  /// Applies a change read back from the journal on open (by default exactly as `apply`): a model may
  /// relax checks that only make sense when a user makes the change.
  static func replay(_ change: Change, to state: State, actor: ActingUser, now: Date) throws(Failure)
    -> ModelApplied<State, Change>
  /// What the audit log keeps of a change besides its actor and time (by default its journal payload);
  /// `applied` is its result on `before`.
  static func auditContent(
    of change: Change, payload: [UInt8], before: State, applied: ModelApplied<State, Change>
  )
    -> [UInt8]
  /// One line saying what the change does, for the message line ("新增委员 张三").
  /// `before` is the state the change was applied to, so that the line can name records.
  static func summary(of change: Change, before: State, in language: Language) -> String
  /// Why a change was refused, for the user.
  static func message(for failure: Failure, in language: Language) -> String
  /// Number of records of each kind (plural English names), for `check`.
  static func counts(in state: State) -> [(kind: String, count: Int)]
}

extension StoreModel {
  public static func encode(state: State, capacity: Int) -> [UInt8] { encode(state: state) }

  public static func decodeState(
    _ bytes: [UInt8], range: Range<Int>, version: UInt32, progress: ((Int) -> Void)?
  ) throws(PayloadError) -> State {
    try decodeState(bytes, range: range, version: version)
  }

  public static func auditContent(
    of change: Change, payload: [UInt8], before: State, applied: ModelApplied<State, Change>
  ) -> [UInt8] {
    payload
  }

  public static func replay(_ change: Change, to state: State, actor: ActingUser, now: Date) throws(Failure)
    -> ModelApplied<State, Change>
  {
    try apply(change, to: state, actor: actor, now: now)
  }
}

extension StoreModel where StatePart == State {
  /// A model that does not cut its state: the whole state is the one part.
  public static func encodeParts(state: State, partBytes: Int) -> [[UInt8]] { [encode(state: state)] }

  public static func forEachPart(state: State, partBytes: Int, _ body: ([UInt8]) -> Void) {
    body(encode(state: state))
  }

  public static func decodePart(_ bytes: [UInt8], range: Range<Int>, version: UInt32, fileOffset: Int)
    throws(PayloadError) -> State
  {
    try decodeState(bytes, range: range, version: version)
  }

  public static func assemble(_ parts: [State]) throws(PayloadError) -> State {
    guard parts.count == 1, let whole = parts.first else {
      throw PayloadError("\(parts.count) parts where the whole state is one")
    }
    return whole
  }
}
