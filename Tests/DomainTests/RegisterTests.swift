import Foundation
import Testing

@testable import Domain

@Suite struct RegisterTests {
  @Test func aClerkRegistersAMemberInASectorAndTheSummaryNamesThem() throws {
    var story = Story()
    let sector = try story.addSector("医药卫生界别")
    let id: MemberID = story.newID()
    let change = Change.putMember(Member(id: id, name: "张三", sector: sector, phone: "13800000000"))
    #expect(change.summary(in: .zh, before: story.state) == "新增委员“张三”")
    #expect(change.summary(in: .en, before: story.state) == "Added member 张三")
    let touched = try story.run(change, as: Story.clerk)
    #expect(touched == [RecordRef(id)])
    #expect(story.state.members[id]?.sector == sector)
    #expect(change.summary(in: .zh, before: story.state) == "修改委员“张三”")
    #expect(story.refuse(.putMember(Member(id: id, name: " ")), as: Story.clerk) == .required(.name))
    #expect(
      story.refuse(.putMember(Member(id: id, name: "张三", sector: ID(raw: 77))), as: Story.clerk)
        == .missingReference(RecordRef(.sector, 77)))
  }

  @Test func archivedRecordsStayReferencedButCannotBeNewlyChosen() throws {
    var story = Story()
    let jiusan = try story.addSector("九三学社界别")
    let invited = try story.addSector("特邀界别")
    let member = try story.addMember("李四", sector: jiusan)
    try story.run(.archive(RecordRef(jiusan)), as: Story.clerk)
    #expect(story.state.isArchived(RecordRef(jiusan)))
    #expect(
      story.refuse(.archive(RecordRef(jiusan)), as: Story.clerk)
        == .alreadyArchived(RecordRef(jiusan), name: "九三学社界别"))
    // Editing the member's phone keeps the old (archived) sector.
    var edited = try #require(story.state.members[member])
    edited.phone = "023-1234"
    try story.run(.putMember(edited), as: Story.clerk)
    // A new member cannot be put into the archived sector.
    let newcomer: MemberID = story.newID()
    #expect(
      story.refuse(.putMember(Member(id: newcomer, name: "王五", sector: jiusan)), as: Story.clerk)
        == .archivedReference(RecordRef(jiusan), name: "九三学社界别"))
    try story.run(.putMember(Member(id: newcomer, name: "王五", sector: invited)), as: Story.clerk)
    try story.run(.unarchive(RecordRef(jiusan)), as: Story.clerk)
    #expect(
      story.refuse(.unarchive(RecordRef(jiusan)), as: Story.clerk)
        == .notArchived(RecordRef(jiusan), name: "九三学社界别"))
    let problem: ProblemID = story.newID()
    #expect(story.refuse(.archive(RecordRef(problem)), as: Story.clerk) == .notArchivable(.problem))
  }

  @Test func stationsFormTheThreeLevelPlatform() throws {
    var story = Story()
    let hall = try story.addStation("区委员工作厅", .districtHall)
    let street = try story.addStation("石坪桥街道委员工作站", .streetStation, parent: hall)
    let orphan: StationID = story.newID()
    #expect(
      story.refuse(
        .putStation(Station(id: orphan, name: "工作室", level: .communityRoom, parent: hall)), as: Story.clerk)
        == .stationParentInvalid(.communityRoom))
    #expect(
      story.refuse(.putStation(Station(id: orphan, name: "工作室", level: .communityRoom)), as: Story.clerk)
        == .stationParentInvalid(.communityRoom))
    #expect(
      story.refuse(
        .putStation(Station(id: orphan, name: "二厅", level: .districtHall, parent: hall)), as: Story.clerk)
        == .districtHallHasParent)
    let room = try story.addStation("黄桷坪社区工作室", .communityRoom, parent: street)
    #expect(story.state.stationAndDescendants(hall) == [hall, street, room])
  }

  @Test func aPatrolNeedsMembersAndAKnownSegment() throws {
    var story = Story()
    let member = try story.addMember("巡河委员")
    let river = try story.addRiver("梅溪河", segments: ["城区段"])
    let id: PatrolID = story.newID()
    #expect(
      story.refuse(
        .putPatrol(Patrol(id: id, river: river, date: day("2026-06-01"), members: [])), as: Story.clerk)
        == .required(.members))
    #expect(
      story.refuse(
        .putPatrol(Patrol(id: id, river: river, segment: "山区段", date: day("2026-06-01"), members: [member])),
        as: Story.clerk) == .unknownSegment("山区段"))
    let patrol = Patrol(
      id: id, river: river, segment: "城区段", date: day("2026-06-01"), members: [member],
      stepNotes: [.inspectSite: "岸边有垃圾", .pushImplementation: "交办环卫"], observations: "水清",
      waterQuality: .classII)
    try story.run(.putPatrol(patrol), as: Story.clerk)
    #expect(story.state.patrols[id]?.notes(for: .inspectSite) == "岸边有垃圾")
    #expect(story.state.patrols[id]?.notes(for: .listenToResidents) == "")
    let visit: VisitID = story.newID()
    try story.run(
      .putVisit(
        Visit(
          id: visit, kind: .enterprise, date: day("2026-01-05"), members: [member], place: "某企业",
          notes: "冬季供气不稳")),
      as: Story.clerk)
    let report: OpinionReportID = story.newID()
    #expect(
      story.refuse(
        .putOpinionReport(
          OpinionReport(
            id: report, title: "井盖过多", text: "城市道路井盖过多", submitter: member, date: day("2026-02-01"),
            status: .instructed)),
        as: Story.clerk) == .required(.instruction))
    try story.run(
      .putOpinionReport(
        OpinionReport(
          id: report, title: "井盖过多", text: "城市道路井盖过多", submitter: member, date: day("2026-02-01"),
          instruction: "请城管局核查", status: .instructed)),
      as: Story.clerk)
    #expect(
      story.state.count(of: .patrol) == 1 && story.state.count(of: .visit) == 1
        && story.state.count(of: .opinionReport) == 1)
  }
}

