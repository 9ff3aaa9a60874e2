import TerminalCore

/// The row of section tabs at the top of the screen ("1 总览", "2 协商" …), one of them active.
public struct TabBar: Sendable {
  public var titles: [String]
  public var active: Int

  public init(titles: [String], active: Int) {
    self.titles = titles
    self.active = active
  }

  /// The display width each title gets in `columns`: full when everything fits; otherwise the
  /// active tab keeps its whole title (it says where the user is) and the widest of the others
  /// are cut down first (each tab takes its title plus a space on both sides, and one column
  /// separates neighbours).
  public func titleWidths(in columns: Int) -> [Int] {
    let natural = titles.map(\.displayWidth)
    guard !titles.isEmpty else { return [] }
    let budget = max(0, columns - (2 * padding(in: columns) + 1) * titles.count + 1)
    if natural.reduce(0, +) <= budget { return natural }
    let others = titles.indices.filter { $0 != active }
    // The others keep at least their number, a space, one character and "…".
    let activeWidth =
      titles.indices.contains(active) ? min(natural[active], max(0, budget - 4 * others.count)) : 0
    let rest = budget - activeWidth
    // The largest cap such that capping every other title at it fits what is left.
    var cap = others.map { natural[$0] }.max() ?? 0
    while cap > 0 && others.reduce(0, { $0 + min(natural[$1], cap) }) > rest { cap -= 1 }
    var widths = titles.indices.map { $0 == active ? activeWidth : min(natural[$0], cap) }
    // Columns the even cap left over go to the cut titles, left to right, one each.
    var left = rest - others.reduce(0) { $0 + widths[$1] }
    for i in others where left > 0 && widths[i] < natural[i] {
      widths[i] += 1
      left -= 1
    }
    return widths
  }

  /// The spaces on each side of a title: one while every title fits whole with them, else none
  /// (ten sections at 80 columns), so that titles are cut as little as possible.
  public func padding(in columns: Int) -> Int {
    let natural = titles.map(\.displayWidth).reduce(0, +)
    return natural + 3 * titles.count - 1 <= columns ? 1 : 0
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
