import Domain
import Foundation

/// The demo committee world: the glossary's five committees and the article's own cases and figures,
/// in the volume of a working year ending `today`. Deterministic: the same day gives the same demo.
public enum Demo {
  /// The seed of the demo's made-up names and dates.
  public static let seed: UInt64 = 0x5348_414E_474C_4941  // "SHANGLIA"

  /// Every change of the demo with the day it happened (noon UTC), in order. IDs start at `firstID`
  /// (pass the store's `nextRawID` when it is not empty).
  public static func steps(today: Day, firstID: UInt64 = 1) -> [DemoStep] {
    var builder = DemoBuilder(today: today, firstID: firstID, seed: seed)
    builder.buildRegisters()
    builder.buildArticleCases()
    builder.buildVolume()
    builder.buildSectorHomes()
    builder.buildCooperation()
    builder.buildSupervisionShowcase()
    return builder.sortedSteps()
  }

  /// The demo applied through the Domain rules, each change at its own moment, so every record passes them.
  public static func state(
    today: Day, actor: ActingUser = .staff("demo", .admin), into initial: CommitteeState = CommitteeState()
  ) throws(DomainError) -> CommitteeState {
    var state = initial
    for step in steps(today: today, firstID: initial.nextRawID) {
      state = try apply(step.change, to: state, actor: step.actor(loadedBy: actor), now: step.at).state
    }
    return state
  }
}

/// The demo's changes in order, for a store to apply (for example as one `Change.group`).
public func demoChanges(today: Day, firstID: UInt64 = 1) -> [Change] {
  Demo.steps(today: today, firstID: firstID).map(\.change)
}
