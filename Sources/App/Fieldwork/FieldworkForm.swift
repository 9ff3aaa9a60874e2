import Domain
import Localization
import TerminalCore
import Widgets

/// One open form of the fieldwork sections, and the change it makes.
public struct FieldworkForm: Equatable, Sendable {
  /// What the form is for.
  public enum Purpose: Equatable, Sendable {
    case newPatrol
    /// The next step's notes of a patrol.
    case patrolStep(PatrolID, PatrolStep)
    /// A problem from a source; nil: the source is chosen in the form (the Problems board's `n`).
    case raiseProblem(ProblemSource?)
    case newVisit
    case newReport
    /// The next step of a report's chain.
    case reportStep(OpinionReportID, OpinionReportStatus)
    /// A year's targets of the four double-hundred actions.
    case actionTargets

    /// What names the form among its section's forms, for its draft.
    var draftName: String {
      switch self {
      case .newPatrol: "newPatrol"
      case .patrolStep(let id, let step): "patrolStep.\(id.raw).\(step)"
      case .raiseProblem(let source): "raise." + (source.map { "\($0.ref.kind).\($0.ref.raw)" } ?? "any")
      case .newVisit: "newVisit"
      case .newReport: "newReport"
      case .reportStep(let id, let status): "reportStep.\(id.raw).\(status)"
      case .actionTargets: "actionTargets"
      }
    }
  }

  public var purpose: Purpose
  public var session: FormSession
  /// The heading of the form's box.
  public var title: String
  /// The record the saved change creates, once it is sent.
  public var created: RecordRef?

  /// The first record a change creates (nil when it only changes existing ones).
  static func createdRef(_ change: Change, in data: CommitteeState) -> RecordRef? {
    switch change {
    case .group(let changes): return changes.lazy.compactMap { createdRef($0, in: data) }.first
    case .putPatrol(let v): return data.contains(v.ref) ? nil : v.ref
    case .putVisit(let v): return data.contains(v.ref) ? nil : v.ref
    case .putOpinionReport(let v): return data.contains(v.ref) ? nil : v.ref
    case .raiseProblemByMember(let id, _, _, _, _): return RecordRef(id)
    default: return nil
    }
  }

  init(purpose: Purpose, title: String, fields: [FormField], context: ScreenContext, section: Section) {
    self.purpose = purpose
    self.title = title
    let language = context.language
    let form = FormState(fields: fields, today: FormDate.of(context.today)) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
    session = FormSession(
      form: form, tag: EffectTag(section, "fieldwork"), opened: context, draft: purpose.draftName)
  }

  // MARK: Options

  static func options<R: Record>(_ records: [R]) -> [FieldOption] {
    records.map { FieldOption(id: String($0.id.raw), label: $0.displayName) }
  }

  static func search(_ options: [FieldOption]) -> FieldSearch {
    { query in
      let needle = query.lowercased()
      return Array(options.filter { needle.isEmpty || $0.label.lowercased().contains(needle) }.prefix(30))
    }
  }

  static func members(_ data: CommitteeState) -> [FieldOption] {
    options(data.members.values.filter { !$0.archived }.sorted { ($0.name, $0.id) < ($1.name, $1.id) })
  }

  static func departments(_ data: CommitteeState) -> [FieldOption] {
    options(data.departments.values.filter { !$0.archived }.sorted { ($0.name, $0.id) < ($1.name, $1.id) })
  }

  /// Every record a problem can come from, labelled with its kind, for the source search.
  static func sources(_ data: CommitteeState, _ language: Language) -> [FieldOption] {
    func option(_ ref: RecordRef, _ name: String) -> FieldOption {
      FieldOption(id: "\(ref.kind.rawValue):\(ref.raw)", label: tr(ref.kind.nameKey, language) + " · " + name)
    }
    var all: [FieldOption] = []
    for c in data.consultations.values.sorted(by: { $0.id > $1.id }) {
      all.append(option(c.ref, c.displayName))
    }
    for s in data.supervisionItems.values.sorted(by: { $0.id > $1.id }) {
      all.append(option(s.ref, s.displayName))
    }
    for p in data.patrols.values.sorted(by: { ($0.date, $0.id) > ($1.date, $1.id) }) {
      all.append(option(p.ref, data.displayName(of: RecordRef(p.river)) + " " + p.displayName))
    }
    for v in data.visits.values.sorted(by: { ($0.date, $0.id) > ($1.date, $1.id) }) {
      all.append(option(v.ref, v.place + " " + v.date.description))
    }
    for r in data.opinionReports.values.sorted(by: { $0.id > $1.id }) { all.append(option(r.ref, r.title)) }
    return all
  }

