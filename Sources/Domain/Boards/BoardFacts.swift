import Foundation

/// The facts one record adds to the boards. Each rule here is also written out, for heads, in the
/// boards' definitions (`board.def.*` in the strings).
enum BoardFacts {
  static func collect(
    _ value: RecordValue, in state: CommitteeState, facts: inout [BoardFact],
    durations: inout [(facet: Facet, day: Int, days: Int)]
  ) {
    switch value {
    case .problem(let problem):
      collect(problem, in: state, facts: &facts, durations: &durations)
    case .consultation(let consultation):
      guard let meeting = consultation.meetingRecord else { return }
      let day = meeting.date.daysSinceEpoch
      facts.append(BoardFact(.consultationsHeld, .all, day: day))
      if let station = consultation.details.station {
        for facet in stationFacets(station, in: state) {
          facts.append(BoardFact(.consultationsHeld, facet, day: day))
        }
      }
      for member in Set(meeting.members) {
        facts.append(BoardFact(.consultationsHeld, .member(member), day: day))
      }
    case .patrol(let patrol):
      let day = patrol.date.daysSinceEpoch
      facts.append(BoardFact(.patrols, .all, day: day))
      facts.append(BoardFact(.patrols, .river(patrol.river), day: day))
      for member in Set(patrol.members) { facts.append(BoardFact(.patrols, .member(member), day: day)) }
      // A reading meets the river's target when its class is the target's or better.
      if let quality = patrol.waterQuality {
        let target = state.rivers[patrol.river]?.targetClass ?? .classIII
        for facet in [Facet.all, .river(patrol.river)] {
          facts.append(BoardFact(.readings, facet, day: day))
          if quality <= target { facts.append(BoardFact(.readingsMet, facet, day: day)) }
        }
      }
    case .visit(let visit):
      let day = visit.date.daysSinceEpoch
      facts.append(BoardFact(.visits, .all, day: day))
      facts.append(BoardFact(.visits, .visitKind(visit.kind), day: day))
      for member in Set(visit.members) { facts.append(BoardFact(.visits, .member(member), day: day)) }
    case .opinionReport(let report):
      let day = report.date.daysSinceEpoch
      facts.append(BoardFact(.reports, .all, day: day))
      facts.append(BoardFact(.reports, .member(report.submitter), day: day))
    case .sectorActivity(let activity):
      let day = activity.date.daysSinceEpoch
      var measures: [Measure] = [.sectorActivities]
      if activity.kind == .outreachTalk { measures.append(.outreachTalks) }
      if activity.kind == .collectiveProposal { measures.append(.collectiveProposals) }
      for measure in measures {
        facts.append(BoardFact(measure, .all, day: day))
        facts.append(BoardFact(measure, .sector(activity.sector), day: day))
        for member in Set(activity.members) { facts.append(BoardFact(measure, .member(member), day: day)) }
      }
    case .supervisionItem(let item):
      collect(item, facts: &facts)
    default:
      return
    }
  }

  private static func collect(_ item: SupervisionItem, facts: inout [BoardFact]) {
    var facets: [Facet] = [.all]
    if let committee = item.specialCommittee { facets.append(.specialCommittee(committee)) }
    let measures: [SupervisionStage: Measure] = [
      .proposed: .topicsProposed, .discussed: .topicsDiscussed, .reviewed: .topicsReviewed,
      .decided: .topicsDecided,
    ]
    // The first step that reached each stage (a topic sent back and discussed again counts once).
    var reached: [SupervisionStage: Int] = [:]
    for record in item.stageRecords where reached[record.stage] == nil && record.outcome != .sentBack {
      reached[record.stage] = record.date.daysSinceEpoch
    }
    var found: [BoardFact] = []
    for (stage, day) in reached {
      if let measure = measures[stage] { found.append(BoardFact(measure, .all, day: day)) }
    }
    // Overdue from the day after the follow-up fell due until the day it was made.
    if let due = item.followUpDue {
      let firstLate = due.daysSinceEpoch + 1
      if item.awaitsFollowUp {
        found.append(BoardFact(.followUpOverdueChange, .all, day: firstLate))
      } else if let made = item.followUpInspection?.date.daysSinceEpoch, made > firstLate {
        found.append(BoardFact(.followUpOverdueChange, .all, day: firstLate))
        found.append(BoardFact(.followUpOverdueChange, .all, day: made, amount: -1))
      }
    }
    for evaluation in item.evaluations {
      let day = evaluation.date?.daysSinceEpoch ?? Day.workingDayNumber(of: evaluation.at)
      found.append(BoardFact(.topicEvaluations, .all, day: day))
      if evaluation.verdict == .commended { found.append(BoardFact(.topicsCommended, .all, day: day)) }
    }
    for facet in facets {
      for fact in found { facts.append(BoardFact(fact.measure, facet, day: fact.day, amount: fact.amount)) }
    }
  }

