import Domain
import Localization
import Widgets

/// The forms of the sector homes section beyond activities: a new report (专报), a joint meeting,
/// and a cooperation result (joint inspection, major project, livelihood problem solved).
enum SectorsForms {
  static func today(_ day: Day) -> FieldValue {
    .date(FormDate(year: day.year, month: day.month, day: day.day))
  }

  static func text(_ values: [FieldID: FieldValue], _ id: FieldID) -> String {
    if case .text(let value)? = values[id] { return value }
    return ""
  }

  static func lines(_ values: [FieldID: FieldValue], _ id: FieldID) -> [String] {
    text(values, id).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  static func day(_ values: [FieldID: FieldValue], _ id: FieldID) -> Day? {
    guard case .date(let date?)? = values[id] else { return nil }
    return Day(year: date.year, month: date.month, day: date.day)
  }

  static func ids<T>(_ values: [FieldID: FieldValue], _ id: FieldID) -> [ID<T>] {
    guard case .references(let options)? = values[id] else { return [] }
    return options.compactMap { UInt64($0.id).map { ID(raw: $0) } }
  }

  static func regionSearch(_ data: CommitteeState) -> FieldSearch {
    ConsultationDetailsForm.search(data.partnerRegions.values.map { ($0.id, $0.name, $0.archived) })
  }

  // MARK: A report (专报)

  static func reportFields(data: CommitteeState, today day: Day, language: Language) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.report.\(key)", language) }
    return [
      FormField("title", label: label("title"), kind: .text, value: .text(""), required: true),
      FormField("sentOn", label: label("sentOn"), kind: .date, value: today(day), required: true),
      FormField("leaders", label: label("leaders"), kind: .text, value: .text("")),
      FormField(
        "departments", label: label("departments"),
        kind: .references(
          ConsultationDetailsForm.search(data.departments.values.map { ($0.id, $0.name, $0.archived) })),
        value: .references([])),
      FormField("text", label: label("text"), kind: .multilineText(rows: 4), value: .text("")),
    ]
  }

  static func report(
    _ values: [FieldID: FieldValue], id: SectorReportID, sector: SectorID, proposal: SectorActivityID?
  ) -> Change? {
    guard let sent = day(values, "sentOn") else { return nil }
    return .putSectorReport(
      SectorReport(
        id: id, sector: sector, title: text(values, "title"), text: text(values, "text"),
        leaders: text(values, "leaders"), departments: ids(values, "departments"), activity: proposal,
        sentOn: sent))
  }

  // MARK: A joint meeting (联席会议)

  static func meetingFields(data: CommitteeState, today day: Day, language: Language) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.meeting.\(key)", language) }
    return [
      FormField("date", label: label("date"), kind: .date, value: today(day), required: true),
      FormField("place", label: label("place"), kind: .text, value: .text("")),
      FormField(
        "regions", label: label("regions"), kind: .references(regionSearch(data)), value: .references([])),
      FormField("plan", label: label("plan"), kind: .text, value: .text("")),
      FormField("topics", label: label("topics"), kind: .multilineText(rows: 2), value: .text("")),
      FormField("projects", label: label("projects"), kind: .multilineText(rows: 2), value: .text("")),
    ]
  }

  static func meeting(_ values: [FieldID: FieldValue], id: JointMeetingID) -> Change? {
    guard let date = day(values, "date") else { return nil }
    return .putJointMeeting(
      JointMeeting(
        id: id, date: date, place: text(values, "place"), regions: ids(values, "regions"),
        plan: text(values, "plan"), jointTopics: lines(values, "topics"),
        jointSupervisionProjects: lines(values, "projects")))
  }

  // MARK: A cooperation result

  static func resultFields(data: CommitteeState, today day: Day, language: Language) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.result.\(key)", language) }
    let kinds = CooperationResultKind.allCases.map {
      FieldOption(id: "\($0)", label: tr($0.nameKey, language))
    }
    return [
      FormField(
        "kind", label: label("kind"), kind: .choice(kinds), value: .choice("jointInspection"), required: true),
      FormField("date", label: label("date"), kind: .date, value: today(day), required: true),
      FormField("title", label: label("title"), kind: .text, value: .text(""), required: true),
      FormField(
        "regions", label: label("regions"), kind: .references(regionSearch(data)), value: .references([])),
      FormField("suggestions", label: label("suggestions"), kind: .multilineText(rows: 3), value: .text("")),
    ]
  }

  static func result(_ values: [FieldID: FieldValue], id: CooperationResultID) -> Change? {
    guard let date = day(values, "date"),
      let kind = CooperationResultKind.allCases.first(where: { values["kind"] == .choice("\($0)") })
    else { return nil }
    return .putCooperationResult(
      CooperationResult(
        id: id, kind: kind, date: date, title: text(values, "title"), regions: ids(values, "regions"),
        suggestions: lines(values, "suggestions")))
  }

  /// The field a Domain refusal of these forms is about.
  static func field(for error: DomainError) -> FieldID? {
    switch error {
    case .required(.title), .onlyProposalsAdopted: return "title"
    case .required(.speakers): return "members"
    case .required(.feedback): return "feedback"
    case .required(.recipients): return "leaders"
    case .required(.partnerRegions): return "regions"
    case .required(.plan): return "plan"
    case .dateBefore: return "date"
    default: return nil
    }
  }
}