  static func source(of option: FieldOption) -> ProblemSource? {
    let parts = option.id.split(separator: ":")
    guard parts.count == 2, let kindRaw = UInt8(parts[0]), let kind = RecordKind(rawValue: kindRaw),
      let raw = UInt64(parts[1])
    else { return nil }
    switch kind {
    case .consultation: return .consultation(ID(raw: raw))
    case .supervisionItem: return .supervisionItem(ID(raw: raw))
    case .patrol: return .patrol(ID(raw: raw))
    case .visit: return .visit(ID(raw: raw))
    case .opinionReport: return .opinionReport(ID(raw: raw))
    default: return nil
    }
  }

  // MARK: The forms

  static func label(_ key: String, _ language: Language) -> String { tr("fieldwork.field.\(key)", language) }

  /// A new patrol: river, segment (typed: one of the river's, or a new one added to it), date,
  /// members, a partner region for a joint patrol, the water class.
  static func newPatrol(context: ScreenContext) -> FieldworkForm {
    let language = context.language
    let data = context.data
    let rivers = data.rivers.values.filter { !$0.archived }.sorted { $0.id < $1.id }
      .map {
        FieldOption(
          id: String($0.id.raw),
          label: language == .zh
            ? $0.name + "（" + $0.segments.listed(language) + "）"
            : $0.name + " (" + $0.segments.listed(language) + ")")
      }
    let regions = options(data.partnerRegions.values.filter { !$0.archived }.sorted { $0.id < $1.id })
    let water =
      [FieldOption(id: "", label: tr("fieldwork.water.unmeasured", language))]
      + WaterQuality.allCases.map { FieldOption(id: String($0.rawValue), label: tr($0.nameKey, language)) }
    let fields = [
      FormField("river", label: label("river", language), kind: .choice(rivers), required: true),
      FormField("segment", label: label("segment", language), kind: .text),
      FormField(
        "date", label: label("date", language), kind: .date, value: .date(FormDate.of(context.today)),
        required: true),
      FormField(
        "members", label: label("members", language), kind: .references(search(members(data))), required: true
      ),
      FormField("partner", label: label("partner", language), kind: .reference(search(regions))),
      FormField("water", label: label("water", language), kind: .choice(water)),
      // A patrol's observations run to sentences: a one-line field showed only their tail.
      FormField(
        "observations", label: label("observations", language), kind: .multilineText(rows: 3)),
    ]
    return FieldworkForm(
      purpose: .newPatrol, title: tr("fieldwork.form.newPatrol", language), fields: fields, context: context,
      section: .patrols)
  }

  static func patrolStep(_ patrol: Patrol, _ step: PatrolStep, context: ScreenContext) -> FieldworkForm {
    let language = context.language
    let fields = [
      FormField(
        "notes", label: Self.asLabel(tr(step.nameKey, language)), kind: .multilineText(rows: 4),
        required: true)
    ]
    let river = context.data.displayName(of: RecordRef(patrol.river))
    return FieldworkForm(
      purpose: .patrolStep(patrol.id, step),
      title: tr(
        "fieldwork.form.patrolStep", language, river + " " + patrol.displayName, tr(step.nameKey, language)),
      fields: fields, context: context, section: .patrols)
  }

  /// A problem raised from `source` (or, when nil, from a source searched as you type), by a member,
  /// assigned point-to-point to a department with a due day when one is given.
  static func raiseProblem(
    from source: ProblemSource?, member: MemberID?, context: ScreenContext, section: Section
  ) -> FieldworkForm {
    let language = context.language
    let data = context.data
    var fields: [FormField] = []
    if source == nil {
      fields.append(
        FormField(
          "source", label: label("source", language), kind: .reference(search(sources(data, language))),
          required: true))
    }
    let memberOption = member.flatMap { id in
      data.members[id].map { FieldOption(id: String(id.raw), label: $0.name) }
    }
    fields += [
      FormField("title", label: label("problemTitle", language), kind: .text, required: true),
      FormField("description", label: label("description", language), kind: .multilineText(rows: 3)),
      FormField(
        "member", label: label("raisedBy", language), kind: .reference(search(members(data))),
        value: memberOption.map { .reference($0) }),
      FormField(
        "department", label: label("department", language), kind: .reference(search(departments(data)))),
      FormField("due", label: label("due", language), kind: .date),
    ]
    let title =
      source.map { tr("fieldwork.form.raiseFrom", language, data.displayName(of: $0.ref)) }
      ?? tr("fieldwork.form.raise", language)
    return FieldworkForm(
      purpose: .raiseProblem(source), title: title, fields: fields, context: context, section: section)
  }

