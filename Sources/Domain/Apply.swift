import Collections
import Foundation

/// The result of applying a change: the new state and which records it touched (for undo).
public struct Applied: Sendable {
  public let state: CommitteeState
  /// Records the change created, replaced or removed, in the order first touched.
  public let touched: [RecordRef]
}

/// Applies one change: validates it, checks the actor's role, and returns the new state.
/// The given state is never modified; on error nothing is applied (a group is all-or-nothing).
public func apply(
  _ change: Change, to state: CommitteeState, actor: ActingUser, now: Date
) throws(DomainError) -> Applied {
  var engine = Engine(state: state, actor: actor, now: now, replaying: false)
  try engine.apply(change)
  return Applied(state: engine.state, touched: engine.touched)
}

/// Applies a change read back from the journal, where it was accepted once already: an undo is not
/// checked again against the change it takes back, and a `restore` (undo in journals written before
/// `revert`) keeps the roles it had then, so that old journals still open.
public func replay(
  _ change: Change, to state: CommitteeState, actor: ActingUser, now: Date
) throws(DomainError) -> Applied {
  var engine = Engine(state: state, actor: actor, now: now, replaying: true)
  try engine.apply(change)
  return Applied(state: engine.state, touched: engine.touched)
}

extension Change {
  /// The least role allowed to make this change; a group needs each member's role, checked one by one.
  public func requiredRole(in state: CommitteeState) -> Role {
    switch self {
    case .putStaffAccount: return .admin
    case .archive(let ref), .unarchive(let ref): return ref.kind == .staffAccount ? .admin : .clerk
    case .putMember, .putSector, .putSpecialCommittee, .putDepartment, .putStation, .putPartnerRegion,
      .putSupervisionTeam, .putRiver, .putPatrol, .putVisit, .putOpinionReport, .putSectorActivity,
      .putSectorReport, .putJointMeeting, .putCooperationAgreement, .putCooperationResult, .trackSectorReport,
      .raiseProblem, .assignProblem, .replyProblem, .feedBackProblem, .followUpProblem, .group,
      .recordPatrolStep, .raiseProblemByMember, .advanceOpinionReport:
      return .clerk
    case .putActionTargets: return .secretary
    // Any account may keep its own views (a reader without one keeps none); `apply` checks the owner.
    case .saveView, .deleteView: return .clerk
    // Clerks draft topics for the members who propose them; the stages are the secretaries' to record.
    case .proposeSupervisionItem, .editSupervisionItem: return .clerk
    case .openConsultation, .editConsultation, .recordMinutes, .addResearchVisit, .advanceSupervisionStage,
      .addSupervisionResearch,
      .holdSupervisionConsultation, .recordFollowUpInspection, .discussSupervisionItem,
      .reviewSupervisionItem,
      .recordSupervisionResearch, .holdSupervisionMeeting, .recordSupervisionMinutes,
      .inspectSupervisionFollowUp:
      return .secretary
    case .completeStep(_, let step, _): return step.requiredRole
    case .stepBack, .decideSupervisionItem, .evaluateSupervisionItem, .evaluateProblem, .closeProblem,
      .redoProblem, .evaluateProblemOnMeasures, .decideSupervisionTopic, .assessSupervisionItem:
      return .head
    case .restore: return .admin  // it can write any value: an admin's repair, not an undo
    case .revert(let reverted, _, _, _): return reverted.roleOfWhole(in: state)
    }
  }

  /// The role needed for the whole change: a group needs the highest of its members' roles. Taking a
  /// change back needs this much, so that an undo is never a way around a role.
  public func roleOfWhole(in state: CommitteeState) -> Role {
    if case .group(let changes) = self {
      return changes.map { $0.roleOfWhole(in: state) }.max() ?? .clerk
    }
    return requiredRole(in: state)
  }

  /// The role a `restore` needed in journals written before `revert`, when it was the undo.
  func legacyRestoreRole() -> Role {
    guard case .restore(let versions) = self else { return .admin }
    return versions.map { version -> Role in
      switch version.ref.kind {
      case .staffAccount: return .admin
      case .consultation, .supervisionItem: return .secretary
      default: return .clerk
      }
    }.max() ?? .clerk
  }
}

private func isBlank(_ text: String) -> Bool {
  text.allSatisfy { $0.isWhitespace }
}

private struct Engine {
  var state: CommitteeState
  let actor: ActingUser
  let now: Date
  var touched: [RecordRef] = []
  var touchedSet: Set<RecordRef> = []
  /// Re-applying the journal: see `replay`.
  let replaying: Bool

  init(state: CommitteeState, actor: ActingUser, now: Date, replaying: Bool) {
    self.state = state
    self.actor = actor
    self.now = now
    self.replaying = replaying
  }

  mutating func write<T: Record>(_ record: T) {
    mark(record.ref)
    state.put(record)
  }

  mutating func mark(_ ref: RecordRef) {
    if touchedSet.insert(ref).inserted { touched.append(ref) }
  }

  func checkPermission(_ change: Change) throws(DomainError) {
    if case .putStaffAccount(let account) = change, state.staffAccounts.isEmpty,
      account.userName == actor.userName, account.role == .admin, !account.archived
    {
      return  // the first user of an empty store makes themself admin
    }
    if case .group = change { return }  // each change inside is checked on its own
    guard let role = actor.role else { throw .readOnly(userName: actor.userName) }
    let required =
      replaying && isRestore(change) ? change.legacyRestoreRole() : change.requiredRole(in: state)
    if role < required { throw .notPermitted(role: role, required: required) }
  }

