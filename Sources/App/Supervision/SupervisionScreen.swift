import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

/// The supervision section (民主监督): the kit's list of topics (`SupervisionList`), and its own
/// parts over it: the detail of one topic as a timeline of the whole chain with a cursor on its
/// linked records, the forms of each step (提 议 审 定, research, consultation, 回头看, evaluation),
/// the minutes editor, the supervision board and the annual plan.
public struct SupervisionScreen: SectionScreen {
  enum Mode: Equatable, Sendable {
    case list
    case detail(SupervisionItemID)
    case board
    case plan(Int)
  }

  /// The list of topics: the kit's, with its filter, facets, sort, selection and detail pane.
  public internal(set) var list = RecordListScreen<SupervisionList>()
  var mode = Mode.list
  /// The logical line under the cursor in the detail, board and plan views.
  var cursor = 0
  var form: SupervisionForm?
  /// Where Esc from a detail goes back to.
  var detailReturn = Mode.list
  /// The full-screen minutes editor of a topic's supervision consultation (the consultations' one).
  var editor: LongTextEditor?
  /// The topic whose minutes the editor holds.
  var editorTopic: SupervisionItemID?
  /// Minutes left with Esc before they were saved, by topic, so reopening goes on from them.
  var unsavedMinutes: [SupervisionItemID: String] = [:]
  /// The raise-a-problem form of the fieldwork sections, with the selected topic as its source.
  var raise: FieldworkForm?

  public init() {}

  static let formTag = EffectTag(.supervision, "form")
  static let problemTag = EffectTag(.supervision, "problem")
  static let minutesTag = EffectTag(.supervision, "minutes")

