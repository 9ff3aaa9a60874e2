import Domain
import Foundation
import Localization
import Widgets

/// Problems by the record that raised them, each source's in ID order.
typealias ProblemsBySource = SortedGroups<RecordRef, ProblemID>

/// The problems list's index and search keys prepared in the background (see `takePreparedProblems`).
struct PreparedProblems {
  var index: ProblemIndex
  var keys: (SearchKeys, ProblemRows.KeyNames)?
  /// The build still making the keys when they were not done (the list adopts them when they are).
  var pending: ProblemIndexBuild?
  /// The problems the keys were built for, in ID order, and what changes touched since.
  var builtIDs: [ProblemID]
  var touched: Set<RecordRef>?
}

/// Indexes several screens read, made once per data version on first use (the Domain keeps
/// only the indexes its rules need, so that loading a store stays fast).
///
/// It is a memo of `data`, not state: two states with equal data answer alike, so it compares
/// equal to any other (it is replaced, never mutated, when the data changes).
public final class SharedIndexes: @unchecked Sendable, Equatable {
  public static func == (lhs: SharedIndexes, rhs: SharedIndexes) -> Bool { true }

  private let lock = NSLock()
  private var bySource: ProblemsBySource?
  /// Problems by source being made on another thread from the first tick (a large committee), the
  /// data it is made from, and the records changes touched since (nil: not known, so it is of no use).
  private var bySourceBuild: (build: BackgroundBuild<ProblemsBySource>, source: CommitteeState)?
  private var touchedSinceBySourceBuild: Set<RecordRef>? = []
  /// This year's sector duties made on the lists' thread after a large committee opened, and the
  /// records touched since their data (nil: not known, so of no use).
  private var dutiesBuild: (build: BackgroundBuild<SectorDuties>, source: CommitteeState)?
  private var touchedSinceDutiesBuild: Set<RecordRef>? = []
  /// The large kit lists' rows made on another thread: one for every version of the indexes of a
  /// run of the app (handed on by `following`).
  private(set) var rowsPreparation = RowsPreparation()
  /// Figures a detail pane reads on every frame (a river's water trend, the sector duty roll-up),
  /// each made once per data version by a pass over its records.
  private var figures: [String: any Sendable] = [:]
  /// The participation index and the data it was built from; `current`: that data is this memo's
  /// (else it was carried over changes not known, and `participation` compares the records).
  private var participationIndex: (index: Participation, source: CommitteeState, current: Bool)?
  /// A large committee's participation index being built on another thread, and the records
  /// changes touched since its data (nil: not known, so the build is of no use).
  private var participationBuild: ParticipationBuild?
  private var touchedSinceParticipationBuild: Set<RecordRef>? = []
  /// The problems list's index, prepared on another thread for its first visit, and the records
  /// touched since its data (nil: not known).
  private var problemIndexBuild: ProblemIndexBuild?
  private var touchedSinceProblemIndexBuild: Set<RecordRef>? = []
  /// Whether `prepareInBackground` has started its builds (once per run of the app).
  private var prepared = false
  /// The fieldwork lists' summary counts and every river's water trend, made on first use and then
  /// corrected by each change's touched records (a summary line after a change costs the records
  /// touched, not a pass over a hundred thousand patrols).
  private var visitCounts: VisitCounts?
  private var patrolCounts: PatrolCounts?
  private var reportCounts: ReportCounts?
  private var consultationCounts: ConsultationCounts?
  private var water: WaterSummaries?
  private var sectorDuties: SectorDuties?
  /// The water summaries and patrol counts being made in the background after a large committee
  /// opened, and the records changes touched since their data (nil: not known, so of no use).
  private var waterBuild: (build: BackgroundBuild<WaterBuild.Made>, source: CommitteeState)?
  private var touchedSinceWaterBuild: Set<RecordRef>? = []

  public init() {}

