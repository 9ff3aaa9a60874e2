import Domain
import Foundation
import Localization
import Widgets

/// A create or edit form for one register record: the FormState built from the record, and the
/// Change built back from what was typed. The form never writes; the screen sends the Change.
/// Its life (Esc, the discard question, the Domain's check, a clash with someone else's change)
/// is the kit's `FormSession`, as every other section's form.
struct RegisterForm: Sendable, Equatable {
  let kind: RegisterKind
  /// The record's raw ID: an existing record's when editing, a new one when creating.
  let raw: UInt64
  let isNew: Bool
  /// The record as it was when the form opened (archived flag and fields the form does not show).
  let original: RecordValue?
  /// The fields and the form's lifecycle; its base is the data the form was built from, so a
  /// save over someone else's later change asks first (`clash`).
  var session: FormSession

  typealias Indexes = [RecordKind: NameIndex]

  /// The form was opened from `context`: its data is the form's base (no lost update).
  init(
    kind: RegisterKind, existing: RecordValue?, newRaw: UInt64, indexes: Indexes, context: ScreenContext
  ) {
    self.kind = kind
    self.original = existing
    self.isNew = existing == nil
    self.raw = existing?.ref.raw ?? newRaw
    let language = context.language
    let fields = Self.fields(
      kind: kind, existing: existing, data: context.data, indexes: indexes, language: language)
    let form = FormState(fields: fields, today: Self.formDate(context.today)) { problem in
      Strings.shared.text(problem.key, language, problem.arguments)
    }
    session = FormSession(
      form: form, tag: RegistersScreen.saveTag, opened: context,
      draft: "\(kind).\(existing.map { String($0.ref.raw) } ?? "new")")
  }

  /// The fields and what is typed in them.
  var form: FormState {
    get { session.form }
    set { session.form = newValue }
  }
  /// Someone else changed the record since the form opened: their changes and the question.
  var clash: EditClash? { session.clash }
  /// A refusal worth a line under the form (the Domain's, the store's, a clash), until the next key.
  var message: String? { session.refusal }

  /// The title of the form's box: "新增委员" / "编辑委员：张三".
  func title(_ language: Language) -> String {
    let kindName = tr(kind.recordKind.nameKey, language)
    if let original { return tr("registers.form.editTitle", language, kindName, original.displayName) }
    return tr("registers.form.newTitle", language, kindName)
  }

  static func formDate(_ day: Day) -> FormDate {
    if let date = FormDate(year: day.year, month: day.month, day: day.day) { return date }
    preconditionFailure("a Day is always a real calendar day")
  }

  // MARK: Fields

  static func option(_ ref: RecordRef, _ data: CommitteeState) -> FieldOption {
    FieldOption(id: String(ref.raw), label: data.displayName(of: ref))
  }

  /// The kinds of records a register's form searches by name (its reference fields).
  static func searchedKinds(_ kind: RegisterKind) -> [RecordKind] {
    switch kind {
    case .members: return [.sector, .specialCommittee, .station]
    case .sectors: return [.member, .specialCommittee]
    case .stations: return [.station]
    case .teams: return [.member]
    case .committees, .departments, .rivers, .regions, .staff: return []
    }
  }

