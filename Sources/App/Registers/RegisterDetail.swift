import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// What each member took part in, gathered once per data change so that moving through the list
/// costs nothing: consultation meetings and cross-regional dispatches, patrols, visits, teams,
/// supervision proposals, opinion reports and sector activities. Each kind's records by member
/// (the member's raw ID) are sorted pairs (`SortedGroups`), not a dictionary of small arrays.
struct Participation: Sendable, Equatable {
  var consultations = SortedGroups<UInt64, ConsultationID>()
  var patrols = SortedGroups<UInt64, PatrolID>()
  var visits = SortedGroups<UInt64, VisitID>()
  var teams = SortedGroups<UInt64, SupervisionTeamID>()
  var supervision = SortedGroups<UInt64, SupervisionItemID>()
  var reports = SortedGroups<UInt64, OpinionReportID>()
  var activities = SortedGroups<UInt64, SectorActivityID>()

  init() {}

  /// Whether two states hold the same records the index is built from.
  static func sameSources(_ a: CommitteeState, _ b: CommitteeState) -> Bool {
    a.consultations == b.consultations && a.patrols == b.patrols && a.visits == b.visits
      && a.supervisionTeams == b.supervisionTeams && a.supervisionItems == b.supervisionItems
      && a.opinionReports == b.opinionReports && a.sectorActivities == b.sectorActivities
  }

  init(_ data: CommitteeState) {
    self.init(data, pass: {})
  }

  /// Built from every record, calling `pass` every few hundred records (a background build lets
  /// the app answer a key there: see `ParticipationBuild`).
  init(_ data: CommitteeState, pass: () -> Void) {
    var read = 0
    func step() {
      read += 1
      if read % Self.slice == 0 { pass() }
    }
    // Each kind's pairs gathered as they come (the maps iterate in hash order), then sorted once,
    // so that a member's records are in ID order and "latest" means the highest ID.
    func grouped<R: Record>(_ table: RecordTable<R>, counted: Bool = true, members: (R) -> [MemberID])
      -> SortedGroups<UInt64, ID<R>>
    {
      var keys: [UInt64] = []
      var ids: [ID<R>] = []
      for record in table.values {
        if counted { step() }
        var seen: Set<MemberID> = []
        for m in members(record) where seen.insert(m).inserted {
          keys.append(m.raw)
          ids.append(record.id)
        }
      }
      return SortedGroups(keys: keys, values: ids)
    }
    consultations = grouped(data.consultations) { ($0.meeting?.members ?? []) + $0.details.dispatchedMembers }
    patrols = grouped(data.patrols) { $0.members }
    visits = grouped(data.visits) { $0.members }
    teams = grouped(data.supervisionTeams, counted: false) { $0.members }
    supervision = grouped(data.supervisionItems) { $0.proposers }
    reports = grouped(data.opinionReports) { [$0.submitter] }
    activities = grouped(data.sectorActivities) { $0.members }
  }
}

extension Participation {
  /// Records read between two looks at a background build's gate: well under a millisecond.
  static let slice = 256

  /// From how many records the index is built on a thread of its own (the member detail says
  /// "counting…" meanwhile); smaller committees build it on the spot.
  static let backgroundFrom = 20_000

  /// The records the index reads, counted without a pass.
  static func sourceCount(_ data: CommitteeState) -> Int {
    data.consultations.count + data.patrols.count + data.visits.count + data.supervisionTeams.count
      + data.supervisionItems.count + data.opinionReports.count + data.sectorActivities.count
  }

  /// The members a record lists, as `init` takes them (each once); nil: a kind the index does not read.
  static func members(of ref: RecordRef, in data: CommitteeState) -> [MemberID]? {
    switch ref.kind {
    case .consultation:
      guard let c = data.consultations[ID(raw: ref.raw)] else { return [] }
      return (c.meeting?.members ?? []) + c.details.dispatchedMembers
    case .patrol: return data.patrols[ID(raw: ref.raw)]?.members ?? []
    case .visit: return data.visits[ID(raw: ref.raw)]?.members ?? []
    case .supervisionTeam: return data.supervisionTeams[ID(raw: ref.raw)]?.members ?? []
    case .supervisionItem: return data.supervisionItems[ID(raw: ref.raw)]?.proposers ?? []
    case .opinionReport: return data.opinionReports[ID(raw: ref.raw)].map { [$0.submitter] } ?? []
    case .sectorActivity: return data.sectorActivities[ID(raw: ref.raw)]?.members ?? []
    default: return nil
    }
  }

