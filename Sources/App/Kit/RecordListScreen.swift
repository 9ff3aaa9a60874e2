import Domain
import Localization
import TerminalCore
import Widgets

/// The generic record list screen: a spec's rows in a table, the selected record's detail beside
/// it (≥ 100 columns) or on its own (narrower, after Enter), facets, text filter, sort, archived
/// toggle. The rows are rebuilt on one path (`rebuild`) when the data, the day or the language
/// changes; the selection follows the record, not the row number.
public struct RecordListScreen<Spec: RecordListSpec>: SectionScreen {
  /// Every row (archived included), from `Spec.rows`; nil until first built.
  var source: Spec.Source?
  /// The base rows the facets and the archived toggle let through; nil: all.
  var shown: [Int32]?
  public internal(set) var table = TableState()
  public internal(set) var filter = RecordFilter()
  /// The record whose detail has the focus (Enter); nil: the list has it.
  public internal(set) var openRecord: RecordRef?
  var detailScroll = 0
  var built: BuildStamp?
  /// The spec's summary line as of the last build, and the body width it was made for: a summary
  /// counts over every record, so it is made with the rows, never per frame or per move.
  var summaryText = ""
  var summaryWidth = -1
  /// The rows being made on another thread (a long list visited before they are in): the list says
  /// how far they are and takes them in on a tick when they are made.
  var pending: BackgroundBuild<BuiltRows<Spec.Source>>?
  /// The file name asked for by `x` (`ListExport`), while it is typed; then the file being made
  /// and written on another thread (the status bar says how far; Esc stops it).
  var exporting: ListExport?
  var exportRunning: BackgroundExport?
  /// The record selected when the rows were let go to be made again on another thread: selected
  /// again when they come.
  var keptWhileLoading: RecordRef?
  /// Whether the table's sort is settled: false until the rows first come in, which then get the
  /// list's own first sort (`Spec.initialSort`), unless a view recalled before they came chose one.
  var sortChosen = false
  /// The sort and text filter of a saved view recalled while the rows were being made: put on
  /// them when they come.
  var recalledWhileLoading: RecalledView?

  /// A recalled view's sort and text filter.
  struct RecalledView: Equatable, Sendable {
    var sort: TableSort?
    var filter: String
  }

  /// What the rows were built from.
  struct BuildStamp: Equatable, Sendable {
    var dataVersion: Int
    var today: Day
    var language: Language
    init(_ context: ScreenContext) {
      dataVersion = context.dataVersion
      today = context.today
      language = context.language
    }
  }

  public init() {}

  public var capturesText: Bool { table.isEditingFilter || exporting != nil }

  var view: FilteredSource<Spec.Source>? { source.map { FilteredSource(base: $0, shown: shown) } }

  func tableWidget(_ context: ScreenContext) -> Table {
    Table(
      columns: Spec.columns(context: context), showsMarkers: true, emptyText: context.text(Spec.noRowsKey))
  }

  /// The record under the selection.
  public var selectedRef: RecordRef? {
    guard let view, let row = table.selectedRow(in: view) else { return nil }
    return view.base.ref(row: view.baseRow(row))
  }

  /// The records shown, top to bottom (for tests and jumps).
  public var shownRefs: [RecordRef] {
    guard let view else { return [] }
    return (0..<table.count(in: view)).map { view.base.ref(row: view.baseRow(table.row(at: $0))) }
  }

  // MARK: Data

  public mutating func dataDidChange(context: ScreenContext) { rebuild(context: context) }

  mutating func rebuildIfStale(_ context: ScreenContext) {
    if built != BuildStamp(context) {
      rebuild(context: context)
    } else if pending == nil, summaryWidth != context.body.width {
      // While the rows are being made, the header says how far they are: no summary is made
      // (it counts over every record, on every frame).
      summarize(context)
    }
  }

  mutating func summarize(_ context: ScreenContext) {
    summaryText = Spec.summary(context: context)
    summaryWidth = context.body.width
  }

