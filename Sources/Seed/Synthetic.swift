import Domain
import Foundation

/// A deterministic synthetic archive for benchmarks: the registers of a committee, then records in the
/// mix of a real archive (mostly problems, patrols, visits, reports and consultations; some members,
/// activities, supervision items and stations) spread over ten years before `today`, with Chinese text
/// of about 200 UTF-8 bytes per record on average. Every change passes the Domain rules.
public struct SyntheticArchive: Sequence, Sendable {
  /// How many records (not changes: a problem carried through its loop is one record, several changes).
  public let records: Int
  public let seed: UInt64
  public let today: Day

  public init(records: Int, seed: UInt64, today: Day = Day(daysSinceEpoch: 20_600)) {
    self.records = Swift.max(0, records)
    self.seed = seed
    self.today = today
  }

  public func makeIterator() -> SyntheticIterator {
    SyntheticIterator(records: records, seed: seed, today: today)
  }

  /// The archive applied through the Domain rules, one group per `days` days (stamped with the noon of
  /// the group's last day). Applying large groups rather than single changes lets the persistent maps
  /// copy each node once per group instead of once per change: `apply` must keep the caller's state
  /// intact, so every separate apply copies the path to each record it touches.
  public func state(
    actor: ActingUser = .staff("bench", .admin), daysPerGroup: Int = 365
  ) throws(DomainError) -> CommitteeState {
    var state = CommitteeState()
    for step in groups(days: daysPerGroup) {
      state = try apply(step.change, to: state, actor: actor, now: step.at).state
    }
    return state
  }

  /// The archive's changes gathered into one `Change.group` per `days` days, in order: fewer, larger
  /// journal records, and far faster to apply, for a store that loads the archive.
  public func groups(days: Int) -> SyntheticGroups {
    SyntheticGroups(archive: self, days: Swift.max(1, days))
  }
}

/// A synthetic archive as groups of changes, one per span of days.
public struct SyntheticGroups: Sequence, Sendable {
  let archive: SyntheticArchive
  let days: Int

  public func makeIterator() -> Iterator {
    Iterator(steps: archive.makeIterator(), span: Double(days) * 86_400)
  }

  public struct Iterator: IteratorProtocol, Sendable {
    var steps: SyntheticIterator
    let span: Double
    var held: DemoStep?

    public mutating func next() -> DemoStep? {
      guard let first = held ?? steps.next() else { return nil }
      held = nil
      var changes = [first.change]
      var last = first.at
      while let step = steps.next() {
        if step.at.timeIntervalSince(first.at) >= span {
          held = step
          break
        }
        changes.append(step.change)
        last = step.at
      }
      // Stamped with the last day's noon: a patrol held within the span is then not in the future.
      return DemoStep(change: .group(changes), at: last)
    }
  }
}

/// The changes of a synthetic archive of `records` records, in the order they apply.
public func syntheticChanges(records: Int, seed: UInt64) -> some Sequence<Change> {
  SyntheticArchive(records: records, seed: seed).lazy.map(\.change)
}

/// Makes the archive one record at a time; each record's changes wait in a small buffer.
public struct SyntheticIterator: IteratorProtocol, Sendable {
  private let records: Int
  private let today: Day
  private let firstDay: Int
  private var random: SeedRandom
  private var made = 0
  private var nextRaw: UInt64 = 1
  private var buffer: [DemoStep] = []
  private var bufferIndex = 0
  private var pendingRegisters: [Change] = []

  private var members: [MemberID] = []
  private var sectors: [SectorID] = []
  private var committees: [SpecialCommitteeID] = []
  private var teams: [SupervisionTeamID] = []
  private var departments: [DepartmentID] = []
  private var rivers: [(id: RiverID, segments: [String])] = []
  private var streets: [StationID] = []
  private var rooms: [StationID] = []
  private var roomNames: [String] = []
  private var sources: [ProblemSource] = []

  init(records: Int, seed: UInt64, today: Day) {
    self.records = records
    self.today = today
    firstDay = today.daysSinceEpoch - 3650
    random = SeedRandom(seed: seed)
    pendingRegisters = makeRegisters()
  }

  public mutating func next() -> DemoStep? {
    while bufferIndex >= buffer.count {
      guard made < records else { return nil }
      buffer.removeAll(keepingCapacity: true)
      bufferIndex = 0
      makeRecord()
      made += 1
    }
    defer { bufferIndex += 1 }
    return buffer[bufferIndex]
  }

  private mutating func newID<T>() -> ID<T> {
    defer { nextRaw += 1 }
    return ID(raw: nextRaw)
  }

  /// The day of the current record: records advance evenly through ten years.
  private var currentDay: Day {
    Day(daysSinceEpoch: firstDay + Int((Double(made) / Double(max(records, 1))) * 3650))
  }