  private static func collect(
    _ problem: Problem, in state: CommitteeState, facts: inout [BoardFact],
    durations: inout [(facet: Facet, day: Int, days: Int)]
  ) {
    let raisedDay = Day.workingDayNumber(of: problem.raisedAt)
    var facets: [Facet] = [.all, .source(problem.source.ref.kind)]
    facts.append(BoardFact(.raised, .status(problem.status), day: raisedDay))
    if let department = problem.department { facets.append(.department(department)) }
    facets += sourceFacets(problem.source, in: state)
    let closedDay = closedDay(of: problem)
    for facet in facets {
      facts.append(BoardFact(.raised, facet, day: raisedDay))
      facts.append(BoardFact(.openChange, facet, day: raisedDay))
      if let closedDay { facts.append(BoardFact(.openChange, facet, day: closedDay, amount: -1)) }
      if problem.department != nil { facts.append(BoardFact(.assigned, facet, day: raisedDay)) }
      if problem.redoCount > 0 { facts.append(BoardFact(.redone, facet, day: raisedDay)) }
      if let closedDay {
        facts.append(BoardFact(.raisedThenClosed, facet, day: raisedDay))
        facts.append(BoardFact(.closed, facet, day: closedDay))
        if let due = problem.due, closedDay <= due.daysSinceEpoch {
          facts.append(BoardFact(.closedOnTime, facet, day: closedDay))
        }
        // The three measures when the loop was evaluated on them (rectification, cooperation,
        // satisfaction), else the single rating of older records.
        if let measures = problem.measures {
          let ratings = [measures.rectification, measures.cooperation, measures.satisfaction]
          let score = ratings.reduce(0) { $0 + Int($1.rawValue) + 1 }
          facts.append(BoardFact(.evaluationScore, facet, day: closedDay, amount: score))
          facts.append(BoardFact(.evaluations, facet, day: closedDay, amount: ratings.count))
        } else if let rating = problem.evaluation {
          facts.append(BoardFact(.evaluationScore, facet, day: closedDay, amount: Int(rating.rawValue) + 1))
          facts.append(BoardFact(.evaluations, facet, day: closedDay))
        }
        durations.append((facet, closedDay, max(0, closedDay - raisedDay)))
      }
      // Overdue from the day after the due day until the day it closed (if it closed late).
      if let due = problem.due {
        let firstLate = due.daysSinceEpoch + 1
        if let closedDay {
          if closedDay > firstLate {
            facts.append(BoardFact(.overdueChange, facet, day: firstLate))
            facts.append(BoardFact(.overdueChange, facet, day: closedDay, amount: -1))
          }
        } else {
          facts.append(BoardFact(.overdueChange, facet, day: firstLate))
        }
      }
    }
  }

  /// The day a closed problem's loop closed (China Standard Time); nil while it is open.
  static func closedDay(of problem: Problem) -> Int? {
    guard problem.status == .closed else { return nil }
    return problem.lastTime(of: .closed).map { Day.workingDayNumber(of: $0) }
  }

  /// The facets a record gives the problems raised from it (see `sourceFacets(_:in:)`); none for a
  /// record of a kind that gives none, or that is not in `state`.
  static func sourceFacets(of ref: RecordRef, in state: CommitteeState) -> [Facet] {
    switch ref.kind {
    case .consultation: return sourceFacets(.consultation(ID(raw: ref.raw)), in: state)
    case .supervisionItem: return sourceFacets(.supervisionItem(ID(raw: ref.raw)), in: state)
    case .patrol: return sourceFacets(.patrol(ID(raw: ref.raw)), in: state)
    default: return []
    }
  }

  /// The station of a problem's source and the stations above it, the sector and committee it
  /// belongs to, and its river.
  private static func sourceFacets(_ source: ProblemSource, in state: CommitteeState) -> [Facet] {
    switch source {
    case .consultation(let id):
      guard let station = state.consultations[id]?.details.station else { return [] }
      return stationFacets(station, in: state)
    case .supervisionItem(let id):
      guard let committee = state.supervisionItems[id]?.specialCommittee else { return [] }
      return [.specialCommittee(committee)]
    case .patrol(let id):
      guard let river = state.patrols[id]?.river else { return [] }
      return [.river(river)]
    case .visit, .opinionReport:
      return []
    }
  }

  /// A station and its ancestors (a street counts its community rooms), guarded against cycles.
  static func stationFacets(_ station: StationID, in state: CommitteeState) -> [Facet] {
    var result: [Facet] = []
    var seen: Set<StationID> = []
    var current: StationID? = station
    while let id = current, seen.insert(id).inserted, let record = state.stations[id] {
      result.append(.station(id))
      current = record.parent
    }
    return result
  }
}

extension Consultation {
  /// The meeting step's record, if the consultation has been held.
  public var meetingRecord: Meeting? {
    for step in completed {
      if case .meeting(let meeting) = step.record { return meeting }
    }
    return nil
  }
}
