import Foundation

/// What the user has put into one field, as it can be kept on disk and put back: the text as
/// typed (a date that does not read yet stays as typed), the chosen option, the picked records.
public struct FieldDraft: Codable, Equatable, Sendable {
  /// The line typed (a reference field's query), or a multi-line field's text.
  public var text: String
  /// A choice field's option id.
  public var choice: String?
  /// A reference field's picked record.
  public var picked: FieldOption?
  /// A references field's picked records.
  public var chosen: [FieldOption]

  public init(text: String, choice: String? = nil, picked: FieldOption? = nil, chosen: [FieldOption] = []) {
    self.text = text
    self.choice = choice
    self.picked = picked
    self.chosen = chosen
  }
}

/// A whole form's fields as kept in a draft: by field id, encoded as JSON text (the store keeps a
/// draft's text as it is given).
public struct FormDraft: Codable, Equatable, Sendable {
  public var fields: [String: FieldDraft]

  public init(fields: [String: FieldDraft]) { self.fields = fields }

  /// The draft as text to keep (keys sorted, so the same fields always give the same text).
  public var text: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(self) else { return "" }
    return String(decoding: data, as: UTF8.self)
  }

  /// A draft read back from its text; nil when the text is not one (damaged, or another kind of
  /// draft).
  public init?(text: String) {
    guard let decoded = try? JSONDecoder().decode(FormDraft.self, from: Data(text.utf8)) else { return nil }
    self = decoded
  }

  /// The first line of text typed in it, for a question or a message that names the draft.
  public var firstWords: String {
    fields.keys.sorted().lazy.compactMap { key -> String? in
      guard let field = self.fields[key] else { return nil }
      let line = field.picked?.label ?? field.chosen.first?.label ?? field.text
      return line.split(separator: "\n").first.map(String.init)
    }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
  }
}

extension FormField {
  /// What is in the field now, as a draft keeps it.
  public var draft: FieldDraft {
    var choice: String?
    if case .choice(let options) = kind, let index = choiceIndex, options.indices.contains(index) {
      choice = options[index].id
    }
    return FieldDraft(text: area?.text ?? editor.text, choice: choice, picked: selected, chosen: chosen)
  }

  /// Puts a draft back into the field, as the user had left it.
  mutating func restore(_ draft: FieldDraft) {
    switch kind {
    case .multilineText:
      set(.text(draft.text))
    case .choice(let options):
      choiceIndex = draft.choice.flatMap { id in options.firstIndex { $0.id == id } }
    case .reference:
      selected = draft.picked
      editor.setText(draft.text)
    case .references:
      chosen = draft.chosen
      editor.setText(draft.text)
    case .text, .number, .date:
      editor.setText(draft.text)
    }
    externalError = nil
    problem = nil
  }
}

extension FormState {
  /// Every field's contents, to keep as a draft.
  public var draft: FormDraft {
    FormDraft(fields: Dictionary(fields.map { ($0.id.rawValue, $0.draft) }, uniquingKeysWith: { a, _ in a }))
  }

  /// Puts a kept draft back: each field the draft has is filled as it was; fields the draft does
  /// not name (a form that gained a field since) keep what they start with. The form then has
  /// changes, so Esc asks before throwing them away.
  public mutating func restore(_ draft: FormDraft) {
    for index in fields.indices {
      guard let kept = draft.fields[fields[index].id.rawValue] else { continue }
      fields[index].restore(kept)
    }
  }
}
