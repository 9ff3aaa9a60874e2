import TerminalCore

/// One labelled field of a form: what it is (kind, label, rules) and what has been typed into it.
public struct FormField: Sendable {
  public let id: FieldID
  /// The label, already in the user's language.
  public var label: String
  public let kind: FieldKind
  public var isRequired: Bool
  public var validator: FieldValidator?

  /// The line being typed: the text of a text, number or date field, or the search query of a
  /// reference field.
  public internal(set) var editor: LineEditor
  var choiceIndex: Int?
  var selected: FieldOption?
  var chosen: [FieldOption] = []
  var candidates: [FieldOption] = []
  var candidateIndex = 0
  var showsCandidates = false
  /// The text area of a multi-line field (its caret lets a screen act on the sentence being typed).
  public internal(set) var area: TextArea?
  /// The message from the last check of this field (built-in rules, then the validator).
  var problem: String?
  /// A message set from outside (the Domain rules after a failed save) until the field changes.
  var externalError: String?

  public init(
    _ id: FieldID, label: String, kind: FieldKind, value: FieldValue? = nil, required: Bool = false,
    validator: FieldValidator? = nil
  ) {
    self.id = id
    self.label = label
    self.kind = kind
    self.isRequired = required
    self.validator = validator
    editor = LineEditor()
    if case .multilineText(let rows) = kind { area = TextArea(text: "", width: 40, height: max(1, rows)) }
    if let value { set(value) }
  }

  /// The message shown for this field, if it is in error.
  public var error: String? { externalError ?? problem }

  /// The matches offered below a reference field, and the highlighted one.
  public var offeredCandidates: (options: [FieldOption], selected: Int)? {
    showsCandidates && !candidates.isEmpty ? (candidates, candidateIndex) : nil
  }

  /// Puts a value into the field as if typed and picked.
  mutating func set(_ value: FieldValue) {
    switch (kind, value) {
    case (.text, .text(let s)): editor.setText(s)
    case (.multilineText(let rows), .text(let s)):
      let old = area
      var filled = TextArea(text: s, width: old?.width ?? 40, height: old?.height ?? rows)
      // As in a one-line field, what is typed into a filled-in field goes after its text: a
      // clerk adding a line under the suggested topic must not push it down.
      filled.moveCaret(to: TextArea.Position(paragraph: Int.max, offset: Int.max))
      area = filled
    case (.number, .number(let n)): editor.setText(n.map(String.init) ?? "")
    case (.date, .date(let d)): editor.setText(d?.description ?? "")
    case (.choice(let options), .choice(let id)): choiceIndex = options.firstIndex { $0.id == id }
    case (.reference, .reference(let option)):
      selected = option
      editor.setText(option?.label ?? "")
    case (.references, .references(let options)):
      chosen = options
      editor.setText("")
    default: break
    }
  }

  /// The field's value read from what was typed, or the problem that stops it being read.
  func read(today: FormDate) -> Result<FieldValue, FieldProblem> {
    let value: FieldValue
    switch kind {
    case .text:
      value = .text(editor.text)
      if isRequired && editor.text.trimmingSpaces().isEmpty { return .failure(.required) }
    case .multilineText:
      let text = area?.text ?? ""
      value = .text(text)
      if isRequired && text.trimmingSpaces().isEmpty { return .failure(.required) }
    case .number(let min, let max):
      let text = editor.text.trimmingSpaces()
      if text.isEmpty {
        if isRequired { return .failure(.required) }
        return .success(.number(nil))
      }
      guard let n = Int(text) else { return .failure(.notANumber) }
      if let min, n < min { return .failure(.belowMinimum(min)) }
      if let max, n > max { return .failure(.aboveMaximum(max)) }
      value = .number(n)
    case .date:
      switch FormDate.parse(editor.text, today: today) {
      case .failure(let problem): return .failure(problem)
      case .success(nil) where isRequired: return .failure(.required)
      case .success(let date): value = .date(date)
      }
    case .choice(let options):
      let index = choiceIndex.flatMap { options.indices.contains($0) ? $0 : nil }
      if index == nil && isRequired { return .failure(.requiredChoice) }
      value = .choice(index.map { options[$0].id })
    case .reference:
      if selected == nil && !editor.text.trimmingSpaces().isEmpty { return .failure(.unresolvedReference) }
      if selected == nil && isRequired { return .failure(.required) }
      value = .reference(selected)
    case .references:
      if !editor.text.trimmingSpaces().isEmpty { return .failure(.unresolvedReference) }
      if chosen.isEmpty && isRequired { return .failure(.required) }
      value = .references(chosen)
    }
    return .success(value)
  }

