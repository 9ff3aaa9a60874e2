import Domain
import Foundation
import Localization
import TerminalCore
import Widgets

/// Keeps the fields of the open form as a draft, the way the long-text editors keep theirs: written
/// on a pause (a tick), every `keysPerDraft` keys and on every way out of the app (q, Ctrl-C,
/// SIGTERM, SIGHUP, a closed terminal), thrown away when the form is saved or its changes
/// discarded, and put back into the form when the same form is opened again after a crash, a
/// killed process or a closed terminal. The runtime runs it after each event it answers.
public struct FormDraftKeeper: Sendable {
  /// The start of every form draft's key: the startup question offers the editors' drafts only,
  /// since a form's draft goes back into its form when the form is opened.
  public static let prefix = "form."
  /// Keys typed without a pause before the fields are written anyway.
  public static let keysPerDraft = 24

  /// The form being kept: its section, its draft key, the text last written for it (nil: nothing
  /// on disk), and the keys typed since.
  struct Kept: Sendable, Equatable {
    var section: Section
    var key: String
    var written: String?
    var keys = 0
  }
  private(set) var kept: Kept?
  /// Form drafts left from before, by key: each goes back into its form when that form opens.
  public private(set) var waiting: [String: PendingDraft]

  public init(waiting: [PendingDraft] = []) {
    self.waiting = Dictionary(
      waiting.filter { $0.key.hasPrefix(Self.prefix) }.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// The form drafts among a store's drafts that `actor` may have back.
  public static func waiting(in drafts: [PendingDraft]) -> [PendingDraft] {
    drafts.filter { $0.key.hasPrefix(prefix) }
  }

  /// What to write or throw away after `event`; a form that has just opened gets its kept fields
  /// back (with a line saying so). `leaving`: the app is about to end, write now.
  public mutating func follow(_ state: inout AppState, after event: AppEvent, leaving: Bool = false)
    -> [Effect]
  {
    var effects: [Effect] = []
    // The form kept so far closed (saved, or its changes discarded): its draft has done its work.
    if let current = kept, state.screen(current.section).keptForm?.draftKey != current.key {
      if current.written != nil { effects.append(.discardDraft(key: current.key)) }
      kept = nil
    }
    // A reader's typing is never kept (they are told so); nothing to follow.
    guard state.canWrite else { return effects }
    if kept == nil, let key = state.activeScreen.keptForm?.draftKey {
      kept = Kept(section: state.section, key: key)
      if let draft = waiting.removeValue(forKey: key) {
        // Kept as this form's draft either way: the next one written replaces it, and closing the
        // form removes it, so an unreadable one is not announced again at every start.
        kept?.written = draft.text
        if let fields = FormDraft(text: draft.text) {
          state.withScreen(state.section) { screen in
            guard var session = screen.keptForm else { return }
            session.form.restore(fields)
            screen.keptForm = session
          }
          state.message = Message(
            tr("ux3.formDraft.restored", state.language, Self.when(draft.savedAt, today: state.today)), .info)
        } else {
          state.message = Message(
            tr("lead.formDraft.unreadable", state.language, Self.when(draft.savedAt, today: state.today)),
            .error)
        }
      }
    }
    guard var current = kept, let open = state.screen(current.section).keptForm else {
      return effects
    }
    switch event {
    case .terminal(.key), .terminal(.paste): current.keys += 1
    default: break
    }
    if leaving || event == .terminal(.tick) || current.keys >= Self.keysPerDraft {
      current.keys = 0
      if open.form.hasChanges {
        let text = open.form.draft.text
        if text != current.written {
          effects.append(.saveDraft(key: current.key, text: text))
          current.written = text
        }
      } else if current.written != nil {
        // Typed back to what the form started with: nothing is unsaved.
        effects.append(.discardDraft(key: current.key))
        current.written = nil
      }
    }
    kept = current
    return effects
  }

  /// When a draft was written, as the restored message says it: the time, with the day when it
  /// was not today.
  static func when(_ date: Date, today: Day) -> String {
    let formatter = DateFormatter()
    formatter.timeZone = .working
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = Day(workingDayOf: date) == today ? "HH:mm" : "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }
}

extension FormDraftKeeper {
  /// The sections whose forms have drafts waiting, named for a message ("巡河、走访").
  public static func sectionNames(of drafts: [PendingDraft], _ language: Language) -> String {
    let names = drafts.map { $0.key.dropFirst(prefix.count).prefix { $0 != "." } }
    let sections = Section.allCases.filter { section in names.contains { $0 == String(describing: section) } }
    return sections.map { $0.title(language) }.joined(separator: language == .zh ? "、" : ", ")
  }
}
