import Domain
import Foundation
import Localization

/// The durable store bound to the committee's domain: `CommitteeState` kept, `Change` journaled.
public enum CommitteeModel: StoreModel {
  public typealias State = CommitteeState
  public typealias Change = Domain.Change
  public typealias ActingUser = Domain.ActingUser
  public typealias Failure = DomainError

  public static var payloadVersion: UInt32 { UInt32(DomainFormat.version) }

  public static func emptyState() -> CommitteeState { CommitteeState() }

  public static func encode(state: CommitteeState) -> [UInt8] {
    encode(state: state, capacity: 1 << 16)
  }

  public static func encode(state: CommitteeState, capacity: Int) -> [UInt8] {
    var writer = BinaryWriter(capacity: capacity)
    state.encode(into: &writer)
    return writer.bytes
  }

  public static func decodeState(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> CommitteeState
  {
    try decodeState(bytes, range: range, version: version, progress: nil)
  }

  public static func decodeState(
    _ bytes: [UInt8], range: Range<Int>, version: UInt32, progress: ((Int) -> Void)?
  ) throws(PayloadError) -> CommitteeState {
    var reader = BinaryReader(bytes, offset: range.lowerBound, payloadVersion: version)
    let state: CommitteeState
    do throws(BinaryError) {
      state = try CommitteeState(from: &reader, progress: progress)
    } catch {
      throw PayloadError(error.description)
    }
    guard reader.offset == range.upperBound else { throw PayloadError("payload has extra bytes") }
    return state
  }

  public static func encodeParts(state: CommitteeState, partBytes: Int) -> [[UInt8]] {
    state.encodedParts(partBytes: partBytes)
  }

  public static func forEachPart(state: CommitteeState, partBytes: Int, _ body: ([UInt8]) -> Void) {
    state.forEachEncodedPart(partBytes: partBytes, body)
  }

  public static func decodePart(_ bytes: [UInt8], range: Range<Int>, version: UInt32, fileOffset: Int)
    throws(PayloadError) -> DecodedStatePart
  {
    do throws(BinaryError) {
      return try CommitteeState.decodePart(
        bytes, range: range, payloadVersion: version, fileOffset: fileOffset)
    } catch {
      throw PayloadError(error.description, offset: error.offset)
    }
  }

  public static func assemble(_ parts: [DecodedStatePart]) throws(PayloadError) -> CommitteeState {
    do throws(BinaryError) {
      return try CommitteeState(assembling: parts)
    } catch {
      throw PayloadError(error.description, offset: error.offset)
    }
  }

  public static func encode(change: Domain.Change) -> [UInt8] {
    var writer = BinaryWriter(capacity: 128)
    change.encode(into: &writer)
    return writer.bytes
  }

  public static func decodeChange(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> Domain.Change
  {
    var reader = BinaryReader(bytes, offset: range.lowerBound, payloadVersion: version)
    let change: Domain.Change
    do throws(BinaryError) {
      change = try Domain.Change(from: &reader)
    } catch {
      throw PayloadError(error.description)
    }
    guard reader.offset == range.upperBound else { throw PayloadError("change has extra bytes") }
    return change
  }

  /// The actor as the user name and the role held when the change was made (255: a reader).
  public static func encode(actor: Domain.ActingUser) -> [UInt8] {
    var writer = BinaryWriter(capacity: 32)
    writer.write(actor.userName)
    writer.write(actor.role?.rawValue ?? 255)
    return writer.bytes
  }

  public static func decodeActor(_ bytes: [UInt8], range: Range<Int>, version: UInt32) throws(PayloadError)
    -> Domain.ActingUser
  {
    var reader = BinaryReader(bytes, offset: range.lowerBound, payloadVersion: version)
    let name: String
    let raw: UInt8
    do throws(BinaryError) {
      name = try reader.readString()
      raw = try reader.readByte()
    } catch {
      throw PayloadError(error.description)
    }
    guard reader.offset == range.upperBound else { throw PayloadError("actor has extra bytes") }
    if raw == 255 { return .reader(name) }
    guard let role = Role(rawValue: raw) else { throw PayloadError("unknown role \(raw)") }
    return .staff(name, role)
  }

  public static func apply(
    _ change: Domain.Change, to state: CommitteeState, actor: Domain.ActingUser, now: Date
  )
    throws(DomainError) -> ModelApplied<CommitteeState, Domain.Change>
  {
    let applied = try Domain.apply(change, to: state, actor: actor, now: now)
    return ModelApplied(
      state: applied.state, inverse: inverse(of: change, applied, before: state, actor, now))
  }

  /// Undo is a `revert` of the change, under the change's own role and rules; redo (the inverse of an
  /// undo) makes the change again, so it too passes the rules, as the user who redoes it.
  static func inverse(
    of change: Domain.Change, _ applied: Applied, before state: CommitteeState, _ actor: Domain.ActingUser,
    _ now: Date
  ) -> Domain.Change {
    if case .revert(let reverted, _, _, _) = change { return reverted }
    let versions = applied.touched.map { RecordVersion($0, state.value(of: $0)) }
    return .revert(change, to: versions, by: actor, at: now)
  }

  /// A journaled change applied again on open: see `Domain.replay`.
  public static func replay(
    _ change: Domain.Change, to state: CommitteeState, actor: Domain.ActingUser, now: Date
  )
    throws(DomainError) -> ModelApplied<CommitteeState, Domain.Change>
  {
    let applied = try Domain.replay(change, to: state, actor: actor, now: now)
    return ModelApplied(
      state: applied.state, inverse: inverse(of: change, applied, before: state, actor, now))
  }

  public static func summary(of change: Domain.Change, before: CommitteeState, in language: Language)
    -> String
  {
    change.summary(in: language, before: before)
  }

  public static func message(for failure: DomainError, in language: Language) -> String {
    failure.message(in: language)
  }

  public static func counts(in state: CommitteeState) -> [(kind: String, count: Int)] {
    RecordKind.allCases.map { (pluralName($0), state.count(of: $0)) }
  }

  /// Plural English names of kinds, the same names `export --kind` takes.
  public static func pluralName(_ kind: RecordKind) -> String {
    switch kind {
    case .member: return "members"
    case .sector: return "sectors"
    case .specialCommittee: return "committees"
    case .department: return "departments"
    case .station: return "stations"
    case .partnerRegion: return "regions"
    case .supervisionTeam: return "teams"
    case .river: return "rivers"
    case .staffAccount: return "staff"
    case .consultation: return "consultations"
    case .supervisionItem: return "supervisions"
    case .patrol: return "patrols"
    case .visit: return "visits"
    case .opinionReport: return "reports"
    case .sectorActivity: return "activities"
    case .problem: return "problems"
    case .jointMeeting: return "jointmeetings"
    case .cooperationAgreement: return "agreements"
    case .cooperationResult: return "cooperation"
    case .sectorReport: return "sectorreports"
    case .actionTargets: return "targets"
    case .savedView: return "views"
    }
  }
}

/// The store the app uses: committee state, journaled changes, snapshots, undo, drafts.
public typealias CommitteeStore = DurableStore<CommitteeModel>