  /// Indexes whose lists make their rows on another thread from `rowsFrom` records, pausing at
  /// `gate` (tests).
  init(rowsFrom: Int, gate: BackgroundGate) {
    rowsPreparation = RowsPreparation(from: rowsFrom, gate: gate)
  }

  /// The indexes for the data after a change. What was already made is handed over and corrected
  /// for the records the change touched (each one's entry in `before` out, in `after` in), so a
  /// change costs the records it touched, not a pass over every problem; with `touched` unknown,
  /// the indexes are made again on first use.
  public func following(from before: CommitteeState, to after: CommitteeState, touched: [RecordRef]?)
    -> SharedIndexes
  {
    let next = SharedIndexes()
    lock.withLock {
      // Followed through the touched records; with them unknown, kept for `participation` to
      // check cheaply whether its records are unchanged.
      if var kept = participationIndex, kept.current, let touched {
        participationIndex = nil
        for ref in touched { kept.index.follow(ref, before: before, after: after) }
        next.participationIndex = (kept.index, after, true)
      } else if let kept = participationIndex {
        next.participationIndex = (kept.index, kept.source, false)
      }
      if let build = participationBuild {
        next.participationBuild = build
        next.touchedSinceParticipationBuild = touched.flatMap { touched in
          touchedSinceParticipationBuild?.union(touched)
        }
      }
      if let build = problemIndexBuild {
        next.problemIndexBuild = build
        next.touchedSinceProblemIndexBuild = touched.flatMap { touched in
          touchedSinceProblemIndexBuild?.union(touched)
        }
      }
      if let build = bySourceBuild, bySource == nil {
        next.bySourceBuild = build
        next.touchedSinceBySourceBuild = touched.flatMap { touched in
          touchedSinceBySourceBuild?.union(touched)
        }
      }
      if let build = dutiesBuild, sectorDuties == nil {
        next.dutiesBuild = build
        next.touchedSinceDutiesBuild = touched.flatMap { touched in touchedSinceDutiesBuild?.union(touched) }
      }
      next.rowsPreparation = rowsPreparation
      if let build = waterBuild {
        next.waterBuild = build
        next.touchedSinceWaterBuild = touched.flatMap { touched in touchedSinceWaterBuild?.union(touched) }
      }
      next.prepared = prepared
    }
    guard let touched else { return next }
    lock.withLock {
      guard var index = bySource else { return }
      // This memo is done with: letting go of its index lets the next one change it in place.
      bySource = nil
      Self.follow(&index, touched: touched, before: before, after: after)
      next.bySource = index
    }
    lock.withLock {
      // As with `bySource`: this memo is done with, so the next one changes the counts in place.
      func handOver<Kept: FollowsChanges>(_ slot: ReferenceWritableKeyPath<SharedIndexes, Kept?>) {
        guard var kept = self[keyPath: slot] else { return }
        self[keyPath: slot] = nil
        for ref in touched { kept.follow(ref, before: before, after: after) }
        next[keyPath: slot] = kept
      }
      handOver(\.visitCounts)
      handOver(\.sectorDuties)
      handOver(\.reportCounts)
      handOver(\.consultationCounts)
      guard var counts = patrolCounts else { return }
      patrolCounts = nil
      var summaries = water
      water = nil
      Self.follow(&counts, &summaries, touched: touched, before: before, after: after)
      next.patrolCounts = counts
      next.water = summaries
    }
    return next
  }

  /// The patrol counts, and the water summaries when there are some, corrected from `before` to
  /// `after` for the records touched between them: only the rivers of the touched patrols (where
  /// they were and where they are) and the touched rivers (a target moved) are summarized again,
  /// each from its own patrols.
  private static func follow(
    _ counts: inout PatrolCounts, _ water: inout WaterSummaries?, touched: some Sequence<RecordRef>,
    before: CommitteeState, after: CommitteeState
  ) {
    var rivers: Set<RiverID> = []
    for ref in touched {
      counts.follow(ref, before: before, after: after)
      switch ref.kind {
      case .patrol:
        let id = PatrolID(raw: ref.raw)
        if let old = before.patrols[id] { rivers.insert(old.river) }
        if let new = after.patrols[id] { rivers.insert(new.river) }
      case .river: rivers.insert(RiverID(raw: ref.raw))
      default: break
      }
    }
    guard var summaries = water else { return }
    water = nil
    for river in rivers {
      let patrols = (counts.byRiver[river] ?? []).compactMap { after.patrols[$0] }
      summaries.resummarize(river: river, patrols: patrols, in: after)
    }
    water = summaries
  }

