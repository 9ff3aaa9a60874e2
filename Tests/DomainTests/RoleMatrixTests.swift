import Foundation
import Testing

@testable import Domain

/// Every kind of change, tried by every role, and the undo of each tried by every role: exactly the
/// roles at or above the one written beside the change succeed, and an undo needs the same role as
/// the change it takes back.
@Suite struct RoleMatrixTests {
  static let everyone: [ActingUser] = [Story.reader, Story.clerk, Story.secretary, Story.head, Story.admin]

  /// A step of the year: what is done, and the least role the rules give it (written out, not computed).
  struct Step {
    var name: String
    var role: Role
    var change: Change
  }

  /// A year of work after `richStory`, one step of every `Change` case (some twice, to move a workflow on).
  func year(_ state: CommitteeState) throws -> [Step] {
    let member = try #require(state.members.values.first)
    let sector = try #require(state.sectors.values.first)
    let committee = try #require(state.specialCommittees.values.first)
    let department = try #require(state.departments.values.first)
    let street = try #require(state.stations.values.first { $0.level == .streetStation })
    let region = try #require(state.partnerRegions.values.first)
    let team = try #require(state.supervisionTeams.values.first)
    let river = try #require(state.rivers.values.first)
    let patrol = try #require(state.patrols.values.first)
    let visit = try #require(state.visits.values.first)
    let report = try #require(state.opinionReports.values.first)
    let activity = try #require(state.sectorActivities.values.first)
    func renamed<T>(_ value: T, _ path: WritableKeyPath<T, String>, _ name: String) -> T {
      var copy = value
      copy[keyPath: path] = name
      return copy
    }
    let newMember = MemberID(raw: 10_001)
    let newAccount = StaffAccountID(raw: 10_009)
    let consultation = ConsultationID(raw: 10_020)
    let item = SupervisionItemID(raw: 10_030)
    let problem = ProblemID(raw: 10_040)
    let details = ConsultationDetails(title: "老旧小区加装电梯", station: street.id, dispatchedMembers: [member.id])
    let proposal = SupervisionProposal(
      title: "河道保洁", proposers: [member.id], specialCommittee: committee.id, team: team.id)
    let loop: [Step] = [
      Step(name: "reply", role: .clerk, change: .replyProblem(problem, "已清理")),
      Step(name: "feed back", role: .clerk, change: .feedBackProblem(problem, "群众满意")),
      Step(name: "follow up", role: .clerk, change: .followUpProblem(problem, "回头看无反弹")),
      Step(name: "evaluate problem", role: .head, change: .evaluateProblem(problem, .good, note: "好")),
    ]
    return [
      Step(
        name: "put member", role: .clerk,
        change: .putMember(Member(id: newMember, name: "李四", sector: sector.id))),
      Step(name: "put sector", role: .clerk, change: .putSector(renamed(sector, \.name, "特邀界别"))),
      Step(
        name: "put committee", role: .clerk, change: .putSpecialCommittee(renamed(committee, \.name, "提案委"))),
      Step(name: "put department", role: .clerk, change: .putDepartment(renamed(department, \.name, "区水利局"))),
      Step(name: "put station", role: .clerk, change: .putStation(renamed(street, \.name, "峰高街道委员工作站"))),
      Step(name: "put region", role: .clerk, change: .putPartnerRegion(renamed(region, \.name, "内江市"))),
      Step(name: "put team", role: .clerk, change: .putSupervisionTeam(renamed(team, \.theme, "河长制观察"))),
      Step(name: "put river", role: .clerk, change: .putRiver(renamed(river, \.name, "荣峰河"))),
      Step(
        name: "put staff account", role: .admin,
        change: .putStaffAccount(
          StaffAccount(id: newAccount, userName: "liu", displayName: "刘", role: .clerk))),
      Step(name: "archive member", role: .clerk, change: .archive(RecordRef(newMember))),
      Step(name: "unarchive member", role: .clerk, change: .unarchive(RecordRef(newMember))),
      Step(name: "archive staff account", role: .admin, change: .archive(RecordRef(newAccount))),
      Step(name: "put patrol", role: .clerk, change: .putPatrol(patrol)),
      Step(name: "put visit", role: .clerk, change: .putVisit(visit)),
      Step(name: "put report", role: .clerk, change: .putOpinionReport(report)),
      Step(name: "put sector activity", role: .clerk, change: .putSectorActivity(activity)),
      Step(name: "open consultation", role: .secretary, change: .openConsultation(consultation, details)),
      Step(
        name: "edit consultation", role: .secretary,
        change: .editConsultation(consultation, renamed(details, \.title, "加装电梯"))),
      Step(
        name: "select topic", role: .secretary,
        change: .completeStep(consultation, .selectTopic, .topics(["电梯"]))),
      Step(
        name: "confirm topic", role: .head,
        change: .completeStep(consultation, .confirmTopic, .confirmedTopic("电梯"))),
      Step(
        name: "research", role: .secretary,
        change: .completeStep(
          consultation, .research, .research([ResearchVisit(date: day("2026-03-02"), place: "小区")]))
      ),
      Step(
        name: "meeting", role: .secretary,
        change: .completeStep(
          consultation, .meeting, .meeting(Meeting(date: day("2026-03-03"), place: "院坝", minutes: "纪要")))),
      Step(name: "record minutes", role: .secretary, change: .recordMinutes(consultation, "纪要（修改）")),
      Step(name: "step back", role: .head, change: .stepBack(consultation)),
      Step(name: "propose supervision", role: .clerk, change: .proposeSupervisionItem(item, proposal)),
      Step(
        name: "edit supervision", role: .clerk,
        change: .editSupervisionItem(item, renamed(proposal, \.title, "河道保洁监督"))),
      Step(name: "discuss", role: .secretary, change: .advanceSupervisionStage(item)),
      Step(name: "review", role: .secretary, change: .advanceSupervisionStage(item)),
      Step(name: "decide", role: .head, change: .decideSupervisionItem(item, planYear: 2026)),
      Step(
        name: "supervision research", role: .secretary,
        change: .addSupervisionResearch(
          item, ResearchVisit(date: day("2026-03-04"), place: "河口"), suggestions: ["建议"])),
      Step(
        name: "supervision consultation", role: .secretary,
        change: .holdSupervisionConsultation(item, date: day("2026-03-10"), consultation: nil)),
      Step(
        name: "follow-up inspection", role: .secretary,
        change: .recordFollowUpInspection(item, FollowUpRecord(date: day("2026-03-20"), finding: "整改到位"))),
      Step(
        name: "evaluate supervision", role: .head,
        change: .evaluateSupervisionItem(
          item, SupervisionEvaluation(rectification: .good, cooperation: .good, satisfaction: .good))),
      Step(
        name: "raise problem", role: .clerk,
        change: .raiseProblem(problem, .patrol(patrol.id), title: "河面垃圾", description: "")),
      Step(
        name: "assign problem", role: .clerk,
        change: .assignProblem(problem, department.id, due: day("2026-03-31"), note: "交办")),
    ] + loop + [
      Step(
        name: "redo problem", role: .head, change: .redoProblem(problem, due: day("2026-04-30"), note: "重办"))
    ]
      + loop + [
        Step(name: "close problem", role: .head, change: .closeProblem(problem, note: "办结")),
        Step(
          name: "import", role: .clerk,
          change: .group([
            .putMember(Member(id: ID(raw: 10_050), name: "甲")),
            .putMember(Member(id: ID(raw: 10_051), name: "乙")),
          ])),
        Step(
          name: "batch with an account", role: .admin,
          change: .group([
            .putMember(Member(id: ID(raw: 10_052), name: "丙")),
            .putStaffAccount(
              StaffAccount(id: ID(raw: 10_053), userName: "zhou", displayName: "周", role: .secretary)),
          ])),
        Step(
          name: "restore (repair)", role: .admin,
          change: .restore([
            RecordVersion(RecordRef(newMember), .member(Member(id: newMember, name: "李四（改）")))
          ])),
      ]
  }

