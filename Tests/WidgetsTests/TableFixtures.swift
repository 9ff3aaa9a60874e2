import TerminalCore

@testable import Widgets

/// A source that makes rows from their index and counts which rows the table asked for.
final class CountingSource: TableDataSource {
  let rowCount: Int
  let searchKeys: SearchKeys?
  private(set) var rowsAsked = Set<Int>()
  private(set) var textCalls = 0

  init(rowCount: Int, withKeys: Bool = false) {
    self.rowCount = rowCount
    self.searchKeys = withKeys ? SearchKeys(count: rowCount) { CountingSource.subject($0) } : nil
  }

  static func subject(_ row: Int) -> String {
    ["石坪桥街道", "杨家坪街道", "Jiulong 镇"][row % 3] + ["小花市集改造", "加装电梯", "河道清理"][row / 3 % 3] + " 第\(row)号"
  }

  func text(row: Int, column: Int) -> String {
    textCalls += 1
    rowsAsked.insert(row)
    return column == 0 ? "\(row)" : Self.subject(row)
  }

  func resetCounts() {
    rowsAsked = []
    textCalls = 0
  }
}

let twoColumns = Table(columns: [
  TableColumn("编号", width: .fixed(8), alignment: .right),
  TableColumn("主题", width: .flex(min: 10)),
])

/// The four-row sample list used by the golden tests.
let sampleRows = ArrayTableSource(
  rows: [
    ["1", "石坪桥街道小花市集改造协商", "区商务委", "办理中"],
    ["2", "Old lift retrofit 老旧小区加装电梯", "区住建委", "已逾期"],
    ["3", "背街小巷整治", "Urban Mgmt", "已办结"],
    ["10", "河道垃圾清理（九龙镇段）", "区水利局", "待交办"],
  ], marks: [1: RowMark(marker: "!", role: .overdue)])

let sampleTable = Table(
  columns: [
    TableColumn("编号", width: .fixed(4), alignment: .right),
    TableColumn("主题", width: .flex(2, min: 10)),
    TableColumn("承办单位", width: .flex(1, min: 8)),
    TableColumn("状态", width: .fixed(6), sortable: false),
  ], showsMarkers: true, emptyText: "没有记录")

/// Drives a table with keys, as the App's update does.
func press(_ keys: [Key], _ table: Table, _ state: inout TableState, _ source: some TableDataSource)
  -> [TableOutcome]
{
  keys.map { table.handle($0, state: &state, source: source) }
}

func type(_ text: String, _ table: Table, _ state: inout TableState, _ source: some TableDataSource) {
  for ch in text { _ = table.handle(.character(ch), state: &state, source: source) }
}