  static func newVisit(context: ScreenContext) -> FieldworkForm {
    let language = context.language
    let kinds = VisitKind.actions.map {
      FieldOption(id: String($0.rawValue), label: tr($0.nameKey, language))
    }
    let fields = [
      FormField("kind", label: label("visitKind", language), kind: .choice(kinds), required: true),
      FormField("place", label: label("place", language), kind: .text, required: true),
      FormField(
        "date", label: label("date", language), kind: .date, value: .date(FormDate.of(context.today)),
        required: true),
      FormField(
        "members", label: label("members", language), kind: .references(search(members(context.data))),
        required: true),
      FormField("findings", label: label("findings", language), kind: .multilineText(rows: 3)),
      FormField("suggestions", label: label("suggestions", language), kind: .multilineText(rows: 2)),
    ]
    return FieldworkForm(
      purpose: .newVisit, title: tr("fieldwork.form.newVisit", language), fields: fields, context: context,
      section: .visits)
  }

  static func newReport(context: ScreenContext) -> FieldworkForm {
    let language = context.language
    let fields = [
      FormField("title", label: label("reportTitle", language), kind: .text, required: true),
      FormField("text", label: label("text", language), kind: .multilineText(rows: 6), required: true),
      FormField(
        "members", label: label("submitters", language), kind: .references(search(members(context.data))),
        required: true),
      FormField(
        "date", label: label("date", language), kind: .date, value: .date(FormDate.of(context.today)),
        required: true),
    ]
    return FieldworkForm(
      purpose: .newReport, title: tr("fieldwork.form.newReport", language), fields: fields, context: context,
      section: .reports)
  }

  static func reportStep(_ report: OpinionReport, _ next: OpinionReportStatus, context: ScreenContext)
    -> FieldworkForm
  {
    let language = context.language
    let today = FieldValue.date(FormDate.of(context.today))
    var fields: [FormField] = []
    switch next {
    case .submitted, .adopted:
      fields = [
        FormField("date", label: label("adoptedOn", language), kind: .date, value: today, required: true)
      ]
    case .instructed:
      fields = [
        FormField("by", label: label("instructedBy", language), kind: .text, required: true),
        FormField("date", label: label("instructedOn", language), kind: .date, value: today, required: true),
        FormField(
          "text", label: label("instruction", language), kind: .multilineText(rows: 3), required: true),
      ]
    case .rectifying:
      fields = [
        FormField(
          "department", label: label("department", language),
          kind: .reference(search(departments(context.data)))),
        FormField("plan", label: label("plan", language), kind: .multilineText(rows: 3), required: true),
        FormField("date", label: label("due", language), kind: .date, required: true),
      ]
    case .done:
      fields = [
        FormField("date", label: label("doneOn", language), kind: .date, value: today, required: true),
        FormField("note", label: label("note", language), kind: .text),
      ]
    }
    return FieldworkForm(
      purpose: .reportStep(report.id, next),
      title: tr("fieldwork.form.reportStep", language, report.title, tr(next.nameKey, language)),
      fields: fields,
      context: context, section: .reports)
  }

  /// The targets of the four double-hundred actions for a year (this year's to start with): a
  /// head or secretary sets them, and the meters on the visits list and the Overview follow.
  static func actionTargets(context: ScreenContext) -> FieldworkForm {
    let language = context.language
    let year = context.today.year
    let current = context.data.actionTargets(year: year)
    var fields = [
      FormField(
        "year", label: tr("editors.targets.year", language), kind: .number(min: nil, max: nil),
        value: .number(year), required: true)
    ]
    for kind in VisitKind.actions {
      fields.append(
        FormField(
          FieldID("target.\(kind.rawValue)"), label: Self.asLabel(tr(kind.nameKey, language)),
          kind: .number(min: nil, max: nil),
          value: .number(current.target(for: kind)), required: true))
    }
    return FieldworkForm(
      purpose: .actionTargets, title: tr("editors.targets.title", language), fields: fields, context: context,
      section: .visits)
  }