  func isRestore(_ change: Change) -> Bool {
    if case .restore = change { return true }
    return false
  }

  mutating func apply(_ change: Change) throws(DomainError) {
    try checkPermission(change)
    if let value = change.putValue {
      try put(value)
      return
    }
    switch change {
    case .archive(let ref): try setArchived(ref, true)
    case .unarchive(let ref): try setArchived(ref, false)
    case .openConsultation(let id, let details):
      guard state.consultations[id] == nil else { throw .alreadyExists(RecordRef(id)) }
      try validate(details, old: nil)
      write(Consultation(id: id, details: details))
    case .editConsultation(let id, let details):
      var consultation = try existing(id, state.consultations)
      try validate(details, old: consultation)
      consultation.details = details
      write(consultation)
    case .completeStep(let id, let step, let record):
      try completeStep(id, step, record)
    case .recordMinutes(let id, let minutes):
      var consultation = try existing(id, state.consultations)
      guard let index = consultation.completed.lastIndex(where: { $0.record.kind == .meeting }),
        case .meeting(var meeting) = consultation.completed[index].record
      else { throw .meetingNotHeld }
      if isBlank(minutes) { throw .required(.minutes) }
      meeting.minutes = minutes
      consultation.completed[index].record = .meeting(meeting)
      write(consultation)
    case .stepBack(let id):
      var consultation = try existing(id, state.consultations)
      guard !consultation.completed.isEmpty else { throw .nothingToStepBack }
      consultation.completed.removeLast()
      write(consultation)
    case .proposeSupervisionItem(let id, let proposal):
      guard state.supervisionItems[id] == nil else { throw .alreadyExists(RecordRef(id)) }
      try validate(proposal, old: nil)
      var item = SupervisionItem(id: id, title: proposal.title)
      item.apply(proposal)
      item.stageRecords.append(stageRecord(.proposed, on: today))
      write(item)
    case .editSupervisionItem(let id, let proposal):
      var item = try existing(id, state.supervisionItems)
      if item.isClosed { throw .alreadyClosed }
      try validate(proposal, old: item)
      item.apply(proposal)
      write(item)
    case .advanceSupervisionStage(let id):
      var item = try existing(id, state.supervisionItems)
      switch item.stage {
      case .proposed:
        if item.specialCommittee == nil { throw .required(.specialCommittee) }
        item.stage = .discussed
      case .discussed: item.stage = .reviewed
      case .reviewed, .decided: throw .supervisionStageOrder(current: item.stage)
      }
      item.stageRecords.append(stageRecord(item.stage, on: today))
      write(item)
    case .decideSupervisionItem(let id, let year):
      var item = try existing(id, state.supervisionItems)
      guard item.stage == .reviewed else { throw .supervisionStageOrder(current: item.stage) }
      guard (2000...2100).contains(year) else { throw .invalidYear(year) }
      item.stage = .decided
      item.planYear = year
      item.stageRecords.append(stageRecord(.decided, on: today, planYear: year))
      write(item)
    case .addSupervisionResearch(let id, let visit, let suggestions):
      var item = try decidedItem(id)
      if let visit {
        if isBlank(visit.place) { throw .required(.place) }
        item.researchTrips.append(SupervisionResearchTrip(legacy: visit))
      }
      let kept = suggestions.filter { !isBlank($0) }
      if visit == nil && kept.isEmpty { throw .required(.text) }
      item.suggestions.append(contentsOf: kept)
      write(item)
    case .holdSupervisionConsultation(let id, let date, let consultation):
      var item = try decidedItem(id)
      if let consultation {
        try checkReferences(
          new: [RecordRef(consultation)], old: item.consultation.map { [RecordRef($0)] } ?? [])
      }
      item.consultationDate = date
      item.consultation = consultation
      item.followUpInspection = nil
      write(item)
    case .recordFollowUpInspection(let id, let record):
      var item = try decidedItem(id)
      guard let held = item.consultationDate, let due = item.followUpDue else { throw .consultationNotHeld }
      if record.date < held { throw .followUpBeforeConsultation(held) }
      if record.date > due { throw .followUpDeadlinePassed(due: due) }
      if isBlank(record.finding) { throw .required(.finding) }
      item.followUpInspection = SupervisionFollowUp(legacy: record)
      write(item)
    case .evaluateSupervisionItem(let id, var evaluation):
      var item = try decidedItem(id)
      guard item.followUpInspection != nil else { throw .followUpInspectionRequired }
      evaluation.at = now
      evaluation.by = actor.userName
      if let previous = item.evaluation { item.pastEvaluations.append(previous) }
      item.evaluation = evaluation
      if evaluation.verdict == .orderedToRedo {
        // Back into the loop: a new consultation and follow-up inspection are needed.
        item.redoCount += 1
        item.consultationDate = nil
        item.followUpInspection = nil
      }
      write(item)
    case .discussSupervisionItem, .reviewSupervisionItem, .decideSupervisionTopic, .recordSupervisionResearch,
      .holdSupervisionMeeting, .recordSupervisionMinutes, .inspectSupervisionFollowUp, .assessSupervisionItem:
      try applySupervision(change)
    case .raiseProblem(let id, let source, let title, let description):
      guard state.problems[id] == nil else { throw .alreadyExists(RecordRef(id)) }
      if isBlank(title) { throw .required(.title) }
      guard state.contains(source.ref) else { throw .missingReference(source.ref) }
      write(
        Problem(
          id: id, source: source, title: title, description: description, raisedBy: actor.userName,
          raisedAt: now))
    case .assignProblem(let id, let department, let due, let note):
      var problem = try existing(id, state.problems)
      guard problem.status == .raised || problem.status == .assigned else {
        throw .illegalTransition(from: problem.status, to: .assigned)
      }
      try checkReferences(new: [RecordRef(department)], old: problem.department.map { [RecordRef($0)] } ?? [])
      problem.department = department
      problem.due = due
      advance(&problem, to: .assigned, note: note)
    case .replyProblem(let id, let text):
      try step(id, from: .assigned, to: .replied, text: text) { $0.reply = text }
    case .feedBackProblem(let id, let text):
      try step(id, from: .replied, to: .fedBack, text: text) { $0.feedback = text }
    case .followUpProblem(let id, let text):
      try step(id, from: .fedBack, to: .followedUp, text: text) { $0.followUp = text }
    case .evaluateProblem(let id, let rating, let note):
      var problem = try existing(id, state.problems)
      guard problem.status == .followedUp else {
        throw .illegalTransition(from: problem.status, to: .evaluated)
      }
      problem.evaluation = rating
      advance(&problem, to: .evaluated, note: note)
    case .closeProblem(let id, let note):
      var problem = try existing(id, state.problems)
      guard problem.status == .evaluated else { throw .illegalTransition(from: problem.status, to: .closed) }
      advance(&problem, to: .closed, note: note)
    case .redoProblem(let id, let due, let note):
      var problem = try existing(id, state.problems)
      guard problem.status == .evaluated else {
        throw .illegalTransition(from: problem.status, to: .assigned)
      }
      problem.redoCount += 1
      problem.due = due
      problem.reply = ""
      problem.feedback = ""
      problem.followUp = ""
      // The earlier evaluation stays in the problem's history: the redo is judged against it.
      if let measures = problem.measures {
        problem.pastEvaluations.append(measures)
      } else if let rating = problem.evaluation {
        let event = problem.history.last { $0.status == .evaluated }
        problem.pastEvaluations.append(
          SupervisionEvaluation(
            rectification: rating, cooperation: rating, satisfaction: rating, note: event?.note ?? "",
            at: event?.at ?? now, by: event?.actor ?? ""))
      }
      problem.measures = nil
      problem.evaluation = nil
      advance(&problem, to: .assigned, note: note)
    case .evaluateProblemOnMeasures(let id, var measures):
      var problem = try existing(id, state.problems)
      guard problem.status == .followedUp else {
        throw .illegalTransition(from: problem.status, to: .evaluated)
      }
      measures.at = now
      measures.by = actor.userName
      problem.measures = measures
      // The single rating older screens and exports show: the weakest of the three measures.
      problem.evaluation = min(measures.rectification, measures.cooperation, measures.satisfaction)
      advance(&problem, to: .evaluated, note: measures.note)
    case .raiseProblemByMember(let id, let source, let title, let description, let member):
      guard state.problems[id] == nil else { throw .alreadyExists(RecordRef(id)) }
      if isBlank(title) { throw .required(.title) }
      guard state.contains(source.ref) else { throw .missingReference(source.ref) }
      if let member { try checkReferences(new: [RecordRef(member)], old: []) }
      var problem = Problem(
        id: id, source: source, title: title, description: description, raisedBy: actor.userName,
        raisedAt: now)
      problem.raisedByMember = member
      write(problem)
    case .recordPatrolStep(let id, let step, let notes):
      var patrol = try existing(id, state.patrols)
      if isBlank(notes) { throw .required(.stepNotes) }
      if let missing = PatrolStep.allCases.first(where: {
        $0.rawValue < step.rawValue && !patrol.hasNotes(for: $0)
      }) {
        throw .patrolStepOutOfOrder(expected: missing, got: step)
      }
      if !patrol.isOpen && step != .pushImplementation { throw .alreadyClosed }
      while patrol.stepNotes.count < PatrolStep.allCases.count { patrol.stepNotes.append("") }
      patrol.stepNotes[Int(step.rawValue)] = notes
      try checkPatrolDate(patrol)
      write(patrol)
    case .advanceOpinionReport(let id, let step):
      var report = try existing(id, state.opinionReports)
      try advance(&report, step)
      write(report)
    case .group(let changes):
      for (index, inner) in changes.enumerated() {
        do {
          try apply(inner)
        } catch {
          throw .inGroup(index: index, error: error)
        }
      }
    case .restore(let versions):
      for version in versions {
        if let value = version.value, value.ref != version.ref { throw .restoreMismatch(version.ref) }
      }
      for version in versions {
        mark(version.ref)
        state.set(version.ref, version.value)
      }
    case .addResearchVisit(let id, let visit):
      var consultation = try existing(id, state.consultations)
      try validate(visit)
      consultation.addedVisits.append(visit)
      write(consultation)
    case .trackSectorReport(let id, let event, let feedback):
      try track(id, event, feedback: feedback)
    case .revert(let reverted, let versions, let by, let at):
      try revert(reverted, to: versions, by: by, at: at)
    case .saveView(let view):
      let old = state.savedViews[view.id]
      if let old, old.owner != actor.userName { throw .notYourView(name: old.name) }
      try validate(.savedView(view), old: old.map(RecordValue.savedView))
      write(view)
    case .deleteView(let id):
      let view = try existing(id, state.savedViews)
      if view.owner != actor.userName { throw .notYourView(name: view.name) }
      mark(view.ref)
      state.set(view.ref, nil)
    case .putMember, .putSector, .putSpecialCommittee, .putDepartment, .putStation, .putPartnerRegion,
      .putSupervisionTeam, .putRiver, .putStaffAccount, .putPatrol, .putVisit, .putOpinionReport,
      .putSectorActivity, .putSectorReport, .putJointMeeting, .putCooperationAgreement, .putCooperationResult,
      .putActionTargets:
      break  // handled above through putValue
    }
  }

