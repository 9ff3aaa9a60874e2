import TerminalCore

/// Draws bordered boxes with line characters and an optional title in the top border.
///
/// The characters are the light box-drawing set, which take one column under C.UTF-8; a
/// backend without them may map them to ASCII.
public enum Box {
  public static let horizontal: Character = "─"
  public static let vertical: Character = "│"
  public static let topLeft: Character = "┌"
  public static let topRight: Character = "┐"
  public static let bottomLeft: Character = "└"
  public static let bottomRight: Character = "┘"

  /// A pop-up box over a screen (`area`): when only a sliver of the screen is left beside it (a
  /// column or two at 80 columns), its rows are cleared across the whole width, so that no marker
  /// or half a word of what is under it shows at the edge.
  public static func drawPopUp(
    into canvas: inout Canvas, rect: Rect, over area: Rect, title: String? = nil
  ) {
    if rect.x - area.x <= 2 || area.maxX - rect.maxX <= 2 {
      canvas.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height))
    }
    draw(into: &canvas, rect: rect, title: title, clear: true)
  }

  /// Draws the border of `rect`; with `clear`, blanks the inside first (for boxes drawn over
  /// other content). The title sits in the top border, truncated to fit.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, title: String? = nil, style: Style = Style(.border),
    titleStyle: Style = Style(.title, bold: true), clear: Bool = false
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    if clear { canvas.fill(rect) }
    let right = rect.maxX - 1
    let bottom = rect.maxY - 1
    for x in (rect.x + 1)..<right {
      canvas.put(horizontal, x: x, y: rect.y, style: style)
      canvas.put(horizontal, x: x, y: bottom, style: style)
    }
    for y in (rect.y + 1)..<bottom {
      canvas.put(vertical, x: rect.x, y: y, style: style)
      canvas.put(vertical, x: right, y: y, style: style)
    }
    canvas.put(topLeft, x: rect.x, y: rect.y, style: style)
    canvas.put(topRight, x: right, y: rect.y, style: style)
    canvas.put(bottomLeft, x: rect.x, y: bottom, style: style)
    canvas.put(bottomRight, x: right, y: bottom, style: style)
    if let title, !title.isEmpty, rect.width > 6 {
      let text = " " + Text.truncate(title, to: rect.width - 6) + " "
      canvas.write(text, x: rect.x + 2, y: rect.y, style: titleStyle, limit: rect.width - 4)
    }
  }

  /// The inside of a bordered rectangle.
  public static func inner(_ rect: Rect) -> Rect { rect.inset(dx: 1, dy: 1) }
}
