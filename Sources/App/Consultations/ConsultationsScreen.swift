import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

/// The consultations section (协商): the kit's list of sessions (`ConsultationsList`, the
/// selected session's timeline beside it on wide terminals), and its own parts over it: the
/// timeline of one session full-screen with a cursor on its linked records, the forms that open a
/// session and complete its steps, the minutes editor (Ctrl-P raises a problem from a sentence).
public struct ConsultationsScreen: SectionScreen {
  enum Mode: Equatable, Sendable {
    case list
    case detail(ConsultationID)
  }

  var mode = Mode.list
  /// The list of sessions: the kit's, with its filter, facets, sort, selection and timeline pane.
  public internal(set) var list = RecordListScreen<ConsultationsList>()
  /// Index of the logical timeline line under the cursor in the detail view.
  var detailCursor = 0
  var form: ConsultationForm?
  var editor: MinutesEditor?
  /// Minutes text left with Esc before it was saved, by consultation, so reopening goes on from it.
  var unsavedMinutes: [ConsultationID: String] = [:]
  var exportPrompt: ExportPrompt?
  /// `P`: a problem raised from the selected consultation (the fieldwork sections' form).
  var raiseForm: FieldworkForm?

  /// The file name being typed for an export of one consultation's minutes.
  struct ExportPrompt: Equatable, Sendable {
    var id: ConsultationID
    var editor: LineEditor
  }

  public init() {}

  static let stepBackTag = EffectTag(.consultations, "stepBack")
  static let formTag = EffectTag(.consultations, "form")
  static let minutesTag = EffectTag(.consultations, "minutes")
  static let problemTag = EffectTag(.consultations, "problem")
  static let exportTag = EffectTag(.consultations, "export")
  /// The tag `FieldworkForm` gives its save when opened for this section.
  static let raiseTag = EffectTag(.consultations, "fieldwork")

  /// The list's table state (selection, sort, filter).
  var table: TableState { list.table }

