import Domain
import Foundation
import Localization
import Widgets

/// A step of the closed loop a user can take on a problem; each opens a small form.
enum ProblemAction: String, CaseIterable, Sendable {
  case assign, reply, feedBack, followUp, evaluate, close, redo

  var labelKey: String { "problems.action.\(rawValue)" }

  /// A stand-in change for asking the Domain rules, before any form is filled in, whether this
  /// step is legal now and which role it needs.
  func probe(_ problem: Problem, data: CommitteeState, today: Day) -> Change {
    let department =
      problem.department ?? data.departments.values.first(where: { !$0.archived })?.id ?? ID(raw: 0)
    switch self {
    case .assign: return .assignProblem(problem.id, department, due: today, note: "")
    case .reply: return .replyProblem(problem.id, "-")
    case .feedBack: return .feedBackProblem(problem.id, "-")
    case .followUp: return .followUpProblem(problem.id, "-")
    case .evaluate: return .evaluateProblem(problem.id, .good, note: "")
    case .close: return .closeProblem(problem.id, note: "")
    case .redo: return .redoProblem(problem.id, due: today, note: "")
    }
  }
}

/// Whether an action can be taken now, and if not, why (short for the menu, whole for the message line).
struct ActionAvailability: Sendable, Equatable {
  var action: ProblemAction
  var enabled: Bool
  /// Refused because the loop is not at this step (rather than for who is asking).
  var isOutOfOrder = false
  var shortReason: String
  var reason: String

  init(action: ProblemAction, enabled: Bool, shortReason: String, reason: String, isOutOfOrder: Bool = false)
  {
    self.action = action
    self.enabled = enabled
    self.shortReason = shortReason
    self.reason = reason
    self.isOutOfOrder = isOutOfOrder
  }
}

extension ProblemAction {
  /// Asks the Domain rules: the loop's order (by trying the step on a copy of the data) and the
  /// role the step needs (by the change's required role).
  func availability(for problem: Problem, context: ScreenContext) -> ActionAvailability {
    let language = context.language
    let change = probe(problem, data: context.data, today: context.today)
    let trial = ActingUser.staff(context.actor.userName, .admin)
    do throws(DomainError) {
      _ = try apply(change, to: context.data, actor: trial, now: context.today.noonUTC)
    } catch {
      if case .illegalTransition = error {
        return ActionAvailability(
          action: self, enabled: false,
          shortReason: tr("problems.reason.notNow", language, tr(problem.status.nameKey, language)),
          reason: error.message(in: language), isOutOfOrder: true)
      }
      // Other refusals concern what the form will hold (a department, a text), not the step.
    }
    guard let role = context.actor.role else {
      let error = DomainError.readOnly(userName: context.actor.userName)
      return ActionAvailability(
        action: self, enabled: false, shortReason: tr("problems.reason.readOnly", language),
        reason: error.message(in: language))
    }
    let required = change.requiredRole(in: context.data)
    if role < required {
      let error = DomainError.notPermitted(role: role, required: required)
      return ActionAvailability(
        action: self, enabled: false,
        shortReason: tr("problems.reason.role", language, tr(required.nameKey, language)),
        reason: error.message(in: language))
    }
    return ActionAvailability(action: self, enabled: true, shortReason: "", reason: "")
  }
}

/// An open form for one step of one problem.
struct ProblemForm: Sendable {
  var action: ProblemAction
  var problem: ProblemID
  var form: FormState
  /// Esc was pressed once with changes: a second Esc discards them.
  var discardArmed = false

  var tag: String { "problems.\(action.rawValue)" }

  static let outcomeClose = "close"
  static let outcomeRedo = "redo"
  static let outcomeLater = "later"

