import Domain
import TerminalCore
import Widgets

/// The overview section (placeholder until its screen is built: an honest empty state).
public struct OverviewScreen: SectionScreen {
  public init() {}

  public var capturesText: Bool { false }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult { .ignored }

  public mutating func dataDidChange(context: ScreenContext) {}

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    EmptyState.draw(
      title: context.text("section.overview"), text: context.text("empty.overview"), into: &canvas, rect: rect
    )
  }
}
