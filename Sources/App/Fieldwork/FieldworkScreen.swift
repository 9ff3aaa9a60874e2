import Domain
import Localization
import TerminalCore
import Widgets

/// A record list of fieldwork (patrols, visits, reports) that also opens forms: a new record, the
/// next step, a problem raised from the record. The list is the kit's; the forms are `FieldworkForm`.
public protocol FieldworkSpec: RecordListSpec {
  /// The form an action opens on the selected record (nil: not this spec's action).
  static func form(for action: Action, on ref: RecordRef?, context: ScreenContext) -> FormOpening?
}

/// What an action's form does: opens, or says why not (the patrol is closed, the role is too low).
public enum FormOpening: Sendable {
  case form(FieldworkForm)
  case refused(Message)
}

/// A fieldwork section's screen: the kit's list, and one open form at a time over it.
public struct FieldworkScreen<Spec: FieldworkSpec>: SectionScreen {
  public internal(set) var list = RecordListScreen<Spec>()
  public internal(set) var form: FieldworkForm?

  public init() {}

  public var capturesText: Bool { form != nil || list.capturesText }
  public var takesRawKeys: Bool { form != nil || list.takesRawKeys }
  public var selectedRef: RecordRef? { list.selectedRef }
  /// The list's table state (selection, sort, filter).
  public internal(set) var table: TableState {
    get { list.table }
    set { list.table = newValue }
  }
  /// The records shown, top to bottom.
  public var shownRefs: [RecordRef] { list.shownRefs }
  /// The record whose detail has the focus.
  public internal(set) var openRecord: RecordRef? {
    get { list.openRecord }
    set { list.openRecord = newValue }
  }
  /// How far the focused detail is scrolled.
  var detailScroll: Int {
    get { list.detailScroll }
    set { list.detailScroll = newValue }
  }

  public func keyContexts(context: ScreenContext) -> [KeyContext] {
    if let form { return form.session.keyContexts }
    return list.keyContexts(context: context)
  }

  public mutating func perform(_ action: Action, key: Key, context: ScreenContext) -> ScreenResult {
    if form == nil,
      let opened = Spec.form(for: action, on: list.openRecord ?? list.selectedRef, context: context)
    {
      switch opened {
      case .form(let form): self.form = form
      case .refused(let message): return ScreenResult(handled: true, message: message)
      }
      return .handled
    }
    return list.perform(action, key: key, context: context)
  }

  public mutating func handle(_ event: TerminalEvent, context: ScreenContext) -> ScreenResult {
    guard var open = form else { return list.handle(event, context: context) }
    let builder = open
    let step = open.session.handle(
      event, context: context, build: { builder.change(from: $0, context: context) },
      fieldOf: { builder.field(for: $0) })
    switch step {
    case .open(let handled):
      form = open
      return handled ? .handled : .ignored
    case .closed:
      form = nil
      return open.session.form.hasChanges ? .say(tr("kit.form.discarded", context.language)) : .handled
    case .save(let effect):
      if case .apply(let change, _) = effect {
        open.created = FieldworkForm.createdRef(change, in: context.data)
      }
      form = open
      return ScreenResult(handled: true, effects: [effect])
    }
  }

  public mutating func receive(_ event: AppEvent, context: ScreenContext) -> ScreenResult {
    guard case .applied(_, let result) = event else { return list.receive(event, context: context) }
    var created: RecordRef?
    if var open = form, let saved = open.session.receive(event, language: context.language) {
      form = saved ? nil : open
      if !saved { return .handled }
      created = open.created
    }
    list.dataDidChange(context: context)
    // A new record is selected, so its next step or its problem is one key away.
    if let created, created.kind != .problem { list.focus(created, context: context) }
    switch result {
    case .success(let summary): return .say(tr("message.saved", context.language, summary), .ok)
    case .failure(let error): return .say(error.text(context.language), .error)
    }
  }

  public mutating func dataDidChange(context: ScreenContext) { list.dataDidChange(context: context) }

  public mutating func focus(_ ref: RecordRef, context: ScreenContext) {
    form = nil
    list.focus(ref, context: context)
  }

  public func draw(into canvas: inout Canvas, rect: Rect, context: ScreenContext) {
    list.draw(into: &canvas, rect: rect, context: context)
    if let form { form.draw(into: &canvas, rect: rect, context: context) }
  }

  public func hints(context: ScreenContext) -> [KeyHint] {
    if form != nil {
      return [
        KeyHint(key: "Ctrl-S", label: tr("action.save", context.language)),
        KeyHint(key: "Esc", label: tr("action.cancel", context.language)),
      ]
    }
    return list.hints(context: context)
  }
}
