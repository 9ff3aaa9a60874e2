import Domain
import Foundation
import Localization
import Widgets

/// A step of the closed loop a user can take on a problem; each opens a small form.
enum ProblemAction: String, CaseIterable, Sendable {
  case assign, reply, feedBack, followUp, evaluate, close, redo

  var labelKey: String { "problems.action.\(rawValue)" }

  /// The Domain's name for this step (`allowedActions` answers by it).
  var recordAction: RecordAction {
    switch self {
    case .assign: .assignProblem
    case .reply: .replyProblem
    case .feedBack: .feedBackProblem
    case .followUp: .followUpProblem
    case .evaluate: .evaluateProblem
    case .close: .closeProblem
    case .redo: .redoProblem
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
  /// Asks the Domain which steps this user may take on the problem now (`allowedActions`).
  func availability(for problem: Problem, context: ScreenContext) -> ActionAvailability {
    availability(
      for: problem,
      among: context.data.allowedActions(for: problem.ref, actor: context.actor, now: context.now),
      language: context.language)
  }

  /// Every step's availability, asking the Domain once (the detail beside the list shows them
  /// on every move).
  static func menu(for problem: Problem, context: ScreenContext) -> [ActionAvailability] {
    let allowances = context.data.allowedActions(for: problem.ref, actor: context.actor, now: context.now)
    return allCases.map { $0.availability(for: problem, among: allowances, language: context.language) }
  }

  func availability(for problem: Problem, among allowances: [ActionAllowance], language: Language)
    -> ActionAvailability
  {
    let allowance = allowances.first { $0.action == recordAction }
    guard let refusal = allowance?.refusal else {
      return ActionAvailability(action: self, enabled: true, shortReason: "", reason: "")
    }
    let short: String
    switch refusal {
    case .illegalTransition:
      short = tr("problems.reason.notNow", language, tr(problem.status.nameKey, language))
    case .readOnly: short = tr("problems.reason.readOnly", language)
    case .notPermitted(_, let required):
      short = tr("problems.reason.role", language, tr(required.nameKey, language))
    default: short = refusal.message(in: language)
    }
    return ActionAvailability(
      action: self, enabled: false, shortReason: short, reason: refusal.message(in: language),
      isOutOfOrder: allowance?.isOutOfOrder ?? false)
  }
}

/// An open form for one step of one problem.
struct ProblemForm: Sendable, Equatable {
  var action: ProblemAction
  var problem: ProblemID
  /// The form and its lifecycle (check, save, refusal, Esc).
  var session: FormSession

  var tag: EffectTag { session.tag }
  var form: FormState { session.form }

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
      // The three measures of supervision (issue 10): rectification, cooperation, satisfaction.
      fields = [
        FormField(
          "rating", label: tr("fieldwork.field.rectification", language), kind: .choice(ratings),
          required: true),
        FormField(
          "cooperation", label: tr("fieldwork.field.cooperation", language), kind: .choice(ratings),
          required: true),
        FormField(
          "satisfaction", label: tr("fieldwork.field.satisfaction", language), kind: .choice(ratings),
          required: true),
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
    let form = FormState(fields: fields, today: today) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
    session = FormSession(
      form: form, tag: EffectTag(.problems, action.rawValue), opened: context,
      draft: "\(action.rawValue).\(problem.id.raw)")
  }

  /// The change the submitted values ask for, or the field to mark and why.
  func change(from values: [FieldID: FieldValue], language: Language) -> Result<Change, FieldRefusal> {
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
    func required(_ field: FieldID) -> FieldRefusal { .required(field, language) }
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
      func rating(_ id: FieldID) -> Rating? { choice(id).flatMap(UInt8.init).flatMap(Rating.init(rawValue:)) }
      guard let rectification = rating("rating") else { return .failure(required("rating")) }
      guard let cooperation = rating("cooperation") else { return .failure(required("cooperation")) }
      guard let satisfaction = rating("satisfaction") else { return .failure(required("satisfaction")) }
      let note = text("note")
      let evaluate = Change.evaluateProblemOnMeasures(
        problem,
        SupervisionEvaluation(
          rectification: rectification, cooperation: cooperation, satisfaction: satisfaction, note: note))
      switch choice("outcome") {
      case Self.outcomeClose?: return .success(.group([evaluate, .closeProblem(problem, note: note)]))
      case Self.outcomeRedo?:
        guard let due = day("due") else {
          return .failure(FieldRefusal(field: "due", message: tr("problems.error.redoDue", language)))
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

extension FormDate {
  fileprivate init?(_ day: Day) { self.init(year: day.year, month: day.month, day: day.day) }
}

extension Day {
  fileprivate init?(_ date: FormDate) { self.init(year: date.year, month: date.month, day: date.day) }
}
