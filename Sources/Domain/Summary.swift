import Foundation
import Localization

extension Change {
  /// A short line for undo messages and the audit trail, e.g. "新增委员「张三」" / "Added member Zhang San".
  /// With the state before the change, records known only by ID are named and a put tells new from edit.
  public func summary(in language: Language, before state: CommitteeState? = nil) -> String {
    summary(in: language, before: state, named: [:])
  }

  /// `named`: the records made earlier in the same group, which `state` does not hold yet, by name.
  func summary(in language: Language, before state: CommitteeState?, named: [RecordRef: String]) -> String {
    func name(_ ref: RecordRef) -> String {
      if let made = named[ref], state?.value(of: ref) == nil { return made }
      return state?.displayName(of: ref) ?? "#\(ref.raw)"
    }
    func kind(_ kind: RecordKind) -> String { tr(kind.nameKey, language) }
    if let value = putValue {
      let key: String
      if let state {
        key = state.contains(value.ref) ? "domain.change.edit" : "domain.change.add"
      } else {
        key = "domain.change.save"
      }
      return tr(key, language, kind(value.kind), value.displayName)
    }
    switch self {
    case .archive(let ref): return tr("domain.change.archive", language, kind(ref.kind), name(ref))
    case .unarchive(let ref): return tr("domain.change.unarchive", language, kind(ref.kind), name(ref))
    case .openConsultation(_, let details):
      return tr("domain.change.openConsultation", language, details.title)
    case .editConsultation(_, let details):
      return tr("domain.change.editConsultation", language, details.title)
    case .completeStep(let id, let step, _):
      return tr("domain.change.completeStep", language, name(RecordRef(id)), tr(step.nameKey, language))
    case .recordMinutes(let id, _): return tr("domain.change.recordMinutes", language, name(RecordRef(id)))
    case .stepBack(let id): return tr("domain.change.stepBack", language, name(RecordRef(id)))
    case .proposeSupervisionItem(_, let proposal):
      return tr("domain.change.proposeSupervision", language, proposal.title)
    case .editSupervisionItem(_, let proposal):
      return tr("domain.change.editSupervision", language, proposal.title)
    case .advanceSupervisionStage(let id):
      return tr("domain.change.advanceSupervision", language, name(RecordRef(id)))
    case .decideSupervisionItem(let id, let year):
      return tr("domain.change.decideSupervision", language, name(RecordRef(id)), String(year))
    case .addSupervisionResearch(let id, _, _):
      return tr("domain.change.supervisionResearch", language, name(RecordRef(id)))
    case .holdSupervisionConsultation(let id, let date, _):
      return tr("domain.change.supervisionConsultation", language, name(RecordRef(id)), date.description)
    case .recordFollowUpInspection(let id, let record):
      return tr("domain.change.supervisionFollowUp", language, name(RecordRef(id)), record.date.description)
    case .evaluateSupervisionItem(let id, let evaluation):
      return tr(
        "domain.change.evaluateSupervision", language, name(RecordRef(id)),
        tr(evaluation.verdict.nameKey, language))
    case .discussSupervisionItem(let id, let discussion):
      return tr("supervision2.change.discuss", language, name(RecordRef(id)), discussion.date.description)
    case .reviewSupervisionItem(let id, let date, let outcome, _):
      return tr(
        "supervision2.change.review", language, name(RecordRef(id)), date.description,
        tr(outcome.nameKey, language))
    case .decideSupervisionTopic(let id, _, let year):
      return tr("domain.change.decideSupervision", language, name(RecordRef(id)), String(year))
    case .recordSupervisionResearch(let id, _, _):
      return tr("domain.change.supervisionResearch", language, name(RecordRef(id)))
    case .holdSupervisionMeeting(let id, let meeting, _):
      return tr(
        "domain.change.supervisionConsultation", language, name(RecordRef(id)), meeting.date.description)
    case .recordSupervisionMinutes(let id, _):
      return tr("supervision2.change.minutes", language, name(RecordRef(id)))
    case .inspectSupervisionFollowUp(let id, let record):
      return tr("domain.change.supervisionFollowUp", language, name(RecordRef(id)), record.date.description)
    case .assessSupervisionItem(let id, let assessment):
      let verdict = assessment.verdict.map { tr($0.nameKey, language) } ?? ""
      return tr("domain.change.evaluateSupervision", language, name(RecordRef(id)), verdict)
    case .raiseProblem(_, _, let title, _): return tr("domain.change.raiseProblem", language, title)
    case .assignProblem(let id, let department, let due, _):
      return tr(
        "domain.change.assignProblem", language, name(RecordRef(id)), name(RecordRef(department)),
        due.description)
    case .replyProblem(let id, _): return tr("domain.change.replyProblem", language, name(RecordRef(id)))
    case .feedBackProblem(let id, _):
      return tr("domain.change.feedBackProblem", language, name(RecordRef(id)))
    case .followUpProblem(let id, _):
      return tr("domain.change.followUpProblem", language, name(RecordRef(id)))
    case .evaluateProblem(let id, let rating, _):
      return tr("domain.change.evaluateProblem", language, name(RecordRef(id)), tr(rating.nameKey, language))
    case .closeProblem(let id, _): return tr("domain.change.closeProblem", language, name(RecordRef(id)))
    case .redoProblem(let id, _, _): return tr("domain.change.redoProblem", language, name(RecordRef(id)))
    case .recordPatrolStep(let id, let step, _):
      return tr("domain.change.recordPatrolStep", language, name(RecordRef(id)), tr(step.nameKey, language))
    case .evaluateProblemOnMeasures(let id, let measures):
      return tr(
        "domain.change.evaluateProblemOnMeasures", language, name(RecordRef(id)),
        tr(measures.rectification.nameKey, language), tr(measures.cooperation.nameKey, language),
        tr(measures.satisfaction.nameKey, language))
    case .raiseProblemByMember(_, _, let title, _, _):
      return tr("domain.change.raiseProblem", language, title)
    case .advanceOpinionReport(let id, let step):
      return tr(
        "domain.change.advanceOpinionReport", language, name(RecordRef(id)), tr(step.status.nameKey, language)
      )
    case .group(let changes):
      if changes.count == 1, let only = changes.first {
        return only.summary(in: language, before: state, named: named)
      }
      // A form that saves several kinds of record at once (a patrol on a new segment: the river,
      // then the patrol) is named by its last and main change; a batch of one kind (an import) or
      // a long one (the demo) by its size.
      let kinds = Set(changes.map { Mirror(reflecting: $0).children.first?.label ?? "\($0)" })
      if changes.count <= 5, kinds.count > 1, let main = changes.last, !main.isGroupOrBatch {
        // A problem raised and assigned in one form is named by its title, not by its number.
        var made = named
        for change in changes.dropLast() {
          switch change {
          case .raiseProblem(let id, _, let title, _), .raiseProblemByMember(let id, _, let title, _, _):
            made[RecordRef(id)] = title
          default:
            if let value = change.putValue { made[value.ref] = value.displayName }
          }
        }
        return tr(
          "domain.change.groupMain", language, main.summary(in: language, before: state, named: made),
          String(changes.count - 1))
      }
      return tr("domain.change.group", language, String(changes.count))
    case .restore(let versions):
      if versions.count == 1, let only = versions.first {
        return tr("domain.change.restoreOne", language, kind(only.ref.kind), name(only.ref))
      }
      return tr("domain.change.restore", language, String(versions.count))
    case .addResearchVisit(let id, let visit):
      return tr("domain.change.addResearchVisit", language, name(RecordRef(id)), visit.place)
    case .trackSectorReport(let id, let event, _):
      return tr(
        "domain.change.trackSectorReport", language, name(RecordRef(id)), tr(event.status.nameKey, language))
    case .revert(let change, _, _, _):
      return tr("domain.change.revert", language, change.summary(in: language, before: state, named: named))
    case .saveView(let view):
      let before = state?.savedViews[view.id]
      if let before, before.name != view.name {
        return tr("domain.change.renameView", language, before.name, view.name)
      }
      return tr("domain.change.saveView", language, view.name, String(view.slot))
    case .deleteView(let id): return tr("domain.change.deleteView", language, name(RecordRef(id)))
    case .putMember, .putSector, .putSpecialCommittee, .putDepartment, .putStation, .putPartnerRegion,
      .putSupervisionTeam, .putRiver, .putStaffAccount, .putPatrol, .putVisit, .putOpinionReport,
      .putSectorActivity, .putSectorReport, .putJointMeeting, .putCooperationAgreement, .putCooperationResult,
      .putActionTargets:
      return ""  // handled above through putValue
    }
  }
}

extension Change {
  /// A group (or an undo of several records), which cannot name one main change.
  var isGroupOrBatch: Bool {
    switch self {
    case .group, .restore: return true
    default: return false
    }
  }
}
