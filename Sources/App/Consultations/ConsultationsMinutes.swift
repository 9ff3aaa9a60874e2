import Domain
import Localization
import TerminalCore
import Widgets

/// The minutes editor: a full-screen text area over one consultation's meeting minutes, with the
/// bookkeeping that makes sure nothing typed is lost (drafts) and nothing saved is saved twice.
struct MinutesEditor: Sendable, Equatable {
  var id: ConsultationID
  var title: String
  var area: TextArea
  /// The text version last written as a draft (or loaded from one).
  var draftVersion: Int
  /// Edits since the last draft: a long burst of typing without a pause (no tick) still saves.
  var editsSinceDraft = 0
  /// The title of a problem being raised, for the message once it is saved.
  var pendingProblem: String?

  /// Typing this many edits without a pause writes a draft even before the next tick.
  static let editsPerDraft = 24

  static func draftKey(_ id: ConsultationID) -> String { "minutes.\(id.raw)" }
  var draftKey: String { Self.draftKey(id) }

  /// The consultation raw ID of a draft key, if it is one of this section's.
  static func consultation(ofDraftKey key: String) -> ConsultationID? {
    guard key.hasPrefix("minutes."), let raw = UInt64(key.dropFirst("minutes.".count)) else { return nil }
    return ID(raw: raw)
  }

  init(id: ConsultationID, title: String, text: String, fromDraft: Bool) {
    self.id = id
    self.title = title
    area = TextArea(text: text, width: 78, height: 18)
    // A draft loaded back is already on disk; a fresh template is not worth a draft yet.
    draftVersion = area.version
    _ = fromDraft
  }

  var isDirty: Bool { area.version != draftVersion }

  /// The effect that keeps the current text as a draft, and the bookkeeping that goes with it.
  mutating func saveDraft() -> Effect {
    draftVersion = area.version
    editsSinceDraft = 0
    return .saveDraft(key: draftKey, text: area.text)
  }

  /// The template a new minutes text starts from, filled in from the meeting's record.
  static func template(_ c: Consultation, data: CommitteeState, language: Language) -> String {
    let meeting = c.meeting
    func list(_ items: [String]) -> String {
      items.dropFirst().reduce(items.first ?? "") { tr("consultations.minutes.list", language, $0, $1) }
    }
    var participants: [String] = []
    if let meeting {
      participants += meeting.members.map { data.displayName(of: RecordRef($0)) }
      participants += meeting.departments.map { data.displayName(of: RecordRef($0)) }
      if !meeting.residents.isEmpty { participants.append(meeting.residents) }
    }
    return tr(
      "consultations.minutes.template", language, meeting?.date.description ?? "", meeting?.place ?? "",
      meeting?.host ?? "", list(participants), c.confirmedTopic ?? c.details.title)
  }

  /// The sentence the secretary just finished or is in: with the caret right after a sentence's
  /// end (just typed 。), that sentence rather than the next one.
  static func sentenceBeforeCaret(_ area: TextArea) -> String? {
    let caret = area.caret
    let chars = area.paragraph(caret.paragraph)
    var probe = area
    if caret.offset > 0, caret.offset < chars.count, "。！？!?”’」』）)".contains(chars[caret.offset - 1]) {
      probe.moveCaret(to: TextArea.Position(paragraph: caret.paragraph, offset: caret.offset - 1))
    }
    return probe.currentSentence?.text
  }

  /// The problem title made from a sentence: the sentence itself, shortened when it is long.
  static func problemTitle(_ sentence: String) -> String {
    let trimmed = sentence.trimmingCharacters(in: .whitespaces)
    return trimmed.count > 60 ? String(trimmed.prefix(60)) + "…" : trimmed
  }

  func draw(into canvas: inout Canvas, rect: Rect, language: Language) {
    guard rect.height >= 2 else { return }
    let (head, body) = rect.splitTop(1)
    canvas.fill(head, style: Style(.header, bold: true))
    let state = tr(
      isDirty ? "consultations.minutes.draftDirty" : "consultations.minutes.draftSaved", language)
    let status = tr("consultations.minutes.status", language, String(area.characterCount), state)
    let statusWidth = status.displayWidth
    let titleRoom = max(0, head.width - statusWidth - 3)
    canvas.write(
      " " + Text.truncate(tr("consultations.minutes.title", language, title), to: titleRoom), x: head.x,
      y: head.y,
      style: Style(.header, bold: true), limit: titleRoom + 1)
    canvas.write(status + " ", x: head.maxX - statusWidth - 1, y: head.y, style: Style(.header))
    var shown = area
    shown.resize(width: body.width, height: body.height)
    shown.draw(into: &canvas, in: body)
  }
}