  /// Corrected for one touched record: its members as they were in `before` lose it, its members
  /// in `after` gain it, each list kept in ID order, so the index equals one built from `after`.
  mutating func follow(_ ref: RecordRef, before: CommitteeState, after: CommitteeState) {
    guard let old = Self.members(of: ref, in: before), let new = Self.members(of: ref, in: after) else {
      return
    }
    switch ref.kind {
    case .consultation: Self.move(ref.raw, from: old, to: new, in: &consultations, as: ConsultationID.self)
    case .patrol: Self.move(ref.raw, from: old, to: new, in: &patrols, as: PatrolID.self)
    case .visit: Self.move(ref.raw, from: old, to: new, in: &visits, as: VisitID.self)
    case .supervisionTeam: Self.move(ref.raw, from: old, to: new, in: &teams, as: SupervisionTeamID.self)
    case .supervisionItem:
      Self.move(ref.raw, from: old, to: new, in: &supervision, as: SupervisionItemID.self)
    case .opinionReport: Self.move(ref.raw, from: old, to: new, in: &reports, as: OpinionReportID.self)
    case .sectorActivity:
      Self.move(ref.raw, from: old, to: new, in: &activities, as: SectorActivityID.self)
    default: break
    }
  }

  private static func move<T: Record>(
    _ raw: UInt64, from old: [MemberID], to new: [MemberID], in map: inout SortedGroups<UInt64, ID<T>>,
    as: ID<T>.Type
  ) {
    let id = ID<T>(raw: raw)
    let kept = Set(old).intersection(new)
    for member in Set(old) where !kept.contains(member) { map.remove(id, for: member.raw) }
    for member in Set(new) where !kept.contains(member) { map.insert(id, for: member.raw) }
  }
}

/// The participation index of a large committee built on a thread of its own from the data as it
/// was when the build started. `SharedIndexes` takes the index when done and carries it through
/// the records changes touched meanwhile. It does not wait at `BackgroundGate` (nothing waits for
/// it, as nothing waits for the boards' tally): paused there while keys are answered one after
/// another, it took the few idle moments the problems' search keys are built in.
final class ParticipationBuild: @unchecked Sendable {
  let source: CommitteeState
  private let lock = NSLock()
  private var built: Participation?

  init(from data: CommitteeState) {
    source = data
    let thread = Thread { [self] in
      Thread.nameCurrent("participation")
      // Its turn taken at the gate like every build. Not at a low priority: it would hold its place
      // while other programs run, and the builds the app waits for would wait. A key that comes
      // meanwhile waits a few hundred records at most.
      BackgroundGate.app.pass(unless: { false })
      let index = Participation(data) {
        if BackgroundGate.app.isHeld { BackgroundGate.app.pass(unless: { false }) }
      }
      BackgroundGate.app.leave()
      lock.withLock { built = index }
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The index, once built.
  var result: Participation? { lock.withLock { built } }

  /// Waits for the build (tests); true when it finished in time.
  func wait(seconds: Double) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while result == nil {
      if Date() > end { return false }
      Thread.sleep(forTimeInterval: 0.005)
    }
    return true
  }
}

/// The label/value rows of the detail pane for one record.
enum RegisterDetail {
  /// How many records of one kind a member's detail names before "…".
  static let listed = 4

