import Domain
import Foundation

extension ExportTable {
  /// The table of `kind` in `state`. Every column is present even when the register is empty.
  public init(_ kind: ExportKind, of state: CommitteeState) {
    let names = NameLookup(state)
    self.kind = kind
    switch kind {
    case .members:
      columns = MemberColumn.allCases.map(\.rawValue)
      rows = Self.sorted(state.members).map { Self.memberRow($0, names) }
    case .sectors:
      columns = [
        "id", "name", "lead_unit", "conveners", "liaison", "committee", "haves", "archived", "liaison_phone",
      ]
      rows = Self.sorted(state.sectors).map { s in
        // The liaison is lead-unit staff named by text; older files named a member.
        let liaison: ExportValue =
          s.liaisonName.isEmpty ? s.liaison.map(names.member) ?? .null : .string(s.liaisonName)
        return [
          .int(Int(s.id.raw)), .string(s.name), .string(s.leadUnit), .list(s.conveners.map(names.member)),
          liaison, s.specialCommittee.map(names.committee) ?? .null,
          .list(SixHaves.allCases.filter(s.has).map { .string("\($0)") }), .bool(s.archived),
          .string(s.liaisonPhone),
        ]
      }
    case .committees:
      columns = ["id", "name", "archived"]
      rows = Self.sorted(state.specialCommittees).map {
        [.int(Int($0.id.raw)), .string($0.name), .bool($0.archived)]
      }
    case .stations:
      columns = ["id", "name", "level", "parent", "head", "site", "archived"]
      rows = Self.sorted(state.stations).map { s in
        [
          .int(Int(s.id.raw)), .string(s.name), .string("\(s.level)"), s.parent.map(names.station) ?? .null,
          .string(s.head), .string("\(s.site)"), .bool(s.archived),
        ]
      }
    case .departments:
      columns = ["id", "name", "contact", "archived"]
      rows = Self.sorted(state.departments).map {
        [.int(Int($0.id.raw)), .string($0.name), .string($0.contact), .bool($0.archived)]
      }
    case .rivers:
      columns = ["id", "name", "segments", "archived", "target_class"]
      rows = Self.sorted(state.rivers).map {
        [
          .int(Int($0.id.raw)), .string($0.name), .list($0.segments.map(ExportValue.string)),
          .bool($0.archived), .string($0.targetClass.numeral),
        ]
      }
    case .regions:
      columns = ["id", "name", "archived"]
      rows = Self.sorted(state.partnerRegions).map {
        [.int(Int($0.id.raw)), .string($0.name), .bool($0.archived)]
      }
    case .teams:
      columns = ["id", "theme", "members", "archived"]
      rows = Self.sorted(state.supervisionTeams).map {
        [.int(Int($0.id.raw)), .string($0.theme), .list($0.members.map(names.member)), .bool($0.archived)]
      }
    case .staff:
      columns = ["id", "user_name", "display_name", "role", "archived"]
      rows = Self.sorted(state.staffAccounts).map {
        [
          .int(Int($0.id.raw)), .string($0.userName), .string($0.displayName), .string("\($0.role)"),
          .bool($0.archived),
        ]
      }
    case .consultations:
      columns = ConsultationExport.columns
      rows = Self.sorted(state.consultations).map { ConsultationExport.row($0, names) }
    case .supervisions:
      columns = SupervisionExport.columns
      rows = Self.sorted(state.supervisionItems).map { SupervisionExport.row($0, names) }
    case .patrols:
      columns =
        ["id", "river", "segment", "date", "members"]
        + ["inspect_site", "listen_to_residents", "find_problems", "offer_solutions", "push_implementation"]
        + ["observations", "water_quality", "partner_region"]
      rows = Self.sorted(state.patrols).map { p in
        [
          .int(Int(p.id.raw)), names.river(p.river), .string(p.segment), .string(p.date.description),
          .list(p.members.map(names.member)),
        ]
          + PatrolStep.allCases.map { .string(p.notes(for: $0)) }
          + [
            .string(p.observations), p.waterQuality.map { .string("\($0)") } ?? .null,
            p.partnerRegion.map(names.region) ?? .null,
          ]
      }
    case .visits:
      columns = ["id", "kind", "date", "members", "place", "notes", "suggestions"]
      rows = Self.sorted(state.visits).map { v in
        [
          .int(Int(v.id.raw)), .string("\(v.kind)"), .string(v.date.description),
          .list(v.members.map(names.member)),
          .string(v.place), .string(v.notes), .string(v.suggestions),
        ]
      }
    case .reports:
      columns =
        ["id", "title", "text", "submitter", "date", "instruction", "status", "submitters", "adopted_on"]
        + ["instructed_by", "instructed_on", "rectification_department", "rectification_plan"]
        + ["rectification_due", "done_on"]
      rows = Self.sorted(state.opinionReports).map { r in
        func day(_ d: Day?) -> ExportValue { d.map { .string($0.description) } ?? .null }
        return [
          .int(Int(r.id.raw)), .string(r.title), .string(r.text), names.member(r.submitter),
          .string(r.date.description), .string(r.instruction), .string("\(r.status)"),
          .list(r.submitters.map(names.member)), day(r.adoptedOn), .string(r.instructedBy),
          day(r.instructedOn),
          r.rectificationDepartment.map(names.department) ?? .null, .string(r.rectificationPlan),
          day(r.rectificationDue), day(r.doneOn),
        ]
      }
    case .targets:
      columns = ["id", "year"] + VisitKind.actions.map { "\($0)" }
      rows = Self.sorted(state.actionTargets).map { t in
        [.int(Int(t.id.raw)), .int(t.year)] + VisitKind.actions.map { .int(t.target(for: $0)) }
      }
    case .problems:
      columns = ProblemExport.columns
      rows = Self.sorted(state.problems).map { ProblemExport.row($0, names) }
    case .activities:
      columns = [
        "id", "sector", "kind", "date", "title", "members", "notes", "place", "on_site", "online", "adopted",
      ]
      rows = Self.sorted(state.sectorActivities).map { a in
        [
          .int(Int(a.id.raw)), names.sector(a.sector), .string("\(a.kind)"), .string(a.date.description),
          .string(a.title), .list(a.members.map(names.member)), .string(a.notes), .string(a.place),
          .bool(a.onSite), .bool(a.online), .bool(a.adopted),
        ]
      }
    case .jointmeetings:
      columns = ["id", "date", "place", "regions", "plan", "joint_topics", "joint_supervision", "notes"]
      rows = Self.sorted(state.jointMeetings).map { m in
        [
          .int(Int(m.id.raw)), .string(m.date.description), .string(m.place),
          .list(m.regions.map(names.region)),
          .string(m.plan), .list(m.jointTopics.map(ExportValue.string)),
          .list(m.jointSupervisionProjects.map(ExportValue.string)), .string(m.notes),
        ]
      }
    case .agreements:
      columns = ["id", "title", "parties", "signed_on", "scope", "rivers"]
      rows = Self.sorted(state.cooperationAgreements).map { a in
        [
          .int(Int(a.id.raw)), .string(a.title), .list(a.parties.map(ExportValue.string)),
          .string(a.signedOn.description), .string(a.scope), .list(a.rivers.map(names.river)),
        ]
      }
    case .cooperation:
      columns = ["id", "kind", "date", "title", "regions", "members", "suggestions", "notes"]
      rows = Self.sorted(state.cooperationResults).map { c in
        [
          .int(Int(c.id.raw)), .string("\(c.kind)"), .string(c.date.description), .string(c.title),
          .list(c.regions.map(names.region)), .list(c.members.map(names.member)),
          .list(c.suggestions.map(ExportValue.string)), .string(c.notes),
        ]
      }
    case .sectorreports:
      columns = [
        "id", "sector", "title", "leaders", "departments", "sent_on", "status", "status_on", "feedback",
      ]
      rows = Self.sorted(state.sectorReports).map { r in
        [
          .int(Int(r.id.raw)), names.sector(r.sector), .string(r.title), .string(r.leaders),
          .list(r.departments.map(names.department)), .string(r.sentOn?.description ?? ""),
          .string("\(r.status)"), .string(r.history.last?.date.description ?? ""), .string(r.feedback),
        ]
      }
    }
  }

