import Domain
import Foundation

/// The numbers a head reads on the overview for one period, read from the boards' tally (so the
/// Overview and the boards always agree) plus the list of the most overdue problems.
public struct OverviewFigures: Sendable, Equatable {
  /// One department's share of the loop in the period.
  public struct DepartmentLine: Sendable, Equatable {
    public var department: DepartmentID
    public var name: String
    public var figures: PeriodFigures
  }

  /// Consultations held in one area in the period.
  public struct AreaLine: Sendable, Equatable {
    public var station: StationID
    public var name: String
    public var count: Int
  }

  /// A problem overdue on the period's standing day, with how late it is.
  public struct OverdueLine: Sendable, Equatable {
    public var problem: ProblemID
    public var title: String
    public var department: String
    public var days: Int
  }

  public var period: Period
  /// The period's figures, as the boards count them.
  public var headline: PeriodFigures
  /// Problems raised in the period, by their status now.
  public var byStatus: [Int] = Array(repeating: 0, count: ProblemStatus.allCases.count)
  /// The most overdue first.
  public var mostOverdue: [OverdueLine] = []
  /// Most overdue departments first, then most assigned.
  public var departments: [DepartmentLine] = []
  /// Consultations per street station (its community rooms included) or hall, most first.
  public var consultationsByArea: [AreaLine] = []
  /// Rivers with readings in the period, and of those the ones whose every reading met the target.
  public var riversRead = 0
  public var riversMeetingTarget = 0

  /// The rivers with readings (一江五河 first: the oldest registered), at most six.
  public var rivers: [RiverLine] = []
  /// The four double-hundred actions in the period, against the year's target.
  public var actions: [ActionLine] = []
  /// Supervision follow-ups due in the coming week (today's business, whatever the period): counted
  /// by the screen once per data version and day, not on each change of period or each frame.
  public var followUpsDueThisWeek = 0
  /// Nothing in the committee adds a figure yet.
  public var committeeIsEmpty = true

  public init(period: Period = .allTime, today: Day = Day(daysSinceEpoch: 0)) {
    self.period = period
    headline = PeriodFigures(period: period, standingDay: period.standingDay(today: today))
  }

  /// Reads a period's figures from `tally`; `keepOverdue` bounds the overdue list. The rivers' water
  /// summaries come from `indexes` (made once per data version, not on each change of period);
  /// `followUpsDue` is the count of `followUpsDue(in:today:)` when the caller has it already.
  public init(
    tally: BoardTally, data: CommitteeState, period: Period, today: Day, keepOverdue: Int = 30,
    indexes: SharedIndexes = SharedIndexes(), followUpsDue: Int? = nil, summarizeRivers: Bool = true
  ) {
    self.period = period
    followUpsDueThisWeek = followUpsDue ?? Self.followUpsDue(in: data, today: today)
    committeeIsEmpty = tally.isEmpty
    headline = tally.figures(period, today: today)
    let days = period.dayNumbers
    for status in ProblemStatus.allCases {
      byStatus[Int(status.rawValue)] = tally.total(.raised, .status(status), days: days)
    }
    departments = tally.breakdown(.department, period, today: today).compactMap { entry in
      guard case .department(let id) = entry.facet else { return nil }
      return DepartmentLine(
        department: id, name: BoardsModel.name(of: entry.facet, in: data), figures: entry.figures)
    }
    .filter { $0.figures.assigned > 0 || $0.figures.overdue > 0 || $0.figures.closed > 0 }
    .sorted {
      ($0.figures.overdue, $0.figures.assigned, $1.name) > ($1.figures.overdue, $1.figures.assigned, $0.name)
    }
    // Streets count their community rooms (the tally's station facets include every level).
    // Only the count of consultations per station, and the readings per river, are read here: the
    // whole figures of ten thousand stations would cost a change of period most of its time.
    consultationsByArea = tally.facets(of: .station).compactMap { facet in
      guard case .station(let id) = facet, data.stations[id]?.level != .communityRoom else { return nil }
      let count = tally.total(.consultationsHeld, facet, days: days)
      guard count > 0 else { return nil }
      return AreaLine(station: id, name: BoardsModel.name(of: facet, in: data), count: count)
    }
    .sorted { $0.count == $1.count ? $0.name < $1.name : $0.count > $1.count }
    for facet in tally.facets(of: .river) {
      let readings = tally.total(.readings, facet, days: days)
      guard readings > 0 else { continue }
      riversRead += 1
      if tally.total(.readingsMet, facet, days: days) == readings { riversMeetingTarget += 1 }
    }
    mostOverdue = Self.overdue(
      data: data, tally: tally, on: period.standingDay(today: today), today: today, keep: keepOverdue)
    if summarizeRivers { rivers = Self.rivers(data: data, summaries: indexes.waterSummaries(in: data)) }
    let targets = data.actionTargets(year: period.standingDay(today: today).year)
    actions = VisitKind.actions.map { kind in
      var done = tally.total(.visits, .visitKind(kind), days: days)
      if kind == .riverPatrol { done += headline.patrols }
      return ActionLine(kind: kind, done: done, target: targets.target(for: kind))
    }
  }

