import Domain
import Foundation

extension DemoBuilder {
  /// The everyday work of a year around the article's cases: enough to fill every screen.
  mutating func buildVolume() {
    buildConsultations(150)
    buildSupervisionItems(20)
    buildPatrols(130)
    buildVisits(150)
    buildReports(40)
    buildSectorActivities()
    buildProblems(until: 215)
  }

  mutating func buildConsultations(_ count: Int) {
    let rooms = communityRooms.sorted { $0.key < $1.key }.map(\.value)
    let streets = streetStations.sorted { $0.key < $1.key }.map(\.value)
    let formats: [ConsultationFormat] = [
      .courtyardMeeting, .microConsultation, .roadsideConsultation, .meetingRoomAndSite, .stationAndSector,
      .fixedAndMobile,
    ]
    for index in 0..<count {
      let topic = random.pick(Vocabulary.consultationTopics)
      let stationID = random.chance(0.6) ? random.pick(rooms) : random.pick(streets)
      let opened = day(random.between(0, 350))
      let speakers = someMembers(2, 5)
      let departments = random.sample(departments, random.between(1, 2))
      let meetingDay = opened.adding(days: random.between(20, 45))
      let host = personName(avoiding: [])
      let text = minutes(
        topic: topic, host: host, speakers: speakers, departments: departments,
        residents: personName(avoiding: []) + "等")
      let visits = (0..<random.between(1, 4)).map { k in
        ResearchVisit(
          date: opened.adding(days: 3 + k * 3), place: random.pick(Vocabulary.facilities),
          people: "政协委员、相关部门", findings: random.pick(Vocabulary.issues))
      }
      let format = random.pick(formats)
      let stalled = index % 9 == 4
      let id = consult(
        ConsultationPlan(
          details: ConsultationDetails(title: "\(topic)协商", station: stationID, format: format),
          opened: opened, topics: [topic, random.pick(Vocabulary.consultationTopics)], confirmed: topic,
          research: visits,
          meeting: Meeting(
            date: meetingDay, place: "委员工作室", host: host, members: speakers, departments: departments,
            residents: "居民代表\(random.between(3, 12))人", minutes: text),
          outcome: OutcomeReport(text: "形成协商意见\(random.between(3, 8))条，报送相关部门办理。", departments: departments),
          followUp: FollowUpRecord(
            date: meetingDay.adding(days: 45), finding: random.pick(Vocabulary.followUps)),
          evaluation: "",
          stepDays: [
            opened.adding(days: 2), opened.adding(days: 6), opened.adding(days: 15), meetingDay,
            meetingDay.adding(days: 10), meetingDay.adding(days: 45),
          ],
          stepsToDo: stalled ? random.between(1, 3) : 6))
      if let held = meetingDays[id] {
        consultationSources.append((id, held))
        problemTitles[RecordRef(id)] = visits.map { "\(topic)：\($0.place)\($0.findings)" }
      }
    }
  }

