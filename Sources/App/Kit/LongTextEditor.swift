import Domain
import Localization
import TerminalCore
import Widgets

/// A full-screen editor over one long text (a meeting's minutes, a report's text), with the
/// bookkeeping that makes sure nothing typed is lost (drafts) and nothing saved is saved twice.
/// What the text belongs to, and what saving it or raising a problem from it changes, is the
/// owning screen's: the editor only says what the user asked for (`LongTextStep`).
public struct LongTextEditor: Sendable, Equatable {
  /// The key the draft is kept under (the owner's user name is added by the runtime).
  public var draftKey: String
  /// The heading of the header row, in the user's language.
  public var heading: String
  public var area: TextArea
  /// The text version last written as a draft (or loaded from one).
  public var draftVersion: Int
  /// Edits since the last draft: a long burst of typing without a pause (no tick) still saves.
  public var editsSinceDraft = 0
  /// The title of a problem being raised, for the message once it is saved.
  public var pendingProblem: String?

  /// Typing this many edits without a pause writes a draft even before the next tick.
  public static let editsPerDraft = 24

  /// The text version the record holds (nil: the text differs from the record's, e.g. a draft).
  public var savedVersion: Int?

  /// The text the record holds, when the owner said (a draft equal to it is no draft: it is thrown
  /// away rather than offered back at the next start).
  public var recordText: String?

  /// `isStored`: the text is the record's own (not a draft or text left unsaved). `recordText`: the
  /// record's own text, to know when typing has come back to it.
  public init(
    draftKey: String, heading: String, text: String, isStored: Bool = true, recordText: String? = nil
  ) {
    self.draftKey = draftKey
    self.recordText = recordText
    self.heading = heading
    area = TextArea(text: text, width: 78, height: 18)
    // A draft loaded back is already on disk; a fresh text is not worth a draft yet.
    draftVersion = area.version
    savedVersion = isStored ? area.version : nil
  }

  /// The text shown is the text the record holds.
  public var isSaved: Bool { savedVersion == area.version }

  public var isDirty: Bool { area.version != draftVersion }

  /// The effect that keeps the current text as a draft, and the bookkeeping that goes with it.
  public mutating func saveDraft() -> Effect {
    draftVersion = area.version
    editsSinceDraft = 0
    // Typed back to what the record holds: nothing is unsaved, so no draft is kept.
    if let recordText, area.text == recordText {
      savedVersion = area.version
      return .discardDraft(key: draftKey)
    }
    return .saveDraft(key: draftKey, text: area.text)
  }

  /// The text reached the store: there is no draft to keep any more.
  public mutating func markSaved() -> Effect {
    recordText = area.text
    draftVersion = area.version
    savedVersion = area.version
    editsSinceDraft = 0
    return .discardDraft(key: draftKey)
  }

  /// The draft did not reach the disk: the header must not say it did, and the next pause tries
  /// again.
  public mutating func draftFailed() { draftVersion = -1 }

  /// The rectangle of the text below the header row.
  public static func body(of rect: Rect) -> Rect { rect.splitTop(1).1 }

  /// What one event asks for. Typing, moving and pauses are done here; saving, raising a problem
  /// and leaving are the owner's to carry out.
  public mutating func handle(_ event: TerminalEvent, in rect: Rect) -> LongTextStep {
    let body = Self.body(of: rect)
    area.resize(width: body.width, height: body.height)
    switch event {
    case .tick:
      return .handled(isDirty ? [saveDraft()] : [])
    case .key(.escape):
      // Leaving keeps everything typed: as a draft on disk (the owner keeps it in memory too).
      return .leave(isDirty ? [saveDraft()] : [])
    case .key(.ctrl("s")):
      return .save(area.text)
    case .key(.ctrl("p")):
      guard let sentence = Self.sentenceBeforeCaret(area) else { return .noSentence }
      return .raise(sentence: sentence, title: Self.problemTitle(sentence))
    case .key(.tab), .key(.backTab):
      return .handled([])
    default:
      let outcome = area.handle(event)
      var effects: [Effect] = []
      if outcome == .edited {
        editsSinceDraft += 1
        if editsSinceDraft >= Self.editsPerDraft { effects.append(saveDraft()) }
      }
      if outcome == .ignored, case .key(let key) = event {
        // Ctrl keys the editor has no use for (help, redo, quit) go to the shell.
        if case .character = key { return .handled([]) }
        return .ignored
      }
      return .handled(effects)
    }
  }

  /// The sentence the writer just finished or is in: with the caret right after a sentence's
  /// end (just typed 。), that sentence rather than the next one.
  public static func sentenceBeforeCaret(_ area: TextArea) -> String? {
    let caret = area.caret
    let chars = area.paragraph(caret.paragraph)
    var probe = area
    if caret.offset > 0, caret.offset < chars.count, "。！？!?”’」』）)".contains(chars[caret.offset - 1]) {
      probe.moveCaret(to: TextArea.Position(paragraph: caret.paragraph, offset: caret.offset - 1))
    }
    return probe.currentSentence?.text
  }

  /// The problem title made from a sentence: the sentence itself, shortened when it is long.
  public static func problemTitle(_ sentence: String) -> String {
    // A title, not a sentence: without the full stop (messages quote it and add their own).
    var trimmed = sentence.trimmingCharacters(in: .whitespaces)
    while let last = trimmed.last, "。．.；;".contains(last) { trimmed.removeLast() }
    return trimmed.count > 60 ? String(trimmed.prefix(60)) + "…" : trimmed
  }

  /// The header (heading, characters, whether the draft is on disk) and the text below it.
  public func draw(into canvas: inout Canvas, rect: Rect, language: Language) {
    guard rect.height >= 2 else { return }
    let (head, body) = rect.splitTop(1)
    canvas.fill(head, style: Style(.header, bold: true))
    // The record's own text needs no draft: say it is saved, not that a draft is.
    let status =
      isSaved && !isDirty
      ? tr("editors.status.inRecord", language, String(area.characterCount))
      : tr(
        "consultations.minutes.status", language, String(area.characterCount),
        tr(isDirty ? "consultations.minutes.draftDirty" : "consultations.minutes.draftSaved", language))
    let statusWidth = status.displayWidth
    let titleRoom = max(0, head.width - statusWidth - 3)
    canvas.write(
      " " + Text.truncate(heading, to: titleRoom), x: head.x, y: head.y, style: Style(.header, bold: true),
      limit: titleRoom + 1)
    canvas.write(status + " ", x: head.maxX - statusWidth - 1, y: head.y, style: Style(.header))
    var shown = area
    shown.resize(width: body.width, height: body.height)
    shown.draw(into: &canvas, in: body)
  }
}

/// What the user asked of a `LongTextEditor` with one event.
public enum LongTextStep: Equatable, Sendable {
  /// Done in the editor; carry out these effects (drafts).
  case handled([Effect])
  /// Not the editor's key: the shell's (help, quit).
  case ignored
  /// Esc: close the editor after these effects (the draft of what was typed).
  case leave([Effect])
  /// Ctrl-S: save this text to the record.
  case save(String)
  /// Ctrl-P: raise a problem from this sentence, with this title.
  case raise(sentence: String, title: String)
  /// Ctrl-P with no sentence at the caret.
  case noSentence
}

extension ScreenResult {
  /// An editor was opened: handled, and a reader (who has no role) is told before typing that
  /// none of it will be kept.
  static func editorOpened(_ context: ScreenContext) -> ScreenResult {
    guard context.actor.role == nil else { return .handled }
    return .say(tr("drafts.readerTyping", context.language, context.actor.userName), .warning)
  }
}
