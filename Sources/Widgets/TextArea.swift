import TerminalCore

/// The secretary's multi-line editor for long Chinese text: soft-wrapped by display columns with
/// the Chinese line-breaking rule, with its own undo/redo, fast on documents of tens of thousands
/// of characters.
///
/// Text is kept as paragraphs of characters, each with its own cached wrap layout, so that an
/// edit only re-wraps the paragraph it touches. The view size is part of the state (`resize`),
/// because moving by visual line and scrolling depend on it.
public struct TextArea: Sendable, Equatable {
  /// A caret position: which paragraph, and how many characters into it.
  public struct Position: Hashable, Comparable, Sendable {
    public var paragraph: Int
    public var offset: Int

    public init(paragraph: Int, offset: Int) {
      self.paragraph = paragraph
      self.offset = offset
    }

    public static func < (a: Position, b: Position) -> Bool {
      (a.paragraph, a.offset) < (b.paragraph, b.offset)
    }
  }

  /// What a key did: nothing, moved the caret, or changed the text.
  public typealias Outcome = LineEditor.Outcome

  struct Paragraph: Sendable, Equatable {
    var chars: [Character]
    /// The first screen lines at `layoutWidth` (all of them when `complete`); stale when the
    /// width differs. Lines past the view are wrapped only when something needs them, so that
    /// typing early in a very long paragraph does not re-wrap all of it.
    var lines: [Range<Int>] = []
    var layoutWidth = -1
    var complete = false

    init(_ chars: [Character]) { self.chars = chars }
  }

  /// One screen line: a paragraph and the index of a line in its wrap layout.
  struct VisualLine: Hashable, Comparable, Sendable {
    var paragraph: Int
    var line: Int
    static func < (a: VisualLine, b: VisualLine) -> Bool { (a.paragraph, a.line) < (b.paragraph, b.line) }
  }

  /// One undoable change: `removed` was replaced by `inserted` at `start`.
  struct Edit: Sendable, Equatable {
    var start: Position
    var removed: [Character]
    var inserted: [Character]
    var caretBefore: Position
    var caretAfter: Position
  }

  enum EditKind: Sendable, Equatable {
    case typing
    case deletingBackward
    case other
  }

  var paragraphs: [Paragraph]
  public internal(set) var caret: Position
  /// The display column that ↑/↓ try to keep, set by the first vertical move.
  var goalColumn: Int?
  public private(set) var width: Int
  public private(set) var height: Int
  var top = VisualLine(paragraph: 0, line: 0)
  var undoStack: [Edit] = []
  var redoStack: [Edit] = []
  var lastEditKind: EditKind?

  /// Grows by one with every change of the text (including undo and redo); an autosave compares
  /// it with the version it last saved.
  public private(set) var version = 0

  /// A text area showing `text` in a view of `width` × `height` cells, caret at the start.
  public init(text: String = "", width: Int = 80, height: Int = 24) {
    let normalized = TextArea.normalize(text)
    paragraphs = normalized.split(separator: "\n", omittingEmptySubsequences: false).map {
      Paragraph(Array($0))
    }
    if paragraphs.isEmpty { paragraphs = [Paragraph([])] }
    caret = Position(paragraph: 0, offset: 0)
    self.width = max(1, width)
    self.height = max(1, height)
  }

  /// The whole text, paragraphs joined with "\n".
  public var text: String {
    var s = ""
    s.reserveCapacity(characterCount)
    for (i, p) in paragraphs.enumerated() {
      if i > 0 { s.append("\n") }
      s.append(contentsOf: p.chars)
    }
    return s
  }

  /// Characters in the text, counting each paragraph break as one.
  public var characterCount: Int {
    paragraphs.reduce(paragraphs.count - 1) { $0 + $1.chars.count }
  }

  public var paragraphCount: Int { paragraphs.count }

  /// The characters of one paragraph.
  public func paragraph(_ index: Int) -> [Character] { paragraphs[index].chars }

  public var canUndo: Bool { !undoStack.isEmpty }
  public var canRedo: Bool { !redoStack.isEmpty }

