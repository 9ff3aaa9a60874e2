import App
import Domain
import Foundation
import Localization
import Store
import TerminalCore

/// The benchmark behind `shangliang bench app`: the real runtime on a virtual terminal over a real
/// store in a folder, driven through a scripted session the way a user works, each interaction
/// timed from the event to the frame handed to the terminal (update, effects, store, draw, diff).
public enum AppBench {
  /// Times of one kind of interaction, in milliseconds.
  public struct Samples: Sendable {
    public var values: [Double] = []

    public func percentile(_ fraction: Double) -> Double {
      guard !values.isEmpty else { return 0 }
      let sorted = values.sorted()
      return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded(.up)))]
    }

    var json: String {
      let p50 = String(format: "%.3f", percentile(0.5))
      let p99 = String(format: "%.3f", percentile(0.99))
      let max = String(format: "%.3f", values.max() ?? 0)
      return "{\"n\": \(values.count), \"p50_ms\": \(p50), \"p99_ms\": \(p99), \"max_ms\": \(max)}"
    }
  }

  /// The figures of one session; `json` prints them as one object.
  public struct Figures: Sendable {
    public var records = 0
    /// From the start to the first frame on the terminal (the loading screen).
    public var firstFrameMs = 0.0
    /// From the start to the first frame with the data (the app usable).
    public var usableMs = 0.0
    public var kinds: [(name: String, samples: Samples)] = []
    /// The same samples by step (a section, or a section and a key), for the kinds whose slow
    /// samples need a name: which first visit, which change, which period key.
    public var steps: [(kind: String, steps: [(name: String, samples: Samples)])] = []
    /// Cells that changed per one-row move in a list (what the terminal is sent).
    public var changedCellsPerMove = 0.0
    public var peakResidentMB = 0.0
    public var residentAfterMB = 0.0
    /// Resident memory when the app became usable (the state loaded, the first screen built).
    public var residentUsableMB = 0.0
    /// The most memory resident from the start until the app was usable: the open's peak.
    public var peakResidentUsableMB = 0.0
    /// Only the open was measured (`openOnly`): no session, no figures after it.
    public var openOnly = false
    /// From the start until the boards' background count was done, and resident memory then.
    public var tallyReadyMs = 0.0
    public var residentTallyMB = 0.0
    /// The p50 of a one-row move, per section (a slow list shows here).
    public var moveMedianBySection: [(section: String, ms: Double)] = []
    /// Cells that changed per one-row move, averaged per section (which screen sends the most).
    public var changedCellsBySection: [(section: String, cells: Double)] = []
    /// How long the session sat idle on a list (idle ticks, as `Runtime.run` sends them) before
    /// its first `/`, as a user takes to reach the list and read it.
    public var idleBeforeFirstFilterMs = 0
    /// From the start until each long list's rows, made on another thread, were done, by section.
    public var rowsCompleteMs: [(section: String, ms: Double)] = []
    /// How long the session sat on a list it first visited before its rows showed (idle ticks),
    /// by section: the lists whose rows were still being made when visited.
    public var rowsWaitMs: [(section: String, ms: Double)] = []

    public var json: String {
      let kindsJSON = kinds.map { "\"\($0.name)\": \($0.samples.json)" }.joined(separator: ", ")
      return "{\"records\": \(records), \"first_frame_ms\": \(String(format: "%.3f", firstFrameMs)), "
        + "\"usable_ms\": \(String(format: "%.3f", usableMs)), "
        + "\"changed_cells_per_move\": \(String(format: "%.1f", changedCellsPerMove)), "
        + "\"peak_rss_mb\": \(String(format: "%.1f", peakResidentMB)), "
        + "\"rss_after_session_mb\": \(String(format: "%.1f", residentAfterMB)), "
        + "\"rss_usable_mb\": \(String(format: "%.1f", residentUsableMB)), "
        + "\"peak_rss_usable_mb\": \(String(format: "%.1f", peakResidentUsableMB)), "
        + (openOnly ? "\"open_only\": true, " : "")
        + "\"tally_ready_ms\": \(String(format: "%.3f", tallyReadyMs)), "
        + "\"rss_with_tally_mb\": \(String(format: "%.1f", residentTallyMB)), "
        + "\"idle_before_first_filter_ms\": \(idleBeforeFirstFilterMs), "
        + "\"rows_complete_ms\": {"
        + rowsCompleteMs.map { "\"\($0.section)\": \(String(format: "%.1f", $0.ms))" }.joined(separator: ", ")
        + "}, "
        + "\"rows_wait_ms_by_section\": {"
        + rowsWaitMs.map { "\"\($0.section)\": \(String(format: "%.1f", $0.ms))" }.joined(separator: ", ")
        + "}, "
        + "\"changed_cells_by_section\": {"
        + changedCellsBySection.map { "\"\($0.section)\": \(String(format: "%.1f", $0.cells))" }.joined(
          separator: ", ")
        + "}, "
        + "\"move_p50_ms_by_section\": {"
        + moveMedianBySection.map { "\"\($0.section)\": \(String(format: "%.3f", $0.ms))" }.joined(
          separator: ", ")
        + "}, "
        + "\"interactions\": {\(kindsJSON)}, "
        + "\"steps\": {\(stepsJSON)}}"
    }

    /// Per kind, each step's samples: `{"first_visit": {"problems": {"n": 1, …}, …}, …}`.
    var stepsJSON: String {
      steps.map { kind in
        "\"\(kind.kind)\": {"
          + kind.steps.map { "\"\($0.name)\": \($0.samples.json)" }.joined(separator: ", ") + "}"
      }.joined(separator: ", ")
    }
  }

  /// A terminal in memory that keeps the last frame and diffs each new one against it, as the
  /// curses backend does, counting the cells it would send.
  final class DiffingBackend: TerminalBackend {
    var size: Size
    private(set) var last: Canvas?
    private(set) var lastChangedCells = 0
    private(set) var frames = 0

    init(size: Size) { self.size = size }

    func present(_ canvas: Canvas) {
      lastChangedCells = canvas.changedRuns(from: last).reduce(0) { $0 + $1.width }
      last = canvas
      frames += 1
    }

    /// No input ever comes; like a terminal, it waits out the timeout first (so that the
    /// loading screen's loop does not spin against the thread reading the store).
    func nextEvents(timeoutMilliseconds: Int) -> [Event] {
      usleep(UInt32(max(0, timeoutMilliseconds)) * 1_000)
      return []
    }
  }

  /// How long a user sits on a list before the first `/`, by default: reaching it and reading it.
  public static let defaultIdleBeforeFirstFilterMs = 1_000

  /// Runs the session on the store in `folder` (already filled, e.g. by `generate`), sitting
  /// `idleBeforeFirstFilterMs` on each filtered list before its first `/`.
  /// With `openOnly`, stops once the app is usable: the open's figures alone, in seconds.
  public static func run(
    folder: String, size: Size = Size(width: 120, height: 40),
    idleBeforeFirstFilterMs: Int = defaultIdleBeforeFirstFilterMs, openOnly: Bool = false,
    memorySteps: Bool = false, burst: Int = 0
  ) -> Result<Figures, StoreError> {
    var figures = Figures()
    figures.openOnly = openOnly
    StoreBench.resetPeak()
    let backend = DiffingBackend(size: size)
    let started = now()
    let opened = StoreLoading.open(
      folder: folder, backend: backend, language: .zh, now: { Date() },
      onFirstFrame: { figures.firstFrameMs = millis(since: started) })
    let store: CommitteeStore
    switch opened {
    case .opened(let result): store = result
    case .failed(let error): return .failure(error)
    case .quit: return .failure(.unusable("quit"))
    }
    let actor = ActingUser.staff("bench", .admin)
    // The session's user needs an account: without one the app reads it as a reader after the first
    // change (`rereadActor`), and every later change would be refused, not timed.
    if store.state.staffAccounts.values.allSatisfy({ $0.userName != actor.userName }) {
      do throws(StoreError) {
        try store.apply(
          .putStaffAccount(
            StaffAccount(id: store.state.newID(), userName: actor.userName, displayName: "基准", role: .admin)),
          actor: actor, now: Date())
      } catch {
        return .failure(error)
      }
    }
    let today = Day(workingDayOf: Date())
    var state = AppState(language: .zh, size: size, actor: actor, data: store.state, today: today)
    state.saveState = .saved
    let runtime = Runtime(state: state, backend: backend, store: store)
    backend.present(View.render(runtime.state))
    figures.usableMs = millis(since: started)
    figures.residentUsableMB = StoreBench.residentMegabytes()
    figures.peakResidentUsableMB = StoreBench.peakResidentMegabytes()
    figures.records = store.state.totalCount
    // The copy is thrown away: closing it would write a snapshot, which is no part of the open.
    if openOnly { return .success(figures) }

    var session = Session(runtime: runtime, backend: backend, store: store, actor: actor, started: started)
    session.idleBeforeFirstFilterMs = idleBeforeFirstFilterMs
    if memorySteps { session.weighSteps() }
    if burst > 0 { session.burst(burst) }
    session.script()
    figures.tallyReadyMs = session.tallyReadyMs
    figures.residentTallyMB = session.residentTallyMB
    figures.idleBeforeFirstFilterMs = session.idleBeforeFirstFilterMs
    figures.rowsWaitMs = session.rowsWaits
    figures.rowsCompleteMs = Section.allCases.compactMap { section in
      runtime.state.listRowsCompleted[section].map { ("\(section)", Double($0 - started) / 1e6) }
    }
    figures.moveMedianBySection = session.moves.map { ($0.name, $0.samples.percentile(0.5)) }
    figures.changedCellsBySection = session.movedCellsBySection.map { section, cells in
      (section, Double(cells.reduce(0, +)) / Double(max(1, cells.count)))
    }
    figures.kinds = session.kinds
    figures.steps = session.steps
    figures.changedCellsPerMove =
      session.movedCells.isEmpty
      ? 0 : Double(session.movedCells.reduce(0, +)) / Double(session.movedCells.count)
    figures.peakResidentMB = StoreBench.peakResidentMegabytes()
    figures.residentAfterMB = StoreBench.residentMegabytes()
    if memorySteps { MemorySteps.note("after the session") }
    try? store.close(now: Date())
    return .success(figures)
  }

  /// The scripted session, interaction by interaction.
  struct Session {
    let runtime: Runtime
    let backend: DiffingBackend
    let store: CommitteeStore
    let actor: ActingUser
    let started: UInt64
    var kinds: [(name: String, samples: Samples)] = []
    /// The kinds' samples by step, for the kinds in `namedKinds`.
    var steps: [(kind: String, steps: [(name: String, samples: Samples)])] = []
    /// One-row moves by section.
    var moves: [(name: String, samples: Samples)] = []
    var tallyReadyMs = 0.0
    var residentTallyMB = 0.0
    var movedCells: [Int] = []
    var movedCellsBySection: [(String, [Int])] = []
    var made = 0
    /// Idle ticks on a list before its first `/`, in milliseconds (0: none).
    var idleBeforeFirstFilterMs = 0
    /// How long each first-visited list took to show its rows after the visit, by section.
    var rowsWaits: [(section: String, ms: Double)] = []

    /// A list visited before its rows were made says how far they are; the session sits on it
    /// (idle ticks, as a user would read the progress line) until they show, so that the moves
    /// after it are moves in the rows.
    mutating func waitForRows() {
      guard runtime.state.isLoadingRows else { return }
      let start = now()
      while runtime.state.isLoadingRows, millis(since: start) < 600_000 {
        usleep(UInt32(runtime.tickMilliseconds) * 1_000)
        let section = "\(runtime.state.section)"
        let took = press(nil, .tick)
        // The tick that takes the rows in (the list carried to the data, filtered, sorted, drawn).
        if !runtime.state.isLoadingRows { record("rows_in", took, step: section) }
      }
      rowsWaits.append(("\(runtime.state.section)", millis(since: start)))
    }

    /// The first time the boards' count is seen done: when, and the memory then.
    mutating func noteTally() {
      guard tallyReadyMs == 0, runtime.state.tally.progress == nil else { return }
      tallyReadyMs = millis(since: started)
      residentTallyMB = StoreBench.residentMegabytes()
    }

    /// The kinds whose samples are also kept by step. Moves are named by section (the first move
    /// after a visit apart: it may make a new page's cells), filter keys by section and key, so
    /// that a slow one can be told from the rest.
    static let namedKinds: Set<String> = [
      "first_visit", "change", "first_visit_after_change", "board_period", "first_filter",
      "first_filter_after_change", "visit", "save_form", "undo", "open_detail", "rows_in", "move", "move_cpu",
      "filter_key",
      "board_drill", "visit_after_burst", "language",
    ]

    mutating func record(_ kind: String, _ milliseconds: Double, step: String) {
      if let index = kinds.firstIndex(where: { $0.name == kind }) {
        kinds[index].samples.values.append(milliseconds)
      } else {
        kinds.append((kind, Samples(values: [milliseconds])))
      }
      guard Self.namedKinds.contains(kind) else { return }
      guard let index = steps.firstIndex(where: { $0.kind == kind }) else {
        steps.append((kind, [(step, Samples(values: [milliseconds]))]))
        return
      }
      if let named = steps[index].steps.firstIndex(where: { $0.name == step }) {
        steps[index].steps[named].samples.values.append(milliseconds)
      } else {
        steps[index].steps.append((step, Samples(values: [milliseconds])))
      }
    }

    /// One event through the runtime and onto the terminal, as one turn of `Runtime.run`.
    /// The step is named by the section shown when the event came and `step` (a key, say).
    @discardableResult
    mutating func press(_ kind: String?, _ event: Event, step: String? = nil) -> Double {
      // As `Runtime.run` does on each tick: a finished background count is taken in.
      runtime.housekeeping()
      noteTally()
      let section = "\(runtime.state.section)"
      let traced = MoveTrace.threshold.map { _ in MoveTrace.now() }
      let startCPU = MoveTrace.threadCPUNanoseconds()
      let start = now()
      runtime.send(.terminal(event))
      let sent = now()
      // The rest of the turn as `Runtime.run` takes it: the background work held back.
      let runtime = runtime
      let backend = backend
      let rest = {
        runtime.syncIfDue()
        let synced = now()
        let canvas = View.render(runtime.state)
        let rendered = now()
        backend.present(canvas)
        return (synced, rendered)
      }
      let (synced, rendered) = runtime.holdingBackground(rest)
      let took = millis(since: start)
      // The main thread's own CPU for the turn: what the app did, apart from the wait for a core
      // (a loaded machine inflates the wall time, not this).
      let cpu = Double(MoveTrace.threadCPUNanoseconds() - startCPU) / 1e6
      if kind == "move" { record("move_cpu", cpu, step: section) }
      if let traced, let threshold = MoveTrace.threshold, took > threshold {
        let phases = [
          ("cpu", cpu), ("send", Double(sent - start) / 1e6), ("sync", Double(synced - sent) / 1e6),
          ("render", Double(rendered - synced) / 1e6), ("present", millis(since: rendered)),
        ]
        let label = "\(kind ?? "tick") \(section) \(step ?? "")"
        FileHandle.standardError.write(
          Data(MoveTrace.line(label, took: took, phases: phases, from: traced, to: MoveTrace.now()).utf8))
      }
      if let kind { record(kind, took, step: step.map { "\(section) \($0)" } ?? section) }
      return took
    }

    mutating func key(_ kind: String?, _ key: Key, step: String? = nil) { press(kind, .key(key), step: step) }

    /// Sits idle for `milliseconds`: a tick (and its housekeeping) every tick interval, as
    /// `Runtime.run` sends them while no key comes.
    mutating func idle(milliseconds: Int) {
      let interval = runtime.tickMilliseconds
      for _ in 0..<max(1, milliseconds / interval) {
        usleep(UInt32(interval) * 1_000)
        press(nil, .tick)
      }
    }

    mutating func type(_ kind: String?, _ text: String) {
      for character in text { press(kind, .key(.character(character)), step: String(character)) }
    }

    /// A change made the way a saved form makes it: through the runtime's effect, then the frame.
    mutating func change(_ kind: String, _ change: Change) {
      let section = "\(runtime.state.section)"
      let start = now()
      runtime.sendEffect(.apply(change, tag: EffectTag(runtime.state.section, "bench")))
      runtime.syncIfDue()
      backend.present(View.render(runtime.state))
      record(kind, millis(since: start), step: "\(section) \(change.benchName)")
    }

    /// The language changed while a section is shown (`Runtime.changeLanguage`), then the frame,
    /// as one turn of `Runtime.run`; named by the section shown and the language changed to.
    mutating func language(_ language: Language) {
      runtime.housekeeping()
      let section = "\(runtime.state.section)"
      let start = now()
      runtime.changeLanguage(to: language)
      let runtime = runtime
      let backend = backend
      runtime.holdingBackground {
        runtime.syncIfDue()
        backend.present(View.render(runtime.state))
      }
      record("language", millis(since: start), step: "\(section) →\(language)")
    }

    /// A visit is named by the section visited (not the one left).
    mutating func visit(_ section: Section, as kind: String) {
      press(kind, .key(.character(section.digit)), step: "→\(section)")
    }

    /// A change that touches records the section shows.
    mutating func changeFor(_ section: Section) -> Change? {
      let state = store.state
      made += 1
      let member = state.members.values.first?.id
      switch section {
      case .overview, .registers, .sectors, .boards, .visits, .reports:
        return .putMember(Member(id: state.newID(), name: "基准委员\(made)", phone: "13800000000"))
      case .consultations:
        return .openConsultation(state.newID(), ConsultationDetails(title: "基准协商\(made)"))
      case .supervision:
        guard let member else { return nil }
        return .proposeSupervisionItem(
          state.newID(), SupervisionProposal(title: "基准监督\(made)", proposers: [member]))
      case .patrols:
        guard let member, let river = state.rivers.values.first?.id else { return nil }
        return .putPatrol(
          Patrol(id: state.newID(), river: river, date: Day(workingDayOf: Date()), members: [member]))
      case .problems:
        guard let consultation = state.consultations.values.first?.id else { return nil }
        return .raiseProblem(
          state.newID(), .consultation(consultation), title: "基准问题\(made)", description: "")
      }
    }

    /// Before the script (`--memory-steps`): the memory once usable, once the boards are counted, and
    /// after each section's first visit with time for its keys to be built, each printed apart.
    mutating func weighSteps() {
      MemorySteps.note("usable")
      _ = runtime.state.tally.waitForCount(seconds: 3600)
      runtime.housekeeping()
      noteTally()
      MemorySteps.note("boards counted")
      for section in Section.allCases {
        visit(section, as: "first_visit")
        idle(milliseconds: 4_000)
        MemorySteps.note("first visit to \(section), keys built")
      }
    }

    /// Before the script (`--burst`): `count` changes one after another from the first tick, while
    /// the long lists' rows are being made, then each such list visited once every one of them is
    /// made. With more changes than the change log keeps, the rows made cannot follow them: what a
    /// visit costs then is how the list makes them again (`visit_after_burst`, then `rows_in`).
    mutating func burst(_ count: Int) {
      press(nil, .tick)
      for _ in 0..<count {
        if let change = changeFor(.registers) { self.change("burst_change", change) }
      }
      let lists: [Section] = [.consultations, .supervision, .patrols, .visits, .reports]
      let start = now()
      while lists.contains(where: { runtime.state.listRowsCompleted[$0] == nil }),
        millis(since: start) < 60_000
      {
        idle(milliseconds: runtime.tickMilliseconds)
      }
      for section in lists {
        visit(section, as: "visit_after_burst")
        waitForRows()
      }
    }

    mutating func script() {
      // Every section once (the first visit builds its rows), and moves in each list.
      for section in Section.allCases {
        visit(section, as: "first_visit")
        waitForRows()
        for index in 0..<20 {
          let took = press("move", .key(.character("j")), step: index == 0 ? "first" : nil)
          movedCells.append(backend.lastChangedCells)
          if let last = movedCellsBySection.indices.last, movedCellsBySection[last].0 == "\(section)" {
            movedCellsBySection[last].1.append(backend.lastChangedCells)
          } else {
            movedCellsBySection.append(("\(section)", [backend.lastChangedCells]))
          }
          if let index = moves.firstIndex(where: { $0.name == "\(section)" }) {
            moves[index].samples.values.append(took)
          } else {
            moves.append(("\(section)", Samples(values: [took])))
          }
        }
        key("move", .character("k"))
      }
      // A change in each section, while it is shown.
      for section in Section.allCases {
        visit(section, as: "visit")
        if let change = changeFor(section) { self.change("change", change) }
      }
      // Every section again: the first visit after a change.
      for section in Section.allCases { visit(section, as: "first_visit_after_change") }
      for section in Section.allCases { visit(section, as: "visit") }
      // Filters with Chinese and Latin text on the problems board and the members register,
      // the first `/` right after a change. The first `/` of all comes after a user's pause on
      // the list (`idleBeforeFirstFilterMs` of idle ticks, `--idle-before-filter`); a large list's search keys are built
      // on another thread from its first visit, and a `/` before they are in waits for the
      // rest of that build. The change then leaves keys to follow.
      for section in [Section.problems, .registers] {
        visit(section, as: "visit")
        if idleBeforeFirstFilterMs > 0 { idle(milliseconds: idleBeforeFirstFilterMs) }
        key("first_filter", .character("/"))
        key(nil, .escape)
        key(nil, .escape)
        visit(section, as: "visit")
        if let change = changeFor(section) { self.change("change", change) }
        key("first_filter_after_change", .character("/"))
        type("filter_key", "社区")
        for _ in 0..<2 { key("filter_key", .backspace, step: "backspace") }
        type("filter_key", "ab")
        for _ in 0..<2 { key("filter_key", .backspace, step: "backspace") }
        key("filter_key", .escape, step: "esc")
        key("filter_key", .escape, step: "esc")
      }
      // The boards' count runs in the background from the start; the period changes below time
      // the boards with their figures, so they wait for it.
      if tallyReadyMs == 0 {
        _ = runtime.state.tally.waitForCount(seconds: 3600)
        runtime.housekeeping()
        noteTally()
      }
      // The boards and the Overview: a change of period (quarter, the one before, a month, all
      // time, back to this year), then a drill-down into a line of the boards and back.
      for section in [Section.boards, .overview] {
        visit(section, as: "visit")
        for (index, typed) in ["p", "[", "p", "p", "y"].enumerated() {
          key("board_period", .character(Character(typed)), step: "\(index + 1):\(typed)")
        }
      }
      visit(.boards, as: "visit")
      key("board_drill", .enter)
      key("back", .escape)
      // Open a detail and go back.
      for section in [Section.consultations, .problems, .registers] {
        visit(section, as: "visit")
        key("open_detail", .enter)
        key("back", .escape)
      }
      // Save a form: a new member through the registers form.
      visit(.registers, as: "visit")
      key("open_form", .character("n"))
      type("form_key", "基准")
      key("save_form", .ctrl("s"))
      key(nil, .escape)
      // Undo, twice, and the sections again.
      key("undo", .character("u"))
      key("undo", .character("u"))
      for section in Section.allCases { visit(section, as: "first_visit_after_change") }
      // The language changed on each list and back: the list shown is drawn in the other language
      // at once (what depends on the language is made again on another thread), and a move
      // right after it is a move.
      for section in Section.allCases {
        visit(section, as: "visit")
        language(.en)
        key("move_after_language", .character("j"))
        language(.zh)
        key("move_after_language", .character("k"))
      }
    }
  }

  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
  static func millis(since start: UInt64) -> Double { Double(now() - start) / 1e6 }
}

extension Change {
  /// The case's name ("putMember"), to name a change's step in the figures.
  fileprivate var benchName: String {
    let described = "\(self)"
    return String(described.prefix { $0 != "(" })
  }
}

/// The C heap's use printed on standard error (`bench app --memory-steps`): glibc's `malloc_stats`,
/// per arena, after the resident size, so that the memory of each step can be told apart.
enum MemorySteps {
  static func note(_ label: String) {
    StoreBench.returnFreeMemory()
    let line = "== \(label): rss \(String(format: "%.1f", StoreBench.residentMegabytes())) MB\n"
    FileHandle.standardError.write(Data(line.utf8))
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_stats") else { return }
    typealias Stats = @convention(c) () -> Void
    unsafeBitCast(symbol, to: Stats.self)()
  }
}