  static func rows(
    _ ref: RecordRef, data: CommitteeState, participation: Participation?, language: Language
  ) -> [DetailRow] {
    func t(_ key: String, _ args: String...) -> String { Strings.shared.text(key, language, args) }
    func label(_ key: String) -> String { t("registers.column.\(key)") }
    func name(_ ref: RecordRef) -> String { data.displayName(of: ref) }
    func names<T: Record>(_ ids: [ID<T>]) -> String { ids.map { name(RecordRef($0)) }.joined(separator: "、") }
    var rows: [DetailRow] = []
    func add(_ key: String, _ value: String) { rows.append(DetailRow(label: label(key), value: value)) }
    func status(_ archived: Bool) {
      rows.append(
        DetailRow(
          label: t("registers.detail.status"),
          value: archived ? t("registers.detail.archived") : t("registers.detail.active"),
          style: archived ? Style(.warning) : .normal))
    }
    switch ref.kind {
    case .member:
      guard let m = data.members[ID(raw: ref.raw)] else { break }
      add("fullName", m.name)
      add("sector", m.sector.map { name(RecordRef($0)) } ?? "")
      add("committee", m.specialCommittee.map { name(RecordRef($0)) } ?? "")
      add("stations", names(m.stations))
      add("phone", m.phone)
      add("notes", m.notes)
      status(m.archived)
      let raw = m.id.raw
      func list<T: Record>(_ key: String, _ ids: ArraySlice<ID<T>>?, _ text: (T) -> String?) {
        // Still being counted on another thread (a large committee's first look): said so.
        guard participation != nil else {
          rows.append(DetailRow(label: t("registers.took.\(key)"), value: t("sectionspeed.counting")))
          return
        }
        let ids = ids ?? []
        let shown = ids.suffix(listed).reversed().compactMap { id -> String? in
          guard case let value? = data.value(of: RecordRef(id)), let record = value.record as? T else {
            return nil
          }
          return text(record)
        }
        var value = shown.joined(separator: "；")
        if ids.count > listed { value += "；…" }
        rows.append(
          DetailRow(
            label: t("registers.took.\(key)"),
            value: ids.isEmpty ? "—" : t("registers.took.value", String(ids.count), value)))
      }
      list("consultations", participation?.consultations[raw]) { (c: Consultation) in c.details.title }
      list("patrols", participation?.patrols[raw]) { (p: Patrol) in
        "\(name(RecordRef(p.river))) \(p.segment) \(p.date)"
      }
      list("visits", participation?.visits[raw]) { (v: Visit) in "\(v.place) \(v.date)" }
      list("teams", participation?.teams[raw]) { (team: SupervisionTeam) in team.theme }
      list("supervision", participation?.supervision[raw]) { (s: SupervisionItem) in s.title }
      list("reports", participation?.reports[raw]) { (r: OpinionReport) in r.title }
      list("activities", participation?.activities[raw]) { (a: SectorActivity) in "\(a.title) \(a.date)" }
    case .sector:
      guard let s = data.sectors[ID(raw: ref.raw)] else { break }
      add("name", s.name)
      add("leadUnit", s.leadUnit)
      add("conveners", names(s.conveners))
      // Files of payload version 1 named a member as liaison; show that name until it is edited.
      let liaison = s.liaisonName.isEmpty ? s.liaison.map { name(RecordRef($0)) } ?? "" : s.liaisonName
      add("liaison", s.liaisonPhone.isEmpty ? liaison : "\(liaison) \(s.liaisonPhone)")
      add("committee", s.specialCommittee.map { name(RecordRef($0)) } ?? "")
      let have = SixHaves.allCases.filter { s.has($0) }.map { t("domain.haves.\($0)") }
      let missing = s.missingHaves.map { t("domain.haves.\($0)") }
      add("haves", have.isEmpty ? "—" : have.joined(separator: "、"))
      rows.append(
        DetailRow(
          label: t("registers.detail.missing"), value: missing.isEmpty ? "—" : missing.joined(separator: "、"),
          style: missing.isEmpty ? .normal : Style(.warning)))
      status(s.archived)
    case .specialCommittee:
      guard let c = data.specialCommittees[ID(raw: ref.raw)] else { break }
      add("name", c.name)
      let sectors = data.sectors.values.filter { $0.specialCommittee == c.id && !$0.archived }
        .sorted { $0.id < $1.id }.map(\.name)
      rows.append(DetailRow(label: t("registers.detail.sectors"), value: sectors.joined(separator: "、")))
      status(c.archived)
    case .station:
      guard let s = data.stations[ID(raw: ref.raw)] else { break }
      add("name", s.name)
      add("level", FieldworkForm.asLabel(t(s.level.nameKey)))
      add("parent", s.parent.map { name(RecordRef($0)) } ?? "—")
      add("head", s.head)
      add("site", t("registers.site.\(s.site)"))
      let held = data.consultationsByStation[s.id]?.count ?? 0
      rows.append(DetailRow(label: t("registers.detail.consultationsHeld"), value: String(held)))
      status(s.archived)
    case .department:
      guard let d = data.departments[ID(raw: ref.raw)] else { break }
      add("name", d.name)
      add("contact", d.contact)
      add("problemCount", String(data.problemsByDepartment[d.id]?.count ?? 0))
      status(d.archived)
    case .river:
      guard let r = data.rivers[ID(raw: ref.raw)] else { break }
      add("name", r.name)
      add("segments", r.segments.joined(separator: "、"))
      status(r.archived)
    case .partnerRegion:
      guard let r = data.partnerRegions[ID(raw: ref.raw)] else { break }
      add("name", r.name)
      status(r.archived)
    case .supervisionTeam:
      guard let team = data.supervisionTeams[ID(raw: ref.raw)] else { break }
      add("theme", team.theme)
      add("members", names(team.members))
      status(team.archived)
    case .staffAccount:
      guard let a = data.staffAccounts[ID(raw: ref.raw)] else { break }
      add("userName", a.userName)
      add("displayName", a.displayName)
      add("role", FieldworkForm.asLabel(t(a.role.nameKey)))
      status(a.archived)
    default:
      break
    }
    return rows
  }
}
