import Domain
import Testing

@testable import Seed

/// The demo's supervision year, as the issue asks for it.
@Suite struct DemoSupervisionTests {
  @Test func theYangtzeTopicHasThirteenTripsSixtyOneSuggestionsAndEveryDatedStage() throws {
    let state = try Demo.state(today: DemoTests.today)
    let yangtze = try #require(state.supervisionItems.values.first { $0.title == "长江生态环境保护民主监督" })
    #expect(yangtze.researchTrips.count == 13)
    #expect(yangtze.suggestions.count == 61)
    #expect(yangtze.stageRecords.map(\.stage) == [.proposed, .discussed, .reviewed, .decided])
    #expect(yangtze.teams.count == 2)
    #expect(!yangtze.localities.isEmpty)
    #expect(yangtze.meeting?.minutes.isEmpty == false)
    #expect(yangtze.isClosed)
    #expect(yangtze.evaluation?.publicity.isEmpty == false)
  }

  @Test func topicsStandAtEveryTurnOfTheLoopIncludingOneRedoneAndReEvaluated() throws {
    let today = DemoTests.today
    let state = try Demo.state(today: today)
    let items = Array(state.supervisionItems.values)
    let redone = try #require(items.first { $0.title == "营商环境优化提升民主监督" })
    #expect(redone.evaluations.map(\.verdict) == [.orderedToRedo, .commended])
    #expect(redone.redoCount == 1)
    #expect(redone.followUps.count == 2)
    #expect(redone.consultation != nil, "linked to a consultation record")
    #expect(items.contains { $0.sentBack != nil }, "one sent back by the chairs' meeting")
    #expect(
      items.contains { $0.evaluation?.verdict == .orderedToRedo && $0.awaitsFollowUp }, "a redo under way")
    let dueThisWeek = items.filter {
      guard let due = $0.followUpDue, $0.awaitsFollowUp else { return false }
      return due >= today && due <= today.adding(days: 7)
    }
    #expect(!dueThisWeek.isEmpty, "a follow-up due this week")
    #expect(!state.followUpOverdueSupervisionItems(today: today).isEmpty)
    for stage in SupervisionStage.allCases {
      #expect(items.contains { $0.stage == stage }, "a topic at \(stage)")
    }
  }
}