  /// Checks the field (built-in rules, then the caller's validator) and keeps the message.
  /// Leaving an empty required field is not yet an error; submitting it is.
  mutating func check(today: FormDate, describe: (FieldProblem) -> String, requiredNow: Bool = true) {
    switch read(today: today) {
    case .failure(.required) where !requiredNow, .failure(.requiredChoice) where !requiredNow:
      self.problem = nil
    case .failure(let problem): self.problem = describe(problem)
    case .success(let value): self.problem = validator?(value)
    }
  }

  /// Tidies the field when focus leaves it: a date typed as `今天` or `+30` shows as the day it
  /// means; a typed name that matches exactly one record picks it; open matches close.
  mutating func settle(today: FormDate) {
    showsCandidates = false
    switch kind {
    case .date:
      if case .success(let date?) = FormDate.parse(editor.text, today: today) {
        editor.setText(date.description)
      }
    case .reference:
      if selected == nil, let only = uniqueMatch() {
        selected = only
        editor.setText(only.label)
      }
    case .references:
      if let only = uniqueMatch(), !chosen.contains(only) {
        chosen.append(only)
        editor.setText("")
      }
    default: break
    }
  }

  private func uniqueMatch() -> FieldOption? {
    let query = editor.text.trimmingSpaces()
    guard !query.isEmpty else { return nil }
    let exact = candidates.filter { $0.label == query }
    return exact.count == 1 ? exact[0] : nil
  }

  /// What the user has put in the field, to tell whether anything changed.
  var content: [String] {
    [
      editor.text, choiceIndex.map(String.init) ?? "", selected?.id ?? "",
      chosen.map(\.id).joined(separator: "\u{1F}"), area?.text ?? "",
    ]
  }

  /// Whether the key goes to the field rather than to the form's navigation.
  func wantsKey(_ key: Key) -> Bool {
    switch key {
    case .up, .down:
      if case .multilineText = kind { return true }
      return showsCandidates && !candidates.isEmpty
    case .enter:
      if case .multilineText = kind { return true }
      return showsCandidates && !candidates.isEmpty
    case .escape:
      return showsCandidates
    default:
      return true
    }
  }

  /// Handles a key aimed at this field; returns whether the field's content changed.
  mutating func handle(_ key: Key) -> LineEditor.Outcome {
    switch kind {
    case .text, .date:
      return editor.handle(key)
    case .number(let min, _):
      if case .character(let typed) = key {
        let ch = Character(FormDate.normalizeWidth(String(typed)))
        let allowsMinus = (min ?? 0) < 0 && ch == "-" && editor.caret == 0 && !editor.text.hasPrefix("-")
        guard ch.isASCIIDigit || allowsMinus else { return .ignored }
        return editor.handle(.character(ch))
      }
      return editor.handle(key)
    case .choice(let options):
      return handleChoice(key, options: options)
    case .reference(let search), .references(let search):
      return handleReference(key, search: search)
    case .multilineText:
      guard var area else { return .ignored }
      let outcome = area.handle(key)
      self.area = area
      return outcome
    }
  }

