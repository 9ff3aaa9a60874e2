import Domain
import Localization
import Widgets

/// The form of a cooperation agreement (协作协议): its title, the day it was signed, the partner
/// regions and other bodies that signed it, the joint meeting it came from, its content and terms,
/// and the cross-border rivers it covers. The same form records a new agreement and edits one.
enum AgreementForm {
  /// The choice that means "not from a joint meeting".
  static let noMeeting = "none"

  static func fields(
    editing agreement: CooperationAgreement?, data: CommitteeState, today day: Day, language: Language
  ) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.agreement.\(key)", language) }
    func picked<T: Record>(_ ids: [ID<T>]) -> FieldValue {
      .references(ids.map { FieldOption(id: String($0.raw), label: data.displayName(of: RecordRef($0))) })
    }
    // Newest meeting first: an agreement is most often signed at the latest one.
    let meetings = data.jointMeetings.values.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.map { meeting in
      FieldOption(
        id: String(meeting.id.raw),
        label: meeting.displayName + " · "
          + meeting.regions.map { data.displayName(of: RecordRef($0)) }.listed(language))
    }
    let signed = agreement?.signedOn ?? day
    return [
      FormField(
        "title", label: label("title"), kind: .text, value: .text(agreement?.title ?? ""), required: true),
      FormField(
        "date", label: label("signedOn"), kind: .date,
        value: .date(FormDate(year: signed.year, month: signed.month, day: signed.day)), required: true),
      FormField(
        "regions", label: label("regions"), kind: .references(SectorsForms.regionSearch(data)),
        value: picked(agreement?.regions ?? [])),
      FormField(
        "parties", label: label("parties"), kind: .multilineText(rows: 2),
        value: .text((agreement?.parties ?? []).joined(separator: "\n"))),
      FormField(
        "meeting", label: label("meeting"),
        kind: .choice([FieldOption(id: noMeeting, label: label("noMeeting"))] + meetings),
        value: .choice(agreement?.meeting.map { String($0.raw) } ?? noMeeting)),
      FormField(
        "scope", label: label("scope"), kind: .multilineText(rows: 3), value: .text(agreement?.scope ?? "")),
      FormField(
        "rivers", label: label("rivers"),
        kind: .references(
          ConsultationDetailsForm.search(data.rivers.values.map { ($0.id, $0.name, $0.archived) })),
        value: picked(agreement?.rivers ?? [])),
    ]
  }

  /// The agreement typed into the form, under `id` (the edited agreement's, or a new number).
  static func change(_ values: [FieldID: FieldValue], id: CooperationAgreementID) -> Change? {
    guard let signed = SectorsForms.day(values, "date") else { return nil }
    var meeting: JointMeetingID?
    if case .choice(let choice?)? = values["meeting"], let raw = UInt64(choice) { meeting = ID(raw: raw) }
    return .putCooperationAgreement(
      CooperationAgreement(
        id: id, title: SectorsForms.text(values, "title").trimmingCharacters(in: .whitespaces),
        parties: SectorsForms.lines(values, "parties"), signedOn: signed,
        scope: SectorsForms.text(values, "scope"), rivers: SectorsForms.ids(values, "rivers"),
        regions: SectorsForms.ids(values, "regions"), meeting: meeting))
  }

  /// The field a refusal of the agreement is about.
  static func field(for error: DomainError) -> FieldID? {
    switch error {
    case .required(.title): return "title"
    case .required(.parties): return "regions"
    case .dateBefore: return "date"
    default: return nil
    }
  }
}

/// How an agreement reads in the cooperation view: one line, and the selected one's details.
enum AgreementView {
  /// Every signing body: the partner regions, then the other named parties not already among them.
  static func parties(_ agreement: CooperationAgreement, data: CommitteeState) -> [String] {
    let regions = agreement.regions.map { data.displayName(of: RecordRef($0)) }
    let others = agreement.parties.filter { !regions.contains($0) }
    return regions + others
  }

  /// "《濑溪河流域…框架协议》2026-02-19 签订 · 隆昌市、泸县 等 7 方".
  static func line(_ agreement: CooperationAgreement, data: CommitteeState, language: Language) -> String {
    let parties = parties(agreement, data: data)
    return tr(
      "sectors.agreement.line", language, agreement.title, agreement.signedOn.description,
      parties.prefix(3).listed(language), String(parties.count))
  }

  /// The selected agreement's meeting, terms and rivers.
  static func details(_ agreement: CooperationAgreement, data: CommitteeState, language: Language) -> [String]
  {
    var lines: [String] = []
    if let meeting = agreement.meeting.flatMap({ data.jointMeetings[$0] }) {
      lines.append(tr("sectors.agreement.fromMeeting", language, meeting.displayName))
    }
    if !agreement.scope.isEmpty { lines.append(tr("sectors.agreement.terms", language, agreement.scope)) }
    if !agreement.rivers.isEmpty {
      let rivers = agreement.rivers.map { data.displayName(of: RecordRef($0)) }.listed(language)
      lines.append(tr("sectors.agreement.riversLine", language, rivers))
    }
    return lines
  }
}
