import Domain
import Foundation

extension DemoBuilder {
  func department(_ name: String) -> DepartmentID { departmentByName[name] ?? departments[0] }
  func region(_ name: String) -> PartnerRegionID? { regionByName[name] }
  func station(_ name: String) -> StationID? { communityRooms[name] ?? streetStations[name] }
  func named(_ name: String) -> MemberID { memberByName[name] ?? members[0].id }

  /// The cases the article tells, with its own figures.
  mutating func buildArticleCases() {
    buildLittleFlowerMarket()
    buildMinzhuVillage()
    buildCrossRegional()
    buildYangtzeSupervision()
    buildGasSupplyAndManholeCovers()
    buildFengjieRivers()
    buildJointPatrols()
  }

  /// 石坪桥街道 station, head 何晓敏: 7 research visits and 3 consultations on 小花市集.
  mutating func buildLittleFlowerMarket() {
    let host = "何晓敏"
    let place = "石坪桥街道政协委员工作站"
    let stationID = station("石坪桥街道")
    let places = [
      "小花市集入口", "小花市集摊位区", "石坪桥老街", "周边居民小区", "区商务委", "城市管理局", "桃花溪协商文化长廊",
    ]
    let research = places.enumerated().map { index, spot in
      ResearchVisit(
        date: day(20 + index * 9), place: spot, people: "政协委员、相关部门",
        findings: "第\(index + 1)次走访调研：\(Vocabulary.issues[index])，群众希望打造有特色的市集。")
    }
    let titles = ["围绕小花市集打造找短板、提建议", "小花市集业态提升协商", "小花市集网红打卡地运营协商"]
    // One topic series: the seven visits are shared out over the three consultations.
    let visitsByRound = [Array(research.prefix(5)), [research[5]], [research[6]]]
    let formats: [ConsultationFormat] = [.meetingRoomAndSite, .meetingRoomAndSite, .fixedAndMobile]
    let departments = [department("区商务委"), department("城市管理局")]
    for (round, title) in titles.enumerated() {
      let meetingDay = day(90 + round * 30)
      let speakers = [named(host)] + someMembers(2, 3)
      let text = minutes(
        topic: "小花市集打造", host: host, speakers: speakers, departments: departments, residents: "陈代蓉等",
        extra: "本次为围绕小花市集开展的第\(round + 1)次“渝事好商量”协商，系列共组织7次走访调研。")
      let meeting = Meeting(
        date: meetingDay, place: place, host: host, members: speakers, departments: departments,
        residents: "市集摊主、周边居民代表", minutes: text)
      let id = consult(
        ConsultationPlan(
          details: ConsultationDetails(
            title: title, station: stationID, format: formats[round], series: "小花市集"),
          opened: day(10 + round * 30), topics: ["小花市集打造", "石坪桥老街环境提升", "社区停车难"],
          confirmed: title, research: visitsByRound[round], meeting: meeting,
          outcome: OutcomeReport(
            text: "形成意见建议报送区商务委、城市管理局，小花市集成功打造为网红打卡地。", departments: departments),
          followUp: FollowUpRecord(date: meetingDay.adding(days: 40), finding: "市集人气旺，摊位秩序良好，群众满意。"),
          evaluation: "",
          stepDays: [
            day(12 + round * 30), day(14 + round * 30), day(85 + round * 30), meetingDay,
            meetingDay.adding(days: 10), meetingDay.adding(days: 40),
          ],
          stepsToDo: 6))
      problem(
        from: .consultation(id), title: "小花市集周边停车位不足", description: "协商中居民反映周末车辆乱停乱放。",
        raised: meetingDay, department: department("城市管理局"), target: .closed)
    }
  }