  static func fields(
    kind: RegisterKind, existing: RecordValue?, data: CommitteeState, indexes: Indexes, language: Language
  ) -> [FormField] {
    func label(_ key: String) -> String { tr("registers.column.\(key)", language) }
    func search(_ kind: RecordKind) -> FieldSearch {
      let index = indexes[kind]
      return { query in index?.search(query) ?? [] }
    }
    func text(_ id: String, _ value: String, required: Bool = false) -> FormField {
      FormField(FieldID(id), label: label(id), kind: .text, value: .text(value), required: required)
    }
    func reference(_ id: String, _ kind: RecordKind, _ value: FieldOption?) -> FormField {
      FormField(FieldID(id), label: label(id), kind: .reference(search(kind)), value: .reference(value))
    }
    func references(_ id: String, _ kind: RecordKind, _ value: [FieldOption]) -> FormField {
      FormField(FieldID(id), label: label(id), kind: .references(search(kind)), value: .references(value))
    }
    func choice(_ id: String, label: String, _ options: [FieldOption], _ value: String) -> FormField {
      FormField(FieldID(id), label: label, kind: .choice(options), value: .choice(value), required: true)
    }
    switch kind {
    case .members:
      var m: Member? = nil
      if case .member(let v)? = existing { m = v }
      return [
        FormField("name", label: label("fullName"), kind: .text, value: .text(m?.name ?? ""), required: true),
        reference("sector", .sector, m?.sector.map { Self.option(RecordRef($0), data) }),
        reference(
          "committee", .specialCommittee,
          m?.specialCommittee.map { Self.option(RecordRef($0), data) }),
        references(
          "stations", .station, (m?.stations ?? []).map { Self.option(RecordRef($0), data) }),
        text("phone", m?.phone ?? ""),
        FormField(
          "notes", label: label("notes"), kind: .multilineText(rows: 3), value: .text(m?.notes ?? "")),
      ]
    case .sectors:
      var s: Sector? = nil
      if case .sector(let v)? = existing { s = v }
      let yesNo = [
        FieldOption(id: "yes", label: tr("registers.choice.yes", language)),
        FieldOption(id: "no", label: tr("registers.choice.no", language)),
      ]
      return [
        text("name", s?.name ?? "", required: true),
        text("leadUnit", s?.leadUnit ?? ""),
        references(
          "conveners", .member, (s?.conveners ?? []).map { Self.option(RecordRef($0), data) }),
        // The liaison is a staff member of the lead unit, not a committee member: a name and a phone.
        text("liaison", s?.liaisonName ?? ""),
        text("liaisonPhone", s?.liaisonPhone ?? ""),
        reference(
          "committee", .specialCommittee,
          s?.specialCommittee.map { Self.option(RecordRef($0), data) }),
      ]
        + SixHaves.allCases.map { have in
          choice(
            "have.\(have)", label: tr("domain.haves.\(have)", language), yesNo,
            (s?.has(have) ?? false) ? "yes" : "no")
        }
    case .committees:
      var c: SpecialCommittee? = nil
      if case .specialCommittee(let v)? = existing { c = v }
      return [text("name", c?.name ?? "", required: true)]
    case .stations:
      var s: Station? = nil
      if case .station(let v)? = existing { s = v }
      let levels = StationLevel.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }
      let sites = SiteKind.allCases.map {
        FieldOption(id: "\($0)", label: tr("registers.site.\($0)", language))
      }
      return [
        text("name", s?.name ?? "", required: true),
        choice("level", label: label("level"), levels, "\(s?.level ?? .communityRoom)"),
        reference("parent", .station, s?.parent.map { Self.option(RecordRef($0), data) }),
        text("head", s?.head ?? ""),
        choice("site", label: label("site"), sites, "\(s?.site ?? .community)"),
      ]
    case .departments:
      var d: Department? = nil
      if case .department(let v)? = existing { d = v }
      return [text("name", d?.name ?? "", required: true), text("contact", d?.contact ?? "")]
    case .rivers:
      var r: River? = nil
      if case .river(let v)? = existing { r = v }
      return [
        text("name", r?.name ?? "", required: true),
        FormField(
          "segments", label: label("segmentsOnePerLine"), kind: .multilineText(rows: 5),
          value: .text((r?.segments ?? []).joined(separator: "\n"))),
        // The class the river must meet; readings worse than it are marked (default III).
        choice(
          "target", label: tr("fieldwork.field.targetClass", language),
          WaterQuality.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) },
          "\(r?.targetClass ?? .classIII)"),
      ]
    case .regions:
      var r: PartnerRegion? = nil
      if case .partnerRegion(let v)? = existing { r = v }
      return [text("name", r?.name ?? "", required: true)]
    case .teams:
      var t: SupervisionTeam? = nil
      if case .supervisionTeam(let v)? = existing { t = v }
      return [
        text("theme", t?.theme ?? "", required: true),
        references("members", .member, (t?.members ?? []).map { Self.option(RecordRef($0), data) }),
      ]
    case .staff:
      var a: StaffAccount? = nil
      if case .staffAccount(let v)? = existing { a = v }
      let roles = Role.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }
      return [
        text("userName", a?.userName ?? "", required: true),
        text("displayName", a?.displayName ?? "", required: true),
        choice("role", label: label("role"), roles, "\(a?.role ?? .clerk)"),
      ]
    }
  }
}

extension RegisterForm {
  // MARK: From values to a Change

  static func raw(_ option: FieldOption?) -> UInt64? { option.flatMap { UInt64($0.id) } }

  func text(_ values: [FieldID: FieldValue], _ id: String) -> String {
    if case .text(let s)? = values[FieldID(id)] { return s.trimmingCharacters(in: .whitespacesAndNewlines) }
    return ""
  }

  func reference<T>(_ values: [FieldID: FieldValue], _ id: String) -> ID<T>? {
    if case .reference(let option)? = values[FieldID(id)], let raw = Self.raw(option) { return ID(raw: raw) }
    return nil
  }

  func references<T>(_ values: [FieldID: FieldValue], _ id: String) -> [ID<T>] {
    if case .references(let options)? = values[FieldID(id)] {
      return options.compactMap { Self.raw($0) }.map { ID(raw: $0) }
    }
    return []
  }

  func choice(_ values: [FieldID: FieldValue], _ id: String) -> String {
    if case .choice(let value?)? = values[FieldID(id)] { return value }
    return ""
  }