  /// Starts, once per run, what a large committee's sections would otherwise make on their first
  /// visit by a walk over every record, each on a thread of its own that steps aside while a key
  /// is answered: the problems list's index and the members' participation. The runtime calls it
  /// on each tick; the sections take what is ready (`takeProblemIndex`, `participation`).
  /// (`problemsFrom` and `participationFrom` are the sizes from which each is prepared.)
  func prepareInBackground(
    _ data: CommitteeState, language: Language? = nil, problemsFrom: Int = ProblemIndexBuild.backgroundFrom,
    participationFrom: Int = Participation.backgroundFrom, waterFrom: Int = WaterBuild.backgroundFrom,
    dutiesYear: Int? = nil, dutiesFrom: Int = SectorDuties.backgroundFrom
  ) {
    lock.withLock {
      guard !prepared else { return }
      prepared = true
      if water == nil, patrolCounts == nil, data.patrols.count >= waterFrom {
        waterBuild = (WaterBuild.start(from: data), data)
        touchedSinceWaterBuild = []
      }
      if data.problems.count >= problemsFrom {
        problemIndexBuild = ProblemIndexBuild(from: data, language: language)
        touchedSinceProblemIndexBuild = []
      }
      // Problems by source (the consultations', patrols' and visits' problem counts): first on the
      // lists' thread, whose first rows drawn need it.
      if data.problems.count >= problemsFrom, bySource == nil, bySourceBuild == nil {
        let build = BackgroundBuild<ProblemsBySource>(gate: rowsPreparation.gate) { progress in
          Self.problemsBySource(data, progress: progress)
        }
        bySourceBuild = (build, data)
        touchedSinceBySourceBuild = []
        rowsPreparation.queue.enqueue(build)
      }
      // This year's sector duties, next on that thread: small, and the homes' first visit waits
      // for them otherwise.
      if let year = dutiesYear, data.sectorActivities.count >= dutiesFrom, sectorDuties == nil,
        dutiesBuild == nil
      {
        let build = BackgroundBuild<SectorDuties>(gate: rowsPreparation.gate) { progress in
          SectorDuties(data, year: year, pause: { _ = progress.pauseIfHeld() })
        }
        dutiesBuild = (build, data)
        touchedSinceDutiesBuild = []
        rowsPreparation.queue.enqueue(build)
      }
      if participationIndex == nil, participationBuild == nil,
        Participation.sourceCount(data) >= participationFrom
      {
        participationBuild = ParticipationBuild(from: data)
        touchedSinceParticipationBuild = []
      }
    }
  }

  /// The problems list's index prepared in the background, brought to `data` through the problems
  /// touched meanwhile (waiting for the rest of the build if it is not done); nil when none was
  /// prepared or it was already taken.
  func takeProblemIndex(_ data: CommitteeState) -> ProblemIndex? {
    takePreparedProblems(data)?.index
  }

  /// The problems list's index prepared in the background, brought to `data`, with the search keys
  /// built after it if they were done (to be carried from `builtIDs` through `touched` by the list).
  func takePreparedProblems(_ data: CommitteeState) -> PreparedProblems? {
    let taken: (ProblemIndexBuild, Set<RecordRef>?)? = lock.withLock {
      guard let build = problemIndexBuild else { return nil }
      problemIndexBuild = nil
      return (build, touchedSinceProblemIndexBuild)
    }
    guard let (build, touched) = taken else { return nil }
    var index = build.take()
    let builtIDs = index.ids
    index.follow(to: data, touched: touched)
    let keys = build.takeKeys()
    return PreparedProblems(
      index: index, keys: keys, pending: keys == nil ? build : nil, builtIDs: builtIDs, touched: touched)
  }

