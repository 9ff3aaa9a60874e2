import App
import ArgumentParser
import Foundation
import Localization

/// Opens the full-screen application (the default command).
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Open the application (default).")

  @OptionGroup var options: StoreOptions

  func run() throws {
    print("shangliang: the terminal backend is not wired yet")
  }
}
