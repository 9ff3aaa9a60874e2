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

  /// The record's text this editor stands on: as it was when the editor opened, or when this user
  /// last saved or took another person's text. Another person's save moves the record away from it,
  /// and saving over that is asked first (`textClash`).
  public var baseText: String?
  /// The data version `baseText` was read at, to name who changed the record since (nil: unknown).
  public var baseVersion: Int?
  /// Another person's text found on saving, and the question what to do with it.
  public var textClash: TextClash?

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
    baseText = recordText ?? (isStored ? text : nil)
  }

  /// Stands on the record's text as it is now (opening, with the data version of the moment).
  public mutating func stand(on recordText: String, context: ScreenContext) {
    baseText = recordText
    baseVersion = context.dataVersion
  }

  /// Ctrl-S: whether the text may go to the record now. When another person changed the record's text
  /// since this editor stood on it (not this user: their own undo is theirs), nothing is saved and
  /// the question is asked instead (`textClash`); the owner says `TextClash.message`.
  public mutating func mayBeSaved(recordNow: String, ref: RecordRef, context: ScreenContext) -> Bool {
    guard let base = baseText, recordNow != base, recordNow != area.text else { return true }
    let who = baseVersion.map { context.changes.authors(since: $0, touching: [ref]) }
    if let who, who.others.isEmpty, !who.unknown, who.thisUser { return true }
    textClash = TextClash(
      theirs: recordNow, by: (who?.others ?? []).map { context.data.personName(userName: $0) })
    return false
  }

  /// A key while the question is open: y saves this user's text over theirs, n takes theirs with
  /// this user's text kept below it (and as a draft), Esc goes back to this user's text unsaved.
  /// Nil when no question is open.
  public mutating func answerClash(_ event: TerminalEvent, language: Language) -> LongTextStep? {
    guard var clash = textClash else { return nil }
    guard case .key(let key) = event else { return .handled([]) }
    if key == .escape {
      textClash = nil
      return .handled([])
    }
    switch clash.dialog(language).handle(key, state: &clash.confirm) {
    case .confirmed:
      textClash = nil
      baseText = clash.theirs
      return .save(area.text)
    case .cancelled:
      textClash = nil
      let mine = area.text
      let (width, height) = (area.width, area.height)
      area = TextArea(
        text: clash.theirs + "\n\n" + tr("shared4.text.yoursBelow", language) + "\n" + mine, width: width,
        height: height)
      baseText = clash.theirs
      recordText = clash.theirs
      savedVersion = nil
      editsSinceDraft = 0
      return .handled([saveDraft()])
    case .handled, .ignored:
      textClash = clash
      return .handled([])
    }
  }

  /// The text shown is the text the record holds.
  public var isSaved: Bool { savedVersion == area.version }

  public var isDirty: Bool { area.version != draftVersion }

  /// What the message line says when the editor is left with text the record does not hold: it is
  /// kept, but leaving silently let a user believe it was saved.
  static func leftUnsaved(_ unsaved: Bool, _ context: ScreenContext) -> Message? {
    unsaved ? Message(context.text("lead.editor.leftUnsaved"), .warning) : nil
  }

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
    baseText = area.text
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
  public mutating func handle(_ event: TerminalEvent, in rect: Rect, language: Language) -> LongTextStep {
    let body = Self.body(of: rect)
    area.resize(width: body.width, height: body.height)
    if let answered = answerClash(event, language: language) { return answered }
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
      // Ctrl-R redoes the typing as Ctrl-Y does: after Ctrl-Z took typing back, the shell's redo
      // of a record change the writer cannot see (u is a letter here) is not what it asks for.
      let event = event == .key(.ctrl("r")) ? TerminalEvent.key(.ctrl("y")) : event
      let outcome = area.handle(event)
      var effects: [Effect] = []
      if outcome == .edited {
        editsSinceDraft += 1
        if editsSinceDraft >= Self.editsPerDraft { effects.append(saveDraft()) }
      }
      if outcome == .ignored, case .key(let key) = event {
        // Ctrl keys the editor has no use for (help) go to the shell.
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
    textClash?.draw(into: &canvas, area: rect, language: language)
  }
}

/// Another person's text of the record a long-text editor is saving, and the question: keep mine
/// (save over theirs) or take theirs (this user's text kept below it, and as a draft).
public struct TextClash: Equatable, Sendable {
  /// The record's text as the other person left it.
  public var theirs: String
  /// Who changed it, by name (empty: not known).
  public var by: [String]
  var confirm = ConfirmState(focus: .no)

  public init(theirs: String, by: [String]) {
    self.theirs = theirs
    self.by = by
  }

  func who(_ language: Language) -> String {
    by.isEmpty
      ? tr("shared4.text.someoneElse", language) : by.joined(separator: tr("shared4.clash.and", language))
  }

  /// The line for the message bar.
  public func message(_ language: Language) -> String {
    tr("shared4.text.message", language, who(language), String(theirs.count))
  }

  func dialog(_ language: Language) -> ConfirmDialog {
    let preview = theirs.split(separator: "\n").first.map(String.init) ?? ""
    return ConfirmDialog(
      title: tr("shared4.text.title", language, who(language)),
      question: tr(
        "shared4.text.question", language, who(language), String(theirs.count), Text.truncate(preview, to: 60)
      ),
      yesLabel: tr("shared4.text.keepMine", language), noLabel: tr("shared4.text.takeTheirs", language))
  }

  func draw(into canvas: inout Canvas, area: Rect, language: Language) {
    canvas.cursor = nil
    dialog(language).draw(into: &canvas, area: area, state: confirm)
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