  /// The one rebuild path: new rows from the spec, then the facets, sort and text filter again,
  /// keeping the selected record selected.
  mutating func rebuild(context: ScreenContext) {
    let kept = selectedRef ?? keptWhileLoading
    var madeSummary: String?
    if var rows = source, let built {
      // Let go of the state's copy first, so that a large source is changed in place.
      source = nil
      // The day turned (at midnight): what a row shows and how it is marked may hang on the day, so
      // a long list's rows are made again on the lists' thread, as rows too far behind the changes.
      // Another language only needs other cells, which `update` gives the rows in place.
      if built.today != context.today || !Spec.canFollow(builtAt: built.dataVersion, context: context),
        makeAgainElsewhere(context, keeping: kept)
      {
        return
      }
      Spec.update(&rows, builtAt: built.dataVersion, context: context)
      source = rows
    } else if let build = context.indexes.rowsPreparation.build(Spec.self, context: context) {
      guard var made = build.result else {
        if build.isFinished {
          // Stopped before it was done: made here.
          context.indexes.rowsPreparation.forget(Spec.self)
          pending = nil
          source = Spec.rows(context: context)
        } else {
          // The list the user came to goes next; it fills in when made (`handle`'s tick).
          context.indexes.rowsPreparation.queue.prioritize(build)
          pending = build
          built = BuildStamp(context)
          return
        }
        return rebuildMade(context: context, kept: kept, summary: nil)
      }
      context.indexes.rowsPreparation.forget(Spec.self)
      pending = nil
      if !Spec.canFollow(builtAt: made.version, context: context), makeAgainElsewhere(context, keeping: kept)
      {
        return
      }
      // Carried through the changes made since they were made, as the list's own rows are.
      Spec.update(&made.rows, builtAt: made.version, context: context)
      // Their search keys start now, as those of rows made on the spot do.
      made.rows.prepareSearchKeys(all: false)
      source = made.rows
      if made.version == context.dataVersion, made.language == context.language, made.today == context.today,
        made.summaryWidth == context.body.width
      {
        madeSummary = made.summary
      }
    } else {
      source = Spec.rows(context: context)
    }
    rebuildMade(context: context, kept: kept, summary: madeSummary)
  }

  /// Rows the changes since cannot carry (more of them than the change log keeps) are made again
  /// on the lists' thread, not here: at a million records that is a second on the app's thread.
  /// The list says how far they are meanwhile and keeps `kept` to select it again. False when the
  /// list is short enough to be made here.
  private mutating func makeAgainElsewhere(_ context: ScreenContext, keeping kept: RecordRef?) -> Bool {
    guard let build = context.indexes.rowsPreparation.build(Spec.self, context: context) else { return false }
    context.indexes.rowsPreparation.queue.prioritize(build)
    source = nil
    shown = nil
    pending = build
    keptWhileLoading = kept
    built = BuildStamp(context)
    return true
  }

  /// The rest of `rebuild` once the rows are in: the facets, sort and text filter again.
  private mutating func rebuildMade(context: ScreenContext, kept: RecordRef?, summary: String?) {
    keptWhileLoading = nil
    built = BuildStamp(context)
    // A text filter left on filters the new rows at once: their keys are needed now, not when a
    // background build would bring them.
    if !table.filter.isEmpty || recalledWhileLoading.map({ !$0.filter.isEmpty }) == true {
      source?.prepareSearchKeys(all: true)
    }
    if let summary {
      summaryText = summary
      summaryWidth = context.body.width
    } else {
      summarize(context)
    }
    if let open = openRecord, source?.row(of: open) == nil { openRecord = nil }
    refilter(context: context, keeping: kept)
    if let recalled = recalledWhileLoading, let view {
      recalledWhileLoading = nil
      let widget = tableWidget(context)
      widget.setSort(recalled.sort, state: &table, source: view)
      widget.setFilter(recalled.filter, state: &table, source: view)
    }
    if !sortChosen, let view {
      sortChosen = true
      guard let sort = Spec.initialSort else { return }
      tableWidget(context).setSort(sort, state: &table, source: view)
      // The sort keeps the selected row; a list shown for the first time starts at its top.
      if let kept {
        select(kept, context: context)
      } else {
        table.selection = 0
        table.offset = 0
      }
    }
  }

  /// The facets or the archived toggle changed (or the rows): choose the shown rows again.
  mutating func refilter(context: ScreenContext, keeping kept: RecordRef?) {
    guard var source else { return }
    self.source = nil
    if source.narrow(to: filter) {
      shown = nil
    } else {
      var rows: [Int32] = []
      var hidesAny = false
      for row in 0..<source.rowCount {
        if filter.admits(row: row, in: source) { rows.append(Int32(row)) } else { hidesAny = true }
      }
      shown = hidesAny ? rows : nil
    }
    self.source = source
    table.viewportHeight = RecordListLayout(body: context.body).page
    guard let view else { return }
    tableWidget(context).reload(state: &table, source: view)
    // Nothing kept (the list was empty, say, narrowed to nothing): the top, not a row number left
    // over from an earlier narrowing.
    if kept.map({ !select($0, context: context) }) ?? true {
      table.selection = 0
      table.offset = 0
    }
  }

