import ArgumentParser
import Domain
import Exchange
import Foundation
import Localization
import Store

/// `shangliang report`: the committee's annual work summary, with how each figure is counted.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The year's work summary (年度工作总结) as Markdown or CSV, each figure with its definition.",
    discussion: HelpText.examples("report"))

  @OptionGroup var options: StoreOptions
  @Option(help: "The year to summarise (default: this year).") var year: Int?
  @Option(help: "md or csv.") var format: String = "md"
  @Option(help: "Write to this file instead of standard output.") var out: String?

  func run() throws {
    let language = options.language
    let today = Day(workingDayOf: Date())
    let year = self.year ?? today.year
    guard (1900...9999).contains(year) else {
      throw CLIFailure(tr("cli.report.badYear", language, String(year)))
    }
    let state: CommitteeState
    let (line, progress) = storeProgress("progress.read", language)
    do throws(StoreError) {
      state = try CommitteeStore.readState(folder: options.folder.path, progress: progress)
      line.finish()
    } catch {
      line.finish()
      throw CLIFailure(error.message(in: language))
    }
    let report = AnnualReport(state: state, year: year, today: today)
    let text: String
    switch format {
    case "md": text = report.markdown(in: language)
    case "csv": text = report.csv(in: language)
    default: throw CLIFailure(tr("cli.report.badFormat", language, format))
    }
    try emit(Data(text.utf8), to: out, language: language)
  }
}
