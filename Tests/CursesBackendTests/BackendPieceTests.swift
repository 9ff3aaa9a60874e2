import CNcursesw
import Testing

@testable import CursesBackend
@testable import TerminalCore

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Colour roles: usable with colour and in monochrome")
struct PaletteTests {
  @Test("NO_COLOR (set and not empty) and colourless terminals turn colour off")
  func colourChoice() {
    #expect(Palette.wantsColour(terminalHasColour: true, environment: [:]))
    #expect(Palette.wantsColour(terminalHasColour: true, environment: ["NO_COLOR": ""]))
    #expect(!Palette.wantsColour(terminalHasColour: true, environment: ["NO_COLOR": "1"]))
    #expect(!Palette.wantsColour(terminalHasColour: false, environment: [:]))
  }

  @Test("In monochrome, what must stand out does so by attributes alone")
  func monochromeStandsOut() {
    let mono = Palette(usesColour: false)
    #expect(mono.look(for: Role.selected).attributes.contains(.reverse))
    #expect(mono.look(for: Role.title).attributes.contains(.bold))
    #expect(mono.look(for: Role.overdue).attributes == [.bold, .underline])
    #expect(mono.look(for: Role.tabActive).attributes.contains(.reverse))
    #expect(mono.look(for: Role.statusBar).attributes.contains(.reverse))
    #expect(mono.look(for: Role.error).attributes.contains(.bold))
    for role in Role.allCases {
      #expect(mono.look(for: role).foreground == .terminalDefault)
      #expect(mono.look(for: role).background == .terminalDefault)
    }
    // Selected and active tab differ from the status bar even without colour.
    #expect(mono.look(for: Role.tabActive) != mono.look(for: Role.statusBar))
  }

  @Test("A style's own emphasis is added to its role's look")
  func styleEmphasis() {
    let mono = Palette(usesColour: false)
    #expect(mono.look(for: Style(.ok, bold: true, underline: true)).attributes == [.bold, .underline])
    #expect(mono.look(for: Style(.normal, reverse: true)).attributes == [.reverse])
    let colour = Palette(usesColour: true)
    #expect(colour.look(for: Role.overdue).foreground == .red)
    #expect(colour.look(for: Role.selected).background != .terminalDefault)
  }
}

@Suite("Keys and the locale")
struct KeyAndLocaleTests {
  @Test("ncurses KEY_* codes map to keys; unknown ones to nothing")
  func keyCodes() {
    let cases: [(Int32, Key)] = [
      (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
      (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BACKSPACE, .backspace),
      (KEY_DC, .delete), (KEY_IC, .insert), (KEY_BTAB, .backTab), (KEY_ENTER, .enter),
    ]
    for (code, key) in cases { #expect(CursesTerminal.key(forKeyCode: code) == key) }
    for n in 1...12 { #expect(CursesTerminal.key(forKeyCode: sl_key_f(Int32(n))) == .function(n)) }
    #expect(CursesTerminal.key(forKeyCode: KEY_MOUSE) == nil)
  }

  @Test("UTF-8 codesets are recognised in their spellings, others are not")
  func codesets() {
    for name in ["UTF-8", "utf8", "UTF8", "utf-8"] { #expect(CursesTerminal.isUTF8(name)) }
    for name in ["ANSI_X3.4-1968", "ISO-8859-1", "GB18030", ""] { #expect(!CursesTerminal.isUTF8(name)) }
  }

  @Test("The locale message is bilingual and says how to fix it")
  func localeMessage() {
    let message = CursesTerminal.localeMessage(codeset: "ANSI_X3.4-1968")
    #expect(message.contains("export LANG=C.UTF-8"))
    #expect(message.contains("zh_CN.UTF-8"))
    #expect(message.contains("ANSI_X3.4-1968"))
    #expect(message.contains("UTF-8 字符环境"))
    #expect(message.contains("needs a UTF-8 locale"))
  }
}

@Suite("Input errors: when the terminal is gone")
struct InputErrorCounterTests {
  @Test("Repeated I/O errors close the input; a success in between resets the count")
  func ioErrors() {
    var counter = InputErrorCounter()
    var closed: Bool
    closed = counter.noteError(errno: EIO, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
    #expect(!closed)
    closed = counter.noteError(errno: EIO, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
    #expect(!closed)
    counter.noteSuccess()
    closed = counter.noteError(errno: ENXIO, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
    #expect(!closed)
    closed = counter.noteError(errno: EIO, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
    #expect(!closed)
    closed = counter.noteError(errno: EIO, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
    #expect(closed)
  }

  @Test("Reads that should have waited but fail at once close the input after many; timeouts never do")
  func immediateErrors() {
    var counter = InputErrorCounter()
    var closed = false
    for _ in 0..<1000 {
      closed = counter.noteError(errno: 0, askedToWaitMilliseconds: 100, waitedMilliseconds: 100)
      #expect(!closed)
      closed = counter.noteError(errno: EINTR, askedToWaitMilliseconds: 100, waitedMilliseconds: 0)
      #expect(!closed)
      closed = counter.noteError(errno: 0, askedToWaitMilliseconds: 0, waitedMilliseconds: 0)
      #expect(!closed)
    }
    closed = false
    var count = 0
    while !closed && count < 100 {
      count += 1
      closed = counter.noteError(errno: 0, askedToWaitMilliseconds: 100, waitedMilliseconds: 1)
    }
    #expect(closed)
    #expect(count == counter.immediateLimit)
  }
}
