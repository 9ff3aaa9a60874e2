import Domain
import Foundation
import Localization
import TerminalCore

public typealias TerminalEvent = TerminalCore.Event

/// What `update` asks the runtime to do outside the pure world (it never does I/O itself).
/// The result of each comes back as an `AppEvent`.
public enum Effect: Equatable, Sendable {
  /// Apply a change to the store (validated by the Domain rules, journaled before it counts).
  /// `tag` names the request, so the screen that asked can tell its answer (`.applied`).
  case apply(Change, tag: String)
  /// Undo or redo the last change; the message line announces what.
  case undo
  case redo
  /// Keep the text being edited as a draft (cheap; survives a crash) or drop it once saved.
  case saveDraft(key: String, text: String)
  case discardDraft(key: String)
  /// Write a file (an export); `.fileWritten` answers.
  case writeFile(path: String, contents: Data, tag: String)
  /// Read a file (an import); `.fileRead` answers.
  case readFile(path: String, tag: String)
  /// Load the demonstration data (offered on an empty store).
  case loadDemo
  /// Show the records of another section (a problem's source, a consultation's problems).
  case navigate(Section, RecordRef?)
  /// Save everything and end the program.
  case quit
  /// Ctrl-Z: stop as a shell job until `fg`.
  case suspend
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
  case applied(tag: String, Result<String, UserMessage>)
  /// Undo/redo finished: what was undone, or why not.
  case history(Result<String, UserMessage>)
  case fileWritten(tag: String, path: String, Result<Int, UserMessage>)
  case fileRead(tag: String, path: String, Result<Data, UserMessage>)
  /// The store's data changed (after any apply, undo or redo).
  case dataChanged(CommitteeState)
  /// Whether everything shown is on disk.
  case saveState(SaveState)
}
