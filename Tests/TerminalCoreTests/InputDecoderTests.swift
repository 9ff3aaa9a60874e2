import Testing

@testable import TerminalCore

@Suite("Input decoder: raw terminal codes become keys, pastes and resizes")
struct InputDecoderTests {
  /// Feeds codes one at a time, as `wget_wch` hands them over.
  func decode(_ codes: [UInt32], decoder: inout InputDecoder) -> [Event] {
    codes.flatMap { decoder.feed(.code($0)) }
  }

  func decode(_ text: String, idle: Bool = true) -> [Event] {
    var decoder = InputDecoder()
    var events = decode(text.unicodeScalars.map(\.value), decoder: &decoder)
    if idle { events += decoder.idle() }
    return events
  }

  @Test("Printable characters, CJK and emoji arrive one event per character")
  func printable() {
    #expect(
      decode("a中😀，") == [
        .key(.character("a")), .key(.character("中")), .key(.character("😀")), .key(.character("，")),
      ])
    #expect(decode(" ") == [.key(.character(" "))])
  }

  @Test("Enter, Tab, Backspace (127 and 8) and Ctrl-letters")
  func controlCodes() {
    #expect(decode("\r") == [.key(.enter)])
    #expect(decode("\n") == [.key(.enter)])
    #expect(decode("\t") == [.key(.tab)])
    #expect(decode("\u{7F}") == [.key(.backspace)])
    #expect(decode("\u{8}") == [.key(.backspace)])
    #expect(decode("\u{1}") == [.key(.ctrl("a"))])
    #expect(decode("\u{3}") == [.key(.ctrl("c"))])
    #expect(decode("\u{13}") == [.key(.ctrl("s"))])
    #expect(decode("\u{1A}") == [.key(.ctrl("z"))])
    #expect(decode("\u{0}\u{1C}") == [])
  }

  @Test("Esc followed by nothing (a read timed out) is the Escape key")
  func lonelyEscape() {
    var decoder = InputDecoder()
    #expect(decoder.feed(.code(27)) == [])
    #expect(decoder.isWaiting)
    #expect(decoder.idle() == [.key(.escape)])
    #expect(!decoder.isWaiting)
    #expect(decoder.idle() == [])
  }

  @Test("Esc then a character is Alt with that character; Esc Esc is one Escape and a pending one")
  func altKeys() {
    #expect(decode("\u{1B}x") == [.key(.alt("x"))])
    #expect(decode("\u{1B}中") == [.key(.alt("中"))])
    #expect(decode("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
    #expect(decode("\u{1B}\r") == [.key(.escape), .key(.enter)])
  }

  @Test("CSI and SS3 sequences ncurses did not translate become keys")
  func escapeSequences() {
    let cases: [(String, Key)] = [
      ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
      ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[1~", .home), ("\u{1B}[4~", .end),
      ("\u{1B}[7~", .home), ("\u{1B}[8~", .end), ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete),
      ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[Z", .backTab),
      ("\u{1B}[1;5A", .ctrlUp), ("\u{1B}[1;5B", .ctrlDown), ("\u{1B}[1;5C", .ctrlRight),
      ("\u{1B}[1;5D", .ctrlLeft), ("\u{1B}[1;5H", .ctrlHome), ("\u{1B}[1;5F", .ctrlEnd),
      ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
      ("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}OM", .enter),
      ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)),
      ("\u{1B}OS", .function(4)),
    ]
    for (sequence, key) in cases {
      #expect(decode(sequence) == [.key(key)], "\(sequence.debugDescription)")
    }
    let functionCodes = [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24]
    for (index, code) in functionCodes.enumerated() {
      #expect(decode("\u{1B}[\(code)~") == [.key(.function(index + 1))])
      #expect(decode("\u{1B}[\(code);5~") == [.key(.function(index + 1))], "modifiers do not change F-keys")
    }
  }

  @Test("Unknown escape sequences are dropped whole, and what follows is kept")
  func unknownSequencesDropped() {
    #expect(decode("\u{1B}[99xa") == [.key(.character("a"))])
    #expect(decode("\u{1B}[?1;2cb") == [.key(.character("b"))])
    #expect(decode("\u{1B}[42~") == [])
    #expect(decode("\u{1B}OXq") == [.key(.character("q"))])
    // A sequence cut short by a timeout is dropped rather than typed as text.
    #expect(decode("\u{1B}[1;") == [])
  }

  @Test("Keys ncurses recognised pass through; unknown key codes are dropped")
  func backendKeysPassThrough() {
    var decoder = InputDecoder()
    #expect(decoder.feed(.key(.pageDown)) == [.key(.pageDown)])
    #expect(decoder.feed(.unknownKeyCode(0o777)) == [])
    // An Esc waiting for its sequence is the Escape key when a real key comes.
    #expect(decoder.feed(.code(27)) == [])
    #expect(decoder.feed(.key(.up)) == [.key(.escape), .key(.up)])
  }

  @Test("A resize passes through and ends a pending Esc")
  func resize() {
    var decoder = InputDecoder()
    let size = Size(width: 100, height: 30)
    #expect(decoder.feed(.resize(size)) == [.resize(size)])
    #expect(decoder.feed(.code(27)) == [])
    #expect(decoder.feed(.resize(size)) == [.key(.escape), .resize(size)])
  }

  @Test("A bracketed paste with Chinese and newlines is ONE event, newlines kept")
  func bracketedPaste() {
    let events = decode("\u{1B}[200~协商意见：\r第二行\n第三行\tend\u{1B}[201~x")
    #expect(events == [.paste("协商意见：\n第二行\n第三行\tend"), .key(.character("x"))])
  }

  @Test("A paste split across many reads and timeouts is still one event")
  func pasteAcrossFeeds() {
    var decoder = InputDecoder()
    let text = "\u{1B}[200~政协委员 river 巡河\r问题😀\u{1B}[201~"
    var events: [Event] = []
    for (index, scalar) in text.unicodeScalars.enumerated() {
      events += decoder.feed(.code(scalar.value))
      // The terminal hands the paste over in bursts with pauses between them (the start marker
      // comes in one piece: a pause right after Esc is the Escape key).
      if index >= 5 && index % 3 == 0 { events += decoder.idle() }
      if index < text.unicodeScalars.count - 1 { #expect(events.isEmpty) }
    }
    #expect(events == [.paste("政协委员 river 巡河\n问题😀")])
    #expect(!decoder.isWaiting)
  }

  @Test("Inside a paste, keys are not acted on and an Esc that is not the end marker is dropped")
  func pasteIsInert() {
    var decoder = InputDecoder()
    var events = decode(Array("\u{1B}[200~a".unicodeScalars.map(\.value)), decoder: &decoder)
    events += decoder.feed(.key(.up))
    events += decode(
      Array("\u{1B}[Ab\u{3}\u{1B}\u{1B}[2\r\u{1B}[201~".unicodeScalars.map(\.value)), decoder: &decoder)
    #expect(events == [.paste("a[Ab[2\n")])
  }

  @Test("A long pasted document (minutes of a meeting) comes through whole as one event")
  func longPaste() {
    let minutes = String(repeating: "会议纪要：委员们就河道治理提出意见，部门逐条答复。\n", count: 2_000)
    var decoder = InputDecoder()
    var events: [Event] = []
    for scalar in "\u{1B}[200~".unicodeScalars { events += decoder.feed(.code(scalar.value)) }
    for scalar in minutes.unicodeScalars { events += decoder.feed(.code(scalar.value)) }
    for scalar in "\u{1B}[201~".unicodeScalars { events += decoder.feed(.code(scalar.value)) }
    #expect(events == [.paste(minutes)])
  }

  @Test("A paste whose end marker never comes is delivered after enough idle reads")
  func unterminatedPaste() {
    var decoder = InputDecoder(pasteIdleLimit: 3)
    _ = decode(Array("\u{1B}[200~会议".unicodeScalars.map(\.value)), decoder: &decoder)
    #expect(decoder.idle() == [])
    #expect(decoder.idle() == [])
    #expect(decoder.idle() == [.paste("会议")])
    #expect(!decoder.isWaiting)
  }
}