  /// 民主村: urban renewal discussed at a courtyard meeting; resident 陈代蓉 praises the result.
  mutating func buildMinzhuVillage() {
    let opened = day(30)
    let meetingDay = day(60)
    let speakers = someMembers(3, 4)
    let departments = [department("区住房城乡建委"), department("街道办事处")]
    let text = minutes(
      topic: "民主村城市更新", host: "宋泓", speakers: speakers, departments: departments, residents: "陈代蓉",
      extra: "“三师进社区”暨“渝事好商量”走进民主村。")
    consult(
      ConsultationPlan(
        details: ConsultationDetails(
          title: "“三师进社区”暨“渝事好商量”走进民主村城市更新院坝会", station: station("民主村社区委员工作室"),
          format: .courtyardMeeting),
        opened: opened, topics: ["民主村城市更新", "广场院坝绿化"], confirmed: "民主村城市更新中的广场和院坝绿化",
        research: [
          ResearchVisit(date: day(45), place: "民主村广场", people: "规划师、建筑师、社区居民", findings: "院坝缺少绿化带。")
        ],
        meeting: Meeting(
          date: meetingDay, place: "民主村院坝", host: "宋泓", members: speakers, departments: departments,
          residents: "陈代蓉等居民代表", minutes: text),
        outcome: OutcomeReport(text: "民主村开街，广场、院坝都有绿化带。", departments: departments),
        followUp: FollowUpRecord(date: day(150), finding: "居民陈代蓉连连点赞，更新改造效果好。"), evaluation: "",
        stepDays: [day(32), day(35), day(45), meetingDay, day(75), day(150)], stepsToDo: 6))
  }