  static func sorted<R: Record>(_ table: RecordTable<R>) -> [R] {
    table.values.sorted { $0.id < $1.id }
  }

  static func memberRow(_ m: Member, _ names: NameLookup) -> [ExportValue] {
    MemberColumn.allCases.map { column in
      switch column {
      case .id: return .int(Int(m.id.raw))
      case .name: return .string(m.name)
      case .sector: return m.sector.map(names.sector) ?? .null
      case .committee: return m.specialCommittee.map(names.committee) ?? .null
      case .stations: return .list(m.stations.map(names.station))
      case .phone: return .string(m.phone)
      case .notes: return .string(m.notes)
      case .archived: return .bool(m.archived)
      }
    }
  }
}

/// Names of referenced records, so that exports read without a second table beside them.
struct NameLookup {
  let state: CommitteeState
  init(_ state: CommitteeState) { self.state = state }

  func member(_ id: MemberID) -> ExportValue { .string(state.members[id]?.name ?? "#\(id.raw)") }
  func sector(_ id: SectorID) -> ExportValue { .string(state.sectors[id]?.name ?? "#\(id.raw)") }
  func committee(_ id: SpecialCommitteeID) -> ExportValue {
    .string(state.specialCommittees[id]?.name ?? "#\(id.raw)")
  }
  func station(_ id: StationID) -> ExportValue { .string(state.stations[id]?.name ?? "#\(id.raw)") }
  func department(_ id: DepartmentID) -> ExportValue { .string(state.departments[id]?.name ?? "#\(id.raw)") }
  func region(_ id: PartnerRegionID) -> ExportValue {
    .string(state.partnerRegions[id]?.name ?? "#\(id.raw)")
  }
  func river(_ id: RiverID) -> ExportValue { .string(state.rivers[id]?.name ?? "#\(id.raw)") }
  func team(_ id: SupervisionTeamID) -> ExportValue {
    .string(state.supervisionTeams[id]?.theme ?? "#\(id.raw)")
  }
}

