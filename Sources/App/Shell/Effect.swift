import Domain
import Foundation
import Localization
import TerminalCore

public typealias TerminalEvent = TerminalCore.Event

/// Names one request a screen sent out, so its answer comes back to that screen: the section
/// routes the answer (no string splitting), the request tells the screen which of its requests it
/// was. Screens keep their tags as static constants and compare whole tags.
public struct EffectTag: Hashable, Sendable, CustomStringConvertible {
  public var section: Section
  public var request: String

  public init(_ section: Section, _ request: String) {
    self.section = section
    self.request = request
  }

  public var description: String { "\(section).\(request)" }
}

/// What `update` asks the runtime to do outside the pure world: only I/O (navigation and quitting
/// are state, handled in `Update`). The result of each comes back as an `AppEvent`.
public enum Effect: Equatable, Sendable {
  /// Apply a change to the store (validated by the Domain rules, journaled before it counts).
  case apply(Change, tag: EffectTag)
  /// Undo or redo the last change; the message line announces what.
  case undo
  case redo
  /// Keep the text being edited as a draft (cheap; survives a crash) or drop it once saved.
  case saveDraft(key: String, text: String)
  case discardDraft(key: String)
  /// Write a file (an export); `.fileWritten` answers.
  case writeFile(path: String, contents: Data, tag: EffectTag)
  /// Make a file's contents and write them on another thread (a long list's export): `.fileExporting`
  /// answers at once with the export to follow, `.fileWritten` on the tick after it ends.
  case writeFileMade(path: String, making: FileMaking, tag: EffectTag)
  /// Read a file (an import); `.fileRead` answers.
  case readFile(path: String, tag: EffectTag)
  /// Load the demonstration data (offered on an empty store).
  case loadDemo
  /// Ctrl-Z: stop as a shell job until `fg`.
  case suspend
  /// Read a record's changes from the audit log and show them, each field before and after.
  case showHistory(RecordRef)
  /// Start reading every committee of the shared database in the background, for the read-only
  /// roll-up; `.committeesReading` answers at once with the reading to follow.
  case readCommittees(tag: EffectTag)
}

/// A failure a user can read, in both languages.
public struct UserMessage: Error, Equatable, Sendable {
  public var zh: String
  public var en: String

  public init(zh: String, en: String) {
    self.zh = zh
    self.en = en
  }

  public func text(_ language: Localization.Language) -> String { language == .zh ? zh : en }
}

/// Everything `update` can receive: terminal events and the results of effects.
public enum AppEvent: Equatable, Sendable {
  case terminal(TerminalEvent)
  /// A change was applied (with its summary) or refused (with the reason).
  case applied(EffectTag, Result<String, UserMessage>)
  /// Undo/redo finished: what was undone, or why not.
  case history(Result<String, UserMessage>)
  case fileWritten(EffectTag, path: String, Result<Int, UserMessage>)
  /// A file is being made and written on another thread (`Effect.writeFileMade`).
  case fileExporting(EffectTag, BackgroundExport)
  case fileRead(EffectTag, path: String, Result<Data, UserMessage>)
  /// The store's data changed (after any apply, undo or redo), with the records the change
  /// touched when they are known (nil: unknown, screens rebuild what they derive).
  /// `by`: who made it, when known (an open form names the other person, and does not take this
  /// user's own undo for someone else's change).
  case dataChanged(CommitteeState, touched: [RecordRef]? = nil, by: ChangeAuthor? = nil)
  /// Whether everything shown is on disk.
  case saveState(SaveState)
  /// The roll-up's reading of the shared database's committees has started (or why it cannot).
  case committeesReading(EffectTag, Result<RollupReading, UserMessage>)

  /// The tag of an effect's answer, if this is one.
  public var tag: EffectTag? {
    switch self {
    case .applied(let tag, _), .fileWritten(let tag, _, _), .fileRead(let tag, _, _),
      .committeesReading(let tag, _), .fileExporting(let tag, _):
      tag
    default: nil
    }
  }
}
