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
    // Without a terminal on standard input (a pipe, a cron job, `< file`) there is no one to
    // draw for and no keys to read: say so instead of drawing escape codes into the void.
    guard isatty(STDIN_FILENO) == 1 else {
      FileHandle.standardError.write(Data((tr("cli.noTerminal", language) + "\n").utf8))
      throw ExitCode(2)
    }
    let folder = options.folder
    let (logger, logFile) = FileLog.start(folder: folder)
    let clock = SystemClock()
    // The screen first, then the store: a large store takes seconds to read, and the user sees
    // a progress bar meanwhile instead of a silent terminal.
    let terminal: CursesTerminal
    do throws(CursesError) {
      terminal = try CursesTerminal()
    } catch {
      throw CLIFailure(error.message(language))
    }
    // While curses owns the screen, anything written to standard error (a Swift runtime
    // failure, say) would be lost on the alternate screen: send it to the log file instead.
    let stderrRedirect = StandardErrorRedirect(to: folder.appendingPathComponent("shangliang.log").path)
    func giveBackTheTerminal() {
      terminal.shutdown()
      stderrRedirect.restore()
    }
    let store: any CommitteeStorage
    if try options.sharedAddress() != nil {
      // A shared store: one snapshot and the changes after it, read from the server.
      do {
        store = try openAnyStore(options)
      } catch {
        giveBackTheTerminal()
        logger.error("open failed: \(error)")
        throw error
      }
      (store as? SharedCommitteeStore)?.log = { logger.info("\($0)") }
    } else {
      switch StoreLoading.open(folder: folder.path, backend: terminal, language: language, now: { Date() }) {
      case .opened(let opened):
        store = opened
      case .failed(let error):
        giveBackTheTerminal()
        logger.error("open failed: \(error.message(in: .en))")
        throw CLIFailure(error.message(in: language))
      case .quit:
        giveBackTheTerminal()
        logger.info("quit while opening")
        return
      }
    }
    let user = Identity.current()
    let actor: ActingUser
    let notice: UserMessage?
    do throws(StoreError) {
      (actor, notice) = try Startup.actor(store: store, user: user, now: clock.now())
    } catch {
      giveBackTheTerminal()
      throw CLIFailure(error.message(in: language))
    }
    let today = Day(workingDayOf: clock.now())
    var state = Startup.initialState(
      store: store, actor: actor, language: language, size: terminal.size, today: today)
    if let notice { state.message = Message(notice.text(language), .warning) }
    state.rereadsRole = state.rereadsRole && user.name != nil
    // A city committee's roll-up (c on the boards) is offered when the database holds several.
    let runtime = Runtime(state: state, backend: terminal, store: store, clock: clock)
    if let shared = store as? SharedCommitteeStore, ((try? shared.committeeCount()) ?? 0) > 1 {
      runtime.offerRollup { RollupSource.reading(shared.committeeReader()) }
    }
    runtime.log = { logger.info("\($0)") }
    runtime.logFile = logFile
    logger.info("started as \(actor) in \(options.placeName())")
    runtime.run()
    giveBackTheTerminal()
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

/// Points standard error at a file for a while, and back.
final class StandardErrorRedirect {
  private var saved: Int32 = -1

  init(to path: String) {
    let file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
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

extension RollupSource {
  /// The roll-up's committees, read by `reader` over a connection of its own on the roll-up's thread.
  static func reading(_ reader: CommitteeReader) -> RollupSource {
    @Sendable func message(_ error: SharedStoreError) -> UserMessage {
      UserMessage(zh: error.message(in: .zh), en: error.message(in: .en))
    }
    return RollupSource(
      own: reader.address.committee,
      names: { () -> Result<[String], UserMessage> in
        do throws(SharedStoreError) { return .success(try reader.committeeNames()) } catch {
          return .failure(message(error))
        }
      },
      read: { name -> Result<CommitteeState, UserMessage> in
        do throws(SharedStoreError) { return .success(try reader.read(name)) } catch {
          return .failure(message(error))
        }
      },
      close: { reader.close() })
  }
}