func isoTime(_ date: Date) -> String {
  let seconds = Int(date.timeIntervalSince1970.rounded(.down))
  let day = Day(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
  let rest = seconds - day.daysSinceEpoch * 86_400
  func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return "\(day)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
}

enum ConsultationExport {
  static let columns = [
    "id", "title", "kind", "format", "station", "partner_regions", "dispatched_members", "next_step",
    "steps_done", "topics", "confirmed_topic", "research_visits", "meeting_date", "meeting_place", "host",
    "participants", "departments", "residents", "minutes", "outcome", "outcome_departments", "follow_up_date",
    "follow_up", "evaluation", "completed",
  ]

  static func row(_ c: Consultation, _ names: NameLookup) -> [ExportValue] {
    let meeting = c.meeting
    var evaluation: ExportValue = .null
    if case .evaluation(let text)? = c.record(of: .evaluation) { evaluation = .string(text) }
    let format: String
    if case .other(let text) = c.details.format { format = text } else { format = "\(c.details.format)" }
    return [
      .int(Int(c.id.raw)), .string(c.details.title), .string("\(c.details.kind)"), .string(format),
      c.details.station.map(names.station) ?? .null, .list(c.details.partnerRegions.map(names.region)),
      .list(c.details.dispatchedMembers.map(names.member)), c.nextStep.map { .string("\($0)") } ?? .null,
      .int(c.completed.count), .list(c.candidateTopics.map(ExportValue.string)),
      c.confirmedTopic.map(ExportValue.string) ?? .null,
      .list(
        c.researchVisits.map { v in
          .object([
            ("date", .string(v.date.description)), ("place", .string(v.place)), ("people", .string(v.people)),
            ("findings", .string(v.findings)),
          ])
        }),
      meeting.map { .string($0.date.description) } ?? .null, meeting.map { .string($0.place) } ?? .null,
      meeting.map { .string($0.host) } ?? .null, .list((meeting?.members ?? []).map(names.member)),
      .list((meeting?.departments ?? []).map(names.department)),
      meeting.map { .string($0.residents) } ?? .null,
      meeting.map { .string($0.minutes) } ?? .null, c.outcome.map { .string($0.text) } ?? .null,
      .list((c.outcome?.departments ?? []).map(names.department)),
      c.followUp.map { .string($0.date.description) } ?? .null,
      c.followUp.map { .string($0.finding) } ?? .null,
      evaluation,
      .list(
        c.completed.map { step in
          .object([
            ("step", .string("\(step.step)")), ("at", .string(isoTime(step.at))), ("by", .string(step.by)),
          ])
        }),
    ]
  }
}

enum SupervisionExport {
  static let columns = [
    "id", "title", "description", "proposers", "committee", "team", "stage", "plan_year", "research_trips",
    "suggestions", "consultation_date", "follow_up_due", "follow_up_date", "follow_up_finding",
    "rectification",
    "cooperation", "satisfaction", "verdict", "evaluation_note", "redo_count", "teams", "localities",
    "stage_history", "past_evaluations", "redo_due",
  ]

  static func row(_ s: SupervisionItem, _ names: NameLookup) -> [ExportValue] {
    let e = s.evaluation
    return [
      .int(Int(s.id.raw)), .string(s.title), .string(s.description), .list(s.proposers.map(names.member)),
      s.specialCommittee.map(names.committee) ?? .null, s.team.map(names.team) ?? .null,
      .string("\(s.stage)"),
      s.planYear.map(ExportValue.int) ?? .null,
      .list(
        s.researchTrips.map { v in
          .object([
            ("date", .string(v.date.description)), ("place", .string(v.place)),
            ("members", .list(v.members.map(names.member))),
            ("department", v.department.map(names.department) ?? .null),
            ("notes", .string(v.notes)),
          ])
        }),
      .list(s.suggestions.map(ExportValue.string)),
      s.consultationDate.map { .string($0.description) } ?? .null,
      s.followUpDue.map { .string($0.description) } ?? .null,
      s.followUpInspection.map { .string($0.date.description) } ?? .null,
      s.followUpInspection.map { .string($0.findings) } ?? .null,
      e.map { .string("\($0.rectification)") } ?? .null, e.map { .string("\($0.cooperation)") } ?? .null,
      e.map { .string("\($0.satisfaction)") } ?? .null, e.map { .string("\($0.verdict)") } ?? .null,
      e.map { .string($0.note) } ?? .null, .int(s.redoCount),
      .list(s.teams.map(names.team)),
      .list(s.localities.map { .string(names.state.stations[$0]?.name ?? "#\($0.raw)") }),
      .list(
        s.stageRecords.map { r in
          .object([
            ("stage", .string("\(r.stage)")), ("date", .string(r.date.description)),
            ("outcome", .string("\(r.outcome)")), ("summary", .string(r.summary)),
            ("reason", .string(r.reason)),
            ("by", .string(r.by)),
          ])
        }),
      .list(
        s.pastEvaluations.map { p in
          .object([
            ("date", p.date.map { .string($0.description) } ?? .null), ("verdict", .string("\(p.verdict)")),
            ("rectification", .string("\(p.rectification)")), ("cooperation", .string("\(p.cooperation)")),
            ("satisfaction", .string("\(p.satisfaction)")),
            ("redo_due", p.redoDue.map { .string($0.description) } ?? .null),
          ])
        }),
      e?.redoDue.map { .string($0.description) } ?? .null,
    ]
  }
}

enum ProblemExport {
  static let columns = [
    "id", "title", "description", "source_kind", "source_id", "source", "status", "department", "due",
    "raised_by", "raised_at", "reply", "feedback", "follow_up", "evaluation", "redo_count", "history",
    "raised_by_member", "measures", "past_evaluations",
  ]

  static func measures(_ e: SupervisionEvaluation) -> ExportValue {
    .object([
      ("rectification", .string("\(e.rectification)")), ("cooperation", .string("\(e.cooperation)")),
      ("satisfaction", .string("\(e.satisfaction)")), ("note", .string(e.note)), ("by", .string(e.by)),
      ("at", .string(isoTime(e.at))),
    ])
  }

  static func row(_ p: Problem, _ names: NameLookup) -> [ExportValue] {
    [
      .int(Int(p.id.raw)), .string(p.title), .string(p.description), .string("\(p.source.ref.kind)"),
      .int(Int(p.source.ref.raw)), .string(names.state.displayName(of: p.source.ref)), .string("\(p.status)"),
      p.department.map(names.department) ?? .null, p.due.map { .string($0.description) } ?? .null,
      .string(p.raisedBy), .string(isoTime(p.raisedAt)), .string(p.reply), .string(p.feedback),
      .string(p.followUp),
      p.evaluation.map { .string("\($0)") } ?? .null, .int(p.redoCount),
      .list(
        p.history.map { e in
          .object([
            ("status", .string("\(e.status)")), ("actor", .string(e.actor)), ("at", .string(isoTime(e.at))),
            ("note", .string(e.note)),
          ])
        }),
      p.raisedByMember.map(names.member) ?? .null, p.measures.map(measures) ?? .null,
      .list(p.pastEvaluations.map(measures)),
    ]
  }
}
