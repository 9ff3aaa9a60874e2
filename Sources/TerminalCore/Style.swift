/// What a piece of the screen *is*; the backend maps roles to colours (or, without colour,
/// to bold/reverse/underline), so that no screen names a raw colour.
public enum Role: UInt8, Sendable, CaseIterable, Hashable {
  case normal
  case title
  case tabActive
  case tabInactive
  case statusBar
  case header
  case selected
  case border
  case dim
  case accent
  case ok
  case warning
  case overdue
  case error
  case input
  case hint
  case key
}

/// How a cell is drawn: its role plus emphasis that holds with or without colour.
public struct Style: Hashable, Sendable {
  public var role: Role
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool

  public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
    self.role = role
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
  }

  public static let normal = Style()
}
