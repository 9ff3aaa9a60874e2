import Foundation
import Localization

/// A field the user must fill in, named in messages.
public enum Field: String, CaseIterable, Sendable {
  case name, title, topic, candidates, place, text, minutes, finding, userName, members, proposers
  case partnerRegions, visits, instruction, specialCommittee, speakers

  public var nameKey: String { "domain.field.\(rawValue)" }
}

/// Why a change was refused; each case says what happened and what to do, in either language.
public indirect enum DomainError: Error, Equatable, Sendable {
  case readOnly(userName: String)
  case notPermitted(role: Role, required: Role)
  case required(Field)
  case notFound(RecordRef)
  case alreadyExists(RecordRef)
  case missingReference(RecordRef)
  case archivedReference(RecordRef, name: String)
  case notArchivable(RecordKind)
  case alreadyArchived(RecordRef, name: String)
  case notArchived(RecordRef, name: String)
  case stationParentInvalid(StationLevel)
  case districtHallHasParent
  case duplicateUserName(String)
  case lastAdmin
  case stepOutOfOrder(expected: ConsultationStep, got: ConsultationStep)
  case workflowFinished
  case wrongStepRecord(ConsultationStep)
  case minutesRequired
  case meetingNotHeld
  case nothingToStepBack
  case kindFixedAfterStart
  case dateBeforeMeeting(Day)
  case supervisionStageOrder(current: SupervisionStage)
  case notInPlan
  case invalidYear(Int)
  case consultationNotHeld
  case followUpBeforeConsultation(Day)
  case followUpDeadlinePassed(due: Day)
  case followUpInspectionRequired
  case alreadyClosed
  case illegalTransition(from: ProblemStatus, to: ProblemStatus)
  case unknownSegment(String)
  case restoreMismatch(RecordRef)
  /// An undo whose versions are not what the change it takes back replaced.
  case notARevert
  /// Undoing would leave the store with no active admin account.
  case undoLeavesNoAdmin
  case inGroup(index: Int, error: DomainError)

  /// The key of the message in `Resources/strings/domain.tsv`.
  public var key: String {
    switch self {
    case .readOnly: return "domain.error.readOnly"
    case .notPermitted: return "domain.error.notPermitted"
    case .required: return "domain.error.required"
    case .notFound: return "domain.error.notFound"
    case .alreadyExists: return "domain.error.alreadyExists"
    case .missingReference: return "domain.error.missingReference"
    case .archivedReference: return "domain.error.archivedReference"
    case .notArchivable: return "domain.error.notArchivable"
    case .alreadyArchived: return "domain.error.alreadyArchived"
    case .notArchived: return "domain.error.notArchived"
    case .stationParentInvalid: return "domain.error.stationParentInvalid"
    case .districtHallHasParent: return "domain.error.districtHallHasParent"
    case .duplicateUserName: return "domain.error.duplicateUserName"
    case .lastAdmin: return "domain.error.lastAdmin"
    case .stepOutOfOrder: return "domain.error.stepOutOfOrder"
    case .workflowFinished: return "domain.error.workflowFinished"
    case .wrongStepRecord: return "domain.error.wrongStepRecord"
    case .minutesRequired: return "domain.error.minutesRequired"
    case .meetingNotHeld: return "domain.error.meetingNotHeld"
    case .nothingToStepBack: return "domain.error.nothingToStepBack"
    case .kindFixedAfterStart: return "domain.error.kindFixedAfterStart"
    case .dateBeforeMeeting: return "domain.error.dateBeforeMeeting"
    case .supervisionStageOrder: return "domain.error.supervisionStageOrder"
    case .notInPlan: return "domain.error.notInPlan"
    case .invalidYear: return "domain.error.invalidYear"
    case .consultationNotHeld: return "domain.error.consultationNotHeld"
    case .followUpBeforeConsultation: return "domain.error.followUpBeforeConsultation"
    case .followUpDeadlinePassed: return "domain.error.followUpDeadlinePassed"
    case .followUpInspectionRequired: return "domain.error.followUpInspectionRequired"
    case .alreadyClosed: return "domain.error.alreadyClosed"
    case .illegalTransition: return "domain.error.illegalTransition"
    case .unknownSegment: return "domain.error.unknownSegment"
    case .restoreMismatch: return "domain.error.restoreMismatch"
    case .notARevert: return "domain.error.notARevert"
    case .undoLeavesNoAdmin: return "domain.error.undoLeavesNoAdmin"
    case .inGroup: return "domain.error.inGroup"
    }
  }

  /// The arguments of the message, in `language`.
  public func arguments(in language: Language) -> [String] {
    func kind(_ kind: RecordKind) -> String { tr(kind.nameKey, language) }
    switch self {
    case .readOnly(let user): return [user]
    case .notPermitted(let role, let required):
      return [tr(role.nameKey, language), tr(required.nameKey, language)]
    case .required(let field): return [tr(field.nameKey, language)]
    case .notFound(let ref), .alreadyExists(let ref), .missingReference(let ref), .restoreMismatch(let ref):
      return [kind(ref.kind), String(ref.raw)]
    case .archivedReference(let ref, let name), .alreadyArchived(let ref, let name),
      .notArchived(let ref, let name):
      return [kind(ref.kind), name]
    case .notArchivable(let k): return [kind(k)]
    case .stationParentInvalid(let level):
      return [tr(level.nameKey, language), level.parentLevel.map { tr($0.nameKey, language) } ?? ""]
    case .duplicateUserName(let name), .unknownSegment(let name): return [name]
    case .stepOutOfOrder(let expected, let got):
      return [tr(expected.nameKey, language), tr(got.nameKey, language)]
    case .wrongStepRecord(let step): return [tr(step.nameKey, language)]
    case .dateBeforeMeeting(let day), .followUpBeforeConsultation(let day), .followUpDeadlinePassed(let day):
      return [day.description]
    case .supervisionStageOrder(let stage): return [tr(stage.nameKey, language)]
    case .invalidYear(let year): return [String(year)]
    case .illegalTransition(let from, let to): return [tr(from.nameKey, language), tr(to.nameKey, language)]
    case .inGroup(let index, let error): return [String(index + 1), error.message(in: language)]
    case .districtHallHasParent, .lastAdmin, .workflowFinished, .minutesRequired, .meetingNotHeld,
      .nothingToStepBack, .kindFixedAfterStart, .notInPlan, .consultationNotHeld, .followUpInspectionRequired,
      .alreadyClosed, .notARevert, .undoLeavesNoAdmin:
      return []
    }
  }

  /// What happened and what to do, in `language`.
  public func message(in language: Language) -> String {
    Strings.shared.text(key, language, arguments(in: language))
  }
}

extension Role {
  public var nameKey: String { "domain.role.\(self)" }
}

extension StationLevel {
  public var nameKey: String { "domain.stationLevel.\(self)" }
}

extension ConsultationStep {
  public var nameKey: String { "domain.step.\(self)" }
}

extension SupervisionStage {
  public var nameKey: String { "domain.stage.\(self)" }
}

extension ProblemStatus {
  public var nameKey: String { "domain.problemStatus.\(self)" }
}

extension Rating {
  public var nameKey: String { "domain.rating.\(self)" }
}

extension SupervisionVerdict {
  public var nameKey: String { "domain.verdict.\(self)" }
}