  /// The supervision topics whose follow-up inspection falls due in the seven days from `today`.
  static func followUpsDue(in data: CommitteeState, today: Day) -> Int {
    data.supervisionItems.values.count { isFollowUpDue($0, today: today) }
  }

  /// `count`, the topics due in `before` on `today`, carried to `after` through the records the
  /// changes between them touched: only the touched topics are read again (a topic's follow-up
  /// hangs on the topic alone), not every topic on each change.
  static func followUpsDue(
    following count: Int, from before: CommitteeState, to after: CommitteeState, touched: Set<RecordRef>,
    today: Day
  ) -> Int {
    var count = count
    for ref in touched where ref.kind == .supervisionItem {
      let id = SupervisionItemID(raw: ref.raw)
      if let old = before.supervisionItems[id], isFollowUpDue(old, today: today) { count -= 1 }
      if let new = after.supervisionItems[id], isFollowUpDue(new, today: today) { count += 1 }
    }
    return count
  }

  /// Whether a topic's follow-up inspection falls due in the seven days from `today`.
  static func isFollowUpDue(_ item: SupervisionItem, today: Day) -> Bool {
    guard item.awaitsFollowUp, let day = item.followUpDue, !item.isFollowUpOverdue(today: today) else {
      return false
    }
    return day >= today && day <= today.adding(days: 7)
  }

  /// The problems overdue on `day`, most late first: from the store's index of open problems by
  /// due day when `day` is today, else from the tally's problems ever overdue (a past period's end).
  static func overdue(
    data: CommitteeState, tally: BoardTally, on day: Day, today: Day, keep: Int
  ) -> [OverdueLine] {
    func line(_ problem: Problem, due: Day) -> OverdueLine {
      OverdueLine(
        problem: problem.id, title: problem.title,
        department: problem.department.map { data.displayName(of: RecordRef($0)) } ?? "",
        days: day.daysSinceEpoch - due.daysSinceEpoch)
    }
    var lines: [OverdueLine] = []
    if day == today {
      // The index is by due day: the earliest days are the most overdue.
      for due in data.openProblemsByDue.keys.filter({ $0 < day }).sorted() {
        guard lines.count < keep else { break }
        for id in (data.openProblemsByDue[due].map { Array($0) } ?? []).sorted() {
          guard lines.count < keep, let problem = data.problems[id] else { break }
          lines.append(line(problem, due: due))
        }
      }
      return lines
    }
    return tally.overdueProblems(on: day, keep: keep).compactMap { entry in
      data.problems[entry.problem].map { line($0, due: entry.due) }
    }
  }
}
