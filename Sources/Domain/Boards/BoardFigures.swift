import Foundation

/// The figures of one board for one period and one slice of the committee.
public struct PeriodFigures: Equatable, Sendable {
  public var period: Period
  /// The day standing figures (overdue) are read on: the period's end, or today.
  public var standingDay: Day
  public var raised = 0
  public var assigned = 0
  public var closed = 0
  public var closedOnTime = 0
  public var redone = 0
  /// Of the problems raised in the period, how many are closed now.
  public var raisedThenClosed = 0
  public var overdue = 0
  public var medianDaysToClose: Int?
  /// Average evaluation score (1 poor … 4 excellent) of the loops closed in the period.
  public var averageEvaluation: Double?
  public var consultationsHeld = 0
  public var patrols = 0
  public var visits = 0
  public var reports = 0
  public var sectorActivities = 0
  public var outreachTalks = 0
  public var collectiveProposals = 0
  /// Problems open on the standing day.
  public var open = 0
  /// Supervision topics that reached each stage in the period (提 议 审 定).
  public var topicsProposed = 0
  public var topicsDiscussed = 0
  public var topicsReviewed = 0
  public var topicsDecided = 0
  /// Topics whose follow-up inspection was overdue on the standing day.
  public var followUpsOverdue = 0
  public var topicEvaluations = 0
  public var topicsCommended = 0
  /// Water-quality readings of the period's patrols, and those at the river's target or better.
  public var readings = 0
  public var readingsMet = 0

  /// Topics reaching each stage, in the order of `SupervisionStage`.
  public var topicsByStage: [Int] { [topicsProposed, topicsDiscussed, topicsReviewed, topicsDecided] }

  /// Nothing counted yet, for a period and the day its standing figures are read on.
  public init(period: Period, standingDay: Day) {
    self.period = period
    self.standingDay = standingDay
  }

  /// Closed ÷ raised for the problems raised in the period; nil when none was raised.
  public var closureRate: Double? {
    raised == 0 ? nil : Double(raisedThenClosed) / Double(raised)
  }
}

/// One month of a trend.
public struct TrendPoint: Equatable, Sendable {
  public var month: YearMonth
  public var raised: Int
  public var closed: Int
  public var closureRate: Double?
  public var medianDaysToClose: Int?
  public var consultationsHeld: Int
  public var patrols: Int
  /// Overdue at the month's end (or today, for the running month).
  public var overdueAtEnd: Int
}

/// Which breakdown a board shows.
public enum BreakdownKind: CaseIterable, Sendable {
  case department, station, sector, specialCommittee, river, member, source
}

extension Facet {
  public var breakdownKind: BreakdownKind? {
    switch self {
    case .all: return nil
    case .department: return .department
    case .station: return .station
    case .sector: return .sector
    case .specialCommittee: return .specialCommittee
    case .river: return .river
    case .member: return .member
    case .source: return .source
    case .status, .visitKind: return nil
    }
  }
}

extension BoardTally {
  /// Every figure of a period for one facet.
  public func figures(_ period: Period, _ facet: Facet = .all, today: Day) -> PeriodFigures {
    let days = period.dayNumbers
    let standing = period.standingDay(today: today)
    var figures = PeriodFigures(period: period, standingDay: standing)
    figures.raised = total(.raised, facet, days: days)
    figures.assigned = total(.assigned, facet, days: days)
    figures.closed = total(.closed, facet, days: days)
    figures.closedOnTime = total(.closedOnTime, facet, days: days)
    figures.redone = total(.redone, facet, days: days)
    figures.raisedThenClosed = total(.raisedThenClosed, facet, days: days)
    figures.overdue = overdue(facet, on: standing)
    figures.medianDaysToClose = medianDaysToClose(facet, days: days)
    let evaluations = total(.evaluations, facet, days: days)
    if evaluations > 0 {
      figures.averageEvaluation = Double(total(.evaluationScore, facet, days: days)) / Double(evaluations)
    }
    figures.consultationsHeld = total(.consultationsHeld, facet, days: days)
    figures.patrols = total(.patrols, facet, days: days)
    figures.visits = total(.visits, facet, days: days)
    figures.reports = total(.reports, facet, days: days)
    figures.sectorActivities = total(.sectorActivities, facet, days: days)
    figures.outreachTalks = total(.outreachTalks, facet, days: days)
    figures.collectiveProposals = total(.collectiveProposals, facet, days: days)
    figures.open = open(facet, on: standing)
    figures.topicsProposed = total(.topicsProposed, facet, days: days)
    figures.topicsDiscussed = total(.topicsDiscussed, facet, days: days)
    figures.topicsReviewed = total(.topicsReviewed, facet, days: days)
    figures.topicsDecided = total(.topicsDecided, facet, days: days)
    figures.followUpsOverdue = followUpsOverdue(facet, on: standing)
    figures.topicEvaluations = total(.topicEvaluations, facet, days: days)
    figures.topicsCommended = total(.topicsCommended, facet, days: days)
    figures.readings = total(.readings, facet, days: days)
    figures.readingsMet = total(.readingsMet, facet, days: days)
    return figures
  }

  /// The last `months` months up to and including the month of `today`, oldest first.
  public func trend(months: Int, today: Day, _ facet: Facet = .all) -> [TrendPoint] {
    let last = YearMonth(today)
    return (0..<max(0, months)).reversed().map { back in
      let month = last.adding(months: -back)
      let days = month.firstDay.daysSinceEpoch...month.lastDay.daysSinceEpoch
      let raised = total(.raised, facet, days: days)
      return TrendPoint(
        month: month, raised: raised, closed: total(.closed, facet, days: days),
        closureRate: raised == 0 ? nil : Double(total(.raisedThenClosed, facet, days: days)) / Double(raised),
        medianDaysToClose: medianDaysToClose(facet, days: days),
        consultationsHeld: total(.consultationsHeld, facet, days: days),
        patrols: total(.patrols, facet, days: days),
        overdueAtEnd: overdue(facet, on: min(month.lastDay, today)))
    }
  }

  /// The figures of every facet of a kind that has any problem or activity, for a breakdown table.
  public func breakdown(_ kind: BreakdownKind, _ period: Period, today: Day) -> [(
    facet: Facet, figures: PeriodFigures
  )] {
    let facets = facets(of: kind)
    return facets.map { ($0, figures(period, $0, today: today)) }
  }
}
