/// A key the user pressed, decoded from what the terminal sent.
public enum Key: Hashable, Sendable {
  /// A printable character, one per key (a CJK character from an input method is one).
  case character(Character)
  case enter
  case tab
  case backTab
  case backspace
  case delete
  case insert
  case escape
  case up
  case down
  case left
  case right
  case home
  case end
  case pageUp
  case pageDown
  case ctrlHome
  case ctrlEnd
  case ctrlLeft
  case ctrlRight
  case ctrlUp
  case ctrlDown
  /// F1 … F12.
  case function(Int)
  /// Ctrl with a letter, lower case: `.ctrl("s")` is Ctrl-S.
  case ctrl(Character)
  /// Alt (Meta) with a character: the terminal sends Esc then the character.
  case alt(Character)
}

/// Why the program is asked to stop from outside.
public enum Signal: String, Sendable, Hashable {
  case interrupt
  case terminate
  case hangup
}

/// Everything the runtime hands to the application from the terminal side.
public enum Event: Hashable, Sendable {
  case key(Key)
  /// Text pasted in one go (bracketed paste); newlines kept as "\n".
  case paste(String)
  case resize(Size)
  /// Time passed with no input; autosave and clocks hang on it.
  case tick
  /// A signal arrived (the handler only set a flag; this is its delivery).
  case signal(Signal)
  /// The terminal is gone (input failed repeatedly).
  case inputClosed
}

extension Key: CustomStringConvertible {
  /// How the key is written in help and hints: `q`, `Ctrl-S`, `Alt-x`, `F1`, `↑`, `PgDn`, `Enter`.
  public var description: String {
    switch self {
    case .character(" "): return "Space"
    case .character(let c): return String(c)
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .insert: return "Ins"
    case .escape: return "Esc"
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .home: return "Home"
    case .end: return "End"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .ctrlHome: return "Ctrl-Home"
    case .ctrlEnd: return "Ctrl-End"
    case .ctrlLeft: return "Ctrl-←"
    case .ctrlRight: return "Ctrl-→"
    case .ctrlUp: return "Ctrl-↑"
    case .ctrlDown: return "Ctrl-↓"
    case .function(let n): return "F\(n)"
    case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
    case .alt(let c): return "Alt-\(c)"
    }
  }
}
