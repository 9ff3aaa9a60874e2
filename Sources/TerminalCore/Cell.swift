/// One terminal cell: a character and its style.
///
/// A 2-column character lives in its left cell (`width == 2`); the cell to its right is a
/// continuation (`width == 0`) that draws nothing of its own.
public struct Cell: Hashable, Sendable {
  public var character: Character
  public var width: UInt8
  public var style: Style

  public init(_ character: Character = " ", width: UInt8 = 1, style: Style = .normal) {
    self.character = character
    self.width = width
    self.style = style
  }

  public static let blank = Cell()

  /// The right half of a wide character.
  public static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

  public var isContinuation: Bool { width == 0 }
}