@Suite struct PermissionTests {
  @Test func theFirstUserOfAnEmptyStoreMakesThemselvesAdmin() throws {
    var story = Story()
    let me = ActingUser.reader("wang")
    let other: StaffAccountID = story.newID()
    // Only for their own user name, and only as admin.
    #expect(
      story.refuse(
        .putStaffAccount(StaffAccount(id: other, userName: "someone", displayName: "某人", role: .admin)),
        as: me)
        == .readOnly(userName: "wang"))
    #expect(
      story.refuse(
        .putStaffAccount(StaffAccount(id: other, userName: "wang", displayName: "王", role: .clerk)), as: me)
        == .readOnly(userName: "wang"))
    // In a group each change is checked on its own: the importer becomes admin, then a reader still
    // cannot add members — and, all-or-nothing, not even the account is kept.
    let member: MemberID = story.newID(offset: 1)
    let bootstrap = Change.group([
      .putStaffAccount(StaffAccount(id: other, userName: "wang", displayName: "王", role: .admin)),
      .putMember(Member(id: member, name: "张三")),
    ])
    #expect(story.refuse(bootstrap, as: me) == .inGroup(index: 1, error: .readOnly(userName: "wang")))
    #expect(story.state.staffAccounts.isEmpty)
    try story.run(
      .putStaffAccount(StaffAccount(id: other, userName: "wang", displayName: "王", role: .admin)), as: me)
    #expect(story.state.actor(userName: "wang") == .staff("wang", .admin))
    #expect(story.state.actor(userName: "li") == .reader("li"))
    // Once there is an account, the door is closed.
    let second: StaffAccountID = story.newID()
    #expect(
      story.refuse(
        .putStaffAccount(StaffAccount(id: second, userName: "li", displayName: "李", role: .admin)),
        as: .reader("li"))
        == .readOnly(userName: "li"))
  }

  @Test func onlyAdminsManageAccountsAndTheLastAdminStays() throws {
    var story = Story()
    let admin: StaffAccountID = story.newID()
    try story.run(
      .putStaffAccount(StaffAccount(id: admin, userName: "wang.admin", displayName: "王", role: .admin)))
    let clerk: StaffAccountID = story.newID()
    let account = StaffAccount(id: clerk, userName: "li.clerk", displayName: "李", role: .clerk)
    #expect(
      story.refuse(.putStaffAccount(account), as: Story.head) == .notPermitted(role: .head, required: .admin))
    try story.run(.putStaffAccount(account))
    let duplicate: StaffAccountID = story.newID()
    #expect(
      story.refuse(
        .putStaffAccount(StaffAccount(id: duplicate, userName: "li.clerk", displayName: "李二", role: .clerk)))
        == .duplicateUserName("li.clerk"))
    #expect(story.refuse(.archive(RecordRef(admin))) == .lastAdmin)
    #expect(
      story.refuse(
        .putStaffAccount(StaffAccount(id: admin, userName: "wang.admin", displayName: "王", role: .head)))
        == .lastAdmin)
    try story.run(
      .putStaffAccount(StaffAccount(id: clerk, userName: "li.clerk", displayName: "李", role: .admin)))
    try story.run(.archive(RecordRef(admin)))
    #expect(story.state.actor(userName: "wang.admin") == .reader("wang.admin"))
  }

  @Test func eachRoleMayDoItsOwnWorkAndNoMore() throws {
    var story = Story()
    let member = try story.addMember("委员")
    let department = try story.addDepartment("部门")
    let river = try story.addRiver("河")
    let patrol = try story.addPatrol(river: river, members: [member], date: day("2026-01-01"))
    let consultation: ConsultationID = story.newID()
    let open = Change.openConsultation(consultation, ConsultationDetails(title: "议题"))
    let newMember = Change.putMember(Member(id: story.newID(), name: "新委员"))

    // A reader may change nothing; the message says so and what to do.
    let refused = story.refuse(newMember, as: Story.reader)
    #expect(refused == .readOnly(userName: "visitor"))
    #expect(refused?.message(in: .zh).contains("只能查看") == true)
    #expect(refused?.message(in: .en).contains("Ask an admin") == true)
    // Clerks keep registers and problems, but not consultations.
    #expect(story.refuse(newMember, as: Story.clerk) == nil)
    #expect(story.refuse(open, as: Story.clerk) == .notPermitted(role: .clerk, required: .secretary))
    // Secretaries run consultations, but do not evaluate.
    try story.run(open, as: Story.secretary)
    let problem = try story.raise("问题", from: .patrol(patrol))
    try story.run(.assignProblem(problem, department, due: day("2026-02-01"), note: ""), as: Story.clerk)
    try story.run(.replyProblem(problem, "答复"), as: Story.secretary)
    try story.run(.feedBackProblem(problem, "反馈"), as: Story.clerk)
    try story.run(.followUpProblem(problem, "回头看"), as: Story.clerk)
    #expect(
      story.refuse(.evaluateProblem(problem, .good, note: ""), as: Story.secretary)
        == .notPermitted(role: .secretary, required: .head))
    // Heads evaluate; admins may do everything.
    #expect(story.refuse(.evaluateProblem(problem, .good, note: ""), as: Story.head) == nil)
    #expect(story.refuse(.evaluateProblem(problem, .good, note: ""), as: Story.admin) == nil)
    #expect(story.refuse(.stepBack(consultation), as: Story.admin) == .nothingToStepBack)
  }
}
