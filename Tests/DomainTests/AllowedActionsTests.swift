import Foundation
import Testing

@testable import Domain

/// `allowedActions` answers what a screen may offer; it must agree with what `apply` then does.
/// (Out-of-order steps are named as such for every user, as the menu shows them.)
@Suite struct AllowedActionsTests {
  /// The change each problem step makes, with valid contents, so only order and role can refuse it.
  func change(_ action: RecordAction, _ id: ProblemID, _ department: DepartmentID) -> Change? {
    let due = day("2026-12-01")
    switch action {
    case .assignProblem: return .assignProblem(id, department, due: due, note: "")
    case .replyProblem: return .replyProblem(id, "答复")
    case .feedBackProblem: return .feedBackProblem(id, "反馈")
    case .followUpProblem: return .followUpProblem(id, "回头看")
    case .evaluateProblem: return .evaluateProblem(id, .good, note: "")
    case .closeProblem: return .closeProblem(id, note: "")
    case .redoProblem: return .redoProblem(id, due: due, note: "")
    case .edit, .archive, .unarchive: return nil
    }
  }

  @Test func everyProblemStepIsAllowedExactlyWhenApplyAcceptsIt() throws {
    var story = Story(today: day("2026-11-01"))
    let member = try story.addMember("刘委员")
    let river = try story.addRiver("梅溪河", segments: ["城区段"])
    let patrol = try story.addPatrol(river: river, members: [member], date: day("2026-10-30"))
    let department = try story.addDepartment("县生态环境局")
    let id = try story.raise("排污口污水直排", from: .patrol(patrol))
    // Walk the loop; at every status ask each user, and compare with a real apply.
    let walk: [Change] = [
      .assignProblem(id, department, due: day("2026-11-30"), note: ""), .replyProblem(id, "r"),
      .feedBackProblem(id, "f"), .followUpProblem(id, "u"), .evaluateProblem(id, .good, note: ""),
    ]
    var checked = 0
    for next in [nil] + walk {
      if let next { try story.run(next, as: Story.head) }
      for actor in [Story.reader, Story.clerk, Story.head] {
        let now = story.clock.now()
        let answers = story.state.allowedActions(for: RecordRef(id), actor: actor, now: now)
        #expect(answers.map(\.action) == RecordAction.problemSteps)
        for answer in answers {
          let step = try #require(change(answer.action, id, department))
          func refusal(as user: ActingUser) -> DomainError? {
            do throws(DomainError) {
              _ = try apply(step, to: story.state, actor: user, now: now)
              return nil
            } catch {
              return error
            }
          }
          #expect(answer.isAllowed == (refusal(as: actor) == nil), "\(answer.action) as \(actor.userName)")
          // The loop's order is named first (it holds for everyone); else the role, as apply says.
          let expected = answer.isOutOfOrder ? refusal(as: Story.admin) : refusal(as: actor)
          #expect(answer.refusal == expected, "\(answer.action) as \(actor.userName)")
          #expect(answer.action.requiredRole(for: .problem) == step.requiredRole(in: story.state))
          checked += 1
        }
      }
    }
    #expect(checked == 6 * 3 * 7)
  }

  @Test func archivableRecordsOfferArchiveOrUnarchiveAndEditByRole() throws {
    var story = Story(today: day("2026-11-01"))
    let department = try story.addDepartment("县水利局")
    let ref = RecordRef(department)
    let clerk = story.state.allowedActions(for: ref, actor: Story.clerk, now: story.clock.now())
    #expect(clerk.map(\.action) == [.edit, .archive, .unarchive])
    #expect(clerk.map(\.isAllowed) == [true, true, false])
    #expect(clerk.last?.isOutOfOrder == true)
    let reader = story.state.allowedActions(for: ref, actor: Story.reader, now: story.clock.now())
    #expect(reader.allSatisfy { !$0.isAllowed })
    #expect(
      story.state.allowedActions(for: RecordRef(.department, 9999), actor: Story.clerk, now: .now).isEmpty)
  }
}
