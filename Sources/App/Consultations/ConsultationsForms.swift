import Domain
import Localization
import TerminalCore
import Widgets

/// What an open form is for.
enum ConsultationFormPurpose: Equatable, Sendable {
  case open
  case step(ConsultationID, ConsultationStep)
  /// Edit the details of a consultation already opened.
  case edit(ConsultationID)
  /// Add one research visit, at any step.
  case visit(ConsultationID)

  /// What names the form among the section's forms, for its draft.
  var draftName: String {
    switch self {
    case .open: "open"
    case .step(let id, let step): "step.\(id.raw).\(step)"
    case .edit(let id): "edit.\(id.raw)"
    case .visit(let id): "visit.\(id.raw)"
    }
  }
}

/// A form of the consultations section: its fields and what submitting it means.
struct ConsultationForm: TitledForm, Sendable, Equatable {
  var purpose: ConsultationFormPurpose
  var title: String
  /// The form and its lifecycle (check, save, refusal, Esc).
  var session: FormSession

  init(purpose: ConsultationFormPurpose, title: String, state: FormState) {
    self.purpose = purpose
    self.title = title
    session = FormSession(form: state, tag: ConsultationsScreen.formTag, draft: purpose.draftName)
  }

  // MARK: Building

  static func describe(_ language: Language) -> @Sendable (FieldProblem) -> String {
    { Strings.shared.text($0.key, language, $0.arguments) }
  }

  static func formDate(_ day: Day) -> FormDate {
    FormDate(year: day.year, month: day.month, day: day.day) ?? FormDate(year: 2000, month: 1, day: 1)!
  }

  static func day(_ value: FieldValue?) -> Day? {
    guard case .date(let date?)? = value else { return nil }
    return Day(year: date.year, month: date.month, day: date.day)
  }

  static func text(_ value: FieldValue?) -> String {
    if case .text(let s)? = value { return s }
    return ""
  }

  static func references<T>(_ value: FieldValue?) -> [ID<T>] {
    guard case .references(let options)? = value else { return [] }
    return options.compactMap { UInt64($0.id).map { ID(raw: $0) } }
  }

  static func reference<T>(_ value: FieldValue?) -> ID<T>? {
    guard case .reference(let option?)? = value, let raw = UInt64(option.id) else { return nil }
    return ID(raw: raw)
  }

  /// A search over the names of one kind of record (active ones), at most eight matches.
  static func search<T: Record>(_ table: [(ID<T>, String)]) -> FieldSearch {
    { query in
      let needle = query.lowercased()
      var found: [FieldOption] = []
      for (id, name) in table where needle.isEmpty || name.lowercased().contains(needle) {
        found.append(FieldOption(id: String(id.raw), label: name))
        if found.count == 8 { break }
      }
      return found
    }
  }

  static func memberSearch(_ data: CommitteeState) -> FieldSearch {
    search(data.members.values.filter { !$0.archived }.map { ($0.id, $0.name) })
  }
  static func departmentSearch(_ data: CommitteeState) -> FieldSearch {
    search(data.departments.values.filter { !$0.archived }.map { ($0.id, $0.name) })
  }
  static func partnerSearch(_ data: CommitteeState) -> FieldSearch {
    search(data.partnerRegions.values.filter { !$0.archived }.map { ($0.id, $0.name) })
  }

  static func newConsultation(context: ScreenContext) -> ConsultationForm {
    let language = context.language
    // The same fields as an edit: every format (固定+移动, any other typed in), level, both ways of
    // dispatch, and the topic series.
    let fields = ConsultationDetailsForm.fields(nil, data: context.data, language: language)
    let state = FormState(fields: fields, today: formDate(context.today), describe: describe(language))
    return ConsultationForm(purpose: .open, title: tr("consultations.form.newTitle", language), state: state)
  }

  static func edit(_ c: Consultation, context: ScreenContext) -> ConsultationForm {
    let language = context.language
    let fields = ConsultationDetailsForm.fields(c.details, data: context.data, language: language)
    let state = FormState(fields: fields, today: formDate(context.today), describe: describe(language))
    return ConsultationForm(
      purpose: .edit(c.id), title: tr("sectors.consultation.editTitle", language, c.details.title),
      state: state)
  }

  static func visit(_ c: Consultation, context: ScreenContext) -> ConsultationForm {
    let language = context.language
    let state = FormState(
      fields: ResearchVisitForm.fields(today: context.today, language: language),
      today: formDate(context.today),
      describe: describe(language))
    return ConsultationForm(
      purpose: .visit(c.id), title: tr("sectors.visit.formTitle", language, c.details.title), state: state)
  }

