import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// The supervision screens over the demo committee on a fixed day, at both sizes in both languages.
@Suite struct SupervisionScreens {
  static let today = Day(year: 2026, month: 11, day: 26)!
  static let demo: CommitteeState? = try? Demo.state(today: today)

  func shell(_ language: Language, _ size: Size) throws -> (Runtime, VirtualBackend, CommitteeState) {
    let data = try #require(Self.demo)
    let backend = VirtualBackend(size: size)
    var state = AppState(
      language: language, size: size, actor: .staff("demo", .admin), data: data, today: Self.today)
    state.section = .supervision
    let runtime = Runtime(state: state, backend: backend)
    runtime.run(untilIdle: true)
    return (runtime, backend, data)
  }

  func press(_ runtime: Runtime, _ backend: VirtualBackend, _ keys: Key...) {
    backend.enqueue(keys.map { .key($0) })
    runtime.run(untilIdle: true)
  }

  /// The row of the topic redone and then commended (ID order, as the list shows).
  func redoneRow(_ data: CommitteeState) throws -> (Int, SupervisionItem) {
    let all = data.supervisionItems.values.sorted { $0.id < $1.id }
    let row = try #require(all.firstIndex { $0.title == "营商环境优化提升民主监督" })
    return (row, all[row])
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theDetailOfARedoneTopicShowsBothRoundsOnItsTimeline(language: Language, size: Size) throws {
    let (runtime, backend, data) = try shell(language, size)
    let (row, item) = try redoneRow(data)
    press(runtime, backend, .character("g"))
    backend.enqueue(Array(repeating: .key(.character("j")), count: row) + [.key(.enter)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.supervision.mode == .detail(item.id))
    #expect(backend.screen.text.contains(item.title))
    GoldenFile.assertMatches(backend.screen, named: "supervision-detail-\(language)-\(size)")
    // Further down: the redo, the second round and the commendation.
    press(runtime, backend, .character("G"))
    let bottom = backend.screen.text
    #expect(bottom.contains(tr(SupervisionVerdict.orderedToRedo.nameKey, language)))
    #expect(bottom.contains(tr(SupervisionVerdict.commended.nameKey, language)))
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theBoardCountsTopicsAndListsFollowUpsDueAndOverdue(language: Language, size: Size) throws {
    let (runtime, backend, data) = try shell(language, size)
    press(runtime, backend, .character("b"))
    let screen = backend.screen.text
    #expect(screen.contains(String(data.supervisionItems.count)))
    let overdue = data.followUpOverdueSupervisionItems(today: Self.today)
    #expect(!overdue.isEmpty)
    if size.height >= 40 {
      for item in overdue { #expect(screen.contains(item.title)) }
    }
    GoldenFile.assertMatches(backend.screen, named: "supervision-board-\(language)-\(size)")
    // The annual plan of this year, then Enter on its first topic opens it.
    press(runtime, backend, .character("y"))
    #expect(backend.screen.text.contains(tr("exchange.plan.title", language, String(Self.today.year))))
    GoldenFile.assertMatches(backend.screen, named: "supervision-plan-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theProposalAndEvaluationForms(language: Language, size: Size) throws {
    let (runtime, backend, data) = try shell(language, size)
    press(runtime, backend, .character("n"))
    #expect(backend.screen.text.contains(tr("supervision2.form.propose", language)))
    GoldenFile.assertMatches(backend.screen, named: "supervision-form-propose-\(language)-\(size)")
    press(runtime, backend, .escape)
    // A topic whose follow-up is done, awaiting its evaluation: none in the demo, so the form of
    // the redo under way (its next step is the second follow-up) stands in.
    let all = data.supervisionItems.values.sorted { $0.id < $1.id }
    let row = try #require(all.firstIndex { $0.title == "社区养老服务设施监督" })
    press(runtime, backend, .character("g"))
    backend.enqueue(Array(repeating: .key(.character("j")), count: row) + [.key(.character("a"))])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains(tr("supervision2.step.followUp", language)))
    GoldenFile.assertMatches(backend.screen, named: "supervision-form-followup-\(language)-\(size)")
  }
}