  private mutating func handleChoice(_ key: Key, options: [FieldOption]) -> LineEditor.Outcome {
    guard !options.isEmpty else { return .ignored }
    let current = choiceIndex ?? -1
    switch key {
    case .right, .character(" "):
      choiceIndex = (current + 1) % options.count
    case .left:
      choiceIndex = current <= 0 ? options.count - 1 : current - 1
    case .home:
      choiceIndex = 0
    case .end:
      choiceIndex = options.count - 1
    case .character(let ch):
      // Typing a letter jumps to the next option whose label starts with it.
      let order = (1...options.count).map { (current + $0 + options.count) % options.count }
      guard
        let hit = order.first(where: { options[$0].label.lowercased().hasPrefix(String(ch).lowercased()) })
      else { return .ignored }
      choiceIndex = hit
    default:
      return .ignored
    }
    return current == choiceIndex ? .moved : .edited
  }

  private mutating func handleReference(_ key: Key, search: FieldSearch) -> LineEditor.Outcome {
    let isMulti: Bool
    if case .references = kind { isMulti = true } else { isMulti = false }
    let listOpen = showsCandidates && !candidates.isEmpty
    switch key {
    case .up where listOpen:
      candidateIndex = max(0, candidateIndex - 1)
      return .moved
    case .down where listOpen:
      candidateIndex = min(candidates.count - 1, candidateIndex + 1)
      return .moved
    case .enter where listOpen:
      let pick = candidates[candidateIndex]
      showsCandidates = false
      if isMulti {
        if !chosen.contains(pick) { chosen.append(pick) }
        editor.setText("")
      } else {
        selected = pick
        editor.setText(pick.label)
      }
      return .edited
    case .escape:
      showsCandidates = false
      return .moved
    case .backspace, .delete:
      if isMulti && editor.isEmpty && !chosen.isEmpty {
        chosen.removeLast()
        return .edited
      }
    default:
      break
    }
    let outcome = editor.handle(key)
    if outcome == .edited { updateQuery(search: search, isMulti: isMulti) }
    return outcome
  }

  /// Typing changes the query: the pick is dropped and the matches are looked up again.
  mutating func updateQuery(search: FieldSearch, isMulti: Bool) {
    if !isMulti { selected = nil }
    let query = editor.text.trimmingSpaces()
    candidates = query.isEmpty ? [] : search(query)
    if isMulti { candidates.removeAll { chosen.contains($0) } }
    candidateIndex = 0
    showsCandidates = !candidates.isEmpty
  }

  /// Handles pasted text; a multi-line field keeps its line breaks, others get spaces.
  mutating func paste(_ text: String) -> LineEditor.Outcome {
    switch kind {
    case .multilineText:
      guard var area else { return .ignored }
      let outcome = area.paste(text)
      self.area = area
      return outcome
    case .choice:
      return .ignored
    case .number:
      var outcome = LineEditor.Outcome.ignored
      for ch in text where handle(.character(ch)) == .edited { outcome = .edited }
      return outcome
    case .reference(let search), .references(let search):
      editor.paste(text)
      updateQuery(search: search, isMulti: { if case .references = kind { true } else { false } }())
      return .edited
    case .text, .date:
      editor.paste(text)
      return .edited
    }
  }
}

extension FormField: Equatable {
  /// Equal when they show and hold the same: the kind's search and the validator are behaviour
  /// fixed when the field is made, so they are not compared.
  public static func == (a: FormField, b: FormField) -> Bool {
    a.id == b.id && a.label == b.label && a.isRequired == b.isRequired && a.editor == b.editor
      && a.choiceIndex == b.choiceIndex && a.selected == b.selected && a.chosen == b.chosen
      && a.candidates == b.candidates && a.candidateIndex == b.candidateIndex
      && a.showsCandidates == b.showsCandidates && a.area == b.area && a.problem == b.problem
      && a.externalError == b.externalError
  }
}