  init?(action: ProblemAction, problem: Problem, context: ScreenContext) {
    guard let today = FormDate(context.today) else { return nil }
    self.action = action
    self.problem = problem.id
    let language = context.language
    func label(_ key: String) -> String { tr("problems.field.\(key)", language) }
    var fields: [FormField] = []
    switch action {
    case .assign:
      let options = context.data.departments.values.filter { !$0.archived }
        .sorted { $0.name == $1.name ? $0.id < $1.id : $0.name < $1.name }
        .map { FieldOption(id: String($0.id.raw), label: $0.name) }
      let search: FieldSearch = { query in
        let needle = query.lowercased()
        return Array(options.filter { $0.label.lowercased().contains(needle) }.prefix(20))
      }
      let current = problem.department.flatMap { id in options.first { $0.id == String(id.raw) } }
      fields = [
        FormField(
          "department", label: label("department"), kind: .reference(search),
          value: current.map { .reference($0) }, required: true),
        FormField(
          "due", label: label("due"), kind: .date,
          value: problem.due.flatMap(FormDate.init).map { .date($0) }, required: true),
        FormField("note", label: label("note"), kind: .text),
      ]
    case .reply:
      fields = [FormField("text", label: label("reply"), kind: .multilineText(rows: 4), required: true)]
    case .feedBack:
      fields = [FormField("text", label: label("feedback"), kind: .multilineText(rows: 4), required: true)]
    case .followUp:
      fields = [FormField("text", label: label("followUp"), kind: .multilineText(rows: 4), required: true)]
    case .evaluate:
      let ratings = Rating.allCases.reversed().map {
        FieldOption(id: String($0.rawValue), label: tr($0.nameKey, language))
      }
      let outcomes = [Self.outcomeClose, Self.outcomeRedo, Self.outcomeLater].map {
        FieldOption(id: $0, label: tr("problems.outcome.\($0)", language))
      }
      fields = [
        FormField("rating", label: label("rating"), kind: .choice(ratings), required: true),
        FormField("outcome", label: label("outcome"), kind: .choice(outcomes), required: true),
        FormField("due", label: label("redoDue"), kind: .date),
        FormField("note", label: label("note"), kind: .text),
      ]
    case .close:
      fields = [FormField("note", label: label("note"), kind: .text)]
    case .redo:
      fields = [
        FormField("due", label: label("redoDue"), kind: .date, required: true),
        FormField("note", label: label("note"), kind: .text),
      ]
    }
    form = FormState(fields: fields, today: today) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
  }

  /// The change the submitted values ask for, or the field to mark and why.
  func change(from values: [FieldID: FieldValue], language: Language) -> Result<Change, FieldError> {
    func text(_ id: FieldID) -> String {
      if case .text(let s)? = values[id] { return s }
      return ""
    }
    func day(_ id: FieldID) -> Day? {
      if case .date(let d?)? = values[id] { return Day(d) }
      return nil
    }
    func choice(_ id: FieldID) -> String? {
      if case .choice(let c)? = values[id] { return c }
      return nil
    }
    let required = FieldError.required(language)
    switch action {
    case .assign:
      guard case .reference(let option?)? = values["department"], let raw = UInt64(option.id) else {
        return .failure(required("department"))
      }
      guard let due = day("due") else { return .failure(required("due")) }
      return .success(.assignProblem(problem, ID(raw: raw), due: due, note: text("note")))
    case .reply: return .success(.replyProblem(problem, text("text")))
    case .feedBack: return .success(.feedBackProblem(problem, text("text")))
    case .followUp: return .success(.followUpProblem(problem, text("text")))
    case .evaluate:
      guard let raw = choice("rating").flatMap(UInt8.init), let rating = Rating(rawValue: raw) else {
        return .failure(required("rating"))
      }
      let note = text("note")
      let evaluate = Change.evaluateProblem(problem, rating, note: note)
      switch choice("outcome") {
      case Self.outcomeClose?: return .success(.group([evaluate, .closeProblem(problem, note: note)]))
      case Self.outcomeRedo?:
        guard let due = day("due") else {
          return .failure(FieldError(field: "due", message: tr("problems.error.redoDue", language)))
        }
        return .success(.group([evaluate, .redoProblem(problem, due: due, note: note)]))
      default: return .success(evaluate)
      }
    case .close: return .success(.closeProblem(problem, note: text("note")))
    case .redo:
      guard let due = day("due") else { return .failure(required("due")) }
      return .success(.redoProblem(problem, due: due, note: text("note")))
    }
  }
}

/// A field the screen marks before anything is sent.
struct FieldError: Error, Sendable {
  var field: FieldID
  var message: String

  static func required(_ language: Language) -> (FieldID) -> FieldError {
    { FieldError(field: $0, message: tr("form.error.required", language)) }
  }
}

extension FormDate {
  fileprivate init?(_ day: Day) { self.init(year: day.year, month: day.month, day: day.day) }
}

extension Day {
  fileprivate init?(_ date: FormDate) { self.init(year: date.year, month: date.month, day: date.day) }
}
