import Domain
import Localization
import TerminalCore
import Widgets

/// What an open supervision form is for.
enum SupervisionFormPurpose: Equatable, Sendable {
  case propose
  /// What the topic is about, who proposed it, its committee, teams and places, until evaluated.
  case edit(SupervisionItemID)
  case discuss(SupervisionItemID)
  case review(SupervisionItemID)
  case decide(SupervisionItemID)
  case research(SupervisionItemID)
  case consultation(SupervisionItemID)
  case followUp(SupervisionItemID)
  case evaluate(SupervisionItemID)

  /// What names the form among the section's forms, for its draft.
  var draftName: String {
    switch self {
    case .propose: "propose"
    case .edit(let id): "edit.\(id.raw)"
    case .discuss(let id): "discuss.\(id.raw)"
    case .review(let id): "review.\(id.raw)"
    case .decide(let id): "decide.\(id.raw)"
    case .research(let id): "research.\(id.raw)"
    case .consultation(let id): "consultation.\(id.raw)"
    case .followUp(let id): "followUp.\(id.raw)"
    case .evaluate(let id): "evaluate.\(id.raw)"
    }
  }
}

/// A form of the supervision section: its fields and the change submitting it asks for.
struct SupervisionForm: TitledForm, Equatable, Sendable {
  var purpose: SupervisionFormPurpose
  var title: String
  /// The kit's form lifecycle: Ctrl-S checks the change with the Domain, a refusal lands on its
  /// field, Esc with changes asks before discarding.
  var session: FormSession

  typealias Helper = ConsultationForm

  static func label(_ key: String, _ language: Language) -> String {
    tr("supervision2.field.\(key)", language)
  }

  static func search<T: Record>(_ table: [(ID<T>, String)]) -> FieldSearch { Helper.search(table) }

  static func make(
    _ purpose: SupervisionFormPurpose, title: String, fields: [FormField], context: ScreenContext
  ) -> SupervisionForm {
    let state = FormState(
      fields: fields, today: Helper.formDate(context.today), describe: Helper.describe(context.language))
    return SupervisionForm(
      purpose: purpose, title: title,
      session: FormSession(
        form: state, tag: SupervisionScreen.formTag, opened: context, draft: purpose.draftName))
  }

  /// 提: a new topic.
  static func propose(context: ScreenContext) -> SupervisionForm {
    make(
      .propose, title: tr("supervision2.form.propose", context.language),
      fields: proposalFields(nil, context: context), context: context)
  }

  /// The proposal of a topic already proposed, to correct or complete (the teams and places
  /// often come later); the Domain takes it until the topic is evaluated.
  static func edit(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    make(
      .edit(item.id), title: title(item, "edit", context.language),
      fields: proposalFields(item.proposal, context: context), context: context)
  }

  /// The fields of a proposal, empty or holding `proposal`.
  static func proposalFields(_ proposal: SupervisionProposal?, context: ScreenContext) -> [FormField] {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    func options<T: Record>(_ ids: [ID<T>]) -> [FieldOption] {
      ids.map { FieldOption(id: String($0.raw), label: data.displayName(of: RecordRef($0))) }
    }
    return [
      FormField(
        "title", label: l("title"), kind: .text, value: proposal.map { .text($0.title) }, required: true),
      FormField(
        "description", label: l("description"), kind: .multilineText(rows: 2),
        value: proposal.map { .text($0.description) }),
      FormField(
        "proposers", label: l("proposers"), kind: .references(Helper.memberSearch(data)),
        value: proposal.map { .references(options($0.proposers)) }, required: true),
      FormField(
        "committee", label: l("committee"),
        kind: .reference(
          search(data.specialCommittees.values.filter { !$0.archived }.map { ($0.id, $0.name) })),
        value: proposal.map { .reference($0.specialCommittee.map { options([$0])[0] }) }),
      FormField(
        "teams", label: l("teams"),
        kind: .references(
          search(data.supervisionTeams.values.filter { !$0.archived }.map { ($0.id, $0.theme) })),
        value: proposal.map { .references(options($0.teams)) }),
      FormField(
        "localities", label: l("localities"),
        kind: .references(
          search(
            data.stations.values.filter { !$0.archived && $0.level != .districtHall }.map { ($0.id, $0.name) }
          )),
        value: proposal.map { .references(options($0.localities)) }),
    ]
  }