  // MARK: Undo

  /// Puts back what `reverted` replaced, after checking that it is exactly that: `reverted`, made again
  /// by `by` at `at` on the records as they are put back, must give the records as they are now and
  /// touch no others. An undo may also not leave the store without an admin.
  mutating func revert(_ reverted: Change, to versions: [RecordVersion], by: ActingUser, at: Date)
    throws(DomainError)
  {
    for version in versions {
      guard let value = version.value else { continue }
      if value.ref != version.ref { throw .restoreMismatch(version.ref) }
      // A register record put back must be one a put could write (a put does not depend on the
      // earlier value, so making the change again below cannot tell what that value was).
      // Workflow records (a report's track, a patrol's steps) are checked by making the change again below.
      if !replaying, value.ref.kind.isArchivable, Change.put(value) != nil {
        let current = state.value(of: version.ref)
        try validate(value, old: current)
        try checkReferences(new: value.references, old: current?.references ?? [])
      }
    }
    var restored = state
    for version in versions { restored.set(version.ref, version.value) }
    if !replaying {
      let redone: Applied
      do throws(DomainError) {
        redone = try Domain.apply(reverted, to: restored, actor: by, now: at)
      } catch {
        throw .notARevert
      }
      let refs = Set(versions.map(\.ref))
      guard refs.count == versions.count, Set(redone.touched) == refs,
        refs.allSatisfy({ redone.state.value(of: $0) == state.value(of: $0) })
      else { throw .notARevert }
      if versions.contains(where: { $0.ref.kind == .staffAccount }) {
        if hasActiveAdmin(state) && !hasActiveAdmin(restored) { throw .undoLeavesNoAdmin }
        var active: Set<String> = []
        for account in restored.staffAccounts.values where !account.archived {
          if !active.insert(account.userName).inserted { throw .duplicateUserName(account.userName) }
        }
      }
    }
    for version in versions { mark(version.ref) }
    state = restored
  }

