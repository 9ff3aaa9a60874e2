import Foundation
import Testing

@testable import Domain

@Suite struct GroupAndRestoreTests {
  @Test func anImportIsAppliedAllOrNothing() throws {
    var story = Story()
    let sector = try story.addSector("特邀界别")
    let first: MemberID = story.newID()
    let second: MemberID = story.newID(offset: 1)
    let good = Change.group([
      .putMember(Member(id: first, name: "甲", sector: sector)),
      .putMember(Member(id: second, name: "乙", sector: sector)),
    ])
    let bad = Change.group([
      .putMember(Member(id: first, name: "甲", sector: sector)),
      .putMember(Member(id: second, name: "", sector: sector)),
    ])
    let before = story.state
    let error = story.refuse(bad, as: Story.clerk)
    #expect(error == .inGroup(index: 1, error: .required(.name)))
    #expect(error?.message(in: .zh).hasPrefix("第 2 项未能完成，整批均未保存") == true)
    #expect(story.state == before)
    #expect(story.state.members[first] == nil)
    let touched = try story.run(good, as: Story.clerk)
    #expect(touched == [RecordRef(first), RecordRef(second)])
    #expect(story.state.count(of: .member) == 2)
    #expect(good.summary(in: .en) == "Changed 2 items in a batch")
    // Every change inside is checked against the actor's role.
    let mixed = Change.group([
      .putMember(Member(id: story.newID(), name: "丙")),
      .putStaffAccount(
        StaffAccount(id: story.newID(offset: 1), userName: "x", displayName: "x", role: .clerk)),
    ])
    #expect(
      story.refuse(mixed, as: Story.clerk)
        == .inGroup(index: 1, error: .notPermitted(role: .clerk, required: .admin)))
  }

  @Test func undoingWithRestorePutsBackTheOldValuesAndTheIndexesFollow() throws {
    var story = try richStory()
    let department = try #require(story.state.departments.values.first).id
    let problem = try #require(story.state.problems(status: .raised).first).id
    let before = story.state

    // The Store's undo recipe: remember the touched records' old values, apply, restore them.
    let change = Change.group([
      .assignProblem(problem, department, due: day("2026-02-10"), note: ""),
      .putDepartment(Department(id: story.newID(), name: "新部门")),
    ])
    let applied = try apply(change, to: story.state, actor: Story.clerk, now: story.clock.now())
    let undo = Change.revert(
      change, to: applied.touched.map { RecordVersion($0, before.value(of: $0)) }, by: Story.clerk,
      at: story.clock.now())
    story.state = applied.state
    #expect(story.state.overdueProblems(today: day("2026-03-01")).map(\.id).contains(problem))
    // Two kinds of change in one group: named by the last, with the count of the others.
    #expect(undo.summary(in: .en) == "Undo: Saved department 新部门 (with 1 more change(s))")

    try story.run(undo, as: Story.clerk)
    #expect(story.state.problems == before.problems)
    #expect(story.state.departments == before.departments)
    #expect(!story.state.overdueProblems(today: day("2026-03-01")).map(\.id).contains(problem))
    #expect(
      story.state.problems(department: department).map(\.id)
        == before.problems(department: department).map(\.id))
    #expect(story.state.indexesAreConsistent)

    // Redo makes the change again.
    try story.run(change, as: Story.clerk)
    #expect(story.state == applied.state)
    #expect(story.state.indexesAreConsistent)
  }

  @Test func restoreIsRefusedWhenAValueDoesNotMatchItsRecord() throws {
    var story = try richStory()
    let member = try #require(story.state.members.values.first)
    let error = story.refuse(
      .restore([(RecordRef(.member, member.id.raw + 1000), .member(member))]), as: Story.admin)
    #expect(error == .restoreMismatch(RecordRef(.member, member.id.raw + 1000)))
    // A restore can write any value, so only an admin may use it (undo is a revert).
    let consultation = try #require(story.state.consultations.values.first)
    #expect(
      story.refuse(.restore([(RecordRef(consultation.id), .consultation(consultation))]), as: Story.head)
        == .notPermitted(role: .head, required: .admin))
  }
}

extension GroupAndRestoreTests {
  @Test func aProblemRaisedAndAssignedInOneFormIsNamedByItsTitleNotItsNumber() throws {
    let story = try richStory()
    let department = try #require(story.state.departments.values.first)
    let source = try #require(story.state.problems.values.first).source
    let problem: ProblemID = story.newID()
    let raiseAndAssign = Change.group([
      .raiseProblemByMember(problem, source, title: "宝塔坪段垃圾堆放", description: "", member: nil),
      .assignProblem(problem, department.id, due: day("2026-12-15"), note: ""),
    ])
    let line = raiseAndAssign.summary(in: .zh, before: story.state)
    #expect(line == "问题“宝塔坪段垃圾堆放”交办\(department.name)，限2026-12-15前（连同另外 1 项修改）")
  }
}