  mutating func buildSupervisionItems(_ count: Int) {
    for index in 0..<count {
      let id: SupervisionItemID = newID()
      let begun = day(random.between(0, 300))
      let topic = random.pick(Vocabulary.consultationTopics)
      let title = "\(topic)民主监督"
      let finding = "\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))"
      problemTitles[RecordRef(id)] = ["\(topic)：\(finding)"]
      let description = "\(finding)。"
      let proposers = someMembers(1, 3)
      let committee = random.pick(specialCommittees)
      let team = random.pick(teams)
      let street =
        yuzhongCommunities.isEmpty ? [] : [yuzhongCommunities[index % yuzhongCommunities.count].street]
      add(
        .proposeSupervisionItem(
          id,
          SupervisionProposal(
            title: title, description: description, proposers: proposers, specialCommittee: committee,
            team: team,
            localities: street)),
        on: begun)
      // The stage reached follows the index so that every stage is present.
      let reach = index % 6
      let discussed = min(begun.adding(days: 7), today)
      let reviewed = min(begun.adding(days: 14), today)
      let decided = min(begun.adding(days: 21), today)
      if reach >= 1 {
        let people = SupervisionParticipants(
          members: proposers,
          departments: departments.isEmpty ? [] : [departments[index % departments.count]],
          sectors: sectors.isEmpty ? [] : [sectors[index % sectors.count]])
        add(
          .discussSupervisionItem(
            id, SupervisionDiscussion(date: discussed, participants: people, summary: "专委会研究，同意提交主席会议审议。")),
          on: discussed)
      }
      if reach >= 2 {
        add(.reviewSupervisionItem(id, date: reviewed, outcome: .passed, reason: ""), on: reviewed)
      }
      guard reach >= 3 else { continue }
      add(.decideSupervisionTopic(id, date: decided, planYear: decided.year), on: decided)
      for trip in 0..<random.between(1, 4) {
        let on = begun.adding(days: 25 + trip * 5)
        add(
          .recordSupervisionResearch(
            id,
            SupervisionResearchTrip(
              date: on, place: random.pick(Vocabulary.facilities), members: proposers, notes: "监督小组委员走访"),
            suggestions: random.sample(Vocabulary.suggestions, 2)), on: on)
      }
      supervisionSources.append((id, begun.adding(days: 25)))
      guard reach >= 4 else { continue }
      let held = begun.adding(days: 45)
      guard held <= today else { continue }
      add(
        .holdSupervisionMeeting(
          id,
          SupervisionMeeting(
            date: held, participants: SupervisionParticipants(members: proposers, others: "相关部门、群众代表")),
          consultation: nil),
        on: held)
      let inspected = held.adding(days: random.between(10, 28))
      guard reach >= 5, inspected <= today else { continue }
      let inspection = random.pick(Vocabulary.followUps)
      let good = index % 4 != 3
      add(
        .inspectSupervisionFollowUp(
          id,
          SupervisionFollowUp(
            date: inspected, members: proposers, findings: inspection,
            rectification: good ? .rectified : .inProgress)),
        on: inspected)
      let judged = inspected.adding(days: 7)
      guard judged <= today else { continue }
      add(
        .assessSupervisionItem(
          id,
          SupervisionAssessment(
            date: judged, rectification: MeasureRating(good ? .good : .fair),
            cooperation: MeasureRating(.good),
            satisfaction: MeasureRating(good ? .excellent : .poor), evaluators: proposers,
            note: good ? "给予表扬激励" : "整改不到位", publicity: good ? "区政协工作简报通报表扬" : "",
            redoDue: good ? nil : judged.adding(days: 60),
            reportNote: good ? "" : "责成重新办理，并将情况反馈至区委、区政府")),
        on: judged)
    }
  }

  mutating func buildPatrols(_ count: Int) {
    let qualities: [WaterQuality] = [
      .classI, .classII, .classII, .classII, .classIII, .classIII, .classIII, .classIII, .classIV, .classV,
      .worseThanV,
    ]
    // 一江五河 has met its target (III) five years running: its readings are mostly I–III.
    let stable: [WaterQuality] = [
      .classI, .classII, .classII, .classII, .classIII, .classIII, .classIII, .classIV,
    ]
    for index in 0..<count {
      // Most patrols are on 一江五河 (the first six rivers).
      let river = index % 5 == 4 ? random.pick(rivers) : rivers[random.below(min(6, rivers.count))]
      let on = day(random.between(0, 364))
      let id: PatrolID = newID()
      var notes: [PatrolStep: String] = [:]
      // One patrol in nine is still under way: its later steps are filled in over the coming weeks.
      let stepsDone = index % 9 == 4 ? 1 + index % 3 : PatrolStep.allCases.count
      for (step, note) in zip(PatrolStep.allCases, Vocabulary.patrolStepNotes).prefix(stepsDone) {
        notes[step] = note
      }
      let volunteer = river.name == "嘉陵江" || river.name == "长江" ? "巡河志愿者王庆华同行。" : ""
      let segment = random.pick(river.segments)
      let observed = random.below(Vocabulary.patrolObservations.count)
      if let found = Vocabulary.patrolProblems[observed] {
        problemTitles[RecordRef(id)] = ["\(river.name)\(segment)\(found)"]
      }
      let members = someMembers(2, 4)
      let fengjie = rivers.prefix(6).contains { $0.id == river.id }
      add(
        .putPatrol(
          Patrol(
            id: id, river: river.id, segment: segment, date: on,
            members: members,
            stepNotes: notes, observations: Vocabulary.patrolObservations[observed] + volunteer,
            waterQuality: random.chance(0.95) ? random.pick(fengjie ? stable : qualities) : nil)), on: on)
      patrols.append((id, on))
      patrolMembers[id] = members
    }
  }