  /// The form of the next step of a topic, or nil when its loop is closed.
  static func next(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm? {
    if item.isClosed { return nil }
    switch item.stage {
    case .proposed: return discuss(item, context: context)
    case .discussed: return review(item, context: context)
    case .reviewed: return decide(item, context: context)
    case .decided:
      if item.consultationDate == nil { return consultation(item, context: context) }
      if item.awaitsFollowUp { return followUp(item, context: context) }
      return evaluate(item, context: context)
    }
  }

  static func title(_ item: SupervisionItem, _ step: String, _ language: Language) -> String {
    tr("supervision2.form.step", language, item.title, tr("supervision2.step.\(step)", language))
  }

  static func dateField(_ context: ScreenContext, id: FieldID = "date", key: String = "date") -> FormField {
    FormField(
      id, label: label(key, context.language), kind: .date, value: .date(Helper.formDate(context.today)),
      required: true)
  }

  static func discuss(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    let members = item.proposers.map {
      FieldOption(id: String($0.raw), label: data.displayName(of: RecordRef($0)))
    }
    // The special committee discusses (议): a topic proposed without one names it here, as nothing
    // else can set it once proposed, and the Domain refuses the discussion without it.
    // A topic that has one keeps it (e changes it).
    let committee =
      item.specialCommittee != nil
      ? []
      : [
        FormField(
          "committee", label: l("committee"),
          kind: .reference(
            search(data.specialCommittees.values.filter { !$0.archived }.map { ($0.id, $0.name) })),
          required: true)
      ]
    let fields =
      [dateField(context)] + committee + [
        FormField(
          "members", label: l("members"), kind: .references(Helper.memberSearch(data)),
          value: .references(members)),
        FormField("departments", label: l("departments"), kind: .references(Helper.departmentSearch(data))),
        FormField(
          "sectors", label: l("sectors"),
          kind: .references(search(data.sectors.values.filter { !$0.archived }.map { ($0.id, $0.name) }))),
        FormField("others", label: l("others"), kind: .text),
        FormField("summary", label: l("summary"), kind: .multilineText(rows: 3), required: true),
      ]
    return make(.discuss(item.id), title: title(item, "discuss", language), fields: fields, context: context)
  }

  static func review(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    func l(_ key: String) -> String { label(key, language) }
    let outcomes = ReviewOutcome.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }
    let fields = [
      dateField(context),
      FormField("outcome", label: l("outcome"), kind: .choice(outcomes), value: .choice("passed")),
      FormField("reason", label: l("reason"), kind: .text),
    ]
    return make(.review(item.id), title: title(item, "review", language), fields: fields, context: context)
  }

  static func decide(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let fields = [
      dateField(context),
      FormField(
        "year", label: label("year", language), kind: .number(min: 2000, max: 2100),
        value: .number(context.today.year), required: true),
    ]
    return make(.decide(item.id), title: title(item, "decide", language), fields: fields, context: context)
  }

  static func research(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    let fields = [
      dateField(context),
      FormField("place", label: l("place"), kind: .text),
      FormField("members", label: l("members"), kind: .references(Helper.memberSearch(data))),
      FormField("department", label: l("department"), kind: .reference(Helper.departmentSearch(data))),
      // What the research found is prose, as its suggestions are: typed where all of it shows.
      FormField("notes", label: l("notes"), kind: .multilineText(rows: 3)),
      FormField("suggestions", label: l("suggestions"), kind: .multilineText(rows: 3)),
    ]
    return make(
      .research(item.id), title: title(item, "research", language), fields: fields, context: context)
  }

