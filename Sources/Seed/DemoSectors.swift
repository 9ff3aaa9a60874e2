import Domain
import Foundation

extension DemoBuilder {
  /// Reports (专报) of the sector homes' collective proposals, at every point of their tracking.
  mutating func buildSectorHomes() {
    let statuses: [SectorReportStatus] = [.sent, .read, .adopted, .actedOn]
    let proposals = sectors.compactMap { sector in sectorProposals[sector].map { (sector, $0) } }
    for (index, (sector, proposal)) in proposals.enumerated() where index % 2 == 0 {
      let id: SectorReportID = newID()
      let sent = proposal.day.adding(days: 5)
      guard sent <= today else { continue }
      let name = Vocabulary.sectors.first { sectorByName[$0.name] == sector }?.name ?? "界别"
      let departmentID = random.pick(departments)
      add(
        .putSectorReport(
          SectorReport(
            id: id, sector: sector, title: "\(name)关于集体提案办理建议的专报",
            text: "界别委员围绕集体提案开展调研，形成专报，报送区领导和相关部门参阅。", leaders: "区政府分管副区长",
            departments: [departmentID], activity: proposal.id, sentOn: sent)), on: sent)
      let target = statuses[(index / 2) % statuses.count]
      let path: [SectorReportStatus] = target == .sent ? [] : target == .read ? [.read] : [.read, target]
      var on = sent
      for status in path {
        on = on.adding(days: random.between(3, 12))
        guard on <= today else { break }
        let settled = status == .adopted || status == .actedOn
        add(
          .trackSectorReport(
            id, SectorReportEvent(status: status, date: on, note: settled ? "领导批示" : "已阅"),
            feedback: settled ? "建议已被采纳，纳入部门年度工作计划推进落实。" : ""), on: on)
      }
    }
  }

  /// 荣昌区's cross-regional year: 4 joint meetings, the 濑溪河 basin agreement, 12 joint inspections
  /// with 58 suggestions, 4 major projects pushed together and 26 livelihood problems solved.
  mutating func buildCooperation() {
    let partners = ["内江市", "泸州市", "隆昌市"].compactMap { region($0) }
    let plans = [
      ("年度协作计划：共建巴蜀文化旅游走廊，推进交通互联互通", ["巴蜀文化旅游走廊建设", "川渝毗邻地区交通互联互通"], ["濑溪河流域水质联合监督"]),
      ("协作计划中期推进：生态共保、产业共兴", ["濑溪河流域生态环境保护"], ["跨界河流排污口整治监督"]),
      ("协作计划落实情况通报：民生共享", ["三合村农田灌溉用水"], ["毗邻地区公共服务共享监督"]),
      ("年度总结和下年度协作计划", ["生猪大数据中心分中心建设"], ["“双昌”合作示范园建设监督"]),
    ]
    for (index, plan) in plans.enumerated() {
      let on = day(45 + index * 85)
      add(
        .putJointMeeting(
          JointMeeting(
            id: newID(), date: on, place: ["荣昌区", "隆昌市", "泸县", "荣昌区"][index], regions: partners,
            plan: plan.0, jointTopics: plan.1, jointSupervisionProjects: plan.2,
            notes: "轮值主持，建立联席会商、资源共享、联合巡查机制。")), on: on)
    }
    let basinRivers = rivers.filter { ["濑溪河", "大清流河", "渔箭河", "小清流河", "池水河"].contains($0.name) }
    add(
      .putCooperationAgreement(
        CooperationAgreement(
          id: newID(), title: "濑溪河流域生态环境保护合作框架协议",
          parties: ["荣昌区", "大足区", "内江市", "泸州市", "隆昌市", "泸县", "龙马潭区"], signedOn: day(50),
          scope: "流域生态环境联合保护：联席会商、资源共享、联合巡查，协调跨界河流治理方案。",
          rivers: basinRivers.map(\.id))), on: day(50))
    // 58 suggestions over 12 inspections: ten give five, two give four.
    var given = 0
    for index in 0..<12 {
      let on = day(60 + index * 22)
      let count = index < 10 ? 5 : 4
      let suggestions = (0..<count).map { k in "建议\(given + k + 1)：\(random.pick(Vocabulary.suggestions))" }
      given += count
      add(
        .putCooperationResult(
          CooperationResult(
            id: newID(), kind: .jointInspection, date: on,
            title: "联合视察：\(random.pick(["濑溪河流域", "内荣农高区", "川渝毗邻交通", "巴蜀文旅走廊"]))第\(index + 1)次",
            regions: [random.pick(partners)], members: someMembers(2, 4), suggestions: suggestions)), on: on)
    }
    let projects = ["国家生猪大数据中心", "内荣现代农业高新技术产业示范区", "“双昌”合作示范园", "成渝中线高铁荣昌段配套"]
    for (index, project) in projects.enumerated() {
      let on = day(90 + index * 60)
      add(
        .putCooperationResult(
          CooperationResult(
            id: newID(), kind: .majorProject, date: on, title: "共同推动\(project)", regions: partners,
            members: someMembers(1, 3), notes: "写入联席会议年度协作计划，联合调研、联合建言。")), on: on)
    }
    for index in 0..<26 {
      let on = day(70 + index * 10)
      let village = random.pick(Vocabulary.villages)
      add(
        .putCooperationResult(
          CooperationResult(
            id: newID(), kind: .problemSolved, date: on,
            title: "\(village)\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))",
            regions: [random.pick(partners)], members: someMembers(1, 2), notes: "两地委员联合协商，问题已解决。")),
        on: on)
    }
  }
}