  mutating func buildVisits(_ count: Int) {
    for index in 0..<count {
      let kind = VisitKind.allCases[index % 3]
      let on = day(random.between(0, 364))
      let place: String
      switch kind {
      case .village: place = random.pick(Vocabulary.villages)
      case .enterprise: place = random.pick(Vocabulary.enterprises)
      case .household: place = random.pick(Array(communityRooms.keys).sorted()) + "居民户"
      case .riverPatrol: place = random.pick(rivers).name
      }
      let id: VisitID = newID()
      let finding = "\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))"
      problemTitles[RecordRef(id)] = ["\(place)\(finding)"]
      add(
        .putVisit(
          Visit(
            id: id, kind: kind, date: on, members: someMembers(1, 3), place: place,
            notes: "了解到\(finding)。",
            suggestions: Vocabulary.suggestions[index % Vocabulary.suggestions.count] + "。")), on: on)
      visits.append((id, on))
    }
  }

  mutating func buildReports(_ count: Int) {
    for index in 0..<count {
      let on = day(random.between(0, 364))
      let topic = random.pick(Vocabulary.opinionTopics)
      let status = OpinionReportStatus.chain[index % OpinionReportStatus.chain.count]
      let id: OpinionReportID = newID()
      problemTitles[RecordRef(id)] = [topic]
      add(
        .putOpinionReport(
          OpinionReport(
            id: id, title: "关于\(topic)的建议", text: "\(topic)，群众反映较多。\(random.pick(Vocabulary.suggestions))。",
            submitter: random.pick(members).id, date: on)), on: on)
      advance(
        id, to: status, from: on, leader: "县政府分管领导", instruction: "请相关部门研究办理。",
        department: departments[index % departments.count], plan: "制定整改方案，限期整改到位。")
      reports.append((id, on))
    }
  }

