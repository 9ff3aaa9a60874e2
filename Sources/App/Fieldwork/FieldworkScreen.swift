import Domain
import Localization
import TerminalCore
import Widgets

/// A record list of fieldwork (patrols, visits, reports) that also opens forms: a new record, the
/// next step, a problem raised from the record. The list is the kit's; the forms are `FieldworkForm`.
public protocol FieldworkSpec: RecordListSpec {
  /// The form an action opens on the selected record (nil: not this spec's action).
  static func form(for action: Action, on ref: RecordRef?, context: ScreenContext) -> FormOpening?
  /// The full-screen editor an action opens on the selected record's long text (nil: none).
  static func longText(for action: Action, on ref: RecordRef?, text: String?, context: ScreenContext)
    -> LongTextOpening?
  /// The record whose long text a draft key holds (nil: not this spec's draft).
  static func record(ofDraftKey key: String) -> RecordRef?
  /// The key context of the long-text editor (its Ctrl-S, Ctrl-P and Esc in help).
  static var longTextContext: KeyContext { get }
  /// The change that keeps the edited long text on its record.
  static func saveLongText(_ text: String, of ref: RecordRef, context: ScreenContext) -> Change?
  /// The long text the record holds now (another person may have saved it while this user edits).
  static func longTextNow(of ref: RecordRef, context: ScreenContext) -> String?
  /// The change that raises a problem from a sentence of the long text.
  static func problem(from sentence: String, title: String, of ref: RecordRef, context: ScreenContext)
    -> Change?
}

extension FieldworkSpec {
  public static func longText(for action: Action, on ref: RecordRef?, text: String?, context: ScreenContext)
    -> LongTextOpening?
  { nil }
  public static func record(ofDraftKey key: String) -> RecordRef? { nil }
  public static var longTextContext: KeyContext { keyContext }
  public static func saveLongText(_ text: String, of ref: RecordRef, context: ScreenContext) -> Change? {
    nil
  }
  public static func longTextNow(of ref: RecordRef, context: ScreenContext) -> String? { nil }
  public static func problem(from sentence: String, title: String, of ref: RecordRef, context: ScreenContext)
    -> Change?
  { nil }
}

/// What opening a record's long text in the full-screen editor does: opens it, or says why not.
public enum LongTextOpening: Sendable {
  case editor(LongTextEditor)
  case refused(Message)
}

/// What an action's form does: opens, or says why not (the patrol is closed, the role is too low).
public enum FormOpening: Sendable {
  case form(FieldworkForm)
  case refused(Message)
}

/// A fieldwork section's screen: the kit's list, and one open form at a time over it.
public struct FieldworkScreen<Spec: FieldworkSpec>: SectionScreen {
  public internal(set) var list = RecordListScreen<Spec>()
  public internal(set) var form: FieldworkForm?
  /// The full-screen editor over a record's long text (a report's text), and that record.
  public internal(set) var editor: LongTextEditor?
  var editorRecord: RecordRef?
  /// Text left with Esc before it was saved, by record, so reopening goes on from it.
  var unsavedTexts: [RecordRef: String] = [:]

  static var textTag: EffectTag { EffectTag(Spec.section, "text") }
  static var problemTag: EffectTag { EffectTag(Spec.section, "textProblem") }

  public init() {}

  public var keptForm: FormSession? {
    get { form?.session }
    set { if let newValue { form?.session = newValue } }
  }

  public var capturesText: Bool { editor != nil || form != nil || list.capturesText }
  public var takesRawKeys: Bool { editor != nil || form != nil || list.takesRawKeys }
  public var selectedRef: RecordRef? { list.selectedRef }
  /// The list's table state (selection, sort, filter).
  public internal(set) var table: TableState {
    get { list.table }
    set { list.table = newValue }
  }
  /// The records shown, top to bottom.
  public var shownRefs: [RecordRef] { list.shownRefs }
  /// The record whose detail has the focus.
  public internal(set) var openRecord: RecordRef? {
    get { list.openRecord }
    set { list.openRecord = newValue }
  }
  /// How far the focused detail is scrolled.
  var detailScroll: Int {
    get { list.detailScroll }
    set { list.detailScroll = newValue }
  }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if editor != nil { return [Spec.longTextContext, .editor] }
    if let form { return form.session.keyContexts }
    return list.keyContexts(context: context)
  }

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    let ref = list.openRecord ?? list.selectedRef
    if form == nil, editor == nil,
      let opened = Spec.longText(
        for: action, on: ref, text: ref.flatMap { unsavedTexts[$0] }, context: context)
    {
      switch opened {
      case .editor(var new):
        if let ref, let now = Spec.longTextNow(of: ref, context: context) {
          new.stand(on: now, context: context)
        }
        editor = new
        editorRecord = ref
        return .editorOpened(context)
      case .refused(let message): return ScreenResult(handled: true, message: message)
      }
    }
    if form == nil,
      let opened = Spec.form(for: action, on: list.openRecord ?? list.selectedRef, context: context)
    {
      switch opened {
      case .form(let form): self.form = form
      case .refused(let message): return ScreenResult(handled: true, message: message)
      }
      return .handled
    }
    return list.perform(action, key: key, context: context)
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if editor != nil { return handleEditor(event, context: context) }
    guard form != nil else { return list.handle(event, context: context) }
    return FieldworkForm.handle(event, form: &form, context: context)
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if let answer = receiveForEditor(event, context: context) { return answer }
    guard case .applied(_, let result) = event else { return list.receive(event, context: context) }
    var created: RecordRef?
    if var open = form, let saved = open.session.receive(event, language: context.language) {
      form = saved ? nil : open
      if !saved { return .handled }
      created = open.created
    }
    list.dataDidChange(context: context)
    // A new record is selected, so its next step or its problem is one key away.
    if let created, created.kind != .problem { list.focus(created, context: context) }
    switch result {
    case .success(let summary): return .say(tr("message.saved", context.language, summary), .ok)
    case .failure(let error): return .say(error.text(context.language), .error)
    }
  }

  public mutating func dataDidChange(context: ScreenContext) {
    form?.session.followOwnChanges(context: context)
    list.dataDidChange(context: context)
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    form = nil
    editor = nil
    editorRecord = nil
    list.focus(ref, context: context)
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    if let editor {
      canvas.fill(rect)
      editor.draw(into: &canvas, rect: rect, language: context.language)
      return
    }
    list.draw(into: &canvas, rect: rect, context: context)
    if let form { form.draw(into: &canvas, rect: rect, context: context) }
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if editor != nil {
      return Keymap.bindings(in: Spec.longTextContext).map {
        KeyHint(key: $0.keys[0].description, label: tr($0.action.labelKey, context.language))
      }
    }
    if form != nil {
      return [
        KeyHint(key: "Ctrl-S", label: tr("action.save", context.language)),
        KeyHint(key: "Esc", label: tr("action.cancel", context.language)),
      ]
    }
    return list.hints(context: context)
  }
}

