import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// The supervision figures of a board and of the Overview open the topics behind them, one figure
/// at a time, each list exactly as long as its figure; Enter shows a topic, Esc comes back.
@Suite struct SupervisionDrillStories {
  @Test("a head opens the topics behind each supervision figure of the boards, one, and comes back")
  func boardsTopicsAndBack() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"), .character("p"), .character("p"), .character("p"))
    #expect(world.runtime.state.boards.period == .allTime)
    let figures = try #require(world.runtime.state.boards.model?.figures)
    world.press(.character("S"))
    var topics = try #require(world.runtime.state.boards.topics)
    // The overdue follow-ups first when there are any, else the decided topics.
    let first: SupervisionDrill.Figure = figures.followUpsOverdue > 0 ? .followUpsOverdue : .decided
    #expect(topics.figure == first)
    var counts: [SupervisionDrill.Figure: Int] = [:]
    for _ in SupervisionDrill.Figure.allCases {
      topics = try #require(world.runtime.state.boards.topics)
      counts[topics.figure] = topics.rows.count
      // The title's count reads as the board's figure: the evaluations as commended/evaluated.
      let count =
        topics.figure == .evaluated
        ? "\(figures.topicsCommended)/\(figures.topicEvaluations)" : "\(topics.rows.count)"
      #expect(world.backend.screen.text.contains(tr(topics.figure.labelKey, .en) + " " + count))
      world.press(.tab)
    }
    #expect(world.runtime.state.boards.topics?.figure == first, "Tab comes round to the first figure")
    #expect(counts[.followUpsOverdue] == figures.followUpsOverdue)
    #expect(counts[.decided] == figures.topicsDecided)
    #expect(counts[.evaluated] == figures.topicEvaluations)
    #expect((counts[.decided] ?? 0) > 1, "the demo decides topics")

    // Enter shows the selected topic in the supervision section; back on the board, the list is
    // still open at its selection, and Esc returns to the board.
    while world.runtime.state.boards.topics?.figure != .decided { world.press(.tab) }
    world.press(.character("j"))
    let chosen = try #require(world.runtime.state.boards.topics?.rows[1].item)
    world.press(.enter)
    #expect(world.runtime.state.section == .supervision)
    #expect(world.runtime.state.supervision.selectedID == chosen)
    world.press(.character("0"))
    #expect(world.runtime.state.boards.topics?.selection == 1)
    world.press(.escape)
    #expect(world.runtime.state.boards.topics == nil)
    #expect(world.runtime.state.boards.period == .allTime)
  }

  @Test("the Overview's supervision figures open the same topics for its period")
  func overviewTopics() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 80, height: 24))
    world.press(.character("1"))
    let figures = world.runtime.state.overview.figures.headline
    world.press(.character("S"))
    let topics = try #require(world.runtime.state.overview.topics)
    let expected = topics.figure == .followUpsOverdue ? figures.followUpsOverdue : figures.topicsDecided
    #expect(topics.rows.count == expected)
    #expect(world.backend.screen.text.contains(tr(topics.figure.labelKey, .zh)))
    world.press(.escape)
    #expect(world.runtime.state.overview.topics == nil)
    #expect(world.backend.screen.text.contains(tr("section.overview", .zh)))
  }
}
