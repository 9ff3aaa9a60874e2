import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// A committee in a temp folder with the registers a consultation needs, and the app over it.
final class ConsultationWorld {
  let world: TestWorld
  let actor: ActingUser
  let today = TestWorld.today
  let room: StationID
  let street: StationID
  let housing: DepartmentID
  let transport: DepartmentID
  let partner: PartnerRegionID

  var store: CommitteeStore { world.store }
  var clock: TestClock { world.clock }
  var backend: VirtualBackend { world.backend }
  var runtime: Runtime { world.runtime }

  /// The registers a consultation needs, as the ids the stories use.
  struct Seeded {
    var room: StationID, street: StationID, housing: DepartmentID, transport: DepartmentID
    var partner: PartnerRegionID
  }

  init(language: Language = .zh, size: Size = Size(width: 120, height: 40), role: Domain.Role? = nil) throws {
    var seeded: Seeded?
    world = try TestWorld(language: language, size: size) { store, clock in
      let admin = try Startup.actor(store: store, userName: "wangli", displayName: "王丽", now: clock.now())
      func put(_ change: Change, _ who: ActingUser) throws {
        try store.apply(change, actor: who, now: clock.now())
      }
      let hall: StationID = store.state.newID()
      try put(.putStation(Station(id: hall, name: "渝中区委员工作厅", level: .districtHall)), admin)
      let street: StationID = store.state.newID()
      try put(
        .putStation(Station(id: street, name: "石油路街道委员工作站", level: .streetStation, parent: hall)), admin)
      let room: StationID = store.state.newID()
      try put(.putStation(Station(id: room, name: "万科社区委员工作室", level: .communityRoom, parent: street)), admin)
      for name in ["何晓敏", "李明", "周建国"] {
        try put(.putMember(Member(id: store.state.newID(), name: name, stations: [room])), admin)
      }
      let housing: DepartmentID = store.state.newID()
      try put(.putDepartment(Department(id: housing, name: "区住房城乡建委")), admin)
      let transport: DepartmentID = store.state.newID()
      try put(.putDepartment(Department(id: transport, name: "区交通局")), admin)
      let partner: PartnerRegionID = store.state.newID()
      try put(.putPartnerRegion(PartnerRegion(id: partner, name: "四川省广安市")), admin)
      seeded = Seeded(room: room, street: street, housing: housing, transport: transport, partner: partner)
      guard let role else { return admin }
      try put(
        .putStaffAccount(
          StaffAccount(id: store.state.newID(), userName: "zhaoyu", displayName: "赵宇", role: role)),
        admin)
      return .staff("zhaoyu", role)
    } configure: { state in
      state.section = .consultations
    }
    guard let seeded else { throw SeedError() }
    (room, street, housing, transport, partner) =
      (seeded.room, seeded.street, seeded.housing, seeded.transport, seeded.partner)
    actor = world.state.actor
    runtime.run(untilIdle: true)
  }

  /// A change made outside this section (the problem loop, while its screen is elsewhere).
  func apply(_ change: Change, as who: ActingUser? = nil) throws {
    try store.apply(change, actor: who ?? actor, now: clock.now())
    runtime.send(.dataChanged(store.state))
    runtime.run(untilIdle: true)
  }

  func keys(_ keys: Key...) { world.press(keys) }

  func type(_ text: String) { world.type(text) }

  func tick() {
    backend.enqueue([.tick])
    runtime.run(untilIdle: true)
  }

  var screen: String { backend.screen.text }
  var data: CommitteeState { runtime.state.data }

  var onlyConsultation: Consultation? {
    data.consultations.count == 1 ? data.consultations.values.first : nil
  }
}

