import Domain
import Foundation

/// The numbers a head reads on the overview, computed from the data in one pass per data version.
public struct OverviewFigures: Sendable, Equatable {
  /// One department's share of the loop.
  public struct DepartmentLine: Sendable, Equatable {
    public var department: DepartmentID
    public var name: String
    public var assigned = 0
    public var overdue = 0
    public var closed = 0
    public var redo = 0
  }

  /// Consultations held in one area.
  public struct AreaLine: Sendable, Equatable {
    public var name: String
    public var count: Int
  }

  /// An overdue problem, with how late it is.
  public struct OverdueLine: Sendable, Equatable {
    public var problem: ProblemID
    public var title: String
    public var department: String
    public var days: Int
  }

  public var problems = 0
  public var open = 0
  public var overdue = 0
  public var closed = 0
  public var closedThisYear = 0
  /// Median days from raised to closed, over the loops closed this year.
  public var medianDaysToClose: Int?
  public var byStatus: [Int] = Array(repeating: 0, count: ProblemStatus.allCases.count)
  /// The most overdue first.
  public var mostOverdue: [OverdueLine] = []
  /// Most overdue departments first, then most assigned.
  public var departments: [DepartmentLine] = []
  /// Consultations per street station (its community rooms included) or hall, most first.
  public var consultationsByArea: [AreaLine] = []
  public var consultations = 0
  public var supervisionByStage: [Int] = Array(repeating: 0, count: SupervisionStage.allCases.count)
  public var supervisionFollowUpOverdue = 0
  public var supervisionItems = 0
  public var patrolsThisYear = 0
  /// Patrols this year by water-quality class; the last entry counts patrols without a class.
  public var waterQuality: [Int] = Array(repeating: 0, count: WaterQuality.allCases.count + 1)

  /// The rivers with readings (一江五河 first: the oldest registered), at most six.
  public var rivers: [RiverLine] = []
  /// The four double-hundred actions this year: done and target.
  public var actions: [ActionLine] = []

  public var isEmpty: Bool {
    problems == 0 && consultations == 0 && supervisionItems == 0 && patrolsThisYear == 0
  }

  public init() {}

  /// Counts everything once; `keepOverdue` bounds the overdue list.
  public init(data: CommitteeState, today: Day, keepOverdue: Int = 30) {
    let todayNumber = today.daysSinceEpoch
    var lines: [DepartmentID: DepartmentLine] = [:]
    var daysToClose: [Int] = []
    let utc = TimeZone(identifier: "UTC") ?? .current
    for problem in data.problems.values {
      problems += 1
      byStatus[Int(problem.status.rawValue)] += 1
      let late = problem.isOverdue(today: today)
      if problem.status == .closed {
        closed += 1
        if let closedAt = problem.history.last(where: { $0.status == .closed })?.at {
          let day = Day(closedAt, utc)
          if day.year == today.year {
            closedThisYear += 1
            daysToClose.append(day.daysSinceEpoch - Day(problem.raisedAt, utc).daysSinceEpoch)
          }
        }
      } else {
        open += 1
        if late { overdue += 1 }
      }
      if let department = problem.department {
        var line =
          lines[department]
          ?? DepartmentLine(department: department, name: data.displayName(of: RecordRef(department)))
        line.assigned += 1
        if late { line.overdue += 1 }
        if problem.status == .closed { line.closed += 1 }
        line.redo += problem.redoCount
        lines[department] = line
      }
    }
    daysToClose.sort()
    if !daysToClose.isEmpty {
      let mid = daysToClose.count / 2
      medianDaysToClose =
        daysToClose.count % 2 == 1 ? daysToClose[mid] : (daysToClose[mid - 1] + daysToClose[mid]) / 2
    }
    departments = lines.values.sorted {
      ($0.overdue, $0.assigned, $1.name) > ($1.overdue, $1.assigned, $0.name)
    }
    // The overdue index is by due day: the earliest days are the most overdue.
    for day in data.openProblemsByDue.keys.filter({ $0 < today }).sorted() {
      guard mostOverdue.count < keepOverdue else { break }
      for id in (data.openProblemsByDue[day].map { Array($0) } ?? []).sorted() {
        guard mostOverdue.count < keepOverdue, let problem = data.problems[id] else { break }
        mostOverdue.append(
          OverdueLine(
            problem: id, title: problem.title,
            department: problem.department.map { data.displayName(of: RecordRef($0)) } ?? "",
            days: todayNumber - day.daysSinceEpoch))
      }
    }
    consultations = data.consultations.count
    var byArea: [StationID: Int] = [:]
    for (station, ids) in data.consultationsByStation {
      var area = station
      if let record = data.stations[station], record.level == .communityRoom, let parent = record.parent {
        area = parent
      }
      byArea[area, default: 0] += ids.count
    }
    consultationsByArea = byArea.map {
      AreaLine(name: data.displayName(of: RecordRef($0.key)), count: $0.value)
    }
    .sorted { $0.count == $1.count ? $0.name < $1.name : $0.count > $1.count }
    for item in data.supervisionItems.values {
      supervisionItems += 1
      supervisionByStage[Int(item.stage.rawValue)] += 1
      if item.isFollowUpOverdue(today: today) { supervisionFollowUpOverdue += 1 }
    }
    for patrol in data.patrols.values where patrol.date.year == today.year && patrol.date <= today {
      patrolsThisYear += 1
      waterQuality[patrol.waterQuality.map { Int($0.rawValue) } ?? WaterQuality.allCases.count] += 1
    }
    (rivers, actions) = Self.fieldwork(data: data, today: today)
  }
}
