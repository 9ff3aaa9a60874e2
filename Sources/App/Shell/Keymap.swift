import Localization
import TerminalCore
import Widgets

/// Everything a key can ask for. The help overlay, the status bar hints and the README's key
/// table are all made from `Keymap.bindings`, so they cannot disagree with what the keys do.
/// Screens add their own actions as static members in their own folder.
public struct Action: RawRepresentable, Hashable, Sendable {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// The key of this action's description in the string tables.
  public var labelKey: String { "action.\(rawValue)" }

  public static let quit = Action("quit")
  /// Ctrl-Z: stop as a shell job until `fg`, as other full-screen tools do (the minutes editor
  /// keeps Ctrl-Z for undo).
  public static let suspend = Action("suspend")
  public static let help = Action("help")
  public static let nextSection = Action("nextSection")
  public static let previousSection = Action("previousSection")
  public static let section = Action("section")
  public static let moveDown = Action("moveDown")
  public static let moveUp = Action("moveUp")
  public static let pageDown = Action("pageDown")
  public static let pageUp = Action("pageUp")
  public static let first = Action("first")
  public static let last = Action("last")
  public static let filter = Action("filter")
  public static let sort = Action("sort")
  public static let reverseSort = Action("reverseSort")
  public static let open = Action("open")
  public static let back = Action("back")
  public static let undo = Action("undo")
  public static let redo = Action("redo")
  public static let save = Action("save")
  public static let cancel = Action("cancel")
  public static let nextField = Action("nextField")
  public static let previousField = Action("previousField")
  public static let confirm = Action("confirm")
  public static let refuse = Action("refuse")
  /// Shows archived records too, or hides them again (record lists).
  public static let showArchived = Action("showArchived")
  /// Shows who changed the selected record, when, and each field before and after (the audit log).
  public static let showHistory = Action("showHistory")
  /// Tab in the full-screen editor: the writer stays where the text is (Esc leaves first).
  public static let keepWriting = Action("keepWriting")
}

/// Where a binding applies; the help overlay groups bindings by it, in `KeyContext.all` order.
public struct KeyContext: RawRepresentable, Hashable, Sendable {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }

  public var titleKey: String { "help.context.\(rawValue)" }

  public static let global = KeyContext("global")
  public static let list = KeyContext("list")
  public static let form = KeyContext("form")
  public static let editor = KeyContext("editor")
  public static let dialog = KeyContext("dialog")
  /// A record's detail on its own or beside its list: the moving keys scroll it.
  public static let detail = KeyContext("detail")
  /// Lists that hold archived records (hidden until asked for).
  public static let archive = KeyContext("archive")
  /// Record lists and their details (the section kit's): keys about the selected record itself.
  public static let records = KeyContext("records")
}

/// One entry of the key table: the keys, where they apply, what they do, and the help text.
/// `Update` resolves a key to the binding's action; help, hints and the README read the same value.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var context: KeyContext
  /// The key of the help text in the string tables (by default the action's label).
  public var helpKey: String
  /// The key of the status bar's text, where the help text is too long for an 80-column bar (by
  /// default the help text).
  public var hintKey: String
  /// Shown among the status bar's hints on every screen (short list; the rest live in help).
  public var hint: Bool
  /// How help writes the keys when listing each would be too long ("Alt-1 … Alt-9"); nil: each key.
  public var shownAs: String?

  public init(
    _ keys: [Key], _ action: Action, _ context: KeyContext, help helpKey: String? = nil, hint: Bool = false,
    shownAs: String? = nil, hintLabel hintKey: String? = nil
  ) {
    self.shownAs = shownAs
    self.keys = keys
    self.action = action
    self.context = context
    self.helpKey = helpKey ?? action.labelKey
    self.hintKey = hintKey ?? helpKey ?? action.labelKey
    self.hint = hint
  }

  /// How the keys are written: "j / ↓".
  public var keysText: String { shownAs ?? keys.map(\.description).joined(separator: " / ") }
}

/// The one table of keys.
public enum Keymap {
  /// The whole table: the shell's keys, then each section's own (defined in its folder).
  public static let bindings: [Binding] =
    shell + overview + consultations + supervision + patrols + patrolsFieldwork
    + problems + registers + sectors + visits + reports + boards + boardsRollup + boardsTopics
    + boardsDefinitions
    + savedViews