  /// The problems a record raised (a consultation, a patrol, …), oldest first: what
  /// `CommitteeState.problems(from:)` answers, from the index instead of a pass over every problem.
  public func problems(from source: ProblemSource, in data: CommitteeState) -> [Problem] {
    // In ID order already.
    problemsBySource(data)[source.ref].compactMap { data.problems[$0] }
  }

  /// A river's (or one segment's) water-quality summary, as `CommitteeState.waterSummary` makes it.
  public func waterSummary(river: RiverID, segment: String? = nil, in data: CommitteeState)
    -> RiverWaterSummary
  {
    // Every river and segment at once: a patrol list's detail asks for another one on each move.
    waterSummariesWithSegments(data).summary(river: river, segment: segment)
  }

  /// Every river's water-quality summary, as `CommitteeState.waterSummaries` makes them (the same
  /// pass as `waterSummary`, made once and then followed).
  public func waterSummaries(in data: CommitteeState) -> [RiverID: RiverWaterSummary] {
    waterSummariesWithSegments(data).rivers
  }

  /// Every river's and segment's water summary: made on first use (with the patrol counts it is
  /// followed by), then corrected river by river as patrols change (`following`).
  func waterSummariesWithSegments(_ data: CommitteeState) -> WaterSummaries {
    if let known = lock.withLock({ water }) { return known }
    if let adopted = adoptWaterBuild(data) { return adopted }
    // Followed only with the patrols by river, which find a river's patrols without a pass: a second
    // pass over the patrols, made on the other core meanwhile (the Overview of a store just opened
    // waits for both).
    let made = WaterMade()
    ParallelWork.run(count: 2) { index in
      if index == 0 {
        made.summaries = data.waterSummariesWithSegments()
      } else {
        _ = self.patrolCounts(data)
      }
    }
    let summaries = made.summaries ?? data.waterSummariesWithSegments()
    lock.withLock { water = summaries }
    return summaries
  }

  /// The visits by action and year: the visits list's meters.
  func visitCounts(_ data: CommitteeState) -> VisitCounts { kept(\.visitCounts) { VisitCounts(data) } }

  /// The patrols by year and river: the patrols list's summary and river options.
  func patrolCounts(_ data: CommitteeState) -> PatrolCounts {
    if lock.withLock({ patrolCounts == nil && waterBuild != nil }) { _ = adoptWaterBuild(data) }
    return kept(\.patrolCounts) { PatrolCounts(data) }
  }

  /// The summaries made in the background (waited for if not done), brought to `data` through the
  /// records touched since and kept with their patrol counts; nil when none was made, it was taken
  /// already, or what changes touched meanwhile is not known.
  private func adoptWaterBuild(_ data: CommitteeState) -> WaterSummaries? {
    let taken: (BackgroundBuild<WaterBuild.Made>, CommitteeState, Set<RecordRef>?)? = lock.withLock {
      guard let (build, source) = waterBuild else { return nil }
      waterBuild = nil
      return (build, source, touchedSinceWaterBuild)
    }
    guard let (build, source, touched) = taken, let touched else { return nil }
    _ = build.hurry(seconds: 600)
    let made =
      build.result
      ?? WaterBuild.Made(summaries: source.waterSummariesWithSegments(), counts: PatrolCounts(source))
    var counts = made.counts
    var followed: WaterSummaries? = made.summaries
    Self.follow(&counts, &followed, touched: touched, before: source, after: data)
    let summaries = followed ?? made.summaries
    lock.withLock {
      water = summaries
      if patrolCounts == nil { patrolCounts = counts }
    }
    return summaries
  }

  /// The reports by how far along the chain: the reports list's summary.
  func reportCounts(_ data: CommitteeState) -> ReportCounts { kept(\.reportCounts) { ReportCounts(data) } }

