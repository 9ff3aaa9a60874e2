import ArgumentParser
import Foundation
import Localization
import Seed
import Store
import Widgets

/// `shangliang bench ui|store`: figures printed as one JSON object, never asserted.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure the list screen (ui) or the store (store); prints one JSON object.",
    subcommands: [UI.self, StoreBenchCommand.self])

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
