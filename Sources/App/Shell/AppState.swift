import Localization
import TerminalCore

/// A line of feedback under the content: what just happened, or what went wrong.
public struct Message: Equatable, Sendable {
  public enum Kind: Sendable { case info, ok, warning, error }
  public var text: String
  public var kind: Kind

  public init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }
}

/// Whether what the user sees is safely on disk.
public enum SaveState: Sendable, Equatable {
  case saved
  case saving
  case unsaved
  case readOnly
}

/// A question the user must answer before anything else happens.
public enum Dialog: Equatable, Sendable {
  case confirmQuit
}

/// The whole state of the application: `update` changes it, `view` draws it.
public struct AppState: Sendable {
  /// The smallest terminal the screens are laid out for.
  public static let minimumSize = Size(width: 80, height: 24)

  public var language: Language
  public var size: Size
  public var section: Section = .overview
  public var showHelp = false
  public var helpScroll = 0
  public var dialog: Dialog?
  public var message: Message?
  public var userName: String
  public var canWrite: Bool
  public var saveState: SaveState
  /// Set when the app should end; the runtime stops after carrying out the effects.
  public var quitting = false

  public init(language: Language, size: Size, userName: String, canWrite: Bool = true) {
    self.language = language
    self.size = size
    self.userName = userName
    self.canWrite = canWrite
    self.saveState = canWrite ? .saved : .readOnly
  }

  /// Whether the terminal is too small to lay out the screens.
  public var isTooSmall: Bool {
    size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
  }

  /// Where keys go now, for the keymap and the hints.
  public var keyContext: KeyContext {
    if dialog != nil { return .dialog }
    return .list
  }
}