  /// Raw keys reach the screen while it takes text: the minutes editor, a form, the export's
  /// file name, the list's filter line.
  public var takesRawKeys: Bool { capturesText }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if editor != nil { return [.consultationsMinutes, .editor] }
    if let form { return form.session.keyContexts }
    if let raiseForm { return raiseForm.session.keyContexts }
    if exportPrompt != nil { return [.form] }
    if case .detail = mode { return [.consultationsDetail, .records, .detail] }
    return list.keyContexts(context: context)
  }

  public var keptForm: FormSession? {
    get { form?.session ?? raiseForm?.session }
    set {
      guard let newValue else { return }
      if form != nil { form?.session = newValue } else { raiseForm?.session = newValue }
    }
  }

  public var capturesText: Bool {
    editor != nil || form != nil || raiseForm != nil || exportPrompt != nil || list.capturesText
  }

  // MARK: Data

  public mutating func dataDidChange(context: ScreenContext) {
    form?.session.followOwnChanges(context: context)
    list.dataDidChange(context: context)
    if case .detail(let id) = mode, context.data.consultations[id] == nil { mode = .list }
  }

  /// The session under the selection, or whose timeline is shown.
  var selectedID: ConsultationID? {
    switch mode {
    case .detail(let id): return id
    case .list:
      return list.selectedRef.flatMap { $0.kind == .consultation ? ConsultationID(raw: $0.raw) : nil }
    }
  }

  // MARK: Events

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if editor != nil { return handleEditor(event, context: context) }
    if case .tick = event { return .ignored }
    if exportPrompt != nil { return handleExport(event, context: context) }
    if form != nil { return handleForm(event, context: context) }
    if raiseForm != nil { return FieldworkForm.handle(event, form: &raiseForm, context: context) }
    guard mode == .list else { return .ignored }
    return list.handle(event, context: context)
  }

  /// An action the keymap resolved in the list's or the detail's contexts.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch mode {
    case .list: return performOnList(action, key: key, context: context)
    case .detail(let id): return performOnDetail(action, id: id, context: context)
    }
  }

  /// The actions that act on one consultation, from the list or the detail.
  static let recordActions: [Action] = [
    .consultationsAdvance, .consultationsStepBack, .consultationsMinutes, .consultationsExport,
    .consultationsEdit, .consultationsAddVisit, .fieldworkRaiseProblem, .showRecordProblems,
  ]

  /// The section's own keys on the list; the rest (moving, the filter, facets, sort, `h`, saved
  /// views) are the kit list's.
  mutating func performOnList(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .consultationsNew:
      return openForm(ConsultationForm.newConsultation(context: context), context: context)
    case _ where Self.recordActions.contains(action):
      guard let id = selectedID, let c = context.data.consultations[id] else {
        return .say(context.text("consultations.message.noSelection"))
      }
      return self.action(action, on: c, context: context)
    case .open:
      // Enter opens the session's timeline full-screen (the custom part), not the kit's pane.
      guard let id = selectedID else { return list.perform(action, key: key, context: context) }
      openDetail(id)
      return .handled
    default:
      return list.perform(action, key: key, context: context)
    }
  }

  mutating func openDetail(_ id: ConsultationID) {
    mode = .detail(id)
    detailCursor = 0
  }

  /// The detail: a cursor over the timeline's lines; Enter or o on a linked line opens its record
  /// (a problem on the problems board), Tab goes to the next one.
  mutating func performOnDetail(_ action: Action, id: ConsultationID, context: ScreenContext) -> ScreenResult
  {
    guard let c = context.data.consultations[id] else {
      mode = .list
      return .handled
    }
    let lines = ConsultationTimeline.lines(
      c, data: context.data, language: context.language, today: context.today, indexes: context.indexes)
    let page = max(1, context.body.height - 1)
    let last = max(0, lines.count - 1)
    switch action {
    case .back:
      mode = .list
    case .moveDown:
      detailCursor = min(last, detailCursor + 1)
    case .moveUp:
      detailCursor = max(0, detailCursor - 1)
    case .pageDown:
      detailCursor = min(last, detailCursor + page)
    case .pageUp:
      detailCursor = max(0, detailCursor - page)
    case .first:
      detailCursor = 0
    case .last:
      detailCursor = last
    case .consultationsNextProblem:
      // A quick way down the linked lines (the problems).
      let after = lines.indices.dropFirst(detailCursor + 1).first { lines[$0].record != nil }
      guard let next = after ?? lines.indices.first(where: { lines[$0].record != nil }) else {
        return .say(context.text("consultations.detail.noLinked"), .warning)
      }
      detailCursor = next
    case .consultationsOpenProblem:
      guard lines.indices.contains(detailCursor), let ref = lines[detailCursor].record else {
        let hasLinked = lines.contains { $0.record != nil }
        return .say(
          context.text(hasLinked ? "consultations.detail.nothingToOpen" : "consultations.detail.noLinked"),
          .warning)
      }
      return open(ref, context: context)
    case .showHistory:
      return ScreenResult(handled: true, effects: [.showHistory(c.ref)])
    case _ where Self.recordActions.contains(action):
      return self.action(action, on: c, context: context)
    default:
      return .ignored
    }
    return .handled
  }

  /// Opens what a timeline line stands for in its section.
  func open(_ ref: RecordRef, context: ScreenContext) -> ScreenResult {
    switch ref.kind {
    case .problem: return .go(.problems, ref)
    case .supervisionItem: return .go(.supervision, ref)
    default: return .handled
    }
  }

  /// The actions on one consultation, from the list or the detail.
  mutating func action(_ action: Action, on c: Consultation, context: ScreenContext) -> ScreenResult {
    switch action {
    case .consultationsAdvance:
      guard let form = ConsultationForm.step(c, context: context) else {
        return .say(context.text("consultations.message.finished"), .warning)
      }
      return openForm(form, context: context)
    case .consultationsStepBack:
      return ScreenResult(handled: true, effects: [.apply(.stepBack(c.id), tag: Self.stepBackTag)])
    case .consultationsEdit:
      return openForm(ConsultationForm.edit(c, context: context), context: context)
    case .consultationsAddVisit:
      return openForm(ConsultationForm.visit(c, context: context), context: context)
    case .consultationsMinutes:
      return openEditor(c, context: context)
    case .consultationsExport:
      guard c.meeting != nil else { return .say(context.text("consultations.export.noMeeting"), .warning) }
      let name = c.details.title.replacingOccurrences(of: "/", with: "-")
      exportPrompt = ExportPrompt(
        id: c.id, editor: LineEditor(context.text("consultations.export.fileName", name)))
      return .handled
    case .showRecordProblems:
      // As on every other section's record: the problems raised from it, on the problems board.
      return .go(.problems, c.ref)
    case .fieldworkRaiseProblem:
      // Raised by the first member sent out for it, when there is one (the form lets it be changed).
      raiseForm = .raiseProblem(
        from: .consultation(c.id), member: c.details.dispatchedMembers.first, context: context,
        section: .consultations)
      return .handled
    default:
      return .ignored
    }
  }

  // MARK: Forms

  mutating func openForm(_ new: ConsultationForm, context: ScreenContext) -> ScreenResult {
    var new = new.resized(to: context.body)
    // The form's fields were built from this data: a save over someone else's later change asks.
    new.session.base = EditBase(context)
    form = new
    return .handled
  }

  mutating func handleForm(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var current = form else { return .ignored }
    let builder = current
    let step = current.session.handle(
      event, context: context,
      build: { values in
        guard let change = builder.change(from: values, context: context) else {
          let field = builder.state.focusedField?.id ?? ""
          return .failure(.required(field, context.language))
        }
        return .success(change)
      }, fieldOf: { builder.field(for: $0) ?? builder.state.focusedField?.id })
    switch step {
    case .open(let handled):
      form = current
      if let refusal = current.session.refusal { return .say(refusal, .error) }
      return handled || event == .key(.tab) ? .handled : .ignored
    case .closed:
      form = nil
      return current.state.hasChanges ? .say(context.text("kit.form.discarded")) : .handled
    case .save(let effect):
      form = current
      return ScreenResult(handled: true, effects: [effect])
    }
  }

  // MARK: Minutes

  mutating func openEditor(_ c: Consultation, context: ScreenContext) -> ScreenResult {
    guard let meeting = c.meeting else {
      return ScreenResult(
        handled: true, message: Message(DomainError.meetingNotHeld.message(in: context.language), .warning))
    }
    let text: String
    if let kept = unsavedMinutes[c.id] {
      text = kept
    } else if !meeting.minutes.isEmpty {
      text = meeting.minutes
    } else {
      text = MinutesEditor.template(c, data: context.data, language: context.language)
    }
    var new = MinutesEditor(
      id: c.id, title: c.details.title, text: text, recordText: meeting.minutes, fromDraft: false)
    new.editor.stand(on: meeting.minutes, context: context)
    let body = editorRect(context.body)
    new.area.resize(width: body.width, height: body.height)
    // Start typing after the template's 发言摘要 heading when there is one.
    if meeting.minutes.isEmpty && unsavedMinutes[c.id] == nil {
      let heading = context.text("consultations.minutes.template", "", "", "", "", "").split(
        separator: "\n", omittingEmptySubsequences: false)
      if heading.count > 7 {
        new.area.moveCaret(to: TextArea.Position(paragraph: 7, offset: 0))
      }
    }
    editor = new
    mode = .detail(c.id)
    // A reader may look at the minutes, but is told before typing that none of it will be kept.
    return .editorOpened(context)
  }

  /// Opens the editor on a draft that survived a crash (key: "minutes.<consultation raw id>").
  public mutating func resumeDraft(key: String, text: String, context: ScreenContext) {
    guard let id = MinutesEditor.consultation(ofDraftKey: key), let c = context.data.consultations[id] else {
      return
    }
    var new = MinutesEditor(
      id: id, title: c.details.title, text: text, recordText: c.meeting?.minutes ?? "", fromDraft: true)
    new.editor.stand(on: c.meeting?.minutes ?? "", context: context)
    let body = editorRect(context.body)
    new.area.resize(width: body.width, height: body.height)
    editor = new
    mode = .detail(id)
  }

  mutating func handleEditor(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var current = editor else { return .ignored }
    let body = editorRect(context.body)
    current.area.resize(width: body.width, height: body.height)
    var effects: [Effect] = []
    var message: Message?
    // The question about another person's minutes, while it is open, takes the keys.
    if let answered = current.editor.answerClash(event, language: context.language) {
      editor = current
      switch answered {
      case .save(let text):
        return ScreenResult(
          handled: true, effects: [.apply(.recordMinutes(current.id, text), tag: Self.minutesTag)])
      case .handled(let effects): return ScreenResult(handled: true, effects: effects)
      default: return .handled
      }
    }
    switch event {
    case .tick:
      if current.isDirty { effects.append(current.saveDraft()) }
      editor = current
      return ScreenResult(handled: true, effects: effects)
    case .key(.escape):
      // Leaving the editor keeps everything typed: as a draft on disk and in memory.
      if current.isDirty { effects.append(current.saveDraft()) }
      if context.data.consultations[current.id]?.meeting?.minutes != current.area.text {
        unsavedMinutes[current.id] = current.area.text
      }
      editor = nil
      return ScreenResult(
        handled: true, effects: effects,
        message: LongTextEditor.leftUnsaved(unsavedMinutes[current.id] != nil, context))
    case .key(.ctrl("s")):
      // Another person's minutes saved meanwhile are not written over without asking.
      let now = context.data.consultations[current.id]?.meeting?.minutes ?? ""
      guard current.editor.mayBeSaved(recordNow: now, ref: RecordRef(current.id), context: context) else {
        message = Message(current.editor.textClash?.message(context.language) ?? "", .warning)
        break
      }
      effects.append(.apply(.recordMinutes(current.id, current.area.text), tag: Self.minutesTag))
    case .key(.ctrl("p")):
      guard let sentence = MinutesEditor.sentenceBeforeCaret(current.area),
        let c = context.data.consultations[current.id]
      else {
        message = Message(context.text("consultations.minutes.noSentence"), .warning)
        break
      }
      let title = MinutesEditor.problemTitle(sentence)
      let description = context.text("consultations.minutes.problemDescription", c.details.title, sentence)
      current.pendingProblem = title
      effects.append(
        .apply(
          .raiseProblem(context.data.newID(), .consultation(c.id), title: title, description: description),
          tag: Self.problemTag))
    case .key(.tab), .key(.backTab):
      break
    default:
      let outcome = current.area.handle(event)
      if outcome == .edited {
        current.editsSinceDraft += 1
        if current.editsSinceDraft >= MinutesEditor.editsPerDraft { effects.append(current.saveDraft()) }
      }
      if outcome == .ignored, case .key(let key) = event {
        // Ctrl keys the editor has no use for (help, redo, quit) go to the shell.
        editor = current
        if case .character = key { return .handled }
        return .ignored
      }
    }
    editor = current
    return ScreenResult(handled: true, effects: effects, message: message)
  }

  // MARK: Export

  mutating func handleExport(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var prompt = exportPrompt else { return .ignored }
    switch event {
    case .key(.escape):
      exportPrompt = nil
      return .handled
    case .key(.enter):
      exportPrompt = nil
      let path = prompt.editor.text.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty, let c = context.data.consultations[prompt.id] else { return .handled }
      let markdown = minutesMarkdown(c, state: context.data, language: context.language)
      return ScreenResult(
        handled: true,
        effects: [.writeFile(path: path, contents: Data(markdown.utf8), tag: Self.exportTag)])
    case .key(let key):
      _ = prompt.editor.handle(key)
    case .paste(let text):
      prompt.editor.paste(text.replacingOccurrences(of: "\n", with: ""))
    default:
      return .handled
    }
    exportPrompt = prompt
    return .handled
  }

  // MARK: Answers

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .applied(Self.raiseTag, let result) = event {
      if var open = raiseForm, let saved = open.session.receive(event, language: context.language) {
        raiseForm = saved ? nil : open
      }
      list.dataDidChange(context: context)
      switch result {
      case .success(let summary): return .say(context.text("message.saved", summary), .ok)
      case .failure(let error): return .say(error.text(context.language), .error)
      }
    }
    switch event {
    case .applied(let tag, let result):
      switch (tag, result) {
      case (Self.formTag, .success(let summary)):
        let opened = form?.purpose == .open
        form = nil
        // A new session is selected, so its next step is one key away.
        if opened, let newest = context.data.consultations.keys.max() {
          list.focus(RecordRef(newest), context: context)
        }
        return ScreenResult(handled: true, message: Message(context.text("message.saved", summary), .ok))
      case (Self.formTag, .failure(let error)):
        if var current = form {
          let focused = current.state.focusedField?.id
          _ = current.session.receive(event, language: context.language) { _ in focused }
          form = current
        }
        return .say(error.text(context.language), .error)
      case (Self.minutesTag, .success):
        guard var current = editor else { return .ignored }
        let key = current.draftKey
        current.draftVersion = current.area.version
        current.editsSinceDraft = 0
        current.editor.stand(on: current.area.text, context: context)
        editor = current
        unsavedMinutes[current.id] = nil
        return ScreenResult(
          handled: true, effects: [.discardDraft(key: key)],
          message: Message(
            context.text("consultations.minutes.saved", String(current.area.characterCount)), .ok))
      case (Self.problemTag, .success):
        let title = editor?.pendingProblem ?? ""
        editor?.pendingProblem = nil
        let source = editor.flatMap { context.data.consultations[$0.id]?.details.title } ?? ""
        return ScreenResult(
          handled: true,
          message: Message(context.text("consultations.minutes.problemRaised", title, source), .ok))
      default:
        return .ignored
      }
    case .fileWritten(EffectTag(.consultations, "draft"), let key, .failure):
      // The draft did not reach the disk: the header must not say it did, and the next pause
      // tries again (the runtime also keeps the text until a save goes through).
      if var current = editor, current.draftKey == key {
        current.draftVersion = -1
        editor = current
      }
      return .handled
    case .fileWritten(Self.exportTag, let path, let result):
      switch result {
      case .success(let bytes):
        return ScreenResult(
          handled: true, message: Message(context.text("consultations.export.done", path, String(bytes)), .ok)
        )
      case .failure(let error):
        return ScreenResult(
          handled: true,
          message: Message(context.text("consultations.export.failed", error.text(context.language)), .error))
      }
    default:
      return .ignored
    }
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    guard ref.kind == .consultation else { return }
    let id = ConsultationID(raw: ref.raw)
    guard context.data.consultations[id] != nil else { return }
    editor = nil
    form = nil
    raiseForm = nil
    exportPrompt = nil
    list.focus(ref, context: context)
    openDetail(id)
  }

  // MARK: Drawing

  func editorRect(_ rect: Rect) -> Rect { rect.splitTop(1).rest }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    canvas.fill(rect)
    if let editor {
      editor.draw(into: &canvas, rect: rect, language: context.language)
      return
    }
    if let form {
      form.draw(into: &canvas, rect: rect, language: context.language)
    } else {
      switch mode {
      case .list: list.draw(into: &canvas, rect: rect, context: context)
      case .detail(let id): drawDetail(id, into: &canvas, rect: rect, context: context)
      }
    }
    if let raiseForm { raiseForm.draw(into: &canvas, rect: rect, context: context) }
    if let prompt = exportPrompt {
      let row = Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1)
      let label = context.text("consultations.export.prompt") + " "
      canvas.fill(row, style: Style(.input))
      let x = canvas.write(label, x: row.x, y: row.y, style: Style(.input, bold: true))
      prompt.editor.draw(into: &canvas, x: x, y: row.y, width: max(1, row.maxX - x))
    }
  }

  func drawDetail(_ id: ConsultationID, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    guard let c = context.data.consultations[id] else { return }
    let lines = ConsultationTimeline.lines(
      c, data: context.data, language: context.language, today: context.today, indexes: context.indexes)
    ConsultationTimeline.draw(lines, cursor: detailCursor, into: &canvas, rect: rect)
  }

  // MARK: Hints

  public func hints(context: ScreenContext) -> [KeyHint] {
    let text = { (key: String) in context.text(key) }
    if editor != nil { return Self.hints(.consultationsMinutes, context) }
    if form != nil || raiseForm != nil {
      return Keymap.bindings(in: .form).map {
        KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
      }
    }
    switch mode {
    case .detail: return Self.hints(.consultationsDetail, context)
    case .list:
      if list.capturesText { return list.hints(context: context) }
      let shell = Keymap.bindings(in: .list).filter(\.hint).map {
        KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
      }
      return Self.hints(.consultations, context) + shell
    }
  }
}

extension ConsultationsScreen {
  /// The status-bar hints of one of this section's contexts.
  static func hints(_ own: KeyContext, _ context: ScreenContext) -> [KeyHint] {
    Keymap.hints(Keymap.consultationHintActions[own] ?? [], in: own, context.language)
  }
}

/// A saved view of the consultations is its list's: filter, sort and facets.
extension ConsultationsScreen: ViewKeeping {
  func viewSettings(context: ScreenContext) -> [ViewSetting] { list.viewSettings(context: context) }
  mutating func recall(_ settings: [ViewSetting], context: ScreenContext) {
    mode = .list
    list.recall(settings, context: context)
  }
}
