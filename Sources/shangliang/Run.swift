import App
import ArgumentParser
import CursesBackend
import Domain
import Foundation
import Localization
import Logging
import SharedStore
import Store

#if canImport(Glibc)
  import Glibc
#endif

/// Opens the full-screen application (the default command).
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Open the application (default).")

  @OptionGroup var options: StoreOptions

  func run() throws {
    // The locale first: without UTF-8 every Chinese character would be garbage.
    CursesTerminal.exitUnlessUTF8Locale()
    let language = options.language
    let folder = options.folder
    let logger = FileLog.start(folder: folder)
    let clock = SystemClock()
    let store: any CommitteeStorage
    do {
      store = try openAnyStore(options)
    } catch {
      logger.error("open failed: \(error)")
      throw error
    }
    (store as? SharedCommitteeStore)?.log = { logger.info("\($0)") }
    let user = OSUser.current()
    let actor: ActingUser
    do throws(StoreError) {
      actor = try Startup.actor(
        store: store, userName: user.name, displayName: user.displayName, now: clock.now())
    } catch {
      throw CLIFailure(error.message(in: language))
    }
    let terminal: CursesTerminal
    do throws(CursesError) {
      terminal = try CursesTerminal()
    } catch {
      throw CLIFailure(error.message(language))
    }
    // While curses owns the screen, anything written to standard error (a Swift runtime
    // failure, say) would be lost on the alternate screen: send it to the log file instead.
    let stderrRedirect = StandardErrorRedirect(to: folder.appendingPathComponent("shangliang.log").path)
    let today = Day(clock.now(), .current)
    let state = Startup.initialState(
      store: store, actor: actor, language: language, size: terminal.size, today: today)
    let runtime = Runtime(state: state, backend: terminal, store: store, clock: clock)
    runtime.log = { logger.info("\($0)") }
    logger.info("started as \(actor) in \(options.placeName())")
    runtime.run()
    terminal.shutdown()
    stderrRedirect.restore()
    do throws(StoreError) {
      try store.close(now: clock.now())
    } catch {
      logger.error("close failed: \(error.message(in: .en))")
      throw CLIFailure(error.message(in: language))
    }
    logger.info("closed cleanly")
  }
}

/// A failure already worded for the user: printed as it is, exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}

/// The operating-system user running the program.
enum OSUser {
  static func current() -> (name: String, displayName: String) {
    if let entry = getpwuid(geteuid()) {
      let name = String(cString: entry.pointee.pw_name)
      let gecos = entry.pointee.pw_gecos.map { String(cString: $0) } ?? ""
      let display = gecos.split(separator: ",").first.map(String.init) ?? ""
      return (name, display.isEmpty ? name : display)
    }
    let name = ProcessInfo.processInfo.environment["USER"] ?? "user"
    return (name, name)
  }
}

/// Points standard error at a file for a while, and back.
final class StandardErrorRedirect {
  private var saved: Int32 = -1

  init(to path: String) {
    let file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard file >= 0 else { return }
    saved = dup(STDERR_FILENO)
    _ = dup2(file, STDERR_FILENO)
    _ = close(file)
  }

  func restore() {
    guard saved >= 0 else { return }
    _ = dup2(saved, STDERR_FILENO)
    _ = close(saved)
    saved = -1
  }
}
