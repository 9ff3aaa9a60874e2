// shangliang-termdemo: opens the terminal through CursesBackend, draws a bordered screen with
// Chinese text, echoes what is typed, and quits on Esc or a signal. A manual check of the
// backend, and what the tmux tests drive. `--crash` traps after the first frame (to check that a
// crash gives the terminal back); other arguments are ignored (tests tag processes with them).
import CursesBackend
import Localization
import TerminalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

CursesTerminal.exitUnlessUTF8Locale()
let language = Language.fromEnvironment(CursesTerminal.processEnvironment())

let terminal: CursesTerminal
do {
  terminal = try CursesTerminal()
} catch {
  CursesTerminal.writeToStandardError(error.message(language) + "\n")
  exit(1)
}

var typed = ""
var lastKey = "-"
var endReason: String?

func render(_ size: Size, typed: String, lastKey: String) -> Canvas {
  var canvas = Canvas(size: size)
  let border = Style(.border)
  guard size.width >= 4, size.height >= 4 else { return canvas }
  canvas.put("┌", x: 0, y: 0, style: border)
  canvas.put("┐", x: size.width - 1, y: 0, style: border)
  canvas.put("└", x: 0, y: size.height - 1, style: border)
  canvas.put("┘", x: size.width - 1, y: size.height - 1, style: border)
  for x in 1..<(size.width - 1) {
    canvas.put("─", x: x, y: 0, style: border)
    canvas.put("─", x: x, y: size.height - 1, style: border)
  }
  for y in 1..<(size.height - 1) {
    canvas.put("│", x: 0, y: y, style: border)
    canvas.put("│", x: size.width - 1, y: y, style: border)
  }
  let inner = size.width - 4
  canvas.write(tr("backend.demo.title", language), x: 2, y: 1, style: Style(.title), limit: inner)
  canvas.write(tr("backend.demo.size", language, size.description), x: 2, y: 2, limit: inner)
  let label = tr("backend.demo.input", language)
  let labelEnd = canvas.write(label, x: 2, y: 4, limit: inner)
  let field = max(0, size.width - 2 - labelEnd - 1)
  let shown = Text.truncate(typed, to: field)
  let caret = canvas.write(shown, x: labelEnd + 1, y: 4, style: Style(.input), limit: field)
  canvas.write(tr("backend.demo.lastKey", language, lastKey), x: 2, y: 5, limit: inner)
  canvas.write(tr("backend.demo.help", language), x: 2, y: 7, style: Style(.hint), limit: inner)
  canvas.cursor = Point(x: min(caret, size.width - 2), y: 4)
  return canvas
}

var size = terminal.size
terminal.present(render(size, typed: typed, lastKey: lastKey))
if CommandLine.arguments.contains("--crash") {
  preconditionFailure("shangliang-termdemo: crash requested with --crash")
}
while endReason == nil {
  // Waits with no timeout: signals must still come through (the backend polls for them).
  for event in terminal.nextEvents(timeoutMilliseconds: -1) {
    switch event {
    case .key(.escape): endReason = "Esc"
    case .key(.enter): typed = ""
    case .key(.backspace): if !typed.isEmpty { typed.removeLast() }
    case .key(.character(let c)): typed.append(c)
    case .key: break
    case .paste(let text): typed += text.replacingOccurrences(of: "\n", with: "⏎")
    case .resize(let newSize): size = newSize
    case .signal(let signal): endReason = signal.rawValue
    case .inputClosed: endReason = "input closed"
    case .tick: break
    }
    if case .key(let key) = event { lastKey = key.description }
    // The length shows that a long paste arrived as one event.
    if case .paste(let text) = event { lastKey = "paste \(text.count)" }
  }
  terminal.present(render(size, typed: typed, lastKey: lastKey))
}
terminal.shutdown()
print(tr("backend.demo.bye", language, endReason ?? ""))
