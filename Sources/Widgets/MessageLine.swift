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

  public func draw(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0 else { return }
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
    let firstLine = text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
    canvas.write(
      Text.truncate(" " + firstLine, to: rect.width), x: rect.x, y: rect.y, style: kind.style)
  }
}