  /// Sets the view size; layouts are re-wrapped lazily, only for paragraphs that are shown or
  /// crossed by the caret.
  public mutating func resize(width: Int, height: Int) {
    guard max(1, width) != self.width || max(1, height) != self.height else { return }
    let cached = paragraphs[top.paragraph]
    let firstShown =
      cached.layoutWidth == self.width && top.line < cached.lines.count
      ? cached.lines[top.line].lowerBound : 0
    self.width = max(1, width)
    self.height = max(1, height)
    goalColumn = nil
    // Keep the first character shown at the top, then make sure the caret is in view and no
    // rows stay empty at the bottom while there is text above.
    top.line = TextArea.lineIndex(of: firstShown, in: ensure(top.paragraph, through: firstShown))
    keepCaretVisible()
    let last = paragraphs.count - 1
    let lastTop = step(VisualLine(paragraph: last, line: layout(last).count - 1), by: -(self.height - 1))
    if lastTop < top { top = lastTop }
  }

  /// Puts the caret somewhere, clamped to the text.
  public mutating func moveCaret(to position: Position) {
    caret = clamped(position)
    goalColumn = nil
    lastEditKind = nil
    keepCaretVisible()
  }

  // MARK: Keys

  /// Handles one event: keys and bracketed pastes; anything else is left to the caller.
  @discardableResult
  public mutating func handle(_ event: Event) -> Outcome {
    switch event {
    case .key(let key): return handle(key)
    case .paste(let text): return paste(text)
    default: return .ignored
    }
  }

