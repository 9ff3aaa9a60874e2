import TerminalCore

/// How each colour role looks, with colour and without: pure data, so it can be checked without a
/// terminal. Without colour every role that must stand out does so by attributes alone.
public struct Palette: Sendable {
  /// A terminal colour by name; `terminalDefault` is the user's own foreground or background.
  public enum Colour: Sendable, Hashable {
    case terminalDefault
    case black
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
  }

  /// Attributes a terminal can show without colour.
  public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let underline = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let dim = Attributes(rawValue: 8)
  }

  /// The look of one role.
  public struct Look: Sendable, Hashable {
    public var foreground: Colour
    public var background: Colour
    public var attributes: Attributes
  }

  /// Whether colours are used at all.
  public let usesColour: Bool

  public init(usesColour: Bool) {
    self.usesColour = usesColour
  }

  /// Whether to use colour: the terminal has it and `NO_COLOR` is unset or empty (no-color.org).
  public static func wantsColour(terminalHasColour: Bool, environment: [String: String]) -> Bool {
    guard terminalHasColour else { return false }
    return (environment["NO_COLOR"] ?? "").isEmpty
  }

  /// The look of a role; the style's own bold/underline/reverse are added by `look(for:)`.
  public func look(for role: Role) -> Look {
    usesColour ? Self.colourLook(role) : Self.monochromeLook(role)
  }

  /// The full look of a style: its role's look plus the style's own emphasis.
  public func look(for style: Style) -> Look {
    var look = look(for: style.role)
    if style.bold { look.attributes.insert(.bold) }
    if style.underline { look.attributes.insert(.underline) }
    if style.reverse { look.attributes.insert(.reverse) }
    return look
  }

  static func colourLook(_ role: Role) -> Look {
    switch role {
    case .normal: return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    case .title: return Look(foreground: .cyan, background: .terminalDefault, attributes: [.bold])
    case .tabActive: return Look(foreground: .black, background: .cyan, attributes: [.bold])
    case .tabInactive: return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: [])
    case .statusBar: return Look(foreground: .white, background: .blue, attributes: [])
    case .header: return Look(foreground: .yellow, background: .terminalDefault, attributes: [.bold])
    case .selected: return Look(foreground: .black, background: .cyan, attributes: [])
    case .border: return Look(foreground: .blue, background: .terminalDefault, attributes: [])
    case .dim: return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: [.dim])
    case .accent: return Look(foreground: .magenta, background: .terminalDefault, attributes: [.bold])
    case .ok: return Look(foreground: .green, background: .terminalDefault, attributes: [])
    case .warning: return Look(foreground: .yellow, background: .terminalDefault, attributes: [.bold])
    case .overdue:
      return Look(foreground: .red, background: .terminalDefault, attributes: [.bold, .underline])
    case .error: return Look(foreground: .white, background: .red, attributes: [.bold])
    case .input:
      return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: [.underline])
    case .hint: return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: [.dim])
    case .key: return Look(foreground: .cyan, background: .terminalDefault, attributes: [.bold])
    }
  }

  static func monochromeLook(_ role: Role) -> Look {
    let attributes: Attributes
    switch role {
    case .normal, .tabInactive, .border, .ok: attributes = []
    case .title, .accent, .warning, .key: attributes = [.bold]
    case .tabActive: attributes = [.reverse, .bold]
    case .statusBar, .selected: attributes = [.reverse]
    case .header: attributes = [.bold, .underline]
    case .dim, .hint: attributes = [.dim]
    case .overdue: attributes = [.bold, .underline]
    case .error: attributes = [.bold, .reverse]
    case .input: attributes = [.underline]
    }
    return Look(foreground: .terminalDefault, background: .terminalDefault, attributes: attributes)
  }
}