  /// Whether `actor` is refused for lack of a role (not for any other rule).
  func refusedForRole(_ error: DomainError) -> Bool {
    switch error {
    case .readOnly, .notPermitted: return true
    case .inGroup(_, let inner): return refusedForRole(inner)
    default: return false
    }
  }

  @Test func everyChangeAndItsUndoNeedTheSameRole() throws {
    var story = try richStory()
    let now = story.clock.now()
    let steps = try year(story.state)
    for step in steps {
      let before = story.state
      for actor in Self.everyone {
        let allowed = actor.role.map { $0 >= step.role } ?? false
        do {
          _ = try apply(step.change, to: before, actor: actor, now: now)
          #expect(allowed, "\(step.name) was made by \(actor), below \(step.role)")
        } catch {
          #expect(!allowed, "\(step.name) was refused to \(actor): \(error.message(in: .en))")
          #expect(refusedForRole(error), "\(step.name) as \(actor): \(error.message(in: .en))")
        }
      }
      // Made by an admin, then taken back by each role in turn.
      let applied = try apply(step.change, to: before, actor: Story.admin, now: now)
      let undo = Change.revert(
        step.change, to: applied.touched.map { RecordVersion($0, before.value(of: $0)) }, by: Story.admin,
        at: now)
      #expect(undo.requiredRole(in: applied.state) == step.role, "undo of \(step.name)")
      for actor in Self.everyone {
        let allowed = actor.role.map { $0 >= step.role } ?? false
        do {
          let undone = try apply(undo, to: applied.state, actor: actor, now: now)
          #expect(allowed, "undo of \(step.name) was made by \(actor), below \(step.role)")
          // Everything is as before, except that IDs once given out are not given out again.
          var expected = before
          expected.nextRawID = undone.state.nextRawID
          #expect(undone.state == expected, "undo of \(step.name) by \(actor) did not give the state back")
        } catch {
          #expect(!allowed, "undo of \(step.name) was refused to \(actor): \(error.message(in: .en))")
          #expect(refusedForRole(error), "undo of \(step.name) as \(actor): \(error.message(in: .en))")
        }
      }
      story.state = applied.state
    }
    // Every case of Change was tried (the revert through the undos).
    var cases = Set(steps.map { String(describing: $0.change).prefix { $0 != "(" } })
    cases.insert("revert")
    #expect(cases.count == 39, "cases tried: \(cases.sorted())")
  }