  func hasActiveAdmin(_ state: CommitteeState) -> Bool {
    state.staffAccounts.values.contains { $0.role == .admin && !$0.archived }
  }

  // MARK: Helpers

  func existing<T: Record>(_ id: ID<T>, _ table: RecordTable<T>) throws(DomainError) -> T {
    guard let record = table[id] else { throw .notFound(RecordRef(id)) }
    return record
  }

  func decidedItem(_ id: SupervisionItemID) throws(DomainError) -> SupervisionItem {
    let item = try existing(id, state.supervisionItems)
    guard item.stage == .decided else { throw .notInPlan }
    if item.isClosed { throw .alreadyClosed }
    return item
  }

  /// Every reference must exist; a newly made one must also not be archived.
  func checkReferences(new: [RecordRef], old: [RecordRef]) throws(DomainError) {
    for ref in new {
      guard let value = state.value(of: ref) else { throw .missingReference(ref) }
      if let archivable = value.record as? any Archivable, archivable.archived, !old.contains(ref) {
        throw .archivedReference(ref, name: value.displayName)
      }
    }
  }

  mutating func advance(_ problem: inout Problem, to status: ProblemStatus, note: String) {
    problem.status = status
    problem.history.append(ProblemEvent(status: status, actor: actor.userName, at: now, note: note))
    write(problem)
  }

  mutating func step(
    _ id: ProblemID, from: ProblemStatus, to: ProblemStatus, text: String, _ update: (inout Problem) -> Void
  ) throws(DomainError) {
    var problem = try existing(id, state.problems)
    guard problem.status == from else { throw .illegalTransition(from: problem.status, to: to) }
    if isBlank(text) { throw .required(.text) }
    update(&problem)
    advance(&problem, to: to, note: text)
  }

  // MARK: Registers and fieldwork

  mutating func put(_ value: RecordValue) throws(DomainError) {
    let ref = value.ref
    let old = state.value(of: ref)
    try validate(value, old: old)
    try checkReferences(new: value.references, old: old?.references ?? [])
    mark(ref)
    state.set(ref, value)
  }

