import Domain
import Foundation

/// Everything a consultation of the demo records, step by step.
struct ConsultationPlan {
  var details: ConsultationDetails
  var opened: Day
  var topics: [String]
  var confirmed: String
  var research: [ResearchVisit]
  var meeting: Meeting
  var outcome: OutcomeReport
  var followUp: FollowUpRecord
  var evaluation: String
  /// The day each step is done, in order; steps whose day is after today are left undone.
  var stepDays: [Day]
  /// How many steps to do at most (a stalled consultation stops early).
  var stepsToDo: Int
}

extension DemoBuilder {
  @discardableResult
  mutating func consult(_ plan: ConsultationPlan) -> ConsultationID {
    let id: ConsultationID = newID()
    consultations.append(id)
    add(.openConsultation(id, plan.details), on: plan.opened)
    for (index, step) in plan.details.kind.steps.enumerated() {
      guard index < plan.stepsToDo, index < plan.stepDays.count, plan.stepDays[index] <= today else { break }
      let record: StepRecord
      switch step.recordKind {
      case .topics: record = .topics(plan.topics)
      case .confirmedTopic: record = .confirmedTopic(plan.confirmed)
      case .research: record = .research(plan.research)
      case .meeting:
        record = .meeting(plan.meeting)
        meetingDays[id] = plan.meeting.date
      case .outcome: record = .outcome(plan.outcome)
      case .followUp: record = .followUp(plan.followUp)
      case .evaluation: record = .evaluation(plan.evaluation)
      }
      add(.completeStep(id, step, record), on: plan.stepDays[index])
    }
    return id
  }

  /// Minutes laid out as secretaries write them: a speeches section and an opinions section.
  mutating func minutes(
    topic: String, host: String, speakers: [MemberID], departments: [DepartmentID],
    residents: String, extra: String = ""
  ) -> String {
    var lines = ["一、发言摘要"]
    lines.append("\(host)（主持人）：介绍\(topic)的背景和前期调研情况，请大家围绕找短板、提建议充分发言。\(extra)")
    for speaker in speakers {
      let name = members.first { $0.id == speaker }?.name ?? "委员"
      lines.append(
        "\(name)委员：\(random.pick(Vocabulary.facilities))\(random.pick(Vocabulary.issues))，"
          + "\(random.pick(Vocabulary.suggestions))。")
    }
    for department in departments {
      let name = Vocabulary.departments.first { departmentByName[$0.name] == department }?.name ?? "相关部门"
      lines.append("\(name)：对委员和群众的意见建议逐条回应，表示将研究制定整改方案，限期办理并及时反馈。")
    }
    if !residents.isEmpty {
      lines.append("居民代表\(residents)：希望问题早日解决，愿意参与后续的共建共治。")
    }
    lines.append("二、形成意见")
    let opinions = random.sample(Vocabulary.suggestions, 3)
    for (index, opinion) in opinions.enumerated() {
      lines.append("\(index + 1). \(opinion)。")
    }
    return lines.joined(separator: "\n")
  }

  /// Raises a problem and carries it through its loop as far as `target`, on days after `raised`;
  /// steps that would fall after today are not done. With `redo`, the first evaluation orders a redo.
  mutating func problem(
    from source: ProblemSource, title: String, description: String, raised: Day, department: DepartmentID,
    target: ProblemStatus, redo: Bool = false, reply: String? = nil, dueDays: Int = 30,
    member: MemberID? = nil
  ) {
    let id: ProblemID = newID()
    problemCount += 1
    if let member {
      add(
        .raiseProblemByMember(id, source, title: title, description: description, member: member), on: raised)
    } else {
      add(.raiseProblem(id, source, title: title, description: description), on: raised)
    }
    var day = raised
    func next(_ low: Int, _ high: Int, _ random: inout SeedRandom) -> Day {
      day = day.adding(days: random.between(low, high))
      return day
    }
    func reached(_ status: ProblemStatus) -> Bool { target.rawValue >= status.rawValue }
    guard reached(.assigned) else { return }
    var when = next(1, 5, &random)
    guard when <= today else { return }
    add(.assignProblem(id, department, due: when.adding(days: dueDays), note: "点对点交办"), on: when)
    var rounds = redo ? 2 : 1
    while rounds > 0 {
      rounds -= 1
      guard reached(.replied) else { return }
      when = next(5, 25, &random)
      guard when <= today else { return }
      add(.replyProblem(id, reply ?? random.pick(Vocabulary.replies)), on: when)
      guard reached(.fedBack) else { return }
      when = next(2, 7, &random)
      guard when <= today else { return }
      add(.feedBackProblem(id, random.pick(Vocabulary.feedbacks)), on: when)
      guard reached(.followedUp) else { return }
      when = next(5, 15, &random)
      guard when <= today else { return }
      add(.followUpProblem(id, random.pick(Vocabulary.followUps)), on: when)
      guard reached(.evaluated) else { return }
      when = next(2, 6, &random)
      guard when <= today else { return }
      if rounds > 0 {
        add(
          .evaluateProblemOnMeasures(
            id,
            SupervisionEvaluation(
              rectification: .fair, cooperation: .good, satisfaction: .fair, note: "整改不到位，群众满意度不高")),
          on: when)
        add(.redoProblem(id, due: when.adding(days: dueDays), note: "责成重新办理"), on: when)
        continue
      }
      let rating: Rating = random.chance(0.6) ? .excellent : .good
      add(
        .evaluateProblemOnMeasures(
          id,
          SupervisionEvaluation(
            rectification: rating, cooperation: .good, satisfaction: rating, note: "整改到位，群众满意")),
        on: when)
      guard reached(.closed) else { return }
      add(.closeProblem(id, note: "闭环销号"), on: when)
    }
  }

  /// Moves a new report along its chain to `status`, a few days a step, never past today.
  mutating func advance(
    _ id: OpinionReportID, to status: OpinionReportStatus, from submitted: Day, leader: String,
    instruction: String, department: DepartmentID, plan: String
  ) {
    var day = submitted
    for step in OpinionReportStatus.chain.dropFirst().prefix(status.rank) {
      day = day.adding(days: 4 + step.rank * 3)
      guard day <= today else { return }
      let change: OpinionReportStep
      switch step {
      case .submitted: continue
      case .adopted: change = .adopt(on: day)
      case .instructed: change = .instruct(by: leader, on: day, text: instruction)
      case .rectifying: change = .rectify(department: department, plan: plan, due: day.adding(days: 45))
      case .done: change = .complete(on: day, note: "")
      }
      add(.advanceOpinionReport(id, change), on: day)
    }
  }
}
