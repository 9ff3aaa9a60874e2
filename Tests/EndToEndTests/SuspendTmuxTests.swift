import Foundation
import Testing

/// Ctrl-Z and fg with the real binary in a real terminal, and TERM=dumb refused.
@Suite("Suspend, resume and a dumb terminal (tmux)", .serialized)
struct SuspendTmuxTests {
  @Test("Ctrl-Z gives the shell back; fg brings the app back with the whole screen drawn")
  func suspendAndResume() throws {
    let store = AppShellTmuxTests.storeFolder()
    defer { try? FileManager.default.removeItem(atPath: store) }
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.stop() }
    try tmux.enter(try AppShellTmuxTests.appCommand(store: store, extra: ["--lang", "en"]))
    try tmux.waitForText("demo")
    try tmux.press("Escape")
    let before = try tmux.waitForText("Overview")
    try tmux.press("C-z")
    try tmux.waitForScreen("the shell reports the job stopped") { rows in
      !rows.joined().contains("Overview") && rows.joined().contains("Stopped")
    }
    try tmux.enter("fg")
    let after = try tmux.waitForText("Overview")
    #expect(after[0] == before[0], "the tab bar is drawn again")
    try tmux.type("q")
    try tmux.waitForScreen("the app quit") { rows in !rows.joined().contains("Overview") }
  }

  @Test("TERM=dumb is refused with a message naming it, before anything is drawn")
  func dumbTerminalRefused() throws {
    let store = AppShellTmuxTests.storeFolder()
    defer { try? FileManager.default.removeItem(atPath: store) }
    let tmux = try Tmux(width: 100, height: 30)
    defer { tmux.stop() }
    try tmux.enter("TERM=dumb " + (try AppShellTmuxTests.appCommand(store: store, extra: ["--lang", "en"])))
    let screen = try tmux.waitForScreen("the program ended") { rows in
      rows.contains { $0.hasPrefix("status=") }
    }
    #expect(screen.joined().contains("Cannot open the terminal (TERM=dumb)"))
    #expect(screen.joined().contains("status=1"))
  }
}
