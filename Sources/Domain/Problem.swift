import Foundation

/// Where a problem came from.
public enum ProblemSource: Hashable, Sendable, BinaryCodable {
  case consultation(ConsultationID)
  case supervisionItem(SupervisionItemID)
  case patrol(PatrolID)
  case visit(VisitID)
  case opinionReport(OpinionReportID)

  /// The source record.
  public var ref: RecordRef {
    switch self {
    case .consultation(let id): return RecordRef(.consultation, id.raw)
    case .supervisionItem(let id): return RecordRef(.supervisionItem, id.raw)
    case .patrol(let id): return RecordRef(.patrol, id.raw)
    case .visit(let id): return RecordRef(.visit, id.raw)
    case .opinionReport(let id): return RecordRef(.opinionReport, id.raw)
    }
  }

  public func encode(into w: inout BinaryWriter) { w.write(ref) }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    let start = r.offset
    let ref: RecordRef = try r.read()
    switch ref.kind {
    case .consultation: self = .consultation(ID(raw: ref.raw))
    case .supervisionItem: self = .supervisionItem(ID(raw: ref.raw))
    case .patrol: self = .patrol(ID(raw: ref.raw))
    case .visit: self = .visit(ID(raw: ref.raw))
    case .opinionReport: self = .opinionReport(ID(raw: ref.raw))
    default:
      throw r.failure(.invalidTag(type: "ProblemSource", tag: UInt64(ref.kind.rawValue)), at: start)
    }
  }
}

/// A problem's place in the closed loop.
public enum ProblemStatus: UInt8, CaseIterable, Sendable {
  case raised, assigned, replied, fedBack, followedUp, evaluated, closed

  /// The next status in the loop (nil after closed). Reassigning and redoing lead back to `assigned`.
  public var next: ProblemStatus? {
    ProblemStatus(rawValue: rawValue + 1)
  }
}

/// One entry of a problem's history.
public struct ProblemEvent: Equatable, Sendable, BinaryCodable {
  public var status: ProblemStatus
  public var actor: String
  public var at: Date
  public var note: String

  public init(status: ProblemStatus, actor: String, at: Date, note: String) {
    self.status = status
    self.actor = actor
    self.at = at
    self.note = note
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(status.rawValue)
    w.write(actor)
    w.write(at)
    w.write(note)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    status = try r.readEnum()
    actor = try r.readString()
    at = try r.readDate()
    note = try r.readString()
  }
}

/// A problem or suggestion carried through the closed loop: raised → assigned → replied → fed back
/// → followed up → evaluated → closed, or redone (back to assigned).
public struct Problem: Record {
  // The stored fields are declared widest first, so that the one-byte and optional fields share the
  // tail instead of each being padded to eight bytes: a problem's box is then 16 bytes smaller, at
  // a million records several hundred thousand of them. The codec's order is `encode(into:)`'s.
  public var id: ProblemID
  public var title: String
  public var description: String
  public var raisedBy: String
  public var raisedAt: Date
  public var reply: String
  public var feedback: String
  public var followUp: String
  public var redoCount: Int
  /// Evaluations that led to a redo, oldest first; a redo keeps them here.
  public var pastEvaluations: [SupervisionEvaluation]
  /// `measures`, kept out of line: an evaluation takes about a hundred bytes and most problems have
  /// none, so every problem held it inline for nothing. No evaluation is an empty array (no storage).
  private var measuresHeld: [SupervisionEvaluation]
  /// `history`, packed into one buffer (see `PackedProblemHistory`).
  private var packedHistory: PackedProblemHistory
  public var source: ProblemSource
  public var status: ProblemStatus
  public var evaluation: Rating?
  /// Which of `department` and `raisedByMember` are there (`Present`): two optional IDs took 16
  /// bytes each, with their flags here they take 8.
  private var present: UInt8
  public var due: Day?
  private var departmentRaw: UInt64
  private var raisedByMemberRaw: UInt64

  /// The bits of `present`.
  private enum Present {
    static let department: UInt8 = 1
    static let raisedByMember: UInt8 = 2
  }

  public var department: DepartmentID? {
    get { present & Present.department != 0 ? ID(raw: departmentRaw) : nil }
    set {
      departmentRaw = newValue?.raw ?? 0
      present = newValue == nil ? present & ~Present.department : present | Present.department
    }
  }

