import App
import ArgumentParser
import Benchmarks
import CursesBackend
import Domain
import Foundation
import Localization
import Seed
import SharedStore
import Store
import TerminalCore
import Widgets

/// `shangliang bench ui|store`: figures printed as one JSON object, never asserted.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Measure the list screen (ui), the store (store), the app (app) or the shared store (shared); prints JSON.",
    discussion: HelpText.examples("bench"),
    subcommands: [
      UI.self, StoreBenchCommand.self, AppBenchCommand.self, SharedBenchCommand.self, DecodeBenchCommand.self,
    ])

  struct SharedBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "shared",
      abstract:
        "Commits per second and p50/p99 delay until another app sees a change, for W writers at once, "
        + "beside the local store. Needs --store postgresql://OWNER@…; works on a fresh committee bench-….")
    @Option(help: "Writer counts, comma-separated.") var writers: String = "1,2,8,32"
    @Option(help: "Changes per run (split among the writers).") var changes: Int = 4_000
    @Option(help: "postgresql://owner@host:port/db?committee=any (default: $SHANGLIANG_STORE).") var store:
      String?
    @Option(help: "Also time opening a committee of this many synthetic records (0: skip).") var openRecords:
      Int =
        0
    @Option(help: "Times the large committee is opened (median and max are printed).") var openRuns: Int = 3
    @Option(help: "Changes committed after the large committee's snapshot, replayed by each opening.")
    var openChanges: Int = 0

    func run() throws {
      let text = store ?? ProcessInfo.processInfo.environment["SHANGLIANG_STORE"] ?? ""
      do {
        let owner = try SharedAddress.parse(text)
        let local = try SharedBench.runLocal(
          changes: changes, folder: NSTemporaryDirectory() + "shangliang-bench-local-\(getpid())")
        print(local.json)
        for count in writers.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }
        ) {
          print(try SharedBench.run(owner: owner, writers: count, changes: changes).json)
        }
        if openRecords > 0 {
          // Built straight into memory (as `bench store` does), then stored as the committee's snapshot.
          let state = try SyntheticArchive(records: openRecords, seed: 1).build()
          print(
            try SharedBench.open(owner: owner, state: state, changesAfter: openChanges, runs: openRuns).json)
        }
      } catch let error as SharedStoreError {
        throw CLIFailure(error.message(in: .en))
      } catch let error as StoreError {
        throw CLIFailure(error.message(in: .en))
      }
    }
  }

  struct UI: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ui", abstract: "A 120x40 list over N rows: frame (update + draw + diff) and filter keys.")
    @Option(help: "Rows in the list.") var rows: Int = 1_000_000
    @Option(help: "Selection moves to time.") var moves: Int = 2_000

    func run() throws {
      // The first frames of the moves are kept and sent through ncurses afterwards, to count
      // the bytes a move costs on the wire with and without line scrolling.
      var kept: [Canvas] = []
      let r = TableBenchmark.run(rows: rows, moves: moves) { canvas in
        if kept.count < 301 { kept.append(canvas) }
      }
      let scrolled = try BytesOnTheWire.perFrame(kept, lineScrolling: true)
      let redrawn = try BytesOnTheWire.perFrame(kept, lineScrolling: false)
      print(
        "{\"rows\": \(r.rows), \"frame_median_ms\": \(f(r.frameMedianMs)), \"frame_p99_ms\": \(f(r.frameP99Ms)), "
          + "\"filter_key_median_ms\": \(f(r.filterKeyMedianMs)), \"filter_key_max_ms\": \(f(r.filterKeyMaxMs)), "
          + "\"changed_cells_per_frame\": \(f(r.changedCellsPerFrame)), \"matches\": \(r.matches), "
          + "\"bytes_per_move\": \(f(scrolled)), \"bytes_per_move_without_line_scrolling\": \(f(redrawn)), "
          + "\"setup_ms\": \(f(r.setupMs))}")
    }
  }

  struct StoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "store", abstract: "Generate N records, then time open, snapshot, apply and undo.")
    @Option(help: "Records in the archive.") var records: Int = 1_000_000
    @Option(help: "Work folder (emptied first, removed after).") var folder: String?

    func run() throws {
      let path = folder ?? NSTemporaryDirectory() + "shangliang-bench-\(getpid())"
      do throws(StoreError) {
        let figures = try StoreBench.run(records: records, folder: path)
        print(figures.json)
      } catch {
        throw CLIFailure(error.message(in: .en))
      }
    }
  }
}