extension FieldworkScreen {
  /// Opens the editor on a draft that survived a crash, if the draft is this section's.
  public mutating func resumeDraft(key: String, text: String, context: ScreenContext) {
    guard let ref = Spec.record(ofDraftKey: key) else { return }
    list.dataDidChange(context: context)
    list.focus(ref, context: context)
    form = nil
    unsavedTexts[ref] = text
    _ = perform(.editLongText, key: .character("e"), context: context)
  }

  /// The editor's keys: typing and drafts in the editor; Ctrl-S keeps the text on the record,
  /// Ctrl-P raises a problem from the sentence at the caret, Esc leaves (the text kept as a draft).
  mutating func handleEditor(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var current = editor, let ref = editorRecord else { return .ignored }
    let step = current.handle(event, in: context.body, language: context.language)
    editor = current
    switch step {
    case .handled(let effects): return ScreenResult(handled: true, effects: effects)
    case .ignored: return .ignored
    case .leave(let effects):
      if Spec.saveLongText(current.area.text, of: ref, context: context) != nil {
        unsavedTexts[ref] = current.isSaved ? nil : current.area.text
      }
      editor = nil
      editorRecord = nil
      return ScreenResult(
        handled: true, effects: effects,
        message: LongTextEditor.leftUnsaved(unsavedTexts[ref] != nil, context))
    case .save(let text):
      // Another person's text saved meanwhile is not written over without asking.
      if let now = Spec.longTextNow(of: ref, context: context),
        !current.mayBeSaved(recordNow: now, ref: ref, context: context)
      {
        editor = current
        return .say(current.textClash?.message(context.language) ?? "", .warning)
      }
      editor = current
      guard let change = Spec.saveLongText(text, of: ref, context: context) else { return .handled }
      return ScreenResult(handled: true, effects: [.apply(change, tag: Self.textTag)])
    case .noSentence:
      return .say(tr("consultations.minutes.noSentence", context.language), .warning)
    case .raise(let sentence, let title):
      guard let change = Spec.problem(from: sentence, title: title, of: ref, context: context) else {
        return .handled
      }
      editor?.pendingProblem = title
      return ScreenResult(handled: true, effects: [.apply(change, tag: Self.problemTag)])
    }
  }

  /// The answers to the editor's saves (nil: not the editor's).
  mutating func receiveForEditor(_ event: AppEvent, context: ScreenContext) -> ScreenResult? {
    switch event {
    case .fileWritten(EffectTag(Spec.section, "draft"), let key, .failure):
      if editor?.draftKey == key { editor?.draftFailed() }
      return .handled
    case .applied(let tag, let result) where tag == Self.textTag || tag == Self.problemTag:
      list.dataDidChange(context: context)
      switch result {
      case .failure(let error): return .say(error.text(context.language), .error)
      case .success(let summary):
        guard tag == Self.textTag else {
          let title = editor?.pendingProblem ?? summary
          editor?.pendingProblem = nil
          return .say(tr("editors.text.problemRaised", context.language, title), .ok)
        }
        var effects: [Effect] = []
        if var current = editor {
          effects.append(current.markSaved())
          current.stand(on: current.area.text, context: context)
          editor = current
        }
        if let ref = editorRecord { unsavedTexts[ref] = nil }
        return ScreenResult(
          handled: true, effects: effects,
          message: Message(
            tr("editors.text.saved", context.language, String(editor?.area.characterCount ?? 0)), .ok))
      }
    default: return nil
    }
  }
}
