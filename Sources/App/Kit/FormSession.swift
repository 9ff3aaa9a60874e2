import Domain
import Localization
import TerminalCore
import Widgets

/// Why a form's values cannot be saved: the field to mark and the message (in the user's language).
public struct FieldRefusal: Error, Equatable, Sendable {
  public var field: FieldID
  public var message: String

  public init(field: FieldID, message: String) {
    self.field = field
    self.message = message
  }

  /// "Required" on a field.
  public static func required(_ field: FieldID, _ language: Language) -> FieldRefusal {
    FieldRefusal(field: field, message: tr("form.error.required", language))
  }
}

/// What one event did to an open form.
public enum FormStep: Equatable, Sendable {
  /// The form stays open; `handled` false: the key was not the form's (a shell key such as F1).
  case open(handled: Bool)
  /// The form closed without saving (Esc with no changes, or changes discarded).
  case closed
  /// The Domain accepts the change: send it (`.apply(change, tag:)`), keep the form until the answer.
  case save(Effect)
}

/// One open form and its whole life: edit; on Ctrl-S (or Enter on the last field) build the
/// change, check it with the Domain (the real actor, the injected clock), and save it as
/// `.apply`; a refusal lands on its field and nothing typed is lost. One Esc rule everywhere:
/// without changes Esc closes, with changes it asks (y/Enter discards, n/Esc goes back).
public struct FormSession: Equatable, Sendable {
  public var form: FormState
  /// Names the save, so the store's answer comes back to this form (`receive`).
  public let tag: EffectTag
  /// Esc with changes: the question is shown and the form's keys wait for the answer.
  public internal(set) var askingToDiscard = false
  /// The Domain's (or the builder's) last refusal, also worth a line on the message bar; cleared
  /// by the next event.
  public internal(set) var refusal: String?
  var confirm = ConfirmState(focus: .no)
  /// The data the form was built from (nil: taken at the form's first event). A save that would
  /// write over someone else's change made since is held back and shown (`clash`).
  public internal(set) var base: EditBase?
  /// Someone else changed the records this save writes since the form opened: what they changed,
  /// and the question whether to save this user's values over it.
  public internal(set) var clash: EditClash?
  /// The field marked with the store's refusal of the last save when it was about no field (the
  /// disk, a lost connection, a number another app took): the next save tries again instead of
  /// being held back until that field is edited, as a Domain refusal on its own field is.
  var markedForNoField: FieldID?
  /// The key the form's fields are kept under as a draft while it is open (`FormDraftKeeper`),
  /// naming the form and its record ("form.patrols.newPatrol"); nil: a form of choices only (a
  /// filter, a period), whose values are not worth keeping.
  public var draftKey: String?

  /// `opened`: the context the form's fields were built from (its data is the form's base).
  /// `draft`: what names this form among the section's forms, for its draft (nil: no draft).
  public init(form: FormState, tag: EffectTag, opened: ScreenContext? = nil, draft: String? = nil) {
    self.form = form
    self.tag = tag
    self.base = opened.map(EditBase.init)
    draftKey = draft.map { FormDraftKeeper.prefix + String(describing: tag.section) + "." + $0 }
  }

  /// The data changed under the open form: when every change since the form's base was this user's
  /// own (an undo or redo with the form open), the base moves to now, so that a colleague's change
  /// after it is shown on saving as theirs alone, without this user's own fields.
  public mutating func followOwnChanges(context: ScreenContext) {
    guard let open = base, open.version != context.dataVersion,
      context.changes.onlyThisUser(since: open.version)
    else { return }
    base = EditBase(context)
  }

  /// The keymap contexts while the form is open.
  public var keyContexts: [KeyContext] { askingToDiscard || clash != nil ? [.dialog] : [.form] }

  /// A raw event. `build` turns the submitted values into a change, or names the field at fault;
  /// `fieldOf` says which field a Domain refusal belongs to (nil: the first field).
  public mutating func handle(
    _ event: TerminalEvent, context: ScreenContext,
    build: ([FieldID: FieldValue]) -> Result<Change, FieldRefusal>,
    fieldOf: (DomainError) -> FieldID? = { _ in nil }
  ) -> FormStep {
    let first = firstField
    return handle(event, context: context) { values in
      switch build(values) {
      case .failure(let refusal): return .refuse(refusal)
      case .success(let change):
        if let error = context.check(change) {
          return .refuse(
            FieldRefusal(field: fieldOf(error) ?? first, message: error.message(in: context.language)))
        }
        return .save(change)
      }
    }
  }

  /// A form that makes no change (a filter, a choice): on submit `use` reads the values and the
  /// form closes.
  public mutating func handle(
    _ event: TerminalEvent, context: ScreenContext, use: ([FieldID: FieldValue]) -> Void
  ) -> FormStep {
    handle(event, context: context) { values in
      use(values)
      return .close
    }
  }

  /// What the submitted values come to.
  enum Submission {
    case save(Change)
    case refuse(FieldRefusal)
    case close
  }

