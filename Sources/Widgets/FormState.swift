import TerminalCore

/// A form of labelled fields: its keys move between fields and edit them; submitting yields the
/// values, never writes anything. The caller builds the domain Change from them.
///
/// Keys: Tab/Shift-Tab and ↓/↑ move between fields; Enter moves on, and on the last field
/// submits; Ctrl-S submits from anywhere; Esc closes an open match list, else cancels (asking
/// first when something changed). In a multi-line field Enter and ↑/↓ edit the text; Tab leaves.
public struct FormState: Sendable {
  public internal(set) var fields: [FormField]
  /// The index of the field with the focus.
  public private(set) var focus: Int
  /// The day `今天`, `today` and `+N` count from.
  public let today: FormDate
  /// Whether labels line up on their right edge (usual for Chinese forms) or their left.
  public var labelAlignment: Text.Alignment = .right
  /// The widest a field is drawn; wider screens leave the rest for messages.
  public var maxFieldWidth = 60
  let describe: @Sendable (FieldProblem) -> String
  var initialContent: [[String]]

  /// A form of `fields`, focus on the first. `describe` turns a built-in problem into a message
  /// in the user's language, e.g. `{ tr($0.key, language, $0.arguments) }`.
  public init(
    fields: [FormField], today: FormDate, describe: @escaping @Sendable (FieldProblem) -> String
  ) {
    self.fields = fields
    self.today = today
    self.describe = describe
    focus = 0
    initialContent = fields.map(\.content)
  }

  public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

  public func field(_ id: FieldID) -> FormField? { fields.first { $0.id == id } }

  /// Every field's current value; fields whose text cannot be read are left out.
  public var values: [FieldID: FieldValue] {
    var result: [FieldID: FieldValue] = [:]
    for field in fields {
      if case .success(let value) = field.read(today: today) { result[field.id] = value }
    }
    return result
  }

  /// Whether anything differs from what the form started with (or was last marked saved).
  public var hasChanges: Bool { fields.map(\.content) != initialContent }

  /// Takes the current contents as the unchanged state, e.g. after the caller saved them and
  /// keeps the form open.
  public mutating func markSaved() { initialContent = fields.map(\.content) }

  /// The messages of fields in error, by field.
  public var errors: [FieldID: String] {
    var result: [FieldID: String] = [:]
    for field in fields { if let error = field.error { result[field.id] = error } }
    return result
  }

  /// Marks a field as wrong with a message from outside (e.g. a Domain rule after a failed
  /// save), or clears it with nil. The mark stays until the user changes the field.
  public mutating func setError(field id: FieldID, message: String?) {
    guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
    fields[index].externalError = message
  }

  /// Puts a value into a field, as if the user had typed it.
  public mutating func setValue(_ value: FieldValue, for id: FieldID) {
    guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
    fields[index].set(value)
  }

  /// Moves the focus to a field.
  public mutating func focus(on id: FieldID) {
    guard let index = fields.firstIndex(where: { $0.id == id }) else { return }
    moveFocus(to: index)
  }

  /// Handles one event: keys and pastes; everything else is left to the caller.
  public mutating func handle(_ event: Event) -> FormOutcome {
    switch event {
    case .key(let key): return handle(key)
    case .paste(let text):
      guard fields.indices.contains(focus) else { return .ignored }
      if fields[focus].paste(text) == .edited { fieldEdited(focus) }
      return .handled
    default: return .ignored
    }
  }

  /// Handles one key.
  public mutating func handle(_ key: Key) -> FormOutcome {
    guard fields.indices.contains(focus) else {
      return key == .escape ? .cancelled : .ignored
    }
    switch key {
    case .ctrl("s"): return submit()
    case .tab:
      moveFocus(to: (focus + 1) % fields.count)
      return .handled
    case .backTab:
      moveFocus(to: (focus - 1 + fields.count) % fields.count)
      return .handled
    default: break
    }
    if fields[focus].wantsKey(key) {
      let outcome = fields[focus].handle(key)
      if outcome == .edited { fieldEdited(focus) }
      if outcome != .ignored { return .handled }
    }
    switch key {
    case .escape:
      return hasChanges ? .confirmDiscard : .cancelled
    case .down:
      if focus + 1 < fields.count { moveFocus(to: focus + 1) }
      return .handled
    case .up:
      if focus > 0 { moveFocus(to: focus - 1) }
      return .handled
    case .enter:
      if focus + 1 < fields.count {
        moveFocus(to: focus + 1)
        return .handled
      }
      return submit()
    default:
      return .ignored
    }
  }

  /// Checks every field; when all are valid returns their values, else marks the fields in error,
  /// focuses the first, and refuses. Nothing typed is changed either way.
  public mutating func submit() -> FormOutcome {
    if fields.indices.contains(focus) { fields[focus].settle(today: today) }
    for index in fields.indices { fields[index].check(today: today, describe: describe) }
    if let first = fields.firstIndex(where: { $0.error != nil }) {
      focus = first
      return .refused
    }
    return .submitted(values)
  }

  /// Sets the width the form is drawn at, so that multi-line fields wrap (and ↑/↓ move) at their
  /// drawn width. Call it once before use and again when the screen is resized.
  public mutating func resize(width: Int) {
    let fieldWidth = layout(width: width).fieldWidth
    for index in fields.indices {
      guard case .multilineText(let rows) = fields[index].kind, var area = fields[index].area else {
        continue
      }
      area.resize(width: max(1, fieldWidth), height: max(1, rows))
      fields[index].area = area
    }
  }

  private mutating func moveFocus(to index: Int) {
    guard index != focus else { return }
    fields[focus].settle(today: today)
    fields[focus].check(today: today, describe: describe, requiredNow: false)
    focus = index
  }

  /// A change by the user takes back the marks on that field; it is checked again on leaving.
  private mutating func fieldEdited(_ index: Int) {
    fields[index].externalError = nil
    fields[index].problem = nil
  }
}

extension FormState: Equatable {
  /// Equal when the fields, the focus and the starting contents are (`describe` is behaviour).
  public static func == (a: FormState, b: FormState) -> Bool {
    a.fields == b.fields && a.focus == b.focus && a.today == b.today && a.labelAlignment == b.labelAlignment
      && a.maxFieldWidth == b.maxFieldWidth && a.initialContent == b.initialContent
  }
}
