import Domain
import Localization
import TerminalCore
import Widgets

/// A list of records with a detail pane on Enter: the shape of the supervision and patrol sections.
/// The rows are rebuilt once per data version; the detail is made only for the record shown.
struct ListAndDetail: Sendable {
  var source = ArrayTableSource(rows: [])
  var refs: [RecordRef] = []
  var table = TableState()
  /// The record whose detail is open.
  var detail: RecordRef?
  var scroll = 0
  var builtVersion = -1
  var builtToday: Day?
  var builtLanguage: Language?
  /// The list's page as last drawn.
  let layout = LayoutMemo()

  func isStale(_ context: ScreenContext) -> Bool {
    builtVersion != context.dataVersion || builtToday != context.today || builtLanguage != context.language
  }

  /// Replaces the rows (keeping the selected record selected) after the data changed.
  mutating func reload(
    rows: [[String]], marks: [Int: RowMark], refs: [RecordRef], table: Table, context: ScreenContext
  ) {
    let kept = selectedRef
    source = ArrayTableSource(rows: rows, marks: marks)
    self.refs = refs
    table.reload(state: &self.table, source: source)
    if let kept { select(kept, table: table) }
    builtVersion = context.dataVersion
    builtToday = context.today
    builtLanguage = context.language
  }

  var selectedRef: RecordRef? {
    table.selectedRow(in: source).flatMap { $0 < refs.count ? refs[$0] : nil }
  }

  mutating func select(_ ref: RecordRef, table: Table) {
    guard let row = refs.firstIndex(of: ref) else { return }
    let count = self.table.count(in: source)
    if let position = (0..<count).first(where: { self.table.row(at: $0) == row }) {
      self.table.selection = position
      self.table.offset = max(0, position - self.table.viewportHeight / 2)
    }
  }

  var capturesText: Bool { table.isEditingFilter }

  /// What a key did: handled here, ignored, or the user asked to open a record.
  enum Outcome { case handled, ignored }

  mutating func handle(_ event: TerminalEvent, table: Table) -> Outcome {
    if detail != nil {
      guard case .key(let key) = event else { return .ignored }
      switch key {
      case .escape, .backspace: detail = nil
      case .down, .character("j"): scroll += 1
      case .up, .character("k"): scroll = max(0, scroll - 1)
      case .pageDown: scroll += 10
      case .pageUp: scroll = max(0, scroll - 10)
      default: return .ignored
      }
      return .handled
    }
    self.table.viewportHeight = layout.bodyHeight
    switch table.handle(event, state: &self.table, source: source) {
    case .handled: return .handled
    case .ignored: return .ignored
    case .activated(let row):
      if row < refs.count {
        detail = refs[row]
        scroll = 0
      }
      return .handled
    }
  }

  func draw(
    into canvas: inout Canvas, rect: Rect, table: Table, title: String, summary: String,
    detailRows: (RecordRef) -> (title: String, rows: [DetailRow])
  ) {
    if let detail {
      let (heading, rows) = detailRows(detail)
      canvas.write(
        Text.truncate(heading, to: rect.width - 2), x: rect.x + 1, y: rect.y, style: Style(.title, bold: true)
      )
      let pane = Rect(x: rect.x + 1, y: rect.y + 2, width: rect.width - 2, height: max(0, rect.height - 2))
      DetailPane(rows: rows).draw(into: &canvas, rect: pane, scroll: scroll)
      return
    }
    let (header, rest) = rect.splitTop(1)
    let x = canvas.write(title, x: header.x + 1, y: header.y, style: Style(.title, bold: true))
    canvas.write("  " + summary, x: x, y: header.y, limit: header.maxX - x)
    var state = self.table
    state.viewportHeight = Table.bodyHeight(for: rest)
    layout.bodyHeight = state.viewportHeight
    table.draw(into: &canvas, rect: rest, state: state, source: source)
  }
}

/// Names of members, joined for a cell or a detail line.
func memberNames(_ ids: [MemberID], in data: CommitteeState) -> String {
  ids.map { data.displayName(of: RecordRef($0)) }.joined(separator: "、")
}
