import Foundation
import Testing

@testable import Domain

@Suite struct ProblemTests {
  /// A patrol of 梅溪河 that found sewage at an outlet.
  func raisedProblem() throws -> (Story, ProblemID, DepartmentID, PatrolID) {
    var story = Story(today: day("2026-11-01"))
    let member = try story.addMember("刘委员")
    let river = try story.addRiver("梅溪河", segments: ["城区段", "乡镇段"])
    let patrol = try story.addPatrol(river: river, members: [member], date: day("2026-10-30"))
    let department = try story.addDepartment("县生态环境局")
    let problem = try story.raise("排污口污水直排", from: .patrol(patrol))
    return (story, problem, department, patrol)
  }

  @Test func aProblemFoundOnPatrolIsCarriedAroundTheWholeLoop() throws {
    var (story, id, department, patrol) = try raisedProblem()
    #expect(story.state.problems(from: .patrol(patrol)).map(\.id) == [id])
    try story.run(.assignProblem(id, department, due: day("2026-11-30"), note: "点对点交办"), as: Story.clerk)
    try story.run(.replyProblem(id, "已封堵排污口"), as: Story.clerk)
    try story.run(.feedBackProblem(id, "已向委员和群众反馈"), as: Story.clerk)
    try story.run(.followUpProblem(id, "回头看：无直排"), as: Story.clerk)
    #expect(
      story.refuse(.evaluateProblem(id, .good, note: ""), as: Story.clerk)
        == .notPermitted(role: .clerk, required: .head))
    try story.run(.evaluateProblem(id, .good, note: "满意"), as: Story.head)
    try story.run(.closeProblem(id, note: "闭环"), as: Story.head)
    let problem = try #require(story.state.problems[id])
    #expect(problem.status == .closed)
    #expect(
      problem.history.map(\.status) == [
        .raised, .assigned, .replied, .fedBack, .followedUp, .evaluated, .closed,
      ])
    #expect(problem.history.last?.actor == Story.head.userName)
    #expect(problem.reply == "已封堵排污口")
    #expect(story.state.problems(status: .closed).map(\.id) == [id])
    #expect(story.state.problems(department: department).map(\.id) == [id])
    #expect(!problem.isOverdue(today: day("2027-06-01")), "a closed problem is never overdue")
    #expect(story.state.overdueProblems(today: day("2027-06-01")).isEmpty)
    #expect(story.state.indexesAreConsistent)
  }

  @Test func stepsOutOfOrderAreRefusedWithTheStatusNamed() throws {
    var (story, id, department, _) = try raisedProblem()
    #expect(
      story.refuse(.replyProblem(id, "答复"), as: Story.clerk)
        == .illegalTransition(from: .raised, to: .replied))
    #expect(
      story.refuse(.closeProblem(id, note: ""), as: Story.head)
        == .illegalTransition(from: .raised, to: .closed))
    try story.run(.assignProblem(id, department, due: day("2026-11-30"), note: ""), as: Story.clerk)
    #expect(story.refuse(.replyProblem(id, "  "), as: Story.clerk) == .required(.text))
    #expect(
      story.refuse(.followUpProblem(id, "x"), as: Story.clerk)
        == .illegalTransition(from: .assigned, to: .followedUp))
    // Reassigning to another department is allowed while still assigned.
    let other = try story.addDepartment("县水利局")
    try story.run(.assignProblem(id, other, due: day("2026-12-15"), note: "改派"), as: Story.clerk)
    #expect(story.state.problems(department: department).isEmpty)
    #expect(story.state.problems(department: other).map(\.id) == [id])
    #expect(
      story.refuse(.raiseProblem(id, .patrol(ID(raw: 999)), title: "x", description: ""), as: Story.clerk)
        == .alreadyExists(RecordRef(id)))
    let missing: ProblemID = story.newID()
    #expect(
      story.refuse(.raiseProblem(missing, .visit(ID(raw: 999)), title: "x", description: ""), as: Story.clerk)
        == .missingReference(RecordRef(.visit, 999)))
  }

  @Test func aHeadOrdersARedoAndTheProblemGoesBackToItsDepartment() throws {
    var (story, id, department, _) = try raisedProblem()
    try story.run(.assignProblem(id, department, due: day("2026-11-30"), note: ""), as: Story.clerk)
    try story.run(.replyProblem(id, "已处理"), as: Story.clerk)
    try story.run(.feedBackProblem(id, "已反馈"), as: Story.clerk)
    try story.run(.followUpProblem(id, "回头看仍有直排"), as: Story.clerk)
    try story.run(.evaluateProblem(id, .poor, note: "不满意"), as: Story.head)
    try story.run(.redoProblem(id, due: day("2026-12-31"), note: "责成重新办理"), as: Story.head)
    let problem = try #require(story.state.problems[id])
    #expect(problem.status == .assigned)
    #expect(problem.redoCount == 1)
    #expect(problem.due == day("2026-12-31"))
    #expect(problem.department == department)
    #expect(problem.reply.isEmpty)
    #expect(story.state.problems(status: .evaluated).isEmpty)
    #expect(story.state.problems(status: .assigned).map(\.id) == [id])
  }

  @Test func overdueIsComputedFromTheDueDayAndTheTestClock() throws {
    var (story, id, department, patrol) = try raisedProblem()
    let later = try story.raise("河岸垃圾", from: .patrol(patrol))
    #expect(!story.state.problems[id]!.isOverdue(today: day("2030-01-01")), "no due day, never overdue")
    try story.run(.assignProblem(id, department, due: day("2026-11-10"), note: ""), as: Story.clerk)
    try story.run(.assignProblem(later, department, due: day("2026-11-20"), note: ""), as: Story.clerk)
    #expect(story.state.overdueProblems(today: story.today).isEmpty)
    story.clock.advance(days: 10)  // 2026-11-11
    #expect(story.state.overdueProblems(today: story.today).map(\.id) == [id])
    story.clock.advance(days: 10)  // 2026-11-21
    #expect(story.state.overdueProblems(today: story.today).map(\.id) == [id, later])
    // Replying does not stop the clock; closing does.
    try story.run(.replyProblem(id, "答复"), as: Story.clerk)
    #expect(story.state.problems[id]!.isOverdue(today: story.today))
    try story.run(.feedBackProblem(id, "反馈"), as: Story.clerk)
    try story.run(.followUpProblem(id, "回头看"), as: Story.clerk)
    try story.run(.evaluateProblem(id, .good, note: ""), as: Story.head)
    try story.run(.closeProblem(id, note: ""), as: Story.head)
    #expect(story.state.overdueProblems(today: story.today).map(\.id) == [later])
    #expect(story.state.indexesAreConsistent)
  }

  @Test func archivedDepartmentsCannotBeGivenNewProblems() throws {
    var (story, id, department, _) = try raisedProblem()
    try story.run(.archive(RecordRef(department)), as: Story.clerk)
    #expect(
      story.refuse(.assignProblem(id, department, due: day("2026-11-30"), note: ""), as: Story.clerk)
        == .archivedReference(RecordRef(department), name: "县生态环境局"))
    try story.run(.unarchive(RecordRef(department)), as: Story.clerk)
    try story.run(.assignProblem(id, department, due: day("2026-11-30"), note: ""), as: Story.clerk)
  }
}