  /// The consultations and how many are finished: the consultations list's summary.
  func consultationCounts(_ data: CommitteeState) -> ConsultationCounts {
    kept(\.consultationCounts) { ConsultationCounts(data) }
  }

  /// The value kept in `slot`, made (outside the lock) and kept on first use.
  private func kept<T>(_ slot: ReferenceWritableKeyPath<SharedIndexes, T?>, _ make: () -> T) -> T {
    if let known = lock.withLock({ self[keyPath: slot] }) { return known }
    let made = make()
    lock.withLock { self[keyPath: slot] = made }
    return made
  }

  /// How many of an action were done in a year, as `CommitteeState.actionProgress` counts them
  /// (visits of that kind; for 巡百河 also every patrol), from the followed counts.
  public func actionProgress(_ kind: VisitKind, year: Int, in data: CommitteeState) -> Int {
    let visits = visitCounts(data).count(kind, year: year)
    return kind == .riverPatrol ? visits + patrolCounts(data).count(year: year) : visits
  }

  /// A sector's duties in a quarter, as `CommitteeState.dutyCompliance` makes them: every sector's
  /// at once, so that moving through the homes reads the activities once, not on every move.
  public func dutyCompliance(sector: SectorID, year: Int, quarter: Int, today: Day, in data: CommitteeState)
    -> DutyCompliance
  {
    // Once per home and data version: the board's rows make every home's, the detail beside the
    // board reads the selected one's again on every frame.
    memo("compliance \(sector.raw) \(year) \(quarter) \(today)") {
      sectorDuties(year: year, data).compliance(sector: sector, quarter: quarter, today: today)
    }
  }

  /// The sector homes' duty roll-up of a quarter, as `CommitteeState.dutyRollUp` makes it (each
  /// home's duties from its own activities, once per data version).
  public func dutyRollUp(year: Int, quarter: Int, today: Day, in data: CommitteeState) -> DutyRollUp {
    memo("duty \(year) \(quarter) \(today)") {
      // Each home's duties through their memo: the board's rows have made them already.
      data.dutyRollUp(year: year, quarter: quarter) {
        dutyCompliance(sector: $0, year: year, quarter: quarter, today: today, in: data)
      }
    }
  }

  /// A year's activities and active members by sector home: made on first use (again when another
  /// year is asked for), then corrected by each change's touched records (`following`).
  func sectorDuties(year: Int, _ data: CommitteeState) -> SectorDuties {
    if let known = lock.withLock({ sectorDuties }), known.year == year { return known }
    if let prepared = takePreparedDuties(year: year, data) { return prepared }
    let made = SectorDuties(data, year: year)
    lock.withLock { sectorDuties = made }
    return made
  }

  /// The duties prepared on the lists' thread, if they are of `year`, caught up with the records
  /// touched since (waiting for the build if it is still going); nil when there are none to take.
  private func takePreparedDuties(year: Int, _ data: CommitteeState) -> SectorDuties? {
    guard let pending = lock.withLock({ dutiesBuild }) else { return nil }
    // Outside the lock: the build may be made on this thread (`hurry`).
    _ = rowsPreparation.queue.hurry(pending.build, seconds: 600)
    return lock.withLock {
      guard let (build, source) = dutiesBuild else { return nil }
      dutiesBuild = nil
      let touched = touchedSinceDutiesBuild
      touchedSinceDutiesBuild = []
      guard var duties = build.result, duties.year == year, let touched else { return nil }
      for ref in touched { duties.follow(ref, before: source, after: data) }
      sectorDuties = duties
      return duties
    }
  }

  /// A figure made once per data version under `key` (a screen's own memo of a pass it would
  /// otherwise make on every frame).
  func memo<T: Sendable>(_ key: String, _ make: () -> T) -> T {
    // Unwrapped before the cast: a missing entry cast to an optional `T` would read as a nil made.
    if let known = lock.withLock({ figures[key] }), let value = known as? T { return value }
    let made = make()
    lock.withLock { figures[key] = made }
    return made
  }