@Suite struct ConsultationStories {
  @Test func aSecretaryCarriesACommunityConsultationThroughSixStepsAndItsProblemsThroughTheLoop() throws {
    let w = try ConsultationWorld()
    #expect(w.screen.contains("还没有协商活动"))

    // Open it at the community room.
    w.keys(.character("n"))
    #expect(w.screen.contains("新建协商"))
    w.type("万科社区加装电梯协商")
    w.keys(.tab, .tab)
    w.type("万科社区")
    w.keys(.enter, .ctrl("s"))
    let opened = try #require(w.onlyConsultation)
    #expect(opened.details.station == w.room)
    #expect(opened.details.kind == .local)
    #expect(w.screen.contains("万科社区加装电梯协商"))
    #expect(w.screen.contains("万科社区委员工作室"))
    #expect(w.screen.contains("○○○○○○"))

    // Into the timeline, then the steps one by one.
    w.keys(.enter)
    #expect(w.screen.contains("下一步：精选议题"))
    w.keys(.character("a"))
    w.keys(.end)
    w.keys(.enter)
    w.type("老旧小区停车难")
    w.keys(.ctrl("s"))
    #expect(w.onlyConsultation?.candidateTopics == ["万科社区加装电梯协商", "老旧小区停车难"])
    #expect(w.screen.contains("候选议题：万科社区加装电梯协商、老旧小区停车难"))

    w.keys(.character("a"), .ctrl("s"))
    #expect(w.onlyConsultation?.confirmedTopic == "万科社区加装电梯协商")

    w.keys(.character("a"), .tab)
    w.type("万科社区3栋")
    w.keys(.tab)
    w.type("何晓敏、社区主任")
    w.keys(.tab)
    w.type("加装电梯意愿强烈，资金分摊难")
    w.keys(.tab)
    w.type("2026-11-20")
    w.keys(.tab)
    w.type("万科社区5栋")
    w.keys(.tab, .tab)
    w.type("低层住户有顾虑")
    w.keys(.ctrl("s"))
    let visits = try #require(w.onlyConsultation?.researchVisits)
    #expect(visits.map(\.place) == ["万科社区3栋", "万科社区5栋"])
    #expect(visits[1].date == Day(year: 2026, month: 11, day: 20))
    #expect(w.screen.contains("调研 2026-11-20 万科社区5栋"))

    // The meeting: place from the station, host, members, a department, residents.
    w.keys(.character("a"), .tab, .tab)
    w.type("张主任")
    w.keys(.tab)
    w.type("何晓敏")
    w.keys(.enter)
    w.type("李明")
    w.keys(.enter, .tab)
    w.type("住房")
    w.keys(.enter, .tab)
    w.type("居民代表6人")
    w.keys(.ctrl("s"))
    let meeting = try #require(w.onlyConsultation?.meeting)
    #expect(meeting.place == "万科社区委员工作室")
    #expect(meeting.host == "张主任")
    #expect(meeting.members.count == 2)
    #expect(meeting.departments == [w.housing])
    #expect(w.screen.contains("纪要：尚未录入"))

    // No outcome report before the minutes: the rule's message, on the form, nothing changed.
    let before = w.onlyConsultation
    w.keys(.character("a"))
    w.type("形成意见三条")
    w.keys(.ctrl("s"))
    #expect(w.screen.contains(DomainError.minutesRequired.message(in: .zh)))
    #expect(w.onlyConsultation == before)
    // Esc on a changed form asks first (the one Esc rule); y discards.
    w.keys(.escape)
    #expect(w.screen.contains("放弃未保存的修改？"))
    w.keys(.character("y"))
    #expect(!w.screen.contains("成果报告 "))

    // The minutes, from the template, typed in Chinese; two sentences become problems.
    w.keys(.character("m"))
    #expect(w.screen.contains("时间：2026-11-26"))
    #expect(w.screen.contains("参加人员：何晓敏、李明、区住房城乡建委、居民代表6人"))
    #expect(w.screen.contains("议题：万科社区加装电梯协商"))
    w.type("何晓敏委员：加装电梯资金分摊难，建议设立专项补贴。")
    w.keys(.ctrl("p"))
    #expect(w.screen.contains("已提出问题“何晓敏委员：加装电梯资金分摊难，建议设立专项补贴”"))
    w.keys(.enter)
    w.type("李明委员：施工期间居民出行不便，建议错峰施工。")
    w.keys(.ctrl("p"))
    #expect(w.data.problems.count == 2)
    w.tick()
    let draft = try #require(
      w.store.drafts().first { $0.key == DraftOwner.storedKey("minutes.\(opened.id.raw)", owner: "wangli") })
    #expect(draft.text.contains("建议错峰施工。"))
    w.keys(.ctrl("s"))
    #expect(w.onlyConsultation?.meeting?.minutes.contains("何晓敏委员：加装电梯资金分摊难") == true)
    #expect(w.store.drafts().isEmpty)
    w.keys(.escape)
    #expect(w.screen.contains("问题（提出 2，已解决 0）"))