  /// Quarterly study and inspection or fellowship, a yearly proposal, outreach talks; a few sectors
  /// fall behind, and 医药卫生界别 has not yet held this quarter's study.
  mutating func buildSectorActivities() {
    let year = today.year
    let health = sectorByName["医药卫生界别"]
    for (index, sector) in sectors.enumerated() {
      let own = members.filter { $0.sector == sector }.map(\.id)
      let home = Vocabulary.sectors[index].name + "委员之家"
      for quarter in 1...today.quarter {
        guard let firstDay = Day(year: year, month: quarter * 3 - 2, day: 10) else { continue }
        let studyDay = min(firstDay.adding(days: random.between(0, 40)), today)
        let behind = quarter == today.quarter && (index % 6 == 5 || sector == health)
        if !behind {
          let title = Vocabulary.activityTitles.filter { $0.kind == 0 }.map(\.title)
          add(
            .putSectorActivity(
              SectorActivity(
                id: newID(), sector: sector, kind: .collectiveStudy, date: studyDay,
                title: random.pick(title), members: own, notes: "学习交流，形成学习体会。", place: home,
                onSite: true, online: random.chance(0.2))), on: studyDay)
        }
        if index % 4 != 2 {
          let title = Vocabulary.activityTitles.filter { $0.kind == 1 }.map(\.title)
          let on = min(studyDay.adding(days: 20), today)
          let fellowship = random.chance(0.3)
          add(
            .putSectorActivity(
              SectorActivity(
                id: newID(), sector: sector, kind: fellowship ? .fellowship : .inspection, date: on,
                title: fellowship ? "界别委员联谊交流活动" : random.pick(title), members: Array(own.prefix(4)),
                notes: fellowship ? "增进交流，凝聚共识。" : "实地视察，提出意见建议。",
                place: fellowship ? home : random.pick(Vocabulary.facilities), onSite: !fellowship)), on: on)
        }
      }
      if index % 5 != 1 {
        let on = day(random.between(200, 360))
        let name = Vocabulary.sectors[index].name
        let title =
          name == "特邀界别"
          ? "关于撂荒耕地复垦的集体提案"
          : name == "医药卫生界别"
            ? "关于青少年心理健康“家校协同 笃行关爱”的集体提案"
            : "关于加强委员联系界别群众的集体提案"
        let id: SectorActivityID = newID()
        sectorProposals[sector] = (id, on)
        add(
          .putSectorActivity(
            SectorActivity(
              id: id, sector: sector, kind: .collectiveProposal, date: on, title: title, members: own,
              notes: "界别委员集体调研、共同提出。", place: home, adopted: index % 3 == 0)),
          on: on)
      }
      // Most sectors have every member give their talk; every fourth is behind.
      for speaker in own.prefix(index % 4 == 0 ? own.count / 2 : own.count) {
        let on = day(random.between(100, 364))
        add(
          .putSectorActivity(
            SectorActivity(
              id: newID(), sector: sector, kind: .outreachTalk, date: on, title: "委员就近宣讲活动",
              members: [speaker], place: random.pick(Array(communityRooms.keys).sorted()), onSite: true)),
          on: on)
      }
    }
    if let health {
      let on = day(240)
      add(
        .putSectorActivity(
          SectorActivity(
            id: newID(), sector: health, kind: .fellowship, date: on,
            title: "“家校协同 笃行关爱”——青少年心理健康“线上+线下”专题家校会",
            members: members.filter { $0.sector == health }.map(\.id), notes: "线上线下同步开展，家长和教师参与。",
            place: "医药卫生界别委员之家", onSite: true, online: true)), on: on)
    }
  }

  /// Problems from every kind of source until the total reaches `total`, in every state of the loop.
  mutating func buildProblems(until total: Int) {
    let targets: [ProblemStatus] = [
      .raised, .assigned, .assigned, .replied, .replied, .fedBack, .followedUp, .evaluated, .closed, .closed,
      .closed,
      .closed, .closed,
    ]
    var index = 0
    while problemCount < total {
      let source: ProblemSource
      let raised: Day
      switch index % 5 {
      case 0 where !consultationSources.isEmpty:
        let pick = random.pick(consultationSources)
        (source, raised) = (.consultation(pick.id), pick.day)
      case 1 where !patrols.isEmpty:
        let pick = random.pick(patrols)
        (source, raised) = (.patrol(pick.id), pick.day)
      case 2 where !visits.isEmpty:
        let pick = random.pick(visits)
        (source, raised) = (.visit(pick.id), pick.day)
      case 3 where !reports.isEmpty:
        let pick = random.pick(reports)
        (source, raised) = (.opinionReport(pick.id), pick.day)
      default:
        guard !patrols.isEmpty else { return }
        let pick = supervisionSources.isEmpty || random.chance(0.5) ? nil : random.pick(supervisionSources)
        if let pick {
          (source, raised) = (.supervisionItem(pick.id), pick.day)
        } else {
          let patrol = random.pick(patrols)
          (source, raised) = (.patrol(patrol.id), patrol.day)
        }
      }
      index += 1
      // A problem is raised only from a record that tells of one, under the title that record gives.
      guard let titles = problemTitles[source.ref], !titles.isEmpty else { continue }
      // A patrol's problem is raised by the member who found it on the 找问题 step.
      var finder: MemberID?
      if case .patrol(let patrol) = source { finder = patrolMembers[patrol]?.first }
      problem(
        from: source, title: random.pick(titles),
        description: "\(random.pick(Vocabulary.suggestions))。",
        raised: raised, department: random.pick(departments), target: random.pick(targets),
        redo: index % 13 == 8, dueDays: random.pick([15, 30, 30, 45]), member: finder)
    }
  }
}