  /// 荣昌区 with 内江市 and 泸州市: 三合村 irrigation, the 濑溪河 basin, the 双昌 park.
  mutating func buildCrossRegional() {
    let dispatched = someMembers(2, 3)
    let sanhe = consult(
      ConsultationPlan(
        details: ConsultationDetails(
          title: "隆昌市石堰桥镇三合村农田灌溉用水不足跨区域协商", station: station("内荣农高区协商室"),
          format: .microConsultation, kind: .crossRegional,
          partnerRegions: [region("内江市"), region("隆昌市")].compactMap { $0 }, dispatchedMembers: dispatched,
          level: .townOrMicro, receivedMembers: ["隆昌市政协委员" + personName(avoiding: [])]),
        opened: day(120), topics: ["三合村农田灌溉用水不足", "内荣农高区道路连通"],
        confirmed: "三合村农田灌溉用水不足",
        research: [
          ResearchVisit(date: day(128), place: "隆昌市石堰桥镇三合村", people: "两地政协委员、水利部门", findings: "灌溉渠道淤塞，提灌站老化。")
        ],
        meeting: Meeting(
          date: day(135), place: "内荣农高区协商室", host: "荣昌区政协主席", members: dispatched,
          departments: [department("区水利局"), department("区农业农村委")], residents: "三合村村民代表",
          minutes: minutes(
            topic: "三合村农田灌溉用水", host: "荣昌区政协主席", speakers: dispatched,
            departments: [department("区水利局")], residents: "三合村村民")),
        outcome: OutcomeReport(text: "协商结果转交两地水利部门办理，协商结果迅速得到落实。", departments: [department("区水利局")]),
        followUp: FollowUpRecord(date: day(160), finding: "渠道清淤完成，提灌站恢复运行，灌溉用水有保障。"),
        evaluation: "两地群众满意，形成跨区域协商解决民生问题的范例。",
        stepDays: [day(121), day(123), day(128), day(135), day(140), day(160), day(170)], stepsToDo: 7))
    problem(
      from: .consultation(sanhe), title: "三合村农田灌溉用水不足", description: "隆昌市石堰桥镇三合村灌溉渠道淤塞，用水不足。",
      raised: day(135), department: department("区水利局"), target: .closed,
      reply: "已会同隆昌市完成渠道清淤和提灌站维修。")
    let basinRegions = ["内江市", "泸州市", "大足区", "隆昌市", "泸县", "龙马潭区"].compactMap { region($0) }
    let basinMembers = someMembers(3, 4)
    consult(
      ConsultationPlan(
        details: ConsultationDetails(
          title: "濑溪河流域生态环境保护联合协商", station: station("唐家院子小院协商室"), format: .other("小院协商"),
          kind: .crossRegional, partnerRegions: basinRegions, dispatchedMembers: basinMembers,
          receivedMembers: ["泸州市政协委员" + personName(avoiding: []), "内江市政协委员" + personName(avoiding: [])]),
        opened: day(150), topics: ["濑溪河流域生态环境保护", "大清流河、渔箭河跨界治理"],
        confirmed: "合力推进濑溪河流域生态环境保护",
        research: [
          ResearchVisit(date: day(160), place: "万灵镇濑溪河段", people: "七市区县政协委员", findings: "联合巡查发现排污口两处。"),
          ResearchVisit(date: day(170), place: "大清流河清流段", people: "两地生态环境部门", findings: "跨界断面水质稳定在III类。"),
        ],
        meeting: Meeting(
          date: day(185), place: "万灵镇唐家院子", host: "荣昌区政协主席", members: basinMembers,
          departments: [department("区生态环境局")], residents: "沿河群众代表",
          minutes: minutes(
            topic: "濑溪河流域生态环境保护", host: "荣昌区政协主席", speakers: basinMembers,
            departments: [department("区生态环境局")], residents: "沿河群众",
            extra: "七市区县已签订《生态环境保护合作框架协议》，建立联席会商、资源共享、联合巡查机制。")),
        outcome: OutcomeReport(
          text: "协调完成濑溪河、大清流河、渔箭河等5条跨界河流方案，转交各地生态环境部门。",
          departments: [department("区生态环境局")]),
        followUp: FollowUpRecord(date: day(260), finding: "联合巡查机制常态运行，跨界断面水质持续改善。"),
        evaluation: "",
        stepDays: [day(152), day(155), day(170), day(185), day(200), day(260)], stepsToDo: 6))
    // The article counts six joint consultations: three more on the region-level topics.
    for (index, topic) in Vocabulary.crossRegionalTopics.enumerated() {
      let opened = day(60 + index * 80)
      let delegates = someMembers(2, 4)
      let meetingDay = opened.adding(days: 30)
      consult(
        ConsultationPlan(
          details: ConsultationDetails(
            title: "\(topic)联合协商", station: station("内荣农高区协商室"), format: .meetingRoomAndSite,
            kind: .crossRegional,
            partnerRegions: [region("内江市"), region(index == 1 ? "泸州市" : "隆昌市")].compactMap { $0 },
            dispatchedMembers: delegates, receivedMembers: ["内江市政协委员" + personName(avoiding: [])]),
          opened: opened, topics: [topic], confirmed: topic,
          research: [
            ResearchVisit(
              date: opened.adding(days: 10), place: "川渝毗邻地区", people: "两地政协委员", findings: "梳理合作项目清单。")
          ],
          meeting: Meeting(
            date: meetingDay, place: "内荣农高区协商室", host: "荣昌区政协主席", members: delegates,
            departments: [department("区发展改革委")], residents: "企业和群众代表",
            minutes: minutes(
              topic: topic, host: "荣昌区政协主席", speakers: delegates, departments: [department("区发展改革委")],
              residents: "企业和群众")),
          outcome: OutcomeReport(text: "形成联合建议，转两地党委、政府参考。", departments: [department("区发展改革委")]),
          followUp: FollowUpRecord(date: meetingDay.adding(days: 60), finding: "联席会议跟踪督办，项目有序推进。"),
          evaluation: "民主评议满意。",
          stepDays: [
            opened.adding(days: 2), opened.adding(days: 5), opened.adding(days: 10), meetingDay,
            meetingDay.adding(days: 10), meetingDay.adding(days: 60), meetingDay.adding(days: 75),
          ],
          stepsToDo: 7))
    }
    let parkMembers = someMembers(2, 3)
    consult(
      ConsultationPlan(
        details: ConsultationDetails(
          title: "川渝毗邻地区联合小微协商：“双昌”合作示范园发展", station: station("双昌合作示范园委员工作室"),
          format: .microConsultation, kind: .crossRegional, partnerRegions: [region("内江市")].compactMap { $0 },
          dispatchedMembers: parkMembers, level: .townOrMicro),
        opened: day(200), topics: ["园区企业用工", "园区道路配套"], confirmed: "推动园区高质量发展",
        research: [ResearchVisit(date: day(205), place: "内荣农高区先行区", people: "两地委员", findings: "园区配套道路待完善。")],
        meeting: Meeting(
          date: day(210), place: "“双昌”合作示范园", host: "荣昌区政协副主席", members: parkMembers,
          departments: [department("区经济信息委")], residents: "园区企业代表",
          minutes: minutes(
            topic: "“双昌”合作示范园发展", host: "荣昌区政协副主席", speakers: parkMembers,
            departments: [department("区经济信息委")], residents: "园区企业")),
        outcome: OutcomeReport(text: "建议转两地园区管委会办理。", departments: [department("区经济信息委")]),
        followUp: FollowUpRecord(date: day(240), finding: "园区道路已开工。"), evaluation: "共推共促共荣，成效明显。",
        stepDays: [day(201), day(203), day(205), day(210), day(215), day(240), day(250)], stepsToDo: 7))
  }