    // Outcome report and follow-up.
    w.keys(.character("a"))
    w.type("形成意见三条，报送区住房城乡建委办理。")
    w.keys(.tab)
    w.type("住房")
    w.keys(.enter, .ctrl("s"))
    #expect(w.onlyConsultation?.outcome?.departments == [w.housing])
    w.keys(.character("a"), .tab)
    w.type("3栋电梯已开工")
    w.keys(.ctrl("s"))
    #expect(w.onlyConsultation?.isFinished == true)
    #expect(w.screen.contains("各步骤均已完成"))

    // The problem loop, carried on elsewhere: one closed, one sent back to redo.
    let problems = w.data.problems(from: .consultation(opened.id))
    #expect(problems.map(\.title.first) == ["何", "李"])
    let due = Day(year: 2026, month: 12, day: 31)!
    for problem in problems {
      try w.apply(.assignProblem(problem.id, w.housing, due: due, note: "请研究办理"))
      try w.apply(.replyProblem(problem.id, "已纳入明年计划"))
      try w.apply(.feedBackProblem(problem.id, "已向居民通报"))
      try w.apply(.followUpProblem(problem.id, "回访居民"))
    }
    try w.apply(.evaluateProblem(problems[0].id, .good, note: "满意"))
    try w.apply(.closeProblem(problems[0].id, note: "办结"))
    try w.apply(.evaluateProblem(problems[1].id, .poor, note: "不满意"))
    try w.apply(.redoProblem(problems[1].id, due: due, note: "重新办理"))
    #expect(w.data.problems[problems[1].id]?.redoCount == 1)

