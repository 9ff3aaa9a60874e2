import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// The Overview's "follow-ups due this week": counted once, then carried through each change by the
/// topics it touched, not by reading every supervision topic again.
@Suite struct FollowUpsDueStories {
  @Test("a follow-up recorded takes its topic out of the count, and only the touched topic is read")
  func aChangeReadsOnlyItsTopics() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let data = world.state.data
    let topic = try #require(
      data.supervisionItems.values.first { $0.awaitsFollowUp && $0.followUpDue != nil },
      "the demo has a topic awaiting its follow-up")
    let due = try #require(topic.followUpDue)
    // A day on which the topic falls due within the week.
    var context = world.state.context
    context.today = due.adding(days: -2)
    var screen = OverviewScreen()
    screen.rebuild(context: context)
    let before = OverviewFigures.followUpsDue(in: data, today: context.today)
    #expect(before >= 1)
    #expect(screen.figures.followUpsDueThisWeek == before)
    // A count that a walk over every topic would not give: what follows must be carried from it.
    var carried = screen
    carried.figures.followUpsDueThisWeek += 100

    world.apply(
      .recordFollowUpInspection(topic.id, FollowUpRecord(date: context.today, finding: "已整改")))
    #expect(
      world.state.data.supervisionItems[topic.id]?.followUpInspection != nil, "the follow-up was recorded")
    var after = world.state.context
    after.today = context.today
    screen.rebuild(context: after)
    carried.rebuild(context: after)
    let walked = OverviewFigures.followUpsDue(in: after.data, today: after.today)
    #expect(walked == before - 1)
    #expect(screen.figures.followUpsDueThisWeek == walked)
    #expect(carried.figures.followUpsDueThisWeek == walked + 100, "the count was carried, not walked again")

    // Another day, or changes the log no longer holds: counted again from every topic.
    var tomorrow = after
    tomorrow.today = after.today.adding(days: 1)
    carried.rebuild(context: tomorrow)
    #expect(
      carried.figures.followUpsDueThisWeek
        == OverviewFigures.followUpsDue(in: after.data, today: tomorrow.today))
  }
}