  /// 渝中区: the Yangtze ecology topic, 13 research trips and 60+ suggestions, and the 长滨公园 inspection.
  /// (Draws from `random` and hands out IDs exactly as before the dated steps, so the rest of the demo
  /// stays the same.)
  mutating func buildYangtzeSupervision() {
    let id: SupervisionItemID = newID()
    let proposers = someMembers(3, 4)
    let ecology = department("区生态环境局")
    let proposal = SupervisionProposal(
      title: "长江生态环境保护民主监督", description: "守护两江碧水，持续追踪突出问题整改。", proposers: proposers,
      specialCommittee: committeeByName["人口资源环境委员会"], team: teams.count > 3 ? teams[3] : nil,
      teams: teams.count > 4 ? [teams[4]] : [], localities: riverside(3))
    add(.proposeSupervisionItem(id, proposal), on: day(5))
    let people = SupervisionParticipants(
      members: proposers, departments: [ecology, department("城市管理局")], sectors: Array(sectors.prefix(2)),
      others: "沿江街道、社区代表")
    add(
      .discussSupervisionItem(
        id,
        SupervisionDiscussion(date: day(12), participants: people, summary: "议题聚焦长江岸线、排污口和消落带治理，同意提交主席会议。")),
      on: day(12))
    add(.reviewSupervisionItem(id, date: day(20), outcome: .passed, reason: ""), on: day(20))
    add(.decideSupervisionTopic(id, date: day(25), planYear: day(25).year), on: day(25))
    var given = 0
    for trip in 0..<13 {
      let count = trip < 9 ? 5 : 4
      let suggestions = (0..<count).map { k in
        "建议\(given + k + 1)：\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))，\(random.pick(Vocabulary.suggestions))"
      }
      given += count
      let place = "长江\(random.pick(["朝天门段", "储奇门段", "菜园坝段"]))"
      let notes = "第\(trip + 1)次专题调研：\(random.pick(Vocabulary.patrolObservations))"
      let visit = SupervisionResearchTrip(
        date: day(30 + trip * 8), place: place, members: proposers, department: ecology, notes: notes)
      add(.recordSupervisionResearch(id, visit, suggestions: suggestions), on: day(30 + trip * 8))
    }
    let held = day(140)
    let meeting = SupervisionMeeting(
      date: held,
      participants: SupervisionParticipants(
        members: proposers, departments: [ecology, department("城市管理局")],
        others: "重庆大学环境学院专家 2 人；沿江居民代表 6 人"),
      minutes: "一、区生态环境局通报长江岸线排污口排查整治情况。\n二、委员、专家和群众代表逐段指出问题并提出整改建议。\n三、会议商定：一个月内对排污口整治情况开展“回头看”。")
    add(.holdSupervisionMeeting(id, meeting, consultation: nil), on: held)
    add(
      .inspectSupervisionFollowUp(
        id,
        SupervisionFollowUp(
          date: held.adding(days: 25), members: proposers, findings: "“回头看”：排污口整治到位，岸线整洁。",
          rectification: .rectified)),
      on: held.adding(days: 25))
    add(
      .assessSupervisionItem(
        id,
        SupervisionAssessment(
          date: held.adding(days: 35), rectification: MeasureRating(.excellent, note: "排污口全部整治到位"),
          cooperation: MeasureRating(.good, note: "区生态环境局主动对接"),
          satisfaction: MeasureRating(.excellent, note: "沿江居民满意"), evaluators: proposers,
          note: "给予表扬激励和宣传报道", publicity: "区政协门户网站和《渝中报》通报表扬")),
      on: held.adding(days: 35))
    supervisionSources.append((id, day(60)))
    for index in 0..<4 {
      problem(
        from: .supervisionItem(id),
        title: "长江\(["朝天门", "储奇门", "菜园坝", "洪崖洞"][index])段\(Vocabulary.issues[index])",
        description: "专题调研发现，已向区生态环境局交办。", raised: day(40 + index * 16),
        department: department("区生态环境局"), target: .closed)
    }
    let park: SupervisionItemID = newID()
    let parkProposers = someMembers(2, 3)
    add(
      .proposeSupervisionItem(
        park,
        SupervisionProposal(
          title: "长滨公园建设情况监督性视察", proposers: parkProposers, specialCommittee: committeeByName["经济委员会"],
          localities: riverside(1))),
      on: day(200))
    add(
      .discussSupervisionItem(
        park,
        SupervisionDiscussion(
          date: day(210),
          participants: SupervisionParticipants(members: parkProposers, departments: [ecology]),
          summary: "同意开展监督性视察。")),
      on: day(210))
    add(.reviewSupervisionItem(park, date: day(220), outcome: .passed, reason: ""), on: day(220))
    add(.decideSupervisionTopic(park, date: day(230), planYear: day(230).year), on: day(230))
    add(
      .recordSupervisionResearch(
        park,
        SupervisionResearchTrip(
          date: day(240), place: "长滨公园施工现场", members: parkProposers, notes: "区政协常委会组成人员实地察看施工进度"),
        suggestions: ["建议加快滨江步道贯通", "建议增设无障碍坡道"]), on: day(240))
    add(
      .holdSupervisionMeeting(
        park,
        SupervisionMeeting(
          date: today.adding(days: -45),
          participants: SupervisionParticipants(members: parkProposers, others: "公园建设单位、周边居民代表")),
        consultation: nil),
      on: today.adding(days: -45))
  }