  static func step(_ c: Consultation, context: ScreenContext) -> ConsultationForm? {
    guard let next = c.nextStep else { return nil }
    let language = context.language
    let data = context.data
    func label(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    let today = FieldValue.date(formDate(context.today))
    var fields: [FormField] = []
    switch next.recordKind {
    case .topics:
      fields = [
        FormField(
          "candidates", label: label("consultations.field.candidates"), kind: .multilineText(rows: 5),
          value: .text(c.details.title), required: true)
      ]
    case .confirmedTopic:
      fields = [
        FormField(
          "topic", label: label("consultations.field.topic"), kind: .text,
          value: .text(c.candidateTopics.first ?? c.details.title), required: true)
      ]
    case .research:
      for n in 1...2 {
        let i = String(n)
        fields += [
          FormField(
            FieldID("visit\(i).date"), label: label("consultations.field.visitDate", i), kind: .date,
            value: n == 1 ? today : nil),
          FormField(
            FieldID("visit\(i).place"), label: label("consultations.field.visitPlace", i), kind: .text),
          FormField(
            FieldID("visit\(i).people"), label: label("consultations.field.visitPeople", i), kind: .text),
          FormField(
            FieldID("visit\(i).findings"), label: label("consultations.field.visitFindings", i), kind: .text),
        ]
      }
    case .meeting:
      let place = c.details.station.map { data.displayName(of: RecordRef($0)) } ?? ""
      fields = [
        FormField(
          "date", label: label("consultations.field.meetingDate"), kind: .date, value: today, required: true),
        FormField(
          "place", label: label("consultations.field.meetingPlace"), kind: .text, value: .text(place)),
        FormField("host", label: label("consultations.field.host"), kind: .text),
        FormField(
          "members", label: label("consultations.field.members"), kind: .references(memberSearch(data))),
        FormField(
          "departments", label: label("consultations.field.departments"),
          kind: .references(departmentSearch(data))),
        FormField("residents", label: label("consultations.field.residents"), kind: .text),
      ]
    case .outcome:
      fields = [
        FormField("outcome", label: label("consultations.field.outcome"), kind: .multilineText(rows: 4)),
        FormField(
          "departments", label: label("consultations.field.outcomeDepartments"),
          kind: .references(departmentSearch(data))),
      ]
    case .followUp:
      fields = [
        FormField(
          "date", label: label("consultations.field.followUpDate"), kind: .date, value: today, required: true),
        FormField("finding", label: label("consultations.field.finding"), kind: .text),
      ]
    case .evaluation:
      fields = [
        FormField("evaluation", label: label("consultations.field.evaluation"), kind: .multilineText(rows: 4))
      ]
    }
    let state = FormState(fields: fields, today: formDate(context.today), describe: describe(language))
    let title = label("consultations.form.stepTitle", c.details.title, tr(next.nameKey, language))
    return ConsultationForm(purpose: .step(c.id, next), title: title, state: state)
  }

  // MARK: Reading

  /// The change a submitted form asks for (the Domain rules then decide whether it may be made).
  func change(from values: [FieldID: FieldValue], context: ScreenContext) -> Change? {
    let t = Self.text
    switch purpose {
    case .open:
      var details = ConsultationDetailsForm.details(values)
      details.title = details.title.trimmingCharacters(in: .whitespaces)
      return .openConsultation(context.data.newID(), details)
    case .edit(let id):
      var details = ConsultationDetailsForm.details(values)
      details.title = details.title.trimmingCharacters(in: .whitespaces)
      return .editConsultation(id, details)
    case .visit(let id):
      return ResearchVisitForm.change(id, values: values)
    case .step(let id, let step):
      let record: StepRecord
      switch step.recordKind {
      case .topics:
        record = .topics(
          t(values["candidates"]).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty })
      case .confirmedTopic:
        record = .confirmedTopic(t(values["topic"]).trimmingCharacters(in: .whitespaces))
      case .research:
        var visits: [ResearchVisit] = []
        for n in 1...2 {
          let place = t(values[FieldID("visit\(n).place")])
          let people = t(values[FieldID("visit\(n).people")])
          let findings = t(values[FieldID("visit\(n).findings")])
          let date = Self.day(values[FieldID("visit\(n).date")]) ?? context.today
          if n > 1 && place.isEmpty && people.isEmpty && findings.isEmpty { continue }
          visits.append(ResearchVisit(date: date, place: place, people: people, findings: findings))
        }
        record = .research(visits)
      case .meeting:
        record = .meeting(
          Meeting(
            date: Self.day(values["date"]) ?? context.today, place: t(values["place"]),
            host: t(values["host"]),
            members: Self.references(values["members"]), departments: Self.references(values["departments"]),
            residents: t(values["residents"])))
      case .outcome:
        record = .outcome(
          OutcomeReport(text: t(values["outcome"]), departments: Self.references(values["departments"])))
      case .followUp:
        record = .followUp(
          FollowUpRecord(date: Self.day(values["date"]) ?? context.today, finding: t(values["finding"])))
      case .evaluation:
        record = .evaluation(t(values["evaluation"]))
      }
      return .completeStep(id, step, record)
    }
  }

  /// The field a Domain refusal is about, so the message shows beside it.
  func field(for error: DomainError) -> FieldID? {
    switch error {
    case .required(let field):
      switch field {
      case .title: return "title"
      case .partnerRegions: return "partners"
      case .candidates: return "candidates"
      case .topic: return "topic"
      case .visits: return "visit1.place"
      case .place:
        if case .step(_, let step) = purpose, step.recordKind == .research {
          let empty = ["visit1.place", "visit2.place"].first { id in
            state.field(FieldID(id)).map { f in
              if case .text(let s)? = state.values[f.id] { return s.allSatisfy(\.isWhitespace) }
              return true
            } ?? false
          }
          return empty.map { FieldID($0) } ?? "visit1.place"
        }
        return "place"
      case .text:
        return state.field("outcome") != nil ? "outcome" : "evaluation"
      case .finding: return "finding"
      default: return nil
      }
    case .dateBeforeMeeting: return "date"
    case .inGroup(_, let inner): return field(for: inner)
    default: return nil
    }
  }
}
