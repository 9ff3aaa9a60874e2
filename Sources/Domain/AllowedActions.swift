import Foundation

/// A step a user can start on one record, as a screen offers it (a menu line, a key), before any
/// form is filled in. Workflows add their steps here (and to `allowedActions`).
public enum RecordAction: String, CaseIterable, Sendable {
  /// Change the record's fields (a `put…`/`edit…` change).
  case edit
  case archive
  case unarchive
  // The closed loop of a problem.
  case assignProblem, replyProblem, feedBackProblem, followUpProblem, evaluateProblem, closeProblem,
    redoProblem

  /// The problem steps, in loop order.
  public static let problemSteps: [RecordAction] = [
    .assignProblem, .replyProblem, .feedBackProblem, .followUpProblem, .evaluateProblem, .closeProblem,
    .redoProblem,
  ]
}

/// Whether an action may be taken now; if not, the Domain's refusal (the same error `apply` would
/// give for the step itself: out of order, read-only, or the role it needs).
public struct ActionAllowance: Equatable, Sendable {
  public var action: RecordAction
  /// Nil: allowed.
  public var refusal: DomainError?

  public init(action: RecordAction, refusal: DomainError?) {
    self.action = action
    self.refusal = refusal
  }

  public var isAllowed: Bool { refusal == nil }
  /// Refused because the record is not at this step (rather than for who is asking).
  public var isOutOfOrder: Bool {
    switch refusal {
    case .illegalTransition?, .alreadyArchived?, .notArchived?: true
    default: false
    }
  }
}

extension CommitteeState {
  /// The actions that apply to a record, each with whether `actor` may take it now. Screens offer
  /// these instead of trying changes on a copy of the data. The record's own rules come first
  /// (is it at this step?), then the role (`Change.requiredRole`); what a form will hold (a
  /// department, a text) is checked when it is saved.
  public func allowedActions(for ref: RecordRef, actor: ActingUser, now: Date) -> [ActionAllowance] {
    guard let value = value(of: ref) else { return [] }
    var result: [ActionAllowance] = []
    func offer(_ action: RecordAction, order: DomainError?, role required: Role) {
      result.append(ActionAllowance(action: action, refusal: order ?? roleRefusal(actor, required)))
    }
    if ref.kind == .problem, let problem = problems[ID(raw: ref.raw)] {
      for action in RecordAction.problemSteps {
        offer(
          action, order: Self.order(of: action, at: problem.status), role: action.requiredRole(for: ref.kind))
      }
      return result
    }
    offer(.edit, order: nil, role: RecordAction.edit.requiredRole(for: ref.kind))
    if ref.kind.isArchivable {
      let archived = isArchived(ref)
      offer(
        .archive, order: archived ? .alreadyArchived(ref, name: value.displayName) : nil,
        role: RecordAction.archive.requiredRole(for: ref.kind))
      offer(
        .unarchive, order: archived ? nil : .notArchived(ref, name: value.displayName),
        role: RecordAction.unarchive.requiredRole(for: ref.kind))
    }
    return result
  }

  /// Whether a problem at `status` is at the step `action` takes (nil), else the refusal `apply` gives.
  static func order(of action: RecordAction, at status: ProblemStatus) -> DomainError? {
    let legal: Bool
    let target: ProblemStatus
    switch action {
    case .assignProblem: (legal, target) = (status == .raised || status == .assigned, .assigned)
    case .replyProblem: (legal, target) = (status == .assigned, .replied)
    case .feedBackProblem: (legal, target) = (status == .replied, .fedBack)
    case .followUpProblem: (legal, target) = (status == .fedBack, .followedUp)
    case .evaluateProblem: (legal, target) = (status == .followedUp, .evaluated)
    case .closeProblem: (legal, target) = (status == .evaluated, .closed)
    case .redoProblem: (legal, target) = (status == .evaluated, .assigned)
    case .edit, .archive, .unarchive: return nil
    }
    return legal ? nil : .illegalTransition(from: status, to: target)
  }

  func roleRefusal(_ actor: ActingUser, _ required: Role) -> DomainError? {
    guard let role = actor.role else { return .readOnly(userName: actor.userName) }
    return role < required ? .notPermitted(role: role, required: required) : nil
  }
}

extension RecordAction {
  /// The least role for this action on a record of `kind` (the same as `Change.requiredRole` of
  /// the change the action makes; a Domain test keeps the two in step).
  public func requiredRole(for kind: RecordKind) -> Role {
    switch self {
    case .edit:
      switch kind {
      case .staffAccount: return .admin
      case .consultation, .supervisionItem: return .secretary
      default: return .clerk
      }
    case .archive, .unarchive: return kind == .staffAccount ? .admin : .clerk
    case .assignProblem, .replyProblem, .feedBackProblem, .followUpProblem: return .clerk
    case .evaluateProblem, .closeProblem, .redoProblem: return .head
    }
  }
}
