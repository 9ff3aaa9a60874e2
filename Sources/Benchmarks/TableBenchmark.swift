import TerminalCore
import Widgets

/// Measures the list the way a user drives it: a 120x40 table over N synthetic Chinese rows,
/// moving the selection frame by frame and typing a filter. `shangliang bench ui` prints it.
public enum TableBenchmark {
  /// Figures of one run, in milliseconds.
  public struct Result: Sendable, Hashable {
    public var rows: Int
    public var frameMedianMs: Double
    public var frameP99Ms: Double
    public var filterKeyMedianMs: Double
    public var filterKeyMaxMs: Double
    /// Rows matching the whole query at the end.
    public var matches: Int
    /// Building the rows' search keys, once (not part of any frame).
    public var setupMs: Double
    /// Cells the diff found changed, on average per move frame (what the terminal is sent).
    public var changedCellsPerFrame: Double
  }

  /// Builds `rows` rows, then times `moves` frames (a key + a full draw each) and one frame per
  /// character of `query` typed into the filter. `onMoveFrame` sees each move's frame, outside
  /// the timing (to send it through a real terminal and count the bytes).
  public static func run(
    rows: Int, moves: Int = 500, query: String = "花市集改", onMoveFrame: ((Canvas) -> Void)? = nil
  ) -> Result {
    let clock = ContinuousClock()
    let setupStart = clock.now
    let source = SyntheticSource(rowCount: rows)
    let setup = milliseconds(clock.now - setupStart)
    let table = SyntheticSource.table
    let rect = Rect(x: 0, y: 0, width: 120, height: 40)
    var state = TableState()
    state.viewportHeight = Table.bodyHeight(for: rect)

    // A frame is what a keystroke costs on screen: update, a full draw, and the diff against the
    // previous frame that decides what the terminal is sent.
    var frames: [Double] = []
    frames.reserveCapacity(moves)
    var previous: Canvas?
    var changedCells = 0
    for i in 0..<moves {
      let key: Key = i % 50 == 49 ? .pageDown : .character("j")
      let start = clock.now
      _ = table.handle(key, state: &state, source: source)
      var canvas = Canvas(width: rect.width, height: rect.height)
      table.draw(into: &canvas, rect: rect, state: state, source: source)
      let runs = canvas.changedRuns(from: previous)
      frames.append(milliseconds(clock.now - start))
      changedCells += runs.reduce(0) { $0 + $1.width }
      onMoveFrame?(canvas)
      previous = canvas
    }

    _ = table.handle(.character("/"), state: &state, source: source)
    var keys: [Double] = []
    for ch in query {
      let start = clock.now
      _ = table.handle(.character(ch), state: &state, source: source)
      var canvas = Canvas(width: rect.width, height: rect.height)
      table.draw(into: &canvas, rect: rect, state: state, source: source)
      _ = canvas.changedRuns(from: previous)
      keys.append(milliseconds(clock.now - start))
      previous = canvas
    }
    return Result(
      rows: rows, frameMedianMs: percentile(frames, 0.5), frameP99Ms: percentile(frames, 0.99),
      filterKeyMedianMs: percentile(keys, 0.5), filterKeyMaxMs: keys.max() ?? 0,
      matches: state.count(in: source), setupMs: setup,
      changedCellsPerFrame: moves > 0 ? Double(changedCells) / Double(moves) : 0)
  }

  static func milliseconds(_ d: Duration) -> Double {
    let parts = d.components
    return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
  }

  static func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
    return sorted[index]
  }
}

/// Rows made from their index (no stored strings), like a store that formats on demand.
struct SyntheticSource: TableDataSource {
  let rowCount: Int
  let searchKeys: SearchKeys?

  static let places = ["石坪桥街道", "杨家坪街道", "谢家湾街道", "黄桷坪街道", "九龙镇", "中梁山街道", "白市驿镇"]
  static let topics = [
    "小花市集改造协商", "老旧小区加装电梯", "背街小巷整治", "河道垃圾清理", "社区食堂运营", "停车难问题",
    "农贸市场提升", "公园步道修缮", "学校周边交通",
  ]
  static let departments = ["区住建委", "区城管局", "区交通局", "区水利局", "区商务委", "区民政局"]
  static let statuses = ["办理中", "已办结", "已逾期", "待交办"]

  static let table = Table(
    columns: [
      TableColumn("编号", width: .fixed(8), alignment: .right),
      TableColumn("主题", width: .flex(3, min: 20)),
      TableColumn("承办单位", width: .flex(1, min: 10)),
      TableColumn("状态", width: .fixed(6)),
      TableColumn("期限", width: .fixed(10)),
    ], showsMarkers: true)

  init(rowCount: Int) {
    self.rowCount = rowCount
    var keys = SearchKeys()
    keys.reserve(rows: rowCount, bytes: rowCount * 80)
    for row in 0..<rowCount {
      keys.append(
        "\(row + 1) \(Self.subject(row)) \(Self.departments[row % 6]) \(Self.statuses[row % 4]) \(Self.date(row))"
      )
    }
    self.searchKeys = keys
  }

  static func subject(_ row: Int) -> String {
    places[row % places.count] + topics[(row / places.count) % topics.count] + " 第\(row + 1)号"
  }

  static func date(_ row: Int) -> String {
    let month = row % 12 + 1
    let day = row % 28 + 1
    return "2026-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
  }

  func text(row: Int, column: Int) -> String {
    switch column {
    case 0: return "\(row + 1)"
    case 1: return Self.subject(row)
    case 2: return Self.departments[row % Self.departments.count]
    case 3: return Self.statuses[row % Self.statuses.count]
    default: return Self.date(row)
    }
  }

  func mark(row: Int) -> RowMark? { row % 4 == 2 ? RowMark(marker: "!", role: .overdue) : nil }
}
