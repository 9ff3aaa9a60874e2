import Localization
import TerminalCore

/// Everything a key can ask for. The help overlay, the status bar hints and the README's key
/// table are all made from `Keymap.bindings`, so they cannot disagree with what the keys do.
public enum Action: String, CaseIterable, Sendable, Hashable {
  case quit, help, nextSection, previousSection, section
  case moveDown, moveUp, pageDown, pageUp, first, last, filter, sort, reverseSort, open, back
  case undo, redo, new, edit, archive, showArchived, advance, export
  case save, cancel, nextField, previousField
  case confirm, refuse

  /// The key of this action's description in the string tables.
  public var labelKey: String { "action.\(rawValue)" }
}

/// Where a binding applies; the help overlay groups bindings by it.
public enum KeyContext: String, CaseIterable, Sendable {
  case global, list, form, editor, dialog

  public var titleKey: String { "help.context.\(rawValue)" }
}

/// One entry of the key table.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var context: KeyContext
  /// Shown among the status bar's hints (short list; the rest live in help).
  public var hint: Bool

  public init(_ keys: [Key], _ action: Action, _ context: KeyContext, hint: Bool = false) {
    self.keys = keys
    self.action = action
    self.context = context
    self.hint = hint
  }

  /// How the keys are written: "j / ↓".
  public var keysText: String { keys.map(\.description).joined(separator: " / ") }
}

/// The one table of keys.
public enum Keymap {
  public static let bindings: [Binding] = [
    Binding([.character("?"), .function(1)], .help, .global, hint: true),
    Binding([.character("q")], .quit, .global, hint: true),
    Binding([.tab], .nextSection, .global),
    Binding([.backTab], .previousSection, .global),
    Binding(Section.allCases.map { .character($0.digit) }, .section, .global),
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
    Binding([.character("n")], .new, .list),
    Binding([.character("e")], .edit, .list),
    Binding([.character("a")], .advance, .list),
    Binding([.character("d")], .archive, .list),
    Binding([.character("A")], .showArchived, .list),
    Binding([.character("x")], .export, .list),
    Binding([.character("u")], .undo, .list),
    Binding([.ctrl("r")], .redo, .list),
    Binding([.ctrl("s")], .save, .form),
    Binding([.escape], .cancel, .form),
    Binding([.tab, .down], .nextField, .form),
    Binding([.backTab, .up], .previousField, .form),
    Binding([.ctrl("s")], .save, .editor),
    Binding([.escape], .back, .editor),
    Binding([.character("y"), .enter], .confirm, .dialog),
    Binding([.character("n"), .escape], .refuse, .dialog),
  ]

  /// The action a key asks for in a context (the context's own bindings first, then global).
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
      return binding.action
    }
    if context == .list || context == .global,
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
          + "\(tr(binding.action.labelKey, .zh)) | \(tr(binding.action.labelKey, .en)) |")
    }
    return lines.joined(separator: "\n")
  }
}
