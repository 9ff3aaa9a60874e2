import TerminalCore

/// Small charts drawn with block characters: readable in monochrome and with `NO_COLOR`, because the
/// height of each block carries the value and the colour only marks what needs attention.
public enum Chart {
  /// The eight heights of a sparkline, lowest first.
  public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// One character per value, scaled so that the largest value is a full block. Zero is the lowest
  /// block (so a month with nothing still shows), nil (no data) is a space.
  public static func sparkline(_ values: [Int?], maximum: Int? = nil) -> String {
    let top = max(1, maximum ?? values.compactMap { $0 }.max() ?? 1)
    return String(
      values.map { value -> Character in
        guard let value else { return " " }
        if value <= 0 { return levels[0] }
        let index = Int((Double(value) / Double(top) * Double(levels.count - 1)).rounded(.up))
        return levels[min(levels.count - 1, max(0, index))]
      })
  }

  /// Draws a sparkline at (x, y); values flagged by `marked` use the `marked` style (e.g. overdue).
  @discardableResult
  public static func drawSparkline(
    _ values: [Int?], into canvas: inout Canvas, x: Int, y: Int, style: Style = Style(.accent),
    marked: (Int) -> Bool = { _ in false }, markedStyle: Style = Style(.overdue, bold: true),
    maximum: Int? = nil
  ) -> Int {
    let line = Array(sparkline(values, maximum: maximum))
    for (index, character) in line.enumerated() {
      canvas.put(character, x: x + index, y: y, style: marked(index) ? markedStyle : style)
    }
    return x + line.count
  }

  /// A horizontal bar of `value` out of `maximum` in `width` columns, with eighth-blocks for the
  /// remainder: `█████▍`.
  public static func bar(_ value: Int, maximum: Int, width: Int) -> String {
    guard width > 0, maximum > 0, value > 0 else { return "" }
    let eighths = min(width * 8, Int((Double(value) / Double(maximum) * Double(width * 8)).rounded()))
    let partial: [Character] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"].map { $0.first ?? " " }
    var text = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { text.append(partial[eighths % 8]) }
    if text.isEmpty { text = "▏" }
    return text
  }

  /// Rows of `label  bar value`, labels padded by display width so CJK labels line up.
  public static func drawBars(
    _ rows: [(label: String, value: Int, marked: Bool)], into canvas: inout Canvas, rect: Rect,
    style: Style = Style(.accent), markedStyle: Style = Style(.overdue, bold: true)
  ) {
    guard rect.width > 4, rect.height > 0 else { return }
    let labelWidth = min(rect.width / 3, rows.map { DisplayWidth.of($0.label) }.max() ?? 0)
    let numberWidth = rows.map { String($0.value).count }.max() ?? 1
    let barWidth = max(1, rect.width - labelWidth - numberWidth - 2)
    let maximum = rows.map(\.value).max() ?? 0
    for (index, row) in rows.prefix(rect.height).enumerated() {
      let y = rect.y + index
      canvas.write(Text.pad(Text.truncate(row.label, to: labelWidth), to: labelWidth), x: rect.x, y: y)
      let bar = Self.bar(row.value, maximum: maximum, width: barWidth)
      canvas.write(bar, x: rect.x + labelWidth + 1, y: y, style: row.marked ? markedStyle : style)
      canvas.write(
        Text.pad(String(row.value), to: numberWidth, align: .right),
        x: rect.x + rect.width - numberWidth, y: y, style: row.marked ? markedStyle : .normal)
    }
  }
}
