import Domain
import Localization
import TerminalCore
import Widgets

/// The minutes editor of a consultation: the shared full-screen `LongTextEditor`, over one
/// consultation's meeting minutes (its draft key, heading and template are this section's).
struct MinutesEditor: Sendable, Equatable {
  var id: ConsultationID
  var title: String
  var editor: LongTextEditor

  /// Typing this many edits without a pause writes a draft even before the next tick.
  static let editsPerDraft = LongTextEditor.editsPerDraft

  static func draftKey(_ id: ConsultationID) -> String { "minutes.\(id.raw)" }
  var draftKey: String { editor.draftKey }

  /// The consultation raw ID of a draft key, if it is one of this section's.
  static func consultation(ofDraftKey key: String) -> ConsultationID? {
    guard key.hasPrefix("minutes."), let raw = UInt64(key.dropFirst("minutes.".count)) else { return nil }
    return ID(raw: raw)
  }

  /// `recordText`: the minutes the consultation holds.
  init(id: ConsultationID, title: String, text: String, recordText: String, fromDraft: Bool) {
    self.id = id
    self.title = title
    // The heading is filled in when drawn, in the language of the moment.
    editor = LongTextEditor(
      draftKey: Self.draftKey(id), heading: title, text: text, isStored: text == recordText,
      recordText: recordText)
    _ = fromDraft
  }

  var area: TextArea {
    get { editor.area }
    set { editor.area = newValue }
  }
  /// The text version last written as a draft (or loaded from one).
  var draftVersion: Int {
    get { editor.draftVersion }
    set { editor.draftVersion = newValue }
  }
  var editsSinceDraft: Int {
    get { editor.editsSinceDraft }
    set { editor.editsSinceDraft = newValue }
  }
  /// The title of a problem being raised, for the message once it is saved.
  var pendingProblem: String? {
    get { editor.pendingProblem }
    set { editor.pendingProblem = newValue }
  }

  var isDirty: Bool { editor.isDirty }

  /// The effect that keeps the current text as a draft, and the bookkeeping that goes with it.
  mutating func saveDraft() -> Effect { editor.saveDraft() }

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

  static func sentenceBeforeCaret(_ area: TextArea) -> String? { LongTextEditor.sentenceBeforeCaret(area) }

  static func problemTitle(_ sentence: String) -> String { LongTextEditor.problemTitle(sentence) }

  func draw(into canvas: inout Canvas, rect: Rect, language: Language) {
    var shown = editor
    shown.heading = tr("consultations.minutes.title", language, title)
    shown.draw(into: &canvas, rect: rect, language: language)
  }
}