  /// A name used in running text ("visiting members") as a field's label: capitalised, as every
  /// other label is in English (Chinese has no case).
  static func asLabel(_ name: String) -> String {
    guard let first = name.first else { return name }
    return first.uppercased() + name.dropFirst()
  }

  // MARK: The change

  /// The change the submitted values ask for, or the field to mark.
  func change(from values: [FieldID: FieldValue], context: ScreenContext) -> Result<Change, FieldRefusal> {
    let language = context.language
    let data = context.data
    func text(_ id: FieldID) -> String {
      if case .text(let s)? = values[id] { return s }
      return ""
    }
    func day(_ id: FieldID) -> Day? {
      if case .date(let d?)? = values[id] { return Day(year: d.year, month: d.month, day: d.day) }
      return nil
    }
    func raw(_ id: FieldID) -> UInt64? {
      switch values[id] {
      case .reference(let option?)?: return UInt64(option.id)
      case .choice(let choice?)?: return UInt64(choice)
      default: return nil
      }
    }
    func many(_ id: FieldID) -> [UInt64] {
      if case .references(let options)? = values[id] { return options.compactMap { UInt64($0.id) } }
      return []
    }
    func required(_ id: FieldID) -> FieldRefusal { .required(id, language) }
    switch purpose {
    case .newPatrol:
      guard let riverRaw = raw("river"), var river = data.rivers[ID(raw: riverRaw)] else {
        return .failure(required("river"))
      }
      guard let date = day("date") else { return .failure(required("date")) }
      let segment = text("segment").trimmingCharacters(in: .whitespaces)
      var quality: WaterQuality?
      if case .choice(let choice?)? = values["water"], let rawClass = UInt8(choice) {
        quality = WaterQuality(rawValue: rawClass)
      }
      let patrol = Patrol(
        id: data.newID(), river: river.id, segment: segment, date: date,
        members: many("members").map { ID(raw: $0) },
        observations: text("observations"), waterQuality: quality,
        partnerRegion: raw("partner").map { ID(raw: $0) })
      // A segment the river does not have yet is added to it in the same change, unless another
      // river has it (the Domain then names that river on the segment field).
      let elsewhere = data.rivers.values.contains { $0.id != river.id && $0.segments.contains(segment) }
      if !segment.isEmpty, !river.segments.contains(segment), !elsewhere {
        river.segments.append(segment)
        return .success(.group([.putRiver(river), .putPatrol(patrol)]))
      }
      return .success(.putPatrol(patrol))
    case .patrolStep(let id, let step):
      return .success(.recordPatrolStep(id, step, notes: text("notes")))
    case .raiseProblem(let given):
      var source = given
      if source == nil {
        guard case .reference(let option?)? = values["source"], let chosen = Self.source(of: option) else {
          return .failure(required("source"))
        }
        source = chosen
      }
      guard let source else { return .failure(required("source")) }
      let id: ProblemID = data.newID()
      let raise = Change.raiseProblemByMember(
        id, source, title: text("title"), description: text("description"),
        member: raw("member").map { ID(raw: $0) })
      guard let department = raw("department") else { return .success(raise) }
      guard let due = day("due") else { return .failure(required("due")) }
      return .success(.group([raise, .assignProblem(id, ID(raw: department), due: due, note: "点对点交办")]))
    case .newVisit:
      guard let kindRaw = raw("kind") else { return .failure(required("kind")) }
      let kind: VisitKind
      do throws(DomainError) {
        kind = try VisitKind.from(code: Int(kindRaw))
      } catch {
        return .failure(FieldRefusal(field: "kind", message: error.message(in: language)))
      }
      guard let date = day("date") else { return .failure(required("date")) }
      return .success(
        .putVisit(
          Visit(
            id: data.newID(), kind: kind, date: date, members: many("members").map { ID(raw: $0) },
            place: text("place"), notes: text("findings"), suggestions: text("suggestions"))))
    case .newReport:
      let members = many("members").map { MemberID(raw: $0) }
      guard let first = members.first else { return .failure(required("members")) }
      guard let date = day("date") else { return .failure(required("date")) }
      return .success(
        .putOpinionReport(
          OpinionReport(
            id: data.newID(), title: text("title"), text: text("text"), submitter: first, date: date,
            coSubmitters: Array(members.dropFirst()))))
    case .actionTargets:
      guard case .number(let year?)? = values["year"] else { return .failure(required("year")) }
      var targets: [VisitKind: Int] = [:]
      for kind in VisitKind.actions {
        let id = FieldID("target.\(kind.rawValue)")
        guard case .number(let n?)? = values[id] else { return .failure(required(id)) }
        targets[kind] = n
      }
      let existing = data.actionTargets.values.first { $0.year == year }
      return .success(
        .putActionTargets(ActionTargets(id: existing?.id ?? data.newID(), year: year, targets: targets)))
    case .reportStep(let id, let next):
      guard let date = day("date") else { return .failure(required("date")) }
      switch next {
      case .submitted, .adopted: return .success(.advanceOpinionReport(id, .adopt(on: date)))
      case .instructed:
        return .success(.advanceOpinionReport(id, .instruct(by: text("by"), on: date, text: text("text"))))
      case .rectifying:
        return .success(
          .advanceOpinionReport(
            id, .rectify(department: raw("department").map { ID(raw: $0) }, plan: text("plan"), due: date)))
      case .done: return .success(.advanceOpinionReport(id, .complete(on: date, note: text("note"))))
      }
    }
  }

