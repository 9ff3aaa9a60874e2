import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

@Suite struct BoardControlsStories {
  @Test(
    "a head types a range on the boards: a malformed day and a reversed range are refused, a good one is shown"
  )
  func aRangeTypedOnTheBoards() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"), .character("r"))
    #expect(world.runtime.state.boards.controls.session != nil)
    #expect(world.backend.screen.text.contains("A range of days"))
    // A day that does not exist: the form says so and stays open; the period is unchanged.
    world.press(.ctrl("u"))
    world.type("2026-02-30")
    world.press(.enter, .enter)
    #expect(world.runtime.state.boards.controls.session != nil)
    #expect(world.runtime.state.boards.period == nil)
    #expect(world.backend.screen.text.contains("2026-02-30"))
    // A range the wrong way round.
    world.press(.up, .ctrl("u"))
    world.type("2026-09-30")
    world.press(.enter, .ctrl("u"))
    world.type("2026-07-01")
    world.press(.enter)
    #expect(world.runtime.state.boards.controls.session != nil)
    #expect(world.backend.screen.text.contains("The first day 2026-09-30 is after the last day 2026-07-01"))
    // Put right: the board shows the range, and its figures are the tally's for that range.
    world.press(.up, .ctrl("u"))
    world.type("2026-02-15")
    world.press(.enter, .ctrl("u"))
    world.type("2026-05-10")
    world.press(.enter)
    let range = try #require(Period(parsing: "2026-02-15..2026-05-10"))
    #expect(world.runtime.state.boards.controls.session == nil)
    #expect(world.runtime.state.boards.period == range)
    #expect(
      world.backend.screen.text.contains("2026-02-15 – 2026-05-10")
        || world.backend.screen.text.contains(range.title(in: .en)))
    let fresh = BoardTally(state: world.runtime.state.data).figures(range, today: world.runtime.state.today)
    #expect(world.runtime.state.boards.model?.figures == fresh)
  }

  @Test(
    "the Overview takes the same keys: a quarter, then a range, named in its title and agreeing with the boards"
  )
  func theOverviewFollowsAPeriod() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    world.press(.character("1"))
    #expect(world.backend.screen.text.contains("总览 · " + Period.year(2026).title(in: .zh)))
    world.press(.character("p"), .character("["))
    let quarter = Period.quarter(year: 2026, quarter: 3)
    #expect(world.runtime.state.overview.period == quarter)
    #expect(world.backend.screen.text.contains(quarter.title(in: .zh)))
    let overview = world.runtime.state.overview.figures.headline
    world.press(.character("0"), .character("p"), .character("["))
    #expect(world.runtime.state.boards.model?.figures == overview)
    world.press(.character("1"), .character("r"), .ctrl("u"))
    world.type("2026-13-01")
    world.press(.enter, .enter)
    #expect(world.runtime.state.overview.controls.session != nil)
    #expect(world.runtime.state.overview.period == quarter)
    world.press(.escape, .character("y"))
    // Esc with a change asks first; y discards.
    #expect(world.runtime.state.overview.controls.session == nil)
    #expect(world.runtime.state.overview.period == quarter)
  }

  @Test("x writes what the board shows, as Markdown or CSV, and names the file")
  func exportWritesTheScreensFigures() throws {
    let world = try DemoWorld(language: .zh, size: Size(width: 120, height: 40))
    nonisolated(unsafe) var written: [String: Data] = [:]
    world.runtime.writeExport = { data, path throws(ExportFileError) in written[path] = data }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
    world.press(.character("0"), .character("p"))
    world.press(.character("x"), .ctrl("u"))
    world.type(folder + "/board.md")
    world.press(.enter)
    let markdown = try #require(written[folder + "/board.md"].flatMap { String(data: $0, encoding: .utf8) })
    #expect(world.backend.screen.text.contains(folder + "/board.md"))
    let model = try #require(world.runtime.state.boards.model)
    let screen = world.backend.screen.text
    #expect(markdown.hasPrefix("# 看板 · " + model.period.title(in: .zh)))
    // Every figure of the headline is on screen and in the file with the same value.
    #expect(markdown.contains("| 收集问题 | \(model.figures.raised) |"))
    #expect(markdown.contains("| 逾期 | \(model.figures.overdue) |"))
    #expect(markdown.contains("| 协商 | \(model.figures.consultationsHeld) |"))
    #expect(screen.contains("收集问题 \(model.figures.raised)"))
    // The breakdown's first line, as on screen.
    let first = try #require(model.lines.first)
    #expect(markdown.contains("| \(first.name) | \(first.figures.assigned) | \(first.figures.closed) |"))
    #expect(screen.contains(first.name))

    world.press(.character("1"), .character("x"), .ctrl("u"))
    world.type(folder + "/overview.csv")
    world.press(.enter)
    let csv = try #require(written[folder + "/overview.csv"].flatMap { String(data: $0, encoding: .utf8) })
    let figures = world.runtime.state.overview.figures.headline
    #expect(csv.contains("未办结,\(figures.open)\r\n"))
    #expect(csv.contains("逾期,\(figures.overdue)\r\n"))
    #expect(world.backend.screen.text.contains("已导出到 " + folder + "/overview.csv"))
  }

  @Test("a CSV export neutralises a name that would run as a formula")
  func csvIsNeutralised() {
    let sheet = BoardSheet(
      title: "看板", figures: [("=HYPERLINK(\"x\")", "1")], tableTitle: "", header: [], rows: [])
    let text = String(decoding: sheet.csv(), as: UTF8.self)
    #expect(text.contains("'=HYPERLINK"))
  }

  @Test("the tally is counted once in the shell's state when a board is first shown, never in draw")
  func theTallyIsCountedWhenShown() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    var state = world.runtime.state
    // Another section is shown, then the boards: the tally is in the state before any frame.
    state.show(.problems)
    state.staleSections = Set(Section.allCases)
    state.tally = LiveTally()
    state.show(.boards)
    #expect(state.tally.tally == BoardTally(state: state.data))
    #expect(state.tally.version == state.dataVersion)
    #expect(state.boards.model?.figures == state.tally.tally?.figures(.year(2026), today: state.today))
    // Drawing reads what was counted: the context carries the tally, so no count happens there.
    #expect(state.context.tally != nil)
  }

  @Test(
    "supervision on the boards: topics decided and evaluations of the year, as the topics' own records say")
  func supervisionFollowsThePeriod() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("0"))
    let data = world.runtime.state.data
    let year = try #require(Period.year(2026).days)
    let decided = data.supervisionItems.values.filter { item in
      item.stageRecords.first { $0.stage == .decided && $0.outcome != .sentBack }.map {
        year.contains($0.date)
      }
        ?? false
    }
    let figures = try #require(world.runtime.state.boards.model?.figures)
    #expect(figures.topicsDecided == decided.count)
    let overdue = data.supervisionItems.values.filter { $0.isFollowUpOverdue(today: DemoWorld.today) }
    #expect(figures.followUpsOverdue == overdue.count)
    #expect(world.backend.screen.text.contains("Topics set \(decided.count)"))
  }
}