  private mutating func emit(_ change: Change, on day: Day) {
    buffer.append(DemoStep(change: change, at: min(day, today).noonUTC))
  }

  // MARK: Registers

  private mutating func makeRegisters() -> [Change] {
    var changes: [Change] = []
    for name in Vocabulary.specialCommittees {
      let id: SpecialCommitteeID = newID()
      committees.append(id)
      changes.append(.putSpecialCommittee(SpecialCommittee(id: id, name: name)))
    }
    for (name, contact) in Vocabulary.departments {
      let id: DepartmentID = newID()
      departments.append(id)
      changes.append(.putDepartment(Department(id: id, name: name, contact: contact)))
    }
    for (index, entry) in Vocabulary.sectors.enumerated() {
      let id: SectorID = newID()
      sectors.append(id)
      changes.append(
        .putSector(
          Sector(
            id: id, name: entry.name, leadUnit: entry.leadUnit,
            specialCommittee: committees[index % committees.count],
            haves: Set(SixHaves.allCases))))
    }
    for (name, segments) in Vocabulary.rivers {
      let id: RiverID = newID()
      rivers.append((id, segments))
      changes.append(.putRiver(River(id: id, name: name, segments: segments)))
    }
    for district in Vocabulary.districts {
      let hall: StationID = newID()
      changes.append(
        .putStation(Station(id: hall, name: district + "委员工作厅", level: .districtHall, site: .other)))
      for (street, communities) in Vocabulary.yuzhongStreets {
        let streetID: StationID = newID()
        streets.append(streetID)
        changes.append(
          .putStation(
            Station(id: streetID, name: district + street + "委员工作站", level: .streetStation, parent: hall)))
        for community in communities.prefix(3) {
          let roomID: StationID = newID()
          rooms.append(roomID)
          roomNames.append(community)
          changes.append(
            .putStation(
              Station(
                id: roomID, name: district + community + "委员工作室", level: .communityRoom, parent: streetID)))
        }
      }
    }
    return changes
  }

  // MARK: Records

  private mutating func makeRecord() {
    let day = currentDay
    if !pendingRegisters.isEmpty {
      // The registers come first, a record each, so references always exist.
      emit(pendingRegisters.removeFirst(), on: day)
      return
    }
    if members.count < 200 || teams.count < Vocabulary.supervisionTeams.count && members.count >= 200 {
      if members.count >= 200 {
        let id: SupervisionTeamID = newID()
        teams.append(id)
        emit(
          .putSupervisionTeam(
            SupervisionTeam(
              id: id, theme: Vocabulary.supervisionTeams[teams.count - 1], members: pickMembers(5))),
          on: day)
      } else {
        makeMember(day)
      }
      return
    }
    let roll = random.below(100)
    switch roll {
    case 0..<38: makeProblem(day)
    case 38..<54: makePatrol(day)
    case 54..<68: makeVisit(day)
    case 68..<77: makeReport(day)
    case 77..<85: makeConsultation(day)
    case 85..<92: makeActivity(day)
    case 92..<97: makeMember(day)
    case 97..<99: makeSupervisionItem(day)
    default: makeRoom(day)
    }
  }

  private mutating func pickMembers(_ count: Int) -> [MemberID] {
    random.distinctIndices(count, below: members.count).map { members[$0] }
  }

  private mutating func personName() -> String {
    var name = random.pick(Vocabulary.surnames) + random.pick(Vocabulary.givenNameCharacters)
    if random.chance(0.7) { name += random.pick(Vocabulary.givenNameCharacters) }
    return name
  }

  private mutating func place() -> String { random.pick(roomNames) }

  private mutating func makeMember(_ day: Day) {
    let id: MemberID = newID()
    members.append(id)
    var phone = "13"
    for _ in 0..<9 { phone += String(random.below(10)) }
    let notes = random.chance(0.3) ? "\(random.pick(Vocabulary.enterprises))负责人，联系\(place())。" : ""
    emit(
      .putMember(
        Member(
          id: id, name: personName(), sector: random.pick(sectors),
          specialCommittee: random.chance(0.7) ? random.pick(committees) : nil,
          stations: [random.pick(rooms)], phone: phone, notes: notes)), on: day)
  }

  private mutating func makeRoom(_ day: Day) {
    let id: StationID = newID()
    let name = "\(place())\(random.pick(["第二", "新区", "商圈", "园区"]))委员工作室\(id.raw)"
    rooms.append(id)
    roomNames.append(name)
    emit(
      .putStation(Station(id: id, name: name, level: .communityRoom, parent: random.pick(streets))), on: day)
  }

  private mutating func makePatrol(_ day: Day) {
    let id: PatrolID = newID()
    let river = random.pick(rivers)
    sources.append(.patrol(id))
    emit(
      .putPatrol(
        Patrol(
          id: id, river: river.id, segment: random.pick(river.segments), date: day, members: pickMembers(2),
          observations: random.pick(Vocabulary.patrolObservations) + random.pick(Vocabulary.patrolStepNotes),
          waterQuality: WaterQuality(rawValue: UInt8(random.between(1, 3))))), on: day)
  }

