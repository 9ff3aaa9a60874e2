import Domain
import Exchange
import Localization
import TerminalCore

/// The supervision board: topics by where they stand, by team and by committee; follow-ups due this
/// week and overdue (with days late); verdicts and redo counts; research trips and suggestions of
/// the year. Lines that name a topic carry it (Enter opens it).
enum SupervisionBoard {
  static func lines(data: CommitteeState, language: Language, today: Day) -> [TimelineLine] {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    let items = data.supervisionItems.values.sorted { $0.id < $1.id }
    var out = [TimelineLine(t("supervision2.board.title", String(items.count)), Style(.title, bold: true))]
    var byStanding: [SupervisionStanding: Int] = [:]
    for item in items { byStanding[item.standing, default: 0] += 1 }
    let standing = SupervisionStanding.allCases.filter { byStanding[$0] != nil }.map {
      tr($0.nameKey, language) + " " + String(byStanding[$0] ?? 0)
    }
    out.append(TimelineLine(t("supervision2.board.byStanding") + standing.joined(separator: " · ")))
    func grouped(_ key: (SupervisionItem) -> [RecordRef]) -> String {
      var counts: [RecordRef: Int] = [:]
      for item in items { for ref in key(item) { counts[ref, default: 0] += 1 } }
      return counts.sorted { ($1.value, $0.key.raw) < ($0.value, $1.key.raw) }.prefix(6).map {
        data.displayName(of: $0.key) + " " + String($0.value)
      }.joined(separator: " · ")
    }
    out.append(TimelineLine(t("supervision2.board.byTeam") + grouped { $0.teams.map { RecordRef($0) } }))
    out.append(
      TimelineLine(
        t("supervision2.board.byCommittee") + grouped { $0.specialCommittee.map { [RecordRef($0)] } ?? [] }))
    let redone = items.filter { $0.redoCount > 0 }
    let commended = items.filter(\.isClosed).count
    let redoing = items.filter { $0.evaluation?.verdict == .orderedToRedo }.count
    out.append(
      TimelineLine(
        t(
          "supervision2.board.verdicts", String(commended), String(redoing), String(redone.count),
          String(redone.reduce(0) { $0 + $1.redoCount }))))
    let year = today.year
    let trips = items.reduce(0) { $0 + $1.researchTrips.filter { $0.date.year == year }.count }
    let suggestions = items.filter { $0.planYear == year }.reduce(0) { $0 + $1.suggestions.count }
    out.append(
      TimelineLine(t("supervision2.board.research", String(year), String(trips), String(suggestions))))
    out.append(TimelineLine(""))
    let overdue = data.followUpOverdueSupervisionItems(today: today)
    out.append(
      TimelineLine(t("supervision2.board.overdue", String(overdue.count)), Style(.title, bold: true)))
    if overdue.isEmpty { out.append(TimelineLine(t("supervision2.board.none"), Style(.dim), indent: 2)) }
    let due = data.supervisionFollowUpsDue(today: today)
    func daysLeft(_ item: SupervisionItem) -> Int {
      (item.followUpDue?.daysSinceEpoch ?? today.daysSinceEpoch) - today.daysSinceEpoch
    }
    // The day counts right-aligned to the widest of both lists, so the dates and titles after
    // them line up (逾期 198 天 above 逾期 95 天).
    let counts = overdue.map { String($0.followUpDaysLate(today: today)) } + due.map { String(daysLeft($0)) }
    let countWidth = counts.map(\.count).max() ?? 0
    func aligned(_ count: Int) -> String { Text.pad(String(count), to: countWidth, align: .right) }
    for item in overdue {
      out.append(
        TimelineLine(
          t(
            "supervision2.board.lateLine", aligned(item.followUpDaysLate(today: today)),
            item.followUpDue?.description ?? "", item.title), Style(.overdue), indent: 2, record: item.ref))
    }
    out.append(TimelineLine(t("supervision2.board.due", String(due.count)), Style(.title, bold: true)))
    if due.isEmpty { out.append(TimelineLine(t("supervision2.board.none"), Style(.dim), indent: 2)) }
    for item in due {
      out.append(
        TimelineLine(
          t(
            "supervision2.board.dueLine", aligned(daysLeft(item)), item.followUpDue?.description ?? "",
            item.title),
          Style(.warning), indent: 2, record: item.ref))
    }
    if !redone.isEmpty {
      out.append(TimelineLine(t("supervision2.board.redone"), Style(.title, bold: true)))
      for item in redone {
        out.append(
          TimelineLine(
            t(
              "supervision2.board.redoneLine", String(item.redoCount), tr(item.standing.nameKey, language),
              item.title),
            indent: 2, record: item.ref))
      }
    }
    return out
  }

  /// The annual plan of `year` as lines (one per decided topic, each carrying it).
  static func plan(year: Int, data: CommitteeState, language: Language) -> [TimelineLine] {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    let rows = SupervisionPlan.rows(data, year: year)
    var out = [
      TimelineLine(tr("exchange.plan.title", language, String(year)), Style(.title, bold: true)),
      TimelineLine(
        tr("exchange.plan.count", language, String(rows.count)) + "  " + t("supervision2.plan.keys"),
        Style(.dim)),
      TimelineLine(""),
    ]
    if rows.isEmpty { out.append(TimelineLine(tr("exchange.plan.empty", language), Style(.dim))) }
    let sep = language.listSeparator
    for (index, row) in rows.enumerated() {
      out.append(
        TimelineLine(
          "\(index + 1). " + row.title + "  [" + tr(row.standing.nameKey, language) + "]",
          Style(.accent, bold: true),
          record: RecordRef(.supervisionItem, row.id)))
      var facts = [t("supervision2.plan.committee", row.committee.isEmpty ? "—" : row.committee)]
      if !row.teams.isEmpty { facts.append(t("supervision2.plan.teams", row.teams.joined(separator: sep))) }
      facts.append(t("supervision2.plan.research", String(row.researchTrips), String(row.suggestions)))
      if row.redoCount > 0 { facts.append(t("supervision2.plan.redo", String(row.redoCount))) }
      out.append(TimelineLine(facts.joined(separator: " · "), Style(.dim), indent: 4))
    }
    return out
  }
}