  /// Problems by the record that raised them.
  ///
  /// Prepared on another thread from the first tick at a large size: taken when made and caught up
  /// with the problems touched since; waited for (hurried) when not yet made, rather than made a
  /// second time here.
  func problemsBySource(_ data: CommitteeState) -> ProblemsBySource {
    let pending: (build: BackgroundBuild<ProblemsBySource>, source: CommitteeState)? = lock.withLock {
      bySource == nil ? bySourceBuild : nil
    }
    if let pending {
      // Outside the lock: the build may be made on this thread (`hurry`).
      _ = rowsPreparation.queue.hurry(pending.build, seconds: 600)
    }
    lock.lock()
    defer { lock.unlock() }
    if let bySource { return bySource }
    if let (build, source) = bySourceBuild {
      bySourceBuild = nil
      if var index = build.result, let touched = touchedSinceBySourceBuild {
        touchedSinceBySourceBuild = []
        Self.follow(&index, touched: touched, before: source, after: data)
        bySource = index
        return index
      }
    }
    let index = Self.problemsBySource(data, progress: nil) ?? ProblemsBySource()
    bySource = index
    return index
  }

  /// Problems by source made by a pass over every problem (reporting to `progress` between slices).
  static func problemsBySource(_ data: CommitteeState, progress: (any BuildProgress)?) -> ProblemsBySource? {
    var sources: [RecordRef] = []
    var problems: [ProblemID] = []
    var done = 0
    let total = data.problems.count
    sources.reserveCapacity(total)
    problems.reserveCapacity(total)
    // Each problem's source read in its box: copying a million problems out was most of the pass.
    for (id, box) in data.problems.storage {
      if let progress, done % RecordRows.pauseEvery == 0,
        !(done % RecordRows.rowsSlice == 0 ? progress.step(done: done, total: total) : progress.pauseIfHeld())
      {
        return nil
      }
      done += 1
      sources.append(box.value.source.ref)
      problems.append(id)
    }
    return ProblemsBySource(keys: sources, values: problems)
  }

  /// Carries problems by source from `before` to `after` through the touched records.
  static func follow(
    _ index: inout ProblemsBySource, touched: some Sequence<RecordRef>, before: CommitteeState,
    after: CommitteeState
  ) {
    for ref in touched where ref.kind == .problem {
      let id = ProblemID(raw: ref.raw)
      let old = before.problems[id]?.source.ref
      let new = after.problems[id]?.source.ref
      guard old != new else { continue }
      if let old { index.remove(id, for: old) }
      if let new { index.insert(id, for: new) }
    }
  }

  /// What each member took part in (the registers' member detail). Most changes (a member saved,
  /// a sector archived) leave every record a member takes part in untouched; the persistent maps
  /// then compare equal at once and the index is kept.
  ///
  /// At a large size the index is first built on another thread (`ParticipationBuild`): nil until
  /// it is in, then caught up with the records touched meanwhile and followed from there.
  func participation(_ data: CommitteeState) -> Participation? {
    lock.lock()
    defer { lock.unlock() }
    if let kept = participationIndex, Participation.sameSources(kept.source, data) {
      participationIndex = (kept.index, data, true)
      return kept.index
    }
    if let build = participationBuild {
      guard var index = build.result else { return nil }
      participationBuild = nil
      if let touched = touchedSinceParticipationBuild {
        for ref in touched { index.follow(ref, before: build.source, after: data) }
        participationIndex = (index, data, true)
        return index
      }
    }
    if Participation.sourceCount(data) >= Participation.backgroundFrom {
      participationBuild = ParticipationBuild(from: data)
      touchedSinceParticipationBuild = []
      return nil
    }
    let index = Participation(data)
    participationIndex = (index, data, true)
    return index
  }
}

/// The water summaries made by one of two threads, read once both are done.
private final class WaterMade: @unchecked Sendable {
  var summaries: WaterSummaries?
}
