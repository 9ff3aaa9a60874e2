import Domain
import Localization
import TerminalCore
import Widgets

/// What a screen reads to draw and decide: the data, the language, the day, who is working.
public struct ScreenContext: Sendable {
  public var data: CommitteeState
  /// Grows by one with every change of `data`; screens rebuild cached rows when it moves.
  public var dataVersion: Int
  public var language: Language
  public var today: Day
  public var actor: ActingUser
  /// Indexes made from `data` on first use, shared by all screens until the data changes.
  public var indexes: SharedIndexes

  public init(
    data: CommitteeState, dataVersion: Int, language: Language, today: Day, actor: ActingUser,
    indexes: SharedIndexes = SharedIndexes()
  ) {
    self.indexes = indexes
    self.data = data
    self.dataVersion = dataVersion
    self.language = language
    self.today = today
    self.actor = actor
  }

  /// Shorthand for the shipped text of `key` in the user's language.
  public func text(_ key: String, _ arguments: String...) -> String {
    Strings.shared.text(key, language, arguments)
  }
}

/// What a screen did with an event.
public struct ScreenResult: Sendable {
  /// False: the shell applies its own keys (sections, help, quit).
  public var handled: Bool
  public var effects: [Effect]
  /// A line for the message bar, if the screen has something to say.
  public var message: Message?

  public init(handled: Bool, effects: [Effect] = [], message: Message? = nil) {
    self.handled = handled
    self.effects = effects
    self.message = message
  }

  public static let ignored = ScreenResult(handled: false)
  public static let handled = ScreenResult(handled: true)
}

/// A section of the app. Each keeps its own state value; the shell routes events to the
/// active one first and draws it in the body of the screen.
public protocol SectionScreen: Sendable {
  /// The screen before any data is shown.
  init()
  /// A key, paste or tick. Return `.ignored` for keys the shell should handle.
  mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult
  /// The answer to an `.apply` (or file) effect this screen asked for, by its tag.
  mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult
  /// The data changed (any screen's change, undo, redo): rebuild what is cached.
  mutating func dataDidChange(context: ScreenContext)
  /// Shows a record (from another section's jump).
  mutating func focus(_ ref: RecordRef, context: ScreenContext)
  func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext)
  /// True while the user types text (a filter, a form, the editor): single-letter shell keys
  /// such as `q` or `1` are then text, and only Ctrl keys and F-keys reach the shell.
  var capturesText: Bool { get }
  /// The key hints for the status bar in the screen's current mode (empty: the shell's own).
  func hints(context: ScreenContext) -> [KeyHint]
}

extension SectionScreen {
  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult { .ignored }
  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {}
  public func hints(context: ScreenContext) -> [KeyHint] { [] }
}
