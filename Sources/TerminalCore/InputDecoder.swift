/// What the backend read from the terminal, before decoding.
public enum RawInput: Hashable, Sendable {
  /// A character code from `wget_wch` (OK result).
  case code(UInt32)
  /// A key the backend already recognised (a `KEY_*` code it mapped).
  case key(Key)
  /// A `KEY_*` code the backend does not know; dropped, never typed as text.
  case unknownKeyCode(Int32)
  case resize(Size)
}

/// Turns raw terminal input into events: Ctrl-letters, Esc versus Alt-x, bracketed paste, and
/// escape sequences ncurses did not recognise (dropped whole rather than typed as text).
///
/// The backend feeds every input it reads and calls `idle()` when a read timed out; while
/// `isWaiting` is true it should read with a short (Esc-delay) timeout.
public struct InputDecoder: Sendable {
  private enum Mode: Sendable, Equatable {
    case ground
    case escape
    case csi(String)
    case ss3
    case paste(idleCount: Int)
    case pasteEscape(tail: String, idleCount: Int)
  }

  private var mode: Mode = .ground
  /// The text of the paste being read, kept outside `mode` so that appending to it stays cheap
  /// (a long paste would otherwise be copied once per character).
  private var pasted = ""
  /// Idle reads after which an unterminated paste is delivered anyway.
  public var pasteIdleLimit: Int

  public init(pasteIdleLimit: Int = 40) {
    self.pasteIdleLimit = pasteIdleLimit
  }

  /// Whether an escape sequence is half read (read the next input with a short timeout).
  public var isWaiting: Bool { mode != .ground }

  /// Decodes one input.
  public mutating func feed(_ input: RawInput) -> [Event] {
    switch input {
    case .resize(let size):
      return flushPending() + [.resize(size)]
    case .unknownKeyCode:
      return flushPending()
    case .key(let key):
      if case .paste = mode { return [] }
      if case .pasteEscape = mode { return [] }
      return flushPending() + [.key(key)]
    case .code(let code):
      return feed(code: code)
    }
  }

  /// A read timed out: a lone Esc is the Escape key; a half-read sequence is dropped.
  public mutating func idle() -> [Event] {
    switch mode {
    case .ground: return []
    case .escape:
      mode = .ground
      return [.key(.escape)]
    case .csi, .ss3:
      mode = .ground
      return []
    case .paste(let idleCount):
      if idleCount + 1 >= pasteIdleLimit {
        mode = .ground
        return takePaste()
      }
      mode = .paste(idleCount: idleCount + 1)
      return []
    case .pasteEscape(let tail, let idleCount):
      // A pause inside the end marker (a burst boundary) is waited out like one in the text.
      if idleCount + 1 >= pasteIdleLimit {
        mode = .ground
        pasted += tail.dropFirst()
        return takePaste()
      }
      mode = .pasteEscape(tail: tail, idleCount: idleCount + 1)
      return []
    }
  }

  private mutating func flushPending() -> [Event] {
    switch mode {
    case .escape:
      mode = .ground
      return [.key(.escape)]
    case .csi, .ss3:
      mode = .ground
      return []
    default:
      return []
    }
  }