  /// The field a Domain refusal belongs to.
  func field(for error: DomainError) -> FieldID? {
    switch error {
    case .inGroup(_, let inner): return field(for: inner)
    case .segmentOfAnotherRiver, .unknownSegment: return "segment"
    case .futureDate, .notYet, .dateBeforeSubmission, .dueBeforeInstruction: return "date"
    case .instructionBeforeAdoption: return purpose == .newReport ? "date" : "by"
    case .outOfRange(.visitKind, _): return "kind"
    case .invalidYear, .duplicateYear: return "year"
    case .outOfRange(.target, let value):
      // The first target holding the refused number.
      return VisitKind.actions.map { FieldID("target.\($0.rawValue)") }.first {
        session.form.values[$0] == .number(Int(value))
      }
    case .required(let field):
      switch field {
      case .title: return "title"
      case .members: return "members"
      case .place: return "place"
      case .text: return "text"
      case .stepNotes: return "notes"
      case .instructedBy: return "by"
      case .instruction: return "text"
      case .plan: return "plan"
      default: return nil
      }
    default: return nil
    }
  }

  // MARK: Drawing

  /// The form in a box over the list.
  func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    var rowsNeeded = 0
    for field in session.form.fields {
      if case .multilineText(let n) = field.kind { rowsNeeded += n } else { rowsNeeded += 1 }
      if field.error != nil { rowsNeeded += 1 }
    }
    let box = rect.centered(width: min(rect.width - 2, 80), height: min(rect.height, rowsNeeded + 7))
    Box.drawPopUp(into: &canvas, rect: box, over: rect, title: title)
    let inner = Box.inner(box)
    session.form.draw(
      into: &canvas,
      in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(1, inner.height - 3)))
    canvas.write(
      Text.truncate(tr("fieldwork.form.hint", context.language), to: inner.width - 2), x: inner.x + 1,
      y: inner.maxY - 1, style: Style(.hint))
    session.drawOverlay(into: &canvas, area: rect, language: context.language)
  }
}

extension FormDate {
  /// The form's date of a Domain day (always a real calendar day).
  static func of(_ day: Day) -> FormDate {
    RegisterForm.formDate(day)
  }
}

extension FieldworkForm {
  /// One key for an open fieldwork form, wherever it is open (a fieldwork section, or the
  /// raise-a-problem form on Consultations, Problems and Supervision): the form session's one
  /// lifecycle. Closing drops the form (saying so if anything was typed); saving sends the change and
  /// notes the record it creates, so the list can select it once applied.
  static func handle(_ event: TerminalEvent, form: inout FieldworkForm?, context: ScreenContext)
    -> ScreenResult
  {
    guard var open = form else { return .ignored }
    let builder = open
    let step = open.session.handle(
      event, context: context, build: { builder.change(from: $0, context: context) },
      fieldOf: { builder.field(for: $0) })
    switch step {
    case .open(let handled):
      form = open
      return handled ? .handled : .ignored
    case .closed:
      form = nil
      return open.session.form.hasChanges ? .say(tr("kit.form.discarded", context.language)) : .handled
    case .save(let effect):
      if case .apply(let change, _) = effect {
        open.created = FieldworkForm.createdRef(change, in: context.data)
      }
      form = open
      return ScreenResult(handled: true, effects: [effect])
    }
  }
}
