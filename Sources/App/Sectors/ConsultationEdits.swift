import Domain
import Localization
import Widgets

/// The form that opens or edits a consultation's details: title, kind, station, format (the fixed
/// ones, 固定+移动, or any other typed in), level, partner regions, members dispatched both ways, and
/// the topic series it belongs to.
enum ConsultationDetailsForm {
  static let otherFormat = "other"

  static func fields(
    _ details: ConsultationDetails?, data: CommitteeState, language: Language
  ) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.consultation.\(key)", language) }
    let formats =
      ConsultationFormat.offered.enumerated().map {
        FieldOption(id: String($0.offset), label: $0.element.name(in: language))
      }
      + [FieldOption(id: otherFormat, label: label("otherFormat"))]
    var formatChoice = "0"
    var otherText = ""
    if let format = details?.format {
      if let index = ConsultationFormat.offered.firstIndex(of: format) {
        formatChoice = String(index)
      } else if case .other(let text) = format {
        formatChoice = otherFormat
        otherText = text
      }
    }
    func options<T: Record>(_ ids: [ID<T>]) -> [FieldOption] {
      ids.map { FieldOption(id: String($0.raw), label: data.displayName(of: RecordRef($0))) }
    }
    return [
      FormField(
        "title", label: label("title"), kind: .text, value: .text(details?.title ?? ""), required: true),
      FormField(
        "kind", label: label("kind"),
        kind: .choice(
          ConsultationKind.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }),
        value: .choice("\(details?.kind ?? .local)"), required: true),
      FormField(
        "station", label: label("station"),
        kind: .reference(search(data.stations.values.map { ($0.id, $0.name, $0.archived) })),
        value: .reference(details?.station.map { options([$0])[0] })),
      FormField(
        "format", label: label("format"), kind: .choice(formats), value: .choice(formatChoice), required: true
      ),
      FormField("otherFormat", label: label("otherFormatText"), kind: .text, value: .text(otherText)),
      FormField(
        "level", label: label("level"),
        kind: .choice(
          ConsultationLevel.allCases.map { FieldOption(id: "\($0)", label: tr($0.nameKey, language)) }),
        value: .choice("\(details?.level ?? .region)"), required: true),
      FormField(
        "partners", label: label("partners"),
        kind: .references(search(data.partnerRegions.values.map { ($0.id, $0.name, $0.archived) })),
        value: .references(options(details?.partnerRegions ?? []))),
      FormField(
        "dispatched", label: label("dispatched"),
        kind: .references(search(data.members.values.map { ($0.id, $0.name, $0.archived) })),
        value: .references(options(details?.dispatchedMembers ?? []))),
      FormField(
        "received", label: label("received"), kind: .multilineText(rows: 2),
        value: .text((details?.receivedMembers ?? []).joined(separator: "\n"))),
      FormField("series", label: label("series"), kind: .text, value: .text(details?.series ?? "")),
    ]
  }

  /// A search over active records' names, at most eight matches.
  static func search<T>(_ table: [(ID<T>, String, Bool)]) -> FieldSearch {
    let active = table.filter { !$0.2 }.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1) }
    return { query in
      let needle = query.lowercased()
      var found: [FieldOption] = []
      for (id, name) in active where needle.isEmpty || name.lowercased().contains(needle) {
        found.append(FieldOption(id: String(id.raw), label: name))
        if found.count == 8 { break }
      }
      return found
    }
  }

  /// The details the form holds; a blank "other" format is left for the Domain to refuse as a title would be.
  static func details(_ values: [FieldID: FieldValue]) -> ConsultationDetails {
    func text(_ id: FieldID) -> String {
      if case .text(let value)? = values[id] { return value }
      return ""
    }
    func ids<T>(_ id: FieldID) -> [ID<T>] {
      guard case .references(let options)? = values[id] else { return [] }
      return options.compactMap { UInt64($0.id).map { ID(raw: $0) } }
    }
    var format = ConsultationFormat.microConsultation
    if case .choice(let choice?)? = values["format"] {
      if choice == otherFormat {
        format = .other(text("otherFormat").trimmingCharacters(in: .whitespaces))
      } else if let index = Int(choice), ConsultationFormat.offered.indices.contains(index) {
        format = ConsultationFormat.offered[index]
      }
    }
    var station: StationID?
    if case .reference(let option?)? = values["station"], let raw = UInt64(option.id) {
      station = ID(raw: raw)
    }
    let kind = ConsultationKind.allCases.first { values["kind"] == .choice("\($0)") } ?? .local
    let level = ConsultationLevel.allCases.first { values["level"] == .choice("\($0)") } ?? .region
    let received = text("received").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    return ConsultationDetails(
      title: text("title"), station: station, format: format, kind: kind, partnerRegions: ids("partners"),
      dispatchedMembers: ids("dispatched"), level: level, receivedMembers: received,
      series: text("series").trimmingCharacters(in: .whitespaces))
  }
}

/// The form that adds one research visit to a consultation at any step.
enum ResearchVisitForm {
  static func fields(today: Day, language: Language) -> [FormField] {
    func label(_ key: String) -> String { tr("sectors.visit.\(key)", language) }
    return [
      FormField(
        "date", label: label("date"), kind: .date,
        value: .date(FormDate(year: today.year, month: today.month, day: today.day)), required: true),
      FormField("place", label: label("place"), kind: .text, value: .text(""), required: true),
      FormField("people", label: label("people"), kind: .text, value: .text("")),
      FormField("findings", label: label("findings"), kind: .multilineText(rows: 3), value: .text("")),
    ]
  }

  static func change(_ id: ConsultationID, values: [FieldID: FieldValue]) -> Change? {
    guard case .date(let date?)? = values["date"],
      let day = Day(year: date.year, month: date.month, day: date.day)
    else { return nil }
    func text(_ id: FieldID) -> String {
      if case .text(let value)? = values[id] { return value }
      return ""
    }
    return .addResearchVisit(
      id, ResearchVisit(date: day, place: text("place"), people: text("people"), findings: text("findings")))
  }
}

/// A topic series shown as one thread: its consultations in order with their visits and meetings.
enum SeriesThread {
  static func lines(_ series: String, data: CommitteeState, language: Language) -> [String] {
    let thread = data.consultations(inSeries: series)
    guard !thread.isEmpty else { return [] }
    let visits = thread.reduce(0) { $0 + $1.allResearchVisits.count }
    // English says "1 visit", not "1 visits": a count of one has its own line.
    let head =
      switch (visits == 1, thread.count == 1) {
      case (true, true): "sectors.series.head.oneEach"
      case (true, false): "sectors.series.head.oneVisit"
      case (false, true): "sectors.series.head.oneConsultation"
      case (false, false): "sectors.series.head"
      }
    var lines = [tr(head, language, series, String(visits), String(thread.count))]
    for consultation in thread {
      let held = consultation.meeting.map { $0.date.description } ?? tr("sectors.series.notHeld", language)
      let count = consultation.allResearchVisits.count
      lines.append(
        tr(
          count == 1 ? "sectors.series.item.oneVisit" : "sectors.series.item", language,
          consultation.details.title,
          String(count), held))
    }
    return lines
  }
}