  private mutating func feed(code: UInt32) -> [Event] {
    switch mode {
    case .ground:
      return ground(code)
    case .escape:
      mode = .ground
      if code == 0x5B {  // [
        mode = .csi("")
        return []
      }
      if code == 0x4F {  // O
        mode = .ss3
        return []
      }
      if code == 27 {
        mode = .escape
        return [.key(.escape)]
      }
      guard let scalar = Unicode.Scalar(code), code >= 0x20, code != 0x7F else {
        return [.key(.escape)] + ground(code)
      }
      return [.key(.alt(Character(scalar)))]
    case .ss3:
      mode = .ground
      switch code {
      case 0x50...0x53: return [.key(.function(Int(code) - 0x50 + 1))]  // P Q R S
      case 0x41: return [.key(.up)]
      case 0x42: return [.key(.down)]
      case 0x43: return [.key(.right)]
      case 0x44: return [.key(.left)]
      case 0x48: return [.key(.home)]
      case 0x46: return [.key(.end)]
      case 0x4D: return [.key(.enter)]
      default: return []
      }
    case .csi(let params):
      if code >= 0x40 && code <= 0x7E, let scalar = Unicode.Scalar(code) {
        mode = .ground
        return csi(params: params, final: Character(scalar))
      }
      if code >= 0x20 && code < 0x40, let scalar = Unicode.Scalar(code), params.count < 32 {
        mode = .csi(params + String(Character(scalar)))
        return []
      }
      mode = .ground
      return []
    case .paste:
      if code == 27 {
        mode = .pasteEscape(tail: "\u{1B}", idleCount: 0)
        return []
      }
      appendPasted(code)
      mode = .paste(idleCount: 0)
      return []
    case .pasteEscape(let tail, let idleCount):
      guard let scalar = Unicode.Scalar(code) else {
        mode = .paste(idleCount: 0)
        return []
      }
      let newTail = tail + String(Character(scalar))
      let end = "\u{1B}[201~"
      if newTail == end {
        mode = .ground
        return takePaste()
      }
      if end.hasPrefix(newTail) {
        mode = .pasteEscape(tail: newTail, idleCount: idleCount)
      } else {
        // Not the end marker: an escape inside the paste is dropped, the rest kept as text.
        for scalar in newTail.unicodeScalars.dropFirst().dropLast() { appendPasted(scalar.value) }
        if code == 27 {
          mode = .pasteEscape(tail: "\u{1B}", idleCount: 0)
        } else {
          appendPasted(code)
          mode = .paste(idleCount: 0)
        }
      }
      return []
    }
  }

  /// Adds one code to the paste: CR and LF as "\n", Tab kept, other control codes dropped.
  private mutating func appendPasted(_ code: UInt32) {
    switch code {
    case 13, 10: pasted.unicodeScalars.append("\n")
    case 9: pasted.unicodeScalars.append("\t")
    default:
      guard let scalar = Unicode.Scalar(code), code >= 0x20, code != 0x7F else { return }
      pasted.unicodeScalars.append(scalar)
    }
  }

  /// The paste read so far, as an event (none when it is empty), leaving the buffer empty.
  private mutating func takePaste() -> [Event] {
    let text = pasted
    pasted = ""
    return text.isEmpty ? [] : [.paste(text)]
  }

  private mutating func ground(_ code: UInt32) -> [Event] {
    switch code {
    case 27:
      mode = .escape
      return []
    case 13, 10: return [.key(.enter)]
    case 9: return [.key(.tab)]
    case 127, 8: return [.key(.backspace)]
    case 1...26:
      guard let scalar = Unicode.Scalar(code + 0x60) else { return [] }
      return [.key(.ctrl(Character(scalar)))]
    case 0..<32: return []
    default:
      guard let scalar = Unicode.Scalar(code), !(0x80..<0xA0).contains(code) else { return [] }
      return [.key(.character(Character(scalar)))]
    }
  }

  private mutating func csi(params: String, final: Character) -> [Event] {
    let parts = params.split(separator: ";").map(String.init)
    let modifier = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
    let ctrl = modifier == 5
    switch final {
    case "~":
      switch parts.first ?? "" {
      case "200":
        pasted = ""
        mode = .paste(idleCount: 0)
        return []
      case "201": return []
      case "1", "7": return [.key(ctrl ? .ctrlHome : .home)]
      case "4", "8": return [.key(ctrl ? .ctrlEnd : .end)]
      case "2": return [.key(.insert)]
      case "3": return [.key(.delete)]
      case "5": return [.key(.pageUp)]
      case "6": return [.key(.pageDown)]
      case "11": return [.key(.function(1))]
      case "12": return [.key(.function(2))]
      case "13": return [.key(.function(3))]
      case "14": return [.key(.function(4))]
      case "15": return [.key(.function(5))]
      case "17": return [.key(.function(6))]
      case "18": return [.key(.function(7))]
      case "19": return [.key(.function(8))]
      case "20": return [.key(.function(9))]
      case "21": return [.key(.function(10))]
      case "23": return [.key(.function(11))]
      case "24": return [.key(.function(12))]
      default: return []
      }
    case "A": return [.key(ctrl ? .ctrlUp : .up)]
    case "B": return [.key(ctrl ? .ctrlDown : .down)]
    case "C": return [.key(ctrl ? .ctrlRight : .right)]
    case "D": return [.key(ctrl ? .ctrlLeft : .left)]
    case "H": return [.key(ctrl ? .ctrlHome : .home)]
    case "F": return [.key(ctrl ? .ctrlEnd : .end)]
    case "Z": return [.key(.backTab)]
    default: return []
    }
  }
}