  @Test func undoingTheFirstAdminAccountIsRefused() throws {
    var story = Story()
    let admin = StaffAccount(id: story.newID(), userName: "root", displayName: "root", role: .admin)
    let first = ActingUser.staff("root", .admin)
    let before = story.state
    let applied = try apply(.putStaffAccount(admin), to: before, actor: first, now: story.clock.now())
    story.state = applied.state
    let undo = Change.revert(
      .putStaffAccount(admin), to: applied.touched.map { RecordVersion($0, before.value(of: $0)) }, by: first,
      at: story.clock.now())
    #expect(story.refuse(undo, as: first) == .undoLeavesNoAdmin)
    #expect(story.state.staffAccounts.count == 1)
    #expect(DomainError.undoLeavesNoAdmin.message(in: .zh).contains("管理员"))
  }

  @Test func aClerkCannotUndoAProblemOnlyAHeadMayClose() throws {
    var story = try richStory()
    let problem = try #require(story.state.problems.values.first { $0.status == .replied }).id
    try story.run(.feedBackProblem(problem, "反馈"), as: Story.clerk)
    try story.run(.followUpProblem(problem, "回头看"), as: Story.clerk)
    try story.run(.evaluateProblem(problem, .good, note: ""), as: Story.head)
    let before = story.state
    let close = Change.closeProblem(problem, note: "办结")
    let applied = try apply(close, to: before, actor: Story.head, now: story.clock.now())
    story.state = applied.state
    let undo = Change.revert(
      close, to: [RecordVersion(RecordRef(problem), before.value(of: RecordRef(problem)))], by: Story.head,
      at: story.clock.now())
    #expect(story.refuse(undo, as: Story.clerk) == .notPermitted(role: .clerk, required: .head))
    // Nor can a clerk put the old problem back through a restore: that is an admin's tool.
    #expect(
      story.refuse(
        .restore([RecordVersion(RecordRef(problem), before.value(of: RecordRef(problem)))]), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .admin))
  }

  @Test func anUndoCannotWriteValuesTheChangeDidNotReplace() throws {
    var story = try richStory()
    let problem = try #require(story.state.problems.values.first { $0.status == .replied })
    let before = story.state
    let feedBack = Change.feedBackProblem(problem.id, "群众满意")
    let applied = try apply(feedBack, to: before, actor: Story.clerk, now: story.clock.now())
    story.state = applied.state
    // A forged undo that "puts back" the problem as closed, which a clerk may never make it.
    var closed = problem
    closed.status = .closed
    let forged = Change.revert(
      feedBack, to: [RecordVersion(RecordRef(problem.id), .problem(closed))], by: Story.clerk,
      at: story.clock.now())
    #expect(story.refuse(forged, as: Story.clerk) == .notARevert)
    // Nor one that touches a record the change did not touch.
    let other = try #require(story.state.departments.values.first)
    let wider = Change.revert(
      feedBack,
      to: [RecordVersion(RecordRef(problem.id), .problem(problem)), RecordVersion(RecordRef(other.id), nil)],
      by: Story.clerk, at: story.clock.now())
    #expect(story.refuse(wider, as: Story.clerk) == .notARevert)
    // A register record put back must pass the rules a put of it would.
    let member = try #require(story.state.members.values.first)
    var renamed = member
    renamed.name = "张三丰"
    try story.run(.putMember(renamed), as: Story.clerk)
    var blank = member
    blank.name = " "
    let blankUndo = Change.revert(
      .putMember(renamed), to: [RecordVersion(RecordRef(member.id), .member(blank))], by: Story.clerk,
      at: story.clock.now())
    #expect(story.refuse(blankUndo, as: Story.clerk) == .required(.name))
    // The true undo passes.
    let undo = Change.revert(
      .putMember(renamed), to: [RecordVersion(RecordRef(member.id), .member(member))], by: Story.clerk,
      at: story.clock.now())
    try story.run(undo, as: Story.clerk)
    #expect(story.state.members[member.id] == member)
  }
}
