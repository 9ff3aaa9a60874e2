import Domain
import Foundation
import Localization
import Store
import TerminalCore
import Widgets

/// A line of feedback under the content: what just happened, or what went wrong.
public struct Message: Equatable, Sendable {
  public enum Kind: Sendable, Equatable { case info, ok, warning, error }
  public var text: String
  public var kind: Kind

  public init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }
}

/// Whether what the user sees is safely on disk.
public enum SaveState: Sendable, Equatable {
  case saved
  case saving
  case unsaved
  case readOnly
}

/// A draft found on start (text typed but never saved, e.g. minutes before a crash).
public struct PendingDraft: Equatable, Sendable {
  public var key: String
  public var text: String
  public var savedAt: Date

  public init(key: String, text: String, savedAt: Date) {
    self.key = key
    self.text = text
    self.savedAt = savedAt
  }
}

/// A question the user must answer before anything else happens.
public enum Dialog: Equatable, Sendable {
  case confirmQuit
  /// The store is empty: load the demonstration data?
  case offerDemo
  /// A draft survived a crash: take it back?
  case offerDraft(PendingDraft)
  /// An export would replace an existing file: write it anyway?
  case confirmOverwrite(path: String, contents: FileContents, tag: EffectTag)
}

/// What an export writes: contents made already, or made on another thread once the user agrees.
public enum FileContents: Equatable, Sendable {
  case data(Data)
  case made(FileMaking)
}

/// The whole state of the application: `update` changes it, `view` draws it.
public struct AppState: Sendable, Equatable {
  /// The smallest terminal the screens are laid out for.
  public static let minimumSize = Size(width: 80, height: 24)

  public var language: Language
  public var size: Size
  public var section: Section = .overview
  /// The sections left by jumps to another section's record (`o`, `p`, a drill-down), most recent
  /// last: Esc with nothing left to clear goes back along them. Choosing a section by hand starts
  /// over, so Esc never takes the user somewhere they did not come from by a jump.
  public var jumpedFrom: [Section] = []
  public var showHelp = false
  /// A record's history from the audit log, shown over the screen (`h` on a record).
  public var recordHistory: RecordHistory?
  /// The user's saved views of the shown screen, or the form naming one (`V`, `'`).
  public var views: SavedViewsPanel?
  public var help = HelpOverlayState()
  public var dialog: Dialog?
  public var confirm = ConfirmState(focus: .yes)
  /// The message line. It holds until the next key the screen or the shell answers without a word
  /// of its own (as a text editor's command line does), so an old warning does not linger over
  /// later work; ticks and answers from effects do not clear it.
  public var message: Message? {
    didSet { messageSerial &+= 1 }
  }
  /// Counts every setting of `message`, so that a key can tell whether it said anything.
  var messageSerial = 0
  public var saveState: SaveState
  /// A write failed for want of space: the status bar says so until space returns.
  public var diskFull = false
  /// The path the user agreed to overwrite, for the one write that follows.
  public var overwriteConfirmed: String?
  /// Local folder or shared database, who else is working, and whether the server is reachable.
  public var presence: StorePresence = .local
  /// The roll-up of the database's committees is offered (`c` on the boards): the store is shared and
  /// the database holds more than one committee.
  public var rollupOffered = false
  /// Set when the app should end; the runtime stops after carrying out the effects.
  public var quitting = false

  public var data: CommitteeState
  public var dataVersion = 0
  /// The records each recent data version touched.
  public var changes = ChangeLog()
  /// Replaced whenever `data` changes.
  public var indexes = SharedIndexes()
  public var today: Day
  /// The injected clock's time as of the event being handled (the runtime sets it), so screens
  /// ask the Domain with the same "now" the store will use.
  public var now: Date
  public var actor: ActingUser
  /// Sections whose screen has not yet seen the latest data: rebuilding a screen's rows is
  /// O(records), so only the shown one follows each change and the others catch up when shown.
  public var staleSections: Set<Section> = []
  /// The boards' counts, shared by the boards and the Overview.
  public var tally = LiveTally()
  /// Drafts still to offer back, one dialog at a time.
  public var pendingDrafts: [PendingDraft] = []
  /// Every draft the user may have back, as `Startup.initialState` read them, for the runtime's
  /// form drafts (then let go of); nil: not read (a state made without `Startup`).
  public var draftsAtStart: [PendingDraft]?

  public var overview = OverviewScreen()
  public var consultations = ConsultationsScreen()
  public var supervision = SupervisionScreen()
  public var patrols = PatrolsScreen()
  public var problems = ProblemsScreen()
  public var registers = RegistersScreen()
  public var sectors = SectorsScreen()
  public var visits = VisitsScreen()
  public var reports = ReportsScreen()
  public var boards = BoardsScreen()

  public init(
    language: Language, size: Size, actor: ActingUser, data: CommitteeState = CommitteeState(),
    today: Day
  ) {
    self.language = language
    self.size = size
    self.actor = actor
    self.data = data
    self.today = today
    self.now = today.noonUTC
    self.saveState = actor.role == nil ? .readOnly : .saved
    // Every screen sees the data when first shown, not in its first `draw`.
    staleSections = Set(Section.allCases)
  }

  /// Whether the terminal is too small to lay out the screens.
  public var isTooSmall: Bool {
    size.width < Self.minimumSize.width || size.height < Self.minimumSize.height
  }

  public var canWrite: Bool { actor.role != nil }

  /// False for a user the system does not know (no passwd entry): no account may ever give them a role.
  public var rereadsRole = true