  /// Selects a record if it is shown; false when it is not.
  @discardableResult
  mutating func select(_ ref: RecordRef, context: ScreenContext) -> Bool {
    guard let view, let base = view.base.row(of: ref), let row = view.row(ofBase: base) else { return false }
    table.viewportHeight = RecordListLayout(body: context.body).page
    return tableWidget(context).select(row: row, state: &table, source: view)
  }

  // MARK: Keys

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let exporting { return exporting.session.keyContexts }
    if openRecord != nil { return [Spec.keyContext, .records, .detail] }
    return [Spec.keyContext, .records, .list] + (Spec.hasArchivedRecords ? [.archive] : []) + [.views]
  }

  /// Raw input reaches the list only while its filter line is open (and pastes go into it).
  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context)
    if case .tick = event {
      // Idle: a slice of the search keys, so that `/` seldom waits for them.
      if !table.isEditingFilter { source?.prepareSearchKeys(all: false) }
      return .ignored
    }
    if var form = exporting {
      let list = self
      switch form.handle(
        event, section: Spec.section, context: context, making: { list.shownRowsMaking(context: context) })
      {
      case .open(let result):
        exporting = form
        return result
      case .closed(let result):
        exporting = nil
        return result
      }
    }
    guard table.isEditingFilter, let view else { return .ignored }
    table.viewportHeight = RecordListLayout(body: context.body).page
    return tableWidget(context).handle(event, state: &table, source: view) == .ignored ? .ignored : .handled
  }

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    rebuildIfStale(context)
    if action == .back, let running = exportRunning {
      // Esc stops a file being written before it clears anything of the list.
      running.cancel()
      exportRunning = nil
      return .say(
        context.text("left5.export.cancelled", ControlCharacters.escaped(running.path)), .warning)
    }
    if action == .listExport {
      if exportRunning != nil { return .say(context.text("left5.export.busy"), .warning) }
      // A list still loading has no rows to write yet; saying so beats an empty file.
      guard view != nil, pending == nil else { return .say(context.text("ux4.export.loading"), .warning) }
      exporting = ListExport(section: Spec.section, context: context)
      return ScreenResult(handled: true, clearsMessage: true)
    }
    guard let view else {
      // Still loading: the list's own keys say so, and to press them again once the rows are
      // in, rather than "does nothing here" beside a hint that offers them. Saved views stay the
      // shell's (one recalled now is applied when the rows come).
      guard let pending,
        action.listCommand != nil || action == .showArchived || action == .showHistory
          || Spec.facets(context: context).contains(where: { $0.action == action })
      else { return .ignored }
      let percent = String(min(99, Int(pending.fraction * 100)))
      return .say(context.text("ux5.list.loading", percent, key.description), .warning)
    }
    if action == .showHistory {
      guard let ref = openRecord ?? selectedRef else {
        return ScreenResult(
          handled: true, message: Message(context.text("history.nothingSelected"), .warning))
      }
      return ScreenResult(handled: true, effects: [.showHistory(ref)])
    }
    let layout = RecordListLayout(body: context.body)
    table.viewportHeight = layout.page
    if let open = openRecord, let result = performOnDetail(action, on: open, layout: layout, context: context)
    {
      return result
    }
    if let command = action.listCommand {
      guard command == .editFilter else { return performOnList(command, view: view, context: context) }
      // The search keys of a million rows are made when first needed.
      source?.prepareSearchKeys(all: true)
      return self.view.map { performOnList(command, view: $0, context: context) } ?? .ignored
    }
    switch action {
    case .back:
      if tableWidget(context).perform(.clearFilter, state: &table, source: view) == .handled {
        return .handled
      }
      guard !filter.facets.isEmpty else { return .ignored }
      filter.facets = [:]
      refilter(context: context, keeping: selectedRef)
      return .handled
    case .showArchived:
      filter.showArchived.toggle()
      refilter(context: context, keeping: selectedRef)
      return .say(
        context.text(filter.showArchived ? "kit.message.archivedShown" : "kit.message.archivedHidden"))
    default:
      let facets = Spec.facets(context: context)
      if let index = facets.firstIndex(where: { $0.action == action }) {
        cycle(facet: index, of: facets[index], context: context)
        return .handled
      }
      return Spec.perform(action, on: openRecord ?? selectedRef, context: context)
    }
  }

  /// A move, a page, the filter, a sort or Enter on the list.
  mutating func performOnList(
    _ command: TableCommand, view: FilteredSource<Spec.Source>, context: ScreenContext
  ) -> ScreenResult {
    switch tableWidget(context).perform(command, state: &table, source: view) {
    case .handled: return .handled
    case .ignored: return .ignored
    case .activated(let row):
      openRecord = view.base.ref(row: view.baseRow(row))
      detailScroll = 0
      return .handled
    }
  }

  /// Keys while a record's detail has the focus: moving scrolls it, Esc gives the focus back.
  mutating func performOnDetail(
    _ action: Action, on ref: RecordRef, layout: RecordListLayout, context: ScreenContext
  ) -> ScreenResult? {
    let pane =
      layout.detail ?? ShellLayout.body(Size(width: layout.list.width, height: layout.list.height + 4))
    let page = max(1, pane.height - 2)
    switch action {
    case .moveDown: detailScroll += 1
    case .moveUp: detailScroll = max(0, detailScroll - 1)
    case .pageDown: detailScroll += page
    case .pageUp: detailScroll = max(0, detailScroll - page)
    case .first: detailScroll = 0
    case .last:
      let lines =
        Spec.detail(ref, context: context).map {
          DetailPane(rows: $0.rows).lines(width: pane.width - 2).count
        } ?? 0
      detailScroll = max(0, lines - page)
    case .back: openRecord = nil
    default: return nil
    }
    return .handled
  }

  /// Next option of a facet; after the last, any.
  mutating func cycle(facet index: Int, of facet: RecordFacet, context: ScreenContext) {
    let next = filter.facets[index].map { $0 + 1 } ?? 0
    filter.facets[index] = next < facet.options.count ? next : nil
    refilter(context: context, keeping: selectedRef)
  }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    rebuildIfStale(context)
    // A jump to a record waits for rows still being made: it must land on the record.
    // Twice at most: rows too far behind the changes to be carried are made again (`rebuild`).
    for _ in 0..<2 {
      guard let pending else { break }
      _ = context.indexes.rowsPreparation.queue.hurry(pending, seconds: 600)
      rebuild(context: context)
    }
    openRecord = nil
    if !select(ref, context: context) {
      // Hidden by a filter: show everything, then select it.
      filter = RecordFilter()
      filter.showArchived =
        source.flatMap { $0.row(of: ref) }.map { source?.isArchived(row: $0) == true } ?? false
      if let view { tableWidget(context).setFilter("", state: &table, source: view) }
      refilter(context: context, keeping: ref)
    }
  }

  // MARK: Drawing

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    drawList(into: &canvas, rect: rect, context: context)
    exporting?.draw(into: &canvas, rect: rect, context: context)
  }

  func drawList(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var screen = self
    screen.rebuildIfStale(context)
    if let pending = screen.pending {
      drawLoading(pending.fraction, into: &canvas, rect: rect, context: context)
      return
    }
    guard let view = screen.view, view.base.recordCount > 0 else {
      EmptyState.draw(
        title: context.text(Spec.section.titleKey), text: context.text(Spec.emptyTextKey), into: &canvas,
        rect: rect)
      return
    }
    let layout = RecordListLayout(body: rect)
    if let open = openRecord, layout.detail == nil {
      drawDetail(open, into: &canvas, rect: rect, context: context, focused: true)
      return
    }
    let header = layout.header
    let x = canvas.write(
      context.text(Spec.section.titleKey), x: header.x + 1, y: header.y, style: Style(.title, bold: true))
    canvas.write(
      "  " + Self.fitting(screen.headerText(context: context), columns: header.maxX - x - 2), x: x,
      y: header.y,
      limit: header.maxX - x)
    var table = screen.table
    table.viewportHeight = layout.page
    screen.tableWidget(context).draw(into: &canvas, rect: layout.list, state: table, source: view)
    if let pane = layout.detail {
      for y in pane.y..<pane.maxY { canvas.put("│", x: pane.x - 1, y: y, style: Style(.border)) }
      if let ref = openRecord ?? screen.selectedRef {
        drawDetail(ref, into: &canvas, rect: pane, context: context, focused: openRecord != nil)
      }
    }
  }

  /// The answer to an export's writing (the only effect a kit list asks for itself).
  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    ListExport.receive(event, section: Spec.section, running: &exportRunning, context: context) ?? .ignored
  }

  /// The title and how far the rows being made are (载入中 43%), while they are not in.
  func drawLoading(_ fraction: Double, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let header = RecordListLayout(body: rect).header
    let x = canvas.write(
      context.text(Spec.section.titleKey), x: header.x + 1, y: header.y, style: Style(.title, bold: true))
    let percent = String(min(99, Int(fraction * 100)))
    canvas.write(
      "  " + context.text("kit.rows.loading", percent), x: x, y: header.y, style: Style(.dim),
      limit: header.maxX - x)
  }

  /// As many whole " · " parts of a header as fit, then "…": a figure cut in half ("44/1" for
  /// "44/100") would read as another figure.
  static func fitting(_ text: String, columns: Int) -> String {
    guard DisplayWidth.of(text) > columns else { return text }
    var kept = ""
    for part in text.components(separatedBy: " · ") {
      let next = kept.isEmpty ? part : kept + " · " + part
      if DisplayWidth.of(next) + 2 > columns { break }
      kept = next
    }
    return kept.isEmpty ? Text.truncate(text, to: columns) : kept + " …"
  }

  /// The facets chosen and the archived toggle, if any, then the summary: what narrows the list
  /// comes first, so that a long summary is what gets cut on a narrow terminal (an empty list
  /// under a facet must say which).
  func headerText(context: ScreenContext) -> String {
    let current = built == BuildStamp(context) && summaryWidth == context.body.width
    var parts: [String] = source?.narrowing.map { [$0] } ?? []
    // Facets are made from the data (a patrols list reads every patrol for its rivers): only
    // when one is chosen, never on every frame.
    let facets = filter.facets.isEmpty ? [] : Spec.facets(context: context)
    for (index, option) in filter.facets.sorted(by: { $0.key < $1.key }) where index < facets.count {
      let facet = facets[index]
      // Chinese text takes the full-width colon, as the Problems filter line does.
      let colon = context.language == .zh ? "：" : ": "
      if option < facet.options.count { parts.append(facet.title + colon + facet.options[option]) }
    }
    if filter.showArchived { parts.append(context.text("kit.header.withArchived")) }
    parts.append(current ? summaryText : Spec.summary(context: context))
    return parts.filter { !$0.isEmpty }.joined(separator: " · ")
  }

  func drawDetail(
    _ ref: RecordRef, into canvas: inout Canvas, rect: Rect, context: ScreenContext, focused: Bool
  ) {
    guard let detail = Spec.detail(ref, context: context), rect.width > 2 else { return }
    let style = focused ? Style(.title, bold: true) : Style(.header, bold: true)
    canvas.write(Text.truncate(detail.title, to: rect.width - 2), x: rect.x + 1, y: rect.y, style: style)
    let pane = Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: max(0, rect.height - 2))
    DetailPane(rows: detail.rows).draw(into: &canvas, rect: pane, scroll: focused ? detailScroll : 0)
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if exporting != nil { return ListExport.hints(context) }
    let running = exportRunning.map { [ListExport.progressHint($0, context: context)] } ?? []
    return running + listHints(context: context)
  }

  func listHints(context: ScreenContext) -> [KeyHint] {
    guard openRecord != nil else {
      // The section's own keys first (n new, P raise a problem, …), then the shell's (help, filter,
      // sort, quit); the status bar drops whole hints from the end where there is no room.
      // n (new) leads wherever the section's bindings were declared.
      // Export is in help: on a full status bar it would push help and quit off the end.
      let bindings = Keymap.bindings(in: Spec.keyContext).filter { $0.action != .listExport }
      let ordered =
        bindings.filter { $0.keys.contains(.character("n")) }
        + bindings.filter { !$0.keys.contains(.character("n")) }
      let own = Keymap.hints(ordered.map(\.action), in: Spec.keyContext, context.language)
      return own.isEmpty
        ? []
        : own
          + Keymap.bindings.filter(\.hint).map {
            KeyHint(key: $0.keys[0].description, label: tr($0.helpKey, context.language))
          }
    }
    return [KeyHint(key: "↑↓", label: context.text("kit.hint.scroll"))]
      + Keymap.hints(Spec.detailHintActions, in: Spec.keyContext, context.language)
      + Keymap.hints([.back], in: .list, context.language)
  }
}

extension Action {
  /// The table command a list's shared key stands for (moves, pages, the filter line, sorting,
  /// Enter); nil for every other action, which each list handles itself (Esc among them).
  var listCommand: TableCommand? {
    switch self {
    case .moveDown: .moveDown
    case .moveUp: .moveUp
    case .pageDown: .pageDown
    case .pageUp: .pageUp
    case .first: .first
    case .last: .last
    case .filter: .editFilter
    case .sort: .sort
    case .reverseSort: .reverseSort
    case .open: .open
    default: nil
    }
  }
}
