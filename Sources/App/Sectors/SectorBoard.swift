import Domain
import Localization

/// One sector home on the duty compliance board for a quarter.
struct SectorBoardRow: Equatable, Sendable {
  var sector: SectorID
  var compliance: DutyCompliance
  var home: Sector

  /// The cells of the board: home, study, inspection or fellowship, proposal, talks, haves.
  func cells(_ language: Language, data: CommitteeState) -> [String] {
    func mark(_ status: DutyStatus) -> String {
      if let activity = status.fulfilledBy {
        return tr("sectors.board.doneOn", language, String(activity.date.month), String(activity.date.day))
      }
      return tr(status.overdue ? "sectors.board.overdue" : "sectors.board.notYet", language)
    }
    let missing = compliance.membersWithoutTalk.count
    let talks =
      missing == 0
      ? tr("sectors.board.allTalked", language)
      : tr("sectors.board.talksMissing", language, String(missing), String(compliance.outreachTalks.count))
    let haves = SixHaves.allCases.count - home.missingHaves.count
    return [
      home.name, mark(compliance.study), mark(compliance.inspectionOrFellowship),
      mark(compliance.collectiveProposal), talks, "\(haves)/\(SixHaves.allCases.count)",
    ]
  }
}

/// The duty compliance board: every active sector home's duties in one quarter, and the heads' roll-up.
enum SectorBoard {
  static func rows(_ data: CommitteeState, year: Int, quarter: Int, today: Day) -> [SectorBoardRow] {
    let all = data.dutyCompliances(year: year, quarter: quarter, today: today)
    return data.sectors.values.filter { !$0.archived }.sorted { $0.id < $1.id }.map { home in
      SectorBoardRow(
        sector: home.id,
        compliance: all[home.id]
          ?? data.dutyCompliance(sector: home.id, year: year, quarter: quarter, today: today),
        home: home)
    }
  }

  /// "Q3 2026: 15 of 22 homes fully compliant · 4 with overdue duties · 18 with all six haves".
  static func rollUpLine(_ rollUp: DutyRollUp, _ language: Language) -> String {
    tr(
      "sectors.board.rollUp", language, String(rollUp.year), String(rollUp.quarter),
      String(rollUp.fullyCompliant),
      String(rollUp.homes), String(rollUp.withOverdueDuties), String(rollUp.homesWithAllSix))
  }

  /// The six-haves summary: how many homes have each.
  static func havesLine(_ rollUp: DutyRollUp, _ language: Language) -> String {
    let parts = SixHaves.allCases.map { item in
      tr(
        "sectors.board.haveCount", language, tr(item.nameKey, language),
        String(rollUp.havesCounts[Int(item.rawValue)]))
    }
    return tr(
      "sectors.board.haves", language, parts.joined(separator: tr("sectors.board.separator", language)))
  }

  /// The previous or next quarter, crossing years.
  static func step(year: Int, quarter: Int, by delta: Int) -> (year: Int, quarter: Int) {
    let index = year * 4 + (quarter - 1) + delta
    return (index / 4, index % 4 + 1)
  }

  /// How many members without a talk a home's detail names before "and N more".
  static let namesListed = 30

  /// The lines of one home's detail: who runs it, its six haves, each duty, its reports.
  static func detail(_ row: SectorBoardRow, data: CommitteeState, language: Language) -> [(String, String)] {
    let home = row.home
    func name(_ id: MemberID) -> String { data.displayName(of: RecordRef(id)) }
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    var lines: [(String, String)] = []
    lines.append((t("sectors.detail.leadUnit"), home.leadUnit.isEmpty ? "—" : home.leadUnit))
    let conveners = home.conveners.enumerated().map { index, id in
      index == 0 ? t("sectors.detail.headConvener", name(id)) : name(id)
    }
    lines.append((t("sectors.detail.conveners"), conveners.isEmpty ? "—" : conveners.listed(language)))
    let liaison = home.liaisonName.isEmpty ? home.liaison.map(name) ?? "" : home.liaisonName
    lines.append(
      (
        t("sectors.detail.liaison"),
        liaison.isEmpty
          ? "—"
          : [liaison, home.liaisonPhone].filter { !$0.isEmpty }
            .joined(separator: " ")
      ))
    let missing = home.missingHaves.map { tr($0.nameKey, language) }
    lines.append(
      (
        t("sectors.detail.haves"),
        missing.isEmpty
          ? t("sectors.detail.allSix") : t("sectors.detail.lacks", missing.listed(language))
      ))
    for status in row.compliance.all.prefix(3) {
      let value: String
      if let activity = status.fulfilledBy {
        value =
          t("sectors.detail.fulfilled", activity.date.description, activity.title)
          + (activity.adopted ? t("sectors.detail.adopted") : "")
      } else {
        value = t(status.overdue ? "sectors.detail.overdue" : "sectors.detail.open")
      }
      lines.append((tr(status.duty.nameKey, language), value))
    }
    // The first names and how many more: a home of a thousand members would otherwise wrap a
    // thousand names into the pane on every move.
    let untalked = row.compliance.membersWithoutTalk
    let without = untalked.prefix(Self.namesListed).map(name)
    let more = untalked.count - without.count
    lines.append(
      (
        t("sectors.detail.withoutTalk"),
        without.isEmpty
          ? "—"
          : more > 0
            ? t("sectionspeed.andMore", without.listed(language), String(more)) : without.listed(language)
      ))
    for report in data.sectorReports(sector: home.id) {
      let status = tr(report.status.nameKey, language)
      let feedback = report.feedback.isEmpty ? "" : " · " + report.feedback
      lines.append((t("sectors.detail.report"), "\(report.title)（\(status)）\(feedback)"))
    }
    return lines
  }
}

/// The cross-regional year in figures and records, for the cooperation view.
enum CooperationView {
  static func totalsLine(_ totals: CooperationTotals, _ language: Language) -> String {
    tr(
      "sectors.cooperation.totals", language, String(totals.year), String(totals.jointMeetings),
      String(totals.consultations), String(totals.inspections), String(totals.suggestions),
      String(totals.majorProjects), String(totals.problemsSolved))
  }

  /// One line per joint meeting, agreement and major project of the year, newest first.
  static func lines(_ data: CommitteeState, year: Int, language: Language, agreements: Bool = true)
    -> [String]
  {
    func regions(_ ids: [PartnerRegionID]) -> String {
      ids.map { data.displayName(of: RecordRef($0)) }.listed(language)
    }
    var lines: [String] = []
    for meeting in data.jointMeetings.values.filter({ $0.date.year == year }).sorted(by: { $0.date > $1.date }
    ) {
      lines.append(
        tr(
          "sectors.cooperation.meeting", language, meeting.date.description, regions(meeting.regions),
          meeting.plan,
          meeting.jointTopics.listed(language), meeting.jointSupervisionProjects.listed(language))
      )
    }
    for agreement in data.cooperationAgreements.values.sorted(by: { $0.signedOn > $1.signedOn })
    where agreements {
      let rivers = agreement.rivers.map { data.displayName(of: RecordRef($0)) }.listed(language)
      lines.append(
        tr(
          "sectors.cooperation.agreement", language, agreement.title, agreement.signedOn.description,
          String(agreement.parties.count), rivers))
    }
    for project in data.cooperationResults.values.filter({ $0.kind == .majorProject && $0.date.year == year })
      .sorted(by: { $0.date > $1.date })
    {
      lines.append(tr("sectors.cooperation.project", language, project.date.description, project.title))
    }
    return lines
  }
}