  func validate(_ value: RecordValue, old: RecordValue?) throws(DomainError) {
    switch value {
    case .member(let v): if isBlank(v.name) { throw .required(.name) }
    case .sector(let v): if isBlank(v.name) { throw .required(.name) }
    case .specialCommittee(let v): if isBlank(v.name) { throw .required(.name) }
    case .department(let v): if isBlank(v.name) { throw .required(.name) }
    case .partnerRegion(let v): if isBlank(v.name) { throw .required(.name) }
    case .river(let v): if isBlank(v.name) { throw .required(.name) }
    case .supervisionTeam(let v): if isBlank(v.theme) { throw .required(.title) }
    case .station(let v):
      if isBlank(v.name) { throw .required(.name) }
      if let parentLevel = v.level.parentLevel {
        guard let parentID = v.parent, let parent = state.stations[parentID], parent.level == parentLevel
        else {
          if let parentID = v.parent, state.stations[parentID] == nil {
            throw .missingReference(RecordRef(parentID))
          }
          throw .stationParentInvalid(v.level)
        }
      } else if v.parent != nil {
        throw .districtHallHasParent
      }
    case .staffAccount(let v):
      if isBlank(v.userName) { throw .required(.userName) }
      if isBlank(v.displayName) { throw .required(.name) }
      if state.staffAccounts.values.contains(where: {
        $0.userName == v.userName && $0.id != v.id && !$0.archived
      }) {
        throw .duplicateUserName(v.userName)
      }
      if case .staffAccount(let previous)? = old, previous.role == .admin, !previous.archived,
        v.role != .admin || v.archived
      {
        try checkAnotherAdmin(besides: v.id)
      }
    case .patrol(let v):
      if v.members.isEmpty { throw .required(.members) }
      if !isBlank(v.segment), state.rivers[v.river]?.segments.contains(v.segment) != true,
        let other = state.rivers.values.first(where: { $0.id != v.river && $0.segments.contains(v.segment) })
      {
        throw .segmentOfAnotherRiver(v.segment, river: other.name)
      }
      if let river = state.rivers[v.river], !river.segments.isEmpty, !isBlank(v.segment),
        !river.segments.contains(v.segment)
      {
        throw .unknownSegment(v.segment)
      }
      if let region = v.partnerRegion {
        try checkReferences(new: [RecordRef(region)], old: old?.references ?? [])
      }
      try checkPatrolDate(v)
    case .visit(let v):
      if isBlank(v.place) { throw .required(.place) }
      if v.members.isEmpty { throw .required(.members) }
      try checkDone(v.date, .date)
    case .opinionReport(let v):
      if isBlank(v.title) { throw .required(.title) }
      try checkDone(v.date, .date)
      if isBlank(v.text) { throw .required(.text) }
      if v.status == .instructed && isBlank(v.instruction) { throw .required(.instruction) }
      if v.instructedOn != nil && v.adoptedOn == nil { throw .instructionBeforeAdoption }
      if let adopted = v.adoptedOn, let instructed = v.instructedOn, instructed < adopted {
        throw .instructionBeforeAdoption
      }
      try checkReferences(
        new: v.coSubmitters.map { RecordRef($0) } + (v.rectificationDepartment.map { [RecordRef($0)] } ?? []),
        old: old?.references ?? [])
    case .actionTargets(let v):
      guard (2000...2100).contains(v.year) else { throw .invalidYear(v.year) }
      guard v.targets.count == VisitKind.allCases.count else {
        throw .outOfRange(.target, value: String(v.targets.count))
      }
      if let bad = v.targets.first(where: { !(0...100_000).contains($0) }) {
        throw .outOfRange(.target, value: String(bad))
      }
      if state.actionTargets.values.contains(where: { $0.year == v.year && $0.id != v.id }) {
        throw .duplicateYear(v.year)
      }
    case .sectorActivity(let v):
      if isBlank(v.title) { throw .required(.title) }
      if v.kind == .outreachTalk && v.members.isEmpty { throw .required(.speakers) }
      if v.adopted && v.kind != .collectiveProposal { throw .onlyProposalsAdopted }
    case .sectorReport(let v): try validate(v, old: old)
    case .savedView(let v): try validate(v)
    case .jointMeeting(let v):
      if v.regions.isEmpty { throw .required(.partnerRegions) }
      if isBlank(v.plan) && v.jointTopics.allSatisfy(isBlank)
        && v.jointSupervisionProjects.allSatisfy(isBlank)
      {
        throw .required(.plan)
      }
    case .cooperationAgreement(let v):
      if isBlank(v.title) { throw .required(.title) }
      // The committee signs with at least one partner region; an agreement of other bodies names two.
      if v.regions.isEmpty && v.parties.filter({ !isBlank($0) }).count < 2 { throw .required(.parties) }
      // An agreement that came from a joint meeting cannot be signed before the meeting was held.
      if let meeting = v.meeting.flatMap({ state.jointMeetings[$0] }), v.signedOn < meeting.date {
        throw .dateBefore(.date, meeting.date)
      }
    case .cooperationResult(let v):
      if isBlank(v.title) { throw .required(.title) }
      if v.regions.isEmpty { throw .required(.partnerRegions) }
    case .consultation, .supervisionItem, .problem:
      throw .notArchivable(value.kind)  // not reachable: these have no put change
    }
  }

  /// A patrol already held (a step written or a reading taken) cannot be dated after today. Today is
  /// taken in the zone furthest ahead, so no committee's today is ever refused.
  func checkPatrolDate(_ patrol: Patrol) throws(DomainError) {
    guard patrol.isHeld else { return }
    let latestToday = Day(now, TimeZone(secondsFromGMT: 14 * 3600) ?? .current)
    if patrol.date > latestToday { throw .futureDate(.date, day: patrol.date) }
  }

