import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// Where the shell puts things on a terminal of a given size. A pure function of the size, so
/// `handle` (paging, the editor's width) and `draw` always agree without remembering a frame.
public enum ShellLayout {
  /// The tab bar: the top row.
  public static func tabRow(_ size: Size) -> Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
  /// The active section's area: everything between the tab bar and the two bottom rows.
  public static func body(_ size: Size) -> Rect {
    Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 3))
  }
  /// The message line, above the status bar.
  public static func messageRow(_ size: Size) -> Rect {
    Rect(x: 0, y: max(0, size.height - 2), width: size.width, height: 1)
  }
  /// The status bar: the bottom row.
  public static func statusRow(_ size: Size) -> Rect {
    Rect(x: 0, y: max(0, size.height - 1), width: size.width, height: 1)
  }
}

/// What a screen reads to draw and decide: the data, the language, the day and the time, who is
/// working, and where the screen is drawn.
public struct ScreenContext: Sendable {
  public var data: CommitteeState
  /// Grows by one with every change of `data`; screens rebuild cached rows when it moves.
  public var dataVersion: Int
  public var language: Language
  public var today: Day
  /// The injected clock's time, for asking the Domain rules (never `Date()`).
  public var now: Date
  public var actor: ActingUser
  /// The screen's area, from `ShellLayout.body` of the terminal size (the same in handle and draw).
  public var body: Rect
  /// Indexes made from `data` on first use, shared by all screens until the data changes.
  public var indexes: SharedIndexes
  /// Which records recent data versions touched: a screen that derives something from the data
  /// follows `changes.touched(since: itsVersion)` and rebuilds only when that is nil.
  public var changes: ChangeLog
  /// The boards' tally, up to date with `data` while the boards or the Overview are shown.
  public var tally: BoardTally?
  /// How far the shell's background count of the tally is (0...1); nil when none is running.
  public var tallyProgress: Double?
  /// The roll-up of the database's committees can be read (a shared store with several committees).
  public var rollupOffered = false

  public init(
    data: CommitteeState, dataVersion: Int, language: Language, today: Day, actor: ActingUser,
    now: Date? = nil, body: Rect = ShellLayout.body(AppState.minimumSize),
    indexes: SharedIndexes = SharedIndexes(), changes: ChangeLog = ChangeLog(), tally: BoardTally? = nil
  ) {
    self.tally = tally
    self.indexes = indexes
    self.changes = changes
    self.data = data
    self.dataVersion = dataVersion
    self.language = language
    self.today = today
    self.now = now ?? today.noonUTC
    self.actor = actor
    self.body = body
  }

  /// Shorthand for the shipped text of `key` in the user's language.
  public func text(_ key: String, _ arguments: String...) -> String {
    Strings.shared.text(key, language, arguments)
  }

  /// A name standing on its own (a detail's value, a list's cell): the tables keep English names in
  /// lower case, as they run inside sentences ("moved to adopted"); alone they begin with a capital.
  public func name(_ key: String) -> String { FieldworkForm.asLabel(text(key)) }

  /// Asks the Domain whether `change` would be accepted now from this user (the real actor, the
  /// injected clock), without applying it: nil when it would, else the refusal.
  public func check(_ change: Change) -> DomainError? {
    do throws(DomainError) {
      _ = try Domain.apply(change, to: data, actor: actor, now: now)
      return nil
    } catch {
      return error
    }
  }
}

/// Another section's record to show (a problem's source, a record's problems).
public struct Navigation: Equatable, Sendable {
  public var section: Section
  public var ref: RecordRef?

  public init(_ section: Section, _ ref: RecordRef? = nil) {
    self.section = section
    self.ref = ref
  }
}

/// What a screen did with an event or an action.
public struct ScreenResult: Sendable, Equatable {
  /// False: the shell applies its own keys (sections, help, quit), or says the key does nothing.
  public var handled: Bool
  public var effects: [Effect]
  /// A line for the message bar, if the screen has something to say.
  public var message: Message?
  /// Show another section (handled by `Update`, not an effect: it is not I/O).
  public var navigation: Navigation?
  /// The message bar's last line no longer applies (a form opened over it); `message` still wins.
  public var clearsMessage: Bool

  public init(
    handled: Bool, effects: [Effect] = [], message: Message? = nil, navigation: Navigation? = nil,
    clearsMessage: Bool = false
  ) {
    self.handled = handled
    self.effects = effects
    self.message = message
    self.navigation = navigation
    self.clearsMessage = clearsMessage
  }

  public static let ignored = ScreenResult(handled: false)
  public static let handled = ScreenResult(handled: true)

  /// Handled, with a line for the message bar.
  public static func say(_ text: String, _ kind: Message.Kind = .info) -> ScreenResult {
    ScreenResult(handled: true, message: Message(text, kind))
  }
  /// Handled, showing another section.
  public static func go(_ section: Section, _ ref: RecordRef? = nil) -> ScreenResult {
    ScreenResult(handled: true, navigation: Navigation(section, ref))
  }
}

/// A section of the app. Each keeps its own state value; the shell resolves keys to actions with
/// the keymap (in the contexts the screen says are in force) and hands the action to the screen.
///
/// Key routing (`Update.handle`): while `takesRawKeys` is true the screen's `handle` sees the key
/// first (a filter line, a form field, the editor); otherwise — or when it ignores the key — the
/// keymap resolves it in `keyContexts` (then `.global`) and the screen's `perform` carries the
/// action out. A key no binding names says "No action for …" on the message line.
public protocol SectionScreen: Sendable, Equatable {
  /// The screen before any data is shown.
  init()
  /// The keymap contexts in force now, most specific first (the shell adds `.global` last).
  func keyContexts(context: ScreenContext) -> [KeyContext]
  /// Carries out an action the keymap resolved in one of `keyContexts`. `key` is the key that was
  /// pressed (for actions that carry it, such as a digit). `.ignored`: the action does nothing now.
  mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult
  /// Raw input: keys while `takesRawKeys`, pastes, ticks. Return `.ignored` for what it does not take.
  mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult
  /// The answer to an effect this screen asked for (its `EffectTag` names the screen's section).
  mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult
  /// The data changed (any screen's change, undo, redo): rebuild what is cached.
  mutating func dataDidChange(context: ScreenContext)
  /// Shows a record (from another section's jump).
  mutating func focus(_ ref: RecordRef, context: ScreenContext)
  func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext)
  /// True while the user types text (a filter, a form, the editor): single-letter shell keys
  /// such as `q` or `1` are then text, and only Ctrl keys and F-keys reach the shell.
  var capturesText: Bool { get }
  /// True when raw keys go to `handle` before the keymap: only while text is typed (a filter line,
  /// a form field, an editor).
  var takesRawKeys: Bool { get }
  /// The key hints for the status bar in the screen's current mode (empty: the shell's own).
  func hints(context: ScreenContext) -> [KeyHint]
  /// The open form whose fields are kept as a draft (`FormDraftKeeper`); setting it puts a kept
  /// draft back into it. Nil: no such form is open.
  var keptForm: FormSession? { get set }
}

extension SectionScreen {
  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult { .ignored }
  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {}
  public func hints(context: ScreenContext) -> [KeyHint] { [] }
  public var takesRawKeys: Bool { capturesText }
  public var keptForm: FormSession? {
    get { nil }
    set {}
  }
}