  /// Takes the actor's role from the data again, so that a session whose account was demoted or
  /// archived (or that was just given one) acts with the role it has now, not the one it started with.
  public mutating func rereadActor() {
    guard rereadsRole else { return }
    let now = data.actor(userName: actor.userName)
    guard now != actor else { return }
    actor = now
    if actor.role == nil {
      saveState = .readOnly
    } else if saveState == .readOnly {
      saveState = .saved
    }
  }

  /// What the screens read.
  public var context: ScreenContext {
    var context = ScreenContext(
      data: data, dataVersion: dataVersion, language: language, today: today, actor: actor, now: now,
      body: ShellLayout.body(size), indexes: indexes, changes: changes, tally: tally.tally)
    context.tallyProgress = tally.progress
    context.rollupOffered = rollupOffered
    return context
  }

  /// The active section's screen, for reading.
  public var activeScreen: any SectionScreen { screen(section) }

  /// A section's screen, for reading.
  public func screen(_ which: Section) -> any SectionScreen {
    switch which {
    case .overview: overview
    case .consultations: consultations
    case .supervision: supervision
    case .patrols: patrols
    case .problems: problems
    case .registers: registers
    case .sectors: sectors
    case .visits: visits
    case .reports: reports
    case .boards: boards
    }
  }

  /// Runs `body` on a section's screen in place.
  public mutating func withScreen<R>(_ which: Section, _ body: (inout any SectionScreen) -> R) -> R {
    switch which {
    case .overview: return Self.mutate(&overview, body)
    case .consultations: return Self.mutate(&consultations, body)
    case .supervision: return Self.mutate(&supervision, body)
    case .patrols: return Self.mutate(&patrols, body)
    case .problems: return Self.mutate(&problems, body)
    case .registers: return Self.mutate(&registers, body)
    case .sectors: return Self.mutate(&sectors, body)
    case .visits: return Self.mutate(&visits, body)
    case .reports: return Self.mutate(&reports, body)
    case .boards: return Self.mutate(&boards, body)
    }
  }

  private static func mutate<S: SectionScreen, R>(_ screen: inout S, _ body: (inout any SectionScreen) -> R)
    -> R
  {
    // Move the screen out first, so the boxed copy is the only owner of its buffers and
    // mutating large row indexes does not copy them.
    var boxed: any SectionScreen = screen
    screen = S()
    let result = body(&boxed)
    if let back = boxed as? S { screen = back }
    return result
  }

  /// Shows a section, bringing its screen up to date with the data first if it fell behind.
  public mutating func show(_ which: Section) {
    section = which
    refreshIfStale(which)
  }

  /// Hands the latest data to a screen that has not seen it yet.
  public mutating func refreshIfStale(_ which: Section) {
    guard staleSections.contains(which) else { return }
    staleSections.remove(which)
    if LiveTally.readers.contains(which) {
      tally.follow(data, dataVersion: dataVersion, changes: changes)
    }
    // A count just started steps aside while the screen builds: on two cores it otherwise takes
    // the time of the first screen of a store just opened (the Overview's water summaries use both).
    let held = tally.holdBackground()
    defer { held?.release() }
    let context = self.context
    withScreen(which) { $0.dataDidChange(context: context) }
  }

  /// The data changed: the shown screen follows now, the others when next shown.
  public mutating func dataDidChange() {
    staleSections = Set(Section.allCases)
    refreshIfStale(section)
  }

  /// A background count of the tally is done: the boards and the Overview read it (the shown one
  /// now, the other when next shown). Called once per tick.
  public mutating func takeFinishedTally() {
    guard tally.hasFinishedCount else { return }
    tally.follow(data, dataVersion: dataVersion, changes: changes)
    staleSections.formUnion(LiveTally.readers)
    refreshIfStale(section)
  }

  /// Starts, once per run, the long kit lists' rows on another thread, one list at a time in the
  /// order of the sections (the first a user most likely visits first), so that a first visit
  /// finds them made or says how far they are. Called on each tick, after the problems' indexes.
  public func prepareListRows() {
    // Asked on every tick: the context is made only the once the builds begin.
    guard indexes.rowsPreparation.beginOnce() else { return }
    let context = self.context
    ConsultationsList.prepareRows(context: context)
    SupervisionList.prepareRows(context: context)
    PatrolsList.prepareRows(context: context)
    VisitsList.prepareRows(context: context)
    ReportsList.prepareRows(context: context)
  }

  /// Whether the shown section's list is waiting for its rows, made on another thread.
  public var isLoadingRows: Bool { loadingRowsMade != nil }

  /// Whether the rows the shown section's list waits for are made; nil: it waits for none.
  var loadingRowsMade: Bool? {
    switch section {
    case .consultations: consultations.list.pending?.isFinished
    case .supervision: supervision.list.pending?.isFinished
    case .patrols: patrols.list.pending?.isFinished
    case .visits: visits.list.pending?.isFinished
    case .reports: reports.list.pending?.isFinished
    default: nil
    }
  }

  /// Once per tick: the shown list takes in its rows made on another thread, when they are.
  mutating func takeFinishedRows() {
    guard loadingRowsMade == true else { return }
    let context = self.context
    withScreen(section) { $0.dataDidChange(context: context) }
  }

  /// When each long list's rows, made on another thread, were done (`DispatchTime` uptime in
  /// nanoseconds), by section: `bench app`'s `rows_complete_ms`.
  public var listRowsCompleted: [Section: UInt64] { indexes.rowsPreparation.completionTimes }

  /// Runs `body` on every section's screen in place.
  public mutating func forEachScreen(_ body: (inout any SectionScreen) -> Void) {
    for which in Section.allCases { withScreen(which, body) }
  }
}