  /// A day that records something done (a visit, a report sent, adopted, instructed, completed)
  /// cannot be after today, in the zone furthest ahead. Only new changes are checked: journals
  /// written before the rule hold such days and must still open.
  func checkDone(_ day: Day, _ field: Field) throws(DomainError) {
    guard !replaying else { return }
    let latestToday = Day(now, TimeZone(secondsFromGMT: 14 * 3600) ?? .current)
    if day > latestToday { throw .notYet(field, day: day) }
  }

  /// One step of a report's chain; each needs the one before (an instruction needs the adoption).
  func advance(_ report: inout OpinionReport, _ step: OpinionReportStep) throws(DomainError) {
    let expected = OpinionReportStatus.chain[min(report.status.rank + 1, OpinionReportStatus.chain.count - 1)]
    if report.status == .done { throw .alreadyClosed }
    switch step {
    case .adopt(let day):
      guard report.status == .submitted else {
        throw .reportStepOutOfOrder(expected: expected, got: .adopted)
      }
      if day < report.date { throw .dateBeforeSubmission(report.date) }
      try checkDone(day, .adoptedOn)
      report.adoptedOn = day
    case .instruct(let by, let day, let text):
      guard let adopted = report.adoptedOn, report.status.rank >= OpinionReportStatus.adopted.rank else {
        throw .instructionBeforeAdoption
      }
      guard report.status == .adopted else {
        throw .reportStepOutOfOrder(expected: expected, got: .instructed)
      }
      if isBlank(by) { throw .required(.instructedBy) }
      if isBlank(text) { throw .required(.instruction) }
      if day < adopted { throw .instructionBeforeAdoption }
      try checkDone(day, .instructedOn)
      report.instructedBy = by
      report.instructedOn = day
      report.instruction = text
    case .rectify(let department, let plan, let due):
      guard report.status == .instructed else {
        throw .reportStepOutOfOrder(expected: expected, got: .rectifying)
      }
      if isBlank(plan) { throw .required(.plan) }
      if let instructed = report.instructedOn, due < instructed { throw .dueBeforeInstruction(instructed) }
      if let department { try checkReferences(new: [RecordRef(department)], old: []) }
      report.rectificationDepartment = department
      report.rectificationPlan = plan
      report.rectificationDue = due
    case .complete(let day, let note):
      guard report.status == .rectifying else { throw .reportStepOutOfOrder(expected: expected, got: .done) }
      if let instructed = report.instructedOn, day < instructed { throw .dueBeforeInstruction(instructed) }
      try checkDone(day, .doneOn)
      report.doneOn = day
      if !isBlank(note) {
        report.rectificationPlan += report.rectificationPlan.isEmpty ? note : "\n" + note
      }
    }
    report.status = step.status
  }

  func checkAnotherAdmin(besides id: StaffAccountID) throws(DomainError) {
    let others = state.staffAccounts.values.contains { $0.role == .admin && !$0.archived && $0.id != id }
    if !others { throw .lastAdmin }
  }

  mutating func setArchived(_ ref: RecordRef, _ archived: Bool) throws(DomainError) {
    guard ref.kind.isArchivable else { throw .notArchivable(ref.kind) }
    guard let value = state.value(of: ref), let record = value.record as? any Archivable else {
      throw .notFound(ref)
    }
    if record.archived == archived {
      throw archived
        ? .alreadyArchived(ref, name: value.displayName) : .notArchived(ref, name: value.displayName)
    }
    if archived, case .staffAccount(let account) = value, account.role == .admin {
      try checkAnotherAdmin(besides: account.id)
    }
    if !archived, case .staffAccount(let account) = value,
      state.staffAccounts.values.contains(where: {
        $0.userName == account.userName && $0.id != account.id && !$0.archived
      })
    {
      throw .duplicateUserName(account.userName)
    }
    mark(ref)
    state.set(ref, value.settingArchived(archived))
  }

  // MARK: Consultations

  func validate(_ details: ConsultationDetails, old: Consultation?) throws(DomainError) {
    if isBlank(details.title) { throw .required(.title) }
    if details.kind == .crossRegional && details.partnerRegions.isEmpty { throw .required(.partnerRegions) }
    if let old, old.details.kind != details.kind, !old.completed.isEmpty { throw .kindFixedAfterStart }
    try checkReferences(new: details.references, old: old?.details.references ?? [])
  }

