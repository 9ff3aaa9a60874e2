import Domain
import Localization
import Widgets

/// The form that records a sector activity, and the change it makes.
enum SectorActivityForm {
  static func fields(
    sector: SectorID, data: CommitteeState, search: @escaping FieldSearch, today: Day, language: Language
  ) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.form.\(key)", language) }
    func options(_ ids: [String], _ prefix: String) -> [FieldOption] {
      ids.map { FieldOption(id: $0, label: tr(prefix + $0, language)) }
    }
    let kinds = SectorActivityKind.offered.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }
    let home = data.sectors[sector]?.name ?? ""
    return [
      FormField(
        "kind", label: label("kind"), kind: .choice(kinds), value: .choice("collectiveStudy"), required: true),
      FormField(
        "date", label: label("date"), kind: .date,
        value: .date(FormDate(year: today.year, month: today.month, day: today.day)), required: true),
      FormField("title", label: label("title"), kind: .text, value: .text(""), required: true),
      FormField(
        "place", label: label("place"), kind: .text,
        value: .text(home + tr("sectors.form.homeSuffix", language))),
      FormField(
        "site", label: label("site"), kind: .choice(options(["on", "off"], "sectors.form.site.")),
        value: .choice("on"), required: true),
      FormField(
        "online", label: label("online"),
        kind: .choice(options(["offline", "online"], "sectors.form.online.")),
        value: .choice("offline"), required: true),
      FormField("members", label: label("members"), kind: .references(search), value: .references([])),
      FormField("notes", label: label("notes"), kind: .multilineText(rows: 3), value: .text("")),
    ]
  }

  /// The put change for what the form holds; the Domain checks the rest (title, speakers).
  static func change(id: SectorActivityID, sector: SectorID, values: [FieldID: FieldValue]) -> Change? {
    guard case .choice(let kindName?)? = values["kind"],
      let kind = SectorActivityKind.allCases.first(where: { "\($0)" == kindName }),
      case .date(let date?)? = values["date"],
      let day = Day(year: date.year, month: date.month, day: date.day)
    else { return nil }
    func text(_ id: FieldID) -> String {
      if case .text(let value)? = values[id] { return value }
      return ""
    }
    var members: [MemberID] = []
    if case .references(let picked)? = values["members"] {
      members = picked.compactMap { UInt64($0.id) }.map { MemberID(raw: $0) }
    }
    return .putSectorActivity(
      SectorActivity(
        id: id, sector: sector, kind: kind, date: day, title: text("title"), members: members,
        notes: text("notes"),
        place: text("place"), onSite: values["site"] != .choice("off"),
        online: values["online"] == .choice("online")))
  }
}