  /// The first `count` street stations of 渝中区 with one community of each (no draws from `random`).
  func riverside(_ count: Int) -> [StationID] {
    var seen: [StationID] = []
    var places: [StationID] = []
    for pair in yuzhongCommunities where !seen.contains(pair.street) && seen.count < count {
      seen.append(pair.street)
      places += [pair.street, pair.community]
    }
    return places
  }

  /// 奉节县: 张建中's enterprise visit → off-peak gas price; 李靖's manhole-cover report.
  mutating func buildGasSupplyAndManholeCovers() {
    let visit: VisitID = newID()
    let visitDay = day(15)
    add(
      .putVisit(
        Visit(
          id: visit, kind: .enterprise, date: visitDay, members: [named("张建中")], place: "重庆博威新材科技有限公司",
          notes: "企业天然气需求量大，因供气不稳定，每到冬季用气紧张时就会面对不时停气的问题。",
          suggestions: "加强天然气供应能力建设，保障企业生产需求，对工业用气进行合理定价。")), on: visitDay)
    visits.append((visit, visitDay))
    problem(
      from: .visit(visit), title: "企业冬季用气紧张时不时停气",
      description: "建议加强天然气供应能力建设，保障企业生产需求，对工业用气进行合理定价。", raised: visitDay,
      department: department("县发展改革委"), target: .closed,
      reply: "经多次协商沟通，县里出台工业用气价格优惠方案，对企业用气量实行时段优惠。", dueDays: 60,
      member: named("张建中"))
    let report: OpinionReportID = newID()
    let reportDay = day(100)
    add(
      .putOpinionReport(
        OpinionReport(
          id: report, title: "关于城区道路井盖设施众多，不美观、不安全的建议",
          text: "城区内道路上各种井盖设施众多，不美观、不安全，建议开展排查并统一整治。", submitter: named("李靖"),
          date: reportDay)), on: reportDay)
    let steps: [(Int, OpinionReportStep)] = [
      (3, .adopt(on: day(103))),
      (
        7,
        .instruct(
          by: "县委、县政府领导", on: day(107), text: "请县城市管理局开展拉网式排查，制定提升整改方案，推动问题有效解决。")
      ),
      (
        12,
        .rectify(
          department: department("县城市管理局"), plan: "开展拉网式排查，制定提升整改方案，对多余井盖归并、破损井盖更换。",
          due: day(160))
      ),
      (58, .complete(on: day(158), note: "排查整改完成，问题有效解决。")),
    ]
    for (offset, step) in steps { add(.advanceOpinionReport(report, step), on: day(100 + offset)) }
    reports.append((report, reportDay))
    problem(
      from: .opinionReport(report), title: "城区道路井盖设施众多，不美观、不安全", description: "社情民意信息反映，领导已批示。",
      raised: reportDay, department: department("县城市管理局"), target: .closed,
      reply: "已开展拉网式排查，制定提升整改方案，推动问题有效解决。", member: named("李靖"))
    let villageVisit: VisitID = newID()
    add(
      .putVisit(
        Visit(
          id: villageVisit, kind: .village, date: day(180), members: [named("杨利")], place: "白帝村",
          notes: "回访脱贫村，建议把防返贫监测和帮扶放在更加突出位置。",
          suggestions: "强化监测帮扶、精准政策衔接。")), on: day(180))
    visits.append((villageVisit, day(180)))
    add(.putActionTargets(ActionTargets(id: newID(), year: today.year)), on: day(0))
  }