  mutating func completeStep(
    _ id: ConsultationID, _ step: ConsultationStep, _ record: StepRecord
  ) throws(DomainError) {
    var consultation = try existing(id, state.consultations)
    guard let expected = consultation.nextStep else { throw .workflowFinished }
    guard step == expected else { throw .stepOutOfOrder(expected: expected, got: step) }
    guard record.kind == step.recordKind else { throw .wrongStepRecord(step) }
    switch record {
    case .topics(let topics):
      if topics.allSatisfy(isBlank) { throw .required(.candidates) }
    case .confirmedTopic(let topic):
      if isBlank(topic) { throw .required(.topic) }
    case .research(let visits):
      if visits.isEmpty && consultation.addedVisits.isEmpty { throw .required(.visits) }
      if visits.contains(where: { isBlank($0.place) }) { throw .required(.place) }
    case .meeting(let meeting):
      if isBlank(meeting.place) { throw .required(.place) }
      try checkReferences(
        new: meeting.members.map { RecordRef($0) } + meeting.departments.map { RecordRef($0) }, old: [])
    case .outcome(let outcome):
      guard let meeting = consultation.meeting, !isBlank(meeting.minutes) else { throw .minutesRequired }
      if isBlank(outcome.text) { throw .required(.text) }
      try checkReferences(new: outcome.departments.map { RecordRef($0) }, old: [])
    case .followUp(let followUp):
      if isBlank(followUp.finding) { throw .required(.finding) }
      if let meeting = consultation.meeting, followUp.date < meeting.date {
        throw .dateBeforeMeeting(meeting.date)
      }
    case .evaluation(let text):
      if isBlank(text) { throw .required(.text) }
    }
    consultation.completed.append(CompletedStep(step: step, at: now, by: actor.userName, record: record))
    write(consultation)
  }

  // MARK: Sector reports and research visits

  func validate(_ visit: ResearchVisit) throws(DomainError) {
    if isBlank(visit.place) { throw .required(.place) }
  }

  func validate(_ report: SectorReport, old: RecordValue?) throws(DomainError) {
    if isBlank(report.title) { throw .required(.title) }
    if isBlank(report.leaders) && report.departments.isEmpty { throw .required(.recipients) }
    if case .sectorReport(let previous)? = old {
      // The track is moved only by `trackSectorReport`, so that every step is dated and checked.
      if previous.history != report.history { throw .reportTrackFixed }
    } else if report.history.count != 1 || report.status != .sent {
      throw .reportTrackFixed
    }
    if let activity = report.activity, let found = state.sectorActivities[activity],
      found.sector != report.sector
    {
      throw .activityOfAnotherSector
    }
  }

  mutating func track(_ id: SectorReportID, _ event: SectorReportEvent, feedback: String) throws(DomainError)
  {
    var report = try existing(id, state.sectorReports)
    guard report.status.next.contains(event.status) else {
      throw .reportTrackOrder(from: report.status, to: event.status)
    }
    if let last = report.history.last, event.date < last.date { throw .dateBefore(.date, last.date) }
    if (event.status == .adopted || event.status == .actedOn) && isBlank(feedback) && isBlank(report.feedback)
    {
      throw .required(.feedback)
    }
    report.history.append(event)
    if !isBlank(feedback) { report.feedback = feedback }
    write(report)
  }

  // MARK: Supervision

  /// The day of `now` where the committees work, for steps that carry no date.
  var today: Day { Day(workingDayOf: now) }

  func stageRecord(
    _ stage: SupervisionStage, on date: Day,
    participants: SupervisionParticipants = SupervisionParticipants(),
    summary: String = "", outcome: ReviewOutcome = .passed, reason: String = "", planYear: Int? = nil
  ) -> SupervisionStageRecord {
    SupervisionStageRecord(
      stage: stage, date: date, participants: participants, summary: summary, outcome: outcome,
      reason: reason,
      planYear: planYear, by: actor.userName, at: now)
  }

  /// A stage is dated no earlier than the one before it.
  func checkStageDate(_ date: Day, _ item: SupervisionItem) throws(DomainError) {
    if let last = item.stageRecords.last, date < last.date { throw .dateBeforePreviousStage(last.date) }
  }

