import TerminalCore

/// The row of section tabs at the top of the screen ("1 总览", "2 协商" …), one of them active.
public struct TabBar: Sendable {
  public var titles: [String]
  public var active: Int

  public init(titles: [String], active: Int) {
    self.titles = titles
    self.active = active
  }

  /// The display width each title gets in `columns`: full when everything fits, otherwise the
  /// widest titles are cut down first (each tab takes its title plus a space on both sides,
  /// and one column separates neighbours).
  public func titleWidths(in columns: Int) -> [Int] {
    let natural = titles.map(\.displayWidth)
    guard !titles.isEmpty else { return [] }
    let budget = max(0, columns - (2 * padding(in: columns) + 1) * titles.count + 1)
    if natural.reduce(0, +) <= budget { return natural }
    // The largest cap such that capping every title at it fits the budget.
    var cap = natural.max() ?? 0
    while cap > 0 && natural.reduce(0, { $0 + min($1, cap) }) > budget { cap -= 1 }
    return natural.map { min($0, cap) }
  }

  /// The spaces on each side of a title: one while every title fits whole with them, none when
  /// only dropping them keeps every title whole (ten sections at 80 columns), else one.
  public func padding(in columns: Int) -> Int {
    let natural = titles.map(\.displayWidth).reduce(0, +)
    if natural + 3 * titles.count - 1 <= columns { return 1 }
    return natural + titles.count - 1 <= columns ? 0 : 1
  }

  public func draw(into canvas: inout Canvas, rect: Rect) {
    guard rect.height > 0 else { return }
    canvas.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: Style(.tabInactive))
    let widths = titleWidths(in: rect.width)
    let space = String(repeating: " ", count: padding(in: rect.width))
    var x = rect.x
    for (i, title) in titles.enumerated() {
      let w = widths[i]
      guard w > 0 else { continue }
      let style = i == active ? Style(.tabActive, bold: true, reverse: true) : Style(.tabInactive)
      let text = space + Text.pad(title, to: w) + space
      x = canvas.write(text, x: x, y: rect.y, style: style, limit: rect.maxX - x)
      x += 1
      if x >= rect.maxX { break }
    }
  }
}