  private mutating func makeVisit(_ day: Day) {
    let id: VisitID = newID()
    let kind = VisitKind.allCases[random.below(3)]
    let spot = kind == .enterprise ? random.pick(Vocabulary.enterprises) : random.pick(Vocabulary.villages)
    sources.append(.visit(id))
    emit(
      .putVisit(
        Visit(
          id: id, kind: kind, date: day, members: pickMembers(random.between(1, 2)), place: spot,
          notes: "了解到\(place())\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))，"
            + "\(random.pick(Vocabulary.suggestions))。")), on: day)
  }

  private mutating func makeReport(_ day: Day) {
    let id: OpinionReportID = newID()
    let topic = random.pick(Vocabulary.opinionTopics)
    sources.append(.opinionReport(id))
    emit(
      .putOpinionReport(
        OpinionReport(
          id: id, title: "关于\(topic)的建议", text: "\(place())\(topic)，\(random.pick(Vocabulary.suggestions))。",
          submitter: random.pick(members), date: day)), on: day)
  }

  private mutating func makeActivity(_ day: Day) {
    let entry = random.pick(Vocabulary.activityTitles)
    let kind = SectorActivityKind(rawValue: UInt8(entry.kind)) ?? .collectiveStudy
    emit(
      .putSectorActivity(
        SectorActivity(
          id: newID(), sector: random.pick(sectors), kind: kind, date: day, title: entry.title,
          members: pickMembers(3), notes: "在\(place())开展，\(random.pick(Vocabulary.feedbacks))")), on: day)
  }

  private mutating func makeSupervisionItem(_ day: Day) {
    let id: SupervisionItemID = newID()
    emit(
      .proposeSupervisionItem(
        id,
        SupervisionProposal(
          title: "\(random.pick(Vocabulary.consultationTopics))民主监督",
          description: "\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))。",
          proposers: pickMembers(2), specialCommittee: random.pick(committees), team: random.pick(teams))),
      on: day)
    if random.chance(0.7) {
      emit(.advanceSupervisionStage(id), on: day)
      emit(.advanceSupervisionStage(id), on: day)
      emit(.decideSupervisionItem(id, planYear: day.year), on: day)
      sources.append(.supervisionItem(id))
    }
  }

  private mutating func makeConsultation(_ day: Day) {
    let id: ConsultationID = newID()
    let topic = random.pick(Vocabulary.consultationTopics)
    emit(
      .openConsultation(
        id,
        ConsultationDetails(
          title: "\(place())\(topic)", station: random.pick(rooms), format: .microConsultation)),
      on: day)
    let steps = random.chance(0.8) ? 6 : random.between(1, 5)
    let speakers = pickMembers(2)
    let records: [StepRecord] = [
      .topics([topic]),
      .confirmedTopic(topic),
      .research([ResearchVisit(date: day, place: place())]),
      .meeting(
        Meeting(
          date: day, place: "委员工作室", members: speakers,
          minutes:
            "一、发言摘要\n\(random.pick(Vocabulary.issues))。\n二、形成意见\n\(random.pick(Vocabulary.suggestions))。")),
      .outcome(OutcomeReport(text: "报送相关部门办理。")),
      .followUp(FollowUpRecord(date: day, finding: "已落实。")),
    ]
    for (step, record) in zip(ConsultationKind.local.steps, records).prefix(steps) {
      emit(.completeStep(id, step, record), on: day)
    }
    if steps >= 4 { sources.append(.consultation(id)) }
  }

  private mutating func makeProblem(_ day: Day) {
    guard !sources.isEmpty else { return makePatrol(day) }
    let id: ProblemID = newID()
    // Recent sources raise most problems, as in real work.
    let source = sources[max(0, sources.count - 1 - random.below(min(sources.count, 500)))]
    emit(
      .raiseProblem(
        id, source, title: "\(place())\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))",
        description: random.pick(Vocabulary.suggestions)), on: day)
    let reach = random.below(10)  // 0 raised … 6+ closed
    guard reach >= 1 else { return }
    emit(.assignProblem(id, random.pick(departments), due: day.adding(days: 30), note: ""), on: day)
    guard reach >= 2 else { return }
    emit(.replyProblem(id, random.pick(Vocabulary.replies)), on: day)
    guard reach >= 3 else { return }
    emit(.feedBackProblem(id, "已反馈。"), on: day)
    guard reach >= 4 else { return }
    emit(.followUpProblem(id, "已回访。"), on: day)
    guard reach >= 5 else { return }
    emit(.evaluateProblem(id, .good, note: ""), on: day)
    guard reach >= 6 else { return }
    emit(.closeProblem(id, note: ""), on: day)
  }
}