  /// Contexts in the order the help overlay lists them.
  public static var contexts: [KeyContext] {
    var seen: [KeyContext] = []
    for binding in bindings where !seen.contains(binding.context) { seen.append(binding.context) }
    return seen
  }

  static let shell: [Binding] = [
    Binding([.character("?"), .function(1)], .help, .global, hint: true),
    Binding([.character("q")], .quit, .global, hint: true),
    Binding([.tab], .nextSection, .global),
    Binding([.backTab], .previousSection, .global),
    Binding(Section.allCases.map { .character($0.digit) }, .section, .global),
    Binding([.character("u")], .undo, .global),
    Binding([.ctrl("r")], .redo, .global),
    Binding([.ctrl("z")], .suspend, .global),
    Binding([.character("j"), .down], .moveDown, .list),
    Binding([.character("k"), .up], .moveUp, .list),
    Binding([.pageDown, .ctrl("f")], .pageDown, .list),
    Binding([.pageUp, .ctrl("b")], .pageUp, .list),
    Binding([.character("g"), .home], .first, .list),
    Binding([.character("G"), .end], .last, .list),
    Binding([.character("/")], .filter, .list, hint: true),
    Binding([.character("s")], .sort, .list, hint: true),
    Binding([.character("S")], .reverseSort, .list),
    Binding([.enter], .open, .list),
    Binding([.escape], .back, .list),
    Binding([.character("j"), .down], .moveDown, .detail),
    Binding([.character("k"), .up], .moveUp, .detail),
    Binding([.pageDown, .ctrl("f")], .pageDown, .detail),
    Binding([.pageUp, .ctrl("b")], .pageUp, .detail),
    Binding([.character("g"), .home], .first, .detail),
    Binding([.character("G"), .end], .last, .detail),
    Binding([.escape], .back, .detail),
    Binding([.character("A")], .showArchived, .archive),
    Binding([.character("h")], .showHistory, .records),
    Binding([.ctrl("s")], .save, .form),
    Binding([.escape], .cancel, .form),
    Binding([.tab, .down], .nextField, .form),
    Binding([.backTab, .up], .previousField, .form),
    Binding([.ctrl("s")], .save, .editor),
    Binding([.escape], .back, .editor),
    // The editor's own undo: the text typed, not the store's records (u is a letter there).
    Binding([.ctrl("z")], .undo, .editor, help: "ux5.editor.undo"),
    Binding([.ctrl("y"), .ctrl("r")], .redo, .editor, help: "ux5.editor.redo"),
    // Tab is no section switch while writing: the text stays on screen until Esc.
    Binding([.tab, .backTab], .keepWriting, .editor, help: "ux5.editor.tab"),
    Binding([.character("y")], .confirm, .dialog),
    // Enter presses the highlighted button, and a question that could lose work highlights No.
    Binding([.enter], .confirm, .dialog, help: "tester.dialog.enter"),
    Binding([.character("n"), .escape], .refuse, .dialog),
  ]

  /// The status-bar hints for `actions` in a context, in the order given (first key of each).
  public static func hints(_ actions: [Action], in context: KeyContext, _ language: Language) -> [KeyHint] {
    actions.compactMap { action in
      bindings(in: context).first { $0.action == action }.map {
        KeyHint(key: $0.keys[0].description, label: tr($0.hintKey, language))
      }
    }
  }

  /// The action a key asks for in a context (the context's own bindings first, then global).
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
      return binding.action
    }
    if context != .global,
      let binding = bindings.first(where: { $0.context == .global && $0.keys.contains(key) })
    {
      return binding.action
    }
    return nil
  }

  /// The bindings of one context, in table order.
  public static func bindings(in context: KeyContext) -> [Binding] {
    bindings.filter { $0.context == context }
  }

  /// The key table as Markdown, both languages side by side (the README includes it).
  public static func markdownTable() -> String {
    var lines = ["| 按键 Keys | 场合 Where | 作用 | Action |", "|---|---|---|---|"]
    for binding in bindings {
      let keys = binding.keysText.replacingOccurrences(of: "|", with: "\\|")
      lines.append(
        "| `\(keys)` | \(tr(binding.context.titleKey, .zh)) \(tr(binding.context.titleKey, .en)) | "
          + "\(tr(binding.helpKey, .zh)) | \(tr(binding.helpKey, .en)) |")
    }
    return lines.joined(separator: "\n")
  }
}
