import Domain
import TerminalCore
import Widgets

/// The consultations section (placeholder until its screen is built: an honest empty state).
public struct ConsultationsScreen: SectionScreen {
  public init() {}

  public var capturesText: Bool { false }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult { .ignored }

  public mutating func dataDidChange(context: ScreenContext) {}

  /// Opens the editor on a draft that survived a crash (key: "minutes.<consultation raw id>").
  public mutating func resumeDraft(key: String, text: String, context: ScreenContext) {}

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    EmptyState.draw(
      title: context.text("section.consultations"), text: context.text("empty.consultations"), into: &canvas,
      rect: rect)
  }
}
