import Foundation
import Testing

@Suite("Without a usable terminal the program says so or stops by itself, never spins")
struct NoTerminalTests {
  @Test("An unknown TERM is refused with a message naming it, and a non-zero status")
  func unknownTerminalType() throws {
    let demo = try Products.executable("shangliang-termdemo")
    var environment = Products.environment(locale: ["LANG": "C.UTF-8"])
    environment["TERM"] = "no-such-terminal"
    let result = try Products.run(demo, environment: environment)
    #expect(result.status == 1)
    #expect(result.error.contains("TERM=no-such-terminal"), "stderr: \(result.error)")
  }

  @Test("Input at its end (the tty is gone) ends the program as input closed, with the terminal restored")
  func inputAtEndStopsTheProgram() throws {
    let demo = try Products.executable("shangliang-termdemo")
    var environment = Products.environment(locale: ["LANG": "C.UTF-8"])
    environment["TERM"] = "xterm"
    let clock = ContinuousClock()
    let started = clock.now
    let result = try Products.run(demo, environment: environment)
    #expect(result.status == 0, "stderr: \(result.error)")
    #expect(result.output.contains("终端演示结束（input closed）"), "stdout ends with: \(result.output.suffix(200))")
    #expect(result.output.contains("\u{1B}[?2004l"), "bracketed paste was switched off again")
    #expect(started.duration(to: clock.now) < .seconds(20))
  }
}
