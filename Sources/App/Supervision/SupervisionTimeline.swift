import Domain
import Foundation
import Localization
import TerminalCore

/// The detail of a topic as a timeline: 提 议 审 定 with their dates and who recorded them, the
/// research, the consultation, each 回头看 and evaluation (a redo and the round after it), the next
/// step, then the problems raised from it. Lines for the linked consultation and for problems carry
/// their record (Enter or `o` opens it).
enum SupervisionTimeline {
  static func lines(
    _ item: SupervisionItem, data: CommitteeState, language: Language, today: Day,
    indexes: SharedIndexes
  )
    -> [TimelineLine]
  {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    func names(_ refs: [RecordRef]) -> String {
      refs.map { data.displayName(of: $0) }.listed(language)
    }
    func people(_ p: SupervisionParticipants) -> String {
      var parts: [String] = []
      if !p.members.isEmpty { parts.append(names(p.members.map { RecordRef($0) })) }
      if !p.departments.isEmpty { parts.append(names(p.departments.map { RecordRef($0) })) }
      if !p.sectors.isEmpty { parts.append(names(p.sectors.map { RecordRef($0) })) }
      if !p.others.isEmpty { parts.append(p.others) }
      return parts.joined(separator: language == .zh ? "；" : "; ")
    }
    var out = [TimelineLine(item.title, Style(.title, bold: true))]
    out.append(
      TimelineLine(t("supervision2.detail.standing", tr(item.standing.nameKey, language)), Style(.accent)))
    var facts: [String] = []
    facts.append(t("supervision2.detail.proposers", names(item.proposers.map { RecordRef($0) })))
    if let committee = item.specialCommittee {
      facts.append(t("supervision2.detail.committee", data.displayName(of: RecordRef(committee))))
    }
    if !item.teams.isEmpty {
      facts.append(t("supervision2.detail.teams", names(item.teams.map { RecordRef($0) })))
    }
    if !item.localities.isEmpty {
      facts.append(t("supervision2.detail.localities", names(item.localities.map { RecordRef($0) })))
    }
    if let year = item.planYear { facts.append(t("supervision2.detail.year", String(year))) }
    for fact in facts { out.append(TimelineLine(fact, Style(.dim))) }
    if !item.description.isEmpty { out.append(TimelineLine(item.description, Style(.dim))) }
    out.append(TimelineLine(""))

    // 提 议 审 定
    for record in item.stageRecords {
      let mark = record.outcome == .sentBack ? "↩" : "●"
      let name =
        record.outcome == .sentBack
        ? tr(ReviewOutcome.sentBack.nameKey, language) : tr(record.stage.nameKey, language)
      out.append(
        TimelineLine(
          "\(mark) " + t("supervision2.detail.stage", record.date.description, name, record.by),
          record.outcome == .sentBack ? Style(.warning, bold: true) : Style(.ok, bold: true)))
      if !record.participants.isEmpty {
        out.append(
          TimelineLine(t("supervision2.detail.participants", people(record.participants)), indent: 4))
      }
      if !record.summary.isEmpty { out.append(TimelineLine(record.summary, indent: 4)) }
      if !record.reason.isEmpty {
        out.append(TimelineLine(t("supervision2.detail.reason", record.reason), indent: 4))
      }
      if let year = record.planYear {
        out.append(TimelineLine(t("supervision2.detail.intoPlan", String(year)), indent: 4))
      }
    }
    // Research
    if item.stage == .decided {
      out.append(
        TimelineLine(
          "● "
            + t(
              "supervision2.detail.research", String(item.researchTrips.count), String(item.suggestions.count)
            ),
          Style(.ok, bold: true)))
      for trip in item.researchTrips.suffix(5) {
        var text = trip.date.description + " " + trip.place
        if let department = trip.department { text += " · " + data.displayName(of: RecordRef(department)) }
        if !trip.members.isEmpty { text += " · " + names(trip.members.map { RecordRef($0) }) }
        if !trip.notes.isEmpty { text += " · " + trip.notes }
        out.append(TimelineLine(text, indent: 4))
      }
      if item.researchTrips.count > 5 {
        out.append(
          TimelineLine(
            t("supervision2.detail.more", String(item.researchTrips.count - 5)), Style(.dim), indent: 4))
      }
      if let last = item.suggestions.last {
        out.append(TimelineLine(t("supervision2.detail.lastSuggestion", last), Style(.dim), indent: 4))
      }
    }
    // Consultation
    if let held = item.consultationDate {
      out.append(
        TimelineLine("● " + t("supervision2.detail.consultation", held.description), Style(.ok, bold: true)))
      if let linked = item.consultation {
        out.append(
          TimelineLine(
            t("supervision2.detail.linked", data.displayName(of: RecordRef(linked))), Style(.accent),
            indent: 4,
            record: RecordRef(linked)))
      }
      if let meeting = item.meeting {
        if !meeting.participants.isEmpty {
          out.append(
            TimelineLine(t("supervision2.detail.participants", people(meeting.participants)), indent: 4))
        }
        let minutes = meeting.minutes.split(separator: "\n").prefix(2).joined(separator: " / ")
        out.append(
          TimelineLine(
            minutes.isEmpty ? t("supervision2.detail.noMinutes") : t("supervision2.detail.minutes", minutes),
            minutes.isEmpty ? Style(.dim) : .normal, indent: 4))
      }
    }
    // Rounds of 回头看 and evaluation: each past follow-up with the evaluation that ordered the redo.
    for (index, inspection) in item.followUps.enumerated() {
      out.append(followUpLine(inspection, t: t, language: language))
      if !inspection.members.isEmpty {
        out.append(TimelineLine(names(inspection.members.map { RecordRef($0) }), Style(.dim), indent: 4))
      }
      out.append(TimelineLine(inspection.findings, indent: 4))
      if index < item.evaluations.count {
        out += evaluationLines(item.evaluations[index], t: t, language: language, names: names)
      }
    }
    // What comes next.
    out.append(TimelineLine(""))
    out += nextLines(item, t: t, language: language, today: today)
    // Problems raised from the topic.
    out.append(TimelineLine(""))
    let problems = indexes.problems(from: .supervisionItem(item.id), in: data)
    let closed = problems.filter { $0.status == .closed }.count
    out.append(
      TimelineLine(
        t("supervision2.detail.problems", String(problems.count), String(closed)), Style(.title, bold: true)))
    if problems.isEmpty {
      out.append(TimelineLine(t("supervision2.detail.noProblems"), Style(.dim), indent: 2))
    }
    for problem in problems {
      let overdue = problem.isOverdue(today: today)
      var status = tr(problem.status.nameKey, language)
      if overdue { status += " " + t("supervision2.detail.overdue") }
      out.append(
        TimelineLine(
          "[\(status)] " + problem.title, overdue ? Style(.overdue) : .normal, indent: 2,
          record: RecordRef(problem.id)))
    }
    return out
  }

