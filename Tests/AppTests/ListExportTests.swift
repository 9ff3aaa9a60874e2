import Domain
import Exchange
import Foundation
import Localization
import Store
import TerminalCore
import Testing

@testable import App

/// `x` on the lists that had no export: the rows the list shows, as the user filtered and sorted
/// them, go to a CSV file named in a small form, through the runtime's safe file writing.
@Suite struct ListExportStories {
  /// A section with a kit list, its digit, and the records its list shows top to bottom.
  struct Listed: Sendable {
    var name: String
    var digit: Character
    var shown: @Sendable (AppState) -> [RecordRef]
  }

  static let lists: [Listed] = [
    Listed(name: "supervision", digit: "3") { $0.supervision.list.shownRefs },
    Listed(name: "patrols", digit: "4") { $0.patrols.shownRefs },
    Listed(name: "problems", digit: "5") { $0.problems.list.shownRefs },
    Listed(name: "visits", digit: "8") { $0.visits.shownRefs },
    Listed(name: "reports", digit: "9") { $0.reports.shownRefs },
  ]

  static func folder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
  }

  /// The file's records (after the BOM), split at CRLF; fields split at commas (the demo's cells
  /// hold none, which the header check below would show).
  static func records(_ data: Data) -> [[String]] {
    var text = String(decoding: data, as: UTF8.self)
    #expect(text.hasPrefix("\u{FEFF}"), "a spreadsheet needs the BOM to read UTF-8")
    text.removeFirst()
    return text.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: ",") }
  }

  @Test("each list exports the rows it shows, in its order, with every column and the record's number")
  func everyListExportsWhatItShows() throws {
    for listed in Self.lists {
      let world = try TestWorld.demo(language: .zh, size: Size(width: 120, height: 40))
      nonisolated(unsafe) var written: [String: Data] = [:]
      world.runtime.writeExport = { data, path throws(ExportFileError) in written[path] = data }
      let path = Self.folder() + "/\(listed.name).csv"
      world.press([.character(listed.digit), .character("S"), .character("x")])
      // The form offers a file name of the section and today; the user types their own.
      #expect(world.backend.screen.text.contains("导出列表"), "\(listed.name)")
      world.press([.ctrl("u")])
      world.type(path)
      world.press([.enter])
      world.finishExports()
      let data = try #require(written[path], "\(listed.name): nothing written")
      let records = Self.records(data)
      let shown = listed.shown(world.runtime.state)
      #expect(shown.count > 1, "\(listed.name)")
      #expect(records.count == shown.count + 1, "\(listed.name): a header and one line per row shown")
      #expect(records.first?.first == "编号")
      #expect(records.dropFirst().map { $0.first ?? "" } == shown.map { String($0.raw) }, "\(listed.name)")
      let columns = records.first?.count ?? 0
      #expect(records.allSatisfy { $0.count == columns }, "\(listed.name): a cell held a comma")
      #expect(
        world.backend.screen.text.contains("已导出 \(shown.count) 行到 \(path)"), "\(listed.name)")
    }
  }

  @Test("a filtered list exports only the rows the filter lets through")
  func theFilterIsKept() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 80, height: 24))
    nonisolated(unsafe) var written: [String: Data] = [:]
    world.runtime.writeExport = { data, path throws(ExportFileError) in written[path] = data }
    world.press([.character("8"), .character("/")])
    world.type("2026-0")
    world.press([.enter])
    let shown = world.runtime.state.visits.shownRefs
    let all = world.runtime.state.data.visits.count
    #expect(shown.count > 0 && shown.count < all)
    let path = Self.folder() + "/visits.csv"
    world.press([.character("x"), .ctrl("u")])
    world.type(path)
    world.press([.enter])
    world.finishExports()
    let records = Self.records(try #require(written[path]))
    #expect(records.count == shown.count + 1)
    #expect(records.first?.first == "Number")
    #expect(records.dropFirst().allSatisfy { $0.contains { $0.hasPrefix("2026-0") } })
    #expect(world.backend.screen.text.contains("Exported \(shown.count) rows to"))
  }

  @Test("a file that cannot be written is said so in the user's language, and the list stays")
  func aRefusalIsSaid() throws {
    for language in [Language.zh, .en] {
      let world = try TestWorld.demo(language: language, size: Size(width: 80, height: 24))
      world.runtime.writeExport = { _, path throws(ExportFileError) in
        throw ExportFileError(path: path, code: FileSystemError.noSpace)
      }
      world.press([.character("4"), .character("x"), .enter])
      world.finishExports()
      let screen = world.backend.screen.text
      #expect(screen.contains(language == .zh ? "磁盘已满" : "the disk is full"), "\(language)")
      #expect(world.runtime.state.patrols.list.exporting == nil)
      #expect(world.runtime.state.patrols.list.exportRunning == nil)
      #expect(world.runtime.state.diskFull, "the status bar keeps saying the disk is full")
      // The list's keys work again: j moves.
      world.press([.character("j")])
      #expect(world.runtime.state.patrols.table.selection == 1)
    }
  }

  @Test("Esc closes the form without writing; help lists x on every one of these lists")
  func escAndHelp() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    nonisolated(unsafe) var writes = 0
    world.runtime.writeExport = { _, _ throws(ExportFileError) in writes += 1 }
    world.press([.character("5"), .character("x"), .escape])
    #expect(world.runtime.state.problems.list.exporting == nil)
    #expect(writes == 0)
    for context in [KeyContext.supervision, .patrols, .problems, .visits, .reports] {
      #expect(
        Keymap.bindings(in: context).contains { $0.action == .listExport && $0.keys == [.character("x")] },
        "\(context.rawValue)")
    }
  }

  @Test("the file is made on another thread: keys are answered meanwhile, the status bar says how far")
  func theAppAnswersWhileTheFileIsMade() throws {
    for language in [Language.zh, .en] {
      let world = try TestWorld.demo(language: language, size: Size(width: 120, height: 40))
      let writing = DispatchSemaphore(value: 0)
      nonisolated(unsafe) var written: [String: Data] = [:]
      world.runtime.writeExport = { data, path throws(ExportFileError) in
        // Held until the test has pressed its keys (a bounded wait: made on the app's thread,
        // the export would hold the keys back instead).
        _ = writing.wait(timeout: .now() + 5)
        written[path] = data
      }
      let path = Self.folder() + "/problems.csv"
      world.press([.character("5"), .character("x"), .ctrl("u")])
      world.type(path)
      world.press([.enter])
      let shown = world.runtime.state.problems.list.shownRefs
      #expect(world.runtime.state.problems.list.exportRunning != nil, "\(language)")
      #expect(world.screen.contains(language == .zh ? "停止导出（导出中…" : "stop the export (exporting…"))
      world.press([.character("j")])
      #expect(world.runtime.state.problems.table.selection == 1, "j moved while the file was made")
      #expect(written.isEmpty)
      writing.signal()
      world.finishExports()
      let records = Self.records(try #require(written[path]))
      #expect(records.dropFirst().map { $0.first ?? "" } == shown.map { String($0.raw) })
      #expect(world.runtime.state.problems.list.exportRunning == nil)
      let done = language == .zh ? "已导出 \(shown.count) 行到 \(path)" : "Exported \(shown.count) rows to \(path)"
      #expect(world.screen.contains(done), "\(language)")
    }
  }

  @Test("Esc stops an export before anything is written, and the rows are those shown at x")
  func escStopsAndRowsAreHeld() throws {
    let world = try TestWorld.demo(language: .zh, size: Size(width: 80, height: 24))
    nonisolated(unsafe) var written: [String: Data] = [:]
    world.runtime.writeExport = { data, path throws(ExportFileError) in written[path] = data }
    // The build waits at the app's gate while it is held, as it does while a key is answered.
    BackgroundGate.app.hold()
    let path = Self.folder() + "/visits.csv"
    world.press([.character("8"), .character("x"), .ctrl("u")])
    world.type(path)
    world.press([.enter])
    let export = try #require(world.runtime.state.visits.list.exportRunning)
    world.press([.escape])
    BackgroundGate.app.release()
    #expect(export.wait(seconds: 30))
    world.finishExports()
    #expect(written.isEmpty, "nothing written after Esc")
    #expect(world.runtime.state.visits.list.exportRunning == nil)
    #expect(world.screen.contains("导出已停止，没有写入"))

    // Again, and this time the list is filtered after x: the file has the rows shown at x.
    let all = world.runtime.state.visits.shownRefs
    BackgroundGate.app.hold()
    world.press([.character("x"), .ctrl("u")])
    world.type(path)
    world.press([.enter, .character("/")])
    world.type("2026-0")
    world.press([.enter])
    BackgroundGate.app.release()
    world.finishExports()
    #expect(world.runtime.state.visits.shownRefs.count < all.count)
    let records = Self.records(try #require(written[path]))
    #expect(records.dropFirst().map { $0.first ?? "" } == all.map { String($0.raw) })
  }

  @Test("an export over a file that exists asks first, then is made on another thread")
  func overwriteAsksFirst() throws {
    let world = try TestWorld.demo(language: .en, size: Size(width: 120, height: 40))
    let folder = Self.folder()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/patrols.csv"
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    world.press([.character("4"), .character("x"), .ctrl("u")])
    world.type(path)
    world.press([.enter])
    #expect(world.screen.contains("already exists. Replace it?"))
    #expect(world.runtime.exports.isEmpty)
    world.press([.character("y")])
    world.finishExports()
    let written = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(
      written.starts(with: [0xEF, 0xBB, 0xBF] + Array("Number,".utf8)), "the new file replaced the old")
    #expect(world.screen.contains("Exported \(world.runtime.state.patrols.shownRefs.count) rows to"))
  }
}

extension TestWorld {
  /// Waits for the files being made on other threads, then lets the runtime take their answers in
  /// (as its tick does) and draw.
  func finishExports() {
    for export in runtime.exports { _ = export.wait(seconds: 60) }
    runtime.takeFinishedExports()
    runtime.run(untilIdle: true)
  }
}
