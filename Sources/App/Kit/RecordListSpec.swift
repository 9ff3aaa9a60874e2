import Domain
import Localization
import TerminalCore
import Widgets

/// What a record list section supplies; `RecordListScreen<Spec>` does the rest (list, detail pane,
/// selection by identity, facets, text filter, sort, archived toggle, paging, hints).
/// Every requirement is a static function of the `ScreenContext`, so a spec holds no state.
///
/// A read-only section is one spec file (this protocol), one strings file, one `Section` case.
public protocol RecordListSpec: Sendable {
  /// The rows' source: `RecordRows` unless the section needs one that scales further.
  associatedtype Source: RecordSource = RecordRows

  /// The section the list is shown in (its title heads the list; its tags route answers).
  static var section: Section { get }
  /// The keymap context of the section's own actions (its bindings are in `Keymap`).
  static var keyContext: KeyContext { get }
  /// The key of the empty state's sentence ("No supervision items yet…").
  static var emptyTextKey: String { get }
  /// The key of the text shown in the table when no row passes the filters.
  static var noRowsKey: String { get }

  static func columns(context: ScreenContext) -> [TableColumn]
  /// All rows, archived included, built once per data version (and language, and day).
  static func rows(context: ScreenContext) -> Source
  /// How many rows `rows(context:)` would make, read without making them; nil: not known cheaply.
  /// From `RowsPreparation.backgroundFrom`, the rows are made on another thread (`rows(context:
  /// progress:)`) and the list shows how far they are until they are in. Default: nil.
  static func rowCount(in data: CommitteeState) -> Int?
  /// The rows made on another thread, reporting to `progress` between slices (pausing while the
  /// app answers an event) and giving up when it says so. Default: `rows(context:)`.
  static func rows(context: ScreenContext, progress: any BuildProgress) -> Source
  /// Brings rows built at data version `version` up to date (the data, the day or the language
  /// moved on): a source of a million rows follows the records the changes touched
  /// (`context.changes.touched(since: version)`, undos and redos included) instead of being made
  /// again, so that what a change costs is its records, not the section's. Default: `rows(context:)`
  /// anew.
  static func update(_ rows: inout Source, builtAt version: Int, context: ScreenContext)
  /// Whether `update` carries rows built at data version `version` to `context` through the
  /// changes since, rather than making them anew; false: a long list makes them again on another
  /// thread (`RowsPreparation`). Default: false, as the default `update` makes them anew.
  static func canFollow(builtAt version: Int, context: ScreenContext) -> Bool
  /// The line after the title ("12 items · 2 follow-ups overdue").
  static func summary(context: ScreenContext) -> String
  /// The detail of one record: a heading and label/value rows; nil if it is gone.
  static func detail(_ ref: RecordRef, context: ScreenContext) -> RecordDetail?
  /// The facets (default none); rows give their option for each, in this order.
  static func facets(context: ScreenContext) -> [RecordFacet]
  /// The section's own actions on the selected (or opened) record. Default: `.ignored`.
  static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult
  /// The actions hinted in the status bar while a record's detail is focused (after "↑↓ Scroll").
  static var detailHintActions: [Action] { get }
  /// The sort when first shown (nil: the source's order).
  static var initialSort: TableSort? { get }
  /// Whether the records can be archived (then `A` shows or hides archived ones). Default: false.
  static var hasArchivedRecords: Bool { get }
}

extension RecordListSpec {
  public static func update(_ rows: inout Source, builtAt version: Int, context: ScreenContext) {
    rows = Self.rows(context: context)
  }
  public static func canFollow(builtAt version: Int, context: ScreenContext) -> Bool { false }
  public static func rowCount(in data: CommitteeState) -> Int? { nil }
  public static func rows(context: ScreenContext, progress: any BuildProgress) -> Source {
    rows(context: context)
  }
  public static func facets(context: ScreenContext) -> [RecordFacet] { [] }
  public static func perform(_ action: Action, on ref: RecordRef?, context: ScreenContext) -> ScreenResult {
    .ignored
  }
  public static var detailHintActions: [Action] { Keymap.bindings(in: keyContext).map(\.action) }
  public static var initialSort: TableSort? { nil }
  public static var hasArchivedRecords: Bool { false }
}

/// A record's detail: its heading and its rows.
public struct RecordDetail: Equatable, Sendable {
  public var title: String
  public var rows: [DetailRow]

  public init(title: String, rows: [DetailRow]) {
    self.title = title
    self.rows = rows
  }
}

/// Where a record list draws its parts: a pure function of the body rect, used by both `perform`
/// (the page height) and `draw`.
public struct RecordListLayout: Equatable, Sendable {
  /// From this width on, the detail of the selected record shows beside the list.
  public static let sideBySideWidth = 100

  /// The title and summary line.
  public var header: Rect
  /// The table (header row, body, footer).
  public var list: Rect
  /// The detail pane beside the list; nil on narrow terminals (the detail then takes the screen).
  public var detail: Rect?

  public init(body: Rect) {
    let (header, rest) = body.splitTop(1)
    self.header = header
    if body.width >= Self.sideBySideWidth {
      // A little more than half for the list; the detail wraps its values in the rest.
      let listWidth = rest.width * 11 / 20
      list = Rect(x: rest.x, y: rest.y, width: listWidth, height: rest.height)
      // One column of border between them.
      detail = Rect(
        x: rest.x + listWidth + 1, y: rest.y, width: rest.width - listWidth - 1, height: rest.height)
    } else {
      list = rest
      detail = nil
    }
  }

  /// Rows of the list's body: the page for PgUp/PgDn and centring.
  public var page: Int { Table.bodyHeight(for: list) }
}
