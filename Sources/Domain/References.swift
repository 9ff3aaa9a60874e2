import Foundation

extension RecordValue {
  /// The records this one refers to; each must exist, and a newly added one must not be archived.
  var references: [RecordRef] {
    switch self {
    case .member(let v):
      return [v.sector.map { RecordRef($0) }, v.specialCommittee.map { RecordRef($0) }].compactMap { $0 }
        + v.stations.map { RecordRef($0) }
    case .sector(let v):
      return v.conveners.map { RecordRef($0) } + [v.liaison.map { RecordRef($0) }].compactMap { $0 }
        + [v.specialCommittee.map { RecordRef($0) }].compactMap { $0 }
    case .station(let v): return v.parent.map { [RecordRef($0)] } ?? []
    case .supervisionTeam(let v): return v.members.map { RecordRef($0) }
    case .patrol(let v):
      return [RecordRef(v.river)] + v.members.map { RecordRef($0) }
        + (v.partnerRegion.map { [RecordRef($0)] } ?? [])
    case .visit(let v): return v.members.map { RecordRef($0) }
    case .opinionReport(let v):
      return v.submitters.map { RecordRef($0) }
        + (v.rectificationDepartment.map { [RecordRef($0)] } ?? [])
    case .sectorActivity(let v): return [RecordRef(v.sector)] + v.members.map { RecordRef($0) }
    case .consultation(let v): return v.details.references
    case .supervisionItem(let v): return v.proposal.references
    case .sectorReport(let v):
      return [RecordRef(v.sector)] + v.departments.map { RecordRef($0) }
        + (v.activity.map { [RecordRef($0)] } ?? [])
    case .jointMeeting(let v): return v.regions.map { RecordRef($0) }
    case .cooperationAgreement(let v):
      return v.rivers.map { RecordRef($0) } + v.regions.map { RecordRef($0) }
        + (v.meeting.map { [RecordRef($0)] } ?? [])
    case .cooperationResult(let v): return v.regions.map { RecordRef($0) } + v.members.map { RecordRef($0) }
    case .problem(let v):
      return [v.source.ref] + (v.department.map { [RecordRef($0)] } ?? [])
        + (v.raisedByMember.map { [RecordRef($0)] } ?? [])
    case .specialCommittee, .department, .partnerRegion, .river, .staffAccount, .actionTargets, .savedView:
      return []
    }
  }

  /// The same register record, archived or not; other kinds are returned unchanged.
  func settingArchived(_ archived: Bool) -> RecordValue {
    switch self {
    case .member(var v):
      v.archived = archived
      return .member(v)
    case .sector(var v):
      v.archived = archived
      return .sector(v)
    case .specialCommittee(var v):
      v.archived = archived
      return .specialCommittee(v)
    case .department(var v):
      v.archived = archived
      return .department(v)
    case .station(var v):
      v.archived = archived
      return .station(v)
    case .partnerRegion(var v):
      v.archived = archived
      return .partnerRegion(v)
    case .supervisionTeam(var v):
      v.archived = archived
      return .supervisionTeam(v)
    case .river(var v):
      v.archived = archived
      return .river(v)
    case .staffAccount(var v):
      v.archived = archived
      return .staffAccount(v)
    case .consultation, .supervisionItem, .patrol, .visit, .opinionReport, .sectorActivity, .problem,
      .jointMeeting, .cooperationAgreement, .cooperationResult, .sectorReport, .actionTargets, .savedView:
      return self
    }
  }
}

extension ConsultationDetails {
  var references: [RecordRef] {
    (station.map { [RecordRef($0)] } ?? []) + partnerRegions.map { RecordRef($0) }
      + dispatchedMembers.map { RecordRef($0) }
  }
}

extension SupervisionProposal {
  var references: [RecordRef] {
    proposers.map { RecordRef($0) } + (specialCommittee.map { [RecordRef($0)] } ?? [])
      + teams.map { RecordRef($0) } + localities.map { RecordRef($0) }
  }
}

extension SupervisionItem {
  /// The editable part of the item.
  public var proposal: SupervisionProposal {
    SupervisionProposal(
      title: title, description: description, proposers: proposers, specialCommittee: specialCommittee,
      teams: teams, localities: localities)
  }

  mutating func apply(_ proposal: SupervisionProposal) {
    title = proposal.title
    description = proposal.description
    proposers = proposal.proposers
    specialCommittee = proposal.specialCommittee
    teams = proposal.teams
    localities = proposal.localities
  }
}