  mutating func applySupervision(_ change: Change) throws(DomainError) {
    switch change {
    case .discussSupervisionItem(let id, let discussion):
      var item = try existing(id, state.supervisionItems)
      guard item.stage == .proposed else { throw .supervisionStageOrder(current: item.stage) }
      if item.specialCommittee == nil { throw .required(.specialCommittee) }
      try checkStageDate(discussion.date, item)
      if discussion.participants.isEmpty { throw .required(.participants) }
      if isBlank(discussion.summary) { throw .required(.discussionSummary) }
      try checkReferences(new: discussion.participants.references, old: [])
      item.stage = .discussed
      item.stageRecords.append(
        stageRecord(
          .discussed, on: discussion.date, participants: discussion.participants, summary: discussion.summary)
      )
      write(item)
    case .reviewSupervisionItem(let id, let date, let outcome, let reason):
      var item = try existing(id, state.supervisionItems)
      guard item.stage == .discussed else { throw .supervisionStageOrder(current: item.stage) }
      try checkStageDate(date, item)
      if outcome == .sentBack && isBlank(reason) { throw .required(.sendBackReason) }
      // Sent back, it goes to the special committee again; the record keeps the reason.
      item.stage = outcome == .passed ? .reviewed : .proposed
      item.stageRecords.append(stageRecord(.reviewed, on: date, outcome: outcome, reason: reason))
      write(item)
    case .decideSupervisionTopic(let id, let date, let year):
      var item = try existing(id, state.supervisionItems)
      guard item.stage == .reviewed else { throw .supervisionStageOrder(current: item.stage) }
      guard (2000...2100).contains(year) else { throw .invalidYear(year) }
      try checkStageDate(date, item)
      item.stage = .decided
      item.planYear = year
      item.stageRecords.append(stageRecord(.decided, on: date, planYear: year))
      write(item)
    case .recordSupervisionResearch(let id, let trip, let suggestions):
      var item = try decidedItem(id)
      if let trip {
        if isBlank(trip.place) { throw .required(.place) }
        try checkReferences(new: trip.references, old: [])
        item.researchTrips.append(trip)
      }
      let kept = suggestions.filter { !isBlank($0) }
      if trip == nil && kept.isEmpty { throw .required(.text) }
      item.suggestions.append(contentsOf: kept)
      write(item)
    case .holdSupervisionMeeting(let id, let meeting, let consultation):
      var item = try decidedItem(id)
      try checkStageDate(meeting.date, item)
      if consultation == nil && meeting.participants.isEmpty { throw .required(.participants) }
      if let inspected = item.followUpInspection, inspected.date < meeting.date {
        throw .followUpBeforeConsultation(meeting.date)
      }
      let linked = consultation.map { [RecordRef($0)] } ?? []
      try checkReferences(
        new: meeting.participants.references + linked,
        old: (item.meeting?.participants.references ?? []) + (item.consultation.map { [RecordRef($0)] } ?? [])
      )
      item.consultationDate = meeting.date
      item.consultation = consultation
      item.meeting = meeting
      write(item)
    case .recordSupervisionMinutes(let id, let minutes):
      var item = try decidedItem(id)
      guard var meeting = item.meeting else { throw .consultationNotHeld }
      if isBlank(minutes) { throw .required(.minutes) }
      meeting.minutes = minutes
      item.meeting = meeting
      write(item)
    case .inspectSupervisionFollowUp(let id, var record):
      var item = try decidedItem(id)
      guard let held = item.consultationDate else { throw .consultationNotHeld }
      if record.date < held { throw .followUpBeforeConsultation(held) }
      if let redo = item.evaluation, let judged = redo.date, record.date < judged {
        throw .dateBeforePreviousStage(judged)
      }
      if isBlank(record.findings) { throw .required(.finding) }
      try checkReferences(new: record.members.map { RecordRef($0) }, old: [])
      record.by = actor.userName
      record.at = now
      item.followUpInspection = record
      write(item)
    case .assessSupervisionItem(let id, let assessment):
      var item = try decidedItem(id)
      guard let inspected = item.followUpInspection else { throw .followUpInspectionRequired }
      guard let rectification = assessment.rectification.rating else { throw .required(.rectificationRating) }
      guard let cooperation = assessment.cooperation.rating else { throw .required(.cooperationRating) }
      guard let satisfaction = assessment.satisfaction.rating else { throw .required(.satisfactionRating) }
      if assessment.evaluators.isEmpty { throw .required(.evaluators) }
      if assessment.date < inspected.date { throw .dateBeforePreviousStage(inspected.date) }
      try checkReferences(new: assessment.evaluators.map { RecordRef($0) }, old: [])
      var evaluation = SupervisionEvaluation(
        rectification: rectification, cooperation: cooperation, satisfaction: satisfaction,
        note: assessment.note,
        at: now, by: actor.userName)
      evaluation.rectificationNote = assessment.rectification.note
      evaluation.cooperationNote = assessment.cooperation.note
      evaluation.satisfactionNote = assessment.satisfaction.note
      evaluation.evaluators = assessment.evaluators
      evaluation.date = assessment.date
      if evaluation.verdict == .commended {
        evaluation.publicity = assessment.publicity
      } else {
        guard let due = assessment.redoDue else { throw .required(.redoDue) }
        if due <= assessment.date { throw .redoDueTooEarly(assessment.date) }
        evaluation.redoDue = due
        evaluation.reportNote = assessment.reportNote
      }
      if let previous = item.evaluation { item.pastEvaluations.append(previous) }
      item.evaluation = evaluation
      if evaluation.verdict == .orderedToRedo {
        // Redone: a new follow-up inspection by the new due day, then a new evaluation; the earlier
        // follow-up and evaluation stay in the history.
        item.redoCount += 1
        item.pastFollowUps.append(inspected)
        item.followUpInspection = nil
      }
      write(item)
    default:
      break  // only supervision changes are routed here
    }
  }

  func validate(_ proposal: SupervisionProposal, old: SupervisionItem?) throws(DomainError) {
    if isBlank(proposal.title) { throw .required(.title) }
    if proposal.proposers.isEmpty { throw .required(.proposers) }
    try checkReferences(new: proposal.references, old: old?.proposal.references ?? [])
  }
}

extension Engine {
  /// A saved view belongs to the user saving it, has a name, takes a number key from 1 to 9, and
  /// that key is free on its screen (saving into a taken key replaces that view, under its ID).
  func validate(_ view: SavedView) throws(DomainError) {
    if view.owner != actor.userName { throw .notYourView(name: view.name) }
    if isBlank(view.name) { throw .required(.name) }
    if view.name.count > SavedView.maximumNameLength {
      throw .outOfRange(.name, value: String(view.name.prefix(SavedView.maximumNameLength)) + "…")
    }
    if isBlank(view.place) { throw .required(.viewSlot) }
    guard SavedView.slots.contains(view.slot) else { throw .outOfRange(.viewSlot, value: String(view.slot)) }
    if let other = state.savedView(owner: view.owner, place: view.place, slot: view.slot), other.id != view.id
    {
      throw .viewSlotTaken(slot: view.slot, name: other.name)
    }
  }
}
