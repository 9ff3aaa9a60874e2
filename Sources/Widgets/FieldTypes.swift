import TerminalCore

/// Names a field of a form; the caller picks the names and reads values back by them.
public struct FieldID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }
}

/// Something a field can point at: a record's id and the label shown for it (already translated).
public struct FieldOption: Hashable, Sendable, Codable {
  public var id: String
  public var label: String
  public init(id: String, label: String) {
    self.id = id
    self.label = label
  }
}

/// What a submitted field holds; the caller turns these into a domain Change.
public enum FieldValue: Hashable, Sendable {
  /// Single- or multi-line text, as typed.
  case text(String)
  /// A whole number, nil when left empty.
  case number(Int?)
  /// A calendar day, nil when left empty.
  case date(FormDate?)
  /// The id of the chosen option, nil when none.
  case choice(String?)
  /// The picked record, nil when none.
  case reference(FieldOption?)
  /// The picked records, in the order they were added.
  case references([FieldOption])
}

/// Looks records up for a reference field: given what the user typed, the matches to offer.
public typealias FieldSearch = @Sendable (String) -> [FieldOption]

/// Checks a field's value; returns a message (already in the user's language) when it is wrong.
public typealias FieldValidator = @Sendable (FieldValue) -> String?

/// The kind of a form field, which decides how it edits and what value it yields.
public enum FieldKind: Sendable {
  /// One line of text.
  case text
  /// Digits only (a leading minus when `min` allows negatives), checked against the bounds.
  case number(min: Int?, max: Int?)
  /// A day: `2026-11-26`, `今天`/`today`, or days from today such as `+30` or `-7`.
  case date
  /// One of a fixed list, cycled with ←/→ or Space.
  case choice([FieldOption])
  /// A record found by typing: matches appear below as you type; ↑/↓ pick, Enter accepts.
  case reference(FieldSearch)
  /// Several records found the same way; Backspace on an empty query removes the last one.
  case references(FieldSearch)
  /// Several lines of text edited in place by an embedded `TextArea` this many rows tall.
  case multilineText(rows: Int)
}

/// A problem the form finds by itself. The form turns it into a message through the `describe`
/// closure its caller gives, typically `{ tr($0.key, language, $0.arguments) }`.
public enum FieldProblem: Error, Hashable, Sendable {
  case required
  /// A required choice left unchosen: typing does nothing there, so the message names ← →.
  case requiredChoice
  case notANumber
  case belowMinimum(Int)
  case aboveMaximum(Int)
  /// Not readable as a date at all.
  case unreadableDate
  /// Reads as a date that does not exist, such as 2026-02-30.
  case impossibleDate(String)
  /// Text was typed in a reference field but no record was picked from the matches.
  case unresolvedReference

  /// The string-table key of the message.
  public var key: String {
    switch self {
    case .required: return "form.error.required"
    case .requiredChoice: return "ux4.form.requiredChoice"
    case .notANumber: return "form.error.notANumber"
    case .belowMinimum: return "form.error.belowMinimum"
    case .aboveMaximum: return "form.error.aboveMaximum"
    case .unreadableDate: return "form.error.unreadableDate"
    case .impossibleDate: return "form.error.impossibleDate"
    case .unresolvedReference: return "form.error.unresolvedReference"
    }
  }

  /// The values for the message's `{0}` placeholder.
  public var arguments: [String] {
    switch self {
    case .belowMinimum(let n), .aboveMaximum(let n): return [String(n)]
    case .impossibleDate(let text): return [text]
    default: return []
    }
  }
}

/// What a key did to a form; the caller acts on submit, cancel and the discard question.
public enum FormOutcome: Hashable, Sendable {
  /// The form used the key (redraw).
  case handled
  /// The form has no use for the key; the caller may.
  case ignored
  /// Every field is valid: here are the values. The form stays as it is until the caller closes it.
  case submitted([FieldID: FieldValue])
  /// Submitting was refused: fields in error are marked and focus is on the first of them.
  case refused
  /// Esc with nothing changed: close the form.
  case cancelled
  /// Esc with changes: ask the user whether to discard them (a ConfirmDialog); on yes close the
  /// form, on no just keep it.
  case confirmDiscard
}
