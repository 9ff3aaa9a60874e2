import Domain
import Foundation
import Localization
import TerminalCore
import Testing
import Widgets

@testable import App

/// The language changed, or the day turned at midnight, while a long list is shown: the app goes
/// on answering keys. Another language makes only what hangs on it again (the cells, made when
/// drawn, and the search keys, on another thread); a new day makes a long list's rows again on the
/// lists' thread.
@Suite struct LanguageChangeStories {
  @Test("rows in another language keep their entries and order; their cells and keys are in it")
  func rowsFollowALanguageChange() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
    let zh = world.state.context
    var rows = VisitsList.rows(context: zh)
    rows.prepareSearchKeys(all: true)
    var en = zh
    en.language = .en
    // Without a change of the data, the rows follow: they are not made again.
    let followed = rows.follow(VisitsList.self, builtAt: zh.dataVersion, context: en)
    #expect(followed)
    LazyRowsMatch.expect(rows, equals: VisitsList.rowsMadeWhole(context: en), VisitsList.self)
    // A short list makes its keys at once (a long one on another thread), in English.
    rows.prepareSearchKeys(all: true)
    var whole = VisitsList.rowsMadeWhole(context: en)
    whole.prepareSearchKeys(all: true)
    #expect(rows.searchKeys == whole.searchKeys)
    #expect(rows.cells(row: 0) != VisitsList.rows(context: zh).cells(row: 0), "the cells are made in English")
  }

  @Test("the language changed on a list: drawn in it at once, its rows not made again, keys rebuilt")
  func aListShownInTheOtherLanguage() throws {
    let gate = BackgroundGate()
    let world = try ListRowsInTheBackground.world(gate: gate)
    let build = try #require(
      world.state.indexes.rowsPreparation.build(VisitsList.self, context: world.state.context))
    #expect(build.wait(seconds: 60))
    world.press([.character("8")])
    world.runtime.send(.terminal(.tick))
    world.press([.character("j")])
    #expect(!world.state.isLoadingRows)
    let selected = world.state.visits.list.selectedRef
    let refs = world.state.visits.list.source?.refs
    world.runtime.changeLanguage(to: .en)
    world.press([])
    #expect(!world.state.isLoadingRows, "no rows made again, here or elsewhere")
    #expect(world.state.visits.list.source?.refs == refs)
    #expect(world.state.visits.list.selectedRef == selected)
    let shown = try #require(world.state.visits.list.source)
    LazyRowsMatch.expect(
      shown, equals: VisitsList.rowsMadeWhole(context: world.state.context), VisitsList.self)
    #expect(world.screen.contains("Visits"))
    // `/` finds English words (the keys were made again, in English).
    world.press([.character("/")])
    world.type("village")
    #expect(world.state.visits.table.count(in: try #require(world.state.visits.list.view)) > 0)
  }

  @Test("the day turns at midnight on a long list: its rows are made again on the lists' thread")
  func theDayTurnsOnALongList() throws {
    let gate = BackgroundGate()
    let world = try ListRowsInTheBackground.world(gate: gate)
    let build = try #require(
      world.state.indexes.rowsPreparation.build(SupervisionList.self, context: world.state.context))
    #expect(build.wait(seconds: 60))
    world.press([.character("3")])
    world.runtime.send(.terminal(.tick))
    world.press([.character("j")])
    #expect(!world.state.isLoadingRows)
    let selected = world.state.supervision.list.selectedRef
    world.clock.advance(days: 1)
    world.runtime.housekeeping()
    world.press([])
    #expect(world.state.isLoadingRows, "the rows are not made again on the app's thread")
    let again = try #require(world.state.supervision.list.pending)
    #expect(again.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([])
    #expect(!world.state.isLoadingRows)
    #expect(world.state.supervision.list.selectedRef == selected)
    let shown = try #require(world.state.supervision.list.source)
    LazyRowsMatch.expect(
      shown, equals: SupervisionList.rowsMadeWhole(context: world.state.context), SupervisionList.self)
  }
}