  mutating func handle(
    _ event: TerminalEvent, context: ScreenContext, submit: ([FieldID: FieldValue]) -> Submission
  ) -> FormStep {
    refusal = nil
    if base == nil { base = EditBase(context) }
    if var open = clash {
      guard case .key(let key) = event else { return .open(handled: true) }
      switch open.handle(key, language: context.language) {
      case .confirmed:
        // The user has seen the other person's change: save over it (checked again, so a
        // further change that came meanwhile is asked about too).
        clash = nil
        return outcome(of: submit(form.values), context: context)
      case .cancelled:
        clash = nil
        return .open(handled: true)
      case .handled:
        clash = open
        return .open(handled: true)
      case .ignored: return .open(handled: !key.isShellKey)
      }
    }
    if askingToDiscard {
      guard case .key(let key) = event else { return .open(handled: true) }
      switch discardDialog(context.language).handle(key, state: &confirm) {
      case .confirmed: return .closed
      case .cancelled:
        askingToDiscard = false
        return .open(handled: true)
      case .handled: return .open(handled: true)
      case .ignored: return .open(handled: !key.isShellKey)
      }
    }
    if let marked = markedForNoField, case .key(let key) = event, key == .ctrl("s") || key == .enter {
      form.setError(field: marked, message: nil)
      markedForNoField = nil
    }
    switch form.handle(event) {
    case .handled, .refused: return .open(handled: true)
    case .ignored:
      // Letters stay in the form; keys that are not text (F1, Ctrl-R …) may go to the shell.
      if case .key(let key) = event, key.isShellKey { return .open(handled: false) }
      return .open(handled: true)
    case .cancelled: return .closed
    case .confirmDiscard:
      askingToDiscard = true
      confirm = ConfirmState(focus: .no)
      return .open(handled: true)
    case .submitted(let values):
      return outcome(of: submit(values), context: context)
    }
  }

  mutating func outcome(of submission: Submission, context: ScreenContext) -> FormStep {
    switch submission {
    case .refuse(let refusal):
      refuse(refusal)
      return .open(handled: true)
    case .save(let change):
      if let found = base?.clash(change, context: context) {
        // From now on the form stands on the data it has just been shown against: saving again
        // (or answering yes) writes this user's values over the change they have now seen.
        base = EditBase(context)
        clash = found
        refusal = found.message(context.language)
        return .open(handled: true)
      }
      return .save(.apply(change, tag: tag))
    case .close: return .closed
    }
  }

  /// The store's answer to the save: true when saved (close the form); false when refused (the
  /// message lands on the first field, or `fieldOf`'s, and the form stays open); nil when the
  /// event is not this form's answer.
  public mutating func receive(
    _ event: AppEvent, language: Language, fieldOf: (UserMessage) -> FieldID? = { _ in nil }
  ) -> Bool? {
    guard case .applied(let tag, let result) = event, tag == self.tag else { return nil }
    switch result {
    case .success: return true
    case .failure(let message):
      let field = fieldOf(message)
      refuse(FieldRefusal(field: field ?? firstField, message: message.text(language)))
      markedForNoField = field == nil ? firstField : nil
      return false
    }
  }

  /// Marks a field and puts the focus on it.
  public mutating func refuse(_ refusal: FieldRefusal) {
    form.setError(field: refusal.field, message: refusal.message)
    form.focus(on: refusal.field)
    self.refusal = refusal.message
  }

  var firstField: FieldID { form.fields.first?.id ?? "" }

  func discardDialog(_ language: Language) -> ConfirmDialog {
    ConfirmDialog(
      title: nil, question: tr("kit.form.discardQuestion", language), yesLabel: tr("confirm.yes", language),
      noLabel: tr("confirm.no", language))
  }

  /// Draws the question over the form when one is asked (someone else's change, or discarding).
  public func drawOverlay(into canvas: inout Canvas, area: Rect, language: Language) {
    if let clash {
      clash.draw(into: &canvas, area: area, language: language)
      return
    }
    guard askingToDiscard else { return }
    canvas.cursor = nil
    discardDialog(language).draw(into: &canvas, area: area, state: confirm)
  }
}

extension Key {
  /// A key the shell may take while a form is open: not text (function keys, Ctrl keys).
  var isShellKey: Bool {
    switch self {
    case .function, .ctrl: true
    default: false
    }
  }
}

/// A section's form shown full-screen under its heading (the consultations' and supervision's
/// step forms): its title and its `FormSession`.
protocol TitledForm {
  var title: String { get }
  var session: FormSession { get set }
}

extension TitledForm {
  /// The fields and what is typed in them.
  var state: FormState {
    get { session.form }
    set { session.form = newValue }
  }

  /// The form laid out for the width it is drawn at.
  func resized(to body: Rect) -> Self {
    var form = self
    form.state.resize(width: body.width)
    return form
  }

  /// The heading, the fields under it, and the discard question when it is asked.
  func draw(into canvas: inout Canvas, rect: Rect, language: Language) {
    let (head, body) = rect.splitTop(2)
    canvas.write(" " + title, x: head.x, y: head.y, style: Style(.title, bold: true), limit: head.width)
    state.draw(into: &canvas, in: body)
    session.drawOverlay(into: &canvas, area: rect, language: language)
  }
}