  static func followUpLine(
    _ inspection: SupervisionFollowUp, t: (String, String...) -> String, language: Language
  ) -> TimelineLine {
    TimelineLine(
      "● "
        + Strings.shared.text(
          "supervision2.detail.followUp", language,
          [inspection.date.description, tr(inspection.rectification.nameKey, language)]),
      Style(.ok, bold: true))
  }

  static func evaluationLines(
    _ e: SupervisionEvaluation, t: (String, String...) -> String, language: Language,
    names: ([RecordRef]) -> String
  ) -> [TimelineLine] {
    let commended = e.verdict == .commended
    var out = [
      TimelineLine(
        (commended ? "★ " : "↺ ")
          + Strings.shared.text(
            "supervision2.detail.evaluation", language,
            [e.date?.description ?? "", tr(e.verdict.nameKey, language)]),
        commended ? Style(.ok, bold: true) : Style(.overdue, bold: true))
    ]
    for measure in SupervisionMeasure.allCases {
      let (rating, note) = e.rating(of: measure)
      let text = tr(measure.nameKey, language) + (language == .zh ? "：" : ": ") + tr(rating.nameKey, language)
      out.append(TimelineLine(note.isEmpty ? text : text + " · " + note, indent: 4))
    }
    if !e.evaluators.isEmpty {
      out.append(
        TimelineLine(
          Strings.shared.text(
            "supervision2.detail.evaluators", language, [names(e.evaluators.map { RecordRef($0) })]),
          Style(.dim), indent: 4))
    }
    if commended, !e.publicity.isEmpty {
      out.append(
        TimelineLine(Strings.shared.text("supervision2.detail.publicity", language, [e.publicity]), indent: 4)
      )
    }
    if !commended {
      if let due = e.redoDue {
        out.append(
          TimelineLine(
            Strings.shared.text("supervision2.detail.redoDue", language, [due.description]), Style(.warning),
            indent: 4))
      }
      if !e.reportNote.isEmpty {
        out.append(
          TimelineLine(
            Strings.shared.text("supervision2.detail.reported", language, [e.reportNote]), indent: 4))
      }
    }
    return out
  }

  static func nextLines(
    _ item: SupervisionItem, t: (String, String...) -> String, language: Language, today: Day
  ) -> [TimelineLine] {
    if item.isClosed {
      return [TimelineLine(t("supervision2.next.closed"), Style(.ok, bold: true))]
    }
    let step: String
    switch item.stage {
    case .proposed: step = "discuss"
    case .discussed: step = "review"
    case .reviewed: step = "decide"
    case .decided:
      if item.consultationDate == nil {
        step = "consultation"
      } else if item.awaitsFollowUp {
        step = "followUp"
      } else {
        step = "evaluate"
      }
    }
    var out = [
      TimelineLine(
        "▶ " + t("supervision2.next", tr("supervision2.step.\(step)", language)), Style(.warning, bold: true))
    ]
    if item.awaitsFollowUp, let due = item.followUpDue {
      let late = item.followUpDaysLate(today: today)
      out.append(
        TimelineLine(
          late > 0
            ? t("supervision2.next.late", due.description, String(late))
            : t("supervision2.next.due", due.description, String(due.daysSinceEpoch - today.daysSinceEpoch)),
          late > 0 ? Style(.overdue, bold: true) : Style(.hint), indent: 4))
    }
    return out
  }
}
