import Domain
import Foundation
import Testing
import Widgets

@testable import App

/// A saved view recalled on a long list whose rows are still being made (载入中 N%) is the view the
/// list shows once the rows come in: its sort and its text filter, not the list's own first sort.
@Suite struct ViewRecalledWhileLoadingStories {
  @Test("a view recalled with Alt-1 while the visits are loading sorts and filters them when they come")
  func aViewRecalledWhileLoadingIsAppliedWhenTheRowsArrive() throws {
    let gate = BackgroundGate()
    gate.hold()
    defer { gate.release() }
    let world = try ListRowsInTheBackground.world(gate: gate)
    // 何晓敏's view of the visits: by place, those whose text holds a place's first two characters.
    let place = try #require(world.store.state.visits.values.map(\.place).filter { $0.count >= 2 }.min())
    let text = String(place.prefix(2))
    let settings = [
      ViewSetting("filter", text), ViewSetting("sort", "1+"), ViewSetting("archived", "0"),
    ]
    world.apply(
      .saveView(
        SavedView(
          id: world.store.state.newID(), owner: "hexm", place: "visits", slot: 1, name: "按地点",
          settings: settings)))

    // The visits are still being made when she comes and recalls the view.
    world.press([.character("8")])
    #expect(world.screen.contains("载入中"))
    let build = try #require(world.state.visits.list.pending)
    world.press([.alt("1")])
    #expect(world.state.message?.text.contains("按地点") == true)
    #expect(world.screen.contains("载入中"))

    // The rows come in on a tick: sorted by place and filtered by her text.
    gate.release()
    #expect(build.wait(seconds: 60))
    world.runtime.send(.terminal(.tick))
    world.press([])
    #expect(!world.state.isLoadingRows)
    #expect(world.state.visits.table.sort == TableSort(column: 1, ascending: true))
    #expect(world.state.visits.table.filter == text)
    let shown = world.state.visits.shownRefs
    #expect(!shown.isEmpty)
    #expect(shown.count < world.store.state.visits.count, "the filter let fewer visits through")

    // The same as the view recalled on the rows once they are in.
    world.press([.alt("1")])
    #expect(world.state.visits.shownRefs == shown)
  }
}