  /// 奉节县's 一江五河 (the first six rivers) in the five years before this one: poor six years ago,
  /// stable at its target (III) since — the article's "连续5年稳定达标", better year by year.
  mutating func buildFengjieRivers() {
    let byYear: [[WaterQuality]] = [
      [.classIV, .classV, .classIV],
      [.classIII, .classIII, .classII],
      [.classIII, .classII, .classII],
      [.classII, .classII, .classIII],
      [.classII, .classI, .classII],
    ]
    let notes = Dictionary(uniqueKeysWithValues: zip(PatrolStep.allCases, Vocabulary.patrolStepNotes))
    for (riverIndex, river) in rivers.prefix(6).enumerated() {
      for (back, classes) in byYear.enumerated() {
        let year = today.year - 5 + back
        for (index, quality) in classes.enumerated() {
          guard let date = Day(year: year, month: 3 + index * 3, day: 8 + riverIndex * 2), date <= today
          else {
            continue
          }
          // A step can only be journaled once the patrol is held, so old ones are entered on their day
          // (or on the demo's first day, when the registers exist).
          add(
            .putPatrol(
              Patrol(
                id: newID(), river: river.id, segment: river.segments[(back + index) % river.segments.count],
                date: date, members: [members[(riverIndex * 7 + back * 3 + index) % members.count].id],
                stepNotes: notes, observations: "常态化巡河护河。", waterQuality: quality)), on: max(date, day(0)))
        }
      }
    }
  }

  /// 荣昌区: joint cross-border patrols of 濑溪河 with 内江市 and 泸州市 (联合巡查).
  mutating func buildJointPatrols() {
    guard let river = rivers.first(where: { $0.name == "濑溪河" }) else { return }
    let joint: [(String, Int, [PatrolStep: String], WaterQuality?)] = [
      (
        "内江市", 160,
        [
          .inspectSite: "两地委员联合巡查万灵段，发现排污口两处。", .listenToResidents: "沿岸村民反映夏季有异味。",
          .findProblems: "跨界断面上游养殖废水偷排。", .offerSolutions: "建议两地生态环境部门联合执法。",
          .pushImplementation: "联席会议交办两地生态环境局。",
        ], .classIII
      ),
      (
        "泸州市", 330,
        [.inspectSite: "与泸州市政协委员共巡双河段，河面整洁。", .listenToResidents: "群众希望增设亲水步道。"],
        .classII
      ),
    ]
    for (name, offset, notes, quality) in joint {
      let on = day(offset)
      let id: PatrolID = newID()
      add(
        .putPatrol(
          Patrol(
            id: id, river: river.id, segment: river.segments[offset % river.segments.count], date: on,
            members: Array(members.suffix(3)).map(\.id), stepNotes: notes, observations: "跨界联合巡河。",
            waterQuality: quality, partnerRegion: region(name))), on: on)
    }
  }
}
