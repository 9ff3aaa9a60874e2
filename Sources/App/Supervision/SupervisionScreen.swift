import Domain
import Exchange
import Foundation
import Localization
import TerminalCore
import Widgets

/// The rows of the supervision list: each topic with where it stands, its team, plan year, the
/// follow-up's due day (overdue ones marked, with days late), the verdict and the redo count.
struct SupervisionListSource: TableDataSource, Equatable, Sendable {
  var rows: [[String]] = []
  var ids: [SupervisionItemID] = []
  var marks: [Int: RowMark] = [:]

  init() {}

  init(data: CommitteeState, language: Language, today: Day) {
    let items = data.supervisionItems.values.sorted { $0.id < $1.id }
    ids = items.map(\.id)
    rows.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      var due = ""
      if item.awaitsFollowUp, let day = item.followUpDue {
        let late = item.followUpDaysLate(today: today)
        due = late > 0 ? tr("supervision2.list.late", language, String(late)) : day.description
        if late > 0 { marks[index] = RowMark(marker: "!", role: .overdue) }
      }
      rows.append([
        item.title, tr(item.standing.nameKey, language),
        item.team.map { data.displayName(of: RecordRef($0)) } ?? "", item.planYear.map(String.init) ?? "",
        due,
        item.evaluation.map { tr($0.verdict.nameKey, language) } ?? "",
        item.redoCount > 0 ? String(item.redoCount) : "",
      ])
    }
  }

  var rowCount: Int { rows.count }
  func text(row: Int, column: Int) -> String { rows[row][column] }
  func mark(row: Int) -> RowMark? { marks[row] }
}

/// The supervision section (民主监督): the list of topics, the detail of one as a timeline of the
/// whole chain, the forms of each step (提 议 审 定, research, consultation, 回头看, evaluation), the
/// supervision board and the annual plan.
public struct SupervisionScreen: KeyReadingScreen {
  enum Mode: Equatable, Sendable {
    case list
    case detail(SupervisionItemID)
    case board
    case plan(Int)
  }

  var mode = Mode.list
  var source = SupervisionListSource()
  var table = TableState()
  var builtVersion = -1
  var builtLanguage: Language?
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

  /// Equal when the user would see the same: the rows built from the data are a cache of it and
  /// are left out (a screen that has not yet built them equals one that has).
  public static func == (a: SupervisionScreen, b: SupervisionScreen) -> Bool {
    a.mode == b.mode && a.table.selection == b.table.selection && a.table.filter == b.table.filter
      && a.cursor == b.cursor && a.form == b.form && a.detailReturn == b.detailReturn
      && a.editor == b.editor && a.editorTopic == b.editorTopic && a.unsavedMinutes == b.unsavedMinutes
      && a.raise == b.raise
  }

  static let formTag = EffectTag(.supervision, "form")
  static let problemTag = EffectTag(.supervision, "problem")
  static let minutesTag = EffectTag(.supervision, "minutes")

  public func documentedContexts(context: ScreenContext) -> [KeyContext] {
    if editor != nil { return [.supervisionMinutes, .editor] }
    if let raise { return raise.session.keyContexts }
    if let form { return form.session.keyContexts }
    switch mode {
    case .list: return [.supervision, .list]
    case .detail: return [.supervisionDetail, .detail]
    case .board, .plan: return [.supervisionBoard]
    }
  }

  public var capturesText: Bool { form != nil || editor != nil || raise != nil || table.isEditingFilter }

  static let columns: [(key: String, width: ColumnWidth, alignment: Text.Alignment)] = [
    ("title", .flex(3, min: 12), .left),
    ("standing", .fixed(14), .left),
    ("team", .flex(1, min: 8), .left),
    ("year", .fixed(5), .right),
    ("followUp", .fixed(11), .left),
    ("verdict", .fixed(12), .left),
    ("redo", .fixed(4), .right),
  ]

  func tableWidget(_ context: ScreenContext) -> Table {
    Table(
      columns: Self.columns.map {
        TableColumn(context.text("supervision2.column.\($0.key)"), width: $0.width, alignment: $0.alignment)
      }, showsMarkers: true, emptyText: context.text("supervision.none"))
  }