  /// The list's table state (selection, sort, filter).
  var table: TableState { list.table }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if editor != nil { return [.supervisionMinutes, .editor] }
    if let raise { return raise.session.keyContexts }
    if let form { return form.session.keyContexts }
    switch mode {
    case .list: return list.keyContexts(context: context)
    case .detail: return [.supervisionDetail, .records, .detail]
    case .board, .plan: return [.supervisionBoard, .detail]
    }
  }

  public var keptForm: FormSession? {
    get { form?.session ?? raise?.session }
    set {
      guard let newValue else { return }
      if form != nil { form?.session = newValue } else { raise?.session = newValue }
    }
  }

  public var capturesText: Bool { form != nil || editor != nil || raise != nil || list.capturesText }

  // MARK: Data

  public mutating func dataDidChange(context: ScreenContext) {
    form?.session.followOwnChanges(context: context)
    list.dataDidChange(context: context)
    if case .detail(let id) = mode, context.data.supervisionItems[id] == nil { mode = .list }
  }

  var selectedID: SupervisionItemID? {
    switch mode {
    case .detail(let id): return id
    case .list:
      return list.selectedRef.flatMap {
        $0.kind == .supervisionItem ? SupervisionItemID(raw: $0.raw) : nil
      }
    case .board, .plan: return nil
    }
  }

  func lines(_ context: ScreenContext) -> [TimelineLine] {
    switch mode {
    case .list: return []
    case .detail(let id):
      guard let item = context.data.supervisionItems[id] else { return [] }
      return SupervisionTimeline.lines(
        item, data: context.data, language: context.language, today: context.today, indexes: context.indexes)
    case .board:
      return SupervisionBoard.lines(data: context.data, language: context.language, today: context.today)
    case .plan(let year):
      return SupervisionBoard.plan(year: year, data: context.data, language: context.language)
    }
  }

  // MARK: Events

  /// Raw input: the editor, a form, the list's filter line; ticks keep the editor's drafts.
  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    if editor != nil { return handleEditor(event, context: context) }
    if case .tick = event { return .ignored }
    if raise != nil { return FieldworkForm.handle(event, form: &raise, context: context) }
    if form != nil { return handleForm(event, context: context) }
    if case .list = mode { return list.handle(event, context: context) }
    return .ignored
  }

  /// An action the keymap resolved: on the list, the topic's timeline, or the board and plan.
  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .supervisionBoard: return show(.board)
    case .supervisionPlan: return show(.plan(context.today.year))
    default: break
    }
    if case .list = mode { return performOnList(action, key: key, context: context) }
    return performOnLines(action, key: key, context: context)
  }

  /// The actions that act on one topic, from the list or its timeline.
  static let topicActions: [Action] = [
    .supervisionAdvance, .supervisionResearch, .showRecordProblems, .supervisionMinutes,
    .fieldworkRaiseProblem, .supervisionEdit,
  ]

  mutating func performOnList(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    switch action {
    case .supervisionPropose:
      return openForm(SupervisionForm.propose(context: context), context: context)
    case _ where Self.topicActions.contains(action):
      guard let id = selectedID else {
        return .say(context.text("supervision2.message.noSelection"))
      }
      return self.action(action, on: id, context: context)
    case .open:
      // Enter opens the topic's timeline full-screen (the custom part), not the kit's pane.
      guard let id = selectedID else { return list.perform(action, key: key, context: context) }
      detailReturn = .list
      return show(.detail(id))
    default:
      return list.perform(action, key: key, context: context)
    }
  }

  mutating func show(_ new: Mode) -> ScreenResult {
    mode = new
    cursor = 0
    return .handled
  }

  /// The cursor over the lines of a timeline, the board or the plan; Enter opens a linked record.
  mutating func performOnLines(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    let lines = lines(context)
    let page = max(1, context.body.height - 1)
    let last = max(0, lines.count - 1)
    switch action {
    case .back:
      if case .detail = mode {
        mode = detailReturn
        detailReturn = .list
      } else {
        mode = .list
      }
      cursor = 0
    case .moveDown: cursor = min(last, cursor + 1)
    case .moveUp: cursor = max(0, cursor - 1)
    case .pageDown: cursor = min(last, cursor + page)
    case .pageUp: cursor = max(0, cursor - page)
    case .first: cursor = 0
    case .last: cursor = last
    case .supervisionNextLinked:
      let after = lines.indices.dropFirst(cursor + 1).first { lines[$0].record != nil }
      cursor = after ?? lines.indices.first { lines[$0].record != nil } ?? cursor
    case .supervisionOpenLinked:
      guard lines.indices.contains(cursor), let ref = lines[cursor].record else { return .handled }
      return open(ref, context: context)
    case .supervisionPlanYear:
      // From the board, the plan of the year before or after this one.
      var year = context.today.year
      if case .plan(let shown) = mode { year = shown }
      return show(.plan(year + (key == .character(">") ? 1 : -1)))
    case .showHistory:
      guard case .detail(let id) = mode else { return .ignored }
      return ScreenResult(handled: true, effects: [.showHistory(RecordRef(id))])
    case _ where Self.topicActions.contains(action):
      guard case .detail(let id) = mode else { return .ignored }
      return self.action(action, on: id, context: context)
    default:
      return .ignored
    }
    return .handled
  }

  /// Opens what a line stands for: a topic here, a consultation or a problem in its section.
  mutating func open(_ ref: RecordRef, context: ScreenContext) -> ScreenResult {
    switch ref.kind {
    case .supervisionItem:
      detailReturn = mode
      return show(.detail(SupervisionItemID(raw: ref.raw)))
    case .consultation:
      return .go(.consultations, ref)
    case .problem:
      return .go(.problems, ref)
    default:
      return .handled
    }
  }

  /// The actions on one topic, from the list or its timeline.
  mutating func action(_ action: Action, on id: SupervisionItemID, context: ScreenContext) -> ScreenResult {
    guard let item = context.data.supervisionItems[id] else { return .handled }
    switch action {
    case .supervisionAdvance:
      guard let form = SupervisionForm.next(item, context: context) else {
        return ScreenResult(
          handled: true, message: Message(context.text("supervision2.message.closed"), .warning))
      }
      return openForm(form, context: context)
    case .supervisionEdit:
      guard !item.isClosed else {
        return ScreenResult(
          handled: true, message: Message(DomainError.alreadyClosed.message(in: context.language), .warning))
      }
      return openForm(SupervisionForm.edit(item, context: context), context: context)
    case .supervisionResearch:
      guard item.stage == .decided, !item.isClosed else {
        let error: DomainError = item.isClosed ? .alreadyClosed : .notInPlan
        return ScreenResult(handled: true, message: Message(error.message(in: context.language), .warning))
      }
      return openForm(SupervisionForm.research(item, context: context), context: context)
    case .showRecordProblems:
      return .go(.problems, item.ref)
    case .supervisionMinutes:
      guard item.meeting != nil, !item.isClosed else {
        // The Domain's refusal speaks of follow-ups; someone who pressed m asked for the minutes.
        let text =
          item.isClosed
          ? DomainError.alreadyClosed.message(in: context.language)
          : context.text("tester.supervision.minutesBeforeMeeting")
        return ScreenResult(handled: true, message: Message(text, .warning))
      }
      return openEditor(item, text: unsavedMinutes[id] ?? item.meeting?.minutes ?? "", context: context)
    case .fieldworkRaiseProblem:
      raise = .raiseProblem(
        from: .supervisionItem(id), member: item.proposers.first, context: context, section: .supervision)
      return .handled
    default:
      return .ignored
    }
  }

  // MARK: Minutes

  /// Opens the full-screen minutes editor on a topic's consultation minutes.
  mutating func openEditor(_ item: SupervisionItem, text: String, context: ScreenContext) -> ScreenResult {
    editor = LongTextEditor(
      draftKey: SupervisionForm.draftKey(item.id),
      heading: SupervisionForm.title(item, "minutes", context.language),
      text: text, isStored: text == (item.meeting?.minutes ?? ""), recordText: item.meeting?.minutes ?? "")
    editor?.stand(on: item.meeting?.minutes ?? "", context: context)
    editorTopic = item.id
    if case .list = mode {
      detailReturn = .list
      mode = .detail(item.id)
    }
    // A reader may look at the minutes, but is told before typing that none of it will be kept.
    return .editorOpened(context)
  }

  /// Opens the minutes editor on a draft that survived a crash.
  public mutating func resumeDraft(key: String, text: String, context: ScreenContext) {
    guard let id = SupervisionForm.topic(ofDraftKey: key), let item = context.data.supervisionItems[id] else {
      return
    }
    form = nil
    raise = nil
    mode = .detail(id)
    detailReturn = .list
    _ = openEditor(item, text: text, context: context)
  }

  /// The editor's keys: typing and drafts in the editor; Ctrl-S records the minutes on the topic,
  /// Ctrl-P raises a problem from the sentence at the caret, Esc leaves (the text kept as a draft).
  mutating func handleEditor(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var current = editor, let id = editorTopic else { return .ignored }
    let step = current.handle(event, in: context.body, language: context.language)
    editor = current
    switch step {
    case .handled(let effects):
      return ScreenResult(handled: true, effects: effects)
    case .ignored:
      return .ignored
    case .leave(let effects):
      if context.data.supervisionItems[id]?.meeting?.minutes != current.area.text {
        unsavedMinutes[id] = current.area.text
      }
      editor = nil
      editorTopic = nil
      return ScreenResult(
        handled: true, effects: effects,
        message: LongTextEditor.leftUnsaved(unsavedMinutes[id] != nil, context))
    case .save(let text):
      // Another person's minutes saved meanwhile are not written over without asking.
      let now = context.data.supervisionItems[id]?.meeting?.minutes ?? ""
      guard current.mayBeSaved(recordNow: now, ref: RecordRef(id), context: context) else {
        editor = current
        return .say(current.textClash?.message(context.language) ?? "", .warning)
      }
      editor = current
      return ScreenResult(
        handled: true, effects: [.apply(.recordSupervisionMinutes(id, text), tag: Self.minutesTag)])
    case .noSentence:
      return ScreenResult(
        handled: true, message: Message(context.text("consultations.minutes.noSentence"), .warning))
    case .raise(let sentence, let title):
      guard let item = context.data.supervisionItems[id] else { return .handled }
      editor?.pendingProblem = title
      return Self.raise(
        title: title, from: item,
        description: context.text("editors.minutes.problemDescription", item.title, sentence),
        context: context)
    }
  }

  // MARK: Forms

  mutating func openForm(_ new: SupervisionForm, context: ScreenContext) -> ScreenResult {
    form = new.resized(to: context.body)
    return .handled
  }

  mutating func handleForm(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var current = form else { return .ignored }
    if case .key(.ctrl("p")) = event, !current.session.askingToDiscard {
      return raiseFromMinutes(current, context: context)
    }
    let purpose = current
    var session = current.session
    let step = session.handle(
      event, context: context,
      build: { values in
        guard let change = purpose.change(from: values, context: context) else {
          return .failure(FieldRefusal.required(purpose.state.fields.first?.id ?? "", context.language))
        }
        return .success(change)
      }, fieldOf: { purpose.field(for: $0) })
    current.session = session
    switch step {
    case .open(let handled):
      form = current
      // The refusal whole on the message line: under its field it may be cut to the form's width.
      if let refusal = session.refusal {
        return ScreenResult(handled: true, message: Message(refusal, .error))
      }
      return handled ? .handled : .ignored
    case .closed:
      form = nil
      return .handled
    case .save(let effect):
      form = current
      return ScreenResult(handled: true, effects: [effect])
    }
  }

  /// Ctrl-P in the consultation form's minutes: the sentence before the caret becomes a problem
  /// raised from this topic, which then goes round the same closed loop as every other problem.
  func raiseFromMinutes(_ current: SupervisionForm, context: ScreenContext) -> ScreenResult {
    let topic: SupervisionItemID?
    switch current.purpose {
    case .consultation(let id): topic = id
    default: topic = nil
    }
    guard let id = topic, current.state.focusedField?.id == "minutes",
      let area = current.state.focusedField?.area, let sentence = MinutesEditor.sentenceBeforeCaret(area),
      let item = context.data.supervisionItems[id]
    else {
      return ScreenResult(
        handled: true, message: Message(context.text("consultations.minutes.noSentence"), .warning))
    }
    return Self.raise(
      title: MinutesEditor.problemTitle(sentence), from: item,
      description: context.text("consultations.minutes.problemDescription", item.title, sentence),
      context: context)
  }

  /// A problem raised from a sentence of a topic's minutes, with the topic as its source.
  static func raise(title: String, from item: SupervisionItem, description: String, context: ScreenContext)
    -> ScreenResult
  {
    let change = Change.raiseProblem(
      context.data.newID(), .supervisionItem(item.id), title: title, description: description)
    return ScreenResult(handled: true, effects: [.apply(change, tag: problemTag)])
  }

  // MARK: Answers

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .fileWritten(EffectTag(.supervision, "draft"), let key, .failure) = event {
      // The draft did not reach the disk: the header must not say it did.
      if editor?.draftKey == key { editor?.draftFailed() }
      return .handled
    }
    guard case .applied(let tag, let result) = event else { return list.receive(event, context: context) }
    if tag == raise?.session.tag, var open = raise,
      let saved = open.session.receive(event, language: context.language)
    {
      raise = saved ? nil : open
      list.dataDidChange(context: context)
      switch result {
      case .success(let summary): return .say(tr("message.saved", context.language, summary), .ok)
      case .failure(let error): return .say(error.text(context.language), .error)
      }
    }
    switch (tag, result) {
    case (Self.minutesTag, .success):
      guard var current = editor, let id = editorTopic else { return .handled }
      let discard = current.markSaved()
      current.stand(on: current.area.text, context: context)
      editor = current
      unsavedMinutes[id] = nil
      return ScreenResult(
        handled: true, effects: [discard],
        message: Message(
          context.text("consultations.minutes.saved", String(current.area.characterCount)), .ok))
    case (Self.minutesTag, .failure(let error)):
      return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
    case (Self.formTag, .success(let summary)):
      let proposed = form?.purpose == .propose
      form = nil
      list.dataDidChange(context: context)
      // A new topic is selected, so its next step is one key away.
      if proposed, let newest = context.data.supervisionItems.keys.max() {
        list.focus(RecordRef(newest), context: context)
      }
      return ScreenResult(
        handled: true, message: Message(context.text("message.saved", summary), .ok))
    case (Self.formTag, .failure(let error)):
      _ = form?.session.receive(event, language: context.language)
      return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
    case (Self.problemTag, .success(let summary)):
      if let title = editor?.pendingProblem, let id = editorTopic,
        let item = context.data.supervisionItems[id]
      {
        editor?.pendingProblem = nil
        return ScreenResult(
          handled: true,
          message: Message(context.text("editors.minutes.problemRaised", title, item.title), .ok))
      }
      return ScreenResult(handled: true, message: Message(summary, .ok))
    case (Self.problemTag, .failure(let error)):
      return ScreenResult(handled: true, message: Message(error.text(context.language), .error))
    default:
      return .ignored
    }
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    guard ref.kind == .supervisionItem else { return }
    let id = SupervisionItemID(raw: ref.raw)
    guard context.data.supervisionItems[id] != nil else { return }
    form = nil
    raise = nil
    list.focus(ref, context: context)
    detailReturn = .list
    mode = .detail(id)
    cursor = 0
  }

  // MARK: Drawing

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    canvas.fill(rect)
    if let editor {
      editor.draw(into: &canvas, rect: rect, language: context.language)
      return
    }
    if let raise {
      var behind = self
      behind.raise = nil
      behind.draw(into: &canvas, rect: rect, context: context)
      raise.draw(into: &canvas, rect: rect, context: context)
      return
    }
    if let form {
      form.draw(into: &canvas, rect: rect, language: context.language)
      return
    }
    switch mode {
    case .list: list.draw(into: &canvas, rect: rect, context: context)
    case .detail, .board, .plan:
      ConsultationTimeline.draw(lines(context), cursor: cursor, into: &canvas, rect: rect)
    }
  }

  // MARK: Hints

  public func hints(context: ScreenContext) -> [KeyHint] {
    let text = { (key: String) in context.text(key) }
    if editor != nil {
      return Keymap.bindings(in: .supervisionMinutes).map {
        KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
      }
    }
    if raise != nil {
      return [
        KeyHint(key: "Ctrl-S", label: text("action.save")), KeyHint(key: "Esc", label: text("action.cancel")),
      ]
    }
    if form != nil {
      return Keymap.bindings(in: .form).map {
        KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
      }
    }
    if list.exporting != nil, case .list = mode { return list.hints(context: context) }
    let own: KeyContext
    switch mode {
    case .list: own = .supervision
    case .detail: own = .supervisionDetail
    case .board, .plan: own = .supervisionBoard
    }
    let hints = Keymap.hints(Keymap.supervisionHintActions[own] ?? [], in: own, context.language)
    guard case .list = mode else { return hints }
    let running = list.exportRunning.map { [ListExport.progressHint($0, context: context)] } ?? []
    return running + hints
      + Keymap.bindings(in: .list).filter(\.hint).map {
        KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
      }
  }
}