  static func consultation(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    let consultations = data.consultations.values.sorted { $0.id > $1.id }.map { ($0.id, $0.details.title) }
    let fields = [
      dateField(context),
      FormField("consultation", label: l("consultation"), kind: .reference(search(consultations))),
      FormField("members", label: l("members"), kind: .references(Helper.memberSearch(data))),
      FormField("departments", label: l("departments"), kind: .references(Helper.departmentSearch(data))),
      FormField("others", label: l("experts"), kind: .text),
      FormField("minutes", label: l("minutes"), kind: .multilineText(rows: 4)),
    ]
    return make(
      .consultation(item.id), title: title(item, "consultation", language), fields: fields, context: context)
  }

  static func followUp(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    let statuses = RectificationStatus.allCases.map {
      FieldOption(id: "\($0)", label: tr($0.nameKey, language))
    }
    let fields = [
      dateField(context),
      FormField("members", label: l("members"), kind: .references(Helper.memberSearch(data))),
      FormField("findings", label: l("findings"), kind: .multilineText(rows: 3), required: true),
      FormField(
        "rectification", label: l("rectification"), kind: .choice(statuses), value: .choice("inProgress")),
    ]
    return make(
      .followUp(item.id), title: title(item, "followUp", language), fields: fields, context: context)
  }