  // Payload version 2:
  /// The member who raised it (the staff account that typed it is `raisedBy`).
  public var raisedByMember: MemberID? {
    get { present & Present.raisedByMember != 0 ? ID(raw: raisedByMemberRaw) : nil }
    set {
      raisedByMemberRaw = newValue?.raw ?? 0
      present = newValue == nil ? present & ~Present.raisedByMember : present | Present.raisedByMember
    }
  }

  public var history: [ProblemEvent] {
    get { packedHistory.events }
    set { packedHistory = PackedProblemHistory(newValue) }
  }

  /// The time of the last step to `status` in the history (nil: none), read without making the
  /// history's texts; the boards ask it of every closed problem.
  public func lastTime(of status: ProblemStatus) -> Date? { packedHistory.lastTime(of: status) }

  /// The evaluation on the three measures of supervision (rectification, cooperation, satisfaction).
  public var measures: SupervisionEvaluation? {
    get { measuresHeld.first }
    set { measuresHeld = newValue.map { [$0] } ?? [] }
  }

  public init(
    id: ProblemID, source: ProblemSource, title: String, description: String = "", raisedBy: String,
    raisedAt: Date
  ) {
    self.id = id
    self.source = source
    self.title = title
    self.description = description
    self.raisedBy = raisedBy
    self.raisedAt = raisedAt
    status = .raised
    present = 0
    departmentRaw = 0
    due = nil
    reply = ""
    feedback = ""
    followUp = ""
    evaluation = nil
    redoCount = 0
    packedHistory = PackedProblemHistory([
      ProblemEvent(status: .raised, actor: raisedBy, at: raisedAt, note: "")
    ])
    raisedByMemberRaw = 0
    measuresHeld = []
    pastEvaluations = []
  }

  public static let kind = RecordKind.problem
  public var displayName: String { title }

  public var isOpen: Bool { status != .closed }

  /// Past its due day and not closed. A problem without a due day is never overdue.
  public func isOverdue(today: Day) -> Bool {
    guard status != .closed, let due else { return false }
    return today > due
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(source)
    w.write(title)
    w.write(description)
    w.write(raisedBy)
    w.write(raisedAt)
    w.write(status.rawValue)
    w.write(department)
    w.write(due)
    w.write(reply)
    w.write(feedback)
    w.write(followUp)
    w.write(evaluation.map { Int($0.rawValue) })
    w.write(redoCount)
    packedHistory.encode(into: &w)
    w.write(raisedByMember)
    w.write(measures)
    w.write(pastEvaluations)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    source = try r.read()
    title = try r.readString()
    description = try r.readString()
    raisedBy = try r.readString()
    raisedAt = try r.readDate()
    status = try r.readEnum()
    let department: DepartmentID? = try r.readOptional()
    present = department == nil ? 0 : Present.department
    departmentRaw = department?.raw ?? 0
    due = try r.readOptional()
    reply = try r.readString()
    feedback = try r.readString()
    followUp = try r.readString()
    let start = r.offset
    if let raw = try r.readOptional(Int.self) {
      guard let rating = UInt8(exactly: raw).flatMap(Rating.init(rawValue:)) else {
        throw r.failure(.invalidTag(type: "Rating", tag: UInt64(truncatingIfNeeded: raw)), at: start)
      }
      evaluation = rating
    } else {
      evaluation = nil
    }
    redoCount = try r.readInt()
    packedHistory = try PackedProblemHistory(from: &r)
    if r.payloadVersion >= 2 {
      let member: MemberID? = try r.readOptional()
      raisedByMemberRaw = member?.raw ?? 0
      if member != nil { present |= Present.raisedByMember }
      measuresHeld = try r.readOptional(SupervisionEvaluation.self).map { [$0] } ?? []
      pastEvaluations = try r.readArray()
    } else {
      raisedByMemberRaw = 0
      measuresHeld = []
      pastEvaluations = []
    }
  }
}

extension Problem: CustomReflectable {
  /// The fields as declared, with `measures` in place of its out-of-line storage: the audit log shows
  /// a record field by field through its mirror. A new stored field must be added here too.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "id": id, "source": source, "title": title, "description": description, "raisedBy": raisedBy,
        "raisedAt": raisedAt, "status": status, "department": department as Any, "due": due as Any,
        "reply": reply, "feedback": feedback, "followUp": followUp, "evaluation": evaluation as Any,
        "redoCount": redoCount, "history": history, "raisedByMember": raisedByMember as Any,
        "measures": measures as Any, "pastEvaluations": pastEvaluations,
      ], displayStyle: .struct)
  }
}