  // MARK: Data

  mutating func rebuildIfStale(_ context: ScreenContext) {
    guard builtVersion != context.dataVersion || builtLanguage != context.language else { return }
    rebuild(context)
  }

  mutating func rebuild(_ context: ScreenContext) {
    source = SupervisionListSource(data: context.data, language: context.language, today: context.today)
    builtVersion = context.dataVersion
    builtLanguage = context.language
    tableWidget(context).reload(state: &table, source: source)
  }

  public mutating func dataDidChange(context: ScreenContext) {
    rebuild(context)
    if case .detail(let id) = mode, context.data.supervisionItems[id] == nil { mode = .list }
  }

  var selectedID: SupervisionItemID? {
    switch mode {
    case .detail(let id): return id
    case .list:
      return table.selectedRow(in: source).flatMap { source.ids.indices.contains($0) ? source.ids[$0] : nil }
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

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context)
    if editor != nil { return handleEditor(event, context: context) }
    if case .tick = event { return .ignored }
    if raise != nil { return FieldworkForm.handle(event, form: &raise, context: context) }
    if form != nil { return handleForm(event, context: context) }
    if case .list = mode { return handleList(event, context: context) }
    return handleLines(event, context: context)
  }

  mutating func handleList(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    let widget = tableWidget(context)
    table.viewportHeight = Table.bodyHeight(for: context.body)
    if !table.isEditingFilter, case .key(let key) = event {
      switch key {
      case .character("n"): return openForm(SupervisionForm.propose(context: context), context: context)
      case .character("b"):
        return show(.board)
      case .character("y"):
        return show(.plan(context.today.year))
      case .character("a"), .character("r"), .character("p"), .character("m"), .character("P"):
        guard let id = selectedID else {
          return ScreenResult(
            handled: true, message: Message(context.text("supervision2.message.noSelection")))
        }
        return action(key, on: id, context: context)
      default: break
      }
    }
    switch widget.handle(event, state: &table, source: source) {
    case .handled: return .handled
    case .ignored: return .ignored
    case .activated(let row):
      guard source.ids.indices.contains(row) else { return .handled }
      detailReturn = .list
      return show(.detail(source.ids[row]))
    }
  }

  mutating func show(_ new: Mode) -> ScreenResult {
    mode = new
    cursor = 0
    return .handled
  }

