import Domain

/// The boards' tally as the app keeps it: one for the boards and the Overview together, brought up
/// to the data when one of them is shown or the data changes while it is (only the records each
/// change touched, or all of them when that is not known), never inside `draw`.
public struct LiveTally: Sendable, Equatable {
  public private(set) var tally: BoardTally?
  private(set) var version = -1

  public init() {}

  /// The sections that read the tally.
  static let readers: Set<Section> = [.overview, .boards]

  /// Follows the data to `dataVersion`.
  mutating func follow(_ data: CommitteeState, dataVersion: Int, changes: ChangeLog) {
    guard version != dataVersion || tally == nil else { return }
    if var current = tally, let touched = changes.touched(since: version) {
      for ref in touched { current.update(ref, in: data) }
      tally = current
    } else {
      tally = BoardTally(state: data)
    }
    version = dataVersion
  }
}

extension ScreenContext {
  /// The tally of the shell when it has one, else counted now (a context made outside the shell).
  var boardTally: BoardTally { tally ?? BoardTally(state: data) }
}
