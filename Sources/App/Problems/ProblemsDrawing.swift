import Domain
import Localization
import TerminalCore
import Widgets

extension ProblemsScreen {
  /// The kit's list and detail, and over them the open form of a step or of a new problem.
  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    list.draw(into: &canvas, rect: rect, context: context)
    if let open = openForm { drawForm(open, into: &canvas, rect: rect, context: context) }
    if let raise = raiseForm { raise.draw(into: &canvas, rect: rect, context: context) }
  }

  func drawForm(_ open: ProblemForm, into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    let language = context.language
    let width = min(rect.width - 4, 76)
    var rowsNeeded = 0
    for field in open.form.fields {
      if case .multilineText(let n) = field.kind { rowsNeeded += n } else { rowsNeeded += 1 }
      if field.error != nil { rowsNeeded += 1 }
    }
    let height = min(rect.height, rowsNeeded + 7)
    let box = rect.centered(width: width, height: height)
    let title =
      tr(open.action.labelKey, language) + " · "
      + (context.data.problems[open.problem]?.title ?? "")
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: title)
    let inner = Box.inner(box)
    let formRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 3))
    open.form.draw(into: &canvas, in: formRect)
    // The deadline's shortcuts are named only on a form that has a date to fill in.
    let hasDate = open.form.fields.contains {
      if case .date = $0.kind { return true }
      return false
    }
    let hint = tr(hasDate ? "problems.form.hint" : "problems.form.hintNoDate", language)
    canvas.write(
      Text.truncate(hint, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: Style(.hint))
    open.session.drawOverlay(into: &canvas, area: rect, language: language)
  }
}
