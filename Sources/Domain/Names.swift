import Foundation
import Localization

// Keys of the names shown for domain values, in Resources/strings/domain.tsv.

extension SiteKind {
  public var nameKey: String { "domain.site.\(self)" }
}

extension ConsultationKind {
  public var nameKey: String { "domain.consultationKind.\(self)" }
}

extension ConsultationFormat {
  /// The format's name in `language`; `other` shows its own text.
  public func name(in language: Language) -> String {
    switch self {
    case .courtyardMeeting: return tr("domain.format.courtyardMeeting", language)
    case .microConsultation: return tr("domain.format.microConsultation", language)
    case .roadsideConsultation: return tr("domain.format.roadsideConsultation", language)
    case .meetingRoomAndSite: return tr("domain.format.meetingRoomAndSite", language)
    case .stationAndSector: return tr("domain.format.stationAndSector", language)
    case .fixedAndMobile: return tr("domain.format.fixedAndMobile", language)
    case .other(let text): return text
    }
  }
}

extension PatrolStep {
  public var nameKey: String { "domain.patrolStep.\(self)" }
}

extension WaterQuality {
  public var nameKey: String { "domain.water.\(self)" }
}

extension VisitKind {
  public var nameKey: String { "domain.visitKind.\(self)" }
}

extension OpinionReportStatus {
  public var nameKey: String { "domain.opinionStatus.\(self)" }
}

extension SectorActivityKind {
  public var nameKey: String { "domain.activity.\(self)" }
}

extension SixHaves {
  public var nameKey: String { "domain.haves.\(self)" }
}

extension MissingDuty {
  /// What is missing, in `language`; members are named from `state`.
  public func message(in language: Language, state: CommitteeState) -> String {
    switch self {
    case .collectiveStudy(let year, let quarter):
      return tr("domain.duty.collectiveStudy", language, String(year), String(quarter))
    case .inspectionOrFellowship(let year, let quarter):
      return tr("domain.duty.inspectionOrFellowship", language, String(year), String(quarter))
    case .collectiveProposal(let year):
      return tr("domain.duty.collectiveProposal", language, String(year))
    case .outreachTalk(let member, let year):
      return tr("domain.duty.outreachTalk", language, state.displayName(of: RecordRef(member)), String(year))
    }
  }
}

/// A domain value whose shown name is a localized string key (statuses, kinds, roles, ratings…).
public protocol NamedByKey {
  var nameKey: String { get }
}

extension SiteKind: NamedByKey {}
extension ConsultationKind: NamedByKey {}
extension PatrolStep: NamedByKey {}
extension WaterQuality: NamedByKey {}
extension VisitKind: NamedByKey {}
extension OpinionReportStatus: NamedByKey {}
extension SectorActivityKind: NamedByKey {}
extension SixHaves: NamedByKey {}
extension Role: NamedByKey {}
extension StationLevel: NamedByKey {}
extension ConsultationStep: NamedByKey {}
extension SupervisionStage: NamedByKey {}
extension ProblemStatus: NamedByKey {}
extension SectorReportStatus: NamedByKey {}
extension CooperationResultKind: NamedByKey {}
extension ConsultationLevel: NamedByKey {}
extension Rating: NamedByKey {}
extension SupervisionVerdict: NamedByKey {}
extension ReviewOutcome: NamedByKey {}
extension RectificationStatus: NamedByKey {}
extension SupervisionMeasure: NamedByKey {}
extension SupervisionStanding: NamedByKey {}
extension RecordKind: NamedByKey {}

/// A typed ID seen without its type (the audit log shows the record it names).
public protocol AnyRecordID {
  var recordRef: RecordRef? { get }
}

extension ID: AnyRecordID {
  public var recordRef: RecordRef? {
    (Entity.self as? any Record.Type).map { RecordRef($0.kind, raw) }
  }
}
