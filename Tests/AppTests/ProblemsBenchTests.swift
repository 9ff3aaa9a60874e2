import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// Figures for the report, not assertions: how long the problems board takes per key with about a
/// million problems. Run in a release build:
/// `SHANGLIANG_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter AppTests.ProblemsBench`
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SHANGLIANG_BENCH"] == "1"))
struct ProblemsBench {
  static let places = ["解放碑", "七星岗", "石坪桥", "菜园坝", "朝天门", "两路口", "上清寺", "化龙桥", "大溪沟", "南纪门"]
  static let things = ["路灯", "排水沟", "公共厕所", "人行天桥", "菜市场", "停车位", "垃圾中转站", "健身步道"]
  static let issues = ["不亮", "堵塞", "年久失修", "占道经营", "噪声扰民", "设施老化", "标识缺失"]

  /// A committee with `count` problems in every state of the loop, built through the Domain rules.
  static func state(problems count: Int, today: Day) throws -> CommitteeState {
    let actor = ActingUser.staff("bench", .admin)
    let now = today.noonUTC
    var state = CommitteeState()
    var departments: [DepartmentID] = []
    for name in ["区生态环境局", "城市管理局", "区交通局", "区水利局", "区民政局", "区教委", "区商务委", "区住房城乡建委"] {
      let id: DepartmentID = state.newID()
      state = try apply(.putDepartment(Department(id: id, name: name)), to: state, actor: actor, now: now)
        .state
      departments.append(id)
    }
    let consultation: ConsultationID = state.newID()
    state = try apply(
      .openConsultation(consultation, ConsultationDetails(title: "背街小巷改造协商")), to: state, actor: actor,
      now: now
    ).state
    var random = SystemRandomNumberGenerator()
    for n in 0..<count {
      let id: ProblemID = state.newID()
      let title =
        places[n % places.count] + "社区" + things[(n / 10) % things.count] + issues[(n / 80) % issues.count]
      var changes: [Change] = [.raiseProblem(id, .consultation(consultation), title: title, description: "")]
      let stage = Int.random(in: 0..<7, using: &random)
      if stage >= 1 {
        let due = today.adding(days: Int.random(in: -400..<200, using: &random))
        changes.append(.assignProblem(id, departments[n % departments.count], due: due, note: ""))
      }
      if stage >= 2 { changes.append(.replyProblem(id, "已答复")) }
      if stage >= 3 { changes.append(.feedBackProblem(id, "已反馈")) }
      if stage >= 4 { changes.append(.followUpProblem(id, "已回头看")) }
      if stage >= 5 { changes.append(.evaluateProblem(id, .good, note: "")) }
      if stage >= 6 { changes.append(.closeProblem(id, note: "")) }
      for change in changes { state = try apply(change, to: state, actor: actor, now: now).state }
    }
    return state
  }

  static func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
  }

  static func summary(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return "-" }
    let median = sorted[sorted.count / 2]
    let p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    return String(
      format: "median %.3f ms, p99 %.3f ms, max %.3f ms (n=%d)", median, p99, sorted.last ?? 0, sorted.count)
  }

  @Test func keysOnABoardOfAMillionProblems() throws {
    let count = Int(ProcessInfo.processInfo.environment["SHANGLIANG_BENCH_PROBLEMS"] ?? "") ?? 1_000_000
    let today = Day(year: 2026, month: 11, day: 26)!
    var data = CommitteeState()
    let built = Self.milliseconds {
      do { data = try Self.state(problems: count, today: today) } catch { Issue.record(error) }
    }
    print("bench: built \(data.problems.count) problems through Domain.apply in \(Int(built)) ms")
    var state = AppState(
      language: .zh, size: Size(width: 120, height: 40), actor: .staff("bench", .admin),
      data: CommitteeState(),
      today: today)
    state.section = .problems
    let index = Self.milliseconds { _ = Update.update(&state, .dataChanged(data)) }
    print(
      "bench: data change on the problems board (index, due order, rows) \(String(format: "%.1f", index)) ms")
    var tally = BoardTally()
    let counted = Self.milliseconds { tally = BoardTally(state: data) }
    print(
      "bench: boards' tally counted once (when a board is first shown) \(String(format: "%.1f", counted)) ms")
    let figures = Self.milliseconds {
      _ = OverviewFigures(tally: tally, data: data, period: .year(today.year), today: today)
    }
    print("bench: overview figures of a period read from the tally \(String(format: "%.1f", figures)) ms")

    func key(_ key: Key) -> Double {
      Self.milliseconds {
        _ = Update.update(&state, .terminal(.key(key)))
        _ = View.render(state)
      }
    }
    var moves: [Double] = []
    for _ in 0..<300 { moves.append(key(.down)) }
    for _ in 0..<20 { moves.append(key(.pageDown)) }
    print("bench: move (update + view): \(Self.summary(moves))")

    var rows = state.problems.rows
    var bytes = 0
    let textOnly = Self.milliseconds {
      for row in 0..<rows.rowCount { bytes += rows.keyText(position: Int(rows.positions[row])).utf8.count }
    }
    var ticks: [Double] = []
    var idle = state
    while idle.problems.rows.keys == nil {
      ticks.append(Self.milliseconds { _ = Update.update(&idle, .terminal(.tick)) })
    }
    print(
      "bench: search keys: texts alone \(Int(textOnly)) ms (\(bytes / 1_000_000) MB); built on idle ticks in \(ticks.count) ticks, \(Self.summary(ticks))"
    )
    let openFilter = key(.character("/"))
    print(
      "bench: open the filter line (search keys built once per data version): \(String(format: "%.1f", openFilter)) ms"
    )
    var typing: [Double] = []
    for character in "解放碑社区路灯" { typing.append(key(.character(character))) }
    print(
      "bench: filter keystrokes \(typing.map { String(format: "%.1f", $0) }.joined(separator: ", ")) ms; shown \(state.problems.shownProblemIDs.count)"
    )
    var backspaces: [Double] = []
    for _ in 0..<3 { backspaces.append(key(.backspace)) }
    print(
      "bench: filter backspaces \(backspaces.map { String(format: "%.1f", $0) }.joined(separator: ", ")) ms")
    _ = key(.enter)
    var moved: [Double] = []
    for _ in 0..<100 { moved.append(key(.down)) }
    print("bench: move in the filtered list: \(Self.summary(moved))")
    _ = key(.escape)

    var keyFilters: [String] = []
    for (name, k) in [
      ("status t", Key.character("t")), ("overdue !", .character("!")), ("department b", .character("b")),
      ("clear z", .character("z")), ("sort s", .character("s")), ("reverse S", .character("S")),
    ] {
      keyFilters.append("\(name) \(String(format: "%.1f", key(k))) ms")
    }
    print("bench: key filters and sorts: " + keyFilters.joined(separator: ", "))
    #expect(state.problems.selectedProblemID != nil)
  }
}
