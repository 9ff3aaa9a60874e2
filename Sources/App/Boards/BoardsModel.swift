import Domain
import Foundation

/// What the boards show for one period, breakdown and trend length: computed from the tally when
/// one of those (or the data) changes, not on every frame.
public struct BoardsModel: Sendable, Equatable {
  /// One line of a breakdown: a department, a station, a member…
  public struct Line: Sendable, Equatable {
    public var facet: Facet
    public var name: String
    public var figures: PeriodFigures
  }

  public var period: Period
  public var breakdown: BreakdownKind
  public var figures: PeriodFigures
  public var trend: [TrendPoint]
  public var lines: [Line]
  /// Nothing in the committee adds a figure yet (the board shows its empty state).
  public var committeeIsEmpty: Bool

  public init(
    tally: BoardTally, data: CommitteeState, period: Period, breakdown: BreakdownKind, months: Int, today: Day
  ) {
    self.period = period
    self.breakdown = breakdown
    committeeIsEmpty = tally.isEmpty
    figures = tally.figures(period, today: today)
    trend = tally.trend(months: months, today: period.standingDay(today: today))
    lines = tally.breakdown(breakdown, period, today: today).map {
      Line(facet: $0.facet, name: Self.name(of: $0.facet, in: data), figures: $0.figures)
    }
    lines.sort {
      Self.weight($0.figures, breakdown) > Self.weight($1.figures, breakdown)
        || (Self.weight($0.figures, breakdown) == Self.weight($1.figures, breakdown) && $0.name < $1.name)
    }
  }

  /// What a breakdown is ordered by: most overdue departments first, the busiest others.
  static func weight(_ figures: PeriodFigures, _ kind: BreakdownKind) -> Int {
    switch kind {
    case .department: return figures.overdue * 1_000_000 + figures.assigned
    case .member:
      return figures.consultationsHeld + figures.patrols + figures.visits + figures.reports
        + figures.outreachTalks
        + figures.collectiveProposals
    case .sector: return figures.sectorActivities
    case .station: return figures.raised + figures.consultationsHeld
    case .river: return figures.patrols * 1000 + figures.raised + figures.readings
    case .specialCommittee: return figures.raised + figures.topicsProposed + figures.topicEvaluations
    case .source: return figures.raised
    }
  }

  static func name(of facet: Facet, in data: CommitteeState) -> String {
    switch facet {
    case .all: return ""
    case .department(let id): return data.departments[id]?.name ?? "#\(id.raw)"
    case .station(let id): return data.stations[id]?.name ?? "#\(id.raw)"
    case .sector(let id): return data.sectors[id]?.name ?? "#\(id.raw)"
    case .specialCommittee(let id): return data.specialCommittees[id]?.name ?? "#\(id.raw)"
    case .river(let id): return data.rivers[id]?.name ?? "#\(id.raw)"
    case .member(let id): return data.members[id]?.name ?? "#\(id.raw)"
    case .source(let kind): return kind.nameKey
    case .status(let status): return status.nameKey
    case .visitKind(let kind): return kind.nameKey
    }
  }
}

/// The problems behind a line of a breakdown: those raised or closed in the period, and those
/// overdue on its standing day — the overdue first, most late first.
public struct BoardsDrill: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    public var problem: ProblemID
    public var title: String
    public var status: ProblemStatus
    public var due: Day?
    /// Days past due on the standing day (0 when not overdue).
    public var daysLate: Int
  }

  public var facet: Facet
  public var name: String
  public var rows: [Row]
  public var selection = 0
  /// The first row shown.
  public var top = 0

  public init(facet: Facet, name: String, data: CommitteeState, period: Period, today: Day) {
    self.facet = facet
    self.name = name
    let standing = period.standingDay(today: today)
    var rows: [Row] = []
    // Each problem is read in its box, field by field: a department's twenty thousand problems
    // copied out whole (their histories, texts and lists) were most of a drill's time.
    func consider(_ box: RecordBox<Problem>) {
      // (`box.value.x` each time, not the problem bound to a name: that would copy it whole.)
      let raised = Day(workingDayOf: box.value.raisedAt)
      let status = box.value.status
      let closed =
        status == .closed
        ? box.value.lastTime(of: .closed).map { Day(workingDayOf: $0) } : nil
      let due = box.value.due
      var late = 0
      if let due, standing > due, closed.map({ $0 > standing }) ?? true, raised <= standing {
        late = standing.daysSinceEpoch - due.daysSinceEpoch
      }
      guard period.contains(raised) || closed.map(period.contains) == true || late > 0 else { return }
      rows.append(
        Row(problem: box.value.id, title: box.value.title, status: status, due: due, daysLate: late))
    }
    if case .department(let id) = facet {
      for problem in data.problemsByDepartment[id] ?? [] {
        if let box = data.problems.storage[problem] { consider(box) }
      }
    } else {
      for box in data.problems.storage.values where Self.belongs(box.value.source, to: facet, in: data) {
        consider(box)
      }
    }
    rows.sort { ($0.daysLate, $1.problem.raw) > ($1.daysLate, $0.problem.raw) }
    self.rows = rows
  }

  /// Whether a problem counts for a facet other than a department (those use the store's index).
  static func belongs(_ source: ProblemSource, to facet: Facet, in data: CommitteeState) -> Bool {
    switch (facet, source) {
    case (.all, _): return true
    case (.source(let kind), let source): return source.ref.kind == kind
    case (.station(let station), .consultation(let id)):
      guard let own = data.consultations[id]?.details.station else { return false }
      var current: StationID? = own
      var seen: Set<StationID> = []
      while let id = current, seen.insert(id).inserted {
        if id == station { return true }
        current = data.stations[id]?.parent
      }
      return false
    case (.specialCommittee(let committee), .supervisionItem(let id)):
      return data.supervisionItems[id]?.specialCommittee == committee
    case (.river(let river), .patrol(let id)): return data.patrols[id]?.river == river
    default: return false
    }
  }
}
