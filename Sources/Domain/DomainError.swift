import Foundation
import Localization

/// A field the user must fill in, named in messages.
public enum Field: String, CaseIterable, Sendable {
  case name, title, topic, candidates, place, text, minutes, finding, userName, members, proposers
  case partnerRegions, visits, instruction, specialCommittee, speakers
  case plan, parties, recipients, feedback, date
  case segment, visitKind, target, stepNotes, instructedBy
  // The dated steps of an opinion report, named as their forms name them (采用日期, not 日期).
  case adoptedOn, instructedOn, doneOn
  // Supervision
  case stageDate, planYear, sendBackReason, discussionSummary, participants, rectificationRating
  case cooperationRating, satisfactionRating, evaluators, redoDue
  // Saved views
  case viewSlot

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
  /// A supervision step dated before the step before it.
  case dateBeforePreviousStage(Day)
  /// A redo's new due day on or before the evaluation.
  case redoDueTooEarly(Day)
  case illegalTransition(from: ProblemStatus, to: ProblemStatus)
  case unknownSegment(String)
  case restoreMismatch(RecordRef)
  /// An undo whose versions are not what the change it takes back replaced.
  case notARevert
  /// Undoing would leave the store with no active admin account.
  case undoLeavesNoAdmin
  case inGroup(index: Int, error: DomainError)
  case onlyProposalsAdopted
  case reportTrackFixed
  case reportTrackOrder(from: SectorReportStatus, to: SectorReportStatus)
  case activityOfAnotherSector
  case dateBefore(Field, Day)
  // Fieldwork (issue 10)
  case outOfRange(Field, value: String)
  case segmentOfAnotherRiver(String, river: String)
  case futureDate(Field, day: Day)
  /// A day recording something done (a visit, a report's step) is still to come.
  case notYet(Field, day: Day)
  case patrolStepOutOfOrder(expected: PatrolStep, got: PatrolStep)
  case instructionBeforeAdoption
  case reportStepOutOfOrder(expected: OpinionReportStatus, got: OpinionReportStatus)
  case dateBeforeSubmission(Day)
  case dueBeforeInstruction(Day)
  case duplicateYear(Int)
  // Saved views (issue 12)
  /// Someone else's saved view: only its owner may change or delete it.
  case notYourView(name: String)
  /// The number key already holds another of the user's views on that screen.
  case viewSlotTaken(slot: Int, name: String)

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
    case .dateBeforePreviousStage: return "domain.error.dateBeforePreviousStage"
    case .redoDueTooEarly: return "domain.error.redoDueTooEarly"
    case .illegalTransition: return "domain.error.illegalTransition"
    case .unknownSegment: return "domain.error.unknownSegment"
    case .restoreMismatch: return "domain.error.restoreMismatch"
    case .notARevert: return "domain.error.notARevert"
    case .undoLeavesNoAdmin: return "domain.error.undoLeavesNoAdmin"
    case .inGroup: return "domain.error.inGroup"
    case .onlyProposalsAdopted: return "domain.error.onlyProposalsAdopted"
    case .reportTrackFixed: return "domain.error.reportTrackFixed"
    case .reportTrackOrder: return "domain.error.reportTrackOrder"
    case .activityOfAnotherSector: return "domain.error.activityOfAnotherSector"
    case .dateBefore: return "domain.error.dateBefore"
    case .outOfRange: return "domain.error.outOfRange"
    case .segmentOfAnotherRiver: return "domain.error.segmentOfAnotherRiver"
    case .futureDate: return "domain.error.futureDate"
    case .notYet: return "domain.error.notYet"
    case .patrolStepOutOfOrder: return "domain.error.patrolStepOutOfOrder"
    case .instructionBeforeAdoption: return "domain.error.instructionBeforeAdoption"
    case .reportStepOutOfOrder: return "domain.error.reportStepOutOfOrder"
    case .dateBeforeSubmission: return "domain.error.dateBeforeSubmission"
    case .dueBeforeInstruction: return "domain.error.dueBeforeInstruction"
    case .duplicateYear: return "domain.error.duplicateYear"
    case .notYourView: return "domain.error.notYourView"
    case .viewSlotTaken: return "domain.error.viewSlotTaken"
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
    case .dateBeforeMeeting(let day), .followUpBeforeConsultation(let day), .followUpDeadlinePassed(let day),
      .dateBeforePreviousStage(let day), .redoDueTooEarly(let day):
      return [day.description]
    case .supervisionStageOrder(let stage): return [tr(stage.nameKey, language)]
    case .invalidYear(let year): return [String(year)]
    case .illegalTransition(let from, let to): return [tr(from.nameKey, language), tr(to.nameKey, language)]
    case .inGroup(let index, let error): return [String(index + 1), error.message(in: language)]
    case .reportTrackOrder(let from, let to): return [tr(from.nameKey, language), tr(to.nameKey, language)]
    case .dateBefore(let field, let day): return [tr(field.nameKey, language), day.description]
    case .onlyProposalsAdopted, .reportTrackFixed, .activityOfAnotherSector: return []
    case .outOfRange(let field, let value): return [tr(field.nameKey, language), value]
    case .segmentOfAnotherRiver(let segment, let river): return [segment, river]
    case .futureDate(let field, let day), .notYet(let field, let day):
      return [tr(field.nameKey, language), day.description]
    case .patrolStepOutOfOrder(let expected, let got):
      return [tr(expected.nameKey, language), tr(got.nameKey, language)]
    case .reportStepOutOfOrder(let expected, let got):
      return [tr(expected.nameKey, language), tr(got.nameKey, language)]
    case .dateBeforeSubmission(let day), .dueBeforeInstruction(let day): return [day.description]
    case .duplicateYear(let year): return [String(year)]
    case .notYourView(let name): return [name]
    case .viewSlotTaken(let slot, let name): return [String(slot), name]
    case .districtHallHasParent, .lastAdmin, .workflowFinished, .minutesRequired, .meetingNotHeld,
      .nothingToStepBack, .kindFixedAfterStart, .notInPlan, .consultationNotHeld, .followUpInspectionRequired,
      .alreadyClosed, .instructionBeforeAdoption, .notARevert, .undoLeavesNoAdmin:
      return []
    }
  }

  /// The field the message belongs on, where there is one (forms show it there).
  public var field: Field? {
    switch self {
    case .required(let field): return field
    case .dateBeforePreviousStage, .followUpBeforeConsultation, .followUpDeadlinePassed, .dateBeforeMeeting:
      return .stageDate
    case .invalidYear: return .planYear
    case .redoDueTooEarly: return .redoDue
    case .viewSlotTaken: return .viewSlot
    case .inGroup(_, let error): return error.field
    default: return nil
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

extension SectorReportStatus {
  public var nameKey: String { "domain.reportStatus.\(self)" }
}

extension CooperationResultKind {
  public var nameKey: String { "domain.cooperationResult.\(self)" }
}

extension ConsultationLevel {
  public var nameKey: String { "domain.level.\(self)" }
}

extension Rating {
  public var nameKey: String { "domain.rating.\(self)" }
}

extension SupervisionVerdict {
  public var nameKey: String { "domain.verdict.\(self)" }
}

extension ReviewOutcome {
  public var nameKey: String { "supervision2.outcome.\(self)" }
}

extension RectificationStatus {
  public var nameKey: String { "supervision2.rectification.\(self)" }
}

extension SupervisionMeasure {
  public var nameKey: String { "supervision2.measure.\(self)" }
}