  /// The put change for what the form holds; the record keeps its archived flag. A new record takes
  /// `newRaw`, the next free number when the user saves: the one free when the form opened may have
  /// gone to someone else's record on a shared store meanwhile.
  func change(_ values: [FieldID: FieldValue], newRaw: UInt64? = nil) -> Change {
    let raw = isNew ? newRaw ?? self.raw : self.raw
    let archived =
      original.map { value in
        (value.record as? any Archivable)?.archived ?? false
      } ?? false
    switch kind {
    case .members:
      return .putMember(
        Member(
          id: ID(raw: raw), name: text(values, "name"), sector: reference(values, "sector"),
          specialCommittee: reference(values, "committee"), stations: references(values, "stations"),
          phone: text(values, "phone"), notes: text(values, "notes"), archived: archived))
    case .sectors:
      let haves = Set(SixHaves.allCases.filter { choice(values, "have.\($0)") == "yes" })
      return .putSector(
        Sector(
          id: ID(raw: raw), name: text(values, "name"), leadUnit: text(values, "leadUnit"),
          conveners: references(values, "conveners"), liaison: nil,
          specialCommittee: reference(values, "committee"), haves: haves, archived: archived,
          liaisonName: text(values, "liaison"), liaisonPhone: text(values, "liaisonPhone")))
    case .committees:
      return .putSpecialCommittee(
        SpecialCommittee(id: ID(raw: raw), name: text(values, "name"), archived: archived))
    case .stations:
      let level = StationLevel.allCases.first { "\($0)" == choice(values, "level") } ?? .communityRoom
      let site = SiteKind.allCases.first { "\($0)" == choice(values, "site") } ?? .community
      return .putStation(
        Station(
          id: ID(raw: raw), name: text(values, "name"), level: level, parent: reference(values, "parent"),
          head: text(values, "head"), site: site, archived: archived))
    case .departments:
      return .putDepartment(
        Department(
          id: ID(raw: raw), name: text(values, "name"), contact: text(values, "contact"), archived: archived))
    case .rivers:
      let segments = text(values, "segments").split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      let target = WaterQuality.allCases.first { "\($0)" == choice(values, "target") } ?? .classIII
      return .putRiver(
        River(
          id: ID(raw: raw), name: text(values, "name"), segments: segments, archived: archived,
          targetClass: target))
    case .regions:
      return .putPartnerRegion(
        PartnerRegion(id: ID(raw: raw), name: text(values, "name"), archived: archived))
    case .teams:
      return .putSupervisionTeam(
        SupervisionTeam(
          id: ID(raw: raw), theme: text(values, "theme"), members: references(values, "members"),
          archived: archived))
    case .staff:
      let role = Role.allCases.first { "\($0)" == choice(values, "role") } ?? .clerk
      return .putStaffAccount(
        StaffAccount(
          id: ID(raw: raw), userName: text(values, "userName"), displayName: text(values, "displayName"),
          role: role, archived: archived))
    }
  }

  // MARK: A refusal on its field

  /// The field a Domain refusal is about (nil: the first field).
  func field(for error: DomainError) -> FieldID? {
    switch error {
    case .required(let field):
      switch (kind, field) {
      case (.teams, _): return "theme"
      case (.staff, .userName): return "userName"
      case (.staff, _): return "displayName"
      default: return "name"
      }
    case .duplicateUserName: return "userName"
    case .lastAdmin: return "role"
    case .stationParentInvalid, .districtHallHasParent: return "parent"
    case .missingReference(let ref), .archivedReference(let ref, _):
      let values = form.values
      return values.first { _, value in
        switch value {
        case .reference(let option?): return option.id == String(ref.raw)
        case .references(let options): return options.contains { $0.id == String(ref.raw) }
        default: return false
        }
      }?.key
    case .inGroup(_, let inner): return field(for: inner)
    default: return nil
    }
  }
}

extension RegisterForm {
  // MARK: Phone numbers

  /// The fields that hold a phone number.
  static let phoneFields: Set<FieldID> = ["phone", "liaisonPhone"]

  /// The phone the record held when the form opened, in the field `id`.
  func originalPhone(_ id: FieldID) -> String? {
    switch original {
    case .member(let m)? where id == "phone": return m.phone
    case .sector(let s)? where id == "liaisonPhone": return s.liaisonPhone
    default: return nil
    }
  }

  /// Whether `text` reads as one or more phone numbers (`PhoneNumber.isValid`).
  static func isPhone(_ text: String) -> Bool { PhoneNumber.isValid(text) }

  /// The first phone field whose text is not a phone number, as a refusal on it; nil when all are. A
  /// phone the record already held is let be: one stored before the rule (a short extension, say)
  /// must not stop the clerk from changing anything else.
  func phoneRefusal(_ values: [FieldID: FieldValue], language: Language) -> FieldRefusal? {
    for field in form.fields where Self.phoneFields.contains(field.id) {
      let typed = text(values, field.id.rawValue)
      if !typed.isEmpty && typed != originalPhone(field.id) && !Self.isPhone(typed) {
        return FieldRefusal(field: field.id, message: tr("registers2.form.phoneInvalid", language))
      }
    }
    return nil
  }
}
