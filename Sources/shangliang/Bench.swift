import ArgumentParser
import Foundation
import Localization
import Seed
import SharedStore
import Store
import Widgets

/// `shangliang bench ui|store`: figures printed as one JSON object, never asserted.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure the list screen (ui), the store (store) or the shared store (shared); prints JSON.",
    subcommands: [UI.self, StoreBenchCommand.self, SharedBenchCommand.self])

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

    func run() throws {
      let text = store ?? ProcessInfo.processInfo.environment["SHANGLIANG_STORE"] ?? ""
      do {
        let owner = try SharedAddress.parse(text)
        let local = try SharedBench.runLocal(
          changes: changes, folder: NSTemporaryDirectory() + "shangliang-bench-local-\(getpid())")
        print(
          "{\"store\": \"local\", \"writers\": 1, \"changes\": \(changes), \"commits_per_s\": \(f(local)), "
            + "\"visible_p50_ms\": null, \"visible_p99_ms\": null}")
        for count in writers.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }
        ) {
          print(try SharedBench.run(owner: owner, writers: count, changes: changes).json)
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

    func run() {
      let r = TableBenchmark.run(rows: rows, moves: moves)
      print(
        "{\"rows\": \(r.rows), \"frame_median_ms\": \(f(r.frameMedianMs)), \"frame_p99_ms\": \(f(r.frameP99Ms)), "
          + "\"filter_key_median_ms\": \(f(r.filterKeyMedianMs)), \"filter_key_max_ms\": \(f(r.filterKeyMaxMs)), "
          + "\"changed_cells_per_frame\": \(f(r.changedCellsPerFrame)), \"matches\": \(r.matches), "
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

func f(_ value: Double) -> String { String(format: "%.3f", value) }