  mutating func handleLines(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard case .key(let key) = event else { return .ignored }
    let lines = lines(context)
    let page = max(1, context.body.height - 1)
    let last = max(0, lines.count - 1)
    switch key {
    case .escape:
      if case .detail = mode {
        mode = detailReturn
        detailReturn = .list
      } else {
        mode = .list
      }
      cursor = 0
    case .down, .character("j"): cursor = min(last, cursor + 1)
    case .up, .character("k"): cursor = max(0, cursor - 1)
    case .pageDown, .ctrl("f"): cursor = min(last, cursor + page)
    case .pageUp, .ctrl("b"): cursor = max(0, cursor - page)
    case .home, .character("g"): cursor = 0
    case .end, .character("G"): cursor = last
    case .tab:
      let after = lines.indices.dropFirst(cursor + 1).first { lines[$0].record != nil }
      cursor = after ?? lines.indices.first { lines[$0].record != nil } ?? cursor
    case .enter, .character("o"):
      guard lines.indices.contains(cursor), let ref = lines[cursor].record else { return .handled }
      return open(ref, context: context)
    case .character("<"), .character(">"):
      // From the board, the plan of the year before or after this one.
      var year = context.today.year
      if case .plan(let shown) = mode { year = shown }
      return show(.plan(year + (key == .character(">") ? 1 : -1)))
    case .character("b"):
      return show(.board)
    case .character("y"):
      return show(.plan(context.today.year))
    case .character("a"), .character("r"), .character("p"), .character("m"), .character("P"):
      guard case .detail(let id) = mode else { return .ignored }
      return action(key, on: id, context: context)
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

  /// The keys that act on one topic, from the list or its detail.
  mutating func action(_ key: Key, on id: SupervisionItemID, context: ScreenContext) -> ScreenResult {
    guard let item = context.data.supervisionItems[id] else { return .handled }
    switch key {
    case .character("a"):
      guard let form = SupervisionForm.next(item, context: context) else {
        return ScreenResult(
          handled: true, message: Message(context.text("supervision2.message.closed"), .warning))
      }
      return openForm(form, context: context)
    case .character("r"):
      guard item.stage == .decided, !item.isClosed else {
        let error: DomainError = item.isClosed ? .alreadyClosed : .notInPlan
        return ScreenResult(handled: true, message: Message(error.message(in: context.language), .warning))
      }
      return openForm(SupervisionForm.research(item, context: context), context: context)
    case .character("p"):
      return .go(.problems, item.ref)
    case .character("m"):
      guard item.meeting != nil, !item.isClosed else {
        let error: DomainError = item.isClosed ? .alreadyClosed : .consultationNotHeld
        return ScreenResult(handled: true, message: Message(error.message(in: context.language), .warning))
      }
      return openEditor(item, text: unsavedMinutes[id] ?? item.meeting?.minutes ?? "", context: context)
    case .character("P"):
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
      text: text)
    editorTopic = item.id
    if case .list = mode {
      detailReturn = .list
      mode = .detail(item.id)
    }
    // A reader may look at the minutes, but is told before typing that none of it will be kept.
    if context.actor.role == nil {
      return ScreenResult(
        handled: true,
        message: Message(tr("drafts.readerTyping", context.language, context.actor.userName), .warning))
    }
    return .handled
  }

  /// Opens the minutes editor on a draft that survived a crash.
  public mutating func resumeDraft(key: String, text: String, context: ScreenContext) {
    rebuildIfStale(context)
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
    let step = current.handle(event, in: context.body)
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
      return ScreenResult(handled: true, effects: effects)
    case .save(let text):
      return ScreenResult(
        handled: true, effects: [.apply(.recordSupervisionMinutes(id, text), tag: Self.minutesTag)])
    case .noSentence:
      return ScreenResult(
        handled: true, message: Message(context.text("consultations.minutes.noSentence"), .warning))
    case .raise(let sentence, let title):
      guard let item = context.data.supervisionItems[id] else { return .handled }
      editor?.pendingProblem = title
      let description = context.text("editors.minutes.problemDescription", item.title, sentence)
      return ScreenResult(
        handled: true,
        effects: [
          .apply(
            .raiseProblem(context.data.newID(), .supervisionItem(id), title: title, description: description),
            tag: Self.problemTag)
        ])
    }
  }

  // MARK: Forms

  mutating func openForm(_ new: SupervisionForm, context: ScreenContext) -> ScreenResult {
    var new = new
    new.state.resize(width: context.body.width)
    form = new
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
    let title = MinutesEditor.problemTitle(sentence)
    let description = context.text("consultations.minutes.problemDescription", item.title, sentence)
    return ScreenResult(
      handled: true,
      effects: [
        .apply(
          .raiseProblem(context.data.newID(), .supervisionItem(id), title: title, description: description),
          tag: Self.problemTag)
      ])
  }

  // MARK: Answers

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    if case .fileWritten(EffectTag(.supervision, "draft"), let key, .failure) = event {
      // The draft did not reach the disk: the header must not say it did.
      if editor?.draftKey == key { editor?.draftFailed() }
      return .handled
    }
    guard case .applied(let tag, let result) = event else { return .ignored }
    if tag == raise?.session.tag, var open = raise,
      let saved = open.session.receive(event, language: context.language)
    {
      raise = saved ? nil : open
      rebuild(context)
      switch result {
      case .success(let summary): return .say(tr("message.saved", context.language, summary), .ok)
      case .failure(let error): return .say(error.text(context.language), .error)
      }
    }
    switch (tag, result) {
    case (Self.minutesTag, .success):
      guard var current = editor, let id = editorTopic else { return .handled }
      let discard = current.markSaved()
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
      rebuild(context)
      if proposed, let newest = context.data.supervisionItems.keys.max(),
        let row = source.ids.firstIndex(of: newest)
      {
        selectRow(row, context: context)
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

  mutating func selectRow(_ row: Int, context: ScreenContext) {
    tableWidget(context).setFilter(table.filter, state: &table, source: source)
    for position in 0..<table.count(in: source) where table.row(at: position) == row {
      table.selection = position
      break
    }
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    rebuildIfStale(context)
    guard ref.kind == .supervisionItem else { return }
    let id = SupervisionItemID(raw: ref.raw)
    guard context.data.supervisionItems[id] != nil else { return }
    form = nil
    raise = nil
    if let row = source.ids.firstIndex(of: id) { selectRow(row, context: context) }
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
      let (head, body) = rect.splitTop(2)
      canvas.write(
        " " + form.title, x: head.x, y: head.y, style: Style(.title, bold: true), limit: head.width)
      form.state.draw(into: &canvas, in: body)
      form.session.drawOverlay(into: &canvas, area: rect, language: context.language)
      return
    }
    if context.data.supervisionItems.isEmpty, case .list = mode {
      EmptyState.draw(
        title: context.text("section.supervision"), text: context.text("supervision2.empty"), into: &canvas,
        rect: rect)
      return
    }
    switch mode {
    case .list: drawList(into: &canvas, rect: rect, context: context)
    case .detail, .board, .plan: drawLines(lines(context), into: &canvas, rect: rect)
    }
  }

  func drawList(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var source = self.source
    var table = self.table
    if builtVersion != context.dataVersion || builtLanguage != context.language {
      source = SupervisionListSource(data: context.data, language: context.language, today: context.today)
      table = TableState()
    }
    let (head, body) = rect.splitTop(1)
    let overdue = context.data.followUpOverdueSupervisionItems(today: context.today).count
    let due = context.data.supervisionFollowUpsDue(today: context.today).count
    canvas.write(
      " " + context.text("supervision2.summary", String(source.rowCount), String(due), String(overdue)),
      x: head.x, y: head.y, style: Style(overdue > 0 ? .warning : .accent), limit: head.width)
    table.viewportHeight = Table.bodyHeight(for: body)
    tableWidget(context).draw(into: &canvas, rect: body, state: table, source: source)
  }

  func drawLines(_ lines: [TimelineLine], into canvas: inout Canvas, rect: Rect) {
    guard !lines.isEmpty else { return }
    let inner = Rect(x: rect.x + 1, y: rect.y, width: max(1, rect.width - 2), height: rect.height)
    let wrapped = ConsultationTimeline.wrap(lines, width: inner.width)
    let cursor = min(max(0, self.cursor), lines.count - 1)
    let cursorFirst = wrapped.firstIndex { $0.line == cursor } ?? 0
    let cursorLast = wrapped.lastIndex { $0.line == cursor } ?? 0
    var start = 0
    if cursorLast >= inner.height { start = min(cursorFirst, cursorLast - inner.height + 1) }
    for row in 0..<inner.height {
      let index = start + row
      guard index < wrapped.count else { break }
      let piece = wrapped[index]
      let line = lines[piece.line]
      var style = line.style
      if piece.line == cursor && cursor > 0 {
        style = Style(.selected, bold: line.record != nil, reverse: true)
        canvas.fill(Rect(x: rect.x, y: inner.y + row, width: rect.width, height: 1), style: style)
      }
      canvas.write(piece.text, x: inner.x, y: inner.y + row, style: style, limit: inner.width)
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
    let own: KeyContext
    switch mode {
    case .list: own = .supervision
    case .detail: own = .supervisionDetail
    case .board, .plan: own = .supervisionBoard
    }
    let hints = Keymap.supervisionHints(own, text)
    if case .list = mode {
      return hints
        + Keymap.bindings(in: .list).filter(\.hint).map {
          KeyHint(key: $0.keys[0].description, label: text($0.action.labelKey))
        }
    }
    return hints
  }
}
