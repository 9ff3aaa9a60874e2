import Domain
import Foundation
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// The consultations screens over the demo committee on a fixed day.
@Suite struct ConsultationScreens {
  static let today = Day(year: 2026, month: 11, day: 26)!
  static let demo: CommitteeState? = try? Demo.state(today: today)

  func shell(
    _ language: Language, _ size: Size, data given: CommitteeState? = nil
  ) throws -> (Runtime, VirtualBackend, CommitteeState) {
    let data = try #require(given ?? Self.demo)
    let backend = VirtualBackend(size: size)
    var state = AppState(
      language: language, size: size, actor: .staff("demo", .admin), data: data, today: Self.today)
    state.section = .consultations
    let runtime = Runtime(state: state, backend: backend)
    runtime.run(untilIdle: true)
    return (runtime, backend, data)
  }

  /// The first consultation of the list (ID order) with minutes and problems, and its row.
  func sample(_ data: CommitteeState) throws -> (row: Int, consultation: Consultation) {
    let all = data.consultations.values.sorted { $0.id < $1.id }
    let row = try #require(
      all.firstIndex {
        $0.meeting?.minutes.isEmpty == false && !data.problems(from: .consultation($0.id)).isEmpty
      })
    return (row, all[row])
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theListShowsEachConsultationsProgressAndCounts(language: Language, size: Size) throws {
    let (_, backend, data) = try shell(language, size)
    let total = data.consultations.count
    #expect(backend.screen.text.contains("\(total) / \(total)"))
    GoldenFile.assertMatches(backend.screen, named: "consultations-list-\(language)-\(size)")
  }

  @Test(arguments: [Language.zh, .en], [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func theDetailIsATimelineOfTheSteps(language: Language, size: Size) throws {
    let (runtime, backend, data) = try shell(language, size)
    let (row, c) = try sample(data)
    backend.enqueue(Array(repeating: .key(.character("j")), count: row) + [.key(.enter)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.consultations.mode == .detail(c.id))
    let screen = backend.screen.text
    #expect(screen.contains(c.details.title))
    #expect(screen.contains(tr(c.details.kind.steps[0].nameKey, language)))
    GoldenFile.assertMatches(backend.screen, named: "consultations-detail-\(language)-\(size)")
  }

  @Test func theMinutesExportAsMarkdownToTheGivenPath() throws {
    let (runtime, backend, data) = try shell(.zh, Size(width: 120, height: 40))
    let (row, c) = try sample(data)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "consult-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    backend.enqueue(
      Array(repeating: .key(.character("j")), count: row) + [.key(.enter), .key(.character("x"))])
    runtime.run(untilIdle: true)
    // The default is the title and 会议纪要, in the current folder.
    #expect(backend.screen.text.contains("导出到： \(c.details.title)-会议纪要.md"))
    let path = folder.appendingPathComponent("纪要.md").path
    backend.enqueue([.key(.ctrl("u"))])
    backend.type(path)
    backend.enqueue([.key(.enter)])
    runtime.run(untilIdle: true)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("# "))
    #expect(written.contains(c.meeting?.place ?? "—"))
    #expect(backend.screen.text.contains("会议纪要已导出到"))
  }

  @Test func exportingOverAnExistingFileAsksFirstAndNoKeepsIt() throws {
    let (runtime, backend, data) = try shell(.zh, Size(width: 120, height: 40))
    let (row, _) = try sample(data)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "consult-overwrite-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("纪要.md").path
    try Data("秘书自己的笔记".utf8).write(to: URL(fileURLWithPath: path))
    func export() {
      backend.enqueue([.key(.character("x")), .key(.ctrl("u"))])
      backend.type(path)
      backend.enqueue([.key(.enter)])
      runtime.run(untilIdle: true)
    }
    backend.enqueue(Array(repeating: .key(.character("j")), count: row) + [.key(.enter)])
    runtime.run(untilIdle: true)
    export()
    #expect(backend.screen.text.contains("已存在。要覆盖它吗？"))
    backend.enqueue([.key(.enter)])  // the focus starts on "no"
    runtime.run(untilIdle: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "秘书自己的笔记")
    #expect(backend.screen.text.contains("没有写入"))

    export()
    backend.enqueue([.key(.character("y"))])
    runtime.run(untilIdle: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# "))
    #expect(backend.screen.text.contains("会议纪要已导出到"))
  }

  @Test func aConsultationWithoutAMeetingHasNoMinutesToWriteOrExport() throws {
    let (runtime, backend, data) = try shell(.en, Size(width: 120, height: 40))
    let all = data.consultations.values.sorted { $0.id < $1.id }
    let row = try #require(all.firstIndex { $0.meeting == nil })
    backend.enqueue(
      Array(repeating: .key(.character("j")), count: row) + [.key(.enter), .key(.character("m"))])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains(DomainError.meetingNotHeld.message(in: .en)))
    #expect(runtime.state.consultations.editor == nil)
    backend.enqueue([.key(.character("x"))])
    runtime.run(untilIdle: true)
    #expect(backend.screen.text.contains("there are no minutes to export"))
  }
}