  static func evaluate(_ item: SupervisionItem, context: ScreenContext) -> SupervisionForm {
    let language = context.language
    let data = context.data
    func l(_ key: String) -> String { label(key, language) }
    let ratings =
      [FieldOption(id: "", label: l("noRating"))]
      + Rating.allCases.reversed().map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }
    var fields = [dateField(context)]
    for measure in SupervisionMeasure.allCases {
      fields += [
        FormField(
          FieldID("\(measure)"), label: tr(measure.nameKey, language), kind: .choice(ratings),
          value: .choice("")),
        FormField(FieldID("\(measure).note"), label: l("measureNote"), kind: .text),
      ]
    }
    fields += [
      FormField("evaluators", label: l("evaluators"), kind: .references(Helper.memberSearch(data))),
      FormField("note", label: l("evaluationNote"), kind: .text),
      FormField("publicity", label: l("publicity"), kind: .text),
      FormField("redoDue", label: l("redoDue"), kind: .date),
      FormField("report", label: l("report"), kind: .text, value: .text(l("reportDefault"))),
    ]
    return make(
      .evaluate(item.id), title: title(item, "evaluate", language), fields: fields, context: context)
  }

  /// The draft key of a topic's minutes ("supervision.minutes.<raw id>").
  static func draftKey(_ id: SupervisionItemID) -> String { "supervision.minutes.\(id.raw)" }

  /// The topic whose minutes a draft key holds.
  static func topic(ofDraftKey key: String) -> SupervisionItemID? {
    guard key.hasPrefix("supervision.minutes."), let raw = UInt64(key.dropFirst("supervision.minutes.".count))
    else { return nil }
    return ID(raw: raw)
  }

  // MARK: Reading

  func change(from values: [FieldID: FieldValue], context: ScreenContext) -> Change? {
    let t = { (id: FieldID) in Helper.text(values[id]).trimmingCharacters(in: .whitespacesAndNewlines) }
    let date = Helper.day(values["date"]) ?? context.today
    func people() -> SupervisionParticipants {
      SupervisionParticipants(
        members: Helper.references(values["members"]), departments: Helper.references(values["departments"]),
        sectors: Helper.references(values["sectors"]), others: t("others"))
    }
    switch purpose {
    case .propose:
      return .proposeSupervisionItem(
        context.data.newID(),
        SupervisionProposal(
          title: t("title"), description: t("description"), proposers: Helper.references(values["proposers"]),
          specialCommittee: Helper.reference(values["committee"]), teams: Helper.references(values["teams"]),
          localities: Helper.references(values["localities"])))
    case .edit(let id):
      return .editSupervisionItem(
        id,
        SupervisionProposal(
          title: t("title"), description: t("description"), proposers: Helper.references(values["proposers"]),
          specialCommittee: Helper.reference(values["committee"]), teams: Helper.references(values["teams"]),
          localities: Helper.references(values["localities"])))
    case .discuss(let id):
      let discussion = Change.discussSupervisionItem(
        id, SupervisionDiscussion(date: date, participants: people(), summary: t("summary")))
      guard let item = context.data.supervisionItems[id],
        let committee: SpecialCommitteeID = Helper.reference(values["committee"]),
        committee != item.specialCommittee
      else { return discussion }
      var proposal = item.proposal
      proposal.specialCommittee = committee
      return .group([.editSupervisionItem(id, proposal), discussion])
    case .review(let id):
      var outcome = ReviewOutcome.passed
      if case .choice("sentBack")? = values["outcome"] { outcome = .sentBack }
      return .reviewSupervisionItem(id, date: date, outcome: outcome, reason: t("reason"))
    case .decide(let id):
      var year = context.today.year
      if case .number(let y?)? = values["year"] { year = y }
      return .decideSupervisionTopic(id, date: date, planYear: year)
    case .research(let id):
      let suggestions = t("suggestions").split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      let place = t("place")
      let trip =
        place.isEmpty && suggestions.isEmpty == false && t("notes").isEmpty
        ? nil
        : SupervisionResearchTrip(
          date: date, place: place, members: Helper.references(values["members"]),
          department: Helper.reference(values["department"]), notes: t("notes"))
      return .recordSupervisionResearch(id, trip, suggestions: suggestions)
    case .consultation(let id):
      return .holdSupervisionMeeting(
        id, SupervisionMeeting(date: date, participants: people(), minutes: Helper.text(values["minutes"])),
        consultation: Helper.reference(values["consultation"]))
    case .followUp(let id):
      var status = RectificationStatus.inProgress
      if case .choice(let raw?)? = values["rectification"],
        let found = RectificationStatus.allCases.first(where: { "\($0)" == raw })
      {
        status = found
      }
      return .inspectSupervisionFollowUp(
        id,
        SupervisionFollowUp(
          date: date, members: Helper.references(values["members"]), findings: t("findings"),
          rectification: status))
    case .evaluate(let id):
      func measure(_ m: SupervisionMeasure) -> MeasureRating {
        var rating: Rating?
        if case .choice(let raw?)? = values[FieldID("\(m)")] {
          rating = Rating.allCases.first { "\($0)" == raw }
        }
        return MeasureRating(rating, note: t(FieldID("\(m).note")))
      }
      return .assessSupervisionItem(
        id,
        SupervisionAssessment(
          date: date, rectification: measure(.rectification), cooperation: measure(.cooperation),
          satisfaction: measure(.satisfaction), evaluators: Helper.references(values["evaluators"]),
          note: t("note"),
          publicity: t("publicity"), redoDue: Helper.day(values["redoDue"]), reportNote: t("report")))
    }
  }

  /// The field a Domain refusal is about, so its message shows there.
  func field(for error: DomainError) -> FieldID? {
    guard let field = error.field else { return nil }
    switch field {
    case .title: return "title"
    case .proposers: return "proposers"
    case .specialCommittee:
      switch purpose {
      case .propose, .edit, .discuss: return "committee"
      default: return nil
      }
    case .stageDate: return "date"
    case .planYear: return "year"
    case .sendBackReason: return "reason"
    case .discussionSummary: return "summary"
    case .participants: return "members"
    case .rectificationRating: return "rectification"
    case .cooperationRating: return "cooperation"
    case .satisfactionRating: return "satisfaction"
    case .evaluators: return "evaluators"
    case .redoDue: return "redoDue"
    case .place: return "place"
    case .finding: return "findings"
    case .text: return "suggestions"
    case .minutes: return "minutes"
    default: return nil
    }
  }
}