/// `shangliang bench app`: the scripted session over a store of N records.
struct AppBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "app",
    abstract: "The real runtime on a virtual 120x40 terminal over a real store of N records, through a "
      + "scripted session; p50/p99/max per kind of interaction as one JSON object.")
  @Option(help: "Records to generate (as generate does) when --from is not given.") var records: Int =
    1_000_000
  @Option(help: "Copy this store (e.g. one made by generate) instead of generating; it is not changed.")
  var from: String?
  @Option(help: "Work folder (emptied first, removed after).") var folder: String?
  @Option(help: "Milliseconds of idle ticks on a list before its first / (a user reading it; 0: none).")
  var idleBeforeFilter: Int = AppBench.defaultIdleBeforeFirstFilterMs
  @Flag(help: "Stop once the app is usable: the open's figures only (time, memory), in seconds.")
  var openOnly = false
  @Flag(
    help: ArgumentHelp(
      "Print where the memory is on standard error: the C heap per arena once usable, once the boards are "
        + "counted, after each list's first visit (its keys built) and after the session."))
  var memorySteps = false
  @Option(
    help: ArgumentHelp(
      "Before the session, make this many changes at once after the open (more than the change log "
        + "keeps: 300), then visit each long list once its rows are made (visit_after_burst)."))
  var burst = 0

  func run() throws {
    let path = folder ?? NSTemporaryDirectory() + "shangliang-bench-app-\(getpid())"
    let manager = FileManager.default
    try? manager.removeItem(atPath: path)
    defer { try? manager.removeItem(atPath: path) }
    if let from {
      do {
        try manager.copyItem(atPath: from, toPath: path)
        try? manager.removeItem(atPath: path + "/lock")
      } catch {
        throw CLIFailure("cannot copy \(from): \((error as NSError).localizedDescription)")
      }
    } else {
      try generate(into: path)
    }
    switch AppBench.run(
      folder: path, idleBeforeFirstFilterMs: max(0, idleBeforeFilter), openOnly: openOnly,
      memorySteps: memorySteps, burst: max(0, burst))
    {
    case .success(let figures): print(figures.json)
    case .failure(let error): throw CLIFailure(error.message(in: .en))
    }
  }

  /// The synthetic archive of `generate`, with a progress bar.
  func generate(into path: String) throws {
    let actor = ActingUser.staff("bench", .admin)
    let line = ProgressLine(label: tr("progress.generate", .en), total: records, language: .en)
    do throws(StoreError) {
      let store = try CommitteeStore.open(folder: path)
      try store.apply(
        .putStaffAccount(
          StaffAccount(id: store.state.newID(), userName: "bench", displayName: "基准", role: .admin)),
        actor: actor, now: Date())
      for step in SyntheticArchive(records: records, seed: 1).groups(days: 30) {
        try store.apply(step.change, actor: actor, now: step.at)
        line.update(min(records, store.state.totalCount))
      }
      line.finish()
      try store.close(now: Date())
    } catch {
      line.finish()
      throw CLIFailure(error.message(in: .en))
    }
  }
}

/// What frames cost when ncurses sends them to an xterm: bytes written per frame.
enum BytesOnTheWire {
  /// The mean bytes per frame after the first (which draws the whole screen) of `frames`.
  static func perFrame(_ frames: [Canvas], lineScrolling: Bool) throws -> Double {
    guard frames.count > 1, let size = frames.first.map({ Size(width: $0.width, height: $0.height) }) else {
      return 0
    }
    let path = NSTemporaryDirectory() + "shangliang-wire-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let terminal: CursesTerminal
    do throws(CursesError) {
      terminal = try CursesTerminal(
        recordingTo: path, terminalType: "xterm-256color", size: size, lineScrolling: lineScrolling)
    } catch {
      throw CLIFailure(error.message(.en))
    }
    defer { terminal.shutdown() }
    terminal.present(frames[0])
    let start = terminal.bytesSent
    for frame in frames.dropFirst() { terminal.present(frame) }
    return Double(terminal.bytesSent - start) / Double(frames.count - 1)
  }
}

func f(_ value: Double) -> String { String(format: "%.3f", value) }
