import TerminalCore

/// What kind of news a message brings; it decides the message's style.
public enum MessageKind: Sendable, Hashable {
  case info
  case ok
  case warning
  case error

  /// The style of a message of this kind (bold for the ones that need attention, so they stand
  /// out without colour too).
  public var style: Style {
    switch self {
    case .info: return Style(.normal)
    case .ok: return Style(.ok)
    case .warning: return Style(.warning, bold: true)
    case .error: return Style(.error, bold: true)
    }
  }
}

/// A one-line message under the content ("已保存", an error …), already translated.
public struct MessageLine: Sendable, Hashable {
  public var text: String
  public var kind: MessageKind

  public init(_ text: String, kind: MessageKind = .info) {
    self.text = text
    self.kind = kind
  }

  /// The rows the message takes at `width` columns: one when it fits, else two (the second ends
  /// in … only if even two rows cannot hold it).
  public func rows(width: Int) -> Int {
    (" " + firstLine).displayWidth > width ? 2 : 1
  }

  var firstLine: Substring { text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "" }

  /// Draws the message in `rect`: a message longer than a row wraps onto the next row when `rect`
  /// has two, so that the words at its end (often what to do) are read, not cut.
  public func draw(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0 else { return }
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: min(rect.height, 2)))
    var lines = Text.wrapForDisplay(firstLine, to: max(1, rect.width - 1))
    if lines.isEmpty { lines = [""] }
    let shown = min(lines.count, max(1, min(rect.height, 2)))
    for row in 0..<shown {
      let rest = row == shown - 1 ? lines[row...].joined(separator: " ") : lines[row]
      canvas.write(
        Text.truncate(" " + rest, to: rect.width), x: rect.x, y: rect.y + row, style: kind.style)
    }
  }
}
