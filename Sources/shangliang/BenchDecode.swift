import ArgumentParser
import Benchmarks
import Foundation
import Store

/// `shangliang bench decode`: how long a store's state takes to decode and how much memory it holds.
struct DecodeBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Decode a store's state (encoded as a snapshot) several times: p50/max time, the memory the "
      + "decoded state holds, and per kind of record; one JSON object.")
  @Option(help: "The store folder to read (not locked, not changed).") var from: String
  @Option(help: "Times the state is decoded.") var runs: Int = 5
  @Flag(help: "Instead: count the strings the decoded state holds per kind of record (one JSON line a kind).")
  var strings = false

  func run() throws {
    do throws(StoreError) {
      if strings {
        print(StringCensus.json(of: try CommitteeStore.readState(folder: from)))
        return
      }
      print(try DecodeBench.run(folder: from, runs: runs).json)
    } catch {
      throw CLIFailure(error.message(in: .en))
    }
  }
}