  /// Handles one key: movement, editing, undo (Ctrl-Z) and redo (Ctrl-Y). Tab is left to the
  /// caller (it moves the focus in a form). End on a wrapped line that is not a paragraph's last
  /// stops before the line's last character, because the position after it is the next line's
  /// start; on wrapped prose that character is the space hanging after the last word.
  @discardableResult
  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .character(let ch):
      if ch == "\n" || ch == "\r" || ch == "\r\n" { return insertBreak() }
      guard !DisplayWidth.isControl(ch) else { return .ignored }
      return type(ch)
    case .enter: return insertBreak()
    case .backspace, .ctrl("h"): return deleteBackward()
    case .delete, .ctrl("d"): return deleteForward()
    case .ctrl("k"):
      let end =
        caret.offset < paragraphs[caret.paragraph].chars.count
        ? Position(paragraph: caret.paragraph, offset: paragraphs[caret.paragraph].chars.count)
        : after(caret)
      return edit(from: caret, to: end, insert: [], kind: .other)
    case .ctrl("u"):
      let start = Position(paragraph: caret.paragraph, offset: 0)
      return edit(from: start, to: caret, insert: [], kind: .other)
    case .ctrl("z"): return undo() ? .edited : .moved
    case .ctrl("y"): return redo() ? .edited : .moved
    default:
      guard let target = motionTarget(for: key) else { return .ignored }
      caret = target
      lastEditKind = nil
      keepCaretVisible()
      return .moved
    }
  }

  /// Inserts pasted text at the caret in one step (one undo step, one re-wrap per paragraph).
  @discardableResult
  public mutating func paste(_ text: String) -> Outcome {
    let chars = Array(TextArea.normalize(text))
    guard !chars.isEmpty else { return .ignored }
    return edit(from: caret, to: caret, insert: chars, kind: .other)
  }

  /// Inserts text at the caret as one undo step.
  @discardableResult
  public mutating func insert(_ text: String) -> Outcome { paste(text) }

  private mutating func type(_ ch: Character) -> Outcome {
    edit(from: caret, to: caret, insert: [ch], kind: .typing)
  }

  private mutating func insertBreak() -> Outcome {
    edit(from: caret, to: caret, insert: ["\n"], kind: .other)
  }

  private mutating func deleteBackward() -> Outcome {
    guard caret > Position(paragraph: 0, offset: 0) else { return .moved }
    return edit(from: before(caret), to: caret, insert: [], kind: .deletingBackward)
  }

  private mutating func deleteForward() -> Outcome {
    let end = after(caret)
    guard end != caret else { return .moved }
    return edit(from: caret, to: end, insert: [], kind: .other)
  }

  /// Replaces the text between two positions, records it for undo (merging consecutive typing
  /// and consecutive backspaces into one step) and moves the caret after the inserted text.
  private mutating func edit(from start: Position, to end: Position, insert: [Character], kind: EditKind)
    -> Outcome
  {
    if start == end && insert.isEmpty { return .moved }
    let caretBefore = caret
    let removed = replace(from: start, to: end, with: insert)
    caret = TextArea.position(after: insert, from: start)
    let edit = Edit(
      start: start, removed: removed, inserted: insert, caretBefore: caretBefore, caretAfter: caret)
    if !merge(edit, kind: kind) { undoStack.append(edit) }
    redoStack.removeAll()
    lastEditKind = kind
    goalColumn = nil
    keepCaretVisible()
    return .edited
  }

  /// Folds an edit into the last undo step when it continues the same run of typing or
  /// backspacing; a run of typing ends after sentence punctuation or a space.
  private mutating func merge(_ edit: Edit, kind: EditKind) -> Bool {
    guard kind != .other, kind == lastEditKind, var last = undoStack.last else { return false }
    switch kind {
    case .typing:
      guard last.caretAfter == edit.start, let previous = last.inserted.last,
        !TextArea.sentenceEnders.contains(previous), previous != " "
      else { return false }
      last.inserted.append(contentsOf: edit.inserted)
    case .deletingBackward:
      guard last.inserted.isEmpty, edit.inserted.isEmpty,
        TextArea.position(after: edit.removed, from: edit.start) == last.start
      else { return false }
      last.removed = edit.removed + last.removed
      last.start = edit.start
    case .other:
      return false
    }
    last.caretAfter = edit.caretAfter
    undoStack[undoStack.count - 1] = last
    return true
  }

  /// Takes back the last edit step. Returns false when there is nothing to undo.
  @discardableResult
  public mutating func undo() -> Bool {
    guard let edit = undoStack.popLast() else { return false }
    let end = TextArea.position(after: edit.inserted, from: edit.start)
    _ = replace(from: edit.start, to: end, with: edit.removed)
    caret = clamped(edit.caretBefore)
    redoStack.append(edit)
    lastEditKind = nil
    goalColumn = nil
    keepCaretVisible()
    return true
  }

  /// Does again the last undone step. Returns false when there is nothing to redo.
  @discardableResult
  public mutating func redo() -> Bool {
    guard let edit = redoStack.popLast() else { return false }
    let end = TextArea.position(after: edit.removed, from: edit.start)
    _ = replace(from: edit.start, to: end, with: edit.inserted)
    caret = clamped(edit.caretAfter)
    undoStack.append(edit)
    lastEditKind = nil
    goalColumn = nil
    keepCaretVisible()
    return true
  }

  // MARK: Text storage

  /// The one primitive every edit goes through. Returns the removed text ("\n" between
  /// paragraphs). Only touched paragraphs lose their layout.
  private mutating func replace(from start: Position, to end: Position, with text: [Character])
    -> [Character]
  {
    version += 1
    let p0 = start.paragraph
    if p0 == end.paragraph && !text.contains("\n") {
      let removed = Array(paragraphs[p0].chars[start.offset..<end.offset])
      paragraphs[p0].chars.replaceSubrange(start.offset..<end.offset, with: text)
      rewrap(p0, at: start.offset, removed: removed.count, inserted: text.count)
      return removed
    }
    var removed: [Character] = []
    for p in p0...end.paragraph {
      let chars = paragraphs[p].chars
      let from = p == p0 ? start.offset : 0
      let to = p == end.paragraph ? end.offset : chars.count
      if p > p0 { removed.append("\n") }
      removed.append(contentsOf: chars[from..<to])
    }
    let prefix = paragraphs[p0].chars[..<start.offset]
    let suffix = paragraphs[end.paragraph].chars[end.offset...]
    var pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    pieces[0].insert(contentsOf: prefix, at: 0)
    pieces[pieces.count - 1].append(contentsOf: suffix)
    paragraphs.replaceSubrange(p0...end.paragraph, with: pieces.map { Paragraph($0) })
    if top.paragraph >= paragraphs.count { top = VisualLine(paragraph: paragraphs.count - 1, line: 0) }
    if top.paragraph >= p0 { top.line = 0 }
    return removed
  }

  static func position(after text: [Character], from start: Position) -> Position {
    guard let lastBreak = text.lastIndex(of: "\n") else {
      return Position(paragraph: start.paragraph, offset: start.offset + text.count)
    }
    let breaks = text.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    return Position(paragraph: start.paragraph + breaks, offset: text.count - lastBreak - 1)
  }

  /// Line ends become "\n" and tabs four spaces; other control characters are dropped, since
  /// the terminal must never receive them.
  static func normalize(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text {
      switch ch {
      case "\n", "\r\n", "\r": out.append("\n")
      case "\t": out.append("    ")
      default: if !DisplayWidth.isControl(ch) { out.append(ch) }
      }
    }
    return out
  }

  func clamped(_ position: Position) -> Position {
    let p = min(max(0, position.paragraph), paragraphs.count - 1)
    return Position(paragraph: p, offset: min(max(0, position.offset), paragraphs[p].chars.count))
  }

  func before(_ position: Position) -> Position {
    if position.offset > 0 { return Position(paragraph: position.paragraph, offset: position.offset - 1) }
    if position.paragraph == 0 { return position }
    return Position(paragraph: position.paragraph - 1, offset: paragraphs[position.paragraph - 1].chars.count)
  }

  func after(_ position: Position) -> Position {
    if position.offset < paragraphs[position.paragraph].chars.count {
      return Position(paragraph: position.paragraph, offset: position.offset + 1)
    }
    if position.paragraph + 1 >= paragraphs.count { return position }
    return Position(paragraph: position.paragraph + 1, offset: 0)
  }

  // MARK: Sentences

  static let sentenceEnders: Set<Character> = ["。", "！", "？", "!", "?"]
  static let closingQuotes: Set<Character> = ["”", "’", "」", "』", "）", ")", "\"", "'"]

  /// The sentence at the caret: the text between the sentence-ending punctuation (。！？!?)
  /// before and after it, or the paragraph's ends, without surrounding spaces. A caret at the end
  /// of a paragraph means the last sentence. Nil when that is empty.
  public var currentSentence: (text: String, range: Range<Position>)? {
    let chars = paragraphs[caret.paragraph].chars
    guard !chars.isEmpty else { return nil }
    let at = min(caret.offset, chars.count - 1)
    var start = at
    while start > 0 && !endsSentence(chars, at: start - 1) { start -= 1 }
    var end = at
    while end < chars.count && !endsSentence(chars, at: end) { end += 1 }
    end = min(chars.count, end + 1)
    while start < end && chars[start].isWhitespace { start += 1 }
    while end > start && chars[end - 1].isWhitespace { end -= 1 }
    guard start < end else { return nil }
    let p = caret.paragraph
    return (
      String(chars[start..<end]),
      Position(paragraph: p, offset: start)..<Position(paragraph: p, offset: end)
    )
  }

  /// Whether the character at `index` is the last one of a sentence: an ender not followed by
  /// another ender, or a closing quote right after one.
  private func endsSentence(_ chars: [Character], at index: Int) -> Bool {
    let ch = chars[index]
    let next: Character? = index + 1 < chars.count ? chars[index + 1] : nil
    let continues = next.map { TextArea.sentenceEnders.contains($0) || TextArea.closingQuotes.contains($0) }
    if TextArea.sentenceEnders.contains(ch) { return continues != true }
    if TextArea.closingQuotes.contains(ch), index > 0 {
      var i = index - 1
      while i > 0 && TextArea.closingQuotes.contains(chars[i]) { i -= 1 }
      return TextArea.sentenceEnders.contains(chars[i]) && continues != true
    }
    return false
  }
}