    #expect(w.screen.contains("问题（提出 2，已解决 1）"))
    w.keys(.escape)
    #expect(w.screen.contains("●●●●●●"))
    #expect(
      w.screen.split(separator: "\n").contains { $0.contains("万科社区加装电梯协商") && $0.contains("●●●●●●") })
    #expect(w.screen.contains("问题（提出 2，已解决 1）"), "the timeline beside the list counts them")

    // Enter on a problem jumps to it in the problems section.
    w.keys(.enter, .tab, .enter)
    #expect(w.runtime.state.section == .problems)
  }

  @Test func aCrossRegionalConsultationGoesThroughTheSevenLinks() throws {
    let w = try ConsultationWorld(language: .en)
    w.keys(.character("n"))
    w.type("Chengdu–Chongqing bus links")
    w.keys(.tab, .right, .tab, .tab, .tab)
    // Without partner regions the rule refuses, beside the field.
    w.keys(.ctrl("s"))
    #expect(w.screen.contains(DomainError.required(.partnerRegions).message(in: .en)))
    #expect(w.data.consultations.isEmpty)
    w.type("广安")
    w.keys(.enter, .tab)
    w.type("周建国")
    w.keys(.enter, .ctrl("s"))
    let opened = try #require(w.onlyConsultation)
    #expect(opened.details.kind == .crossRegional)
    #expect(opened.details.partnerRegions == [w.partner])
    #expect(w.screen.contains("[X] Chengdu–Chongqing bus links"))
    #expect(w.screen.contains("○○○○○○○"))

    w.keys(.enter)
    #expect(w.screen.contains("Partner regions: 四川省广安市"))
    #expect(w.screen.contains("Members dispatched: 周建国"))
    w.keys(.character("a"), .ctrl("s"))  // 收
    w.keys(.character("a"), .ctrl("s"))  // 定
    w.keys(.character("a"), .tab)  // 研
    w.type("Guang'an bus station")
    w.keys(.ctrl("s"))
    w.keys(.character("a"), .ctrl("s"))  // 商, without a place: refused
    #expect(w.screen.contains(DomainError.required(.place).message(in: .en)))
    #expect(w.onlyConsultation?.meeting == nil)
    // The focus is on the field in error.
    w.type("Guang'an city hall")
    w.keys(.ctrl("s"))
    #expect(w.onlyConsultation?.meeting != nil)
    w.keys(.character("m"))
    w.keys(.ctrl("k"))
    w.type("Both sides agreed to a shared timetable.")
    w.keys(.ctrl("s"), .escape)
    w.keys(.character("a"))
    w.type("Shared timetable proposal")
    w.keys(.ctrl("s"))  // 转
    w.keys(.character("a"), .tab)
    w.type("Timetable in force")
    w.keys(.ctrl("s"))  // 督
    w.keys(.character("a"))
    w.type("Commended")
    w.keys(.ctrl("s"))  // 评
    let done = try #require(w.onlyConsultation)
    #expect(done.completed.map(\.step) == ConsultationKind.crossRegional.steps)
    #expect(w.screen.contains("Every step is done."))
    // One more step is refused by the rule; nothing changes.
    w.keys(.character("a"))
    #expect(w.screen.contains("Every step of this consultation is done."))
    #expect(w.onlyConsultation == done)
    w.keys(.escape)
    #expect(w.screen.contains("●●●●●●●"))
  }

  @Test func aClerkCannotStepBackAndAHeadCan() throws {
    let w = try ConsultationWorld(role: .clerk)
    let admin = ActingUser.staff("wangli", .admin)
    let id: ConsultationID = w.store.state.newID()
    try w.apply(.openConsultation(id, ConsultationDetails(title: "背街小巷整治", station: w.room)), as: admin)
    try w.apply(.completeStep(id, .selectTopic, .topics(["背街小巷整治"])), as: admin)
    let before = w.data.consultations[id]
    w.keys(.enter, .character("b"))
    #expect(w.screen.contains(DomainError.notPermitted(role: .clerk, required: .head).message(in: .zh)))
    #expect(w.data.consultations[id] == before)
    // A clerk may not confirm a topic either: refused on the form, nothing changed.
    w.keys(.character("a"), .ctrl("s"))
    #expect(w.screen.contains(DomainError.notPermitted(role: .clerk, required: .head).message(in: .zh)))
    #expect(w.data.consultations[id] == before)
  }

  @Test func theListNarrowsByStreetNextStepKindAndText() throws {
    let w = try ConsultationWorld()
    let admin = ActingUser.staff("wangli", .admin)
    let atRoom: ConsultationID = w.store.state.newID()
    try w.apply(.openConsultation(atRoom, ConsultationDetails(title: "社区食堂运营", station: w.room)), as: admin)
    let atStreet: ConsultationID = w.store.state.newID()
    try w.apply(
      .openConsultation(
        atStreet, ConsultationDetails(title: "夜间经济街区", station: w.street, format: .roadsideConsultation)),
      as: admin)
    try w.apply(.completeStep(atStreet, .selectTopic, .topics(["夜间经济街区"])), as: admin)
    let nowhere: ConsultationID = w.store.state.newID()
    try w.apply(.openConsultation(nowhere, ConsultationDetails(title: "托育服务供给")), as: admin)
    #expect(w.screen.contains("3 / 3"))
    func shown() -> Set<String> {
      Set(
        w.runtime.state.consultations.list.shownRefs.compactMap {
          w.data.consultations[ConsultationID(raw: $0.raw)]?.details.title
        })
    }

    // w: the street station, with the community room under it: both show, and the header says so.
    w.keys(.character("w"))
    #expect(shown() == ["社区食堂运营", "夜间经济街区"])
    #expect(w.screen.contains("镇街：石油路街道委员工作站"))

    // t: where they stand. At 精选议题 only the one just opened; at 确定议题 the one whose topics
    // are collected.
    w.keys(.character("t"))
    #expect(shown() == ["社区食堂运营"])
    #expect(w.screen.contains("进展：" + tr(ConsultationStep.selectTopic.nameKey, .zh)))
    w.keys(.character("t"))
    #expect(shown() == ["夜间经济街区"])

    // Esc clears the facets; c: the cross-regional ones, of which there is none.
    w.keys(.escape)
    #expect(shown().count == 3)
    w.keys(.character("c"), .character("c"))
    #expect(shown().isEmpty)
    #expect(w.screen.contains("没有符合筛选条件的协商"))
    w.keys(.escape)

    // The text filter, over the rows the facets leave.
    w.keys(.character("/"))
    w.type("食堂")
    #expect(shown() == ["社区食堂运营"])
    #expect(!w.screen.contains("托育服务供给"))
  }
}
